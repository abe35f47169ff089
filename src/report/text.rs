//! The text report: what a person reads in a pipe or a terminal.
//!
//! A warning line for each document that holds names of the other's region
//! left behind (`2 names of 湖南省益阳市安化县 left in the right document: ¶12,
//! ¶30`), a header with each document's copy ratio split into stock and
//! specific (and what each counts), the longest specific passages (`--top`,
//! ten by default; `--brief` stops here), the substitution table when there
//! is one, then every aligned unit with its similarity and its text, shared
//! passages marked `⟦…⟧` (or coloured), the figures that changed inside
//! edited units, and the list of passages. All document text is sanitised:
//! control characters in a document never reach the terminal.

use std::io::{self, Write};

use super::summary::{
    self, change_text, join_labels, paragraph_at, paragraph_labels, passage_kind, percent,
    PairSummary,
};
use super::{sanitize, PairReport, Side};
use crate::theme::{Role, Theme};
use taohua_core::compare::{Op, Passage, Span, Unit};

/// How the text report marks passages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStyle<'a> {
    /// Colours from this theme; without one, passages are marked `⟦…⟧`.
    pub theme: Option<&'a Theme>,
}

impl TextStyle<'_> {
    fn paint(&self, role: Role, text: &str) -> String {
        match self.theme {
            Some(t) => t.style(role).paint(text),
            None => text.to_string(),
        }
    }
}

/// What the text report holds besides its colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLayout {
    /// How many of the longest distinctive passages the summary lists.
    pub top: usize,
    /// The summary only: no aligned units, no full list of passages.
    pub brief: bool,
}

impl Default for TextLayout {
    fn default() -> Self {
        TextLayout {
            top: 10,
            brief: false,
        }
    }
}

/// Write the text report: the summary (figures, counts, the longest
/// distinctive passages), then unless `layout.brief` every aligned unit and
/// the full list of passages.
pub fn write(
    report: &PairReport,
    style: TextStyle,
    layout: TextLayout,
    out: &mut dyn Write,
) -> io::Result<()> {
    warnings(report, style, out)?;
    header(report, out)?;
    let shown = summary::shown_spans(report);
    top_passages(report, &shown, style, layout.top, out)?;
    if layout.brief {
        return Ok(());
    }
    substitutions(report, style, out)?;
    let title = if style.theme.is_some() {
        "── Aligned units (shared passages coloured) ──"
    } else {
        "── Aligned units (⟦…⟧ marks shared passages) ──"
    };
    writeln!(out, "\n{}", style.paint(Role::Heading, title))?;
    let left_labels = paragraph_labels(&report.left);
    let right_labels = paragraph_labels(&report.right);
    for unit in &report.comparison.units {
        write_unit(
            report,
            unit,
            (&left_labels, &right_labels),
            &shown,
            style,
            out,
        )?;
    }
    writeln!(out, "\n{}", style.paint(Role::Heading, "── Passages ──"))?;
    for (k, p) in report.comparison.passages.iter().enumerate() {
        let kind = match passage_kind(p) {
            "bridged" => "edited",
            kind => kind,
        };
        writeln!(
            out,
            "#{:<4} L {:>6}–{:<6} R {:>6}–{:<6} {:>4} chars  {:<6}  {}",
            k + 1,
            p.left.0,
            p.left.1,
            p.right.0,
            p.right.1,
            p.chars,
            kind,
            sanitize(&report.left.doc.text(shown[k].0))
        )?;
    }
    Ok(())
}

/// The `top` longest distinctive passages, longest first, each with the
/// paragraphs it stands in on both sides and its number in the full list.
fn top_passages(
    report: &PairReport,
    shown: &[(Span, Span)],
    style: TextStyle,
    top: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let order = summary::top_passages(report, top);
    if order.is_empty() {
        return Ok(());
    }
    let title = format!(
        "── The {} longest specific passages (not stock) ──",
        order.len()
    );
    writeln!(out, "\n{}", style.paint(Role::Heading, &title))?;
    for k in order {
        let p = &report.comparison.passages[k];
        let at = format!(
            "L¶{} R¶{}",
            paragraph_at(&report.left, p.left.0),
            paragraph_at(&report.right, p.right.0)
        );
        let kind = if p.exact { "exact" } else { "edited" };
        writeln!(
            out,
            "#{:<4} {:>4} chars  {:<6}  {:<13} {}",
            k + 1,
            p.chars,
            kind,
            at,
            sanitize(&report.left.doc.text(shown[k].0))
        )?;
    }
    Ok(())
}

fn header(report: &PairReport, out: &mut dyn Write) -> io::Result<()> {
    for (tag, side) in [("L", &report.left), ("R", &report.right)] {
        let m = &side.info.meta;
        let mut facts: Vec<String> = Vec::new();
        if let Some(y) = m.year {
            facts.push(y.to_string());
        }
        facts.extend(m.region.iter().cloned());
        facts.extend(m.kind.iter().cloned());
        facts.push(format!("{} chars", side.doc.chars().len()));
        writeln!(
            out,
            "{tag}  {}  ({})",
            sanitize(&side.info.path),
            sanitize(&facts.join(" · "))
        )?;
        if let Some(t) = &m.title {
            writeln!(out, "   {}", sanitize(t))?;
        }
    }
    let sum = PairSummary::new(report);
    writeln!(
        out,
        "\nReused  L {} = stock {} + specific {} · R {} = stock {} + specific {}",
        percent(sum.left.reused),
        percent(sum.left.stock),
        percent(sum.left.specific),
        percent(sum.right.reused),
        percent(sum.right.stock),
        percent(sum.right.specific),
    )?;
    writeln!(
        out,
        "        counted: {} of ≥ {} characters",
        super::json::COUNTS,
        report.min_chars
    )?;
    writeln!(out, "        {}", sanitize(&sum.stock_means))?;
    writeln!(out, "Passages  {}", sum.passages_line())?;
    writeln!(out, "Units  {}", sum.units_line())
}

/// One line per document that holds names left behind, before anything else.
fn warnings(report: &PairReport, style: TextStyle, out: &mut dyn Write) -> io::Result<()> {
    use taohua_core::compare::leftovers::Side as Which;
    for which in [Which::Right, Which::Left] {
        let items: Vec<_> = report
            .leftovers
            .items
            .iter()
            .filter(|l| l.side == which)
            .collect();
        if items.is_empty() {
            continue;
        }
        let other = match which {
            Which::Left => Which::Right,
            Which::Right => Which::Left,
        };
        let side = report.side(which);
        let labels = paragraph_labels(&side);
        let mut at: Vec<String> = Vec::new();
        for l in &items {
            let label = label_at(&side, &labels, l.span.0);
            if !at.contains(&label) {
                at.push(label);
            }
        }
        let shown = if at.len() > 12 {
            format!("{} …", at[..12].join(", "))
        } else {
            at.join(", ")
        };
        let region = report
            .leftovers
            .region(other)
            .map_or_else(|| format!("the {} document", other.name()), |p| p.path());
        let line = format!(
            "⚠ {} {} of {} left in the {} document: {}",
            items.len(),
            if items.len() == 1 { "name" } else { "names" },
            region,
            which.name(),
            shown
        );
        writeln!(out, "{}", style.paint(Role::Changed, &sanitize(&line)))?;
    }
    if !report.leftovers.items.is_empty() {
        writeln!(out)?;
    }
    Ok(())
}

/// The substitution table: what the right document put in place of what,
/// how often, of which kind, and where.
fn substitutions(report: &PairReport, style: TextStyle, out: &mut dyn Write) -> io::Result<()> {
    let subs = &report.comparison.substitutions;
    if subs.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\n{}",
        style.paint(
            Role::Heading,
            "── Substitutions (the same string replaced the same way) ──"
        )
    )?;
    let labels = paragraph_labels(&report.left);
    for s in subs {
        let mut at: Vec<String> = Vec::new();
        for &(l, _) in &s.occurrences {
            let label = label_at(&report.left, &labels, l.0);
            if !at.contains(&label) {
                at.push(label);
            }
        }
        let shown = if at.len() > 8 {
            format!("{} …", at[..8].join(","))
        } else {
            at.join(",")
        };
        writeln!(
            out,
            "  {} → {}  ×{}  {}  L{}",
            sanitize(&s.left),
            sanitize(&s.right),
            s.count(),
            s.kind.name(),
            shown
        )?;
    }
    Ok(())
}

/// The label of the segment that holds char `pos`.
fn label_at(side: &Side, labels: &[String], pos: u32) -> String {
    let segs = side.doc.segments();
    let i = segs.partition_point(|s| s.end <= pos);
    labels.get(i).cloned().unwrap_or_else(|| "¶?".into())
}

fn write_unit(
    report: &PairReport,
    unit: &Unit,
    (left_labels, right_labels): (&[String], &[String]),
    shown: &[(Span, Span)],
    style: TextStyle,
    out: &mut dyn Write,
) -> io::Result<()> {
    let l = join_labels(left_labels, &unit.left);
    let r = join_labels(right_labels, &unit.right);
    let arrow = match unit.op {
        Op::Match if unit.similarity >= 0.9999 => "=",
        Op::Match => "~",
        Op::Related => "≈",
        Op::Moved => "↷",
        Op::Split => "⇉",
        Op::Merge => "⇇",
        Op::Delete | Op::Insert => " ",
    };
    let sim = if unit.left.is_empty() || unit.right.is_empty() {
        String::new()
    } else {
        format!("{:.2}", unit.similarity)
    };
    let line = format!("{l:>8} {arrow} {r:<10} {:<6} {sim}", unit.op.name());
    writeln!(out, "\n{}", style.paint(Role::Unit, line.trim_end()))?;
    let passages = &report.comparison.passages;
    let left_text = marked(
        &report.left,
        &report.left.spans(&unit.left),
        (passages, shown),
        true,
        style,
    );
    let right_text = marked(
        &report.right,
        &report.right.spans(&unit.right),
        (passages, shown),
        false,
        style,
    );
    let identical = unit.op == Op::Match && unit.similarity >= 0.9999;
    if identical || right_text.is_empty() {
        writeln!(out, "    L  {left_text}")?;
    } else if left_text.is_empty() {
        writeln!(out, "    R  {right_text}")?;
    } else {
        writeln!(out, "    L  {left_text}")?;
        writeln!(out, "    R  {right_text}")?;
        if unit.rewritten {
            writeln!(out, "    Δ  {}", style.paint(Role::Changed, "rewritten"))?;
        } else if let Some(line) = delta_line(report, unit) {
            writeln!(out, "    Δ  {}", style.paint(Role::Changed, &line))?;
        }
    }
    Ok(())
}

/// The widest `Δ` line, in display columns (its `    Δ  ` included).
const DELTA_COLUMNS: usize = 200;
/// The widest side of one change on a `Δ` line, in display columns.
const CHANGE_COLUMNS: usize = 24;

/// A unit's changes as `old → new · …`, as many as fit in
/// [`DELTA_COLUMNS`] (then `+N more`), each side cut to [`CHANGE_COLUMNS`].
fn delta_line(report: &PairReport, unit: &Unit) -> Option<String> {
    use unicode_width::UnicodeWidthStr;
    let side = |text: String| -> String {
        let text = sanitize(change_text(&text));
        if text.width() <= CHANGE_COLUMNS {
            return text;
        }
        let mut cut = String::new();
        for c in text.chars() {
            if (cut.clone() + &c.to_string()).width() + 1 > CHANGE_COLUMNS {
                break;
            }
            cut.push(c);
        }
        cut + "…"
    };
    let mut line = String::new();
    let mut used = 7; // "    Δ  "
    for (k, ch) in unit.changes.iter().enumerate() {
        let part = format!(
            "{} → {}",
            side(report.left.doc.text(ch.left)),
            side(report.right.doc.text(ch.right))
        );
        let sep = if line.is_empty() { "" } else { " · " };
        let rest = unit.changes.len() - k;
        let more = format!(" · +{} more", rest - 1);
        let need = sep.width() + part.width() + if rest > 1 { more.width() } else { 0 };
        if used + need > DELTA_COLUMNS {
            line.push_str(&format!(" · +{rest} more"));
            break;
        }
        line.push_str(sep);
        line.push_str(&part);
        used += sep.width() + part.width();
    }
    (!line.is_empty()).then_some(line)
}

/// The text of `spans` with the passages that touch them marked.
fn marked(
    side: &Side,
    spans: &[Span],
    (passages, shown): (&[Passage], &[(Span, Span)]),
    left: bool,
    style: TextStyle,
) -> String {
    let mut pieces = Vec::new();
    for &(start, end) in spans {
        // Passage pieces inside this span, by start.
        let mut marks: Vec<(u32, u32, &Passage)> = passages
            .iter()
            .zip(shown)
            .map(|(p, s)| (if left { s.0 } else { s.1 }, p))
            .filter(|((s, e), _)| *s < end && *e > start)
            .map(|((s, e), p)| (s.max(start), e.min(end), p))
            .collect();
        marks.sort_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
        let mut text = String::new();
        let mut at = start;
        for (s, e, p) in marks {
            if e <= at {
                continue; // inside a passage already marked
            }
            let s = s.max(at);
            text.push_str(&sanitize(&side.doc.text((at, s))));
            let inner = sanitize(&side.doc.text((s, e)));
            if style.theme.is_some() {
                let role = if p.stock {
                    Role::Stock
                } else if p.exact {
                    Role::Exact
                } else {
                    Role::Edited
                };
                text.push_str(&style.paint(role, &inner));
            } else {
                text.push_str(&format!("⟦{inner}⟧"));
            }
            at = e;
        }
        text.push_str(&sanitize(&side.doc.text((at, end))));
        pieces.push(text);
    }
    pieces.join(" ‖ ")
}
