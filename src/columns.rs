//! Short text laid out in terminal columns, for the text reports and the
//! screens alike: display widths (`unicode-width`; the "ambiguous"
//! characters “ ” … · — count one or two columns as the user's terminal
//! draws them), padding and cutting to a width, and counted nouns
//! (`1 document`, `2 documents`).
//!
//! A CJK character takes two columns, so padding by characters (`{:<24}`)
//! misaligns every column after a Chinese name; tables pad with [`pad`].

use unicode_width::UnicodeWidthChar;

/// Display width of `c` in terminal columns (0 for control characters, which
/// are made visible before they get here).
pub fn char_width(c: char, ambiguous_wide: bool) -> usize {
    if ambiguous_wide {
        c.width_cjk().unwrap_or(0)
    } else {
        c.width().unwrap_or(0)
    }
}

/// Display width of `s`.
pub fn width(s: &str, ambiguous_wide: bool) -> usize {
    s.chars().map(|c| char_width(c, ambiguous_wide)).sum()
}

/// Which side of a column text sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Padded on the right (text).
    Left,
    /// Padded on the left (figures).
    Right,
}

/// `s` padded with spaces to `columns` display columns (never cut).
pub fn pad(s: &str, columns: usize, align: Align, ambiguous_wide: bool) -> String {
    let fill = " ".repeat(columns.saturating_sub(width(s, ambiguous_wide)));
    match align {
        Align::Left => format!("{s}{fill}"),
        Align::Right => format!("{fill}{s}"),
    }
}

/// `s` cut to at most `columns` display columns, ending in `…` when cut (the
/// ellipsis counted as `ambiguous_wide` says).
pub fn fit(s: &str, columns: usize, ambiguous_wide: bool) -> String {
    if width(s, ambiguous_wide) <= columns {
        return s.to_string();
    }
    let room = columns.saturating_sub(char_width('…', ambiguous_wide));
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c, ambiguous_wide);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    if columns > 0 {
        out.push('…');
    }
    out
}

/// `s` cut to `columns` and padded to exactly that width.
pub fn cell(s: &str, columns: usize, align: Align, ambiguous_wide: bool) -> String {
    pad(
        &fit(s, columns, ambiguous_wide),
        columns,
        align,
        ambiguous_wide,
    )
}

/// Items joined by `sep` as far as they fit in `columns`, then `+N` for the
/// rest: every item is either shown or counted.
pub fn list_fit(items: &[&str], sep: &str, columns: usize, ambiguous_wide: bool) -> String {
    let mut out = String::new();
    for (k, item) in items.iter().enumerate() {
        let rest = items.len() - k - 1;
        let joined = if out.is_empty() {
            item.to_string()
        } else {
            format!("{out}{sep}{item}")
        };
        let more = if rest > 0 {
            format!(" +{rest}")
        } else {
            String::new()
        };
        if width(&joined, ambiguous_wide) + width(&more, ambiguous_wide) > columns {
            let left = items.len() - k;
            return if out.is_empty() {
                format!("+{left}")
            } else {
                format!("{out} +{left}")
            };
        }
        out = joined;
    }
    out
}

/// Rows of cells laid out as a table: each column as wide as its widest
/// cell (display width), separated by two spaces; the last column is not
/// padded. `align` gives each column's side (missing: left).
pub fn table(rows: &[Vec<String>], align: &[Align], ambiguous_wide: bool) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in rows {
        for (k, c) in row.iter().enumerate() {
            widths[k] = widths[k].max(width(c, ambiguous_wide));
        }
    }
    rows.iter()
        .map(|row| {
            let mut line = String::new();
            for (k, c) in row.iter().enumerate() {
                if k > 0 {
                    line.push_str("  ");
                }
                let side = align.get(k).copied().unwrap_or(Align::Left);
                if k + 1 == row.len() && side == Align::Left {
                    line.push_str(c);
                } else {
                    line.push_str(&pad(c, widths[k], side, ambiguous_wide));
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// `n` and the noun, plural above one: `1 document`, `2 documents`,
/// `0 documents`. `plural` is the noun's plural.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!(
        "{} {}",
        thousands(n),
        if n == 1 { singular } else { plural }
    )
}

/// `n` with thousands separated by commas: `1,210`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn chinese_takes_two_columns_and_ambiguous_marks_follow_the_setting() {
        assert_eq!(width("广东省", false), 6);
        assert_eq!(width("a·b", false), 3);
        assert_eq!(width("a·b", true), 4);
        assert_eq!(pad("广东", 6, Align::Left, false), "广东  ");
        assert_eq!(pad("12", 4, Align::Right, false), "  12");
    }

    #[test]
    fn fitting_never_splits_a_wide_character_or_hides_a_count() {
        assert_eq!(fit("政府工作报告决议", 8, false), "政府工…");
        assert_eq!(width(&fit("政府工作报告决议", 9, false), false), 9);
        assert_eq!(cell("政府工作报告决议", 9, Align::Left, false), "政府工作…");
        let regions = ["广东省", "广西壮族自治区", "江苏省"];
        assert_eq!(
            list_fit(&regions, " ", 40, false),
            "广东省 广西壮族自治区 江苏省"
        );
        assert_eq!(list_fit(&regions, " ", 12, false), "广东省 +2");
        assert_eq!(list_fit(&regions, " ", 3, false), "+3");
    }

    #[test]
    fn tables_line_up_by_display_width() {
        let rows = vec![
            vec!["id".to_string(), "region".into(), "text".into()],
            vec!["1".to_string(), "广西壮族自治区".into(), "甲".into()],
            vec!["12".to_string(), "Anhui".into(), "乙".into()],
        ];
        let lines = table(&rows, &[Align::Right, Align::Left], false);
        let at: Vec<usize> = lines
            .iter()
            .map(|l| width(&l[..l.rfind("  ").unwrap()], false))
            .collect();
        assert_eq!(at, [at[0]; 3], "{lines:#?}");
        assert_eq!(lines[1], " 1  广西壮族自治区  甲");
    }

    #[test]
    fn plural_only_above_one() {
        assert_eq!(count(1, "document", "documents"), "1 document");
        assert_eq!(count(0, "pair", "pairs"), "0 pairs");
        assert_eq!(count(1210, "pair", "pairs"), "1,210 pairs");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
