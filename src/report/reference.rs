//! `taohua reference info`: what a reference holds, by kind, with the years
//! and regions of each, so a reader knows what "common" is measured against.

use std::collections::BTreeMap;
use std::io::{self, Write};

use taohua_core::commonness::Reference;

use super::sanitize;
use crate::i18n::msg;

/// The reference's documents by kind, with their years and regions.
pub fn write_info(reference: &dyn Reference, out: &mut dyn Write) -> io::Result<()> {
    let facts = reference.facts();
    writeln!(
        out,
        "{}",
        msg::ref_heading(&sanitize(&reference.name()), &msg::documents(facts.len()))
    )?;
    let mut kinds: BTreeMap<String, (usize, Vec<i32>, Vec<String>)> = BTreeMap::new();
    for f in &facts {
        let k = kinds
            .entry(f.kind.clone().unwrap_or_else(|| "?".into()))
            .or_default();
        k.0 += 1;
        k.1.extend(f.year);
        if let Some(r) = &f.region {
            if !k.2.contains(r) {
                k.2.push(r.clone());
            }
        }
    }
    let mut rows: Vec<_> = kinds.into_iter().collect();
    rows.sort_by_key(|(_, v)| std::cmp::Reverse(v.0));
    for (kind, (n, years, regions)) in rows {
        let span = match (years.iter().min(), years.iter().max()) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            _ => msg::ref_no_year().into(),
        };
        writeln!(
            out,
            "{}",
            msg::ref_row(n, &sanitize(&kind), &span, regions.len())
        )?;
    }
    Ok(())
}
