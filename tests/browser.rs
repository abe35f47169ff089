//! The HTML reports in a real browser: headless Chromium (Debian's
//! `chromium`, installed by `.ci/install-chromium`), driven over the DevTools
//! protocol on a pipe, opens the reports as a reader would and checks that
//!
//! - no request leaves the file and no console message, exception or
//!   dialog occurs (two control pages first show that a request and a
//!   policy violation would be seen);
//! - shared passages are highlighted on both sides, every passage has its
//!   anchor on each side, and hovering one lights its counterpart while a
//!   click brings a far counterpart into view;
//! - the colours are the themes' (light, and dark when the system prefers
//!   it), and with JavaScript off the report still reads and its links still
//!   jump to the counterpart;
//! - a document holding `<script>`, `</style>`, event handlers, a
//!   `javascript:` link and control characters runs nothing and shows them
//!   as text;
//! - the corpus page's heatmaps and pair links work.
//!
//! It saves a screenshot and a printed PDF of each report in
//! `target/tmp/browser/` for a person to look at. Without Chromium the test
//! says so and passes (it runs wherever `.ci/run` installed it).

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use taohua::theme::{Colour, Role, Theme};

const BIN: &str = env!("CARGO_BIN_EXE_taohua");
const EX_2023: &str = "examples/2023_青川市_科协讲话.txt";
const EX_2024: &str = "examples/2024_青川市_科协讲话.txt";
const EX_PROV: &str = "examples/2024_云岭省_科协讲话.txt";

/// How long any one step may take.
const STEP: Duration = Duration::from_secs(20);

/// The browser: `CHROMIUM` if set, else the first of these on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

/// A headless Chromium with one page, driven over `--remote-debugging-pipe`
/// (the protocol's JSON messages, each ended by a NUL byte, on file
/// descriptors 3 and 4 of the browser).
struct Browser {
    child: Child,
    to: ChildStdin,
    from: Receiver<Value>,
    next: u64,
    session: String,
    /// Events seen since the last `take_events`.
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(exe: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        // The shell hands our pipes to the browser as its fds 3 and 4.
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>/dev/null"#)
            .arg(exe)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let to = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, from) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut message = Vec::new();
            while reader.read_until(0, &mut message).is_ok_and(|n| n > 0) {
                message.pop();
                if let Ok(v) = serde_json::from_slice::<Value>(&message) {
                    if tx.send(v).is_err() {
                        break;
                    }
                }
                message.clear();
            }
        });
        let mut b = Browser {
            child,
            to,
            from,
            next: 0,
            session: String::new(),
            events: Vec::new(),
            _profile: profile,
        };
        let target = b.call_on(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target = target["targetId"].as_str().unwrap().to_string();
        let attached = b.call_on(
            None,
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        );
        b.session = attached["sessionId"].as_str().unwrap().to_string();
        for domain in ["Page", "Runtime", "Log", "Network"] {
            b.call(&format!("{domain}.enable"), json!({}));
        }
        b.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
        );
        b
    }

    /// Send a command (to the page unless `session` is None) and wait for
    /// its result, keeping the events that arrive meanwhile.
    fn call_on(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).unwrap();
        self.to.flush().unwrap();
        let deadline = Instant::now() + STEP;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self
                .from
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("{method}: no answer from the browser ({e})"));
            if v["id"] == json!(id) {
                if let Some(err) = v.get("error") {
                    panic!("{method}: {err}");
                }
                return v["result"].clone();
            }
            if v.get("method").is_some() {
                self.events.push(v);
            }
        }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.call_on(Some(&session), method, params)
    }

    /// Wait for an event of `method` (one already seen counts).
    fn wait_for(&mut self, method: &str) {
        if self.events.iter().any(|e| e["method"] == method) {
            return;
        }
        let deadline = Instant::now() + STEP;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self
                .from
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("no {method} ({e})"));
            let hit = v["method"] == method;
            self.events.push(v);
            if hit {
                return;
            }
        }
    }

    /// The value of a JavaScript expression in the page.
    fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{expression}: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Open `url`, wait until it has loaded and settled, and return what
    /// happened on the way.
    fn open(&mut self, url: &str) -> Visit {
        self.events.clear();
        self.call("Page.navigate", json!({"url": url}));
        self.wait_for("Page.loadEventFired");
        // Let late work (timers, lazy loads) show itself.
        std::thread::sleep(Duration::from_millis(300));
        while let Ok(v) = self.from.try_recv() {
            self.events.push(v);
        }
        let mut visit = Visit::default();
        let mut dialogs = 0;
        for e in std::mem::take(&mut self.events) {
            let p = &e["params"];
            match e["method"].as_str().unwrap_or("") {
                "Network.requestWillBeSent" => visit
                    .requests
                    .push(p["request"]["url"].as_str().unwrap_or("").to_string()),
                "Runtime.consoleAPICalled" => visit.messages.push(format!(
                    "console.{}: {}",
                    p["type"].as_str().unwrap_or(""),
                    p["args"]
                )),
                "Runtime.exceptionThrown" => visit
                    .messages
                    .push(format!("exception: {}", p["exceptionDetails"])),
                "Log.entryAdded" => visit.messages.push(format!(
                    "{} {}: {}",
                    p["entry"]["source"].as_str().unwrap_or(""),
                    p["entry"]["level"].as_str().unwrap_or(""),
                    p["entry"]["text"].as_str().unwrap_or("")
                )),
                "Page.javascriptDialogOpening" => {
                    visit.messages.push(format!("dialog: {}", p["message"]));
                    dialogs += 1;
                }
                _ => {}
            }
        }
        for _ in 0..dialogs {
            self.call("Page.handleJavaScriptDialog", json!({"accept": false}));
        }
        visit
    }

    /// Save a screenshot of the viewport.
    fn screenshot(&mut self, path: &Path) {
        let r = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64_decode(r["data"].as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, png).unwrap();
    }

    /// Print the page as the print dialog would (A4 from the page's CSS),
    /// save the PDF and return its page count.
    fn print(&mut self, path: &Path) -> usize {
        let r = self.call(
            "Page.printToPDF",
            json!({"preferCSSPageSize": true, "displayHeaderFooter": false}),
        );
        let pdf = base64_decode(r["data"].as_str().unwrap());
        assert!(pdf.starts_with(b"%PDF-"), "a PDF");
        std::fs::write(path, &pdf).unwrap();
        count(&pdf, b"/Type /Page\n") + count(&pdf, b"/Type /Page ") + count(&pdf, b"/Type /Page>")
    }

    /// Move the mouse to the middle of the element with `id`, scrolled into view.
    fn point_at(&mut self, id: &str) -> (f64, f64) {
        let r = self.eval(&format!(
            "(() => {{ const e = document.getElementById('{id}'); e.scrollIntoView({{block: 'center'}}); const r = e.getClientRects()[0]; return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ));
        let (x, y) = (r[0].as_f64().unwrap(), r[1].as_f64().unwrap());
        self.call(
            "Input.dispatchMouseEvent",
            json!({"type": "mouseMoved", "x": x, "y": y}),
        );
        (x, y)
    }

    fn click(&mut self, (x, y): (f64, f64)) {
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What happened while a page loaded.
#[derive(Debug, Default)]
struct Visit {
    /// Every URL requested, the page's own included.
    requests: Vec<String>,
    /// Console messages, exceptions, log entries and dialogs.
    messages: Vec<String>,
}

impl Visit {
    /// Only the file itself was requested, and nothing was said.
    fn assert_quiet(&self, url: &str) {
        assert_eq!(self.requests, [url], "requests beyond the file itself");
        assert!(self.messages.is_empty(), "{url}: {:#?}", self.messages);
    }
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = s.bytes().filter(|&c| c != b'=').map(value).collect();
    digits
        .chunks(4)
        .flat_map(|c| {
            let n = c
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &d)| n | u32::from(d) << (18 - 6 * i));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(c.len() - 1)
        })
        .collect()
}

/// `taohua ARGS` from the crate root; its standard output.
fn taohua(args: &[&str]) -> Vec<u8> {
    let out = Command::new(BIN)
        // The English interface, whatever the machine's locale.
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn file_url(path: &Path) -> String {
    // Percent-encode what a URL path cannot hold as it is (the browser
    // reports the URL it loaded in this form).
    let mut url = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

/// `rgb(r, g, b)` as computed styles give a theme colour.
fn rgb(theme: &str, role: Role) -> String {
    match Theme::builtin(theme).unwrap().style(role).bg {
        Some(Colour::Rgb(r, g, b)) => format!("rgb({r}, {g}, {b})"),
        other => panic!("{theme}: {role:?} has no 24-bit background: {other:?}"),
    }
}

#[test]
fn reports_in_headless_chromium() {
    let Some(exe) = chromium() else {
        eprintln!("skipped: chromium not found (run .ci/install-chromium, or set CHROMIUM)");
        return;
    };
    let started = Instant::now();
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&shots).unwrap();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();

    // The reports: a pair, a hostile pair, a corpus folder.
    let pair = dir.join("pair.html");
    std::fs::write(
        &pair,
        taohua(&["compare", EX_2023, EX_2024, "--format", "html"]),
    )
    .unwrap();
    let shared = "全市新建院士专家工作站十二家，帮助企业攻克关键技术难题八十六项";
    let hostile_text = format!(
        "<script>window.__pwned=1;alert(1)</script>{shared}\n\
         </style></title><img src=x onerror=\"window.__pwned=2\"><iframe src=\"https://example.invalid/\"></iframe>\n\
         <a href=\"javascript:window.__pwned=3\">点我</a>{shared}。\u{1b}[2J\u{7}\u{202e}\n\
         <meta http-equiv=\"refresh\" content=\"0;url=https://example.invalid/\"><style>body{{display:none}}</style>\n"
    );
    let (ha, hb) = (dir.join("a<script>.txt"), dir.join("b.txt"));
    std::fs::write(&ha, &hostile_text).unwrap();
    std::fs::write(&hb, format!("{hostile_text}另一段文字。\n")).unwrap();
    let hostile = dir.join("hostile.html");
    std::fs::write(
        &hostile,
        taohua(&[
            "compare",
            ha.to_str().unwrap(),
            hb.to_str().unwrap(),
            "--format",
            "html",
        ]),
    )
    .unwrap();
    let corpus = dir.join("corpus");
    taohua(&[
        "corpus",
        EX_2023,
        EX_2024,
        EX_PROV,
        "--format",
        "html",
        "--out",
        corpus.to_str().unwrap(),
    ]);

    let mut b = Browser::launch(&exe);

    // Control pages: a request and a blocked inline script are seen.
    let control = dir.join("control.html");
    std::fs::write(
        &control,
        "<!DOCTYPE html><img src=\"http://127.0.0.1:9/x.png\">",
    )
    .unwrap();
    let seen = b.open(&file_url(&control));
    assert!(
        seen.requests
            .iter()
            .any(|u| u.starts_with("http://127.0.0.1:9/")),
        "{seen:?}"
    );
    std::fs::write(
        &control,
        "<!DOCTYPE html><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'\"><script>1</script>",
    )
    .unwrap();
    let seen = b.open(&file_url(&control));
    assert!(
        !seen.messages.is_empty(),
        "a policy violation is reported: {seen:?}"
    );

    // The pair report.
    let url = file_url(&pair);
    b.open(&url).assert_quiet(&url);
    let json: Value =
        serde_json::from_slice(&taohua(&["compare", EX_2023, EX_2024, "--format", "json"]))
            .unwrap();
    let passages = json["passages"].as_array().unwrap().len();
    let anchors = b.eval(&format!(
        "[...Array({passages}).keys()].filter(k => document.getElementById('L' + k) && document.getElementById('R' + k)).length"
    ));
    assert_eq!(
        anchors,
        json!(passages),
        "every passage anchored on both sides"
    );
    let marked = b.eval("[document.querySelectorAll('table.pair td:first-child a[data-p]').length, document.querySelectorAll('table.pair td:last-child a[data-p]').length]");
    assert!(marked[0].as_u64().unwrap() >= passages as u64, "{marked}");
    assert!(marked[1].as_u64().unwrap() >= passages as u64, "{marked}");
    let summary = b.eval("document.querySelector('[data-key=left_reused]').dataset.value");
    assert_eq!(
        summary.as_str().unwrap(),
        json["summary"]["left_reused"].to_string()
    );
    // The themes' colours, light and dark.
    let exact_bg = "getComputedStyle(document.querySelector('a.x')).backgroundColor";
    assert_eq!(b.eval(exact_bg), json!(rgb("light", Role::Exact)));
    b.call(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    assert_eq!(b.eval(exact_bg), json!(rgb("dark", Role::Exact)));
    b.screenshot(&shots.join("pair-dark.png"));
    b.call(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "light"}]}),
    );
    // Hover a passage: both sides light.
    b.point_at("L20");
    let lit =
        b.eval("['L20', 'R20'].map(id => document.getElementById(id).classList.contains('lit'))");
    assert_eq!(lit, json!([true, true]), "hovering lights the counterpart");
    assert_eq!(
        b.eval("getComputedStyle(document.getElementById('R20')).backgroundColor"),
        json!(rgb("light", Role::Selected))
    );
    b.screenshot(&shots.join("pair-hover.png"));
    // Click the passage whose counterpart lies farthest away (of those
    // shown in their own colours on both sides): it comes into view.
    let far = b.eval(&format!(
        "(() => {{ const el = s => document.getElementById(s), own = (s, k) => (el(s).dataset.p || '').split(' ')[0] === String(k); let best = 0, far = -1; for (let k = 0; k < {passages}; k++) {{ if (!own('L' + k, k) || !own('R' + k, k)) continue; const d = Math.abs(el('L' + k).getBoundingClientRect().top - el('R' + k).getBoundingClientRect().top); if (d > best) {{ best = d; far = k; }} }} return [far, best]; }})()"
    ));
    let k = far[0].as_i64().unwrap();
    assert!(
        far[1].as_f64().unwrap() > 900.0,
        "a moved passage lies a screen away: {far}"
    );
    let at = b.point_at(&format!("L{k}"));
    b.click(at);
    let seen = b.eval(&format!(
        "(() => {{ const r = document.getElementById('R{k}').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && document.getElementById('R{k}').classList.contains('lit'); }})()"
    ));
    let debug = b.eval(&format!("(() => {{ const r = document.getElementById('R{k}').getBoundingClientRect(); return [r.top, r.bottom, innerHeight, document.getElementById('R{k}').className, location.hash, scrollY]; }})()"));
    assert_eq!(
        seen,
        json!(true),
        "a click brings the counterpart into view, lit: {k} {debug}"
    );
    b.screenshot(&shots.join("pair-click.png"));
    b.eval("scrollTo(0, 0)");
    b.screenshot(&shots.join("pair.png"));
    let pages = b.print(&shots.join("pair.pdf"));
    assert!(pages >= 3, "{pages} pages");

    // JavaScript off: the same text, and links still jump to the counterpart.
    b.call(
        "Emulation.setScriptExecutionDisabled",
        json!({"value": true}),
    );
    b.open(&url).assert_quiet(&url);
    let text = b.eval("document.body.innerText.includes('要充分发挥学会的主体作用') && document.querySelectorAll('a[data-p]').length");
    assert!(text.as_u64().unwrap() >= 2 * passages as u64, "{text}");
    let at = b.point_at("L20");
    b.click(at);
    assert_eq!(b.eval("location.hash"), json!("#R20"));
    assert_eq!(
        b.eval("getComputedStyle(document.getElementById('R20')).backgroundColor"),
        json!(rgb("light", Role::Selected)),
        "the counterpart jumped to is lit without a script"
    );
    b.call(
        "Emulation.setScriptExecutionDisabled",
        json!({"value": false}),
    );

    // A hostile document runs nothing and shows its markup as text.
    let url = file_url(&hostile);
    b.open(&url).assert_quiet(&url);
    assert_eq!(b.eval("typeof window.__pwned"), json!("undefined"));
    assert_eq!(
        b.eval("document.querySelectorAll('img, iframe, meta[http-equiv=refresh], table.pair script, table.pair style').length"),
        json!(0)
    );
    let body = b.eval("document.body.innerText");
    let body = body.as_str().unwrap();
    for shown in [
        "<script>window.__pwned=1;alert(1)</script>",
        "<img src=x onerror=\"window.__pwned=2\">",
        "<a href=\"javascript:window.__pwned=3\">",
        "a<script>.txt",
        "␛[2J␇",
    ] {
        assert!(body.contains(shown), "{shown:?} is not shown as text");
    }
    let at = b.point_at("L0");
    b.click(at);
    assert_eq!(b.eval("typeof window.__pwned"), json!("undefined"));
    b.screenshot(&shots.join("hostile.png"));

    // Two real reports the examples know nothing of, when the shared corpus
    // is here: loads quietly, every passage anchored on both sides, the
    // summary as in the JSON, and it prints.
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let (ra, rb) = (
        real.join("2025_安徽省_政府工作报告.txt"),
        real.join("2026_安徽省_政府工作报告.txt"),
    );
    if ra.exists() && rb.exists() {
        let (ra, rb) = (ra.to_str().unwrap(), rb.to_str().unwrap());
        let page = dir.join("real.html");
        std::fs::write(&page, taohua(&["compare", ra, rb, "--format", "html"])).unwrap();
        let json: Value =
            serde_json::from_slice(&taohua(&["compare", ra, rb, "--format", "json"])).unwrap();
        let url = file_url(&page);
        b.open(&url).assert_quiet(&url);
        let n = json["passages"].as_array().unwrap().len();
        let anchors = b.eval(&format!(
            "[...Array({n}).keys()].filter(k => document.getElementById('L' + k) && document.getElementById('R' + k)).length"
        ));
        assert_eq!(anchors, json!(n), "every passage anchored on both sides");
        let figures = b.eval("Object.fromEntries([...document.querySelectorAll('[data-key]')].map(e => [e.dataset.key, e.dataset.value]))");
        for (key, value) in figures.as_object().unwrap() {
            assert_eq!(
                value.as_str().unwrap(),
                json["summary"][key].to_string(),
                "{key}"
            );
        }
        assert_eq!(figures.as_object().unwrap().len(), 5, "{figures}");
        assert!(b.print(&shots.join("real.pdf")) >= 10);
    } else {
        eprintln!("the real pair skipped: {} not found", real.display());
    }

    // The corpus page and a pair report it links to.
    let index = corpus.join("index.html");
    let url = file_url(&index);
    b.open(&url).assert_quiet(&url);
    let cells = b.eval("document.querySelectorAll('svg.heat rect.cell').length");
    assert!(cells.as_u64().unwrap() >= 3, "{cells}");
    let labels =
        b.eval("[...document.querySelectorAll('#heat-region svg text')].map(t => t.textContent)");
    assert!(
        labels.as_array().unwrap().contains(&json!("青川市")),
        "{labels}"
    );
    b.screenshot(&shots.join("corpus.png"));
    b.print(&shots.join("corpus.pdf"));
    let link = b.eval("document.querySelector('#pairs a[href^=\"pairs/\"]').getAttribute('href')");
    let report = corpus.join(link.as_str().unwrap());
    let url = file_url(&report);
    b.open(&url).assert_quiet(&url);
    assert_eq!(
        b.eval("document.querySelector('nav.back a').getAttribute('href')"),
        json!("../index.html")
    );

    eprintln!(
        "browser checks passed in {:.1} s; screenshots and PDFs in {}",
        started.elapsed().as_secs_f64(),
        shots.display()
    );
}
