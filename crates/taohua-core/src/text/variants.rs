//! Variant folding for matching: traditional → simplified characters, Chinese
//! numerals → ASCII digits, and conversion leftovers to ignore.
//!
//! Every fold here maps one character to one character (or drops it), so the
//! keys of [`super::normalize`] keep their spans into the original text.
//!
//! - **Script.** [`fold_script`] uses the `fast2s` table (derived from
//!   OpenCC's traditional → simplified characters, 2,700 pairs, with context
//!   rules for `乾隆`/`乾净`, `計畫`/`畫圖` and the like). Every entry maps one
//!   three-byte character to one, which is what folding needs; phrase-level
//!   converters (OpenCC proper) can change lengths and would lose offsets.
//! - **Numerals.** A run of the digit characters `〇零一二三四五六七八九` is folded
//!   to ASCII digits only where it reads as a year or a figure (see
//!   [`numeral_runs`]), so `一是`, `统一`, `三四年时间`, `零零星星` keep their
//!   characters.
//! - **Artifacts.** `[bookmark: _GoBack]` (left by Word → text converters) and
//!   ASCII `*` (Markdown emphasis) carry no wording: [`artifact_mask`] marks
//!   them so that matching skips them.

// `T2S_FLAGS`: which BMP characters `fast2s` may fold (written by build.rs).
include!(concat!(env!("OUT_DIR"), "/t2s_flags.rs"));

/// True when `fast2s` may fold `c`, on its own or next to certain neighbours.
/// Only three-byte UTF-8 characters (U+0800..=U+FFFF) are ever folded.
fn may_fold(c: char) -> bool {
    let u = c as usize;
    (0x800..=0xFFFF).contains(&u) && T2S_FLAGS[u / 64] & (1 << (u % 64)) != 0
}

/// The simplified form of `chars[i]`, folded as `fast2s` folds it inside the
/// whole text (its context rules look at one neighbour on each side), or
/// `'\0'` when `i` is out of range.
///
/// Characters the build-time table does not flag (all of simplified text)
/// cost one bit test; a flagged one asks `fast2s` about its three-character
/// window.
pub(crate) fn fold_script_at(chars: &[char], i: usize) -> char {
    let Some(&c) = chars.get(i) else {
        return '\0';
    };
    if !may_fold(c) {
        return c;
    }
    let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
    let next = chars.get(i + 1).copied();
    let mut window = String::with_capacity(12);
    window.extend(prev);
    window.push(c);
    window.extend(next);
    // fast2s maps one char to one, so the fold of `c` sits at its index.
    fast2s::convert(&window)
        .chars()
        .nth(usize::from(prev.is_some()))
        .unwrap_or(c)
}

/// The ASCII digit a Chinese digit character stands for, digit by digit.
pub(crate) fn numeral_digit(c: char) -> Option<char> {
    let d = match c {
        '〇' | '零' => '0',
        '一' => '1',
        '二' => '2',
        '三' => '3',
        '四' => '4',
        '五' => '5',
        '六' => '6',
        '七' => '7',
        '八' => '8',
        '九' => '9',
        _ => return None,
    };
    Some(d)
}

/// Which of the `len` characters that `at` returns for `0..len` (already
/// NFKC-folded) belong to a Chinese numeral that reads as a year or a figure
/// and should fold to digits.
///
/// A maximal run of `〇零一二三四五六七八九` is folded when
/// - it holds `〇` and is at least 2 long (`〇` is only ever a digit), or
/// - it holds `零` and is at least 3 long (`二零二三`, but not `零零星星`), or
/// - it is exactly 4 long and followed by `年` (`一九五四年`, but not `三四年`), or
/// - it is followed by `%` or `‰` (after NFKC, so `％` too).
///
/// Everything else (`一是`, `统一`, `十四五`, `二十三`) is left alone: only
/// digit-by-digit writing is folded, never counting words with `十`/`百`.
pub(crate) fn numeral_runs_by(len: usize, at: impl Fn(usize) -> char) -> Vec<bool> {
    let mut out = vec![false; len];
    let mut i = 0;
    while i < len {
        if numeral_digit(at(i)).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        let (mut zero_o, mut zero_ling) = (false, false);
        while i < len {
            let c = at(i);
            if numeral_digit(c).is_none() {
                break;
            }
            zero_o |= c == '〇';
            zero_ling |= c == '零';
            i += 1;
        }
        let run = i - start;
        let next = (i < len).then(|| at(i));
        let fold = (zero_o && run >= 2)
            || (zero_ling && run >= 3)
            || (run == 4 && next == Some('年'))
            || matches!(next, Some('%' | '‰'));
        if fold {
            out[start..i].iter_mut().for_each(|b| *b = true);
        }
    }
    out
}

/// The longest bookmark leftover we look for, in characters.
const MAX_BOOKMARK: usize = 80;

/// Which characters of `chars` are conversion leftovers that matching
/// ignores: `[bookmark: NAME]` (any name, up to 80 characters) and ASCII `*`.
pub(crate) fn artifact_mask(chars: &[char]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '*' {
            out[i] = true;
        } else if chars[i] == '[' {
            if let Some(len) = bookmark_at(&chars[i..]) {
                out[i..i + len].iter_mut().for_each(|b| *b = true);
                i += len;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The length of a `[bookmark: …]` leftover at the start of `chars`.
pub(crate) fn bookmark_at(chars: &[char]) -> Option<usize> {
    const OPEN: &str = "[bookmark:";
    let n = OPEN.chars().count();
    if chars.len() < n + 1 {
        return None;
    }
    let head: String = chars[..n].iter().collect();
    if !head.eq_ignore_ascii_case(OPEN) {
        return None;
    }
    let close = chars
        .iter()
        .take(MAX_BOOKMARK)
        .position(|&c| c == ']' || c == '\n')?;
    (chars[close] == ']').then_some(close + 1)
}

#[cfg(test)]
mod tests {
    /// Fold a whole text, one character to one.
    fn fold_script(chars: &[char]) -> Vec<char> {
        (0..chars.len()).map(|i| fold_script_at(chars, i)).collect()
    }

    use super::*;

    fn folded(s: &str) -> String {
        let c: Vec<char> = s.chars().collect();
        let m = numeral_runs_by(c.len(), |i| c[i]);
        c.iter()
            .zip(m)
            .map(|(&c, f)| if f { numeral_digit(c).unwrap_or(c) } else { c })
            .collect()
    }

    #[test]
    fn script_folds_one_char_to_one() {
        let t: Vec<char> = "發展經濟，國務院總理周恩來".chars().collect();
        let s: String = fold_script(&t).into_iter().collect();
        assert_eq!(s, "发展经济，国务院总理周恩来");
        // Simplified text and ASCII are left alone.
        let plain: Vec<char> = "覆盖 coverage 发展".chars().collect();
        assert_eq!(fold_script(&plain), plain);
    }

    /// Characters with context rules in fast2s, their neighbours in those
    /// rules, and ordinary simplified, traditional and ASCII characters.
    const TRICKY: &str = "藉口憑看著苧麻闔家鍾書校讎定仇計畫企圖兒寬答覆批回甚夥慰狼瞭望幺麽樊於乾隆坤卦淨發展经济a1，。";

    proptest::proptest! {
        /// The table-driven fold is exactly fast2s's whole-text conversion.
        #[test]
        fn script_fold_agrees_with_fast2s(picks in proptest::collection::vec(0usize..64, 0..40)) {
            let alphabet: Vec<char> = TRICKY.chars().collect();
            let text: String = picks.iter().map(|&i| alphabet[i % alphabet.len()]).collect();
            let chars: Vec<char> = text.chars().collect();
            let ours: String = fold_script(&chars).into_iter().collect();
            proptest::prop_assert_eq!(ours, fast2s::convert(&text));
        }
    }

    #[test]
    fn script_fold_follows_context_rules() {
        for (t, s) in [
            ("看著", "看着"),
            ("乾隆的乾兒子", "乾隆的干儿子"),
            ("計畫畫圖", "计划画图"),
            ("苧麻", "苎麻"),
        ] {
            let c: Vec<char> = t.chars().collect();
            let folded: String = fold_script(&c).into_iter().collect();
            assert_eq!(folded, s, "{t}");
        }
    }

    #[test]
    fn numerals_fold_only_as_years_and_figures() {
        assert_eq!(folded("二〇二三年"), "2023年");
        assert_eq!(folded("二零二三年"), "2023年");
        assert_eq!(folded("一九五四年"), "1954年");
        assert_eq!(folded("增长五%"), "增长5%");
        assert_eq!(folded("〇五"), "05");
        // Ordinary words keep their characters.
        for w in [
            "一是",
            "统一",
            "三四年时间",
            "零零星星",
            "十四五",
            "二十三",
            "一一对应",
        ] {
            assert_eq!(folded(w), w, "{w}");
        }
    }

    #[test]
    fn bookmarks_and_stars_are_artifacts() {
        let c: Vec<char> = "加强[bookmark: _GoBack]**科普**".chars().collect();
        let m = artifact_mask(&c);
        let kept: String = c
            .iter()
            .zip(&m)
            .filter(|(_, &x)| !x)
            .map(|(c, _)| c)
            .collect();
        assert_eq!(kept, "加强科普");
        // An unclosed bracket is text.
        let c: Vec<char> = "[bookmark: 没有结尾\n正文".chars().collect();
        assert!(artifact_mask(&c).iter().all(|&x| !x));
    }
}
