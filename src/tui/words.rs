//! The inline diff inside an aligned unit: which characters changed.
//!
//! For Chinese, a diff by words reads better than one by characters: when
//! 工作 becomes 任务 the reader wants the two words marked, not a stray 工 and
//! 作 wherever the sequences happen to share a character. Words come from
//! jieba, whose default dictionary takes a noticeable fraction of a second to
//! build, so [`WordSplitter::spawn`] builds it on a background thread and the
//! diff falls back to characters until it arrives (the first frame never
//! waits). A unit can be a whole document with no line breaks, so the diff
//! always runs under a deadline and says when it was cut short.
//!
//! Three rules keep the marks on what a reader would call a change:
//! - tokens are compared after a light fold (NFKC, curly quotes, `。`), so
//!   `，` against `,` or `１２３` against `123` is not a change;
//! - a figure (`8.5%`, `2,000`, `１２３`) is always one token, in character
//!   mode too, so a changed figure is marked in full;
//! - a compound jieba keeps whole (基层组织) is cut into its dictionary words
//!   (基层 + 组织), because jieba joins them or not depending on the context:
//!   科协工作 against 科协一切工作 marks 一切, not the whole phrase.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use jieba_rs::{Jieba, TokenizeMode};
use similar::{Algorithm, DiffTag};
use unicode_normalization::UnicodeNormalization;

/// A handle to a jieba word splitter whose dictionary loads in the background.
pub struct WordSplitter {
    state: State,
}

enum State {
    Loading(JoinHandle<Jieba>),
    Ready(Arc<Jieba>),
    Unavailable,
}

impl WordSplitter {
    /// Starts building jieba's default dictionary on a background thread and
    /// returns at once. Poll [`ready`](Self::ready) to see when it has arrived.
    pub fn spawn() -> WordSplitter {
        Self::spawn_with(Jieba::new)
    }

    fn spawn_with(build: impl FnOnce() -> Jieba + Send + 'static) -> WordSplitter {
        let state = match std::thread::Builder::new()
            .name("jieba-dictionary".into())
            .spawn(build)
        {
            Ok(handle) => State::Loading(handle),
            Err(_) => State::Unavailable,
        };
        WordSplitter { state }
    }

    /// A splitter that is ready at once, sharing an already built `Jieba`.
    pub fn with_jieba(jieba: Arc<Jieba>) -> WordSplitter {
        WordSplitter {
            state: State::Ready(jieba),
        }
    }

    /// A splitter that never becomes ready: diffs stay at character level.
    pub fn unavailable() -> WordSplitter {
        WordSplitter {
            state: State::Unavailable,
        }
    }

    /// Whether the dictionary has arrived. Never blocks; if the loading
    /// thread failed, the splitter becomes unavailable for good.
    pub fn ready(&mut self) -> bool {
        if matches!(&self.state, State::Loading(handle) if handle.is_finished()) {
            let loading = std::mem::replace(&mut self.state, State::Unavailable);
            if let State::Loading(handle) = loading {
                if let Ok(jieba) = handle.join() {
                    self.state = State::Ready(Arc::new(jieba));
                }
            }
        }
        matches!(self.state, State::Ready(_))
    }

    /// The words of `text` as char-index ranges `[start, end)` that tile it
    /// in order, or `None` while the dictionary is not ready.
    pub fn words(&mut self, text: &str) -> Option<Vec<(usize, usize)>> {
        if !self.ready() {
            return None;
        }
        let State::Ready(jieba) = &self.state else {
            return None;
        };
        let tokens = jieba.tokenize(text, TokenizeMode::Default, true);
        Some(tokens.into_iter().map(|t| (t.start, t.end)).collect())
    }

    /// Like [`words`](Self::words), but a compound that jieba keeps whole
    /// (基层组织, 科协工作) is cut into its dictionary words (基层 + 组织):
    /// jieba joins them or not depending on the context, so the same text
    /// would otherwise fall apart differently on the two sides of a diff.
    fn fine_words(&mut self, chars: &[char]) -> Option<Vec<(usize, usize)>> {
        let text: String = chars.iter().collect();
        let words = self.words(&text)?;
        let State::Ready(jieba) = &self.state else {
            return None;
        };
        let mut out = Vec::with_capacity(words.len());
        for (start, end) in words {
            let pieces = chars
                .get(start..end)
                .and_then(|word| compound_pieces(jieba, word));
            match pieces {
                Some(cuts) => out.extend(cuts.windows(2).map(|w| (start + w[0], start + w[1]))),
                None => out.push((start, end)),
            }
        }
        Some(out)
    }
}

impl fmt::Debug for WordSplitter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            State::Loading(_) => "loading",
            State::Ready(_) => "ready",
            State::Unavailable => "unavailable",
        };
        f.debug_struct("WordSplitter")
            .field("state", &state)
            .finish()
    }
}

/// The unit an inline diff compares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Granularity {
    /// jieba words, compounds cut into dictionary words, figures whole.
    Word,
    /// Single characters (figures kept whole).
    Char,
}

/// Which characters of two aligned units changed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct InlineDiff {
    /// `left[i]`: left character `i` was deleted or changed.
    pub left: Vec<bool>,
    /// `right[j]`: right character `j` was inserted or changed.
    pub right: Vec<bool>,
    /// The granularity actually used: `Word` falls back to `Char` while the
    /// splitter is not ready.
    pub granularity: Granularity,
    /// False when the deadline cut the diff short (or may have: the clock
    /// passed it while diffing); the marks are then similar's best effort,
    /// at worst everything between the common prefix and suffix.
    pub complete: bool,
}

/// Diffs two aligned units by words (`want == Word` and the splitter is
/// ready) or by characters, giving up refinement after `deadline`.
pub fn inline_diff(
    left: &[char],
    right: &[char],
    want: Granularity,
    splitter: &mut WordSplitter,
    deadline: Duration,
) -> InlineDiff {
    let deadline_at = Instant::now().checked_add(deadline);
    let words = match want {
        Granularity::Word => word_ranges(left, splitter).zip(word_ranges(right, splitter)),
        Granularity::Char => None,
    };
    let granularity = match words {
        Some(_) => Granularity::Word,
        None => Granularity::Char,
    };
    let (left_words, right_words) = words.unzip();
    let left_tokens = tokens(left, left_words.as_deref());
    let right_tokens = tokens(right, right_words.as_deref());

    let mut keys = Keys::default();
    let left_ids = keys.ids(left, &left_tokens);
    let right_ids = keys.ids(right, &right_tokens);
    let ops =
        similar::capture_diff_slices_deadline(Algorithm::Myers, &left_ids, &right_ids, deadline_at);
    // similar does not say whether it stopped early; it only checks
    // `now > deadline`, so a clock still inside the deadline proves it did not.
    let complete = deadline_at.is_none_or(|at| Instant::now() <= at);

    let mut left_flags = vec![false; left.len()];
    let mut right_flags = vec![false; right.len()];
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let old_tokens = left_tokens.get(old).unwrap_or_default();
        let new_tokens = right_tokens.get(new).unwrap_or_default();
        // Word boundaries can differ around identical text (jieba reads its
        // context): a replacement of equal text is no change.
        if tag == DiffTag::Replace && fold_run(left, old_tokens) == fold_run(right, new_tokens) {
            continue;
        }
        mark(&mut left_flags, old_tokens);
        mark(&mut right_flags, new_tokens);
    }
    InlineDiff {
        left: left_flags,
        right: right_flags,
        granularity,
        complete,
    }
}

/// The finest cut of a Han compound into dictionary words of two or more
/// characters, as cut points `0, …, word.len()`; `None` when it has none.
fn compound_pieces(jieba: &Jieba, word: &[char]) -> Option<Vec<usize>> {
    let n = word.len();
    let han = |c: &char| ('\u{4E00}'..='\u{9FFF}').contains(c);
    if !(3..=8).contains(&n) || !word.iter().all(han) {
        return None;
    }
    // best[j]: the most pieces tiling word[..j], with the cut before the last.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for j in 2..=n {
        for i in 0..=j - 2 {
            let Some((pieces, _)) = best[i] else {
                continue;
            };
            let whole = i == 0 && j == n;
            let better = best[j].is_none_or(|(p, _)| pieces + 1 > p);
            if !whole && better && jieba.has_word(&word[i..j].iter().collect::<String>()) {
                best[j] = Some((pieces + 1, i));
            }
        }
    }
    best[n]?;
    let mut cuts = vec![n];
    let mut at = n;
    while at > 0 {
        let (_, before) = best[at]?;
        cuts.push(before);
        at = before;
    }
    cuts.reverse();
    Some(cuts)
}

/// Fine words for `chars`, if the splitter is ready and they tile the text.
fn word_ranges(chars: &[char], splitter: &mut WordSplitter) -> Option<Vec<(usize, usize)>> {
    let words = splitter.fine_words(chars)?;
    let mut at = 0;
    for &(start, end) in &words {
        if start != at || end <= start {
            return None;
        }
        at = end;
    }
    (at == chars.len()).then_some(words)
}

/// The tokens of `chars` as ranges: the given words, or single characters,
/// with every figure made one token.
fn tokens(chars: &[char], words: Option<&[(usize, usize)]>) -> Vec<(usize, usize)> {
    let n = chars.len();
    // cut[i]: a token starts at char i (cut[n] ends the last one).
    let mut cut = vec![words.is_none(); n + 1];
    if let Some(words) = words {
        for &(start, end) in words {
            cut[start] = true;
            cut[end] = true;
        }
    }
    for (start, end) in figures(chars) {
        cut[start] = true;
        cut[end] = true;
        cut[start + 1..end].fill(false);
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in cut.iter().enumerate().skip(1) {
        if c {
            out.push((start, i));
            start = i;
        }
    }
    out
}

/// Figures as char ranges: digits with inner `.` or `,` and a trailing `%`/`‰`.
fn figures(chars: &[char]) -> Vec<(usize, usize)> {
    let digit = |i: usize| chars.get(i).is_some_and(|&c| is_digit(c));
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !digit(i) {
            i += 1;
            continue;
        }
        let start = i;
        while digit(i) || (matches!(chars.get(i), Some('.' | '．' | ',')) && digit(i + 1)) {
            i += 1;
        }
        if matches!(chars.get(i), Some('%' | '％' | '‰')) {
            i += 1;
        }
        out.push((start, i));
    }
    out
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Interns folded tokens, so the diff compares small integers.
#[derive(Default)]
struct Keys {
    ids: HashMap<String, u32>,
}

impl Keys {
    fn ids(&mut self, chars: &[char], tokens: &[(usize, usize)]) -> Vec<u32> {
        let mut key = String::new();
        tokens
            .iter()
            .map(|&(start, end)| {
                key.clear();
                for &c in &chars[start..end] {
                    fold_char(c, &mut key);
                }
                let next = self.ids.len() as u32;
                *self.ids.entry(key.clone()).or_insert(next)
            })
            .collect()
    }
}

/// The folded text of a run of tokens.
fn fold_run(chars: &[char], tokens: &[(usize, usize)]) -> String {
    let mut out = String::new();
    for &(start, end) in tokens {
        for &c in &chars[start..end] {
            fold_char(c, &mut out);
        }
    }
    out
}

/// The light fold: width variants of punctuation, letters, digits and spaces
/// become one form. Not the matching keys of `text::normalize`, which drop
/// punctuation: here punctuation that really changed is still shown.
fn fold_char(c: char, out: &mut String) {
    match c {
        '“' | '”' | '„' | '‟' | '〝' | '〞' => out.push('"'),
        '‘' | '’' | '‚' | '‛' => out.push('\''),
        '。' | '｡' => out.push('.'),
        c if c.is_whitespace() => out.push(' '),
        c if c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c) => out.push(c),
        c => out.extend(std::iter::once(c).nfkc()),
    }
}

fn mark(flags: &mut [bool], tokens: &[(usize, usize)]) {
    for &(start, end) in tokens {
        if let Some(run) = flags.get_mut(start..end) {
            run.fill(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn jieba() -> Arc<Jieba> {
        static JIEBA: OnceLock<Arc<Jieba>> = OnceLock::new();
        JIEBA.get_or_init(|| Arc::new(Jieba::new())).clone()
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn diff(left: &str, right: &str, want: Granularity) -> InlineDiff {
        let mut splitter = WordSplitter::with_jieba(jieba());
        inline_diff(
            &chars(left),
            &chars(right),
            want,
            &mut splitter,
            Duration::from_secs(5),
        )
    }

    /// The text with flagged runs in brackets: "作为科协[一切]工作的".
    fn marked(text: &str, flags: &[bool]) -> String {
        let mut out = String::new();
        let mut open = false;
        for (c, &f) in text.chars().zip(flags) {
            if f != open {
                out.push(if f { '[' } else { ']' });
                open = f;
            }
            out.push(c);
        }
        if open {
            out.push(']');
        }
        out
    }

    fn both(left: &str, right: &str, want: Granularity) -> (String, String) {
        let d = diff(left, right, want);
        assert_eq!(d.granularity, want);
        assert!(d.complete);
        (marked(left, &d.left), marked(right, &d.right))
    }

    #[test]
    fn identical_texts_have_no_flags() {
        let text = "哪里有科技工作者、科协工作就做到哪里，增长5.5%左右。";
        for want in [Granularity::Word, Granularity::Char] {
            let d = diff(text, text, want);
            assert_eq!(d.left, vec![false; text.chars().count()]);
            assert_eq!(d.right, d.left);
            assert!(d.complete);
        }
    }

    #[test]
    fn a_changed_figure_is_flagged_in_full() {
        for want in [Granularity::Word, Granularity::Char] {
            assert_eq!(
                both("地区生产总值增长8.5%左右", "地区生产总值增长9.2%左右", want),
                (
                    "地区生产总值增长[8.5%]左右".to_string(),
                    "地区生产总值增长[9.2%]左右".to_string()
                )
            );
            assert_eq!(
                both("增长5.5%左右", "增长5%左右", want),
                ("增长[5.5%]左右".to_string(), "增长[5%]左右".to_string())
            );
            assert_eq!(
                both("收入12,000元，到2025", "收入12,500元，到2026", want),
                (
                    "收入[12,000]元，到[2025]".to_string(),
                    "收入[12,500]元，到[2026]".to_string()
                )
            );
        }
    }

    #[test]
    fn an_inserted_word_is_flagged_on_the_right_only() {
        let (left, right) = ("作为科协工作的", "作为科协一切工作的");
        for want in [Granularity::Char, Granularity::Word] {
            assert_eq!(
                both(left, right, want),
                (left.to_string(), "作为科协[一切]工作的".to_string())
            );
        }
    }

    #[test]
    fn a_changed_word_is_flagged_whole_in_word_mode() {
        let (left, right) = ("加强基层组织建设", "加强基层队伍建设");
        assert_eq!(
            both(left, right, Granularity::Word),
            (
                "加强基层[组织]建设".to_string(),
                "加强基层[队伍]建设".to_string()
            )
        );
    }

    #[test]
    fn word_mode_flags_the_whole_word_char_mode_the_char() {
        let (left, right) = ("推进科技创新", "推动科技创新");
        assert_eq!(
            both(left, right, Granularity::Char),
            ("推[进]科技创新".to_string(), "推[动]科技创新".to_string())
        );
        assert_eq!(
            both(left, right, Granularity::Word),
            ("[推进]科技创新".to_string(), "[推动]科技创新".to_string())
        );
    }

    #[test]
    fn compounds_split_into_dictionary_words() {
        let pieces = |w: &str| compound_pieces(&jieba(), &chars(w));
        assert_eq!(pieces("基层组织"), Some(vec![0, 2, 4]));
        assert_eq!(pieces("科协工作"), Some(vec![0, 2, 4]));
        assert_eq!(pieces("青少年"), None);
        assert_eq!(pieces("发展"), None);
    }

    #[test]
    fn punctuation_width_variants_are_not_flagged() {
        let left = "青少年，农民：“四个意识”。ＧＤＰ增长１２．５％　左右";
        let right = "青少年,农民:\"四个意识\".GDP增长12.5% 左右";
        for want in [Granularity::Word, Granularity::Char] {
            assert_eq!(both(left, right, want), (left.into(), right.into()));
        }
    }

    #[test]
    fn real_punctuation_changes_are_flagged() {
        assert_eq!(
            both("发展，改革", "发展；改革", Granularity::Char),
            ("发展[，]改革".to_string(), "发展[；]改革".to_string())
        );
    }

    #[test]
    fn empty_inputs() {
        for want in [Granularity::Word, Granularity::Char] {
            let d = diff("", "", want);
            assert!(d.left.is_empty() && d.right.is_empty() && d.complete);
            let d = diff("", "新增", want);
            assert_eq!((d.left.len(), d.right), (0, vec![true, true]));
            let d = diff("删去", "", want);
            assert_eq!((d.left, d.right.len()), (vec![true, true], 0));
        }
    }

    #[test]
    fn spawn_becomes_ready_in_the_background() {
        let started = Instant::now();
        let mut splitter = WordSplitter::spawn();
        // Returns at once, long before the dictionary could be built.
        assert!(started.elapsed() < Duration::from_millis(100));
        while !splitter.ready() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "jieba did not load within 20 s"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        println!("jieba dictionary ready after {:?}", started.elapsed());
        let words = splitter.words("作为科协一切工作的");
        assert_eq!(words.map(|w| w.last().copied()), Some(Some((8, 9))));
        assert!(splitter.ready());
        assert_eq!(format!("{splitter:?}"), "WordSplitter { state: \"ready\" }");
    }

    #[test]
    fn a_failed_load_means_unavailable() {
        let mut splitter =
            WordSplitter::spawn_with(|| std::panic::resume_unwind(Box::new("no dictionary")));
        let started = Instant::now();
        while matches!(splitter.state, State::Loading(_)) {
            assert!(!splitter.ready());
            assert!(started.elapsed() < Duration::from_secs(20));
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(!splitter.ready());
        assert_eq!(splitter.words("发展"), None);
    }

    #[test]
    fn unavailable_falls_back_to_characters() {
        let mut splitter = WordSplitter::unavailable();
        assert!(!splitter.ready());
        assert_eq!(splitter.words("发展"), None);
        let d = inline_diff(
            &chars("加强组织建设"),
            &chars("加强队伍建设"),
            Granularity::Word,
            &mut splitter,
            Duration::from_secs(5),
        );
        assert_eq!(d.granularity, Granularity::Char);
        assert!(d.complete);
        assert_eq!(marked("加强组织建设", &d.left), "加强[组织]建设");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn never_panics_and_flags_nothing_between_equal_texts(
            left in "[0-9０-９.．,，%％‰ 　发展改革科协工作基层组织“”\"x]{0,30}",
            right in "[0-9０-９.．,，%％‰ 　发展改革科协工作基层组织“”\"x]{0,30}",
        ) {
            for want in [Granularity::Word, Granularity::Char] {
                let d = diff(&left, &right, want);
                proptest::prop_assert_eq!(d.left.len(), left.chars().count());
                proptest::prop_assert_eq!(d.right.len(), right.chars().count());
                let same = diff(&left, &left, want);
                proptest::prop_assert!(same.left.iter().chain(&same.right).all(|&f| !f));
            }
        }
    }

    /// `n` pseudo-random characters from `alphabet`.
    fn noise(n: usize, alphabet: &[char], mut seed: u64) -> Vec<char> {
        (0..n)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                alphabet[(seed >> 33) as usize % alphabet.len()]
            })
            .collect()
    }

    #[test]
    fn long_different_inputs_stop_at_the_deadline() {
        let common =
            chars("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你发");
        let other = chars("龘靐齉爩鱻麤䨻䲜䴑");
        let cases = [
            (noise(20_000, &common, 1), noise(20_000, &common, 2)),
            (noise(20_000, &common, 3), noise(20_000, &other, 4)),
        ];
        for (left, right) in &cases {
            for want in [Granularity::Char, Granularity::Word] {
                let mut splitter = WordSplitter::with_jieba(jieba());
                let started = Instant::now();
                let d = inline_diff(left, right, want, &mut splitter, Duration::from_millis(50));
                assert!(started.elapsed() < Duration::from_secs(2));
                assert_eq!((d.left.len(), d.right.len()), (20_000, 20_000));
                assert_eq!(d.granularity, want);
            }
        }
        // Nothing in common: everything is flagged, cut short or not.
        let mut splitter = WordSplitter::unavailable();
        let (left, right) = &cases[1];
        let d = inline_diff(
            left,
            right,
            Granularity::Char,
            &mut splitter,
            Duration::from_millis(50),
        );
        assert!(d.left.iter().chain(&d.right).all(|&f| f));
    }
}
