//! The trace screen: the sources of a traced document beside its text, with
//! each passage coloured by the source it is credited to.
//!
//! The left pane lists the sources (share, characters, file, year, region),
//! most characters first; the right pane shows the document, wrapped by
//! display width, passages in the colour of their source (`source-1` …
//! `source-6` in the theme) and the selected source's passages lit. `j`/`k`
//! choose a source, `n`/`N` scroll to its next or previous passage, the page
//! keys scroll the text, and `Enter` opens the pair view on the source and
//! the document; leaving it comes back here.
//!
//! Same shape as the other screens: state plus a pure `update(Input)`,
//! drawing a pure function of the state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};
use ratatui::Frame;

use super::app::{App, Input};
use super::keymap::{Action, Keymap};
use super::words::WordSplitter;
use super::wrap::{char_width, wrap};
use crate::app::library::trace::TraceResult;
use crate::app::library::Library;
use crate::app::pair::{DocInfo, PairSession};
use crate::report::sanitize;
use crate::report::trace::label;
use crate::theme::{Role, Theme, SOURCE_COLOURS};

/// Columns of the sources pane.
const SOURCES_WIDTH: u16 = 44;

/// The trace screen's state.
pub struct TraceApp {
    /// The library the document was traced against (to open pairs).
    library: Library,
    /// The traced document's facts.
    info: DocInfo,
    /// The trace.
    pub result: TraceResult,
    /// The document's text (control characters are made visible when drawn).
    chars: Vec<char>,
    /// For each char of the document, the source it is credited to.
    owner: Vec<Option<u32>>,
    /// For each char of the document, whether it lies in a stock stretch.
    stock: Vec<bool>,
    /// The selected source.
    pub cursor: usize,
    /// First visible line of the text.
    pub top: usize,
    /// Visual lines of the text at the current width, as char ranges.
    lines: Vec<(usize, usize)>,
    /// An open pair view.
    pub pair: Option<Box<App>>,
    /// Help is open.
    pub help: bool,
    /// The user asked to leave.
    pub quit: bool,
    /// Status message.
    pub message: String,
    keymap: Keymap,
    themes: Vec<Theme>,
    theme: usize,
    ambiguous_wide: bool,
    /// Terminal size.
    pub size: (u16, u16),
    splitter: WordSplitter,
}

impl TraceApp {
    /// The trace screen over a trace.
    pub fn new(
        library: Library,
        info: DocInfo,
        result: TraceResult,
        (keymap, themes, ambiguous_wide): (Keymap, Vec<Theme>, bool),
        size: (u16, u16),
        splitter: WordSplitter,
    ) -> TraceApp {
        let chars: Vec<char> = result.doc.chars().to_vec();
        let mut owner = vec![None; chars.len()];
        let mut stock = vec![false; chars.len()];
        for p in &result.passages {
            let (s, e) = (p.span.0 as usize, (p.span.1 as usize).min(owner.len()));
            for slot in owner.iter_mut().take(e).skip(s) {
                *slot = Some(p.source as u32);
            }
            if p.stock {
                stock[s.min(e)..e].fill(true);
            }
        }
        let themes = if themes.is_empty() {
            vec![Theme::default()]
        } else {
            themes
        };
        let mut app = TraceApp {
            library,
            info,
            result,
            chars,
            owner,
            stock,
            cursor: 0,
            top: 0,
            lines: Vec::new(),
            pair: None,
            help: false,
            quit: false,
            message: String::new(),
            keymap,
            themes,
            theme: 0,
            ambiguous_wide,
            size,
            splitter,
        };
        app.relayout();
        app
    }

    fn theme(&self) -> &Theme {
        &self.themes[self.theme % self.themes.len()]
    }

    /// Columns of the text pane.
    fn text_width(&self) -> usize {
        self.size.0.saturating_sub(SOURCES_WIDTH + 1).max(8) as usize
    }

    /// Lines of text on screen.
    fn body_height(&self) -> usize {
        self.size.1.saturating_sub(2).max(1) as usize
    }

    fn relayout(&mut self) {
        let width = self.text_width();
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, &c) in self.chars.iter().enumerate() {
            if c == '\n' {
                for (s, e) in wrap(&self.chars[start..i], width, self.ambiguous_wide) {
                    lines.push((start + s, start + e));
                }
                start = i + 1;
            }
        }
        for (s, e) in wrap(&self.chars[start..], width, self.ambiguous_wide) {
            lines.push((start + s, start + e));
        }
        self.lines = lines;
        self.top = self.top.min(self.max_top());
    }

    fn max_top(&self) -> usize {
        self.lines.len().saturating_sub(self.body_height())
    }

    /// The visual line holding char `pos`.
    fn line_of(&self, pos: usize) -> usize {
        self.lines.partition_point(|l| l.1 <= pos)
    }

    /// Apply one input.
    pub fn update(&mut self, input: Input) {
        if let Some(pair) = self.pair.as_mut() {
            pair.update(input);
            if pair.quit {
                self.pair = None;
            }
            return;
        }
        self.message.clear();
        match input {
            Input::Action(a) => self.act(a),
            Input::Resize { width, height } => {
                self.size = (width, height);
                self.relayout();
            }
            Input::Scroll(n) => self.scroll(n),
            _ => {}
        }
    }

    fn scroll(&mut self, by: isize) {
        self.top = (self.top as isize)
            .saturating_add(by)
            .clamp(0, self.max_top() as isize) as usize;
    }

    fn act(&mut self, a: Action) {
        let page = self.body_height() as isize;
        let sources = self.result.sources.len();
        match a {
            Action::Down => self.cursor = (self.cursor + 1).min(sources.saturating_sub(1)),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::PageDown => self.scroll(page),
            Action::PageUp => self.scroll(-page),
            Action::HalfPageDown => self.scroll(page / 2),
            Action::HalfPageUp => self.scroll(-page / 2),
            Action::Top => self.top = 0,
            Action::Bottom => self.top = self.max_top(),
            Action::NextPassage => self.step(true),
            Action::PrevPassage => self.step(false),
            Action::Open => self.open(),
            Action::NextTheme => self.theme = (self.theme + 1) % self.themes.len(),
            Action::Help => self.help = !self.help,
            Action::Quit => {
                if self.help {
                    self.help = false;
                } else {
                    self.quit = true;
                }
            }
            _ => {
                self.message = "not on this screen: ? lists the keys".into();
            }
        }
    }

    /// Scroll to the selected source's next (or previous) passage.
    fn step(&mut self, forward: bool) {
        let here = self.lines.get(self.top).map_or(0, |l| l.0);
        let mine = self
            .result
            .passages
            .iter()
            .filter(|p| p.source == self.cursor);
        let target = if forward {
            mine.map(|p| p.span.0 as usize).find(|&s| s > here)
        } else {
            mine.map(|p| p.span.0 as usize).rfind(|&s| s < here)
        };
        match target {
            Some(pos) => {
                self.top = self.line_of(pos).min(self.max_top());
            }
            None => {
                self.message = "no further passage of this source".into();
            }
        }
    }

    /// Open the pair view on the selected source (left) and the document.
    fn open(&mut self) {
        let Some(source) = self.result.sources.get(self.cursor) else {
            self.message = "no source: nothing of this document is in the library".into();
            return;
        };
        let text = match self.library.text(source.doc.id) {
            Ok(Some(t)) => t,
            _ => {
                self.message = "the source's text could not be read from the library".into();
                return;
            }
        };
        let src_info = DocInfo {
            path: source.doc.path.clone(),
            meta: source.doc.meta.plain(),
        };
        let doc_text: String = self.result.doc.chars().iter().collect();
        let session = PairSession::new(
            (src_info, &text),
            (self.info.clone(), &doc_text),
            taohua_core::compare::CompareOptions::default(),
        );
        let Ok(session) = session else {
            self.message = "these two documents cannot be compared".into();
            return;
        };
        let app = App::new(
            session.model(),
            self.keymap.clone(),
            self.themes.clone(),
            self.splitter.clone(),
            self.ambiguous_wide,
            self.size,
        );
        self.pair = Some(Box::new(app));
    }
}

/// Draw the trace screen (or the pair view opened from it).
pub fn draw(frame: &mut Frame, app: &TraceApp) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Render into a buffer.
pub fn render(app: &TraceApp, area: Rect, buf: &mut Buffer) {
    if let Some(pair) = &app.pair {
        super::draw::render(pair, area, buf);
        return;
    }
    if area.width < 20 || area.height < 4 {
        return;
    }
    Clear.render(area, buf);
    let style = |role: Role| super::draw::convert(app.theme().style(role));
    let r = &app.result;
    let share = |n: usize| {
        if r.countable == 0 {
            0.0
        } else {
            100.0 * n as f64 / r.countable as f64
        }
    };
    // Header.
    let header = format!(
        " {} · reused {:.1}% (stock {:.1}%) from {} source{} · original {:.1}%",
        sanitize(&app.info.path),
        share(r.reused),
        share(r.stock),
        r.sources.len(),
        if r.sources.len() == 1 { "" } else { "s" },
        100.0 - share(r.reused)
    );
    put_line(
        buf,
        area.x,
        area.y,
        area.width,
        &header,
        style(Role::Focus),
        app,
    );
    // Sources pane.
    let left = SOURCES_WIDTH.min(area.width / 2);
    let body = area.height - 2;
    for (k, s) in r.sources.iter().enumerate().take(body as usize) {
        let meta = &s.doc.meta;
        let line = format!(
            "{:>2} {:>5.1}% {}{}",
            k + 1,
            share(s.chars),
            label(&s.doc),
            meta.region
                .as_ref()
                .map(|f| format!(" · {}", f.value))
                .unwrap_or_default()
        );
        let mut st = style(Role::Source((k % SOURCE_COLOURS as usize) as u8));
        if k == app.cursor {
            st = style(Role::Selected);
        }
        put_line(buf, area.x, area.y + 1 + k as u16, left, &line, st, app);
    }
    if r.sources.is_empty() {
        put_line(
            buf,
            area.x,
            area.y + 1,
            left,
            " no source in the library",
            style(Role::Ghost),
            app,
        );
    }
    // Text pane.
    let x0 = area.x + left + 1;
    let width = area.width.saturating_sub(left + 1);
    for (row, &(s, e)) in app
        .lines
        .iter()
        .skip(app.top)
        .take(body as usize)
        .enumerate()
    {
        let y = area.y + 1 + row as u16;
        let mut col = 0u16;
        for pos in s..e {
            let c = app.chars[pos];
            if c == '\n' || c == '\r' {
                continue;
            }
            let c = crate::report::visible(c);
            let w = char_width(c, app.ambiguous_wide) as u16;
            if col + w > width {
                break;
            }
            let st = match app.owner.get(pos).copied().flatten() {
                Some(src) if src as usize == app.cursor => style(Role::Selected),
                // Stock language is drawn as the pair view draws it, dimmed.
                Some(_) if app.stock.get(pos) == Some(&true) => style(Role::Stock),
                Some(src) => style(Role::Source((src % u32::from(SOURCE_COLOURS)) as u8)),
                None => Style::default(),
            };
            if w > 0 {
                buf[(x0 + col, y)].set_char(c).set_style(st);
                if w == 2 && col + 1 < width {
                    buf[(x0 + col + 1, y)].set_symbol("").set_style(st);
                }
            }
            col += w;
        }
    }
    // Status line.
    let status = if app.message.is_empty() {
        "j/k source · n/N its passages · Enter compare with it · ? help · q quit".to_string()
    } else {
        app.message.clone()
    };
    put_line(
        buf,
        area.x,
        area.y + area.height - 1,
        area.width,
        &status,
        style(Role::Status),
        app,
    );
    if app.help {
        let lines: Vec<String> = app
            .keymap
            .help()
            .iter()
            .map(|h| format!(" {:<14} {}", h.keys, h.description))
            .collect();
        for (i, l) in lines.iter().enumerate().take(area.height as usize - 2) {
            put_line(
                buf,
                area.x,
                area.y + 1 + i as u16,
                area.width,
                l,
                style(Role::Help),
                app,
            );
        }
    }
}

/// Write `text` at (x, y), at most `width` columns, filling the rest with `st`.
fn put_line(buf: &mut Buffer, x: u16, y: u16, width: u16, text: &str, st: Style, app: &TraceApp) {
    let mut col = 0u16;
    for c in text.chars() {
        let w = char_width(c, app.ambiguous_wide) as u16;
        if col + w > width {
            break;
        }
        if w > 0 {
            buf[(x + col, y)].set_char(c).set_style(st);
            if w == 2 {
                buf[(x + col + 1, y)].set_symbol("").set_style(st);
            }
        }
        col += w;
    }
    while col < width {
        buf[(x + col, y)].set_char(' ').set_style(st);
        col += 1;
    }
}
