//! The HTML report of a pair: the two documents side by side, as the pair
//! view shows them, in one self-contained file.
//!
//! From the top: both documents' facts; the summary (reuse on each side,
//! split into stock and specific, what the figure counts, passages and
//! units by kind); the legend; the longest specific passages in a table;
//! then the aligned paragraphs, one row per aligned unit. The rows are the
//! pair view's own (`tui::layout::build_rows`: moved text beside where it
//! came from and a ghost row where it sits, a removed paragraph beside the
//! one that took its place) and so are the marks (`tui::model::PairModel`:
//! which passage covers each character, exact run or bridged edit); changed
//! figures and words are the core's change list of each unit.
//!
//! Each piece of a passage is a link to its counterpart (`#L12` ↔ `#R12`),
//! so without JavaScript a click still jumps there and `:target` lights it;
//! the small script (`pair.js`) lights both sides on hover. A piece lists
//! every passage that covers it (passages may overlap on one side), so each
//! passage lights and is found wherever its text is shown. The whole page is
//! built in one `String` and written once: 1.5–1.8× the two texts' bytes and
//! a few milliseconds for two 20,000-character reports (BENCHMARKS.md).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{escape_into, push_char, stylesheet, thousands, Page, Palette};
use crate::report::summary::{
    document_name, paragraph_at, paragraph_labels, percent, top_passages, PairSummary, SideFigures,
};
use crate::report::{json, round4, PairReport, Side as ReportSide};
use crate::tui::layout::{build_rows, Row};
use crate::tui::model::{PairModel, Side, SideView};
use taohua_core::compare::{Op, Span};

/// The script that lights a passage's counterpart.
const SCRIPT: &str = include_str!("pair.js");

/// What an HTML pair report holds.
#[derive(Debug, Clone, Copy)]
pub struct PairHtml<'a> {
    /// How many of the longest distinctive passages the table lists.
    pub top: usize,
    /// The summary only: no aligned paragraphs.
    pub brief: bool,
    /// The colours.
    pub palette: &'a Palette,
    /// A link back to where the report was opened from: (href, label).
    pub back: Option<(&'a str, &'a str)>,
}

/// Write the HTML report of `report`.
pub fn write(report: &PairReport, opts: &PairHtml, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(render(report, opts).as_bytes())
}

/// The HTML report of `report`, as one string.
pub fn render(report: &PairReport, opts: &PairHtml) -> String {
    let (left, right) = (&report.left, &report.right);
    let bytes = left.doc.chars().len() * 3 + right.doc.chars().len() * 3;
    let mut h = String::with_capacity(bytes * 2 + 16_384);
    let title = format!("{} ↔ {}", document_name(left), document_name(right));
    let css = stylesheet(opts.palette);
    let page = Page {
        title: &title,
        css: &css,
        script: (!opts.brief).then_some(SCRIPT),
    };
    page.open(&mut h);
    if let Some((href, label)) = opts.back {
        h.push_str("<nav class=\"back\"><a href=\"");
        escape_into(&mut h, href);
        h.push_str("\">← ");
        escape_into(&mut h, label);
        h.push_str("</a></nav>\n");
    }
    h.push_str("<header>\n<h1>");
    escape_into(&mut h, &title);
    h.push_str("</h1>\n<div class=\"docs\">\n");
    doc_box(&mut h, "left", left);
    doc_box(&mut h, "right", right);
    h.push_str("</div>\n</header>\n");
    let sum = PairSummary::new(report);
    summary(&mut h, &sum);
    legend(&mut h);
    passages_table(&mut h, report, opts.top);
    if !opts.brief {
        aligned(&mut h, report);
    }
    h.push_str("<footer>Made by taohua from the texts as it extracts them (<code>taohua extract FILE</code>); ¶ numbers are lines of those texts. Shortest passage: ");
    h.push_str(&report.min_chars.to_string());
    h.push_str(" countable characters.</footer>\n");
    page.close(&mut h);
    h
}

fn doc_box(h: &mut String, tag: &str, side: &ReportSide) {
    let m = &side.info.meta;
    h.push_str("<div class=\"doc\"><div class=\"tag\">");
    h.push_str(tag);
    h.push_str("</div>");
    if let Some(t) = &m.title {
        h.push_str("<div class=\"title\" lang=\"zh-CN\">");
        escape_into(h, t);
        h.push_str("</div>");
    }
    h.push_str("<div class=\"path\">");
    escape_into(h, &side.info.path);
    h.push_str("</div><div class=\"facts\" lang=\"zh-CN\">");
    let mut facts: Vec<String> = Vec::new();
    facts.extend(m.year.map(|y| y.to_string()));
    facts.extend(m.region.iter().cloned());
    facts.extend(m.kind.iter().cloned());
    facts.push(format!("{} characters", thousands(side.doc.chars().len())));
    escape_into(h, &facts.join(" · "));
    h.push_str("</div></div>\n");
}

fn summary(h: &mut String, sum: &PairSummary) {
    h.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"figures\">\n<thead><tr><th></th><th class=\"num\">left</th><th class=\"num\">right</th></tr></thead>\n<tbody>\n");
    let share = |h: &mut String, label: &str, key: Option<&str>, f: fn(&SideFigures) -> f64| {
        h.push_str("<tr><th>");
        h.push_str(label);
        h.push_str("</th>");
        for (side, figures) in [("left", &sum.left), ("right", &sum.right)] {
            let value = f(figures);
            h.push_str("<td class=\"num\"");
            if let Some(key) = key {
                h.push_str(&format!(
                    " data-key=\"{side}_{key}\" data-value=\"{}\"",
                    round4(value)
                ));
            }
            h.push('>');
            h.push_str(&percent(value));
            h.push_str("</td>");
        }
        h.push_str("</tr>\n");
    };
    share(h, "reused", Some("reused"), |f| f.reused);
    share(h, "… stock", Some("stock"), |f| f.stock);
    share(h, "… specific", None, |f| f.specific);
    for (label, f) in [
        (
            "countable characters",
            (|f: &SideFigures| f.countable) as fn(&SideFigures) -> usize,
        ),
        ("characters", |f: &SideFigures| f.chars),
    ] {
        h.push_str(&format!(
            "<tr><th>{label}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            thousands(f(&sum.left)),
            thousands(f(&sum.right))
        ));
    }
    h.push_str("<tr><th>specific · stock · not shared</th>");
    for figures in [&sum.left, &sum.right] {
        bar(h, figures);
    }
    h.push_str("</tr>\n</tbody>\n</table>\n<p class=\"note\">Reused: ");
    h.push_str(json::COUNTS);
    h.push_str(&format!(" of at least {} characters; ", sum.min_chars));
    escape_into(h, &sum.stock_means);
    h.push_str("; specific: the rest.</p>\n");
    h.push_str("<dl class=\"counts\"><dt>Passages</dt><dd data-key=\"passages\" data-value=\"");
    h.push_str(&sum.passages.to_string());
    h.push_str("\">");
    h.push_str(&sum.passages_line());
    h.push_str("</dd><dt>Units</dt><dd>");
    h.push_str(&sum.units_line());
    h.push_str("</dd></dl>\n</section>\n");
}

/// A side's reuse as a bar: specific, stock, the rest.
fn bar(h: &mut String, f: &SideFigures) {
    let (d, s) = (100.0 * f.specific, 100.0 * f.stock);
    h.push_str(&format!(
        "<td><svg class=\"bar\" viewBox=\"0 0 100 4\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{} specific, {} stock\">\
         <rect class=\"bx\" width=\"{d:.2}\" height=\"4\"/><rect class=\"bs\" x=\"{d:.2}\" width=\"{s:.2}\" height=\"4\"/>\
         <rect class=\"bn\" x=\"{:.2}\" width=\"{:.2}\" height=\"4\"/></svg></td>",
        percent(f.specific),
        percent(f.stock),
        d + s,
        (100.0 - d - s).max(0.0)
    ));
}

fn legend(h: &mut String) {
    h.push_str(concat!(
        "<section id=\"legend\">\n<h2>Legend</h2>\n<ul class=\"legend\">\n",
        "<li><span class=\"x\">exact</span> shared word for word</li>\n",
        "<li><span class=\"e\">bridged</span> shared over small edits; <span class=\"b\">the edit</span> it bridged</li>\n",
        "<li><span class=\"s\">stock</span> stock language: common in the reference or a slogan of the list, counted apart</li>\n",
        "<li><span class=\"c\">8.5%</span> a figure or word that changed inside an aligned paragraph</li>\n",
        "<li class=\"screen\"><span class=\"lit\">selected</span> a passage and its counterpart: hover, or click to jump</li>\n",
        "</ul>\n<ul class=\"legend\">\n",
        "<li>= identical</li><li>~ 0.84 edited (similarity)</li>",
        "<li>↷ R¶45 moved: its right text sits at ¶45, marked ↶</li>",
        "<li>⇉ split</li><li>⇇ merged</li><li>≠ removed, and the new paragraph in its place</li>",
        "<li>− only left</li><li>+ only right</li>\n",
        "</ul>\n</section>\n",
    ));
}

fn passages_table(h: &mut String, report: &PairReport, top: usize) {
    let order = top_passages(report, top);
    if order.is_empty() {
        return;
    }
    let shown = crate::report::summary::shown_spans(report);
    h.push_str(&format!(
        "<section id=\"top\">\n<h2>The {} longest specific passages</h2>\n<div class=\"wide\"><table class=\"top\">\n",
        order.len()
    ));
    h.push_str("<thead><tr><th class=\"num\">#</th><th class=\"num\">characters</th><th>kind</th><th>left</th><th>right</th><th>text</th></tr></thead>\n<tbody>\n");
    for k in order {
        let p = &report.comparison.passages[k];
        let (kind, class) = if p.exact {
            ("exact", "x")
        } else {
            ("bridged", "e")
        };
        h.push_str(&format!(
            "<tr><td class=\"num\"><a href=\"#L{k}\">{}</a></td><td class=\"num\">{}</td><td><span class=\"{class}\">{kind}</span></td><td>¶{}</td><td>¶{}</td><td class=\"text\" lang=\"zh-CN\">",
            k + 1,
            p.chars,
            paragraph_at(&report.left, p.left.0),
            paragraph_at(&report.right, p.right.0),
        ));
        let left_text = report.left.doc.text(shown[k].0);
        escape_into(h, &left_text);
        let right_text = report.right.doc.text(shown[k].1);
        if right_text != left_text {
            h.push_str("<div class=\"rw\">right: ");
            escape_into(h, &right_text);
            h.push_str("</div>");
        }
        h.push_str("</td></tr>\n");
    }
    h.push_str("</tbody>\n</table></div>\n</section>\n");
}

/// What the aligned rows need while they are written.
struct Rows<'a> {
    model: &'a PairModel,
    labels: (Vec<String>, Vec<String>),
    /// On each side, the passages that cover a character besides the one
    /// it is coloured as (`PairModel::passage_at`, the first): passages may
    /// overlap on one side (a sentence of the left document matched at two
    /// places of the right one), and each must light and be found there.
    others: (Overlaps, Overlaps),
    /// Whether passage k already has its anchor on each side.
    anchored: (Vec<bool>, Vec<bool>),
}

/// For each character of one side covered by more than one passage, the
/// passages after the first (overlaps are few and short: a list per
/// character, found in constant time).
struct Overlaps {
    /// Per character: 0, or 1 + the index of its list.
    at: Vec<u32>,
    lists: Vec<Vec<u32>>,
}

impl Overlaps {
    fn new(model: &PairModel, side: Side) -> Overlaps {
        let view = model.side(side);
        let mut out = Overlaps {
            at: vec![0; view.chars.len()],
            lists: Vec::new(),
        };
        for (k, p) in model.passages.iter().enumerate() {
            let (s, e) = p.span(side);
            for i in s..e {
                let first = view.passage_at.get(i as usize).copied().flatten();
                if first.is_none_or(|f| f as usize == k) {
                    continue;
                }
                let Some(slot) = out.at.get_mut(i as usize) else {
                    continue;
                };
                match out.lists.get_mut((*slot as usize).wrapping_sub(1)) {
                    Some(list) => list.push(k as u32),
                    None => {
                        out.lists.push(vec![k as u32]);
                        *slot = out.lists.len() as u32;
                    }
                }
            }
        }
        out
    }

    /// The passages after the first that cover character `i`.
    fn get(&self, i: u32) -> Option<&Vec<u32>> {
        let slot = *self.at.get(i as usize)?;
        self.lists.get((slot as usize).wrapping_sub(1))
    }
}

fn aligned(h: &mut String, report: &PairReport) {
    let model = PairModel::new(
        (report.left.info, report.left.doc),
        (report.right.info, report.right.doc),
        report.comparison,
        report.leftovers,
    );
    let n = model.passages.len();
    let mut rows = Rows {
        model: &model,
        labels: (
            paragraph_labels(&report.left),
            paragraph_labels(&report.right),
        ),
        others: (
            Overlaps::new(&model, Side::Left),
            Overlaps::new(&model, Side::Right),
        ),
        anchored: (vec![false; n], vec![false; n]),
    };
    h.push_str("<section id=\"aligned\">\n<h2>Aligned paragraphs</h2>\n<table class=\"pair\" lang=\"zh-CN\">\n<colgroup><col class=\"l\"><col class=\"g\"><col class=\"r\"></colgroup>\n<thead><tr><th lang=\"en\">left · ");
    escape_into(h, &report.left.info.path);
    h.push_str("</th><th></th><th lang=\"en\">right · ");
    escape_into(h, &report.right.info.path);
    h.push_str("</th></tr></thead>\n<tbody>\n");
    for row in build_rows(&model, false) {
        rows.row(h, row);
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

impl Rows<'_> {
    fn row(&mut self, h: &mut String, row: Row) {
        let model = self.model;
        match row {
            Row::Unit(k) => {
                let Some(u) = model.units.get(k) else {
                    return;
                };
                let class = match u.op {
                    Op::Match if u.identical() => "same",
                    op => op.name(),
                };
                h.push_str(&format!("<tr id=\"u{k}\" class=\"{class}\">"));
                let changes = |side: Side| -> Vec<Span> {
                    u.changes
                        .iter()
                        .map(|c| if side == Side::Left { c.left } else { c.right })
                        .filter(|(s, e)| s < e)
                        .collect()
                };
                self.cell(h, Side::Left, &u.left, &changes(Side::Left));
                h.push_str("<td class=\"g\">");
                let para = |side| model.first_paragraph(k, side);
                match u.op {
                    Op::Match if u.identical() => h.push_str("= 1.00"),
                    Op::Match => h.push_str(&format!("~ {:.2}", u.similarity)),
                    Op::Related => h.push_str(&format!("≈ {:.2}", u.similarity)),
                    Op::Moved => h.push_str(&format!(
                        "<a href=\"#g{k}\" title=\"moved: the right text sits at ¶{0} of the right document\">↷ R¶{0}</a>",
                        para(Side::Right)
                    )),
                    Op::Split => h.push_str(&format!("⇉ {:.2}", u.similarity)),
                    Op::Merge => h.push_str(&format!("⇇ {:.2}", u.similarity)),
                    Op::Delete => h.push_str("− only L"),
                    Op::Insert => h.push_str("+ only R"),
                }
                h.push_str("</td>");
                self.cell(h, Side::Right, &u.right, &changes(Side::Right));
                h.push_str("</tr>\n");
            }
            Row::Replace { left, right } => {
                h.push_str(&format!("<tr id=\"u{left}\" class=\"replace\">"));
                self.cell(h, Side::Left, model.unit_segments(left, Side::Left), &[]);
                h.push_str("<td class=\"g\">≠ new</td>");
                self.cell(h, Side::Right, model.unit_segments(right, Side::Right), &[]);
                h.push_str("</tr>\n");
            }
            Row::Ghost(k) => {
                let para = |side| model.first_paragraph(k, side);
                h.push_str(&format!(
                    "<tr id=\"g{k}\" class=\"ghost\"><td class=\"fill\"></td><td class=\"g\">↶ moved</td><td><a href=\"#u{k}\">↶ R¶{} was moved: shown beside L¶{}</a></td></tr>\n",
                    para(Side::Right),
                    para(Side::Left)
                ));
            }
            Row::Fold { .. } => {}
        }
    }

    /// One side of a row: its segments, each a paragraph, or the filler.
    fn cell(&mut self, h: &mut String, side: Side, segments: &[usize], changes: &[Span]) {
        if segments.is_empty() {
            h.push_str("<td class=\"fill\"></td>");
            return;
        }
        h.push_str("<td>");
        let view = self.model.side(side);
        for &s in segments {
            let Some(&span) = view.segments.get(s) else {
                continue;
            };
            let label = match side {
                Side::Left => self.labels.0.get(s),
                Side::Right => self.labels.1.get(s),
            };
            h.push_str("<p data-n=\"");
            if let Some(label) = label {
                escape_into(h, label);
            }
            h.push_str("\">");
            self.text(h, side, view, span, changes);
            h.push_str("</p>");
        }
        h.push_str("</td>");
    }

    /// The text of `span` with its passages and changes marked: one piece
    /// per stretch covered by the same passages, each a link to its first
    /// passage's counterpart, listing every passage that covers it; the
    /// first piece of a passage on this side carries its anchor.
    fn text(&mut self, h: &mut String, side: Side, view: &SideView, span: Span, changes: &[Span]) {
        let (this, other) = match side {
            Side::Left => ('L', 'R'),
            Side::Right => ('R', 'L'),
        };
        let (others, anchored) = match side {
            Side::Left => (&self.others.0, &mut self.anchored.0),
            Side::Right => (&self.others.1, &mut self.anchored.1),
        };
        let state = |i: u32| {
            (
                view.passage_at.get(i as usize).copied().flatten(),
                view.in_run.get(i as usize).copied().unwrap_or(false),
                others.get(i),
            )
        };
        let mut changed = Cursor::new(changes);
        let (start, end) = span;
        let mut at = start;
        while at < end {
            let here = state(at);
            let mut stop = at + 1;
            while stop < end && state(stop) == here {
                stop += 1;
            }
            let (first, run, more) = here;
            if let Some(k) = first {
                let class = match self.model.passages.get(k as usize) {
                    _ if !run => "b",
                    Some(pv) if pv.stock => "s",
                    Some(pv) if pv.exact => "x",
                    _ => "e",
                };
                let all: Vec<u32> = std::iter::once(k)
                    .chain(more.into_iter().flatten().copied())
                    .collect();
                // Anchors of the passages that start being shown here: the
                // first on the piece, any other just before it.
                let mut id = None;
                for &p in &all {
                    if let Some(done) = anchored.get_mut(p as usize) {
                        if !*done {
                            *done = true;
                            if id.is_none() {
                                id = Some(p);
                            } else {
                                let _ = write!(h, "<span id=\"{this}{p}\"></span>");
                            }
                        }
                    }
                }
                // Writing to a String cannot fail.
                let _ = write!(h, "<a class=\"{class}\" data-p=\"{k}");
                for p in &all[1..] {
                    let _ = write!(h, " {p}");
                }
                let _ = write!(h, "\" href=\"#{other}{k}\"");
                if let Some(p) = id {
                    let _ = write!(h, " id=\"{this}{p}\"");
                }
                h.push('>');
            }
            // Changed figures inside the piece, each its own element.
            let mut q = at;
            while q < stop {
                let c = changed.covers(q);
                let mut r = q + 1;
                while r < stop && changed.covers(r) == c {
                    r += 1;
                }
                if c {
                    h.push_str("<span class=\"c\">");
                }
                for i in q..r {
                    if let Some(&ch) = view.chars.get(i as usize) {
                        push_char(h, ch);
                    }
                }
                if c {
                    h.push_str("</span>");
                }
                q = r;
            }
            if first.is_some() {
                h.push_str("</a>");
            }
            at = stop;
        }
    }
}

/// Whether positions lie in a unit's changes, asked in reading order: a
/// cursor over the spans (in reading order, as the core lists them), so
/// each character costs a step, not a scan of every change.
struct Cursor<'a> {
    spans: &'a [Span],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(spans: &'a [Span]) -> Cursor<'a> {
        Cursor { spans, at: 0 }
    }

    /// True when `i` lies in one of the spans.
    fn covers(&mut self, i: u32) -> bool {
        // Spans passed end at or before the last position asked; asked
        // before the end of one (out of order), start over.
        if self.at > 0 && self.spans.get(self.at - 1).is_some_and(|&(_, e)| i < e) {
            self.at = 0;
        }
        while self.spans.get(self.at).is_some_and(|&(_, e)| e <= i) {
            self.at += 1;
        }
        self.spans
            .get(self.at)
            .is_some_and(|&(s, e)| s <= i && i < e)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::escape;
    use super::*;
    use crate::app::pair::{DocInfo, PairSession};
    use taohua_core::compare::CompareOptions;

    fn html(a: &str, b: &str, brief: bool) -> String {
        let s = PairSession::new(
            (DocInfo::read("a.txt", a), a),
            (DocInfo::read("b.txt", b), b),
            CompareOptions::default(),
        )
        .unwrap();
        render(
            &s.report(),
            &PairHtml {
                top: 10,
                brief,
                palette: &Palette::System,
                back: None,
            },
        )
    }

    const SHARED: &str = "全市新建院士专家工作站十二家，帮助企业攻克关键技术难题八十六项";

    #[test]
    fn passages_are_marked_and_paired_on_both_sides() {
        let a = format!("甲乙丙丁\n{SHARED}，增长8.5%。\n");
        let b = format!("戊己庚辛\n{SHARED}，增长9.2%。\n");
        let h = html(&a, &b, false);
        assert!(
            h.contains("<a class=\"x\" data-p=\"0\" href=\"#R0\" id=\"L0\">"),
            "{h}"
        );
        assert!(
            h.contains("<a class=\"x\" data-p=\"0\" href=\"#L0\" id=\"R0\">"),
            "{h}"
        );
        assert!(h.contains("<span class=\"c\">8.5%</span>"), "{h}");
        assert!(h.contains("<span class=\"c\">9.2%</span>"), "{h}");
        assert!(h.contains("<script>\"use strict\";"));
        // Brief: no aligned paragraphs, no script.
        let brief = html(&a, &b, true);
        assert!(!brief.contains("data-p="));
        assert!(!brief.contains("<script>"));
        assert!(brief.contains("script-src 'none'"));
    }

    #[test]
    fn the_change_cursor_answers_as_a_scan_would() {
        let spans = [(2, 4), (4, 5), (9, 12)];
        let scan = |i: u32| spans.iter().any(|&(s, e)| s <= i && i < e);
        let mut cursor = Cursor::new(&spans);
        let order: Vec<u32> = (0..14).chain([10, 3, 0, 11, 13, 2]).collect();
        for i in order {
            assert_eq!(cursor.covers(i), scan(i), "{i}");
        }
    }

    #[test]
    fn a_hostile_document_is_shown_as_text() {
        let hostile = format!(
            "<script>alert(1)</script>\n</style><img src=x onerror=alert(2)>{SHARED}\n<a href=\"javascript:alert(3)\">x</a>\u{1b}[2J\n"
        );
        let h = html(&hostile, &hostile, false);
        // Exactly one script element: the report's own.
        assert_eq!(h.matches("<script").count(), 1, "{h}");
        assert_eq!(h.matches("</style").count(), 1);
        assert!(!h.contains("<img"));
        assert!(!h.contains("<a href=\"javascript"));
        assert!(h.contains(&escape("<script>alert(1)</script>")));
        assert!(h.contains("␛[2J"));
        assert!(!h.contains('\u{1b}'));
    }
}
