//! Edited copies with known answers: the synthetic half of the evaluation.
//!
//! A source document's paragraphs are deleted, kept, lightly edited (a few
//! characters substituted, inserted or deleted; figures changed), split at a
//! sentence, merged with the next, moved far away, given half-width
//! punctuation, and interleaved with unrelated paragraphs from other
//! documents. The generator records which source paragraph each copy
//! paragraph came from, and which were moved.
//!
//! [`edited_copy`] is the original recipe: moves are whole paragraphs sent at
//! least six places away, a third of them lightly edited. [`hard_copy`] is
//! the harder one: moves of at least three places, half of them near, many
//! combined with edits of 10–25% of the characters; split paragraphs whose
//! halves end up apart; merges of paragraphs that were not neighbours; and
//! so many moves that they cross. Both record the kind of each move
//! ([`MoveKind`]) so that `moved` recall can be read kind by kind.

use std::collections::HashSet;

use crate::text::normalize::{is_line_break, keys_of, NormOptions};

/// A small deterministic generator (SplitMix64): the same seed, the same copy.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x853c_49e6_748f_ea9b)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number in `[0, n)` (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// What was done to make a copy, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EditCounts {
    /// Paragraphs kept word for word.
    pub kept: usize,
    /// Paragraphs lightly edited.
    pub edited: usize,
    /// Paragraphs dropped.
    pub deleted: usize,
    /// Paragraphs split in two.
    pub split: usize,
    /// Pairs of paragraphs merged.
    pub merged: usize,
    /// Paragraphs moved far away.
    pub moved: usize,
    /// Unrelated paragraphs inserted.
    pub inserted: usize,
    /// Paragraphs given half-width punctuation.
    pub half_width: usize,
}

/// How a source paragraph came to sit elsewhere in the copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MoveKind {
    /// Moved whole, word for word.
    Whole,
    /// Moved whole and edited (lightly in [`edited_copy`], 10–25% of its
    /// characters in [`hard_copy`]).
    Edited,
    /// Split at a sentence, and one half moved away from the other.
    SplitHalf,
    /// Appended to an earlier paragraph that was not its neighbour.
    Merged,
}

impl MoveKind {
    /// Every kind, in report order.
    pub const ALL: [MoveKind; 4] = [
        MoveKind::Whole,
        MoveKind::Edited,
        MoveKind::SplitHalf,
        MoveKind::Merged,
    ];

    /// The name used in the evaluation's output.
    pub fn name(self) -> &'static str {
        match self {
            MoveKind::Whole => "whole",
            MoveKind::Edited => "edited",
            MoveKind::SplitHalf => "split half",
            MoveKind::Merged => "merged apart",
        }
    }
}

/// An edited copy and its answers.
#[derive(Debug, Clone)]
pub struct Synthetic {
    /// The copy's text, one paragraph per line.
    pub text: String,
    /// (source paragraph, copy paragraph) links, 0-based, counting non-empty lines.
    pub links: Vec<(usize, usize)>,
    /// Source paragraphs that were moved, ascending.
    pub moved: Vec<usize>,
    /// The kind of each move, in the order of `moved`.
    pub moved_kinds: Vec<MoveKind>,
    /// Unrelated paragraphs: (copy paragraph, the source paragraph it follows).
    pub unrelated: Vec<(usize, usize)>,
    /// What was done.
    pub counts: EditCounts,
}

/// The paragraphs of a text as the segmenter counts them: non-empty lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split(is_line_break)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

struct Item {
    text: String,
    sources: Vec<usize>,
    /// For an unrelated paragraph, the source paragraph it was put after.
    after: Option<usize>,
}

impl Item {
    fn of(text: String, sources: Vec<usize>) -> Item {
        Item {
            text,
            sources,
            after: None,
        }
    }
}

/// A paragraph (or half, or merged pair) waiting to be put back elsewhere.
struct Pending {
    item: Item,
    /// Where it would have stood among the items.
    was_at: usize,
    /// The source paragraphs that count as moved, with their kind.
    moved: Vec<(usize, MoveKind)>,
}

/// Make an edited copy of `source`, drawing unrelated paragraphs from `filler`.
pub fn edited_copy(source: &str, filler: &[String], rng: &mut Rng) -> Synthetic {
    let paras = paragraphs(source);
    let all: Vec<char> = paras
        .iter()
        .flat_map(|p| p.chars())
        .filter(|c| c.is_alphabetic())
        .collect();
    let source_windows = windows(source);
    let mut counts = EditCounts::default();
    let mut items: Vec<Item> = Vec::new();
    let mut moved: Vec<Pending> = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        let r = if i < 3 { 1.0 } else { rng.unit() };
        let long = p.chars().count() >= 20;
        if r < 0.08 {
            counts.deleted += 1;
        } else if r < 0.14 && long {
            counts.moved += 1;
            let (text, kind) = if rng.unit() < 0.3 {
                (light_edit(p, &all, rng), MoveKind::Edited)
            } else {
                (p.clone(), MoveKind::Whole)
            };
            moved.push(Pending {
                item: Item::of(text, vec![i]),
                was_at: items.len(),
                moved: vec![(i, kind)],
            });
        } else if r < 0.20 && split_point(p).is_some() {
            counts.split += 1;
            let at = split_point(p).unwrap_or(0);
            let (x, y): (String, String) =
                (p.chars().take(at).collect(), p.chars().skip(at).collect());
            items.push(Item::of(x, vec![i]));
            items.push(Item::of(y, vec![i]));
        } else if r < 0.26 && i + 1 < paras.len() {
            counts.merged += 1;
            items.push(Item::of(format!("{p}{}", paras[i + 1]), vec![i, i + 1]));
            i += 1;
        } else if r < 0.50 {
            counts.edited += 1;
            items.push(Item::of(light_edit(p, &all, rng), vec![i]));
        } else {
            counts.kept += 1;
            items.push(Item::of(p.clone(), vec![i]));
        }
        finish_paragraph(i, &mut items, filler, &source_windows, &mut counts, rng);
        i += 1;
    }
    let mut placed = Vec::new();
    for pending in moved {
        let mut at = rng.below(items.len() + 1);
        for _ in 0..20 {
            if at.abs_diff(pending.was_at) >= 6 {
                break;
            }
            at = rng.below(items.len() + 1);
        }
        if at.abs_diff(pending.was_at) < 6 {
            at = if pending.was_at > items.len() / 2 {
                0
            } else {
                items.len()
            };
        }
        place(&mut items, at, pending, &mut placed);
    }
    assemble(items, placed, counts)
}

/// The end of one source paragraph's turn, common to both recipes: maybe
/// ASCII punctuation for the last item, maybe an unrelated paragraph after it.
fn finish_paragraph(
    i: usize,
    items: &mut Vec<Item>,
    filler: &[String],
    source_windows: &HashSet<u64>,
    counts: &mut EditCounts,
    rng: &mut Rng,
) {
    if i >= 3 && rng.unit() < 0.15 {
        if let Some(last) = items.last_mut() {
            counts.half_width += 1;
            last.text = half_width(&last.text);
        }
    }
    if i >= 3 && rng.unit() < 0.08 {
        if let Some(text) = unrelated(filler, source_windows, rng) {
            counts.inserted += 1;
            items.push(Item {
                text,
                sources: vec![],
                after: Some(i),
            });
        }
    }
}

/// Put a pending move back at item position `at`, and note what it moved.
fn place(items: &mut Vec<Item>, at: usize, pending: Pending, moved: &mut Vec<(usize, MoveKind)>) {
    moved.extend(pending.moved.iter().copied());
    items.insert(at.min(items.len()), pending.item);
}

/// The copy's text and answers from its items.
fn assemble(items: Vec<Item>, mut moved: Vec<(usize, MoveKind)>, counts: EditCounts) -> Synthetic {
    let mut links = Vec::new();
    let mut unrelated = Vec::new();
    let mut text = String::new();
    for (j, item) in items.iter().enumerate() {
        links.extend(item.sources.iter().map(|&s| (s, j)));
        if let Some(after) = item.after {
            unrelated.push((j, after));
        }
        text.push_str(&item.text);
        text.push('\n');
    }
    links.sort_unstable();
    moved.sort_unstable();
    Synthetic {
        text,
        links,
        moved: moved.iter().map(|m| m.0).collect(),
        moved_kinds: moved.iter().map(|m| m.1).collect(),
        unrelated,
        counts,
    }
}

/// Make a harder edited copy of `source` (see the module docs): after the
/// first three lines, each paragraph is independently
/// - deleted (6%);
/// - moved whole, word for word (6%), or moved and edited at 10–25% of its
///   characters (8%);
/// - split at a sentence, one half moved away (6%);
/// - merged with a paragraph three to eight places further on, which so
///   moves up to it (5%);
/// - split or merged in place (3% each);
/// - lightly edited (24%), or kept.
///
/// Moves go at least three places: half of them within ten places, half
/// anywhere. ASCII punctuation and unrelated paragraphs come as in
/// [`edited_copy`].
pub fn hard_copy(source: &str, filler: &[String], rng: &mut Rng) -> Synthetic {
    let paras = paragraphs(source);
    let all: Vec<char> = paras
        .iter()
        .flat_map(|p| p.chars())
        .filter(|c| c.is_alphabetic())
        .collect();
    let source_windows = windows(source);
    let mut counts = EditCounts::default();
    let mut items: Vec<Item> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut taken = vec![false; paras.len()];
    let mut moved: Vec<(usize, MoveKind)> = Vec::new();
    for i in 0..paras.len() {
        if taken[i] {
            continue;
        }
        let p = &paras[i];
        let r = if i < 3 { 1.0 } else { rng.unit() };
        let long = p.chars().count() >= 20;
        let partner = (i + 3..=i + 8)
            .filter(|&j| j < paras.len() && !taken[j] && paras[j].chars().count() >= 20)
            .nth(rng.below(3));
        if r < 0.06 {
            counts.deleted += 1;
        } else if r < 0.12 && long {
            counts.moved += 1;
            pending.push(Pending {
                item: Item::of(p.clone(), vec![i]),
                was_at: items.len(),
                moved: vec![(i, MoveKind::Whole)],
            });
        } else if r < 0.20 && long {
            counts.moved += 1;
            counts.edited += 1;
            let rate = 0.10 + 0.15 * rng.unit();
            pending.push(Pending {
                item: Item::of(heavy_edit(p, rate, &all, rng), vec![i]),
                was_at: items.len(),
                moved: vec![(i, MoveKind::Edited)],
            });
        } else if r < 0.26 && split_point(p).is_some() {
            counts.split += 1;
            counts.moved += 1;
            let at = split_point(p).unwrap_or(0);
            let (x, y): (String, String) =
                (p.chars().take(at).collect(), p.chars().skip(at).collect());
            let (stay, go) = if rng.unit() < 0.5 { (x, y) } else { (y, x) };
            let go = if rng.unit() < 0.3 {
                light_edit(&go, &all, rng)
            } else {
                go
            };
            items.push(Item::of(stay, vec![i]));
            pending.push(Pending {
                item: Item::of(go, vec![i]),
                was_at: items.len(),
                moved: vec![(i, MoveKind::SplitHalf)],
            });
        } else if let (true, Some(j)) = (r < 0.31, partner) {
            counts.merged += 1;
            counts.moved += 1;
            taken[j] = true;
            items.push(Item::of(format!("{p}{}", paras[j]), vec![i, j]));
            // Paragraph j now stands where paragraph i stood.
            moved.push((j, MoveKind::Merged));
        } else if r < 0.34 && split_point(p).is_some() {
            counts.split += 1;
            let at = split_point(p).unwrap_or(0);
            let (x, y): (String, String) =
                (p.chars().take(at).collect(), p.chars().skip(at).collect());
            items.push(Item::of(x, vec![i]));
            items.push(Item::of(y, vec![i]));
        } else if r < 0.37 && i + 1 < paras.len() && !taken[i + 1] {
            counts.merged += 1;
            taken[i + 1] = true;
            items.push(Item::of(format!("{p}{}", paras[i + 1]), vec![i, i + 1]));
        } else if r < 0.61 {
            counts.edited += 1;
            items.push(Item::of(light_edit(p, &all, rng), vec![i]));
        } else {
            counts.kept += 1;
            items.push(Item::of(p.clone(), vec![i]));
        }
        finish_paragraph(i, &mut items, filler, &source_windows, &mut counts, rng);
    }
    let mut placed = vec![false; items.len()];
    for mv in pending {
        let n = items.len();
        // Where it would stand now: after `was_at` of the items that were
        // there before any move was put back.
        let home = (0..n).filter(|&k| !placed[k]).nth(mv.was_at).unwrap_or(n);
        let at = if rng.unit() < 0.5 {
            // Near: 3 to 10 places, on either side when there is room.
            let d = 3 + rng.below(8);
            match (home.checked_sub(d), home + d <= n) {
                (Some(before), true) => {
                    if rng.unit() < 0.5 {
                        before
                    } else {
                        home + d
                    }
                }
                (Some(before), false) => before,
                (None, _) => (home + d).min(n),
            }
        } else {
            let mut at = rng.below(n + 1);
            for _ in 0..20 {
                if at.abs_diff(home) >= 3 {
                    break;
                }
                at = rng.below(n + 1);
            }
            at
        };
        placed.insert(at.min(n), true);
        place(&mut items, at, mv, &mut moved);
    }
    assemble(items, moved, counts)
}

/// A sentence end near the middle of a paragraph with two or more sentences.
fn split_point(p: &str) -> Option<usize> {
    let chars: Vec<char> = p.chars().collect();
    let n = chars.len();
    if n < 40 {
        return None;
    }
    let ends: Vec<usize> = (0..n - 1)
        .filter(|&k| matches!(chars[k], '。' | '；' | '！' | '？'))
        .map(|k| k + 1)
        .filter(|&k| k >= n / 5 && k <= n - n / 5)
        .collect();
    ends.into_iter().min_by_key(|&k| k.abs_diff(n / 2))
}

/// One to three small edits per hundred characters, on letters and digits only.
fn light_edit(p: &str, pool: &[char], rng: &mut Rng) -> String {
    let mut chars: Vec<char> = p.chars().collect();
    let edits = 1 + chars.len() / 100 + rng.below(2);
    for _ in 0..edits.min(5) {
        if !edit_once(&mut chars, pool, rng) {
            break;
        }
    }
    chars.into_iter().collect()
}

/// Edits at `rate` of the letters and digits (at least one edit), of the
/// same four sorts as [`light_edit`]'s.
fn heavy_edit(p: &str, rate: f64, pool: &[char], rng: &mut Rng) -> String {
    let mut chars: Vec<char> = p.chars().collect();
    let letters = chars.iter().filter(|c| c.is_alphanumeric()).count();
    let edits = ((rate * letters as f64).round() as usize).max(1);
    for _ in 0..edits {
        if !edit_once(&mut chars, pool, rng) {
            break;
        }
    }
    chars.into_iter().collect()
}

/// One edit at a random letter or digit: a substitution (5 in 10), an
/// insertion (2 in 10), a deletion (2 in 10) or a changed digit (1 in 10).
/// False when there is nothing to edit.
fn edit_once(chars: &mut Vec<char>, pool: &[char], rng: &mut Rng) -> bool {
    let spots: Vec<usize> = (0..chars.len())
        .filter(|&k| chars[k].is_alphanumeric())
        .collect();
    if spots.is_empty() || pool.is_empty() {
        return false;
    }
    let at = spots[rng.below(spots.len())];
    let fresh = pool[rng.below(pool.len())];
    match rng.below(10) {
        0..=4 => chars[at] = fresh,
        5 | 6 => chars.insert(at, fresh),
        7 | 8 => {
            chars.remove(at);
        }
        _ => {
            if let Some(d) =
                (0..chars.len()).find(|&k| chars[k].is_ascii_digit() && rng.unit() < 0.3)
            {
                chars[d] = char::from(b'0' + rng.below(10) as u8);
            } else {
                chars[at] = fresh;
            }
        }
    }
    true
}

/// Full-width punctuation replaced by ASCII, as some drafters type it.
pub(crate) fn half_width(p: &str) -> String {
    p.chars()
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            '“' | '”' => '"',
            '！' => '!',
            '？' => '?',
            c => c,
        })
        .collect()
}

const WINDOW: usize = 8;

fn window_hashes(text: &str) -> Vec<u64> {
    let Ok(n) = keys_of(text, &NormOptions::default()) else {
        return Vec::new();
    };
    n.keys()
        .windows(WINDOW)
        .map(|w| {
            w.iter().fold(0u64, |h, &k| {
                h.wrapping_mul(1_000_003).wrapping_add(u64::from(k))
            })
        })
        .collect()
}

fn windows(text: &str) -> HashSet<u64> {
    window_hashes(text).into_iter().collect()
}

/// A filler paragraph sharing no 8-key window with the source.
fn unrelated(filler: &[String], source: &HashSet<u64>, rng: &mut Rng) -> Option<String> {
    for _ in 0..8 {
        let cand = filler.get(rng.below(filler.len()))?;
        if cand.chars().count() >= 30 && window_hashes(cand).iter().all(|h| !source.contains(h)) {
            return Some(cand.clone());
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_deterministic_and_links_point_at_real_paragraphs() {
        let source: String = (0..60)
            .map(|k| format!("第{k}段：全市科协系统坚持创新驱动发展战略，推动学会改革取得新进展。要进一步加强基层组织建设，确保工作取得实效。\n"))
            .collect();
        let filler = vec![
            "今年粮食产量再创新高，农业农村现代化迈出坚实步伐，农民收入持续较快增长。".to_string(),
        ];
        let a = edited_copy(&source, &filler, &mut Rng::new(7));
        let b = edited_copy(&source, &filler, &mut Rng::new(7));
        assert_eq!(a.text, b.text);
        let copy = paragraphs(&a.text);
        assert!(a.links.iter().all(|&(s, c)| s < 60 && c < copy.len()));
        assert!(a.counts.kept > 0 && a.counts.edited > 0);
        assert_eq!(a.moved.len(), a.counts.moved);
    }

    #[test]
    fn hard_copies_hold_every_kind_of_move() {
        let source: String = (0..120)
            .map(|k| format!("第{k}段：全市科协系统坚持创新驱动发展战略，推动学会改革取得新进展{k}。要进一步加强基层组织建设，确保各项工作取得实效{k}。\n"))
            .collect();
        let filler = vec![
            "今年粮食产量再创新高，农业农村现代化迈出坚实步伐，农民收入持续较快增长。".to_string(),
        ];
        let a = hard_copy(&source, &filler, &mut Rng::new(3));
        let b = hard_copy(&source, &filler, &mut Rng::new(3));
        assert_eq!(a.text, b.text);
        assert_eq!(a.moved.len(), a.moved_kinds.len());
        for kind in MoveKind::ALL {
            assert!(a.moved_kinds.contains(&kind), "no {kind:?}");
        }
        let src = paragraphs(&source);
        let copy = paragraphs(&a.text);
        assert!(a
            .links
            .iter()
            .all(|&(s, c)| s < src.len() && c < copy.len()));
        let copies_of =
            |m: usize| -> Vec<usize> { a.links.iter().filter(|l| l.0 == m).map(|l| l.1).collect() };
        let sources_of =
            |c: usize| -> Vec<usize> { a.links.iter().filter(|l| l.1 == c).map(|l| l.0).collect() };
        let keys = |t: &str| {
            crate::text::normalize::keys_of(t, &NormOptions::default())
                .unwrap()
                .keys()
                .to_vec()
        };
        for (&m, &kind) in a.moved.iter().zip(&a.moved_kinds) {
            let at = copies_of(m);
            match kind {
                MoveKind::Whole => assert_eq!(copy[at[0]], src[m]),
                MoveKind::Edited => {
                    let sim = crate::compare::similarity::char_similarity(
                        &keys(&src[m]),
                        &keys(&copy[at[0]]),
                    );
                    assert!(
                        (0.6..0.97).contains(&sim),
                        "{sim}: {} / {}",
                        src[m],
                        copy[at[0]]
                    );
                }
                MoveKind::SplitHalf => {
                    assert_eq!(at.len(), 2);
                    assert!(at[1] - at[0] >= 2, "halves side by side: {at:?}");
                }
                MoveKind::Merged => {
                    assert_eq!(at.len(), 1);
                    let with = sources_of(at[0]);
                    assert!(with.iter().any(|&s| s + 3 <= m), "{with:?} {m}");
                }
            }
        }
    }

    #[test]
    fn half_width_punctuation() {
        assert_eq!(
            half_width("一、要坚持（试行）：好，"),
            "一、要坚持(试行):好,"
        );
    }
}
