//! Document metadata: title, year, region and kind.
//!
//! Pure: guessed from a file name of the form `YEAR_REGION_KIND.ext` (as in
//! the shared corpus) and from the text's first lines (the title, and the
//! occasion line `——2023年2月16日在…`). Corpus mode adds manifests and a
//! gazetteer on top of this.

use serde::Serialize;

/// What is known about a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// The title line, if the document starts with one.
    pub title: Option<String>,
    /// Year delivered.
    pub year: Option<i32>,
    /// Region (province, city, or 全国).
    pub region: Option<String>,
    /// Kind (讲话, 工作报告, …).
    pub kind: Option<String>,
}

/// Metadata from a file's stem (`2024_青川市_科协讲话`) and its text.
pub fn guess(stem: &str, text: &str) -> Meta {
    let mut meta = from_stem(stem);
    let head: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(6)
        .collect();
    if let Some(first) = head.first() {
        let n = first.chars().count();
        if n <= 60 && !first.ends_with('：') && !first.ends_with(':') && !first.ends_with('。') {
            meta.title = Some((*first).to_string());
        }
    }
    if meta.year.is_none() {
        meta.year = head.iter().take(4).find_map(|l| year_in(l));
    }
    if meta.kind.is_none() {
        meta.kind = meta.title.as_deref().and_then(kind_in);
    }
    meta
}

fn from_stem(stem: &str) -> Meta {
    let parts: Vec<&str> = stem.split('_').collect();
    let mut meta = Meta::default();
    if let [year, region, kind, ..] = parts[..] {
        if let Ok(y) = year.parse::<i32>() {
            if (1900..=2200).contains(&y) && !region.is_empty() && !kind.is_empty() {
                meta.year = Some(y);
                meta.region = Some(region.to_string());
                meta.kind = Some(kind.to_string());
            }
        }
    }
    meta
}

/// The first `YYYY年` in a line, for years 1900–2199.
fn year_in(line: &str) -> Option<i32> {
    let chars: Vec<char> = line.chars().collect();
    chars.windows(5).find_map(|w| {
        if w[4] != '年' || !w[..4].iter().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let y: String = w[..4].iter().collect();
        y.parse().ok().filter(|y| (1900..2200).contains(y))
    })
}

fn kind_in(title: &str) -> Option<String> {
    const KINDS: [&str; 6] = ["工作报告", "讲话", "报告", "纪要", "通知", "决议"];
    KINDS
        .iter()
        .find(|k| title.contains(*k))
        .map(|k| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_pattern() {
        let m = guess(
            "2026_安徽省_政府工作报告",
            "政府工作报告\n——2026年1月27日在…\n",
        );
        assert_eq!(m.year, Some(2026));
        assert_eq!(m.region.as_deref(), Some("安徽省"));
        assert_eq!(m.kind.as_deref(), Some("政府工作报告"));
        assert_eq!(m.title.as_deref(), Some("政府工作报告"));
    }

    #[test]
    fn from_text_when_the_name_says_nothing() {
        let m = guess(
            "speech",
            "在全市科协工作会议上的讲话\n——2023年2月16日\n同志们：\n",
        );
        assert_eq!(m.year, Some(2023));
        assert_eq!(m.region, None);
        assert_eq!(m.kind.as_deref(), Some("讲话"));
        let m = guess("x", "同志们：\n今天开会。\n");
        assert_eq!(m.title, None);
    }
}
