//! Names left behind: places of the source's region that still stand in a
//! copy re-issued under another region's names (a county's fire-prevention
//! plan that still names the other county's townships).
//!
//! Each document's region comes from its metadata when the division table
//! knows it (`湖南省`), refined by the places the text names most
//! ([`places::region_of`]: a county's report filed under its province gets
//! its county), or from the text alone. Nothing is flagged unless:
//!
//! - the comparison holds evidence of re-issuing: a substitution of kind
//!   `place` or `name` (one document replaced names by its own);
//! - both regions are known and neither lies inside the other: same-region
//!   pairs (a province's reports of two years) raise nothing.
//!
//! The copy is the later document (its source came first), the right one
//! when the years do not tell. A place name of the copy is flagged when it stands for a division inside the source's
//! region (or one of the source region's own divisions above it that do not
//! hold the copy's region), none of its candidates is the copy's region,
//! inside it or above it (a township name both counties have is not
//! flagged), it is not the national capital, it stands in copied text (a
//! passage of at least [`COPIED_PASSAGE`] countable characters, or a unit at
//! least [`COPIED_UNIT`] similar whose other side has the same name: two
//! reports that share the short phrase `推广三明医改经验` name a partner, they
//! did not copy one another), and the copy does not name the same place in
//! text of its own (a partner city both mention is legitimate). A substitution's left string that still stands,
//! in reused text, in the document that otherwise replaced it is flagged
//! too, even when the table does not know it.
//!
//! Cost: nothing without evidence; with it, one scan of each text against
//! the division table (about a millisecond for a 30,000-character report).

use super::substitutions::Kind;
use super::{Comparison, Prepared, Span};
use crate::places::{self, Mention, Place};

/// The shortest passage, in countable characters, whose names count as
/// copied.
pub const COPIED_PASSAGE: usize = 20;
/// The least similarity of a unit whose names count as copied.
pub const COPIED_UNIT: f64 = 0.6;

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// The left document.
    Left,
    /// The right document.
    Right,
}

impl Side {
    /// `left` or `right`.
    pub fn name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }

    fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }
}

/// Why a name was flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// A place of the other document's region, not of this one's.
    Place,
    /// A string the other document's substitutions replace everywhere else.
    Substituted,
}

/// A name left behind.
#[derive(Debug, Clone, PartialEq)]
pub struct Leftover {
    /// The document it stands in (the copy).
    pub side: Side,
    /// Where, in that document.
    pub span: Span,
    /// The division it names, when the table knows it.
    pub place: Option<Place>,
    /// Why it was flagged.
    pub why: Why,
}

/// The regions of a pair and the names left behind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Leftovers {
    /// The left document's region, when known.
    pub left_region: Option<Place>,
    /// The right document's region, when known.
    pub right_region: Option<Place>,
    /// Names left behind, by side and position.
    pub items: Vec<Leftover>,
}

impl Leftovers {
    /// The region of `side`.
    pub fn region(&self, side: Side) -> Option<Place> {
        match side {
            Side::Left => self.left_region,
            Side::Right => self.right_region,
        }
    }
}

/// The names left behind in a compared pair. `regions` are the documents'
/// regions from their metadata, as written (`湖南省`, `湖北省荆门市京山市`);
/// `copy` is the document taken as the copy: the later one (the caller
/// knows the years), the right one when that is not known.
pub fn leftovers(
    left: &Prepared,
    right: &Prepared,
    c: &Comparison,
    regions: (Option<&str>, Option<&str>),
    copy: Side,
) -> Leftovers {
    let known = (
        regions.0.and_then(places::resolve_region),
        regions.1.and_then(places::resolve_region),
    );
    let evidence = c
        .substitutions
        .iter()
        .any(|s| matches!(s.kind, Kind::Place | Kind::Name));
    if !evidence {
        return Leftovers {
            left_region: known.0,
            right_region: known.1,
            items: Vec::new(),
        };
    }
    let ml = places::mentions(left.chars());
    let mr = places::mentions(right.chars());
    let out = Leftovers {
        left_region: places::region_of(&ml, known.0),
        right_region: places::region_of(&mr, known.1),
        items: Vec::new(),
    };
    let (Some(rl), Some(rr)) = (out.left_region, out.right_region) else {
        return out;
    };
    if rl.related(rr) {
        return out;
    }
    let pair = Pair {
        left,
        right,
        c,
        mentions: (&ml, &mr),
    };
    let mut items = Vec::new();
    let (source_region, copy_region) = match copy {
        Side::Right => (rl, rr),
        Side::Left => (rr, rl),
    };
    let mentions = if copy == Side::Right { &mr } else { &ml };
    items.extend(places_left(
        &pair,
        copy,
        mentions,
        source_region,
        copy_region,
    ));
    items.extend(substituted_left(&pair, copy, mentions, &items));
    items.sort_by_key(|l| (l.side, l.span));
    items.dedup_by_key(|l| (l.side, l.span));
    Leftovers { items, ..out }
}

/// The two documents, their comparison and the place names each holds.
struct Pair<'a> {
    left: &'a Prepared,
    right: &'a Prepared,
    c: &'a Comparison,
    mentions: (&'a [Mention], &'a [Mention]),
}

impl Pair<'_> {
    fn doc(&self, side: Side) -> &Prepared {
        match side {
            Side::Left => self.left,
            Side::Right => self.right,
        }
    }

    /// True when `span` of `side` lies in copied text: inside a passage of
    /// at least [`COPIED_PASSAGE`] countable characters, or in a unit at
    /// least [`COPIED_UNIT`] similar, whose other side holds `name` too (as
    /// a place name its own scan read, when `as_place`; a replaced string's
    /// text otherwise). A short stock phrase two reports share
    /// (`推广三明医改经验`) is not a copy, and a name that only a replacement
    /// next to it made (`湖` + `东山…`) is not one the source had.
    fn copied(&self, side: Side, (s, e): Span, name: &str, as_place: bool) -> bool {
        let other = side.other();
        let name_chars: Vec<char> = name.chars().collect();
        let holds = |(a, b): Span| -> bool {
            let chars = self.doc(other).chars();
            if as_place {
                // Mentions come in reading order: those inside [a, b).
                let all = self.mentions(other);
                let from = all.partition_point(|m| m.span.0 < a);
                all[from..].iter().take_while(|m| m.span.1 <= b).any(|m| {
                    chars.get(m.span.0 as usize..m.span.1 as usize) == Some(&name_chars[..])
                })
            } else {
                let text = chars
                    .get(a as usize..(b as usize).min(chars.len()))
                    .unwrap_or(&[]);
                !name_chars.is_empty()
                    && text.windows(name_chars.len()).any(|w| w == &name_chars[..])
            }
        };
        let in_passage = self.c.passages.iter().any(|p| {
            let (mine, theirs) = if side == Side::Left {
                (p.left, p.right)
            } else {
                (p.right, p.left)
            };
            mine.0 <= s && e <= mine.1 && p.chars >= COPIED_PASSAGE && holds(theirs)
        });
        if in_passage {
            return true;
        }
        let doc = self.doc(side);
        let Some(seg) = doc
            .segments()
            .iter()
            .position(|g| g.start <= s && s < g.end)
        else {
            return false;
        };
        let other_doc = self.doc(other);
        self.c.units.iter().any(|u| {
            let (mine, theirs) = match side {
                Side::Left => (&u.left, &u.right),
                Side::Right => (&u.right, &u.left),
            };
            mine.contains(&seg)
                && u.similarity >= COPIED_UNIT
                && theirs.iter().any(|&t| {
                    other_doc
                        .segments()
                        .get(t)
                        .is_some_and(|g| holds((g.start, g.end)))
                })
        })
    }

    fn mentions(&self, side: Side) -> &[Mention] {
        match side {
            Side::Left => self.mentions.0,
            Side::Right => self.mentions.1,
        }
    }
}

/// Places of `source`'s region named in reused text of the copy.
fn places_left(
    pair: &Pair,
    copy: Side,
    mentions: &[Mention],
    source: Place,
    copy_region: Place,
) -> Vec<Leftover> {
    let doc = pair.doc(copy);
    let mut out = Vec::new();
    // Names the copy uses in text of its own: partners, not leftovers.
    let mut own: Vec<String> = Vec::new();
    let mut flagged: Vec<(Span, Place, String)> = Vec::new();
    for m in mentions {
        // A name that may stand for a place of the copy's province is the
        // copy's own (or too ambiguous to flag).
        let copy_province = copy_region.province();
        if m.places
            .iter()
            .any(|p| p.related(copy_region) || p.within(copy_province))
        {
            continue;
        }
        let belongs = m
            .places
            .iter()
            .copied()
            .find(|&p| p.within(source) || (source.within(p) && !copy_region.within(p)));
        let Some(place) = belongs else { continue };
        if places::is_capital(place.province()) && place.level() == places::Level::Province {
            continue;
        }
        let name = doc.text(m.span);
        if pair.copied(copy, m.span, &name, true) {
            flagged.push((m.span, place, name));
        } else {
            own.push(name);
        }
    }
    for (span, place, name) in flagged {
        if !own.contains(&name) {
            out.push(Leftover {
                side: copy,
                span,
                place: Some(place),
                why: Why::Place,
            });
        }
    }
    out
}

/// A substitution's source string still standing in reused text of the
/// copy, where it is not already flagged and the text there does not read
/// as another place name (`出台山西` holds 山西, not 台山).
fn substituted_left(
    pair: &Pair,
    copy: Side,
    mentions: &[Mention],
    flagged: &[Leftover],
) -> Vec<Leftover> {
    let doc = pair.doc(copy);
    let chars = doc.chars();
    let mut out = Vec::new();
    for s in &pair.c.substitutions {
        if !matches!(s.kind, Kind::Place | Kind::Name) {
            continue;
        }
        // The copy replaced the other document's string by its own.
        let source: Vec<char> = match copy {
            Side::Right => s.left.chars().collect(),
            Side::Left => s.right.chars().collect(),
        };
        if source.len() < 2 || source.len() > chars.len() {
            continue;
        }
        let name: String = source.iter().collect();
        let place = places::lookup(&name).first().copied();
        let mut i = 0;
        while i + source.len() <= chars.len() {
            if chars[i] != source[0] || chars[i..i + source.len()] != source[..] {
                i += 1;
                continue;
            }
            let span = (i as u32, (i + source.len()) as u32);
            let known = flagged
                .iter()
                .chain(&out)
                .any(|l| l.side == copy && l.span.0 < span.1 && span.0 < l.span.1);
            let other_name = mentions
                .iter()
                .any(|m| m.span != span && m.span.0 < span.1 && span.0 < m.span.1);
            if !known && !other_name && pair.copied(copy, span, &name, false) {
                out.push(Leftover {
                    side: copy,
                    span,
                    place,
                    why: Why::Substituted,
                });
            }
            i += source.len();
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::compare::{compare, prepare, CompareOptions};

    fn run(a: &str, b: &str, regions: (Option<&str>, Option<&str>)) -> (Leftovers, Vec<String>) {
        let opts = CompareOptions::default();
        let (pa, pb) = (prepare(a, &opts).unwrap(), prepare(b, &opts).unwrap());
        let c = compare(&pa, &pb, &opts);
        let l = leftovers(&pa, &pb, &c, regions, Side::Right);
        let texts = l
            .items
            .iter()
            .map(|x| {
                let doc = if x.side == Side::Left { &pa } else { &pb };
                format!("{}:{}", x.side.name(), doc.text(x.span))
            })
            .collect();
        (l, texts)
    }

    const SOURCE: &str = "安化县人民政府关于做好今冬明春森林防火工作的通知\n各乡镇人民政府，县直各单位：为切实做好安化县今冬明春森林防火工作，有效预防和扑救森林火灾，保护森林资源和人民群众生命财产安全，现将有关事项通知如下。\n一、东坪镇、梅城镇、小淹镇要加强巡山护林，严格管控野外用火，落实网格化管理责任，确保不发生重大森林火灾。\n二、安化县应急管理局要会同县林业局做好值班值守，及时报告火情，确保信息畅通。\n";

    #[test]
    fn townships_of_the_source_county_are_flagged_in_the_copy() {
        let copy = SOURCE
            .replace("安化县", "丰城市")
            .replace("东坪镇", "剑光街道")
            .replace("小淹镇", "荣塘镇");
        let (l, got) = run(SOURCE, &copy, (None, None));
        assert_eq!(l.left_region.unwrap().path(), "湖南省益阳市安化县");
        assert_eq!(l.right_region.unwrap().path(), "江西省宜春市丰城市");
        assert_eq!(got, vec!["right:梅城镇".to_string()]);
        assert_eq!(l.items[0].why, Why::Place);
    }

    #[test]
    fn same_region_pairs_and_pairs_without_evidence_raise_nothing() {
        let next = SOURCE.replace("今冬明春", "2025年冬季");
        let (l, got) = run(SOURCE, &next, (Some("湖南省"), Some("湖南省")));
        assert!(got.is_empty(), "{got:?}");
        assert_eq!(l.left_region.unwrap().name(), "湖南省");
        // Another province's document quoting the same places, with no names replaced.
        let (_, got) = run(SOURCE, SOURCE, (Some("湖南省"), Some("江西省")));
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_substituted_name_left_once_is_flagged_even_unknown_to_the_table() {
        let copy = SOURCE
            .replace("安化县", "丰城市")
            .replace("东坪镇", "剑光街道")
            .replace("梅城镇", "尚庄街道")
            .replace("小淹镇", "荣塘镇")
            .replace("县林业局", "市林业局");
        // One 安化县 stays.
        let copy = copy.replacen("丰城市应急管理局", "安化县应急管理局", 1);
        let (_, got) = run(SOURCE, &copy, (None, None));
        assert_eq!(got, vec!["right:安化县".to_string()]);
    }
}
