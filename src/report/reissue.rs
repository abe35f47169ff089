//! The report of `taohua eval DIR --reissue`: substitutions and names left
//! behind, found in re-issued copies of real reports, and the leftovers real
//! pairs raise (EVALUATION.md explains the method). The figures come from
//! `taohua_core::eval::reissue`.

use std::io::{self, Write};

use taohua_core::eval::reissue::ReissueEvaluation;

use super::sanitize;
use crate::i18n::msg;

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", 100.0 * a as f64 / b as f64)
    }
}

/// Write the text report of a check over `docs` documents that took `seconds`.
pub fn write_text(
    eval: &ReissueEvaluation,
    docs: usize,
    seconds: f64,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{}", msg::reissue_title(docs, eval.seed, seconds))?;
    writeln!(out, "{}", msg::reissue_copies_heading())?;
    {
        use crate::columns::{pad, Align};
        writeln!(
            out,
            "{} {} {} {} {}",
            pad(msg::reissue_col_copy(), 52, Align::Left, false),
            pad(msg::reissue_col_substitutions(), 13, Align::Right, false),
            pad(msg::reissue_col_occurrences(), 13, Align::Right, false),
            pad(msg::reissue_col_left(), 9, Align::Right, false),
            pad(msg::reissue_col_false(), 6, Align::Right, false),
        )?;
    }
    for s in &eval.copies {
        writeln!(
            out,
            "{:<52} {:>13} {:>13} {:>9} {:>6}",
            sanitize(&s.name),
            format!("{}/{}", s.substitutions_found, s.substitutions),
            format!("{}/{}", s.occurrences_found, s.occurrences),
            format!("{}/{}", s.left_behind_found, s.left_behind),
            s.false_alarms
        )?;
        for m in s.missed.iter().take(5) {
            writeln!(out, "{}", msg::reissue_missed(&sanitize(m)))?;
        }
        for f in &s.false_alarm_texts {
            writeln!(out, "{}", msg::reissue_false_alarm(&sanitize(f)))?;
        }
    }
    let t = |f: &dyn Fn(&taohua_core::eval::reissue::CopyScore) -> usize| eval.copy_total(f);
    let copies = eval.copies.len();
    let worst = eval
        .copies
        .iter()
        .map(|s| s.false_alarms)
        .max()
        .unwrap_or(0);
    writeln!(out, "{}", msg::reissue_totals_heading())?;
    writeln!(
        out,
        "{}",
        msg::reissue_totals(
            copies,
            &pct(t(&|s| s.substitutions_found), t(&|s| s.substitutions)),
            t(&|s| s.substitutions_found),
            t(&|s| s.substitutions),
            &pct(t(&|s| s.occurrences_found), t(&|s| s.occurrences)),
            t(&|s| s.occurrences_found),
            t(&|s| s.occurrences),
            &pct(t(&|s| s.left_behind_found), t(&|s| s.left_behind)),
            t(&|s| s.left_behind_found),
            t(&|s| s.left_behind),
            t(&|s| s.false_alarms),
            if copies == 0 {
                0.0
            } else {
                t(&|s| s.false_alarms) as f64 / copies as f64
            },
            worst,
        )
    )?;
    for (what, pairs) in [
        (msg::reissue_same_province(), &eval.same_province),
        (msg::reissue_cross_province(), &eval.cross_province),
    ] {
        let raised: usize = pairs.iter().map(|p| p.leftovers).sum();
        let with = pairs.iter().filter(|p| p.leftovers > 0).count();
        let evidence = pairs.iter().filter(|p| p.place_substitutions > 0).count();
        writeln!(
            out,
            "{}",
            msg::reissue_pairs(
                what,
                pairs.len(),
                raised,
                if pairs.is_empty() {
                    0.0
                } else {
                    raised as f64 / pairs.len() as f64
                },
                with,
                evidence,
            )
        )?;
        for p in pairs.iter().filter(|p| p.leftovers > 0) {
            writeln!(
                out,
                "    {}  {}",
                sanitize(&p.name),
                sanitize(&p.texts.join(" "))
            )?;
        }
    }
    Ok(())
}
