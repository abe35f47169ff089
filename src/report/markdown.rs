//! Markdown reports, for pasting into notes, issues and papers: the summary
//! and the top rows of each table as pipe tables (GitHub-flavoured and
//! CommonMark with tables; pandoc reads them too).
//!
//! A pair: both documents' facts and figures (reused, of which stock, the
//! rest distinctive) in one table, the counts, the longest distinctive
//! passages, and the first edited units with what changed in them. A
//! corpus: the ranked pairs, the distinctive and common phrases and the
//! documents' earlier reuse, as the text report lists them.
//!
//! Document text is made safe for a cell: control characters, line breaks
//! included, become visible symbols (as in the text report), and every
//! character Markdown could read as markup (the vertical bar, `*`, `_`,
//! brackets, angle brackets, `#`, `~`, `$`, `&`, the backtick and the
//! backslash) is escaped with a backslash, so a document's `<script>` or
//! `[link](javascript:…)` stays text wherever the Markdown is rendered.

use std::io::{self, Write};

use super::corpus::{earlier_rows, listed_families, year_span, COMMON_SHOWN};
use super::html::thousands;
use super::summary::{
    change_text, document_name, join_labels, paragraph_at, paragraph_labels, percent, top_passages,
    PairSummary, SideFigures,
};
use super::{json, sanitize, PairReport, Side};
use crate::app::corpus::LoadedCorpus;

/// `text` made safe for a Markdown table cell.
pub(crate) fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in sanitize(text).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Write the Markdown report of a pair: the summary, the `top` longest
/// distinctive passages and up to `top` edited units with their changes.
pub fn write_pair(report: &PairReport, top: usize, out: &mut dyn Write) -> io::Result<()> {
    let (l, r) = (&report.left, &report.right);
    let sum = PairSummary::new(report);
    writeln!(
        out,
        "# {} ↔ {}\n",
        cell(&document_name(l)),
        cell(&document_name(r))
    )?;
    writeln!(out, "| | left | right |\n|---|---|---|")?;
    writeln!(
        out,
        "| file | {} | {} |",
        cell(&l.info.path),
        cell(&r.info.path)
    )?;
    let facts = |side: &Side| {
        let m = &side.info.meta;
        let mut f: Vec<String> = Vec::new();
        f.extend(m.year.map(|y| y.to_string()));
        f.extend(m.region.iter().cloned());
        f.extend(m.kind.iter().cloned());
        cell(&f.join(" · "))
    };
    writeln!(
        out,
        "| year · region · kind | {} | {} |",
        facts(l),
        facts(r)
    )?;
    let count = |label: &str, f: fn(&SideFigures) -> usize| {
        format!(
            "| {label} | {} | {} |",
            thousands(f(&sum.left)),
            thousands(f(&sum.right))
        )
    };
    writeln!(out, "{}", count("characters", |f| f.chars))?;
    writeln!(out, "{}", count("countable characters", |f| f.countable))?;
    let share = |label: &str, f: fn(&SideFigures) -> f64| {
        format!(
            "| {label} | {} | {} |",
            percent(f(&sum.left)),
            percent(f(&sum.right))
        )
    };
    writeln!(out, "{}", share("**reused**", |f| f.reused))?;
    writeln!(out, "{}", share("… stock", |f| f.stock))?;
    writeln!(out, "{}", share("… specific", |f| f.specific))?;
    writeln!(
        out,
        "\nReused: {} of at least {} characters; {}; specific: the rest.\n",
        json::COUNTS,
        sum.min_chars,
        cell(&sum.stock_means)
    )?;
    writeln!(out, "- **Passages** {}", sum.passages_line())?;
    writeln!(out, "- **Units** {}", sum.units_line())?;

    let order = top_passages(report, top);
    if !order.is_empty() {
        let shown = super::summary::shown_spans(report);
        writeln!(out, "\n## The {} longest specific passages\n", order.len())?;
        writeln!(
            out,
            "| # | characters | kind | left | right | text |\n|--:|--:|---|---|---|---|"
        )?;
        for k in order {
            let p = &report.comparison.passages[k];
            let (lt, rt) = (l.doc.text(shown[k].0), r.doc.text(shown[k].1));
            let text = if lt == rt {
                cell(&lt)
            } else {
                format!("{} (right: {})", cell(&lt), cell(&rt))
            };
            writeln!(
                out,
                "| {} | {} | {} | ¶{} | ¶{} | {text} |",
                k + 1,
                p.chars,
                if p.exact { "exact" } else { "bridged" },
                paragraph_at(l, p.left.0),
                paragraph_at(r, p.right.0),
            )?;
        }
    }

    let edited: Vec<_> = report
        .comparison
        .units
        .iter()
        .filter(|u| !u.changes.is_empty())
        .collect();
    if !edited.is_empty() && top > 0 {
        let (ll, rl) = (paragraph_labels(l), paragraph_labels(r));
        writeln!(out, "\n## What changed in edited paragraphs\n")?;
        writeln!(
            out,
            "| left | right | similarity | changes |\n|---|---|--:|---|"
        )?;
        for u in edited.iter().take(top) {
            let changes: Vec<String> = u
                .changes
                .iter()
                .map(|ch| {
                    format!(
                        "{} → {}",
                        change_text(&l.doc.text(ch.left)),
                        change_text(&r.doc.text(ch.right))
                    )
                })
                .collect();
            writeln!(
                out,
                "| {} | {} | {:.2} | {} |",
                join_labels(&ll, &u.left),
                join_labels(&rl, &u.right),
                u.similarity,
                cell(&changes.join(" · "))
            )?;
        }
        if edited.len() > top {
            writeln!(
                out,
                "\n{} more edited units: `--format text` or `--format json` lists them all.",
                edited.len() - top
            )?;
        }
    }
    Ok(())
}

/// Write the Markdown report of a corpus: the top `top` rows of each table.
pub fn write_corpus(r: &LoadedCorpus, top: usize, out: &mut dyn Write) -> io::Result<()> {
    r.words().wait();
    let a = &r.analysis;
    writeln!(out, "# taohua corpus: {} documents\n", r.docs.len())?;
    writeln!(
        out,
        "{} documents{}, {} candidate pairs compared, {} pairs, {} phrases. {}; passages of at least {} characters.",
        thousands(r.docs.len()),
        if r.input.skipped.is_empty() {
            String::new()
        } else {
            format!(" ({} skipped)", r.input.skipped.len())
        },
        thousands(a.candidates),
        thousands(a.pairs.len()),
        thousands(a.phrases.len()),
        cell(&r.stock_means()),
        r.options.min_chars
    )?;

    writeln!(
        out,
        "\n## Pairs sharing the most specific text for their length\n"
    )?;
    writeln!(
        out,
        "| # | score | specific | shared | A reused | B reused | A | B |\n|--:|--:|--:|--:|--:|--:|---|---|"
    )?;
    for (k, p) in a.pairs.iter().take(top).enumerate() {
        writeln!(
            out,
            "| {} | {:.3} | {} | {} | {} | {} | {} | {} |",
            k + 1,
            p.score,
            thousands(p.specific_chars),
            thousands(p.shared_chars),
            percent(p.a_reused),
            percent(p.b_reused),
            cell(&r.label(p.a)),
            cell(&r.label(p.b))
        )?;
    }

    for (stock, title, limit) in [
        (false, "Specific phrases in the most documents", top),
        (true, "Stock phrases", top.min(COMMON_SHOWN)),
    ] {
        writeln!(out, "\n## {title}\n")?;
        writeln!(
            out,
            "One row per phrase family: documents carrying any of its forms, their share of the corpus, and the other forms with their documents.\n"
        )?;
        writeln!(
            out,
            "| documents | commonness | years | regions | text | variants |\n|--:|--:|---|---|---|---|"
        )?;
        for f in listed_families(r, stock).take(limit) {
            let Some(family) = a.families.get(f) else {
                continue;
            };
            let k = family.head;
            let variants: Vec<String> = family
                .variants
                .iter()
                .map(|&v| {
                    let n = a.phrases.get(v).map_or(0, |p| p.documents.len());
                    format!("{} ×{n}", r.phrase_text(v))
                })
                .collect();
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                family.documents,
                percent(family.commonness),
                year_span(&r.family_years(k)),
                cell(&r.family_regions(k).join(" ")),
                cell(&r.phrase_text(k)),
                cell(&variants.join(" · "))
            )?;
        }
    }

    writeln!(
        out,
        "\n## Documents: share already found in earlier documents\n"
    )?;
    writeln!(
        out,
        "| id | reused | specific | document | mostly from |\n|--:|--:|--:|---|---|"
    )?;
    for row in earlier_rows(r).into_iter().take(top) {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            row.id,
            percent(row.reused),
            percent(row.specific),
            cell(&r.label(row.id)),
            cell(&row.from.map(|f| r.label(f)).unwrap_or_default())
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_cell_stays_text() {
        assert_eq!(
            cell("<script>a|b</script> [x](javascript:y) *z* \u{1b}"),
            "\\<script\\>a\\|b\\</script\\> \\[x\\](javascript:y) \\*z\\* ␛"
        );
        assert_eq!(cell("中文，逗号"), "中文，逗号");
        assert!(!cell("a\nb").contains('\n'));
    }
}
