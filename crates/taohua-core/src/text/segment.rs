//! Segmentation: a document's text becomes *segments*, the units that the
//! aligner pairs up.
//!
//! A segment is a paragraph (a line), or — when a paragraph is longer than
//! [`LONG_PARAGRAPH`] characters, as when a whole speech arrives as one line —
//! a group of consecutive sentences cut at `。！？；`. Group boundaries are
//! chosen by content (a hash of the next sentence's opening characters) rather
//! than by position, so an edit early in a long paragraph does not shift every
//! later boundary, and an edited copy segments the same way as its source.
//! Numbered headings (`一、` `（一）` `第一，` `1.`) are recognised: they always
//! start a new segment and are marked.

use super::normalize::is_line_break;
use super::Chars;

/// A paragraph longer than this many characters is split into sentence groups.
pub(crate) const LONG_PARAGRAPH: usize = 480;
/// A sentence group is closed once it reaches this many characters.
const MAX_GROUP: usize = 320;
/// A sentence group is not closed by content before it has this many characters.
const MIN_GROUP: usize = 90;
/// A "sentence" with no terminator is cut after this many characters.
const MAX_SENTENCE: usize = 400;

/// One unit of a document: a paragraph or a group of sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// First character (char index into the document text).
    pub start: u32,
    /// One past the last character.
    pub end: u32,
    /// Which paragraph (0-based, counting non-empty lines) it belongs to.
    pub paragraph: u32,
    /// True when the segment is a numbered heading such as `一、总体要求`.
    pub heading: bool,
}

impl Segment {
    /// Length in characters.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// True for a zero-length segment (never produced by [`segment`]).
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '"' | '\'' | '〕'
    )
}

fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '〇' | '零'
    )
}

/// The length of a numbered-heading marker at the start of `s`, if any:
/// `一、` `（一）` `(一)` `（1）` `第一，` `第三部分` `1.` `2、` `①`.
pub(crate) fn heading_marker(s: &[char]) -> Option<usize> {
    let numeral_run = |from: usize, digits: bool| -> usize {
        s[from.min(s.len())..]
            .iter()
            .take_while(|&&c| {
                if digits {
                    c.is_ascii_digit() || ('０'..='９').contains(&c)
                } else {
                    is_chinese_numeral(c)
                }
            })
            .count()
    };
    let first = *s.first()?;
    if ('①'..='⑳').contains(&first) {
        return Some(1);
    }
    if first == '（' || first == '(' {
        for digits in [false, true] {
            let n = numeral_run(1, digits);
            if (1..=3).contains(&n) && matches!(s.get(1 + n), Some('）' | ')')) {
                return Some(n + 2);
            }
        }
        return None;
    }
    if first == '第' {
        let n = numeral_run(1, false);
        if (1..=3).contains(&n) {
            return match s.get(1 + n) {
                Some('，' | ',' | '、' | '：' | ':' | '是') => Some(n + 2),
                Some('部') if s.get(2 + n) == Some(&'分') => Some(n + 3),
                Some('章' | '节') => Some(n + 2),
                _ => None,
            };
        }
        return None;
    }
    let n = numeral_run(0, false);
    if (1..=3).contains(&n) && s.get(n) == Some(&'、') {
        return Some(n + 1);
    }
    let n = numeral_run(0, true);
    if (1..=2).contains(&n) && matches!(s.get(n), Some('.' | '．' | '、')) {
        // "2023." is a year, "3.5" a figure; "1. 坚持" is a heading.
        let next = s.get(n + 1).copied();
        if !next.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            return Some(n + 1);
        }
    }
    None
}

/// Split a document's text (as chars) into segments, in reading order,
/// disjoint, each trimmed of surrounding white space.
pub fn segment(chars: &Chars) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut paragraph = 0u32;
    let mut line_start = 0usize;
    for i in 0..=chars.len() {
        if i < chars.len() && !is_line_break(chars[i]) {
            continue;
        }
        if let Some((s, e)) = trim(chars, line_start, i) {
            split_paragraph(chars, s, e, paragraph, &mut out);
            paragraph += 1;
        }
        line_start = i + 1;
    }
    out
}

/// `[start, end)` without leading and trailing white space; None when nothing is left.
fn trim(chars: &[char], mut start: usize, mut end: usize) -> Option<(usize, usize)> {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    (start < end).then_some((start, end))
}

fn split_paragraph(
    chars: &[char],
    start: usize,
    end: usize,
    paragraph: u32,
    out: &mut Vec<Segment>,
) {
    let para = &chars[start..end];
    if para.len() <= LONG_PARAGRAPH {
        let heading = para.len() <= 60 && heading_marker(para).is_some();
        out.push(Segment {
            start: Chars::offset(start),
            end: Chars::offset(end),
            paragraph,
            heading,
        });
        return;
    }
    let sentences = sentences(chars, start, end);
    let mut group_start = start;
    let mut group_heading = false;
    for (k, &(s, e)) in sentences.iter().enumerate() {
        if s == group_start {
            group_heading = heading_marker(&chars[s..e]).is_some() && e - s <= 60;
        }
        let len = e - group_start;
        let next = sentences.get(k + 1);
        let close = match next {
            None => true,
            Some(&(ns, ne)) => {
                group_heading
                    || heading_marker(&chars[ns..ne]).is_some()
                    || len >= MAX_GROUP
                    || (len >= MIN_GROUP && content_cut(&chars[ns..ne]))
            }
        };
        if close {
            if let Some((ts, te)) = trim(chars, group_start, e) {
                out.push(Segment {
                    start: Chars::offset(ts),
                    end: Chars::offset(te),
                    paragraph,
                    heading: group_heading,
                });
            }
            if let Some(&(ns, _)) = next {
                group_start = ns;
            }
        }
    }
}

/// A content-defined cut: about one sentence in three starts a new group,
/// decided by its first two letters so that the same text cuts the same way.
fn content_cut(sentence: &[char]) -> bool {
    let mut letters = sentence.iter().filter(|c| c.is_alphanumeric());
    let a = letters.next().map_or(0, |&c| c as u32);
    let b = letters.next().map_or(0, |&c| c as u32);
    (a.wrapping_mul(2_654_435_761) ^ b.wrapping_mul(40_503)) % 3 == 0
}

/// The sentences of `[start, end)`: cut after a terminator and any closing
/// quotes or brackets that follow it, and before an inline numbered heading;
/// a run with no terminator is cut at a comma, or hard, after [`MAX_SENTENCE`].
fn sentences(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = start;
    let mut i = start;
    let mut last_comma = None;
    while i < end {
        let c = chars[i];
        if matches!(c, '，' | ',' | '、') {
            last_comma = Some(i + 1);
        }
        if is_terminator(c) {
            let mut j = i + 1;
            while j < end && (is_terminator(chars[j]) || is_closer(chars[j])) {
                j += 1;
            }
            out.push((s, j));
            s = j;
            i = j;
            last_comma = None;
            continue;
        }
        if i - s >= MAX_SENTENCE {
            let cut = last_comma
                .filter(|&c| c > s + MAX_SENTENCE / 2)
                .unwrap_or(i);
            out.push((s, cut));
            s = cut;
            i = cut;
            last_comma = None;
            continue;
        }
        i += 1;
    }
    if s < end {
        out.push((s, end));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn seg(s: &str) -> (Chars, Vec<Segment>) {
        let chars = Chars::new(s).unwrap();
        let segs = segment(&chars);
        (chars, segs)
    }

    fn text(chars: &[char], s: &Segment) -> String {
        chars[s.start as usize..s.end as usize].iter().collect()
    }

    #[test]
    fn lines_become_trimmed_paragraphs() {
        let (chars, segs) = seg("标题\r\n\n　　同志们：\n一、总体要求\n  正文。 \n");
        let texts: Vec<String> = segs.iter().map(|s| text(&chars, s)).collect();
        assert_eq!(texts, ["标题", "同志们：", "一、总体要求", "正文。"]);
        assert_eq!(
            segs.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
            [0, 1, 2, 3]
        );
        assert!(segs[2].heading);
        assert!(!segs[3].heading);
    }

    #[test]
    fn heading_markers() {
        let m = |s: &str| heading_marker(&s.chars().collect::<Vec<_>>());
        assert_eq!(m("一、总体要求"), Some(2));
        assert_eq!(m("十二、其他"), Some(3));
        assert_eq!(m("（三）加强"), Some(3));
        assert_eq!(m("(3)加强"), Some(3));
        assert_eq!(m("第一，要"), Some(3));
        assert_eq!(m("第二部分"), Some(4));
        assert_eq!(m("1. 坚持"), Some(2));
        assert_eq!(m("2023.5"), None);
        assert_eq!(m("3.5%"), None);
        assert_eq!(m("一是"), None);
        assert_eq!(m("第一次会议"), None);
    }

    #[test]
    fn one_line_speech_splits_into_sentence_groups() {
        let sentence = "我们坚持创新驱动发展，着力提升科技工作者的获得感和幸福感。";
        let mut speech = String::new();
        for k in 0..40 {
            if k == 20 {
                speech.push_str("二、加强科普工作。");
            }
            speech.push_str(sentence);
        }
        let (chars, segs) = seg(&speech);
        assert!(segs.len() > 3, "{} segments", segs.len());
        assert!(segs
            .iter()
            .all(|s| s.len() <= MAX_GROUP + sentence.chars().count()));
        assert!(segs
            .iter()
            .any(|s| s.heading && text(&chars, s) == "二、加强科普工作。"));
        // Disjoint, in order, and nothing but white space left out.
        let mut at = 0;
        for s in &segs {
            assert!(s.start as usize >= at);
            assert!(chars[at..s.start as usize]
                .iter()
                .all(|c| c.is_whitespace()));
            at = s.end as usize;
        }
        assert_eq!(at, chars.len());
    }

    #[test]
    fn text_without_terminators_is_still_cut() {
        let (_, segs) = seg(&"科".repeat(5000));
        assert!(segs.len() >= 12);
        assert!(segs.iter().all(|s| s.len() <= MAX_SENTENCE + 1));
    }

    #[test]
    fn group_boundaries_survive_an_early_edit() {
        let sents: Vec<String> = (0..30)
            .map(|k| format!("第{k}项工作要抓紧抓实抓细，确保各项任务落到实处取得成效。"))
            .collect();
        let a = sents.concat();
        let b = format!("新增一句话。{a}");
        let (ca, sa) = seg(&a);
        let (cb, sb) = seg(&b);
        let ta: Vec<String> = sa.iter().map(|s| text(&ca, s)).collect();
        let tb: Vec<String> = sb.iter().map(|s| text(&cb, s)).collect();
        let shared = ta.iter().filter(|t| tb.contains(t)).count();
        assert!(
            shared + 2 >= ta.len(),
            "{shared} of {} groups kept",
            ta.len()
        );
    }
}
