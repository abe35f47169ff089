//! `.md` → text: Markdown markup removed, one line per source line.
//!
//! Heading markers (`# `), block quotes (`> `), list markers (`- `, `* `, `+ `,
//! `1. `), emphasis (`**`, `__`, and `*`/`_` pairs around text), inline code
//! backticks, images and links (`[text](url)` → `text`) go; the wording stays.
//! Code fences and horizontal rules are dropped. Conversion leftovers and blank
//! lines are then cleaned by `super::artifacts`.

/// The text of a Markdown document.
pub(crate) fn text_of(md: &str) -> String {
    let mut lines = Vec::new();
    for line in md.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") || is_rule(t) {
            continue;
        }
        lines.push(inline(block_prefix(t)));
    }
    super::artifacts::clean_lines(lines)
}

/// `---`, `***`, `___` (three or more, spaces allowed).
fn is_rule(t: &str) -> bool {
    let marks: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && ["-", "*", "_"]
            .iter()
            .any(|m| marks.chars().all(|c| c.to_string() == *m))
}

/// The line without its heading, quote and list markers.
fn block_prefix(mut t: &str) -> &str {
    loop {
        let before = t;
        t = t.trim_start();
        if let Some(r) = t.strip_prefix('>') {
            t = r;
        }
        let hashes = t.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) {
            t = &t[hashes..];
        }
        for marker in ["- ", "* ", "+ "] {
            if let Some(r) = t.strip_prefix(marker) {
                t = r;
            }
        }
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        if (1..=3).contains(&digits) {
            let r = &t[digits..];
            if r.starts_with(". ") || r.starts_with(") ") {
                t = &r[2..];
            }
        }
        if t == before {
            return t.trim();
        }
    }
}

/// Inline markup removed: emphasis, code, links and images.
fn inline(t: &str) -> String {
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '!' && chars.get(i + 1) == Some(&'[') {
            i += 1;
            continue;
        }
        if c == '[' {
            if let Some((text_end, url_end)) = link_at(&chars, i) {
                out.extend(&chars[i + 1..text_end]);
                i = url_end + 1;
                continue;
            }
        }
        if matches!(c, '*' | '_' | '`') {
            let run = chars[i..].iter().take_while(|&&x| x == c).count();
            // `_` inside a word (snake_case) is text; `*` and `` ` `` are markup.
            let inside_word = c == '_'
                && i > 0
                && chars[i - 1].is_ascii_alphanumeric()
                && chars.get(i + run).is_some_and(char::is_ascii_alphanumeric);
            if !inside_word {
                i += run;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `[text](url)` at `i`: the indices of `]` and of `)`.
fn link_at(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let close = (i + 1..chars.len()).find(|&k| chars[k] == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = (close + 2..chars.len()).find(|&k| chars[k] == ')')?;
    Some((close, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_wording_stays() {
        let md = "# 在科协会议上的讲话\n\n**同志们**：\n\n- 加强[科普阵地](http://x.org/a)建设\n\
                  1. 实施*全民*科学素质行动\n> 引用的话\n---\n```\ncode\n```\n![图](a.png)snake_case\n";
        assert_eq!(
            text_of(md),
            "在科协会议上的讲话\n同志们：\n加强科普阵地建设\n实施全民科学素质行动\n引用的话\ncode\n图snake_case\n"
        );
    }
}
