//! The pair view's data: a comparison turned into what the screen needs.
//!
//! Built once from core data (documents, comparison, file facts); the app
//! never goes back to the core. Each side keeps its text (control characters
//! made visible one for one, so offsets still hold), a per-character map of
//! which passage covers it and whether the character lies in an exact run or
//! in an edit the passage bridged, and its segments.

use crate::report::{sanitize, DocInfo};
use taohua_core::compare::leftovers::Side as Which;
use taohua_core::compare::{Change, Comparison, Leftovers, Op, Prepared, Reuse, Span};

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The left (usually earlier) document.
    Left,
    /// The right document.
    Right,
}

impl Side {
    /// The other side.
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }
}

/// One document as the view shows it.
#[derive(Debug, Clone)]
pub struct SideView {
    /// The header: path, year, region, kind, size, share reused.
    pub header: String,
    /// The text, control characters made visible (same length as the original).
    pub chars: Vec<char>,
    /// For each char, the index of the passage covering it, if any.
    pub passage_at: Vec<Option<u32>>,
    /// For each char, true when it lies inside an exact run of its passage;
    /// false inside a passage means a bridged edit.
    pub in_run: Vec<bool>,
    /// Segment spans, in reading order.
    pub segments: Vec<Span>,
    /// Paragraph number (1-based) of each segment.
    pub paragraph: Vec<u32>,
    /// Names left behind in this document (sorted spans).
    pub leftovers: Vec<Span>,
}

/// One aligned unit.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitView {
    /// What kind of unit.
    pub op: Op,
    /// Left segment indices.
    pub left: Vec<usize>,
    /// Right segment indices.
    pub right: Vec<usize>,
    /// Character similarity.
    pub similarity: f64,
    /// What changed inside the unit (the core's change list).
    pub changes: Vec<Change>,
    /// Too different for a change list.
    pub rewritten: bool,
}

impl UnitView {
    /// Both sides present and word for word the same.
    pub fn identical(&self) -> bool {
        self.op == Op::Match && self.similarity >= 0.9999
    }

    /// Anything a reader would call a change (not identical).
    pub fn changed(&self) -> bool {
        !self.identical()
    }
}

/// One shared passage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PassageView {
    /// Left span.
    pub left: Span,
    /// Right span.
    pub right: Span,
    /// Countable characters.
    pub chars: usize,
    /// One exact run.
    pub exact: bool,
    /// Stock language (common in the reference, or a slogan of the list).
    pub stock: bool,
    /// The share of the reference documents that carry it.
    pub commonness: Option<f64>,
}

impl PassageView {
    /// The span on `side`.
    pub fn span(&self, side: Side) -> Span {
        match side {
            Side::Left => self.left,
            Side::Right => self.right,
        }
    }
}

/// A substitution, for the panel: the strings, their kind, and where each
/// occurrence is.
#[derive(Debug, Clone, PartialEq)]
pub struct SubstitutionView {
    /// The left string.
    pub left: String,
    /// The right string.
    pub right: String,
    /// `place`, `figure`, `date`, `name` or `other`.
    pub kind: &'static str,
    /// (left span, right span) of each occurrence.
    pub occurrences: Vec<(Span, Span)>,
}

/// A name left behind, for the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftoverView {
    /// The side it stands in.
    pub side: Side,
    /// Where.
    pub span: Span,
    /// The name, and the division it names when known.
    pub label: String,
}

/// Everything the pair view shows.
#[derive(Debug, Clone)]
pub struct PairModel {
    /// Left document.
    pub left: SideView,
    /// Right document.
    pub right: SideView,
    /// Aligned units, in the left document's reading order.
    pub units: Vec<UnitView>,
    /// Passages, in the left document's reading order.
    pub passages: Vec<PassageView>,
    /// Copy ratios, for the status line: (left, right, left stock, right stock).
    pub reused: (f64, f64, f64, f64),
    /// Strings consistently replaced, most frequent first.
    pub substitutions: Vec<SubstitutionView>,
    /// Names left behind, by side and position.
    pub leftovers: Vec<LeftoverView>,
}

impl PairModel {
    /// Build the view model from core data.
    pub fn new(
        left: (&DocInfo, &Prepared),
        right: (&DocInfo, &Prepared),
        c: &Comparison,
        leftovers: &Leftovers,
    ) -> PairModel {
        let side_of = |w: Which| match w {
            Which::Left => Side::Left,
            Which::Right => Side::Right,
        };
        let passages: Vec<PassageView> = c
            .passages
            .iter()
            .map(|p| PassageView {
                left: p.left,
                right: p.right,
                chars: p.chars,
                exact: p.exact,
                stock: p.stock,
                commonness: p.commonness,
            })
            .collect();
        let side = |(info, doc): (&DocInfo, &Prepared), which: Side, reuse: &Reuse| {
            let mut passage_at = vec![None; doc.chars().len()];
            let mut in_run = vec![false; doc.chars().len()];
            for (k, p) in c.passages.iter().enumerate() {
                let (s, e) = match which {
                    Side::Left => p.left,
                    Side::Right => p.right,
                };
                for slot in passage_at.iter_mut().take(e as usize).skip(s as usize) {
                    slot.get_or_insert(k as u32);
                }
                for (l, r) in &p.runs {
                    let (s, e) = if which == Side::Left { *l } else { *r };
                    for flag in in_run.iter_mut().take(e as usize).skip(s as usize) {
                        *flag = true;
                    }
                }
            }
            let text: String = doc.chars().iter().collect();
            let chars: Vec<char> = sanitize(&text).chars().collect();
            let marked: Vec<Span> = leftovers
                .items
                .iter()
                .filter(|l| side_of(l.side) == which)
                .map(|l| l.span)
                .collect();
            SideView {
                header: header(info, doc.chars().len(), reuse),
                chars,
                passage_at,
                in_run,
                segments: doc.segments().iter().map(|s| (s.start, s.end)).collect(),
                paragraph: doc.segments().iter().map(|s| s.paragraph + 1).collect(),
                leftovers: marked,
            }
        };
        PairModel {
            left: side(left, Side::Left, &c.left),
            right: side(right, Side::Right, &c.right),
            units: c
                .units
                .iter()
                .map(|u| UnitView {
                    op: u.op,
                    left: u.left.clone(),
                    right: u.right.clone(),
                    similarity: u.similarity,
                    changes: u.changes.clone(),
                    rewritten: u.rewritten,
                })
                .collect(),
            passages,
            reused: (
                c.left.ratio(),
                c.right.ratio(),
                c.left.stock_ratio(),
                c.right.stock_ratio(),
            ),
            substitutions: c
                .substitutions
                .iter()
                .map(|s| SubstitutionView {
                    left: sanitize(&s.left),
                    right: sanitize(&s.right),
                    kind: s.kind.name(),
                    occurrences: s.occurrences.clone(),
                })
                .collect(),
            leftovers: leftovers
                .items
                .iter()
                .map(|l| {
                    let doc = if l.side == Which::Left {
                        left.1
                    } else {
                        right.1
                    };
                    let name = sanitize(&doc.text(l.span));
                    LeftoverView {
                        side: side_of(l.side),
                        span: l.span,
                        label: match l.place {
                            Some(p) => format!("{name} ({})", p.path()),
                            None => name,
                        },
                    }
                })
                .collect(),
        }
    }

    /// The view of `side`.
    pub fn side(&self, side: Side) -> &SideView {
        match side {
            Side::Left => &self.left,
            Side::Right => &self.right,
        }
    }

    /// The (1-based) paragraph where `unit` starts on `side`; 0 when it has
    /// nothing there.
    pub(crate) fn first_paragraph(&self, unit: usize, side: Side) -> u32 {
        self.unit_segments(unit, side)
            .first()
            .and_then(|&s| self.side(side).paragraph.get(s).copied())
            .unwrap_or(0)
    }

    /// Segment indices of `unit` on `side`.
    pub(crate) fn unit_segments(&self, unit: usize, side: Side) -> &[usize] {
        match (self.units.get(unit), side) {
            (Some(u), Side::Left) => &u.left,
            (Some(u), Side::Right) => &u.right,
            (None, _) => &[],
        }
    }
}

fn header(info: &DocInfo, chars: usize, reuse: &Reuse) -> String {
    // Short facts first, so that a narrow pane cuts the title, not the figures.
    let m = &info.meta;
    let mut parts: Vec<String> = Vec::new();
    if let Some(y) = m.year {
        parts.push(y.to_string());
    }
    parts.extend(m.region.iter().cloned());
    // The stock part is on the status line: here it would push the title
    // out of a narrow pane.
    parts.push(format!("{:.1}% reused", 100.0 * reuse.ratio()));
    parts.push(format!("{chars}字"));
    parts.push(m.title.clone().unwrap_or_else(|| info.path.clone()));
    sanitize(&parts.join(" · "))
}
