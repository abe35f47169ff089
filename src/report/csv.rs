//! The one CSV writer every table goes through (a pair's passages and units
//! here; the corpus's pairs, phrases and documents in `corpus.rs`), and the
//! pair tables themselves.
//!
//! RFC 4180: a field is quoted when it holds a comma, a double quote, CR or
//! LF, with its quotes doubled; every record ends with CRLF; one record per
//! row (text fields never hold a line break: passages never cross one, and a
//! unit's segments are joined with ` ‖ `). A UTF-8 byte-order mark comes
//! first unless the caller asks for none (`--no-bom`): without it, Excel on
//! Windows reads the file in the locale's code page and garbles Chinese.
//! Document text goes through [`sanitize`], as in the text report, so a
//! control character in a document never reaches a terminal that shows the
//! file.

use std::io::{self, Write};

use super::summary::{change_text, paragraph_at};
use super::{round4, sanitize, PairReport};

/// The UTF-8 byte-order mark.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// Writes records to a CSV file.
pub(crate) struct CsvWriter<'a> {
    out: &'a mut dyn Write,
    line: String,
}

impl<'a> CsvWriter<'a> {
    /// A writer on `out`, which first gets the byte-order mark when `bom`.
    pub(crate) fn new(out: &'a mut dyn Write, bom: bool) -> io::Result<CsvWriter<'a>> {
        if bom {
            out.write_all(BOM)?;
        }
        Ok(CsvWriter {
            out,
            line: String::new(),
        })
    }

    /// One record.
    pub(crate) fn record<I, S>(&mut self, fields: I) -> io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.line.clear();
        for (k, f) in fields.into_iter().enumerate() {
            if k > 0 {
                self.line.push(',');
            }
            push_field(&mut self.line, f.as_ref());
        }
        self.line.push_str("\r\n");
        self.out.write_all(self.line.as_bytes())
    }
}

/// `field`, quoted when it needs to be.
fn push_field(line: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        line.push('"');
        line.push_str(&field.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(field);
    }
}

/// Which table of a pair `--format csv` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairTable {
    /// One row per shared passage.
    Passages,
    /// One row per aligned unit.
    Units,
}

/// Write one table of a pair as CSV, with a header row.
pub fn write_pair(
    report: &PairReport,
    table: PairTable,
    bom: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut csv = CsvWriter::new(out, bom)?;
    match table {
        PairTable::Passages => passages(report, &mut csv),
        PairTable::Units => units(report, &mut csv),
    }
}

fn passages(report: &PairReport, csv: &mut CsvWriter) -> io::Result<()> {
    csv.record([
        "passage",
        "left_start",
        "left_end",
        "right_start",
        "right_end",
        "left_paragraph",
        "right_paragraph",
        "chars",
        "exact",
        "slogan",
        "stock",
        "commonness",
        "text",
        "right_text",
    ])?;
    for (k, p) in report.comparison.passages.iter().enumerate() {
        csv.record([
            (k + 1).to_string(),
            p.left.0.to_string(),
            p.left.1.to_string(),
            p.right.0.to_string(),
            p.right.1.to_string(),
            paragraph_at(&report.left, p.left.0).to_string(),
            paragraph_at(&report.right, p.right.0).to_string(),
            p.chars.to_string(),
            p.exact.to_string(),
            p.slogan.to_string(),
            p.stock.to_string(),
            p.commonness
                .map(|c| round4(c).to_string())
                .unwrap_or_default(),
            sanitize(&report.left.doc.text(p.left)),
            sanitize(&report.right.doc.text(p.right)),
        ])?;
    }
    Ok(())
}

fn units(report: &PairReport, csv: &mut CsvWriter) -> io::Result<()> {
    csv.record([
        "unit",
        "op",
        "left_paragraphs",
        "right_paragraphs",
        "left_spans",
        "right_spans",
        "similarity",
        "rewritten",
        "changes",
        "left_text",
        "right_text",
    ])?;
    let (l, r) = (&report.left, &report.right);
    for (k, u) in report.comparison.units.iter().enumerate() {
        let (ls, rs) = (l.spans(&u.left), r.spans(&u.right));
        let paragraphs = |side: &super::Side, spans: &[(u32, u32)]| {
            spans
                .iter()
                .map(|s| paragraph_at(side, s.0).to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let spans = |spans: &[(u32, u32)]| {
            spans
                .iter()
                .map(|(s, e)| format!("{s}-{e}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let text = |side: &super::Side, spans: &[(u32, u32)]| {
            spans
                .iter()
                .map(|&s| sanitize(&side.doc.text(s)))
                .collect::<Vec<_>>()
                .join(" ‖ ")
        };
        let changes = u
            .changes
            .iter()
            .map(|ch| {
                format!(
                    "{} → {}",
                    change_text(&l.doc.text(ch.left)),
                    change_text(&r.doc.text(ch.right))
                )
            })
            .collect::<Vec<_>>()
            .join(" · ");
        let similarity = if u.left.is_empty() || u.right.is_empty() {
            String::new()
        } else {
            round4(u.similarity).to_string()
        };
        csv.record([
            (k + 1).to_string(),
            u.op.name().to_string(),
            paragraphs(l, &ls),
            paragraphs(r, &rs),
            spans(&ls),
            spans(&rs),
            similarity,
            u.rewritten.to_string(),
            sanitize(&changes),
            text(l, &ls),
            text(r, &rs),
        ])?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn written(bom: bool, records: &[&[&str]]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut csv = CsvWriter::new(&mut out, bom).unwrap();
        for r in records {
            csv.record(r.iter()).unwrap();
        }
        out
    }

    #[test]
    fn rfc_4180_quoting_and_line_ends() {
        let out = written(
            false,
            &[
                &["a", "b,c", "say \"hi\""],
                &["line\nbreak", "", "中文，逗号"],
            ],
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",,中文，逗号\r\n"
        );
    }

    #[test]
    fn the_byte_order_mark_comes_first_only_when_asked() {
        let with = written(true, &[&["x"]]);
        assert_eq!(&with[..3], &[0xef, 0xbb, 0xbf]);
        assert_eq!(&with[3..], b"x\r\n");
        assert_eq!(written(false, &[&["x"]]), b"x\r\n");
    }
}
