//! Word boundaries for the pair view's change marks.
//!
//! What changed inside an aligned unit is decided once, in the core (the
//! unit's change list, see `taohua_core::compare`); the text report, the JSON
//! and this view all show that list. Here the marks are only widened, in
//! word mode, to the words they touch: when 工作 became 任务, a reader wants
//! the two words marked, not a stray character. Words come from jieba, whose
//! default dictionary takes a noticeable fraction of a second to build, so
//! [`WordSplitter::spawn`] builds it on a background thread and the marks
//! stay at character level until it arrives (the first frame never waits).
//! One splitter is shared by every pair view of a session (clones share the
//! dictionary).
//!
//! A compound jieba keeps whole (基层组织) is cut into its dictionary words
//! (基层 + 组织), because jieba joins them or not depending on the context:
//! a change of 组织 marks 组织, not the whole compound. jieba runs without its
//! HMM for unknown words (a name it does not know stays characters), which
//! also keeps the HMM's tables out of the binary.

use std::fmt;
use std::sync::{Arc, OnceLock};

use jieba_rs::{Jieba, TokenizeMode};
use taohua_core::compare::Span;

/// A jieba word splitter whose dictionary loads in the background. Clones
/// share the dictionary.
#[derive(Clone)]
pub struct WordSplitter {
    /// Filled when the dictionary has been built; `None`: never available.
    jieba: Option<Arc<OnceLock<Jieba>>>,
}

impl WordSplitter {
    /// Starts building jieba's default dictionary on a background thread and
    /// returns at once. [`ready`](Self::ready) says when it has arrived.
    pub fn spawn() -> WordSplitter {
        Self::spawn_with(Jieba::new)
    }

    fn spawn_with(build: impl FnOnce() -> Jieba + Send + 'static) -> WordSplitter {
        let cell = Arc::new(OnceLock::new());
        let filled = Arc::clone(&cell);
        let spawned = std::thread::Builder::new()
            .name("jieba-dictionary".into())
            .spawn(move || {
                let _ = filled.set(build());
            });
        WordSplitter {
            jieba: spawned.is_ok().then_some(cell),
        }
    }

    /// A splitter that is ready at once with this dictionary.
    #[cfg(test)]
    fn with_jieba(jieba: Jieba) -> WordSplitter {
        let cell = OnceLock::new();
        let _ = cell.set(jieba);
        WordSplitter {
            jieba: Some(Arc::new(cell)),
        }
    }

    /// A splitter that never becomes ready: marks stay at character level.
    pub fn unavailable() -> WordSplitter {
        WordSplitter { jieba: None }
    }

    fn jieba(&self) -> Option<&Jieba> {
        self.jieba.as_ref()?.get()
    }

    /// Whether the dictionary has arrived. Never blocks.
    pub(crate) fn ready(&self) -> bool {
        self.jieba().is_some()
    }

    /// The words of `text` as char-index ranges `[start, end)` that tile it
    /// in order, or `None` while the dictionary is not ready.
    pub fn words(&self, text: &str) -> Option<Vec<(usize, usize)>> {
        let jieba = self.jieba()?;
        let tokens = jieba.tokenize(text, TokenizeMode::Default, false);
        Some(tokens.into_iter().map(|t| (t.start, t.end)).collect())
    }

    /// Wait for the dictionary (reports, which cannot draw first and refine
    /// later, call this); false when it will never arrive.
    pub fn wait(&self) -> bool {
        self.jieba.as_ref().is_some_and(|cell| {
            cell.wait();
            true
        })
    }

    /// `span` of `chars` moved inward so that it starts and ends on clause
    /// or word boundaries (and not on punctuation), giving up at most
    /// `max_loss` characters at each end; an end that would lose more stays where it
    /// is, and so does a span that would vanish. Without the dictionary the
    /// span is returned as it is. Words are read in a little context on
    /// each side, as jieba cuts a stretch by what surrounds it.
    pub fn snap(&self, chars: &[char], (start, end): Span, max_loss: usize) -> Span {
        const CONTEXT: usize = 8;
        let (start, end) = (start as usize, (end as usize).min(chars.len()));
        if start >= end || !self.ready() {
            return (start as u32, end as u32);
        }
        // Word starts (and the end of the last word) in chars[lo..hi].
        let bounds = |lo: usize, hi: usize| -> Vec<usize> {
            let text: String = chars[lo..hi].iter().collect();
            let mut out = Vec::new();
            for (s, e) in self.words(&text).unwrap_or_default() {
                out.push(lo + s);
                out.push(lo + e);
            }
            // The context's own edges are word boundaries only at the text's.
            out.retain(|&b| (b > lo || lo == 0) && (b < hi || hi == chars.len()));
            out
        };
        let word_char = |c: char| c.is_alphanumeric();
        // A clause's end (or a closing bracket) within reach is the best
        // boundary: `年。做好今年…` starts at 做好, `…。全年新建` ends at the 。.
        let clause = |c: char| "。！？；：，、）)!?;:,".contains(c);
        let head_clause = (start..(start + max_loss).min(end))
            .rev()
            .find(|&k| clause(chars[k]))
            .map(|k| k + 1);
        let head = bounds(start.saturating_sub(CONTEXT), (start + CONTEXT).min(end));
        let mut from = head_clause.unwrap_or_else(|| {
            head.iter()
                .copied()
                .filter(|&b| b >= start && b <= start + max_loss)
                .min()
                .unwrap_or(start)
        });
        let tail_clause = (end.saturating_sub(max_loss).max(from)..end)
            .find(|&k| clause(chars[k]) && k + 1 < end)
            .map(|k| k + 1);
        let tail = bounds(
            end.saturating_sub(CONTEXT).max(from),
            (end + CONTEXT).min(chars.len()),
        );
        let mut to = tail_clause.unwrap_or_else(|| {
            tail.iter()
                .copied()
                .filter(|&b| b <= end && b + max_loss >= end)
                .max()
                .unwrap_or(end)
        });
        while from < to && !word_char(chars[from]) {
            from += 1;
        }
        while to > from && !word_char(chars[to - 1]) {
            to -= 1;
        }
        if from >= to {
            return (start as u32, end as u32);
        }
        (from as u32, to as u32)
    }

    /// Like [`words`](Self::words), with compounds cut into their
    /// dictionary words; `None` unless the words tile `chars`.
    fn fine_words(&self, chars: &[char]) -> Option<Vec<(usize, usize)>> {
        let text: String = chars.iter().collect();
        let words = self.words(&text)?;
        let jieba = self.jieba()?;
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
        let mut at = 0;
        for &(start, end) in &out {
            if start != at || end <= start {
                return None;
            }
            at = end;
        }
        (at == chars.len()).then_some(out)
    }
}

impl fmt::Debug for WordSplitter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.jieba {
            None => "unavailable",
            Some(cell) if cell.get().is_some() => "ready",
            Some(_) => "loading",
        };
        f.debug_struct("WordSplitter")
            .field("state", &state)
            .finish()
    }
}

/// How changes are marked.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Granularity {
    /// Widened to the jieba words they touch (compounds cut).
    Word,
    /// The changed characters themselves.
    Char,
}

/// The marks of one side of a unit: the change spans `changes` (char spans
/// of the document), widened to words when `want` is `Word` and the splitter
/// is ready, as sorted, disjoint ranges. `pos` gives the document position of
/// each of the unit's characters `chars` (its segments, concatenated). Also
/// returns the granularity actually used.
pub fn marks(
    chars: &[char],
    pos: &[u32],
    changes: impl Iterator<Item = Span>,
    want: Granularity,
    splitter: &WordSplitter,
) -> (Vec<Span>, Granularity) {
    let mut flags = vec![false; chars.len()];
    for (s, e) in changes {
        let from = pos.partition_point(|&p| p < s);
        let to = pos.partition_point(|&p| p < e);
        if let Some(run) = flags.get_mut(from..to) {
            run.fill(true);
        }
    }
    let words = match want {
        Granularity::Word => splitter.fine_words(chars),
        Granularity::Char => None,
    };
    let granularity = match words {
        Some(words) => {
            for (start, end) in words {
                if flags[start..end].iter().any(|&f| f) {
                    flags[start..end].fill(true);
                }
            }
            Granularity::Word
        }
        None => Granularity::Char,
    };
    (to_ranges(pos, &flags), granularity)
}

/// Flags over a unit's concatenated chars → document ranges, adjacent ones
/// joined.
fn to_ranges(pos: &[u32], flags: &[bool]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (&p, &f) in pos.iter().zip(flags) {
        if !f {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.1 == p => last.1 = p + 1,
            _ => out.push((p, p + 1)),
        }
    }
    out
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn jieba() -> WordSplitter {
        static JIEBA: OnceLock<WordSplitter> = OnceLock::new();
        JIEBA
            .get_or_init(|| WordSplitter::with_jieba(Jieba::new()))
            .clone()
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The text of `span` of `text` after snapping.
    fn snapped(text: &str, span: (u32, u32), max_loss: usize) -> String {
        let c = chars(text);
        let (s, e) = jieba().snap(&c, span, max_loss);
        c[s as usize..e as usize].iter().collect()
    }

    #[test]
    fn snap_drops_the_broken_word_at_each_end() {
        let text = "城乡居民人均可支配收入增长百分之五";
        // 民人均可支配收入 starts inside 居民.
        assert_eq!(snapped(text, (3, 11), 2), "人均可支配收入");
        // A passage ending inside a word loses the broken word.
        let text = "全年开展科学家精神宣讲四十二场";
        assert_eq!(snapped(text, (2, 10), 2), "开展科学家精神");
        // Whole words stay whole; punctuation at the ends goes.
        let text = "一年来，在市委的坚强领导下，全市";
        assert_eq!(snapped(text, (3, 13), 2), "在市委的坚强领导下");
        // The tail of the sentence before and the head of the next go.
        let text = "青川2023年。做好今年全市科协工作。全年新建站点";
        assert_eq!(snapped(text, (6, 22), 4), "做好今年全市科协工作");
    }

    #[test]
    fn snap_gives_up_rather_than_lose_more_than_allowed() {
        let text = "城乡居民人均可支配收入增长";
        // With nothing to spare, nothing moves.
        assert_eq!(snapped(text, (3, 11), 0), "民人均可支配收入");
        // A span that would vanish stays.
        assert_eq!(snapped(text, (3, 4), 2), "民");
        // Without the dictionary, spans are left alone.
        let c = chars(text);
        assert_eq!(WordSplitter::unavailable().snap(&c, (3, 11), 2), (3, 11));
    }

    /// The text with the marked ranges in brackets, for one changed span.
    fn marked(text: &str, span: Span, want: Granularity, splitter: &WordSplitter) -> String {
        let c = chars(text);
        let pos: Vec<u32> = (0..c.len() as u32).collect();
        let (ranges, _) = marks(&c, &pos, std::iter::once(span), want, splitter);
        let mut out = String::new();
        for (i, ch) in c.iter().enumerate() {
            let i = i as u32;
            if ranges.iter().any(|r| r.0 == i) {
                out.push('[');
            }
            out.push(*ch);
            if ranges.iter().any(|r| r.1 == i + 1) {
                out.push(']');
            }
        }
        out
    }

    #[test]
    fn word_mode_widens_a_change_to_its_word() {
        let s = jieba();
        assert_eq!(
            marked("推进科技创新", (1, 2), Granularity::Char, &s),
            "推[进]科技创新"
        );
        assert_eq!(
            marked("推进科技创新", (1, 2), Granularity::Word, &s),
            "[推进]科技创新"
        );
        // A compound is cut into its dictionary words first.
        assert_eq!(
            marked("加强基层组织建设", (4, 6), Granularity::Word, &s),
            "加强基层[组织]建设"
        );
    }

    #[test]
    fn compounds_split_into_dictionary_words() {
        let j = Jieba::new();
        let pieces = |w: &str| compound_pieces(&j, &chars(w));
        assert_eq!(pieces("基层组织"), Some(vec![0, 2, 4]));
        assert_eq!(pieces("科协工作"), Some(vec![0, 2, 4]));
        assert_eq!(pieces("青少年"), None);
        assert_eq!(pieces("发展"), None);
    }

    #[test]
    fn marks_follow_document_positions_across_segments() {
        // Two segments at 10..13 and 20..23, concatenated.
        let c = chars("发展观改革派");
        let pos = [10, 11, 12, 20, 21, 22];
        let (ranges, g) = marks(
            &c,
            &pos,
            [(11, 13), (20, 21)].into_iter(),
            Granularity::Char,
            &WordSplitter::unavailable(),
        );
        assert_eq!(ranges, vec![(11, 13), (20, 21)]);
        assert_eq!(g, Granularity::Char);
    }

    #[test]
    fn unavailable_falls_back_to_characters() {
        let splitter = WordSplitter::unavailable();
        assert!(!splitter.ready());
        assert_eq!(splitter.words("发展"), None);
        let c = chars("加强组织建设");
        let pos: Vec<u32> = (0..6).collect();
        let (ranges, g) = marks(
            &c,
            &pos,
            std::iter::once((2, 3)),
            Granularity::Word,
            &splitter,
        );
        assert_eq!((ranges, g), (vec![(2, 3)], Granularity::Char));
    }

    #[test]
    fn spawn_becomes_ready_in_the_background_and_clones_share_it() {
        let started = Instant::now();
        let splitter = WordSplitter::spawn();
        let clone = splitter.clone();
        // Returns at once, long before the dictionary could be built.
        assert!(started.elapsed() < Duration::from_millis(100));
        while !splitter.ready() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "jieba did not load within 20 s"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(clone.ready());
        let words = clone.words("作为科协一切工作的");
        assert_eq!(words.map(|w| w.last().copied()), Some(Some((8, 9))));
        assert_eq!(format!("{splitter:?}"), "WordSplitter { state: \"ready\" }");
    }

    #[test]
    fn a_failed_load_means_never_ready() {
        let splitter =
            WordSplitter::spawn_with(|| std::panic::resume_unwind(Box::new("no dictionary")));
        std::thread::sleep(Duration::from_millis(50));
        assert!(!splitter.ready());
        assert_eq!(splitter.words("发展"), None);
    }
}
