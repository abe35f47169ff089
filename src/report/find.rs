//! Find reports: `taohua.find/1` JSON (see the JSON contract) and text: one
//! line per document that carries the text, oldest first.

use crate::i18n::msg;
use std::io::{self, Write};

use serde::Serialize;

use super::sanitize;
use crate::app::library::{Hit, Library};

/// The schema string of find reports.
pub const FIND_SCHEMA: &str = "taohua.find/1";

#[derive(Serialize)]
struct JsonHit<'a> {
    id: u32,
    path: &'a str,
    title: Option<&'a str>,
    year: Option<i32>,
    region: Option<&'a str>,
    kind: Option<&'a str>,
    span: (u32, u32),
    exact: bool,
    occurrences: usize,
}

#[derive(Serialize)]
struct JsonFind<'a> {
    schema: &'static str,
    query: &'a str,
    library: String,
    documents: usize,
    hits: Vec<JsonHit<'a>>,
}

/// Write the hits as pretty JSON.
pub fn write_json(lib: &Library, query: &str, hits: &[Hit], out: &mut dyn Write) -> io::Result<()> {
    let v = JsonFind {
        schema: FIND_SCHEMA,
        query: query.trim(),
        library: lib.path().display().to_string(),
        documents: hits.len(),
        hits: hits
            .iter()
            .map(|h| {
                let m = &h.doc.meta;
                JsonHit {
                    id: h.doc.id,
                    path: &h.doc.path,
                    title: m.title.as_deref(),
                    year: m.year.as_ref().map(|f| f.value),
                    region: m.region.as_ref().map(|f| f.value.as_str()),
                    kind: m.kind.as_ref().map(|f| f.value.as_str()),
                    span: h.span,
                    exact: h.exact,
                    occurrences: h.occurrences,
                }
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}

/// Write the hits for people: year, region, kind, file, and the text found
/// with a little of its context.
pub fn write_text(lib: &Library, query: &str, hits: &[Hit], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        msg::find_carry(
            &msg::documents(hits.len()),
            hits.len(),
            &sanitize(query.trim()),
            &sanitize(&lib.path().display().to_string())
        )
    )?;
    for h in hits {
        let m = &h.doc.meta;
        let context = lib
            .text(h.doc.id)
            .ok()
            .flatten()
            .map(|t| snippet(&t, h.span))
            .unwrap_or_default();
        writeln!(
            out,
            "{:>5} {:<8} {:<10} {}{}  {}",
            m.year
                .as_ref()
                .map(|f| f.value.to_string())
                .unwrap_or_default(),
            sanitize(m.region.as_ref().map_or("", |f| f.value.as_str())),
            sanitize(m.kind.as_ref().map_or("", |f| f.value.as_str())),
            sanitize(h.doc.path.rsplit(['/', '\\']).next().unwrap_or(&h.doc.path)),
            match (h.exact, h.occurrences) {
                (false, _) => msg::find_with_edits().to_string(),
                (true, n) if n > 1 => msg::find_times(n),
                _ => String::new(),
            },
            sanitize(&context)
        )?;
    }
    Ok(())
}

/// The found text in `⟦…⟧` with up to 12 characters on each side.
fn snippet(text: &str, (s, e): (u32, u32)) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (s, e) = (s as usize, (e as usize).min(chars.len()));
    let s = s.min(e);
    let from = s.saturating_sub(12);
    let to = (e + 12).min(chars.len());
    let piece = |a: usize, b: usize| -> String {
        chars[a..b]
            .iter()
            .map(|&c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect()
    };
    format!("…{}⟦{}⟧{}…", piece(from, s), piece(s, e), piece(e, to))
}
