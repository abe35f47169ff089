//! Library reports: what an add did, the list of documents (text, JSON
//! `taohua.library/1`, CSV) and `library info` (text, JSON).

use crate::i18n::msg;
use std::io::{self, Write};

use serde::Serialize;

use super::sanitize;
use crate::app::library::{AddSummary, Info, Library, LibraryDoc};

/// The schema string of `library list --format json` and `library info
/// --format json`.
pub const LIBRARY_SCHEMA: &str = "taohua.library/1";

/// One line on what `library add` did.
pub fn write_add(lib: &Library, s: &AddSummary, out: &mut dyn Write) -> io::Result<()> {
    let mut parts = vec![msg::lib_added(s.added)];
    if s.replaced > 0 {
        parts.push(msg::lib_replaced(s.replaced));
    }
    if s.unchanged > 0 {
        parts.push(msg::lib_unchanged(s.unchanged));
    }
    if !s.skipped.is_empty() {
        parts.push(msg::lib_unreadable(s.skipped.len()));
    }
    let total = lib.info().map(|i| i.documents).unwrap_or(0);
    writeln!(
        out,
        "{}",
        msg::lib_now_holds(
            &parts.join(" · "),
            &sanitize(&lib.path().display().to_string()),
            &msg::documents(total)
        )
    )
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    id: u32,
    path: &'a str,
    title: Option<&'a str>,
    year: Option<i32>,
    region: Option<&'a str>,
    kind: Option<&'a str>,
    chars: usize,
    countable: usize,
    added: &'a str,
}

fn json_doc(d: &LibraryDoc) -> JsonDoc<'_> {
    let m = &d.meta;
    JsonDoc {
        id: d.id,
        path: &d.path,
        title: m.title.as_deref(),
        year: m.year.as_ref().map(|f| f.value),
        region: m.region.as_ref().map(|f| f.value.as_str()),
        kind: m.kind.as_ref().map(|f| f.value.as_str()),
        chars: d.chars,
        countable: d.countable,
        added: &d.added,
    }
}

/// The documents as a table for people.
pub fn write_list_text(lib: &Library, docs: &[LibraryDoc], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{} · {}",
        sanitize(&lib.path().display().to_string()),
        msg::documents(docs.len())
    )?;
    {
        use crate::columns::{pad as cpad, Align};
        writeln!(
            out,
            "{} {} {} {} {}  {}",
            cpad(msg::col_id(), 6, Align::Right, false),
            cpad(msg::col_year(), 5, Align::Right, false),
            cpad(msg::col_region(), 10, Align::Left, false),
            cpad(msg::col_kind(), 12, Align::Left, false),
            cpad(msg::col_chars(), 8, Align::Right, false),
            msg::col_path()
        )?;
    }
    for d in docs {
        let m = &d.meta;
        writeln!(
            out,
            "{:>6} {:>5} {} {} {:>8}  {}",
            d.id,
            m.year
                .as_ref()
                .map(|f| f.value.to_string())
                .unwrap_or_default(),
            pad(m.region.as_ref().map_or("", |f| f.value.as_str()), 10),
            pad(m.kind.as_ref().map_or("", |f| f.value.as_str()), 12),
            d.chars,
            sanitize(&d.path)
        )?;
    }
    Ok(())
}

/// `text` padded with spaces to `width` display columns (CJK count two).
fn pad(text: &str, width: usize) -> String {
    let text = sanitize(text);
    let w = unicode_width::UnicodeWidthStr::width(text.as_str());
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

#[derive(Serialize)]
struct JsonList<'a> {
    schema: &'static str,
    library: String,
    documents: Vec<JsonDoc<'a>>,
}

/// The documents as JSON.
pub fn write_list_json(lib: &Library, docs: &[LibraryDoc], out: &mut dyn Write) -> io::Result<()> {
    let v = JsonList {
        schema: LIBRARY_SCHEMA,
        library: lib.path().display().to_string(),
        documents: docs.iter().map(json_doc).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}

/// The documents as CSV (RFC 4180, through the one CSV writer; a byte-order
/// mark when `bom`), one row each.
pub fn write_list_csv(docs: &[LibraryDoc], bom: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = super::csv::CsvWriter::new(out, bom)?;
    csv.record([
        "id",
        "path",
        "title",
        "year",
        "region",
        "kind",
        "chars",
        "countable",
        "added",
    ])?;
    for d in docs {
        let m = &d.meta;
        let opt = |v: Option<&str>| super::sanitize(v.unwrap_or(""));
        csv.record([
            d.id.to_string(),
            super::sanitize(&d.path),
            opt(m.title.as_deref()),
            m.year
                .as_ref()
                .map(|f| f.value.to_string())
                .unwrap_or_default(),
            opt(m.region.as_ref().map(|f| f.value.as_str())),
            opt(m.kind.as_ref().map(|f| f.value.as_str())),
            d.chars.to_string(),
            d.countable.to_string(),
            d.added.to_string(),
        ])?;
    }
    Ok(())
}

/// `library info` for people.
pub fn write_info_text(lib: &Library, info: &Info, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        msg::info_library(&sanitize(&lib.path().display().to_string()))
    )?;
    writeln!(out, "{}", msg::info_documents(info.documents))?;
    writeln!(
        out,
        "{}",
        msg::info_chars(info.chars, info.text_bytes as f64 / 1e6)
    )?;
    writeln!(
        out,
        "{}",
        msg::info_on_disk(
            info.bytes as f64 / 1e6,
            if info.text_bytes > 0 {
                info.bytes as f64 / info.text_bytes as f64
            } else {
                0.0
            },
            info.segments,
        )
    )?;
    let dated: Vec<i32> = info.years.iter().filter_map(|(y, _)| *y).collect();
    let undated: usize = info
        .years
        .iter()
        .filter(|(y, _)| y.is_none())
        .map(|(_, n)| n)
        .sum();
    match (dated.first(), dated.last()) {
        (Some(a), Some(b)) => {
            let undated = if undated > 0 {
                msg::info_undated(undated)
            } else {
                String::new()
            };
            writeln!(out, "{}", msg::info_years(*a, *b, dated.len(), &undated))?
        }
        _ => writeln!(out, "{}", msg::info_years_none())?,
    }
    let list = |groups: &[(Option<String>, usize)]| -> String {
        let shown: Vec<String> = groups
            .iter()
            .take(12)
            .map(|(g, n)| format!("{} {n}", sanitize(g.as_deref().unwrap_or("?"))))
            .collect();
        let more = groups.len().saturating_sub(12);
        if more > 0 {
            format!("{}{}", shown.join(" · "), msg::info_more(more))
        } else {
            shown.join(" · ")
        }
    };
    writeln!(
        out,
        "{}",
        msg::info_regions(info.regions.len(), &list(&info.regions))
    )?;
    writeln!(
        out,
        "{}",
        msg::info_kinds(info.kinds.len(), &list(&info.kinds))
    )
}

#[derive(Serialize)]
struct JsonInfo<'a> {
    schema: &'static str,
    library: String,
    documents: usize,
    chars: u64,
    text_bytes: u64,
    bytes: u64,
    segments: usize,
    years: Vec<JsonCount<Option<i32>>>,
    regions: Vec<JsonCount<Option<&'a str>>>,
    kinds: Vec<JsonCount<Option<&'a str>>>,
}

#[derive(Serialize)]
struct JsonCount<T> {
    value: T,
    documents: usize,
}

/// `library info` as JSON.
pub fn write_info_json(lib: &Library, info: &Info, out: &mut dyn Write) -> io::Result<()> {
    fn count(g: &[(Option<String>, usize)]) -> Vec<JsonCount<Option<&str>>> {
        g.iter()
            .map(|(v, n)| JsonCount {
                value: v.as_deref(),
                documents: *n,
            })
            .collect()
    }
    let v = JsonInfo {
        schema: LIBRARY_SCHEMA,
        library: lib.path().display().to_string(),
        documents: info.documents,
        chars: info.chars,
        text_bytes: info.text_bytes,
        bytes: info.bytes,
        segments: info.segments,
        years: info
            .years
            .iter()
            .map(|(y, n)| JsonCount {
                value: *y,
                documents: *n,
            })
            .collect(),
        regions: count(&info.regions),
        kinds: count(&info.kinds),
    };
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}
