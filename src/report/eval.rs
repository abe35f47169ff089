//! The evaluation report (`taohua eval`): one line per scored pair, then the
//! totals of each set of pairs. The figures come from the core's
//! `taohua_core::eval`; EVALUATION.md explains them.

use std::io::{self, Write};

use taohua_core::eval::Evaluation;

use super::sanitize;

/// Write the text report of an evaluation of `docs` documents that took
/// `seconds`.
pub fn write_text(
    eval: &Evaluation,
    docs: usize,
    seconds: f64,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "taohua eval: {docs} documents, seed {}, {seconds:.1} s",
        eval.seed
    )?;
    writeln!(
        out,
        "{:<64} {:>9} {:>9} {:>8} {:>8} {:>7}",
        "pair", "found", "genuine", "link P", "link R", "moved"
    )?;
    for s in eval
        .synthetic
        .iter()
        .chain(&eval.one_line)
        .chain(&eval.real)
    {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                "-".to_string()
            } else {
                format!("{:.1}%", 100.0 * a as f64 / b as f64)
            }
        };
        writeln!(
            out,
            "{:<64} {:>9} {:>9} {:>8} {:>8} {:>7}",
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
        )?;
    }
    let all = [
        ("synthetic", &eval.synthetic_totals),
        ("one-line synthetic", &eval.one_line_totals),
        ("real", &eval.real_totals),
    ];
    for (what, t) in all {
        writeln!(
            out,
            "\n{what} pairs: {}  passage recall {:.2}% ({}/{})  precision {:.2}% ({}/{})",
            t.pairs,
            100.0 * t.passage_recall,
            t.sums.found_passages,
            t.sums.true_passages,
            100.0 * t.passage_precision,
            t.sums.genuine,
            t.sums.reported
        )?;
        if t.sums.true_links > 0 {
            writeln!(
                out,
                "  links P {:.3} R {:.3} F1 {:.3}   moved marked {:.1}% ({}/{})   passages in their source paragraph {:.1}%",
                t.link_precision,
                t.link_recall,
                t.link_f1,
                100.0 * t.moved_marked,
                t.sums.moved_marked,
                t.sums.moved,
                100.0 * t.passage_placement
            )?;
        }
    }
    Ok(())
}
