//! Front matter: a `---` or `+++` block at the top of one file.

use super::*;

/// A metadata block at the very top of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct FrontMatter {
    /// The year.
    pub year: Option<i32>,
    /// The region, as written.
    pub region: Option<String>,
    /// The kind.
    pub kind: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// Char offset just after the closing delimiter line (and its line
    /// break): the document proper starts here.
    pub end_char: usize,
}

/// The front matter at the top of `text`, if any: a block opened by a `---`
/// line (YAML-like `key: value` lines, closed by `---` or `...`) or a `+++`
/// line (TOML-like `key = "value"`, closed by `+++`). Keys are
/// case-insensitive: `title`, `year`, `region`, `kind` (also 标题, 年份, 地区,
/// 类型); a `date` such as `2017-02-24` gives the year when `year` is absent.
/// Values may be quoted. Other lines are ignored. A block that is never
/// closed is not front matter (the text may simply start with a rule).
pub(crate) fn front_matter(text: &str) -> Option<FrontMatter> {
    let (body, mut chars) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, 1),
        None => (text, 0),
    };
    let mut lines = body.split_inclusive('\n');
    let first = lines.next()?;
    let delim = first.trim_end();
    let toml = match delim {
        "---" => false,
        "+++" => true,
        _ => return None,
    };
    chars += first.chars().count();
    let mut fm = FrontMatter::default();
    let mut date_year = None;
    for line in lines {
        chars += line.chars().count();
        let t = line.trim();
        if t == delim || (!toml && t == "...") {
            fm.end_char = chars;
            fm.year = fm.year.or(date_year);
            return Some(fm);
        }
        let split = if toml {
            t.split_once('=')
        } else {
            t.split_once([':', '：'])
        };
        let Some((key, value)) = split else { continue };
        let Some(value) = unquote(value) else {
            continue;
        };
        match key.trim().to_lowercase().as_str() {
            "title" | "标题" => fm.title = Some(value),
            "year" | "年份" | "年度" => fm.year = leading_year(&value),
            "date" | "日期" => date_year = leading_year(&value),
            "region" | "地区" => fm.region = Some(value),
            "kind" | "类型" | "文种" => fm.kind = Some(value),
            _ => {}
        }
    }
    None
}

/// A front-matter value without its quotes or trailing `# comment`; `None`
/// when empty.
pub(super) fn unquote(value: &str) -> Option<String> {
    let v = value.trim();
    let quoted = [('"', '"'), ('\'', '\''), ('“', '”'), ('「', '」')]
        .into_iter()
        .find_map(|(open, close)| {
            let rest = v.strip_prefix(open)?;
            let end = rest.find(close)?;
            rest.get(..end)
        });
    let v = match quoted {
        Some(inner) => inner.trim(),
        None => v.split(" #").next().unwrap_or(v).trim(),
    };
    (!v.is_empty()).then(|| v.to_string())
}

/// The year a value starts with: `2017`, `2017年…`, `2017-02-24`,
/// `二〇一七年…`, full-width digits too.
pub(super) fn leading_year(value: &str) -> Option<i32> {
    let chars: Vec<char> = value.trim().chars().map(fold_char).collect();
    let y = arabic_year(&chars, 0).or_else(|| chinese_year(&chars, 0))?;
    match chars.get(4) {
        Some(c) if c.is_ascii_digit() || cn_digit(*c).is_some() => None,
        _ => Some(y),
    }
}
