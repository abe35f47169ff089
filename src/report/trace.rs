//! Trace reports: `taohua.trace/1` JSON (see the JSON contract) and text.
//!
//! The text report opens with what the document is made of (reused = stock +
//! specific, original), then the sources with their shares, then every
//! credited stretch with its source.

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
    facts.push(format!("{} chars", r.doc.chars().len()));
    writeln!(
        out,
        "{}  ({})",
        sanitize(&t.info.path),
        sanitize(&facts.join(" · "))
    )?;
    writeln!(
        out,
        "traced against {} ({} documents; {} candidates, {} compared){}",
        sanitize(&t.library.path().display().to_string()),
        r.library_documents,
        r.candidates.0,
        r.candidates.1,
        if r.itself.is_some() {
            " — the library holds this text; it is not its own source"
        } else {
            ""
        }
    )?;
    let reused = 100.0 * share(r.reused, r.countable);
    let stock = 100.0 * share(r.stock, r.countable);
    writeln!(
        out,
        "\nReused  {reused:.1}% = stock {stock:.1}% + specific {:.1}% · original {:.1}%",
        reused - stock,
        100.0 - reused
    )?;
    writeln!(out, "        counted: {TRACE_COUNTS}")?;
    writeln!(out, "\n── Sources, most characters first ──")?;
    if r.sources.is_empty() {
        writeln!(
            out,
            "   none: no stretch of this document is in the library"
        )?;
    }
    for (k, s) in r.sources.iter().enumerate() {
        let sm = &s.doc.meta;
        writeln!(
            out,
            "{:>4} {:>6.1}% {:>7} chars {:>4} passages  {}  {}",
            k + 1,
            100.0 * share(s.chars, r.countable),
            s.chars,
            s.passages,
            label(&s.doc),
            sanitize(
                &[
                    sm.year.as_ref().map(|f| f.value.to_string()),
                    sm.region.as_ref().map(|f| f.value.clone()),
                    sm.kind.as_ref().map(|f| f.value.clone()),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ")
            )
        )?;
    }
    writeln!(
        out,
        "\n── Passages, in reading order (source number in brackets) ──"
    )?;
    for p in &r.passages {
        writeln!(
            out,
            "{:>7}–{:<7} [{}] {:>4} chars  {}{}",
            p.span.0,
            p.span.1,
            p.source + 1,
            p.chars,
            if p.exact { "" } else { "~ " },
            sanitize(&r.doc.text(p.span))
        )?;
    }
    Ok(())
}
