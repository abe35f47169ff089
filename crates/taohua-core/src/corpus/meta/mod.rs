//! Document metadata for corpus mode: title, year, region and kind, each
//! with the source it came from.
//!
//! Every field is resolved on its own, from the most trusted source that has
//! it. In order of trust:
//!
//! 1. [`Manifest`] — a TSV/CSV table the researcher wrote for the whole
//!    corpus. It is a deliberate, checkable statement about each file, so it
//!    overrides everything else.
//! 2. [`FrontMatter`] — a `---` (YAML-like) or `+++` (TOML-like) block at the
//!    top of one file: also written on purpose, but per file and unchecked.
//! 3. The file name, read with a [`NamePattern`] (`{year}_{region}_{kind}` by
//!    default): a convention, often abbreviated, and easy to get out of step.
//! 4. The text ([`guess_from_text`]): the title, occasion and speaker lines and
//!    a gazetteer. Heuristics that can be wrong, so [`Source::guessed`] lets
//!    exports and screens mark these fields.
//!
//! Region names from every source are mapped to one canonical full name when
//! the gazetteer knows them (`广西` → `广西壮族自治区`), so that documents group
//! by region whichever source named it.
//!
//! Pure: text in, data out; the caller reads the files.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

mod front_matter;
mod gazetteer;
mod manifest;
mod name;
mod text;

use front_matter::front_matter;
use gazetteer::canonical_region;
pub use manifest::{Manifest, ManifestRow};
pub use name::{NameFields, NamePattern, DEFAULT_NAME_PATTERN};
use text::guess_from_text;
// Shared between the submodules: reading years and numerals, matching
// characters, and the gazetteer.
use gazetteer::gazetteer;
use text::{arabic_year, chinese_year, cn_digit, find, fold_char, starts_with, YEARS};

/// Where a metadata field came from, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// A row of the corpus manifest.
    Manifest,
    /// The front-matter block at the top of the file.
    FrontMatter,
    /// The file name, read with the name pattern.
    FileName,
    /// Guessed from the text.
    Text,
}

impl Source {
    /// True when the value is a guess from the text rather than a statement.
    pub fn guessed(self) -> bool {
        matches!(self, Source::Text)
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub source: Source,
}

/// What is known about one document of a corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocMeta {
    /// The title (from the manifest, the front matter, the text or the name).
    pub title: Option<String>,
    /// The year delivered.
    pub year: Option<Field<i32>>,
    /// The region, by its canonical full name where the gazetteer knows it.
    pub region: Option<Field<String>>,
    /// The kind (讲话, 政府工作报告, …).
    pub kind: Option<Field<String>>,
}

impl DocMeta {
    /// The values alone, without where each came from.
    pub fn plain(&self) -> crate::meta::Meta {
        crate::meta::Meta {
            title: self.title.clone(),
            year: self.year.as_ref().map(|f| f.value),
            region: self.region.as_ref().map(|f| f.value.clone()),
            kind: self.kind.as_ref().map(|f| f.value.clone()),
        }
    }
}

/// What is wrong with a manifest or a file-name pattern, and how to fix it.
/// Each variant's message says what to do; its fields fill the message.
#[allow(missing_docs)]
#[derive(Debug, thiserror::Error)]
pub enum MetaError {
    #[error("the manifest is empty; its first line must name the columns, e.g. `file<TAB>year<TAB>region<TAB>kind`")]
    ManifestEmpty,
    #[error("the manifest header has no `file` column (found: {found}); name the column that holds each document's file name `file`")]
    ManifestNoFileColumn { found: String },
    #[error("the manifest header names none of `year`, `region`, `kind`, `encoding` (found: {found}); add at least one of these columns")]
    ManifestNoFieldColumn { found: String },
    #[error("the manifest header names the column `{name}` twice; keep one of them")]
    ManifestDuplicateColumn { name: String },
    #[error("manifest line {line}: {found} columns, but the header has {expected}; check for a missing or extra {delimiter} (quote a value that contains one with \"…\")")]
    ManifestColumnCount {
        line: usize,
        found: usize,
        expected: usize,
        delimiter: &'static str,
    },
    #[error("manifest line {line}: the year `{value}` is not a year from 1900 to 2199; write four digits such as 2017, or leave the cell empty")]
    ManifestYear { line: usize, value: String },
    #[error("manifest line {line}: unknown encoding `{value}`; use a name such as utf-8, gb18030, gbk, big5, big5-hkscs, utf-16le or utf-16be, or leave the cell empty to detect it")]
    ManifestEncoding { line: usize, value: String },
    #[error("manifest line {line}: the `file` cell is empty; give the document's file name, e.g. 2017_安徽省_政府工作报告.txt")]
    ManifestEmptyFile { line: usize },
    #[error(
        "manifest line {line}: `{file}` is already listed on line {first}; keep one row per file"
    )]
    ManifestDuplicateFile {
        line: usize,
        first: usize,
        file: String,
    },
    #[error("manifest line {line}: a quoted value is never closed; add the closing `\"` (a quote inside a quoted value is written `\"\"`)")]
    ManifestUnclosedQuote { line: usize },
    #[error("manifest line {line}: text follows a closing `\"`; a quoted value must end at the delimiter (a quote inside it is written `\"\"`)")]
    ManifestStrayQuote { line: usize },
    #[error("the file-name pattern is empty; use e.g. `{{year}}_{{region}}_{{kind}}`")]
    PatternEmpty,
    #[error("file-name pattern `{pattern}`: unknown placeholder `{{{name}}}`; use {{year}}, {{region}}, {{kind}}, {{title}} or {{_}} (to ignore a part)")]
    PatternPlaceholder { pattern: String, name: String },
    #[error(
        "file-name pattern `{pattern}`: a `{{` is never closed; write placeholders as `{{year}}`"
    )]
    PatternUnclosed { pattern: String },
    #[error("file-name pattern `{pattern}`: a `}}` without its `{{`; braces may only surround a placeholder")]
    PatternStrayBrace { pattern: String },
    #[error("file-name pattern `{pattern}`: `{{{first}}}` and `{{{second}}}` touch; put literal text such as `_` between placeholders so the name can be split")]
    PatternAdjacent {
        pattern: String,
        first: String,
        second: String,
    },
    #[error("file-name pattern `{pattern}`: `{{{name}}}` appears twice; name each field once (use `{{_}}` for parts to ignore)")]
    PatternDuplicate { pattern: String, name: String },
    #[error("file-name pattern `{pattern}` has no field; include at least one of {{year}}, {{region}}, {{kind}}, {{title}}")]
    PatternNoField { pattern: String },
}

/// Metadata of one document from all sources, each field from the most
/// trusted source that has it (manifest > front matter > file name > text).
///
/// The title comes from the manifest, else the front matter, else the text's
/// first line (when it looks like a title), else the file name's `{title}`.
/// `file_name` may be a bare name or a path; the pattern is matched against
/// its stem (no folders, no extension), or the whole name if the pattern
/// spells out an extension. `text` is the whole decoded text.
pub fn resolve(
    file_name: &str,
    text: &str,
    manifest: Option<&Manifest>,
    pattern: &NamePattern,
) -> DocMeta {
    let row = manifest.and_then(|m| m.get(file_name)).unwrap_or_default();
    let fm = front_matter(text).unwrap_or_default();
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let name = pattern
        .matches(&stem_of(file_name))
        .or_else(|| pattern.matches(base))
        .unwrap_or_default();
    let guess = guess_from_text(text);

    fn pick<T>(candidates: [(Option<T>, Source); 4]) -> Option<Field<T>> {
        candidates
            .into_iter()
            .find_map(|(value, source)| value.map(|value| Field { value, source }))
    }
    let region = pick([
        (row.region, Source::Manifest),
        (fm.region, Source::FrontMatter),
        (name.region, Source::FileName),
        (guess.region, Source::Text),
    ])
    .map(|f| Field {
        value: canonical_region(&f.value).map_or(f.value, str::to_string),
        source: f.source,
    });
    DocMeta {
        title: row.title.or(fm.title).or(guess.title).or(name.title),
        year: pick([
            (row.year, Source::Manifest),
            (fm.year, Source::FrontMatter),
            (name.year, Source::FileName),
            (guess.year, Source::Text),
        ]),
        region,
        kind: pick([
            (row.kind, Source::Manifest),
            (fm.kind, Source::FrontMatter),
            (name.kind, Source::FileName),
            (guess.kind, Source::Text),
        ]),
    }
}

/// A file name without its folders and its last extension.
fn stem_of(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => base.to_string(),
    }
}

#[cfg(test)]
// The crate denies these outside tests; here a failed unwrap is a failed test.
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
