//! The report of `taohua eval DIR --reissue`: substitutions and names left
//! behind, found in re-issued copies of real reports, and the leftovers real
//! pairs raise (EVALUATION.md explains the method). The figures come from
//! `taohua_core::eval::reissue`.

use std::io::{self, Write};

use taohua_core::eval::reissue::ReissueEvaluation;

use super::sanitize;

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
    writeln!(
        out,
        "taohua eval --reissue: {docs} documents, seed {}, {seconds:.1} s",
        eval.seed
    )?;
    writeln!(out, "\n── Re-issued copies ──")?;
    writeln!(
        out,
        "{:<52} {:>13} {:>13} {:>9} {:>6}",
        "copy", "substitutions", "occurrences", "left", "false"
    )?;
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
            writeln!(out, "    missed  {}", sanitize(m))?;
        }
        for f in &s.false_alarm_texts {
            writeln!(out, "    false alarm  {}", sanitize(f))?;
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
    writeln!(out, "\n── Totals ──")?;
    writeln!(
        out,
        "copies {copies}: substitutions found {} ({}/{}), occurrences {} ({}/{}), names left behind found {} ({}/{}), false alarms {} ({:.2} a copy, at most {worst} in one)",
        pct(t(&|s| s.substitutions_found), t(&|s| s.substitutions)),
        t(&|s| s.substitutions_found),
        t(&|s| s.substitutions),
        pct(t(&|s| s.occurrences_found), t(&|s| s.occurrences)),
        t(&|s| s.occurrences_found),
        t(&|s| s.occurrences),
        pct(t(&|s| s.left_behind_found), t(&|s| s.left_behind)),
        t(&|s| s.left_behind_found),
        t(&|s| s.left_behind),
        t(&|s| s.false_alarms),
        if copies == 0 { 0.0 } else { t(&|s| s.false_alarms) as f64 / copies as f64 },
    )?;
    for (what, pairs) in [
        ("same-province pairs", &eval.same_province),
        ("cross-province pairs", &eval.cross_province),
    ] {
        let raised: usize = pairs.iter().map(|p| p.leftovers).sum();
        let with = pairs.iter().filter(|p| p.leftovers > 0).count();
        let evidence = pairs.iter().filter(|p| p.place_substitutions > 0).count();
        writeln!(
            out,
            "{what} {}: leftovers raised {raised} ({:.3} a pair) in {with} pairs; {evidence} pairs with a place or name substitution",
            pairs.len(),
            if pairs.is_empty() { 0.0 } else { raised as f64 / pairs.len() as f64 },
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
