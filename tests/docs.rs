//! The README agrees with the program: its gutter table with what the gutter
//! draws, its themes with those built in.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

const README: &str = include_str!("../README.md");

/// The rows of the README table that follows the line starting `heading`.
fn table_after(heading: &str) -> Vec<String> {
    let start = README
        .find(heading)
        .unwrap_or_else(|| panic!("README has no {heading:?}"));
    README[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_gutter_table_lists_every_mark_the_gutter_draws() {
    let rows = table_after("The gutter between the panes shows each unit's kind");
    let marks: String = rows
        .iter()
        .map(|r| r.split('|').nth(1).unwrap_or(""))
        .collect();
    for mark in taohua::legend::Gutter::EXAMPLES {
        let label = format!("`{}`", mark.label());
        assert!(
            marks.contains(&label),
            "README's gutter table lacks {label}"
        );
    }
    // And nothing the gutter never draws.
    let labels: Vec<String> = taohua::legend::Gutter::EXAMPLES
        .iter()
        .map(|m| m.label())
        .collect();
    for cell in marks.split('`').skip(1).step_by(2) {
        assert!(
            labels.iter().any(|l| l == cell),
            "README shows `{cell}`, which the gutter never draws"
        );
    }
}

#[test]
fn the_readme_names_every_built_in_theme() {
    for name in taohua::theme::Theme::builtin_names() {
        assert!(
            README.contains(&format!("`{name}`")),
            "README does not name theme {name}"
        );
    }
}
