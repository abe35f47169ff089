//! Normalisation for matching: the document's characters become a sequence of
//! *keys* that compare equal when a reader would call the text the same.
//!
//! - NFKC folds full-width letters, digits and punctuation to their ASCII forms.
//! - ASCII letters are lower-cased.
//! - White space and punctuation are dropped, so `，` and `,`, `“”` and `"`,
//!   `：` and `:` all match (they vanish); what stays is what a copy ratio counts.
//! - Figures keep their shape: `%`, `‰` and a decimal point between digits stay,
//!   so `5.5%` never matches `55`. They match but are not *countable*.
//! - A redaction placeholder (`x`, `XX`, `××`, `○○`, `＊＊` standing for a name
//!   or a number) becomes one [`PLACEHOLDER`] key that never matches
//!   exactly but may be bridged over (see `compare::passages`).
//!
//! - A line break becomes one [`BREAK`] key: a passage is shared phrasing
//!   inside paragraphs, and never runs from one paragraph into the next.
//! - Traditional characters fold to simplified ones (`fold_script`, see
//!   [`super::variants`]), and digit-by-digit Chinese numerals that form a
//!   year or a figure (`二〇二三`, `一九五四年`) fold to ASCII digits
//!   (`fold_numerals`; the rule is in [`super::variants::numeral_runs`]).
//! - Conversion leftovers that a plain-text file may still carry are ignored
//!   for matching (`artifacts`): `[bookmark: _GoBack]` and the like, and ASCII
//!   `*` (Markdown's `**bold**` markers; full-width `＊＊` stays a placeholder).
//!
//! Every key remembers the span of original characters it came from, so any
//! range of keys maps back to offsets in the text the user sees.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::{variants, Chars, TextTooLong};

/// Options for [`normalize`]. Each fold can be switched off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NormOptions {
    /// Apply NFKC (full-width → ASCII, compatibility forms → plain forms).
    pub nfkc: bool,
    /// Treat `x`, `XX`, `××`, `○○`, `＊＊` as redaction placeholders.
    pub placeholders: bool,
    /// Fold traditional characters to simplified ones, one character to one
    /// (so `發展` matches `发展`).
    pub fold_script: bool,
    /// Fold digit-by-digit Chinese numerals that form a year or a figure to
    /// ASCII digits (`二〇二三` matches `2023`; `一是`, `统一` are left alone).
    pub fold_numerals: bool,
    /// Ignore conversion leftovers (`[bookmark: _GoBack]`, ASCII `**`).
    pub artifacts: bool,
}

impl Default for NormOptions {
    fn default() -> Self {
        NormOptions {
            nfkc: true,
            placeholders: true,
            fold_script: true,
            fold_numerals: true,
            artifacts: true,
        }
    }
}

/// A matching key: a folded character, or one of the two marks below.
pub type Key = u32;

/// The key that stands for a redaction placeholder.
pub const PLACEHOLDER: Key = u32::MAX;
/// The key that marks a line break: passages never run across it.
pub const BREAK: Key = u32::MAX - 1;

/// True for keys that never match exactly: placeholders and breaks.
pub(crate) fn is_wild(k: Key) -> bool {
    k >= BREAK
}

/// True for the keys of a figure: digits, the decimal point, `%` and `‰`
/// (normalisation keeps only decimal points between digits). The one
/// definition of "a figure" for passages (which never end inside one) and
/// for the change list (which shows a changed figure whole).
pub(crate) fn is_figure_key(k: Key) -> bool {
    matches!(char::from_u32(k), Some('0'..='9' | '.' | '%' | '‰'))
}

/// A document's matching keys and which of them count: all that passage
/// finding and corpus work need. [`Normalized`] adds the way back to the
/// original characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeySeq {
    keys: Vec<Key>,
    countable: Vec<bool>,
}

impl KeySeq {
    /// The keys in reading order.
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// For each key, whether it counts (a letter, digit or Han character).
    pub fn countable(&self) -> &[bool] {
        &self.countable
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when the document has no keys at all.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Number of countable keys in `[from, to)`.
    pub fn countable_in(&self, from: usize, to: usize) -> usize {
        let to = to.min(self.countable.len());
        if from >= to {
            return 0;
        }
        self.countable[from..to].iter().filter(|&&c| c).count()
    }

    /// The keys of `[from, to)` as a string (placeholders shown as `□`, line
    /// breaks as `¶`), for messages, tests and evaluation.
    pub fn key_string(&self, from: usize, to: usize) -> String {
        let to = to.min(self.keys.len());
        let from = from.min(to);
        self.keys[from..to]
            .iter()
            .map(|&k| {
                if k == PLACEHOLDER {
                    '□'
                } else if k == BREAK {
                    '¶'
                } else {
                    char::from_u32(k).unwrap_or('\u{FFFD}')
                }
            })
            .collect()
    }

    /// The keys `[from, to)` as a sequence of their own.
    pub fn slice(&self, from: usize, to: usize) -> KeySeq {
        let to = to.min(self.keys.len());
        let from = from.min(to);
        KeySeq {
            keys: self.keys[from..to].to_vec(),
            countable: self.countable[from..to].to_vec(),
        }
    }

    /// The first occurrence of `needle`'s keys, as a key index.
    pub fn find(&self, needle: &KeySeq) -> Option<usize> {
        let n = needle.keys.len();
        if n == 0 || n > self.keys.len() {
            return None;
        }
        self.keys
            .windows(n)
            .position(|w| w == needle.keys.as_slice())
    }
}

/// A document's matching keys with the original span of each: keys `[from,
/// to)` always map back to the characters `[start, end)` they came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    seq: KeySeq,
    /// For each key, the original characters `[start, end)` it came from,
    /// in increasing order.
    spans: Vec<(u32, u32)>,
}

impl Normalized {
    /// The keys and their countable flags.
    pub fn seq(&self) -> &KeySeq {
        &self.seq
    }

    /// The keys alone, without the spans (a third of the memory).
    pub fn into_seq(self) -> KeySeq {
        self.seq
    }

    /// The keys in reading order.
    pub fn keys(&self) -> &[Key] {
        &self.seq.keys
    }

    /// For each key, whether it counts.
    pub fn countable(&self) -> &[bool] {
        &self.seq.countable
    }

    /// For each key, the original characters `[start, end)` it came from.
    pub fn spans(&self) -> &[(u32, u32)] {
        &self.spans
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.seq.len()
    }

    /// True when the document has no keys at all.
    pub fn is_empty(&self) -> bool {
        self.seq.is_empty()
    }

    /// Number of countable keys in `[from, to)`.
    pub fn countable_in(&self, from: usize, to: usize) -> usize {
        self.seq.countable_in(from, to)
    }

    /// The keys of `[from, to)` as a string (see [`KeySeq::key_string`]).
    pub fn key_string(&self, from: usize, to: usize) -> String {
        self.seq.key_string(from, to)
    }

    /// The original character span covered by keys `[from, to)`.
    /// An empty key range maps to an empty span at the next key's start.
    pub fn char_span(&self, from: usize, to: usize) -> (u32, u32) {
        if from >= to || from >= self.spans.len() {
            let at = self
                .spans
                .get(from)
                .map(|s| s.0)
                .or_else(|| self.spans.last().map(|s| s.1))
                .unwrap_or(0);
            return (at, at);
        }
        let to = to.min(self.spans.len());
        (self.spans[from].0, self.spans[to - 1].1)
    }

    /// The key range covering original chars `[start, end)`: every key whose
    /// span starts inside it.
    pub fn key_range(&self, start: u32, end: u32) -> (usize, usize) {
        let from = self.spans.partition_point(|s| s.0 < start);
        let to = self.spans.partition_point(|s| s.0 < end);
        (from, to.max(from))
    }

    fn push(&mut self, key: Key, start: u32, end: u32, countable: bool) {
        self.seq.keys.push(key);
        self.seq.countable.push(countable);
        self.spans.push((start, end));
    }
}

/// The keys of a short text such as a query, a slogan or a phrase.
pub fn keys_of(text: &str, opts: &NormOptions) -> Result<KeySeq, TextTooLong> {
    Ok(normalize(&Chars::new(text)?, opts).into_seq())
}

/// A character after NFKC, with the original span it came from.
#[derive(Clone, Copy)]
struct Folded {
    c: char,
    /// The source character (every folded character comes from one).
    start: u32,
}

impl Folded {
    /// End of the source span.
    fn end(self) -> u32 {
        self.start + 1
    }
}

/// Normalise a document's characters into keys.
pub fn normalize(chars: &Chars, opts: &NormOptions) -> Normalized {
    // Leftovers are ASCII (`[bookmark: …]`, `*`): no mask when there are none.
    let ignored = if opts.artifacts && chars.iter().any(|&c| c == '*' || c == '[') {
        variants::artifact_mask(chars)
    } else {
        Vec::new()
    };
    let folded = fold(chars, &ignored, opts);
    let numerals = if opts.fold_numerals {
        variants::numeral_runs_by(folded.len(), |i| folded[i].c)
    } else {
        Vec::new()
    };
    let mut out = Normalized {
        seq: KeySeq {
            keys: Vec::with_capacity(folded.len()),
            countable: Vec::with_capacity(folded.len()),
        },
        spans: Vec::with_capacity(folded.len()),
    };
    let mut i = 0;
    while i < folded.len() {
        let f = folded[i];
        if opts.placeholders {
            if let Some(run) = placeholder_run(&folded, i) {
                let last = folded[i + run - 1];
                out.push(PLACEHOLDER, f.start, last.end(), false);
                i += run;
                continue;
            }
        }
        let c = match numerals.get(i) {
            Some(true) => variants::numeral_digit(f.c).unwrap_or(f.c),
            _ => f.c,
        };
        if is_line_break(c) {
            let after_text = out.keys().last().is_some_and(|&k| k != BREAK);
            if after_text {
                out.push(BREAK, f.start, f.end(), false);
            }
        } else if counts(c) {
            out.push(c.to_ascii_lowercase() as u32, f.start, f.end(), true);
        } else if c == '%' || c == '‰' {
            out.push(c as u32, f.start, f.end(), false);
        } else if c == '.' && is_decimal_point(&folded, i) {
            out.push('.' as u32, f.start, f.end(), false);
        }
        // Everything else (white space, punctuation, symbols) is dropped.
        i += 1;
    }
    out
}

/// A letter, digit or Han character. CJK ideographs and the common Chinese
/// punctuation are decided before the general Unicode table, which is slow
/// and would otherwise be asked about every character.
fn counts(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    if matches!(
        c,
        '。' | '、'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '《'
            | '》'
            | '「'
            | '」'
            | '『'
            | '』'
            | '【'
            | '】'
            | '—'
            | '·'
            | '〔'
            | '〕'
    ) {
        return false;
    }
    c.is_alphanumeric()
}

/// Line and paragraph separators.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}'
    )
}

/// Fold each character (script, then NFKC), keeping the source span of every
/// output character and leaving out those `ignored` marks.
///
/// NFKC has fast paths for what documents are made of: ASCII and CJK
/// ideographs (left alone), full-width ASCII forms (shifted), and characters
/// the quick check knows to be normalised; only the rest go through the full
/// algorithm.
fn fold(chars: &[char], ignored: &[bool], opts: &NormOptions) -> Vec<Folded> {
    let mut out = Vec::with_capacity(chars.len());
    for i in 0..chars.len() {
        if ignored.get(i).copied().unwrap_or(false) {
            continue;
        }
        let c = if opts.fold_script {
            variants::fold_script_at(chars, i)
        } else {
            chars[i]
        };
        let start = Chars::offset(i);
        if !opts.nfkc || c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            out.push(Folded { c, start });
        } else if let Some(ascii) = full_width_ascii(c) {
            out.push(Folded { c: ascii, start });
        } else if is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes {
            out.push(Folded { c, start });
        } else {
            for n in std::iter::once(c).nfkc() {
                out.push(Folded { c: n, start });
            }
        }
    }
    out
}

/// NFKC of the full-width forms of ASCII `！`..`～` (U+FF01..=U+FF5E): the
/// ASCII character 0xFEE0 below.
fn full_width_ascii(c: char) -> Option<char> {
    let u = c as u32;
    (0xFF01..=0xFF5E)
        .contains(&u)
        .then(|| char::from_u32(u - 0xFEE0))
        .flatten()
}

/// True for a `.` with a digit on both sides: a decimal point, part of a figure.
fn is_decimal_point(folded: &[Folded], i: usize) -> bool {
    let before = i.checked_sub(1).map(|p| folded[p].c.is_ascii_digit());
    let after = folded.get(i + 1).map(|f| f.c.is_ascii_digit());
    before == Some(true) && after == Some(true)
}

fn is_placeholder_char(c: char) -> bool {
    matches!(c, 'x' | 'X' | '×' | '○' | '◯' | '*' | '＊')
}

/// The length of a redaction placeholder starting at `i`, if there is one: a
/// run of 1–6 placeholder characters (all the same letter, ignoring case) that
/// is not part of an ASCII word or a product of figures (`3×4`), and not a
/// lone `*`.
fn placeholder_run(folded: &[Folded], i: usize) -> Option<usize> {
    let first = folded[i].c;
    if !is_placeholder_char(first) {
        return None;
    }
    let same = |c: char| c.eq_ignore_ascii_case(&first);
    let mut run = 1;
    while i + run < folded.len() && same(folded[i + run].c) {
        run += 1;
    }
    if run > 6 {
        return None;
    }
    if first == '*' && run == 1 {
        return None;
    }
    let before = i.checked_sub(1).map(|p| folded[p].c);
    let after = folded.get(i + run).map(|f| f.c);
    let wordy = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    if matches!(first, 'x' | 'X') && (wordy(before) || wordy(after)) {
        return None;
    }
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    if first == '×' && digit(before) && digit(after) {
        return None;
    }
    Some(run)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn keys(s: &str) -> String {
        let n = normalize(&Chars::new(s).unwrap(), &NormOptions::default());
        n.key_string(0, n.len())
    }

    #[test]
    fn punctuation_and_width_fold_away() {
        assert_eq!(
            keys("青少年，农民：“四个意识”"),
            keys("青少年,农民:\"四个意识\"")
        );
        assert_eq!(keys("ＡＢＣ１２３"), "abc123");
        assert_eq!(keys(" 发 展\n"), "发展¶");
        assert_eq!(keys("\n\n发展\r\n\r\n改革"), "发展¶改革");
    }

    #[test]
    fn figures_keep_their_signs() {
        assert_eq!(keys("增长5.5%左右"), "增长5.5%左右");
        assert_ne!(keys("增长5.5%"), keys("增长55"));
        assert_eq!(keys("增长５．５％"), "增长5.5%");
        // A full stop after a figure is punctuation, not a decimal point.
        assert_eq!(keys("增长5. 下降"), "增长5下降");
    }

    #[test]
    fn placeholders_become_one_key() {
        assert_eq!(keys("推动xx高质量发展"), "推动□高质量发展");
        assert_eq!(keys("XX市科协"), "□市科协");
        assert_eq!(keys("××市"), "□市");
        assert_eq!(keys("○○同志"), "□同志");
        assert_eq!(keys("＊＊县"), "□县");
        assert_eq!(keys("x市"), "□市");
    }

    #[test]
    fn letters_in_words_are_not_placeholders() {
        assert_eq!(keys("Excel表格"), "excel表格");
        assert_eq!(keys("3×4米"), "34米");
        assert_eq!(keys("max值"), "max值");
    }

    #[test]
    fn spans_point_back_to_original_chars() {
        let chars = Chars::new("一、青少年，Ｘ市").unwrap();
        let n = normalize(&chars, &NormOptions::default());
        assert_eq!(n.key_string(0, n.len()), "一青少年□市");
        assert_eq!(n.spans()[0], (0, 1));
        assert_eq!(n.spans()[1], (2, 3));
        assert_eq!(n.spans()[4], (6, 7));
        assert_eq!(n.char_span(1, 4), (2, 5));
        assert_eq!(n.countable_in(0, n.len()), 5);
    }

    #[test]
    fn variants_fold_and_keep_spans() {
        assert_eq!(keys("發展經濟"), keys("发展经济"));
        assert_eq!(keys("二〇二三年增长五%"), "2023年增长5%");
        assert_eq!(keys("１２３"), "123");
        assert_eq!(keys("一是统一"), "一是统一");
        let chars = Chars::new("在二〇二三年").unwrap();
        let n = normalize(&chars, &NormOptions::default());
        assert_eq!(n.spans()[1], (1, 2));
        assert_eq!(n.spans()[4], (4, 5));
        let off = NormOptions {
            fold_script: false,
            fold_numerals: false,
            ..NormOptions::default()
        };
        let n = normalize(&chars, &off);
        assert_eq!(n.key_string(0, n.len()), "在二〇二三年");
        let n = normalize(&Chars::new("發展").unwrap(), &off);
        assert_eq!(n.key_string(0, n.len()), "發展");
    }

    #[test]
    fn conversion_leftovers_are_ignored() {
        assert_eq!(keys("加强[bookmark: _GoBack]科普"), "加强科普");
        assert_eq!(keys("**加强科普**工作"), "加强科普工作");
        // Full-width stars stay a placeholder.
        assert_eq!(keys("＊＊县"), "□县");
        let chars = Chars::new("**科普").unwrap();
        let n = normalize(&chars, &NormOptions::default());
        assert_eq!(n.spans()[0], (2, 3));
    }
}
