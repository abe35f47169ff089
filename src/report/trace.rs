//! Trace reports: `taohua.trace/1` JSON (see the JSON contract), text,
//! Markdown and HTML.
//!
//! Each opens with what the document is made of (reused = stock + specific,
//! original), then the sources with their shares, then every credited
//! stretch with its source; the HTML report shows the whole document with
//! each stretch coloured by its source.

use crate::i18n::msg;
use std::io::{self, Write};

use serde::Serialize;

use super::{round4, sanitize};
use crate::app::library::trace::TraceResult;
use crate::app::library::{Library, LibraryDoc};
use crate::app::pair::DocInfo;

/// The schema string of trace reports.
pub const TRACE_SCHEMA: &str = "taohua.trace/1";

/// What counts in a trace's shares, stated in every report.
pub const TRACE_COUNTS: &str = "share of the document's countable characters (letters, digits, Han); each character is credited to at most one source: the earliest library document that carries it, ties to the closest in region and kind";

/// Everything a trace report needs.
pub struct TraceReport<'a> {
    /// The traced document's file facts.
    pub info: &'a DocInfo,
    /// The library it was traced against.
    pub library: &'a Library,
    /// The trace.
    pub result: &'a TraceResult,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    path: &'a str,
    title: Option<&'a str>,
    year: Option<i32>,
    region: Option<&'a str>,
    kind: Option<&'a str>,
    chars: usize,
    countable: usize,
    in_library: Option<u32>,
}

#[derive(Serialize)]
struct JsonLibrary {
    path: String,
    documents: usize,
    candidates: usize,
    compared: usize,
}

#[derive(Serialize)]
struct JsonSummary {
    reused: f64,
    stock: f64,
    specific: f64,
    original: f64,
    counts: &'static str,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    id: u32,
    path: &'a str,
    title: Option<&'a str>,
    year: Option<i32>,
    region: Option<&'a str>,
    kind: Option<&'a str>,
    chars: usize,
    share: f64,
    passages: usize,
}

#[derive(Serialize)]
struct JsonPassage {
    span: (u32, u32),
    source: usize,
    source_span: (u32, u32),
    chars: usize,
    exact: bool,
    commonness: Option<f64>,
    stock: bool,
    text: String,
}

#[derive(Serialize)]
struct JsonTrace<'a> {
    schema: &'static str,
    document: JsonDocument<'a>,
    library: JsonLibrary,
    summary: JsonSummary,
    sources: Vec<JsonSource<'a>>,
    passages: Vec<JsonPassage>,
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn source<'a>(d: &'a LibraryDoc, chars: usize, passages: usize, whole: usize) -> JsonSource<'a> {
    let m = &d.meta;
    JsonSource {
        id: d.id,
        path: &d.path,
        title: m.title.as_deref(),
        year: m.year.as_ref().map(|f| f.value),
        region: m.region.as_ref().map(|f| f.value.as_str()),
        kind: m.kind.as_ref().map(|f| f.value.as_str()),
        chars,
        share: round4(share(chars, whole)),
        passages,
    }
}

/// Write the trace as pretty JSON.
pub fn write_json(t: &TraceReport, out: &mut dyn Write) -> io::Result<()> {
    let r = t.result;
    let m = &t.info.meta;
    let reused = share(r.reused, r.countable);
    let v = JsonTrace {
        schema: TRACE_SCHEMA,
        document: JsonDocument {
            path: &t.info.path,
            title: m.title.as_deref(),
            year: m.year,
            region: m.region.as_deref(),
            kind: m.kind.as_deref(),
            chars: r.doc.chars().len(),
            countable: r.countable,
            in_library: r.itself,
        },
        library: JsonLibrary {
            path: t.library.path().display().to_string(),
            documents: r.library_documents,
            candidates: r.candidates.0,
            compared: r.candidates.1,
        },
        summary: JsonSummary {
            reused: round4(reused),
            stock: round4(share(r.stock, r.countable)),
            specific: round4(share(r.reused - r.stock.min(r.reused), r.countable)),
            original: round4(1.0 - reused),
            counts: TRACE_COUNTS,
        },
        sources: r
            .sources
            .iter()
            .map(|s| source(&s.doc, s.chars, s.passages, r.countable))
            .collect(),
        passages: r
            .passages
            .iter()
            .map(|p| JsonPassage {
                span: p.span,
                source: p.source,
                source_span: p.source_span,
                chars: p.chars,
                exact: p.exact,
                commonness: p.commonness.map(round4),
                stock: p.stock,
                text: r.doc.text(p.span),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}

/// A source's short name: its file name without `.txt`.
pub(crate) fn label(d: &LibraryDoc) -> String {
    let name = d.path.rsplit(['/', '\\']).next().unwrap_or(&d.path);
    sanitize(name.trim_end_matches(".txt"))
}

/// Write the trace for people.
pub fn write_text(t: &TraceReport, out: &mut dyn Write) -> io::Result<()> {
    let r = t.result;
    let m = &t.info.meta;
    let mut facts: Vec<String> = Vec::new();
    facts.extend(m.year.map(|y| y.to_string()));
    facts.extend(m.region.iter().cloned());
    facts.extend(m.kind.iter().cloned());
    facts.push(msg::text_chars(r.doc.chars().len()));
    writeln!(
        out,
        "{}  ({})",
        sanitize(&t.info.path),
        sanitize(&facts.join(" · "))
    )?;
    writeln!(out, "{}", sanitize(&against(t)))?;
    let reused = 100.0 * share(r.reused, r.countable);
    let stock = 100.0 * share(r.stock, r.countable);
    writeln!(
        out,
        "{}",
        msg::tr_reused(reused, stock, reused - stock, 100.0 - reused)
    )?;
    writeln!(out, "{}", msg::tr_counted())?;
    writeln!(out, "{}", msg::tr_sources_heading())?;
    if r.sources.is_empty() {
        writeln!(out, "{}", msg::tr_no_sources())?;
    }
    for (k, s) in r.sources.iter().enumerate() {
        writeln!(
            out,
            "{}",
            msg::tr_source_row(
                k + 1,
                100.0 * share(s.chars, r.countable),
                s.chars,
                s.passages,
                &label(&s.doc),
                &sanitize(&facts_of(&s.doc))
            )
        )?;
    }
    writeln!(out, "{}", msg::tr_passages_heading())?;
    for p in &r.passages {
        writeln!(
            out,
            "{}",
            msg::tr_passage_row(
                p.span.0,
                p.span.1,
                p.source + 1,
                p.chars,
                if p.exact { "" } else { "~ " },
                &sanitize(&r.doc.text(p.span))
            )
        )?;
    }
    Ok(())
}

/// `traced against LIB (N documents; C candidates, K compared)`.
fn against(t: &TraceReport) -> String {
    let r = t.result;
    msg::tr_against(
        &t.library.path().display().to_string(),
        r.library_documents,
        r.candidates.0,
        r.candidates.1,
        if r.itself.is_some() {
            msg::tr_itself()
        } else {
            ""
        },
    )
}

/// A source's year, region and kind, joined.
fn facts_of(d: &LibraryDoc) -> String {
    let m = &d.meta;
    [
        m.year.as_ref().map(|f| f.value.to_string()),
        m.region.as_ref().map(|f| f.value.clone()),
        m.kind.as_ref().map(|f| f.value.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

/// The kind of a credited stretch, in words: stock, exact or bridged.
fn passage_kind(p: &crate::app::library::trace::TracePassage) -> &'static str {
    if p.stock {
        msg::tr_stock()
    } else if p.exact {
        msg::tr_exact()
    } else {
        msg::tr_edited()
    }
}

/// The document's name as the reports head it.
fn document_title(t: &TraceReport) -> String {
    t.info.meta.title.clone().unwrap_or_else(|| {
        t.info
            .path
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or("")
            .to_string()
    })
}

/// The Markdown report: the summary, the sources table and the passages
/// table, for pasting into notes, issues and papers.
pub fn write_md(t: &TraceReport, out: &mut dyn Write) -> io::Result<()> {
    use super::markdown::cell;
    let r = t.result;
    writeln!(out, "# {}\n", cell(&msg::tr_title(&document_title(t))))?;
    writeln!(out, "{}\n", cell(&against(t)))?;
    let reused = 100.0 * share(r.reused, r.countable);
    let stock = 100.0 * share(r.stock, r.countable);
    writeln!(
        out,
        "**{}**\n\n{}\n",
        msg::tr_summary(reused, stock, reused - stock, 100.0 - reused),
        cell(msg::tr_counts())
    )?;
    writeln!(out, "## {}\n", msg::tr_sources())?;
    if r.sources.is_empty() {
        writeln!(out, "{}\n", msg::tr_no_sources().trim())?;
    } else {
        writeln!(
            out,
            "{}\n|--:|--:|--:|--:|---|---|",
            msg::tr_sources_header()
        )?;
        for (k, s) in r.sources.iter().enumerate() {
            writeln!(
                out,
                "| {} | {:.1}% | {} | {} | {} | {} |",
                k + 1,
                100.0 * share(s.chars, r.countable),
                s.chars,
                s.passages,
                cell(&label(&s.doc)),
                cell(&facts_of(&s.doc))
            )?;
        }
        writeln!(out)?;
    }
    if !r.passages.is_empty() {
        writeln!(out, "## {}\n", msg::tr_passages())?;
        writeln!(out, "{}\n|---|--:|--:|---|---|", msg::tr_passages_header())?;
        for p in &r.passages {
            writeln!(
                out,
                "| {}–{} | {} | {} | {} | {} |",
                p.span.0,
                p.span.1,
                p.source + 1,
                p.chars,
                passage_kind(p),
                cell(&r.doc.text(p.span))
            )?;
        }
    }
    Ok(())
}

/// Colours of the sources in the HTML report, in turn (the first sources
/// most apart); stock stretches are drawn faint whatever their source.
const SOURCE_COLOURS: [&str; 8] = [
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999",
];

/// The HTML report: one self-contained page with the summary, the sources
/// (each with its colour) and the whole document, each credited stretch
/// marked in its source's colour with the source in its title; readable
/// without a script, printable.
pub fn write_html(t: &TraceReport, out: &mut dyn Write) -> io::Result<()> {
    use super::html::{escape_into, stylesheet, Page, Palette};
    let r = t.result;
    let title = msg::tr_title(&document_title(t));
    let mut css = stylesheet(&Palette::System);
    for (k, c) in SOURCE_COLOURS.iter().enumerate() {
        css.push_str(&format!(
            ".src{k}{{background:{c}55;border-bottom:2px solid {c}}}.key{k}{{display:inline-block;width:1em;height:1em;background:{c}}}"
        ));
    }
    css.push_str(
        "mark.stock{opacity:.55}.doc{white-space:pre-wrap;line-height:1.8}mark{color:inherit}",
    );
    let page = Page {
        title: &title,
        css: &css,
        script: None,
    };
    let mut h = String::with_capacity(r.doc.chars().len() * 4 + 8192);
    page.open(&mut h);
    h.push_str("<main>\n<h1>");
    escape_into(&mut h, &title);
    h.push_str("</h1>\n<p>");
    escape_into(&mut h, &against(t));
    let reused = 100.0 * share(r.reused, r.countable);
    let stock = 100.0 * share(r.stock, r.countable);
    h.push_str("</p>\n<p><strong>");
    escape_into(
        &mut h,
        &msg::tr_summary(reused, stock, reused - stock, 100.0 - reused),
    );
    h.push_str("</strong></p>\n<p class=\"note\">");
    escape_into(&mut h, msg::tr_counts());
    h.push_str("</p>\n<h2>");
    escape_into(&mut h, msg::tr_sources());
    h.push_str("</h2>\n");
    if r.sources.is_empty() {
        h.push_str("<p>");
        escape_into(&mut h, msg::tr_no_sources().trim());
        h.push_str("</p>\n");
    } else {
        h.push_str("<table>\n<thead><tr>");
        for head in msg::tr_sources_header().trim_matches('|').split('|') {
            h.push_str("<th>");
            escape_into(&mut h, head.trim());
            h.push_str("</th>");
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for (k, s) in r.sources.iter().enumerate() {
            let colour = k % SOURCE_COLOURS.len();
            h.push_str(&format!(
                "<tr id=\"src-{}\"><td><span class=\"key{colour}\"></span> {}</td><td>{:.1}%</td><td>{}</td><td>{}</td><td>",
                k + 1,
                k + 1,
                100.0 * share(s.chars, r.countable),
                s.chars,
                s.passages
            ));
            escape_into(&mut h, &label(&s.doc));
            h.push_str("</td><td>");
            escape_into(&mut h, &facts_of(&s.doc));
            h.push_str("</td></tr>\n");
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("<h2>");
    escape_into(&mut h, msg::tr_document());
    h.push_str("</h2>\n<div class=\"doc\">");
    let chars = r.doc.chars();
    // Line breaks stay line breaks (the block keeps white space); other
    // control characters are shown as symbols.
    let text = |h: &mut String, cs: &[char]| {
        for &c in cs {
            match c {
                '\n' => h.push('\n'),
                '\r' => {}
                c => super::html::push_char(h, c),
            }
        }
    };
    let mut at = 0usize;
    for p in &r.passages {
        let (start, end) = (p.span.0 as usize, (p.span.1 as usize).min(chars.len()));
        if start < at || start >= end {
            continue;
        }
        text(&mut h, &chars[at..start]);
        let colour = p.source % SOURCE_COLOURS.len();
        h.push_str(&format!(
            "<mark class=\"src{colour}{}\" title=\"",
            if p.stock { " stock" } else { "" }
        ));
        escape_into(
            &mut h,
            &msg::tr_passage_title(p.source + 1, p.chars, passage_kind(p)),
        );
        h.push_str("\">");
        text(&mut h, &chars[start..end]);
        h.push_str("</mark>");
        at = end;
    }
    text(&mut h, &chars[at.min(chars.len())..]);
    h.push_str("</div>\n</main>\n");
    page.close(&mut h);
    out.write_all(h.as_bytes())
}
