//! Phrase families: the overlapping fragments of one formulation as one row.
//!
//! The index cuts a formulation wherever the set of documents carrying it
//! changes, so one slogan comes out as many phrases (`同志为核心的党中央`,
//! `团结在以习近平同志为核心的党中央周围`, …) and a phrase may start inside a
//! word (`民人均可支配收入` beside `居民人均可支配收入`). A phrase is a
//! *fragment* of another when its normalised text lies inside the other's,
//! both are alike in kind (stock or specific), and the longer one is carried
//! by at least half as many documents as the most widespread member of
//! either family: the fragment occurs mostly as part of the longer form.
//! Fragments join the families of what they are fragments of. A slogan
//! quoted in a sentence that few documents share is not a fragment of it,
//! and a stock slogan inside a specific sentence never is: folding either
//! would hide a row a reader needs.
//!
//! Every member of a family is carried by at least half as many documents as
//! its most widespread one, so a chain of ever longer, ever rarer phrases
//! cannot pull a slogan into a sentence of three documents. A family is
//! shown by its *longest common form*, its longest member; the others are
//! its variants.

use rustc_hash::FxHashMap as HashMap;

use super::analysis::Phrase;
use crate::fingerprint::window_hash;
use crate::text::normalize::{keys_of, Key, NormOptions};

/// Keys hashed to find where one phrase may lie inside another.
const PROBE: usize = 6;

/// A family of phrases.
#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    /// The phrase that shows the family: its longest common form.
    pub head: usize,
    /// The other members, the most documents first (each wording once).
    pub variants: Vec<usize>,
    /// Documents carrying any member.
    pub documents: usize,
    /// Their share of the corpus.
    pub commonness: f64,
}

/// Group `phrases` (of a corpus of `n` documents) into families, ordered by
/// the documents they reach, then by the length of their form; and for each
/// phrase, the index of its family.
pub fn group(phrases: &[Phrase], n: usize, norm: &NormOptions) -> (Vec<Family>, Vec<usize>) {
    let keys: Vec<Vec<Key>> = phrases
        .iter()
        .map(|p| {
            keys_of(&p.text, norm)
                .map(|k| k.keys().to_vec())
                .unwrap_or_default()
        })
        .collect();
    // Every PROBE-key window of every phrase, by hash.
    let mut at: HashMap<u64, Vec<(u32, u32)>> = HashMap::default();
    for (j, k) in keys.iter().enumerate() {
        for s in 0..k.len().saturating_sub(PROBE - 1) {
            at.entry(window_hash(&k[s..s + PROBE]))
                .or_default()
                .push((j as u32, s as u32));
        }
    }
    // Containment: (inner, outer), alike in kind.
    let mut inside: Vec<(usize, usize)> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if k.len() < PROBE {
            continue;
        }
        let Some(places) = at.get(&window_hash(&k[..PROBE])) else {
            continue;
        };
        for &(j, s) in places {
            let (j, s) = (j as usize, s as usize);
            if j == i || phrases[i].stock != phrases[j].stock {
                continue;
            }
            let outer = &keys[j];
            if outer.len() >= s + k.len() && outer[s..s + k.len()] == k[..] {
                inside.push((i, j));
            }
        }
    }
    // Joined widest first, each family remembering its widest member.
    let docs = |x: usize| phrases[x].documents.len();
    inside.sort_by(|&(i, j), &(k, l)| docs(l).cmp(&docs(j)).then((i, j).cmp(&(k, l))));
    let mut parent: Vec<usize> = (0..phrases.len()).collect();
    // Per family (at its root): its widest and its narrowest member's documents.
    let mut widest: Vec<usize> = (0..phrases.len()).map(docs).collect();
    let mut narrowest = widest.clone();
    for (i, j) in inside {
        let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
        if ri == rj {
            continue;
        }
        let most = widest[ri].max(widest[rj]);
        let least = narrowest[ri].min(narrowest[rj]);
        // Every member is carried by at least half as many documents as the
        // widest: join the two families only if that stays true.
        if 2 * least >= most {
            let root = union(&mut parent, ri, rj);
            widest[root] = most;
            narrowest[root] = least;
        }
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::default();
    for i in 0..phrases.len() {
        let root = find(&mut parent, i);
        members.entry(root).or_default().push(i);
    }
    let mut families: Vec<Family> = members
        .into_values()
        .map(|mut group| {
            group.sort_by(|&x, &y| {
                let (a, b) = (&phrases[x], &phrases[y]);
                b.documents
                    .len()
                    .cmp(&a.documents.len())
                    .then(b.chars.cmp(&a.chars))
                    .then(x.cmp(&y))
            });
            let head = group
                .iter()
                .copied()
                .max_by(|&x, &y| {
                    let (a, b) = (&phrases[x], &phrases[y]);
                    a.chars
                        .cmp(&b.chars)
                        .then(a.documents.len().cmp(&b.documents.len()))
                        .then(y.cmp(&x))
                })
                .unwrap_or(group[0]);
            let mut docs: Vec<u32> = group
                .iter()
                .flat_map(|&x| phrases[x].documents.iter().copied())
                .collect();
            docs.sort_unstable();
            docs.dedup();
            // A form found again from another first document is one variant.
            let mut seen = vec![&keys[head]];
            let mut variants = Vec::new();
            for x in group {
                if !seen.contains(&&keys[x]) {
                    seen.push(&keys[x]);
                    variants.push(x);
                }
            }
            Family {
                head,
                variants,
                documents: docs.len(),
                commonness: if n == 0 {
                    0.0
                } else {
                    docs.len() as f64 / n as f64
                },
            }
        })
        .collect();
    families.sort_by(|x, y| {
        y.documents
            .cmp(&x.documents)
            .then(phrases[y.head].chars.cmp(&phrases[x.head].chars))
            .then(x.head.cmp(&y.head))
    });
    // Every phrase goes where its family's head went (a repeated wording,
    // left out of the variants, included).
    let mut at_root = HashMap::default();
    for (f, family) in families.iter().enumerate() {
        at_root.insert(find(&mut parent, family.head), f);
    }
    let family_of = (0..phrases.len())
        .map(|i| at_root.get(&find(&mut parent, i)).copied().unwrap_or(0))
        .collect();
    (families, family_of)
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Join two families; returns the new root.
fn union(parent: &mut [usize], a: usize, b: usize) -> usize {
    let (ra, rb) = (find(parent, a), find(parent, b));
    let (root, other) = (ra.min(rb), ra.max(rb));
    parent[other] = root;
    root
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn phrase(text: &str, docs: &[u32], stock: bool) -> Phrase {
        Phrase {
            text: text.to_string(),
            first_doc: docs[0] as usize,
            span: (0, text.chars().count() as u32),
            chars: text.chars().count(),
            documents: docs.to_vec(),
            commonness: docs.len() as f64 / 60.0,
            stock,
        }
    }

    #[test]
    fn fragments_of_one_formulation_are_one_family() {
        let all: Vec<u32> = (0..54).collect();
        let fifty: Vec<u32> = (0..50).collect();
        let phrases = vec![
            phrase("同志为核心的党中央", &all, true),
            phrase("在以习近平同志为", &all, true),
            phrase("团结在以习近平同志为核心的党中央周围", &all, true),
            phrase(
                "更加紧密地团结在以习近平同志为核心的党中央周围",
                &fifty,
                true,
            ),
            phrase("民人均可支配收入", &all[..51], false),
            phrase("居民人均可支配收入", &all[..50], false),
            phrase("全市建成科普驿站五十个", &[3, 7], false),
        ];
        let (families, family_of) = group(&phrases, 60, &NormOptions::default());
        assert_eq!(families.len(), 3, "{families:?}");
        // The slogan: its longest common form shows it, with three variants.
        let slogan = &families[family_of[0]];
        assert_eq!(slogan.head, 3);
        assert_eq!(slogan.variants.len(), 3);
        assert_eq!(slogan.documents, 54);
        // 民人均… is a fragment of 居民人均…, which shows the family.
        let income = &families[family_of[4]];
        assert_eq!(income.head, 5);
        assert_eq!(income.variants, vec![4]);
        assert_eq!(family_of[6], 2, "the rarest family comes last");
    }

    #[test]
    fn a_stock_slogan_inside_a_specific_sentence_keeps_its_own_row() {
        let all: Vec<u32> = (0..40).collect();
        let phrases = vec![
            phrase("以习近平新时代中国特色社会主义思想为指导", &all, true),
            phrase(
                "以习近平新时代中国特色社会主义思想为指导，建成科普驿站五十个",
                &[3, 7],
                false,
            ),
        ];
        let (families, _) = group(&phrases, 40, &NormOptions::default());
        assert_eq!(families.len(), 2);
    }

    #[test]
    fn a_formulation_quoted_in_a_rare_sentence_keeps_its_own_row() {
        // A sentence of two documents quotes a formulation of twenty: the
        // formulation is not a fragment of it (it occurs mostly elsewhere).
        let twenty: Vec<u32> = (0..20).collect();
        let phrases = vec![
            phrase("推动科技创新和产业创新深度融合", &twenty, false),
            phrase(
                "推动科技创新和产业创新深度融合发展的若干举措",
                &[1, 2],
                false,
            ),
        ];
        let (families, _) = group(&phrases, 100, &NormOptions::default());
        assert_eq!(families.len(), 2);
        assert_eq!(families[0].head, 0);
    }

    #[test]
    fn a_chain_of_ever_rarer_forms_does_not_pull_a_slogan_along() {
        let docs = |n: u32| (0..n).collect::<Vec<u32>>();
        let phrases = vec![
            phrase("中国特色社会主义", &docs(100), true),
            phrase("建设中国特色社会主义", &docs(60), true),
            phrase("坚定不移建设中国特色社会主义", &docs(35), true),
            phrase("坚定不移建设中国特色社会主义伟大事业", &docs(20), true),
        ];
        let (families, family_of) = group(&phrases, 100, &NormOptions::default());
        // Each family's members are within a factor of two of its widest.
        for f in &families {
            let widest = phrases[f.head].documents.len().max(
                f.variants
                    .iter()
                    .map(|&v| phrases[v].documents.len())
                    .max()
                    .unwrap_or(0),
            );
            for &m in std::iter::once(&f.head).chain(&f.variants) {
                assert!(2 * phrases[m].documents.len() >= widest, "{f:?}");
            }
        }
        assert_ne!(family_of[0], family_of[3]);
    }
}
