//! The gazetteer of provinces and prefecture-level cities, with their short
//! forms, for regions named in file names, manifests and texts.

use super::*;

/// The built-in gazetteer (see the header of the file for its format).
pub(crate) const GAZETTEER: &str = include_str!("gazetteer.txt");

/// The full name of a region given by its full name or a short form
/// (`安徽` → `安徽省`, `广西` → `广西壮族自治区`, `合肥` → `合肥市`,
/// `黔东南州` → `黔东南苗族侗族自治州`), if the gazetteer knows it. A short
/// form shared by a province and a prefecture (`吉林`, `海南`) is the
/// province.
pub(crate) fn canonical_region(name: &str) -> Option<&'static str> {
    let key: Vec<char> = name.trim().chars().collect();
    match gazetteer().names.get(&key)? {
        Name::Place(p) => Some(p.full),
        Name::Skip => None,
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    full: &'static str,
    prefecture: bool,
    short: bool,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Name {
    Place(Place),
    /// A word that contains a short form but is not the place.
    Skip,
}

pub(super) struct Gazetteer {
    names: HashMap<Vec<char>, Name>,
    longest: usize,
}

pub(super) fn gazetteer() -> &'static Gazetteer {
    static GAZ: OnceLock<Gazetteer> = OnceLock::new();
    GAZ.get_or_init(|| Gazetteer::parse(GAZETTEER))
}

/// Ethnic names in the full names of autonomous regions and prefectures; the
/// short form is what precedes the first one (`黔东南苗族侗族自治州` → `黔东南`).
pub(super) const ETHNIC: [&str; 19] = [
    "壮族",
    "回族",
    "维吾尔",
    "藏族",
    "羌族",
    "彝族",
    "苗族",
    "侗族",
    "布依族",
    "土家族",
    "朝鲜族",
    "蒙古",
    "白族",
    "傣族",
    "景颇族",
    "哈尼族",
    "傈僳族",
    "哈萨克",
    "柯尔克孜",
];

/// Administrative suffixes, longest first.
pub(super) const SUFFIXES: [&str; 7] = ["特别行政区", "自治区", "自治州", "地区", "省", "市", "盟"];

/// Short forms of a full name: `安徽省` → `安徽`; `内蒙古自治区` → `内蒙古`;
/// `黔东南苗族侗族自治州` → `黔东南`, `黔东南州`. None shorter than two
/// characters.
pub(super) fn short_forms(full: &str) -> Vec<String> {
    let chars: Vec<char> = full.chars().collect();
    let ethnic_cut = ETHNIC.iter().filter_map(|e| find(&chars, e, 2)).min();
    let base: String = match ethnic_cut {
        Some(cut) => chars.iter().take(cut).collect(),
        None => match SUFFIXES.iter().find_map(|s| full.strip_suffix(s)) {
            Some(b) => b.to_string(),
            None => return Vec::new(),
        },
    };
    if base.chars().count() < 2 || base == full {
        return Vec::new();
    }
    let mut forms = vec![base.clone()];
    if full.ends_with("自治州") {
        forms.push(format!("{base}州"));
    }
    forms
}

impl Gazetteer {
    fn parse(text: &'static str) -> Gazetteer {
        let mut names: HashMap<Vec<char>, Name> = HashMap::new();
        let mut places = Vec::new();
        let mut skips = Vec::new();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(word) = line.strip_prefix('!') {
                skips.push(word.trim());
                continue;
            }
            let Some((full, province)) = line.split_once('\t') else {
                continue;
            };
            let (full, province) = (full.trim(), province.trim());
            places.push(Place {
                full,
                prefecture: full != province,
                short: false,
            });
        }
        for p in &places {
            names.insert(p.full.chars().collect(), Name::Place(*p));
        }
        // Short forms: never over a full name; a province over a prefecture.
        for p in &places {
            for form in short_forms(p.full) {
                let key: Vec<char> = form.chars().collect();
                let short = Place { short: true, ..*p };
                match names.get(&key) {
                    Some(Name::Place(q)) if !q.short || !q.prefecture || p.prefecture => {}
                    _ => {
                        names.insert(key, Name::Place(short));
                    }
                }
            }
        }
        for word in skips {
            names.insert(word.chars().collect(), Name::Skip);
        }
        let longest = names.keys().map(Vec::len).max().unwrap_or(0);
        Gazetteer { names, longest }
    }

    /// The place a line names, if any. Scanning left to right, the longest
    /// name at each position is taken (so `浙江西部` is 浙江, not 江西); skip
    /// words (`孙中山`) are stepped over. Short forms count only when
    /// `short_forms` is true and they are not followed by 区 (but 区域), 县,
    /// 路, 街, 大道, 大学, 学院 or 公园 — institutions, streets and districts
    /// named after a place (中山大学, 朝阳区) are not the place. A prefecture
    /// beats a province; then the earliest wins.
    pub(super) fn best_in(&self, line: &[char], short_forms: bool) -> Option<&'static str> {
        let mut i = 0;
        let mut province = None;
        while i < line.len() {
            let found = (2..=self.longest.min(line.len() - i))
                .rev()
                .find_map(|n| Some((n, self.names.get(line.get(i..i + n)?)?)));
            let Some((n, name)) = found else {
                i += 1;
                continue;
            };
            i += n;
            let Name::Place(p) = name else { continue };
            if p.short && (!short_forms || named_after(line, i)) {
                continue;
            }
            if p.prefecture {
                return Some(p.full);
            }
            province = province.or(Some(p.full));
        }
        province
    }
}

/// Whether the text at `i` makes the preceding short form part of the name
/// of an institution, street or district.
pub(super) fn named_after(line: &[char], i: usize) -> bool {
    if starts_with(line, i, "区域").is_some() {
        return false;
    }
    ["区", "县", "路", "街", "大道", "大学", "学院", "公园"]
        .iter()
        .any(|w| starts_with(line, i, w).is_some())
}
