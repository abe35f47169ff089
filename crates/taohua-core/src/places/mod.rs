//! China's administrative divisions to township level: which places a text
//! names, where each lies, and which region a document belongs to.
//!
//! The table is `divisions.txt` beside this file: 31 provinces, 333
//! prefectures, 2,978 counties and 41,352 townships of the National Bureau
//! of Statistics' 2023 codes (via modood/Administrative-divisions-of-China,
//! WTFPL; `scripts/gen-divisions` writes it and says how). Each name is a
//! *base* and a *suffix* (`安化|县`, `黔东南|苗族侗族自治州`): the full name
//! always names the place, the base alone (the short form) only where the
//! table allows it. Short forms that are ordinary words (和平, 前进, 新华),
//! or one character long are switched off there, and the generator records
//! how many each rule switched off. Names without an administrative suffix
//! (a few farms, offices and zones: 林业局, 开发区) are never matched. Words that contain a name without naming the place
//! (孙中山, 长治久安) are skip words.
//!
//! The build script turns the table into static arrays (nothing is parsed at
//! run time): every base as indices into a sorted alphabet, the records
//! sorted by base, and per record its suffix, level, whether the base may
//! stand alone and its parent. Looking a position of a text up is a walk down
//! the sorted records, one binary search per character, so scanning a
//! document costs about n · (name length) · log(records) comparisons: about a
//! millisecond for a 30,000-character report. The arrays take about 0.5 MB.
//!
//! Scanning goes left to right, and at each position the longest name wins
//! (a full name over a short form of the same length), so `江西城市` is
//! 江西, not 西城. A short form followed by an administrative character
//! (`朝阳区` when only 朝阳县 is meant) or by 路, 街, 大道, 大学, 学院, 公园 is
//! not the place, nor is a one-character name whose suffix begins a word
//! (`市和县级`: 县级, not 和县) or that follows a Han character that is not
//! a suffix, a conjunction or a preposition (`示范县` is no 范县). A stronger name (a full name, then a
//! province's or prefecture's short form, then a county's, then a
//! township's) that starts inside a match and runs past it wins over it
//! (`新江苏` is 江苏, `美丽江苏` is not 丽江). A name that many divisions share (城关镇: 88 of them) is
//! one mention with every candidate; [`region_of`] and the callers decide
//! which one is meant.

include!(concat!(env!("OUT_DIR"), "/divisions.rs"));

/// A division of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Place(u16);

/// The level of a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 省, 自治区, 直辖市.
    Province,
    /// 地级市, 地区, 自治州, 盟.
    Prefecture,
    /// 县, 县级市, 市辖区, 旗.
    County,
    /// 镇, 乡, 街道, 苏木.
    Township,
}

/// Level value of a skip word's record.
const SKIP: u16 = 4;

fn meta(id: usize) -> u16 {
    META.get(id).copied().unwrap_or(SKIP << 8)
}

fn level_code(id: usize) -> u16 {
    (meta(id) >> 8) & 0b111
}

fn short_ok(id: usize) -> bool {
    meta(id) >> 12 & 1 == 1
}

fn suffix(id: usize) -> &'static str {
    SUFFIXES
        .get(usize::from(meta(id) & 0xFF))
        .copied()
        .unwrap_or("")
}

fn offset(id: usize) -> usize {
    let hi = OFF_HI.get(id / 256).copied().unwrap_or(0) as usize;
    hi + usize::from(OFF_LO.get(id).copied().unwrap_or(0))
}

/// A record's base as alphabet indices.
fn base(id: usize) -> &'static [u16] {
    let (s, e) = (offset(id), offset(id + 1));
    TEXT.get(s..e).unwrap_or(&[])
}

/// The alphabet index of `c`, if any base holds it.
fn alpha(c: char) -> Option<u16> {
    ALPHABET.binary_search(&c).ok().map(|i| i as u16)
}

impl Place {
    /// Its level.
    pub fn level(self) -> Level {
        match level_code(self.0.into()) {
            0 => Level::Province,
            1 => Level::Prefecture,
            2 => Level::County,
            _ => Level::Township,
        }
    }

    /// The division it belongs to.
    pub fn parent(self) -> Option<Place> {
        PARENT
            .get(usize::from(self.0))
            .filter(|&&p| p != u16::MAX)
            .map(|&p| Place(p))
    }

    /// The short form (`安化` of 安化县).
    pub fn short(self) -> String {
        base(self.0.into())
            .iter()
            .filter_map(|&a| ALPHABET.get(usize::from(a)))
            .collect()
    }

    /// The full name (`安化县`).
    pub fn name(self) -> String {
        self.short() + suffix(self.0.into())
    }

    /// The full names from the province down (`湖南省益阳市安化县`).
    pub fn path(self) -> String {
        let mut chain: Vec<Place> = self.ancestors().collect();
        chain.reverse();
        chain.iter().map(|p| p.name()).collect()
    }

    /// This place, then its parent, up to the province.
    pub fn ancestors(self) -> impl Iterator<Item = Place> {
        std::iter::successors(Some(self), |p| p.parent())
    }

    /// True when this place is `region` or lies inside it.
    pub fn within(self, region: Place) -> bool {
        self.ancestors().any(|p| p == region)
    }

    /// True when one of the two lies inside the other.
    pub fn related(self, other: Place) -> bool {
        self.within(other) || other.within(self)
    }

    /// True when the short form alone names the place (the table allows it).
    pub fn short_allowed(self) -> bool {
        short_ok(self.0.into())
    }

    /// The province (or the place itself when it is one).
    pub fn province(self) -> Place {
        self.ancestors().last().unwrap_or(self)
    }
}

/// Every division of the table, in no particular order.
pub fn all() -> impl Iterator<Item = Place> {
    (0..META.len())
        .filter(|&i| level_code(i) != SKIP)
        .map(|i| Place(i as u16))
}

/// A place name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Char span in the text.
    pub span: (u32, u32),
    /// Every division the name may stand for (many townships share a name).
    pub places: Vec<Place>,
    /// True for a full name (with its suffix), false for a short form.
    pub full: bool,
}

impl Mention {
    /// The one division meant, when the name is not shared.
    pub fn place(&self) -> Option<Place> {
        match self.places.as_slice() {
            [p] => Some(*p),
            _ => None,
        }
    }
}

/// Characters that make a preceding short form part of another name: an
/// administrative suffix (another division's; but `市场`, `市民` are words),
/// or a street, institution or park named after the place.
fn ends_short_form(text: &[char], at: usize) -> bool {
    let next = |k: usize| text.get(at + k).copied();
    match next(0) {
        Some('市') => !matches!(next(1), Some('场' | '民')),
        Some('省' | '县' | '镇' | '乡' | '旗' | '州' | '盟' | '路' | '街') => true,
        Some('区') => next(1) != Some('域'),
        Some('大') => matches!(next(1), Some('道' | '学')),
        Some('学') => next(1) == Some('院'),
        Some('公') => next(1) == Some('园'),
        _ => false,
    }
}

/// True when the character at `at` makes the suffix just before it part of
/// an ordinary word (`县级`, `县委`, `县域`, `县城`): a one-character name with
/// its suffix (`和县`) is then text such as `市和县级`, not the place.
fn suffix_starts_word(text: &[char], at: usize) -> bool {
    matches!(
        text.get(at),
        Some('级' | '委' | '域' | '城' | '乡' | '区' | '镇' | '村' | '里' | '长' | '内' | '外')
    )
}

/// True when a one-character name may start at `at`: after a character
/// that is not Han, an administrative suffix, a list comma or a word that
/// leads a place (`示范县` is no 范县, `好城区` no 城区).
fn name_may_start(text: &[char], at: usize) -> bool {
    match at.checked_sub(1).and_then(|p| text.get(p)) {
        None => true,
        Some(&c) => {
            !('\u{4E00}'..='\u{9FFF}').contains(&c)
                || matches!(
                    c,
                    '省' | '市'
                        | '州'
                        | '盟'
                        | '区'
                        | '县'
                        | '、'
                        | '和'
                        | '与'
                        | '及'
                        | '在'
                        | '到'
                        | '赴'
                        | '至'
                        | '从'
                )
        }
    }
}

/// True when `text[at..]` starts with `s`.
fn starts_with(text: &[char], at: usize, s: &str) -> bool {
    (at..).zip(s.chars()).all(|(i, c)| text.get(i) == Some(&c))
}

/// The first record in `[lo, hi)` for which `pred` holds, `pred` being
/// false and then true along the range (a binary search).
fn first_where(mut lo: usize, mut hi: usize, pred: impl Fn(usize) -> bool) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// [`first_where`] for a boundary expected near `lo`: steps of 1, 2, 4, …
/// from `lo`, then a binary search in the last step (the records that
/// share a two-character prefix are few).
fn gallop(lo: usize, hi: usize, pred: impl Fn(usize) -> bool) -> usize {
    let mut step = 1;
    let mut at = lo;
    while at < hi && !pred(at) {
        let next = (at + step).min(hi);
        if next == hi || pred(next) {
            return first_where(at + 1, next, &pred);
        }
        at = next;
        step *= 2;
    }
    at
}

/// The longest name at `i`: (length in chars, record ids, full name?).
/// Skip words come back with no ids and `true`, short forms something else
/// is named after with no ids and `false`.
fn longest_at(text: &[char], units: &[Option<u16>], i: usize) -> Option<(usize, Vec<u16>, bool)> {
    let first = units.get(i).copied().flatten()?;
    let mut lo = FIRST.get(usize::from(first)).copied().unwrap_or(0) as usize;
    let mut hi = FIRST.get(usize::from(first) + 1).copied().unwrap_or(0) as usize;
    let mut best: Option<(usize, Vec<u16>, bool)> = None;
    // The longest short form turned down because an institution, a street
    // or another division is named after it: that text is no place, and no
    // name inside it either (`广东大学` holds no 东大).
    let mut blocked = 0usize;
    let mut depth = 1;
    while lo < hi {
        // Records in [lo, hi) share the first `depth` units; those whose base
        // is exactly that long sort first.
        // Usually no base is this short: no search then.
        let exact = if base(lo).len() > depth {
            lo
        } else {
            first_where(lo, hi, |r| base(r).len() > depth)
        };
        for r in lo..exact {
            if level_code(r) != SKIP && suffix(r).is_empty() {
                // No administrative suffix (林业局, 开发区, 一农场): too close to
                // ordinary words to stand for a place.
                continue;
            }
            let full_here = level_code(r) != SKIP
                && starts_with(text, i + depth, suffix(r))
                && !(depth == 1
                    && (suffix_starts_word(text, i + depth + suffix(r).chars().count())
                        || !name_may_start(text, i)));
            let (len, full) = if full_here {
                (depth + suffix(r).chars().count(), true)
            } else if level_code(r) == SKIP || (short_ok(r) && !ends_short_form(text, i + depth)) {
                (depth, false)
            } else {
                if short_ok(r) {
                    blocked = blocked.max(depth);
                }
                continue;
            };
            let better = match &best {
                None => true,
                Some((l, _, f)) => len > *l || (len == *l && full && !*f),
            };
            let same = best
                .as_ref()
                .is_some_and(|(l, _, f)| len == *l && full == *f);
            if better {
                best = Some((len, vec![r as u16], full));
            } else if same {
                if let Some((_, ids, _)) = best.as_mut() {
                    ids.push(r as u16);
                }
            }
        }
        let Some(next) = units.get(i + depth).copied().flatten() else {
            break;
        };
        let unit = |r: usize| base(r).get(depth).copied().unwrap_or(0);
        lo = first_where(exact, hi, |r| unit(r) >= next);
        hi = gallop(lo, hi, |r| unit(r) > next);
        depth += 1;
    }
    if blocked > best.as_ref().map_or(0, |b| b.0) {
        return Some((blocked, Vec::new(), false));
    }
    best.map(|(len, ids, full)| {
        // A skip word among the longest: the text is not the place.
        if ids.iter().any(|&r| level_code(r.into()) == SKIP) {
            (len, Vec::new(), true)
        } else {
            (len, ids, full)
        }
    })
}

/// How much a match says: a full name most, then the short form of a
/// province, a prefecture, a county, a township; a skip word as much as a
/// full name, a short form something else is named after nothing.
fn weight(ids: &[u16], full: bool) -> u8 {
    if full {
        return 5;
    }
    if ids.is_empty() {
        return 0;
    }
    match ids.iter().map(|&r| level_code(r.into())).min() {
        Some(0) => 4,
        Some(1) => 3,
        Some(2) => 2,
        _ => 1,
    }
}

/// Every place name in `text`, left to right, longest first (a stronger
/// name starting inside a match and running past it wins over it).
pub fn mentions(text: &[char]) -> Vec<Mention> {
    let units: Vec<Option<u16>> = text.iter().map(|&c| alpha(c)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        match longest_at(text, &units, i) {
            Some((len, ids, full)) => {
                // A stronger name that starts inside this one and runs past
                // it wins (`新江苏`: the province 江苏, not the township
                // short form 新江).
                let strength = weight(&ids, full);
                let stronger = (i + 1..i + len).any(|j| {
                    longest_at(text, &units, j)
                        .is_some_and(|(l, ids2, f)| j + l > i + len && weight(&ids2, f) > strength)
                });
                if stronger {
                    i += 1;
                    continue;
                }
                if !ids.is_empty() {
                    out.push(Mention {
                        span: (i as u32, (i + len) as u32),
                        places: ids.into_iter().map(Place).collect(),
                        full,
                    });
                }
                i += len.max(1);
            }
            None => i += 1,
        }
    }
    out
}

/// The divisions a name stands for, when the whole of `name` is one (a
/// full name, or a short form the table allows).
pub fn lookup(name: &str) -> Vec<Place> {
    let chars: Vec<char> = name.trim().chars().collect();
    let units: Vec<Option<u16>> = chars.iter().map(|&c| alpha(c)).collect();
    match longest_at(&chars, &units, 0) {
        Some((len, ids, _)) if len == chars.len() => ids.into_iter().map(Place).collect(),
        _ => Vec::new(),
    }
}

/// The division a region's name stands for: a full path (`湖南省益阳市安化县`),
/// one name (`京山市`, `安徽`), each name inside the one before. A name many
/// divisions share is taken at its highest level when that is one division
/// (`吉林` is the province); else it stays unresolved.
pub fn resolve_region(name: &str) -> Option<Place> {
    let chars: Vec<char> = name.trim().chars().collect();
    let mut at: Option<Place> = None;
    for m in mentions(&chars) {
        let inside: Vec<Place> = m
            .places
            .iter()
            .copied()
            .filter(|p| at.is_none_or(|a| p.within(a) && *p != a))
            .collect();
        let top = inside.iter().map(|p| p.level()).min()?;
        let mut highest = inside.iter().filter(|p| p.level() == top);
        match (highest.next(), highest.next()) {
            (Some(&p), None) => at = Some(p),
            _ => return at,
        }
    }
    at
}

/// The region a text names most. A province counts the mentions that can
/// only stand for places inside it; from the province that holds at least
/// [`REGION_SHARE`] of all mentions (and [`REGION_MIN`]), the region goes
/// down to a child while one holds that share of its parent's. Below a
/// region, a mention counts for a child when every one of its candidates
/// inside the region lies in that child, so a township name shared across
/// the country (东坪镇) counts for the one county of the region that has
/// it. Starts from `known` (metadata) when given, so a county's report filed
/// under its province gets its county. None when no province stands out.
pub fn region_of(mentions: &[Mention], known: Option<Place>) -> Option<Place> {
    // The child of `at` on the way to `p`, if `p` lies strictly inside `at`.
    let child_towards = |p: Place, at: Place| p.ancestors().find(|a| a.parent() == Some(at));
    let mut at = match known {
        Some(k) => k,
        None => {
            let mut credit: std::collections::HashMap<Place, usize> = Default::default();
            for m in mentions {
                let mut provinces = m.places.iter().map(|p| p.province());
                if let Some(first) = provinces.next() {
                    if provinces.all(|p| p == first) {
                        *credit.entry(first).or_default() += 1;
                    }
                }
            }
            let (&best, &n) = credit
                .iter()
                .max_by_key(|(p, n)| (**n, std::cmp::Reverse(**p)))?;
            if n < REGION_MIN || (n as f64) < REGION_SHARE * mentions.len() as f64 {
                return None;
            }
            best
        }
    };
    loop {
        let mut inside = 0usize;
        let mut credit: std::collections::HashMap<Place, usize> = Default::default();
        for m in mentions {
            let here: Vec<Place> = m.places.iter().copied().filter(|p| p.within(at)).collect();
            if here.is_empty() {
                continue;
            }
            inside += 1;
            let mut children = here.iter().map(|&p| child_towards(p, at));
            if let Some(Some(first)) = children.next() {
                if children.all(|c| c == Some(first)) {
                    *credit.entry(first).or_default() += 1;
                }
            }
        }
        let best = credit
            .iter()
            .max_by_key(|(p, n)| (**n, std::cmp::Reverse(**p)))
            .map(|(p, n)| (*p, *n));
        match best {
            Some((c, n)) if n >= REGION_MIN && n as f64 >= REGION_SHARE * inside as f64 => at = c,
            _ => return Some(at),
        }
    }
}

/// A region must hold at least this share of the mentions of the region
/// above it (or of all mentions, for a province).
pub const REGION_SHARE: f64 = 0.5;
/// … and at least this many mentions.
pub const REGION_MIN: usize = 3;

/// The national capital: never a name left behind, every document may name it.
pub fn is_capital(place: Place) -> bool {
    place.level() == Level::Province && place.short() == "北京"
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, bool, usize)> {
        let chars: Vec<char> = text.chars().collect();
        mentions(&chars)
            .into_iter()
            .map(|m| {
                let s: String = chars[m.span.0 as usize..m.span.1 as usize].iter().collect();
                (s, m.full, m.places.len())
            })
            .collect()
    }

    #[test]
    fn the_table_has_every_level() {
        let count = |l: Level| (0..RECORDS).filter(|&i| level_code(i) == l as u16).count();
        assert_eq!(count(Level::Province), 31);
        assert_eq!(count(Level::Prefecture), 333);
        assert_eq!(count(Level::County), 2978);
        assert_eq!(count(Level::Township), 41352);
    }

    #[test]
    fn full_names_and_paths() {
        let p = lookup("安化县");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].path(), "湖南省益阳市安化县");
        assert_eq!(p[0].level(), Level::County);
        assert_eq!(p[0].short(), "安化");
        assert_eq!(lookup("京山市")[0].path(), "湖北省荆门市京山市");
        assert_eq!(lookup("黔东南")[0].name(), "黔东南苗族侗族自治州");
        assert!(lookup("城关镇").len() > 50, "a name many townships share");
        assert!(lookup("和平").iter().all(|p| p.level() != Level::Township));
    }

    #[test]
    fn scanning_takes_the_longest_name_and_skips_words() {
        assert_eq!(found("推进江西城市更新"), vec![("江西".into(), false, 1)]);
        assert!(found("孙中山先生").is_empty());
        assert!(found("长治久安").is_empty());
        let got = found("安化县东坪镇和梅城镇");
        assert_eq!(got[0], ("安化县".into(), true, 1));
        assert!(got.iter().any(|(s, full, _)| s == "东坪镇" && *full));
        // A short form followed by another division's suffix is not the place.
        assert!(found("朝阳区")
            .iter()
            .all(|(s, full, _)| s == "朝阳区" && *full));
        assert!(found("中山大学").is_empty());
    }

    #[test]
    fn regions_from_names_and_texts() {
        let r = resolve_region("湖南省益阳市安化县").unwrap();
        assert_eq!(r.path(), "湖南省益阳市安化县");
        assert_eq!(resolve_region("安徽").unwrap().name(), "安徽省");
        assert_eq!(resolve_region("吉林").unwrap().name(), "吉林省");
        assert_eq!(resolve_region("全国"), None);
        let text: Vec<char> = "安化县各乡镇：东坪镇、梅城镇、小淹镇、江南镇要做好森林防火。益阳市应急管理局。湖南省林业局。"
            .chars()
            .collect();
        let m = mentions(&text);
        assert_eq!(region_of(&m, None).unwrap().path(), "湖南省益阳市安化县");
        let hunan = resolve_region("湖南省");
        assert_eq!(region_of(&m, hunan).unwrap().name(), "安化县");
        assert!(is_capital(resolve_region("北京市").unwrap()));
    }
}
