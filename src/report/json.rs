//! `taohua.compare/1` JSON (see `docs/json.md` in the shared docs): field names
//! and meanings are a promise to scripts; fields may be added, never renamed.

use serde::Serialize;

use super::{round4, PairReport, Side};
use taohua_core::compare::Span;

/// The schema string of pair reports.
pub(crate) const COMPARE_SCHEMA: &str = "taohua.compare/1";

#[derive(Serialize)]
struct Doc<'a> {
    path: &'a str,
    title: Option<&'a str>,
    year: Option<i32>,
    region: Option<&'a str>,
    kind: Option<&'a str>,
    chars: usize,
    countable: usize,
    /// The region as the division table knows it (its full path), from the
    /// metadata or the places the text names; null when unknown.
    division: Option<String>,
}

#[derive(Serialize)]
struct Summary {
    left_reused: f64,
    right_reused: f64,
    passages: usize,
    left_reused_distinctive: f64,
    right_reused_distinctive: f64,
    slogan_passages: usize,
    /// Share of the left document's countable characters inside stock
    /// passages (a part of left_reused).
    left_stock: f64,
    right_stock: f64,
    /// What stock language was measured against (null: the slogan list only).
    reference: Option<Reference>,
    min_chars: usize,
    counts: &'static str,
}

#[derive(Serialize)]
struct Reference {
    name: String,
    documents: usize,
}

#[derive(Serialize)]
struct Unit {
    op: &'static str,
    left: Vec<Span>,
    right: Vec<Span>,
    similarity: f64,
    /// Pieces of one split or merge whose pieces went apart share a group
    /// number; absent for every other unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<u32>,
    /// What changed inside the unit (see README: JSON).
    changes: Vec<Change>,
    /// True when the sides differ too much for a change list.
    rewritten: bool,
}

#[derive(Serialize)]
struct Change {
    left: Span,
    right: Span,
    left_text: String,
    right_text: String,
}

#[derive(Serialize)]
struct Passage {
    left: Span,
    right: Span,
    chars: usize,
    exact: bool,
    slogan: bool,
    text: String,
    right_text: String,
    commonness: Option<f64>,
    stock: bool,
}

/// A string consistently replaced (see README: Substitutions).
#[derive(Serialize)]
struct Substitution {
    left: String,
    right: String,
    count: usize,
    kind: &'static str,
    /// Each occurrence's spans.
    occurrences: Vec<Occurrence>,
}

#[derive(Serialize)]
struct Occurrence {
    left: Span,
    right: Span,
}

/// A name left behind (see README: Names left behind).
#[derive(Serialize)]
struct Leftover {
    side: &'static str,
    span: Span,
    text: String,
    place: Option<String>,
    why: &'static str,
}

#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    left: Doc<'a>,
    right: Doc<'a>,
    summary: Summary,
    units: Vec<Unit>,
    passages: Vec<Passage>,
    substitutions: Vec<Substitution>,
    leftovers: Vec<Leftover>,
}

/// What the copy ratios count, stated in every report.
pub(crate) const COUNTS: &str =
    "share of countable characters (letters, digits, Han; not punctuation or white space) inside shared passages";

fn doc<'a>(side: &Side<'a>, division: Option<taohua_core::places::Place>) -> Doc<'a> {
    let m = &side.info.meta;
    Doc {
        path: &side.info.path,
        title: m.title.as_deref(),
        year: m.year,
        region: m.region.as_deref(),
        kind: m.kind.as_deref(),
        chars: side.doc.chars().len(),
        countable: side.doc.countable(),
        division: division.map(|p| p.path()),
    }
}

/// Write the report as pretty JSON followed by a newline.
pub fn write(report: &PairReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let c = report.comparison;
    let value = Report {
        schema: COMPARE_SCHEMA,
        left: doc(&report.left, report.leftovers.left_region),
        right: doc(&report.right, report.leftovers.right_region),
        summary: Summary {
            left_reused: round4(c.left.ratio()),
            right_reused: round4(c.right.ratio()),
            passages: c.passages.len(),
            left_reused_distinctive: round4(c.left.distinctive_ratio()),
            right_reused_distinctive: round4(c.right.distinctive_ratio()),
            slogan_passages: c.passages.iter().filter(|p| p.slogan).count(),
            left_stock: round4(c.left.stock_ratio()),
            right_stock: round4(c.right.stock_ratio()),
            reference: c.reference.as_ref().map(|r| Reference {
                name: r.name.clone(),
                documents: r.documents,
            }),
            min_chars: report.min_chars,
            counts: COUNTS,
        },
        units: c
            .units
            .iter()
            .map(|u| Unit {
                op: u.op.name(),
                left: report.left.spans(&u.left),
                right: report.right.spans(&u.right),
                similarity: round4(u.similarity),
                group: u.group,
                changes: u
                    .changes
                    .iter()
                    .map(|ch| Change {
                        left: ch.left,
                        right: ch.right,
                        left_text: report.left.doc.text(ch.left),
                        right_text: report.right.doc.text(ch.right),
                    })
                    .collect(),
                rewritten: u.rewritten,
            })
            .collect(),
        passages: c
            .passages
            .iter()
            .map(|p| Passage {
                left: p.left,
                right: p.right,
                chars: p.chars,
                exact: p.exact,
                slogan: p.slogan,
                text: report.left.doc.text(p.left),
                right_text: report.right.doc.text(p.right),
                commonness: p.commonness.map(round4),
                stock: p.stock,
            })
            .collect(),
        substitutions: c
            .substitutions
            .iter()
            .map(|s| Substitution {
                left: s.left.clone(),
                right: s.right.clone(),
                count: s.count(),
                kind: s.kind.name(),
                occurrences: s
                    .occurrences
                    .iter()
                    .map(|&(left, right)| Occurrence { left, right })
                    .collect(),
            })
            .collect(),
        leftovers: report
            .leftovers
            .items
            .iter()
            .map(|l| Leftover {
                side: l.side.name(),
                span: l.span,
                text: report.side(l.side).doc.text(l.span),
                place: l.place.map(|p| p.path()),
                why: super::leftover_why(l),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}
