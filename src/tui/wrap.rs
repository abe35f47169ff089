//! Line breaking for CJK text by display width.
//!
//! ratatui's `Paragraph` wraps at spaces, which Chinese does not have. This
//! module breaks a unit's characters into lines no wider than the pane:
//! - widths come from `unicode-width`; the "ambiguous" characters (“ ” … · —)
//!   count one or two columns as the user's terminal draws them;
//! - a line never starts with closing punctuation (，。、；：！？）」』…) and
//!   never ends with an opening bracket (（「『“): the character before the break
//!   moves down with it (禁则, kinsoku);
//! - a run of ASCII letters and digits (`2023`, `8.5%`, `Excel`) is not cut
//!   when it fits on a line;
//! - a wide character is never cut at the edge: it moves to the next line.
//!
//! Pure: chars in, line ranges out.

/// Display width of a character: defined once, in [`crate::columns`].
pub use crate::columns::char_width;

/// Display width of a run of characters.
#[cfg(test)]
fn str_width(chars: &[char], ambiguous_wide: bool) -> usize {
    chars.iter().map(|&c| char_width(c, ambiguous_wide)).sum()
}

/// Characters that must not start a line.
pub(crate) fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | '”'
            | '’'
            | '…'
            | '·'
            | '—'
            | '％'
            | '‰'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '%'
            | '〕'
            | '〗'
            | '～'
    )
}

/// Characters that must not end a line.
pub(crate) fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '【' | '《' | '〈' | '“' | '‘' | '(' | '[' | '{' | '〔' | '〖'
    )
}

fn wordish(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '%' | '_' | '-' | '+')
}

/// Break `chars` into lines at most `width` columns wide. Returns `[start,
/// end)` ranges that cover `chars` in order; an empty text is one empty line.
/// A character wider than `width` (a CJK character in a one-column pane) gets
/// a line of its own, which the renderer clips.
pub fn wrap(chars: &[char], width: usize, ambiguous_wide: bool) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let width = width.max(1);
    let mut start = 0;
    while start < chars.len() {
        // Greedy: the longest prefix that fits.
        let mut used = 0;
        let mut end = start;
        while end < chars.len() {
            let w = char_width(chars[end], ambiguous_wide);
            if used + w > width {
                break;
            }
            used += w;
            end += 1;
        }
        if end == start {
            end = start + 1; // too wide for the pane: alone on its line
        } else if end < chars.len() {
            end = adjust_break(chars, start, end);
        }
        lines.push((start, end));
        start = end;
    }
    if lines.is_empty() {
        lines.push((0, 0));
    }
    lines
}

/// Move a break at `end` back so that the next line does not start with
/// closing punctuation, this one does not end with an opening bracket, and a
/// short ASCII word is not cut. Never moves back to `start`.
fn adjust_break(chars: &[char], start: usize, end: usize) -> usize {
    let mut at = end;
    // Closing punctuation pulls the character before it down (at most a few,
    // for runs such as `。”`).
    let mut tries = 0;
    while at > start + 1 && no_line_start(chars[at]) && tries < 3 {
        at -= 1;
        tries += 1;
    }
    if no_line_start(chars[at]) {
        at = end; // cannot satisfy: keep the plain break
    }
    if at > start + 1 && no_line_end(chars[at - 1]) {
        at -= 1;
    }
    // Do not cut an ASCII word that could fit on the next line.
    if wordish(chars[at]) && wordish(chars[at - 1]) {
        let mut w = at;
        while w > start && wordish(chars[w - 1]) {
            w -= 1;
        }
        if w > start && !no_line_start(chars[w]) {
            at = w;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        wrap(&chars, width, false)
            .into_iter()
            .map(|(a, b)| chars[a..b].iter().collect())
            .collect()
    }

    #[test]
    fn wraps_by_display_width() {
        assert_eq!(lines("科协工作做到哪里", 6), ["科协工", "作做到", "哪里"]);
        assert_eq!(lines("ab科协", 5), ["ab科", "协"]);
        assert_eq!(lines("", 10), [""]);
    }

    #[test]
    fn a_wide_char_is_never_cut_at_the_edge() {
        assert_eq!(lines("a科协", 2), ["a", "科", "协"]);
        assert_eq!(lines("科", 1), ["科"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        assert_eq!(lines("科协工作。下一句", 8), ["科协工", "作。下一", "句"]);
        assert_eq!(
            lines("我们要：“好”。然后", 8),
            ["我们要：", "“好”。然", "后"]
        );
        for l in lines("坚持创新驱动发展，着力提升科技工作者的获得感和幸福感。", 10)
        {
            assert!(!l.starts_with(no_line_start), "{l}");
        }
    }

    #[test]
    fn opening_brackets_never_end_a_line() {
        assert_eq!(lines("科协（一）工作", 6), ["科协", "（一）", "工作"]);
    }

    #[test]
    fn ascii_words_stay_whole() {
        assert_eq!(lines("增长12.5%左右", 8), ["增长", "12.5%左", "右"]);
    }

    #[test]
    fn ambiguous_width_is_configurable() {
        let quotes: Vec<char> = "“”“”".chars().collect();
        assert_eq!(str_width(&quotes, false), 4);
        assert_eq!(str_width(&quotes, true), 8);
    }
}
