//! Rows and lines: how the aligned units become lines on the screen.
//!
//! A *row* is one aligned unit (both sides side by side), a *ghost* (where a
//! moved unit's right text sits in the right document's own order), or a
//! *fold* (a run of identical units collapsed into one line). A row is as tall
//! as its taller side once wrapped, so the panes stay in step. Heights are
//! computed for every row when the width changes (a cheap width count per
//! character); styled lines are made only for the rows on screen.

use super::model::{PairModel, Side, SideView};
use super::wrap::wrap;
use taohua_core::compare::{Op, Span};

/// Runs of at least this many identical units fold into one line.
pub(crate) const FOLD_MIN: usize = 3;
/// Width of the gutter between the panes: a margin and the widest label.
pub(crate) const GUTTER: usize = crate::legend::GUTTER_LABEL_COLUMNS + 1;
/// Width of the overview bar at the right edge.
pub(crate) const OVERVIEW: usize = 1;

/// One row of the pair view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// An aligned unit (index into `PairModel::units`).
    Unit(usize),
    /// A deleted unit and the inserted unit that took its place, side by side.
    Replace {
        /// The delete (left only).
        left: usize,
        /// The insert (right only).
        right: usize,
    },
    /// Where a moved unit's right text sits in the right document.
    Ghost(usize),
    /// `count` identical units starting at unit `first`, folded.
    Fold {
        /// First unit of the run.
        first: usize,
        /// Number of units.
        count: usize,
    },
}

/// The rows for `model`, with moved units' ghosts placed in right-document
/// order and, when `fold` is on, runs of identical units folded.
pub(crate) fn build_rows(model: &PairModel, fold: bool) -> Vec<Row> {
    let in_order = |k: usize| {
        let u = &model.units[k];
        u.op.in_order() || u.op == Op::Insert
    };
    let mut ghosts: Vec<(usize, usize)> = model
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.op == Op::Moved)
        .filter_map(|(k, u)| u.right.first().map(|&r| (r, k)))
        .collect();
    ghosts.sort_unstable();
    let mut rows = Vec::with_capacity(model.units.len() + ghosts.len());
    let mut pending = ghosts.into_iter().peekable();
    for k in 0..model.units.len() {
        if in_order(k) {
            let first_right = model.units[k].right.first().copied().unwrap_or(0);
            while let Some((_, g)) = pending.next_if(|&(r, _)| r < first_right) {
                rows.push(Row::Ghost(g));
            }
        }
        rows.push(Row::Unit(k));
    }
    rows.extend(pending.map(|(_, g)| Row::Ghost(g)));
    let rows = pair_replacements(model, rows);
    if fold {
        fold_rows(model, rows)
    } else {
        rows
    }
}

/// A run of deletes followed by a run of inserts reads as "this became that":
/// pair them up, one to one, on shared rows.
fn pair_replacements(model: &PairModel, rows: Vec<Row>) -> Vec<Row> {
    let op = |r: &Row| match r {
        Row::Unit(k) => Some(model.units[*k].op),
        _ => None,
    };
    let mut out = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        let dels = rows[i..]
            .iter()
            .take_while(|r| op(r) == Some(Op::Delete))
            .count();
        let ins = rows[i + dels..]
            .iter()
            .take_while(|r| op(r) == Some(Op::Insert))
            .count();
        if dels == 0 || ins == 0 {
            out.push(rows[i]);
            i += 1;
            continue;
        }
        let pairs = dels.min(ins);
        for k in 0..pairs {
            if let (Row::Unit(l), Row::Unit(r)) = (rows[i + k], rows[i + dels + k]) {
                out.push(Row::Replace { left: l, right: r });
            }
        }
        out.extend_from_slice(&rows[i + pairs..i + dels]);
        out.extend_from_slice(&rows[i + dels + pairs..i + dels + ins]);
        i += dels + ins;
    }
    out
}

fn fold_rows(model: &PairModel, rows: Vec<Row>) -> Vec<Row> {
    let identical = |r: &Row| matches!(r, Row::Unit(k) if model.units[*k].identical());
    let mut out = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        let run = rows[i..].iter().take_while(|r| identical(r)).count();
        if run >= FOLD_MIN {
            if let Row::Unit(first) = rows[i] {
                out.push(Row::Fold { first, count: run });
            }
            i += run;
        } else {
            out.push(rows[i]);
            i += 1;
        }
    }
    out
}

/// Where things go on a terminal of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    /// Terminal width.
    pub width: usize,
    /// Terminal height.
    pub height: usize,
    /// Text columns of each pane.
    pub pane: usize,
    /// Lines available for rows (between the header and the status line).
    pub body: usize,
    /// First column of the left pane.
    pub left_x: usize,
    /// First column of the gutter.
    pub gutter_x: usize,
    /// First column of the right pane.
    pub right_x: usize,
    /// Column of the overview bar.
    pub overview_x: usize,
}

impl Geometry {
    /// The layout for a `width` × `height` terminal (tiny sizes still work).
    pub fn new(width: usize, height: usize) -> Geometry {
        let pane = width.saturating_sub(GUTTER + OVERVIEW) / 2;
        Geometry {
            width,
            height,
            pane: pane.max(1),
            body: height.saturating_sub(2).max(1),
            left_x: 0,
            gutter_x: pane,
            right_x: pane + GUTTER,
            overview_x: width.saturating_sub(OVERVIEW),
        }
    }

    /// Which pane column `x` is in, with the column inside the pane.
    pub(crate) fn pane_at(&self, x: usize) -> Option<(Side, usize)> {
        if x < self.gutter_x {
            Some((Side::Left, x - self.left_x))
        } else if x >= self.right_x && x < self.right_x + self.pane {
            Some((Side::Right, x - self.right_x))
        } else {
            None
        }
    }
}

/// The lines of one side of a row: each segment starts a new line.
pub(crate) fn side_lines(
    view: &SideView,
    segments: &[usize],
    width: usize,
    ambiguous_wide: bool,
) -> Vec<Span> {
    let mut out = Vec::new();
    for &s in segments {
        let Some(&(start, end)) = view.segments.get(s) else {
            continue;
        };
        let chars = &view.chars[start as usize..end as usize];
        for (a, b) in wrap(chars, width, ambiguous_wide) {
            out.push((start + a as u32, start + b as u32));
        }
    }
    out
}

/// The segments each side of `row` shows.
pub(crate) fn row_segments(model: &PairModel, row: Row) -> (&[usize], &[usize]) {
    match row {
        Row::Unit(k) => (
            model.unit_segments(k, Side::Left),
            model.unit_segments(k, Side::Right),
        ),
        Row::Replace { left, right } => (
            model.unit_segments(left, Side::Left),
            model.unit_segments(right, Side::Right),
        ),
        Row::Ghost(_) | Row::Fold { .. } => (&[], &[]),
    }
}

/// Heights of all rows at a pane width, with running starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowLayout {
    /// Lines of each row.
    pub heights: Vec<usize>,
    /// `starts[i]` is the first line of row i; `starts[rows]` the total.
    pub starts: Vec<usize>,
}

impl RowLayout {
    /// Lay out `rows` at `width` columns.
    pub fn new(model: &PairModel, rows: &[Row], width: usize, ambiguous_wide: bool) -> RowLayout {
        let heights: Vec<usize> = rows
            .iter()
            .map(|&row| {
                let (l, r) = row_segments(model, row);
                let lh = side_lines(&model.left, l, width, ambiguous_wide).len();
                let rh = side_lines(&model.right, r, width, ambiguous_wide).len();
                lh.max(rh).max(1)
            })
            .collect();
        let mut starts = Vec::with_capacity(heights.len() + 1);
        let mut at = 0;
        for h in &heights {
            starts.push(at);
            at += h;
        }
        starts.push(at);
        RowLayout { heights, starts }
    }

    /// Total lines.
    pub fn total(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    /// The row holding `line`, and the line's offset inside it.
    pub(crate) fn row_at(&self, line: usize) -> Option<(usize, usize)> {
        if line >= self.total() {
            return None;
        }
        let row = self
            .starts
            .partition_point(|&s| s <= line)
            .saturating_sub(1);
        Some((row, line - self.starts[row]))
    }
}

/// One line on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisualLine {
    /// The row it belongs to.
    pub row: usize,
    /// Line offset inside the row (0 for the first).
    pub offset: usize,
    /// Left text on this line.
    pub left: Option<Span>,
    /// Right text on this line.
    pub right: Option<Span>,
}

/// The `count` lines from absolute line `top` on.
pub(crate) fn visible_lines(
    model: &PairModel,
    rows: &[Row],
    layout: &RowLayout,
    top: usize,
    count: usize,
    width: usize,
    ambiguous_wide: bool,
) -> Vec<VisualLine> {
    let mut out = Vec::with_capacity(count);
    let Some((mut row, mut offset)) = layout.row_at(top) else {
        return out;
    };
    while out.len() < count && row < rows.len() {
        let (l, r) = row_segments(model, rows[row]);
        let ll = side_lines(&model.left, l, width, ambiguous_wide);
        let rl = side_lines(&model.right, r, width, ambiguous_wide);
        let height = layout.heights.get(row).copied().unwrap_or(1);
        while offset < height && out.len() < count {
            out.push(VisualLine {
                row,
                offset,
                left: ll.get(offset).copied(),
                right: rl.get(offset).copied(),
            });
            offset += 1;
        }
        row += 1;
        offset = 0;
    }
    out
}
