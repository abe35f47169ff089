//! Document metadata for a pair: title, year, region and kind.
//!
//! Pure: read as corpus mode reads a document without a manifest
//! ([`crate::corpus::meta::resolve`] with the default `YEAR_REGION_KIND`
//! file-name pattern): front matter, then the file name, then the text's
//! title, occasion and speaker lines, dates, sessions and the gazetteer. A
//! pair report keeps the values; the corpus report also says where each one
//! came from.

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

/// Metadata from a file's stem (`2024_青川市_科协讲话`) and its text: the
/// corpus resolver with the default file-name pattern and no manifest, so
/// that a pair and a corpus read the same document alike (front matter, the
/// name, then the title, occasion lines and the gazetteer).
pub fn guess(stem: &str, text: &str) -> Meta {
    use crate::corpus::meta::{resolve, NamePattern};
    resolve(stem, text, None, &NamePattern::default()).plain()
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

    #[test]
    fn reads_a_document_as_corpus_mode_does() {
        // A salutation is not a title; the region comes from the gazetteer.
        let m = guess(
            "speech",
            "同志们！\n在安徽省科协工作会议上，我讲三点意见。\n",
        );
        assert_eq!(m.title, None);
        let m = guess(
            "speech",
            "在安徽省科协八届五次全委会议上的讲话\n——2023年2月16日\n同志们：\n",
        );
        assert_eq!(m.region.as_deref(), Some("安徽省"));
        assert_eq!(m.year, Some(2023));
        assert_eq!(m.kind.as_deref(), Some("讲话"));
    }
}
