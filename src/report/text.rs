//! The text report: what a person reads in a pipe or a terminal.
//!
//! A warning line for each document that holds names of the other's region
//! left behind (`2 names of 湖南省益阳市安化县 left in the right document: ¶12,
//! ¶30`), a header with each document's copy ratio (and what it counts), the
//! substitution table when there is one, then every
//! aligned unit with its similarity and its text, shared passages marked
//! `⟦…⟧` (or coloured), the figures that changed inside edited units, and the
//! list of passages. All document text is sanitised: control characters in a
//! document never reach the terminal.

use std::io::{self, Write};

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

/// Write the text report.
pub fn write(report: &PairReport, style: TextStyle, out: &mut dyn Write) -> io::Result<()> {
    warnings(report, style, out)?;
    header(report, out)?;
    substitutions(report, style, out)?;
    let title = if style.theme.is_some() {
        "── Aligned units (shared passages coloured) ──"
    } else {
        "── Aligned units (⟦…⟧ marks shared passages) ──"
    };
    writeln!(out, "\n{}", style.paint(Role::Heading, title))?;
    let left_labels = labels(&report.left);
    let right_labels = labels(&report.right);
    for unit in &report.comparison.units {
        write_unit(report, unit, &left_labels, &right_labels, style, out)?;
    }
    writeln!(out, "\n{}", style.paint(Role::Heading, "── Passages ──"))?;
    for (k, p) in report.comparison.passages.iter().enumerate() {
        let kind = match (p.exact, p.slogan) {
            (_, true) => "slogan",
            (true, false) => "exact",
            (false, false) => "edited",
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
            sanitize(&report.left.doc.text(p.left))
        )?;
    }
    Ok(())
}

fn header(report: &PairReport, out: &mut dyn Write) -> io::Result<()> {
    let c = report.comparison;
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
    writeln!(
        out,
        "\nReused  L {:.1}% ({:.1}% without slogans) · R {:.1}% ({:.1}% without slogans)",
        100.0 * c.left.ratio(),
        100.0 * c.left.distinctive_ratio(),
        100.0 * c.right.ratio(),
        100.0 * c.right.distinctive_ratio()
    )?;
    writeln!(
        out,
        "        counted: {} of ≥ {} characters",
        super::json::COUNTS,
        report.min_chars
    )?;
    let exact = c.passages.iter().filter(|p| p.exact).count();
    let slogans = c.passages.iter().filter(|p| p.slogan).count();
    writeln!(
        out,
        "Passages  {} ({} exact, {} bridged over small edits; {} mostly slogans)",
        c.passages.len(),
        exact,
        c.passages.len() - exact,
        slogans
    )?;
    let mut counts = Vec::new();
    for op in [
        Op::Match,
        Op::Moved,
        Op::Split,
        Op::Merge,
        Op::Delete,
        Op::Insert,
    ] {
        let n = c.units.iter().filter(|u| u.op == op).count();
        if n > 0 {
            counts.push(format!("{n} {}", op.name()));
        }
    }
    writeln!(out, "Units  {}", counts.join(" · "))
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
        let labels = labels(&side);
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
    let labels = labels(&report.left);
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

/// `¶7` for a whole paragraph, `¶7.2` for its second sentence group.
fn labels(side: &Side) -> Vec<String> {
    let segs = side.doc.segments();
    segs.iter()
        .enumerate()
        .map(|(i, s)| {
            let same = |j: usize| segs.get(j).is_some_and(|t| t.paragraph == s.paragraph);
            let first = (0..i).rev().take_while(|&j| same(j)).count();
            if first > 0 || same(i + 1) {
                format!("¶{}.{}", s.paragraph + 1, first + 1)
            } else {
                format!("¶{}", s.paragraph + 1)
            }
        })
        .collect()
}

fn join_labels(labels: &[String], segs: &[usize]) -> String {
    segs.iter()
        .filter_map(|&s| labels.get(s).cloned())
        .collect::<Vec<_>>()
        .join(",")
}

fn write_unit(
    report: &PairReport,
    unit: &Unit,
    left_labels: &[String],
    right_labels: &[String],
    style: TextStyle,
    out: &mut dyn Write,
) -> io::Result<()> {
    let l = join_labels(left_labels, &unit.left);
    let r = join_labels(right_labels, &unit.right);
    let arrow = match unit.op {
        Op::Match if unit.similarity >= 0.9999 => "=",
        Op::Match => "~",
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
        passages,
        true,
        style,
    );
    let right_text = marked(
        &report.right,
        &report.right.spans(&unit.right),
        passages,
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
        let shown: Vec<String> = unit
            .changes
            .iter()
            .take(CHANGES_SHOWN)
            .map(|ch| {
                let (x, y) = (
                    report.left.doc.text(ch.left),
                    report.right.doc.text(ch.right),
                );
                format!("{} → {}", or_dash(trim(&x)), or_dash(trim(&y)))
            })
            .collect();
        if unit.rewritten {
            writeln!(out, "    Δ  {}", style.paint(Role::Changed, "rewritten"))?;
        } else if !shown.is_empty() {
            let shown = style.paint(Role::Changed, &sanitize(&shown.join(" · ")));
            writeln!(out, "    Δ  {shown}")?;
        }
    }
    Ok(())
}

/// Changes listed on a unit's `Δ` line.
const CHANGES_SHOWN: usize = 8;

/// A change's text without the punctuation at its ends.
fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| !(c.is_alphanumeric() || matches!(c, '%' | '％' | '‰')))
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "∅"
    } else {
        s
    }
}

/// The text of `spans` with the passages that touch them marked.
fn marked(
    side: &Side,
    spans: &[Span],
    passages: &[Passage],
    left: bool,
    style: TextStyle,
) -> String {
    let mut pieces = Vec::new();
    for &(start, end) in spans {
        // Passage pieces inside this span, by start.
        let mut marks: Vec<(u32, u32, &Passage)> = passages
            .iter()
            .map(|p| (if left { p.left } else { p.right }, p))
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
                let role = if p.slogan {
                    Role::Slogan
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
