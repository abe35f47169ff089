//! Edited copies with known answers: the synthetic half of the evaluation.
//!
//! A source document's paragraphs are deleted, kept, lightly edited (a few
//! characters substituted, inserted or deleted; figures changed), split at a
//! sentence, merged with the next, moved far away, given half-width
//! punctuation, and interleaved with unrelated paragraphs from other
//! documents. The generator records which source paragraph each copy
//! paragraph came from, and which were moved.

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

/// An edited copy and its answers.
#[derive(Debug, Clone)]
pub struct Synthetic {
    /// The copy's text, one paragraph per line.
    pub text: String,
    /// (source paragraph, copy paragraph) links, 0-based, counting non-empty lines.
    pub links: Vec<(usize, usize)>,
    /// Source paragraphs that were moved.
    pub moved: Vec<usize>,
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
    let mut moved: Vec<(Item, usize)> = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        let r = if i < 3 { 1.0 } else { rng.unit() };
        let long = p.chars().count() >= 20;
        if r < 0.08 {
            counts.deleted += 1;
        } else if r < 0.14 && long {
            counts.moved += 1;
            let text = if rng.unit() < 0.3 {
                light_edit(p, &all, rng)
            } else {
                p.clone()
            };
            moved.push((
                Item {
                    text,
                    sources: vec![i],
                },
                items.len(),
            ));
        } else if r < 0.20 && split_point(p).is_some() {
            counts.split += 1;
            let at = split_point(p).unwrap_or(0);
            let (x, y): (String, String) =
                (p.chars().take(at).collect(), p.chars().skip(at).collect());
            items.push(Item {
                text: x,
                sources: vec![i],
            });
            items.push(Item {
                text: y,
                sources: vec![i],
            });
        } else if r < 0.26 && i + 1 < paras.len() {
            counts.merged += 1;
            items.push(Item {
                text: format!("{p}{}", paras[i + 1]),
                sources: vec![i, i + 1],
            });
            i += 1;
        } else if r < 0.50 {
            counts.edited += 1;
            items.push(Item {
                text: light_edit(p, &all, rng),
                sources: vec![i],
            });
        } else {
            counts.kept += 1;
            items.push(Item {
                text: p.clone(),
                sources: vec![i],
            });
        }
        if i >= 3 && rng.unit() < 0.15 {
            if let Some(last) = items.last_mut() {
                counts.half_width += 1;
                last.text = half_width(&last.text);
            }
        }
        if i >= 3 && rng.unit() < 0.08 {
            if let Some(text) = unrelated(filler, &source_windows, rng) {
                counts.inserted += 1;
                items.push(Item {
                    text,
                    sources: vec![],
                });
            }
        }
        i += 1;
    }
    let mut moved_sources = Vec::new();
    for (item, was_at) in moved {
        let mut at = rng.below(items.len() + 1);
        for _ in 0..20 {
            if at.abs_diff(was_at) >= 6 {
                break;
            }
            at = rng.below(items.len() + 1);
        }
        if at.abs_diff(was_at) < 6 {
            at = if was_at > items.len() / 2 {
                0
            } else {
                items.len()
            };
        }
        moved_sources.extend(item.sources.iter().copied());
        items.insert(at.min(items.len()), item);
    }
    let mut links = Vec::new();
    let mut text = String::new();
    for (j, item) in items.iter().enumerate() {
        links.extend(item.sources.iter().map(|&s| (s, j)));
        text.push_str(&item.text);
        text.push('\n');
    }
    links.sort_unstable();
    moved_sources.sort_unstable();
    Synthetic {
        text,
        links,
        moved: moved_sources,
        counts,
    }
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
        let spots: Vec<usize> = (0..chars.len())
            .filter(|&k| chars[k].is_alphanumeric())
            .collect();
        if spots.is_empty() || pool.is_empty() {
            break;
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
    }
    chars.into_iter().collect()
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
    fn half_width_punctuation() {
        assert_eq!(
            half_width("一、要坚持（试行）：好，"),
            "一、要坚持(试行):好,"
        );
    }
}
