//! The text table of `taohua eval`: one line per pair, then the totals of
//! each set, with `moved` recall kind by kind for the edited copies.

use std::io::{self, Write};

use taohua_core::eval::stock::StockEvaluation;
use taohua_core::eval::synth::MoveKind;
use taohua_core::eval::{Calibration, Evaluation, Spread, Totals};

use super::sanitize;
use crate::columns::{table, Align};
use crate::i18n::msg;

/// Write the evaluation as a text table: `docs` documents read, `seconds`
/// spent; columns aligned by display width (`ambiguous_wide`: the terminal
/// gives “ ” … · — two columns).
pub fn write_text(
    eval: &Evaluation,
    docs: usize,
    seconds: f64,
    ambiguous_wide: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        msg::eval_title(&msg::documents(docs), eval.seed, seconds)
    )?;
    let pct = |a: usize, b: usize| {
        if b == 0 {
            "-".to_string()
        } else {
            format!("{:.1}%", 100.0 * a as f64 / b as f64)
        }
    };
    let mut rows = vec![vec![
        msg::eval_col_pair().to_string(),
        msg::eval_col_found().into(),
        msg::eval_col_genuine().into(),
        msg::eval_col_link_p().into(),
        msg::eval_col_link_r().into(),
        msg::eval_col_moved().into(),
    ]];
    for s in eval
        .synthetic
        .iter()
        .chain(&eval.hard)
        .chain(&eval.one_line)
        .chain(&eval.real)
    {
        rows.push(vec![
            sanitize(&s.name),
            format!("{}/{}", s.found_passages, s.true_passages),
            pct(s.genuine, s.reported),
            pct(s.correct_links, s.predicted_links),
            pct(s.correct_links, s.true_links),
            if s.moved == 0 {
                "-".to_string()
            } else {
                format!("{}/{}", s.moved_marked, s.moved)
            },
        ]);
    }
    let align = [
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
    ];
    for line in table(&rows, &align, ambiguous_wide) {
        writeln!(out, "{line}")?;
    }
    let all = [
        (msg::eval_synthetic(), &eval.synthetic_totals),
        (msg::eval_hard(), &eval.hard_totals),
        (msg::eval_one_line(), &eval.one_line_totals),
        (msg::eval_real(), &eval.real_totals),
    ];
    for (what, t) in all {
        totals(what, t, out)?;
    }
    related(&eval.related, out)
}

/// The measurements behind the `related` threshold.
fn related(c: &Calibration, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", msg::eval_related(c.threshold))?;
    let rows: [(&str, &Spread); 4] = [
        (msg::eval_versions(), &c.versions),
        (msg::eval_unrelated(), &c.unrelated),
        (msg::eval_neighbours(), &c.neighbours),
        (msg::eval_in_order(), &c.real_in_order),
    ];
    for (what, s) in rows {
        writeln!(
            out,
            "{}",
            msg::eval_spread(
                &crate::columns::pad(what, 34, crate::columns::Align::Left, false),
                s.n,
                s.min,
                s.p1,
                s.p5,
                s.p50,
                s.p95,
                s.p99,
                s.max,
                100.0 * s.below_threshold
            )
        )?;
    }
    let bins: Vec<String> = c
        .real_histogram
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(k, n)| format!("{:.2}:{n}", k as f64 / 20.0))
        .collect();
    writeln!(out, "{}", msg::eval_bins(&bins.join(" ")))
}

fn totals(what: &str, t: &Totals, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        msg::eval_totals(
            what,
            t.pairs,
            100.0 * t.passage_recall,
            t.sums.found_passages,
            t.sums.true_passages,
            100.0 * t.passage_precision,
            t.sums.genuine,
            t.sums.reported
        )
    )?;
    if t.sums.true_links == 0 {
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        msg::eval_links(
            t.link_precision,
            t.link_recall,
            t.link_f1,
            100.0 * t.moved_marked,
            t.sums.moved_marked,
            t.sums.moved,
            100.0 * t.passage_placement
        )
    )?;
    let kinds: Vec<String> = MoveKind::ALL
        .iter()
        .map(|&k| (k, t.sums.moved_by_kind.get(k)))
        .filter(|(_, c)| c.moved > 0)
        .map(|(k, c)| {
            format!(
                "{} {:.1}% ({}/{})",
                k.name(),
                100.0 * c.recall(),
                c.marked,
                c.moved
            )
        })
        .collect();
    if !kinds.is_empty() {
        writeln!(out, "{}", msg::eval_moved_by_kind(&kinds.join(" · ")))?;
    }
    Ok(())
}

/// Write the stock evaluation (`taohua eval --stock`) as text: each pair
/// under the default rule, then every rule of the grid.
pub fn write_stock_text(
    eval: &StockEvaluation,
    docs: usize,
    seconds: f64,
    out: &mut dyn Write,
) -> io::Result<()> {
    let pct = |a: usize, b: usize| {
        if b == 0 {
            "-".to_string()
        } else {
            format!("{:.1}%", 100.0 * a as f64 / b as f64)
        }
    };
    writeln!(
        out,
        "{}",
        msg::eval_stock_title(docs, eval.pairs.len(), seconds)
    )?;
    {
        use crate::columns::{pad, Align};
        writeln!(
            out,
            "{} {} {} {} {} {} {}",
            pad(msg::stock_col_pair(), 44, Align::Left, false),
            pad(msg::stock_col_docs(), 4, Align::Right, false),
            pad(msg::stock_col_passages(), 6, Align::Right, false),
            pad(msg::stock_col_formulation(), 15, Align::Right, false),
            pad(msg::stock_col_specific(), 15, Align::Right, false),
            pad(msg::stock_col_left(), 15, Align::Right, false),
            pad(msg::stock_col_right(), 15, Align::Right, false),
        )?;
    }
    for p in &eval.pairs {
        let name = format!("{} → {}", sanitize(&p.left), sanitize(&p.right));
        writeln!(
            out,
            "{name:<44} {:>4} {:>6} {:>15} {:>15} {:>15} {:>15}",
            p.reference_documents,
            p.passages,
            format!(
                "{}/{} {}",
                p.formulation_stock,
                p.formulation_passages,
                pct(p.formulation_stock, p.formulation_passages)
            ),
            format!(
                "{}/{} {}",
                p.specific_kept,
                p.specific_passages,
                pct(p.specific_kept, p.specific_passages)
            ),
            format!("{:.1}/{:.1}", 100.0 * p.left_reused, 100.0 * p.left_stock),
            format!("{:.1}/{:.1}", 100.0 * p.right_reused, 100.0 * p.right_stock),
        )?;
    }
    writeln!(out)?;
    {
        use crate::columns::{pad, Align};
        writeln!(
            out,
            "{} {} {} {} {}",
            pad(msg::stock_col_common(), 7, Align::Right, false),
            pad(msg::stock_col_stock(), 7, Align::Right, false),
            pad(msg::stock_col_formulation_long(), 22, Align::Right, false),
            pad(msg::stock_col_specific_long(), 22, Align::Right, false),
            pad(msg::stock_col_stock_passages(), 14, Align::Right, false),
        )?;
    }
    for r in eval.rules.iter().chain(std::iter::once(&eval.default)) {
        let mark = if std::ptr::eq(r, &eval.default) {
            msg::stock_default()
        } else {
            ""
        };
        writeln!(
            out,
            "{:>7.2} {:>7.2} {:>22} {:>22} {:>14}{mark}",
            r.common_share,
            r.stock_share,
            format!(
                "{}/{} {}",
                r.formulation_stock,
                r.formulation_passages,
                pct(r.formulation_stock, r.formulation_passages)
            ),
            format!(
                "{}/{} {}",
                r.specific_kept,
                r.specific_passages,
                pct(r.specific_kept, r.specific_passages)
            ),
            if r.passages > 0 {
                pct(r.stock, r.passages)
            } else {
                "-".to_string()
            }
        )?;
    }
    Ok(())
}
