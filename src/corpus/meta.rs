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
    pub value: T,
    pub source: Source,
}

/// What is known about one document of a corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocMeta {
    pub title: Option<String>,
    pub year: Option<Field<i32>>,
    pub region: Option<Field<String>>,
    pub kind: Option<Field<String>>,
}

/// What is wrong with a manifest or a file-name pattern, and how to fix it.
#[derive(Debug, thiserror::Error)]
pub enum MetaError {
    #[error("the manifest is empty; its first line must name the columns, e.g. `file<TAB>year<TAB>region<TAB>kind`")]
    ManifestEmpty,
    #[error("the manifest header has no `file` column (found: {found}); name the column that holds each document's file name `file`")]
    ManifestNoFileColumn { found: String },
    #[error("the manifest header names none of `year`, `region`, `kind` (found: {found}); add at least one of these columns")]
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

// ---------------------------------------------------------------------------
// Manifest
// ---------------------------------------------------------------------------

/// A corpus manifest: one row per file, with any of year, region, kind (and
/// title). Read from TSV or CSV with a header row; see [`Manifest::parse`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    rows: Vec<ManifestRow>,
    /// Final path component → indices into `rows`.
    by_name: HashMap<String, Vec<usize>>,
}

/// One row of a manifest. Empty cells are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ManifestRow {
    /// The `file` cell as written (a bare name or a relative path).
    pub file: String,
    /// The line the row starts on (1-based), for messages.
    pub line: usize,
    pub year: Option<i32>,
    pub region: Option<String>,
    pub kind: Option<String>,
    pub title: Option<String>,
}

impl Manifest {
    /// Parse a manifest. The delimiter is a tab if the header line has one,
    /// else a comma; values may be quoted with `"` (a quote inside written
    /// `""`), as Excel, R and pandas write them. Header names are matched
    /// without regard to case and order: `file` is required, with at least
    /// one of `year`, `region`, `kind`; `title` is optional; other columns
    /// (source_repo, chars, …) are ignored. Blank lines are skipped.
    pub fn parse(text: &str) -> Result<Manifest, MetaError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let header_line = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .ok_or(MetaError::ManifestEmpty)?;
        let (delim, delim_name) = if header_line.contains('\t') {
            ('\t', "tab")
        } else {
            (',', "comma")
        };
        let mut records = records(text, delim)?.into_iter();
        let (_, header) = records.next().ok_or(MetaError::ManifestEmpty)?;
        let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
        let found = header.join(", ");
        let column = |name: &str| -> Result<Option<usize>, MetaError> {
            let mut at = header.iter().enumerate().filter(|(_, h)| *h == name);
            let first = at.next().map(|(i, _)| i);
            if at.next().is_some() {
                return Err(MetaError::ManifestDuplicateColumn {
                    name: name.to_string(),
                });
            }
            Ok(first)
        };
        let file_col = column("file")?.ok_or_else(|| MetaError::ManifestNoFileColumn {
            found: found.clone(),
        })?;
        let (year_col, region_col, kind_col) =
            (column("year")?, column("region")?, column("kind")?);
        let title_col = column("title")?;
        if year_col.is_none() && region_col.is_none() && kind_col.is_none() {
            return Err(MetaError::ManifestNoFieldColumn { found });
        }

        let mut manifest = Manifest::default();
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for (line, cells) in records {
            if cells.len() != header.len() {
                return Err(MetaError::ManifestColumnCount {
                    line,
                    found: cells.len(),
                    expected: header.len(),
                    delimiter: delim_name,
                });
            }
            let cell = |col: Option<usize>| {
                col.and_then(|c| cells.get(c))
                    .map(|v| v.trim())
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
            };
            let file = cell(Some(file_col)).ok_or(MetaError::ManifestEmptyFile { line })?;
            let year = match cell(year_col) {
                None => None,
                Some(v) => {
                    Some(manifest_year(&v).ok_or(MetaError::ManifestYear { line, value: v })?)
                }
            };
            let path = clean_path(&file);
            if let Some(&first) = first_line.get(&path) {
                return Err(MetaError::ManifestDuplicateFile { line, first, file });
            }
            first_line.insert(path.clone(), line);
            manifest
                .by_name
                .entry(final_component(&path).to_string())
                .or_default()
                .push(manifest.rows.len());
            manifest.rows.push(ManifestRow {
                file,
                line,
                year,
                region: cell(region_col),
                kind: cell(kind_col),
                title: cell(title_col),
            });
        }
        Ok(manifest)
    }

    /// The row for a file. `file_name` may be a bare name or a path, as may
    /// the manifest's `file` cell (`\\` and a leading `./` are ignored). The
    /// row with the same path wins; else the one row where one path ends
    /// with the other at a folder boundary; else the one row with the same
    /// final component. When rows `2024/a.txt` and `2025/a.txt` both fit, a
    /// bare `a.txt` has no row (`None`), rather than a wrong one.
    pub fn get(&self, file_name: &str) -> Option<ManifestRow> {
        let query = clean_path(file_name);
        let candidates: Vec<&ManifestRow> = self
            .by_name
            .get(final_component(&query))?
            .iter()
            .filter_map(|&i| self.rows.get(i))
            .collect();
        let path = |r: &ManifestRow| clean_path(&r.file);
        if let Some(row) = candidates.iter().find(|r| path(r) == query) {
            return Some((*row).clone());
        }
        let related: Vec<&&ManifestRow> = candidates
            .iter()
            .filter(|r| {
                let p = path(r);
                query.ends_with(&format!("/{p}")) || p.ends_with(&format!("/{query}"))
            })
            .collect();
        match (related.as_slice(), candidates.as_slice()) {
            ([row], _) => Some((**row).clone()),
            ([], [row]) => Some((*row).clone()),
            _ => None,
        }
    }

    /// All rows, in file order.
    pub fn rows(&self) -> &[ManifestRow] {
        &self.rows
    }
}

/// `2017` or `2017年`, 1900–2199.
fn manifest_year(cell: &str) -> Option<i32> {
    let digits = cell.strip_suffix('年').unwrap_or(cell).trim();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|y| YEARS.contains(y))
}

fn clean_path(path: &str) -> String {
    let mut p = path.trim().replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    p
}

fn final_component(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Split delimited text into records of cells, each with the line it starts
/// on. Quoted values may hold delimiters, line breaks and `""`.
fn records(text: &str, delim: char) -> Result<Vec<(usize, Vec<String>)>, MetaError> {
    let mut out = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    let mut any_quoted = false;
    while let Some(c) = chars.next() {
        if at_cell_start && c == '"' {
            // A quoted value: up to the lone closing quote.
            any_quoted = true;
            let open_line = line;
            loop {
                match chars.next() {
                    None => return Err(MetaError::ManifestUnclosedQuote { line: open_line }),
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        cell.push('"');
                    }
                    Some('"') => break,
                    Some('\n') => {
                        line += 1;
                        cell.push('\n');
                    }
                    Some(other) => cell.push(other),
                }
            }
            match chars.peek() {
                None | Some('\n') | Some('\r') => {}
                Some(&d) if d == delim => {}
                Some(' ') | Some('\t') => {
                    // Spaces after the closing quote are tolerated.
                    while matches!(chars.peek(), Some(' ') | Some('\t'))
                        && chars.peek() != Some(&delim)
                    {
                        chars.next();
                    }
                    if !matches!(chars.peek(), None | Some('\n') | Some('\r'))
                        && chars.peek() != Some(&delim)
                    {
                        return Err(MetaError::ManifestStrayQuote { line });
                    }
                }
                Some(_) => return Err(MetaError::ManifestStrayQuote { line }),
            }
            at_cell_start = false;
            continue;
        }
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                cells.push(std::mem::take(&mut cell));
                let blank = cells.len() == 1 && cells.iter().all(|c| c.trim().is_empty());
                if !blank || any_quoted {
                    out.push((start, std::mem::take(&mut cells)));
                }
                cells.clear();
                line += 1;
                start = line;
                at_cell_start = true;
                any_quoted = false;
            }
            c if c == delim => {
                cells.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            ' ' if at_cell_start => {} // leading spaces before a quote
            c => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    cells.push(cell);
    let blank = cells.len() == 1 && cells.iter().all(|c| c.trim().is_empty());
    if !blank || any_quoted {
        out.push((start, cells));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------

/// A metadata block at the very top of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FrontMatter {
    pub year: Option<i32>,
    pub region: Option<String>,
    pub kind: Option<String>,
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
pub fn front_matter(text: &str) -> Option<FrontMatter> {
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
fn unquote(value: &str) -> Option<String> {
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
fn leading_year(value: &str) -> Option<i32> {
    let chars: Vec<char> = value.trim().chars().map(fold_char).collect();
    let y = arabic_year(&chars, 0).or_else(|| chinese_year(&chars, 0))?;
    match chars.get(4) {
        Some(c) if c.is_ascii_digit() || cn_digit(*c).is_some() => None,
        _ => Some(y),
    }
}

// ---------------------------------------------------------------------------
// File names
// ---------------------------------------------------------------------------

/// The default file-name pattern, as in the shared corpus
/// (`2026_安徽省_政府工作报告.txt`).
pub const DEFAULT_NAME_PATTERN: &str = "{year}_{region}_{kind}";

/// How to read metadata from a file name: literal text and placeholders
/// `{year}`, `{region}`, `{kind}`, `{title}` and `{_}` (a part to ignore),
/// e.g. `{year}_{region}_{kind}` or `{region}-{year}-{kind}`. Placeholders
/// must be separated by literal text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePattern {
    text: String,
    /// Literal text before the first placeholder.
    prefix: String,
    /// Each placeholder and the literal text after it (empty for the last
    /// one when the pattern ends with a placeholder).
    parts: Vec<(Slot, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Year,
    Region,
    Kind,
    Title,
    Ignore,
}

/// Fields read from a file name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NameFields {
    pub year: Option<i32>,
    pub region: Option<String>,
    pub kind: Option<String>,
    pub title: Option<String>,
}

impl Default for NamePattern {
    /// `{year}_{region}_{kind}`.
    fn default() -> NamePattern {
        NamePattern {
            text: DEFAULT_NAME_PATTERN.to_string(),
            prefix: String::new(),
            parts: vec![
                (Slot::Year, "_".to_string()),
                (Slot::Region, "_".to_string()),
                (Slot::Kind, String::new()),
            ],
        }
    }
}

impl NamePattern {
    /// Parse a pattern such as `{region}-{year}-{kind}`.
    pub fn parse(pattern: &str) -> Result<NamePattern, MetaError> {
        let text = pattern.to_string();
        if pattern.trim().is_empty() {
            return Err(MetaError::PatternEmpty);
        }
        let mut prefix = String::new();
        let mut parts: Vec<(Slot, String)> = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        let mut rest = pattern;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('{') {
                let (name, tail) =
                    after
                        .split_once('}')
                        .ok_or_else(|| MetaError::PatternUnclosed {
                            pattern: text.clone(),
                        })?;
                let slot = match name.trim() {
                    "year" => Slot::Year,
                    "region" => Slot::Region,
                    "kind" => Slot::Kind,
                    "title" => Slot::Title,
                    "_" => Slot::Ignore,
                    other => {
                        return Err(MetaError::PatternPlaceholder {
                            pattern: text.clone(),
                            name: other.to_string(),
                        })
                    }
                };
                if let Some(((_, lit), previous)) = parts.last().zip(names.last()) {
                    if lit.is_empty() {
                        return Err(MetaError::PatternAdjacent {
                            pattern: text.clone(),
                            first: previous.to_string(),
                            second: name.trim().to_string(),
                        });
                    }
                }
                if slot != Slot::Ignore && parts.iter().any(|(s, _)| *s == slot) {
                    return Err(MetaError::PatternDuplicate {
                        pattern: text.clone(),
                        name: name.trim().to_string(),
                    });
                }
                parts.push((slot, String::new()));
                names.push(name.trim());
                rest = tail;
            } else {
                let end = rest.find(['{', '}']).unwrap_or(rest.len());
                if rest[end..].starts_with('}') {
                    return Err(MetaError::PatternStrayBrace { pattern: text });
                }
                let literal = &rest[..end];
                match parts.last_mut() {
                    Some((_, lit)) => lit.push_str(literal),
                    None => prefix.push_str(literal),
                }
                rest = &rest[end..];
            }
        }
        if parts.iter().all(|(s, _)| *s == Slot::Ignore) {
            return Err(MetaError::PatternNoField { pattern: text });
        }
        Ok(NamePattern {
            text,
            prefix,
            parts,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The fields of a file stem (the name without folders or extension),
    /// or `None` when it does not fit the pattern. Every placeholder must
    /// match at least one character and `{year}` four digits from 1900 to
    /// 2199; when a separator occurs more than once, the earliest split
    /// that fits wins (`2024_青川市_科协_讲话` → kind `科协_讲话`).
    pub fn matches(&self, stem: &str) -> Option<NameFields> {
        let rest = stem.strip_prefix(self.prefix.as_str())?;
        let mut fields = NameFields::default();
        self.match_parts(rest, 0, &mut fields).then_some(fields)
    }

    fn match_parts(&self, rest: &str, i: usize, fields: &mut NameFields) -> bool {
        let Some((slot, literal)) = self.parts.get(i) else {
            return rest.is_empty();
        };
        let last = i + 1 == self.parts.len();
        if last {
            let value = if literal.is_empty() {
                Some(rest)
            } else {
                rest.strip_suffix(literal.as_str())
            };
            return value.is_some_and(|v| fill(*slot, v, fields));
        }
        let mut from = 0;
        while let Some(found) = rest.get(from..).and_then(|r| r.find(literal.as_str())) {
            let at = from + found;
            if at > 0 {
                let mut attempt = fields.clone();
                if fill(*slot, &rest[..at], &mut attempt)
                    && self.match_parts(&rest[at + literal.len()..], i + 1, &mut attempt)
                {
                    *fields = attempt;
                    return true;
                }
            }
            from = at + rest[at..].chars().next().map_or(1, char::len_utf8);
        }
        false
    }
}

/// Put one matched part into its field; false if it cannot be that field.
fn fill(slot: Slot, value: &str, fields: &mut NameFields) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return false;
    }
    match slot {
        Slot::Year => {
            let year = (v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()))
                .then(|| v.parse::<i32>().ok())
                .flatten()
                .filter(|y| YEARS.contains(y));
            fields.year = year;
            return year.is_some();
        }
        Slot::Region => fields.region = Some(v.to_string()),
        Slot::Kind => fields.kind = Some(v.to_string()),
        Slot::Title => fields.title = Some(v.to_string()),
        Slot::Ignore => {}
    }
    true
}

// ---------------------------------------------------------------------------
// Guesses from the text
// ---------------------------------------------------------------------------

/// What the text itself suggests. Every field is a guess.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TextGuess {
    pub title: Option<String>,
    pub year: Option<i32>,
    pub region: Option<String>,
    pub kind: Option<String>,
}

/// How many non-empty lines at the top of a text are looked at.
const HEAD_LINES: usize = 8;
/// At most this many header lines (title, occasion, speaker) before the body.
const MAX_HEADER_LINES: usize = 4;
/// Longest line read as a title.
const TITLE_MAX_CHARS: usize = 60;
/// Characters of each head line that are scanned (one-line documents exist).
const SCAN_CHARS: usize = 300;

/// Guess title, year, region and kind from the top of a text (front matter,
/// if any, is skipped).
///
/// - Title: the first non-empty line, when it is at most 60 characters and
///   does not end like a sentence or a salutation (`。`, `：`, `！`, …). Only
///   the first line: later short lines are headings such as `一、2016年工作回顾`.
/// - The *header* is the run of short, non-sentence lines at the top (title,
///   occasion line `——2026年1月27日在…`, speaker line), ending at the
///   salutation (`各位代表：`) or the first sentence; at most four lines.
/// - Year, in order of evidence: a full date in the header (`2017年2月24日`,
///   `二〇一七年二月二十四日`, `2017-02-24`, also in `（…）`); a year in the
///   header (`2025年上海市政府工作报告`); the session the text was delivered
///   at (`第十届全国人民代表大会第五次会议关于…的决议`, `向第六届全国人民代表大会
///   第一次会议作…`, `中国共产党第九次全国代表大会`, `受十二届中央委员会委托`),
///   mapped by the known calendar of NPC and CPC congresses — but not sessions
///   that are referred back to (`…以来`, `从…`, `根据…`); a review heading
///   `一、2016年工作回顾` (the report is the next year's); a full date anywhere
///   in the first eight lines. Bare years in the body are not used: they are
///   mostly about the past.
/// - Region: the gazetteer on the header
///   lines, one line at a time from the title down (the first line naming a
///   place decides; in it a prefecture beats its province, then the earliest
///   wins); else national markers in the header (`全国人民代表大会`, `国务院`,
///   `党中央`, …) → `全国`; else stricter national markers in the first eight
///   lines (`代表国务院`, `届全国人民代表大会`, `中央委员会`, …) → `全国`; else a
///   full place name (not a short form) in the first body line.
/// - Kind: from the title — the longest of 政府工作报告, 工作报告, 讲话, 报告,
///   纪要, 通知, 决议, 意见, 方案 that the title ends with (`关于政府工作报告的
///   决议` is a 决议), else the longest it contains.
pub fn guess_from_text(text: &str) -> TextGuess {
    let body = match front_matter(text) {
        Some(fm) => text
            .char_indices()
            .nth(fm.end_char)
            .map_or("", |(at, _)| &text[at..]),
        None => text,
    };
    let head = Head::new(body);
    let title = head
        .raw
        .first()
        .filter(|l| is_title(l))
        .map(|l| l.to_string());
    let kind = title.as_deref().and_then(kind_in);
    TextGuess {
        year: head.year(),
        region: head.region(),
        title,
        kind,
    }
}

/// The first lines of a text, trimmed and folded for matching.
struct Head<'a> {
    raw: Vec<&'a str>,
    /// Folded copies: ASCII digits, simplified forms of a few traditional
    /// characters, no whitespace.
    folded: Vec<Vec<char>>,
    /// `folded[..header]` are header lines.
    header: usize,
    /// The first body line (after the salutation, if any).
    opening: Option<usize>,
}

impl<'a> Head<'a> {
    fn new(text: &'a str) -> Head<'a> {
        let raw: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(HEAD_LINES)
            .collect();
        let folded: Vec<Vec<char>> = raw
            .iter()
            .map(|l| {
                l.chars()
                    .take(SCAN_CHARS)
                    .filter(|c| !c.is_whitespace())
                    .map(fold_char)
                    .collect()
            })
            .collect();
        let mut header = 0;
        let mut opening = None;
        for (i, line) in raw.iter().enumerate() {
            if is_salutation(line) {
                opening = (i + 1 < raw.len()).then_some(i + 1);
                break;
            }
            if is_sentence(line) || i == MAX_HEADER_LINES {
                opening = Some(i);
                break;
            }
            header = i + 1;
        }
        Head {
            raw,
            folded,
            header,
            opening,
        }
    }

    fn header_lines(&self) -> &[Vec<char>] {
        self.folded.get(..self.header).unwrap_or_default()
    }

    fn year(&self) -> Option<i32> {
        let first =
            |lines: &[Vec<char>], f: fn(&[char]) -> Option<i32>| lines.iter().find_map(|l| f(l));
        let header = self.header_lines();
        let all = self.folded.as_slice();
        first(header, full_date)
            .or_else(|| first(header, bare_year))
            .or_else(|| first(all, session_year))
            .or_else(|| {
                all.iter()
                    .enumerate()
                    .find_map(|(i, l)| review_year(l, all.get(i + 1)))
            })
            .or_else(|| first(all, full_date))
    }

    fn region(&self) -> Option<String> {
        let gaz = gazetteer();
        let header = self.header_lines();
        if let Some(place) = header.iter().find_map(|l| gaz.best_in(l, true)) {
            return Some(place.to_string());
        }
        if header.iter().any(|l| contains_any(l, NATIONAL_IN_HEADER))
            || self
                .folded
                .iter()
                .any(|l| contains_any(l, NATIONAL_IN_BODY))
        {
            return Some(NATIONAL.to_string());
        }
        let opening = self.folded.get(self.opening?)?;
        gaz.best_in(opening, false).map(str::to_string)
    }
}

/// The region of national documents.
pub const NATIONAL: &str = "全国";

/// In a header line, any of these marks a national document.
const NATIONAL_IN_HEADER: &[&str] = &[
    "全国人民代表大会",
    "全国人大",
    "国务院",
    "党中央",
    "中共中央",
    "中央委员会",
    "全国代表大会",
];

/// In the first lines of the body, only these do: local documents mention
/// 党中央 and 国务院 all the time, but not who delivers the text.
const NATIONAL_IN_BODY: &[&str] = &[
    "代表国务院",
    "国务院总理",
    "中华人民共和国国务院",
    "国务院的委托",
    "国务院委托",
    "国务院的决定",
    "届全国人民代表大会",
    "全国人民代表大会第",
    "次全国代表大会",
    "届中央委员会",
];

fn contains_any(line: &[char], needles: &[&str]) -> bool {
    needles.iter().any(|n| find(line, n, 0).is_some())
}

fn is_title(line: &str) -> bool {
    line.chars().count() <= TITLE_MAX_CHARS && !ends_with_any(line, "：:。！!？?；;，,")
}

fn is_salutation(line: &str) -> bool {
    line.chars().count() <= 12 && ends_with_any(line, "：:！!，,")
}

fn is_sentence(line: &str) -> bool {
    line.chars().count() > 80 || ends_with_any(line, "：:。！!？?；;，,…")
}

fn ends_with_any(line: &str, set: &str) -> bool {
    line.chars().last().is_some_and(|c| set.contains(c))
}

fn kind_in(title: &str) -> Option<String> {
    const KINDS: [&str; 9] = [
        "政府工作报告",
        "工作报告",
        "讲话",
        "报告",
        "纪要",
        "通知",
        "决议",
        "意见",
        "方案",
    ];
    let t = title.trim_end_matches(|c: char| c.is_whitespace() || "）)》」』”\"".contains(c));
    KINDS
        .iter()
        .find(|k| t.ends_with(*k))
        .or_else(|| KINDS.iter().find(|k| t.contains(*k)))
        .map(|k| k.to_string())
}

// --- Dates and years --------------------------------------------------------

const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// Full-width digits to ASCII; a few traditional characters that the year
/// and region rules look for to simplified (old texts are partly traditional).
fn fold_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '國' => '国',
        '會' => '会',
        '議' => '议',
        '屆' => '届',
        '們' => '们',
        '黨' => '党',
        '員' => '员',
        '務' => '务',
        '關' => '关',
        '於' => '于',
        '據' => '据',
        '來' => '来',
        '從' => '从',
        '間' => '间',
        c => c,
    }
}

fn cn_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '○' | '零' | 'Ｏ' | 'O' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// `2017` at `i` (not preceded by a digit), in range.
fn arabic_year(chars: &[char], i: usize) -> Option<i32> {
    if i > 0 && chars.get(i - 1).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits = chars.get(i..i + 4)?;
    if !digits.iter().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y = digits
        .iter()
        .fold(0, |y, c| y * 10 + c.to_digit(10).unwrap_or(0) as i32);
    YEARS.contains(&y).then_some(y)
}

/// `二〇一七` at `i` (not preceded by a numeral), in range.
fn chinese_year(chars: &[char], i: usize) -> Option<i32> {
    if i > 0 && chars.get(i - 1).and_then(|c| cn_digit(*c)).is_some() {
        return None;
    }
    let digits = chars.get(i..i + 4)?;
    let mut y = 0;
    for c in digits {
        y = y * 10 + cn_digit(*c)? as i32;
    }
    YEARS.contains(&y).then_some(y)
}

/// A year at `i` in either script, and where it ends.
fn year_at(chars: &[char], i: usize) -> Option<(i32, usize)> {
    arabic_year(chars, i)
        .or_else(|| chinese_year(chars, i))
        .map(|y| (y, i + 4))
}

/// A number of one or two digits at `i`, in either script (`12`, `十二`,
/// `二十四`), and where it ends.
fn small_number(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let arabic: Vec<u32> = chars
        .get(i..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .filter_map(|c| c.to_digit(10))
        .collect();
    if !arabic.is_empty() {
        return (arabic.len() <= 2)
            .then(|| (arabic.iter().fold(0, |n, d| n * 10 + d), i + arabic.len()));
    }
    cn_number(chars, i).filter(|(n, _)| *n < 100)
}

/// A Chinese number below 100 at `i` (`九`, `十`, `十四`, `二十`, `二十一`).
fn cn_number(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let digit = |j: usize| chars.get(j).and_then(|c| cn_digit(*c)).filter(|d| *d > 0);
    let ten = |j: usize| chars.get(j) == Some(&'十');
    match (digit(i), ten(i)) {
        (None, true) => match digit(i + 1) {
            Some(u) => Some((10 + u, i + 2)),
            None => Some((10, i + 1)),
        },
        (Some(t), _) if ten(i + 1) => match digit(i + 2) {
            Some(u) => Some((t * 10 + u, i + 3)),
            None => Some((t * 10, i + 2)),
        },
        (Some(u), _) => Some((u, i + 1)),
        (None, false) => None,
    }
}

/// The first full date in a line: `2017年2月24日`, `二〇一七年二月二十四日`,
/// `2017-02-24` (or `/`, `.`). Returns its year.
fn full_date(chars: &[char]) -> Option<i32> {
    (0..chars.len()).find_map(|i| {
        let (y, after) = year_at(chars, i)?;
        let sep = *chars.get(after)?;
        let (m, d_at, day_end) = match sep {
            '年' => {
                let (m, end) = small_number(chars, after + 1)?;
                (chars.get(end) == Some(&'月')).then_some(())?;
                (m, end + 1, ['日', '号'])
            }
            '-' | '/' | '.' if chars[i].is_ascii_digit() => {
                let (m, end) = small_number(chars, after + 1)?;
                (chars.get(end) == Some(&sep)).then_some(())?;
                (m, end + 1, ['\0', '\0'])
            }
            _ => return None,
        };
        let (d, end) = small_number(chars, d_at)?;
        let closed = match chars.get(end) {
            Some(c) if day_end[0] != '\0' => day_end.contains(c),
            Some(c) => !c.is_ascii_digit(),
            None => day_end[0] == '\0',
        };
        ((1..=12).contains(&m) && (1..=31).contains(&d) && closed).then_some(y)
    })
}

/// The first `2025年` (or `二〇二五年`) in a line.
fn bare_year(chars: &[char]) -> Option<i32> {
    (0..chars.len()).find_map(|i| {
        let (y, after) = year_at(chars, i)?;
        (chars.get(after) == Some(&'年')).then_some(y)
    })
}

/// Evidence from a short review heading, in the next year's report:
/// `一、2016年工作回顾`, `首先报告２００１年的工作`, `一、“十一五”时期…的回顾`
/// (the plan's last year + 1), or `一、去年工作回顾` followed by a line that
/// starts with the year (`2005年，…`). Also `刚刚过去的１９８４年` anywhere.
fn review_year(line: &[char], next: Option<&Vec<char>>) -> Option<i32> {
    if let Some(y) = (0..line.len()).find_map(|i| {
        let at = starts_with(line, i, "过去的")?;
        let (y, after) = year_at(line, at)?;
        (line.get(after) == Some(&'年')).then_some(y + 1)
    }) {
        return Some(y);
    }
    let heading = line.len() <= 40;
    let reviews = find(line, "回顾", 0).is_some();
    if !heading || !(reviews || starts_with(line, 0, "首先报告").is_some()) {
        return None;
    }
    if let Some(y) = bare_year(line) {
        return Some(y + 1);
    }
    if !reviews {
        return None;
    }
    if let Some(end) = (0..line.len()).find_map(|i| plan_at(line, i)) {
        return Some(end + 1);
    }
    let next = next?;
    let (y, after) = year_at(next, 0)?;
    (next.get(after) == Some(&'年')).then_some(y + 1)
}

/// `“十一五”` (or `九五时期`, `六五计划`) at `i`: the last year of that
/// five-year plan.
fn plan_at(chars: &[char], i: usize) -> Option<i32> {
    let quoted = matches!(chars.get(i), Some('“') | Some('"'));
    let from = if quoted { i + 1 } else { i };
    if !quoted && i > 0 {
        return None;
    }
    let (n, end) = cn_number(chars, from)?;
    let end = starts_with(chars, end, "五")?;
    let closed = matches!(chars.get(end), Some('”') | Some('"'))
        || ["时期", "计划", "规划"]
            .iter()
            .any(|w| starts_with(chars, end, w).is_some());
    if !closed {
        return None;
    }
    // 1953–57, 1958–62, then (after 1963–65) 1966–70, 1971–75, …
    let start = match n {
        1 => 1953,
        2 => 1958,
        3..=30 => 1966 + 5 * (n as i32 - 3),
        _ => return None,
    };
    Some(start + 4)
}

/// The year of a session the text was delivered at, from the first
/// reference in the line that says so (see [`guess_from_text`]).
fn session_year(chars: &[char]) -> Option<i32> {
    (0..chars.len()).find_map(|i| {
        if let Some((term, session, end)) = npc_at(chars, i) {
            return npc_evidence(chars, i, term, session, end);
        }
        if let Some((start, n, end, by_full_name)) = cpc_at(chars, i) {
            let before = context_before(chars, start);
            let delivered = ["向", "在"].iter().any(|w| ends_with(&before, w).is_some())
                || (before.is_empty() && by_full_name);
            return (delivered && !referred_after(chars, end))
                .then(|| cpc_year(n))
                .flatten();
        }
        let (year, end) = committee_at(chars, i)?;
        (!referred_after(chars, end)).then_some(year)
    })
}

/// What an NPC session reference at `start..end` says about the year:
/// - `…第N届…期间`, or its first session `…以来的五年` / `从…，到…五年`: a
///   review of the whole term, at the first session of the next one;
/// - `去年…第N届…第M次会议`: the year after that session;
/// - delivered there (`向…`, `在…`, `我们…`, or at the start of the line
///   followed by `关于`, `听取`, `审议`, `通过`): that session's year;
/// - otherwise (`根据…的决议`, `…闭幕以来`) nothing.
fn npc_evidence(
    chars: &[char],
    start: usize,
    term: u32,
    session: Option<u32>,
    end: usize,
) -> Option<i32> {
    let before = context_before(chars, start);
    let after = |w: &str| starts_with(chars, end, w).is_some();
    let whole_term = after("期间")
        || (session == Some(1)
            && find(chars, "五年", end).is_some()
            && (after("以来") || ends_with(&before, "从").is_some()));
    if whole_term {
        return npc_year(term + 1, Some(1));
    }
    let tail = before.len().saturating_sub(6);
    if find(&before, "去年", tail).is_some() {
        return npc_year(term, session).map(|y| y + 1);
    }
    if referred_after(chars, end) {
        return None;
    }
    let delivered = ["向", "在", "我们"]
        .iter()
        .any(|w| ends_with(&before, w).is_some())
        || (before.is_empty() && ["关于", "听取", "审议", "通过"].iter().any(|w| after(w)));
    if delivered {
        npc_year(term, session)
    } else {
        None
    }
}

/// The line before `start`, without quotes and dashes (occasion lines start
/// with `——`, resolutions' dates sit in `（…）`).
fn context_before(chars: &[char], start: usize) -> Vec<char> {
    chars
        .get(..start)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|c| !"——-―（(“\"《".contains(*c))
        .collect()
}

/// `第十届全国人民代表大会第五次会议` (`第` and the session are optional):
/// term, session and where the reference ends.
fn npc_at(chars: &[char], i: usize) -> Option<(u32, Option<u32>, usize)> {
    let (term, mut j) = ordinal(chars, i, "届")?;
    j = starts_with(chars, j, "全国人民代表大会")?;
    let mut session = None;
    if let Some((s, k)) = ordinal(chars, j, "次") {
        if let Some(k) = starts_with(chars, k, "会议") {
            session = Some(s);
            j = k;
        }
    }
    Some((term, session, j))
}

/// `中国共产党第九次全国代表大会`, `党的第十二次全国代表大会`: where the
/// party's name starts, the congress, where it ends, and whether the party
/// was named in full.
fn cpc_at(chars: &[char], i: usize) -> Option<(usize, u32, usize, bool)> {
    let before = chars.get(..i)?;
    let (start, full) = match ends_with(before, "中国共产党") {
        Some(s) => (s, true),
        None => (ends_with(before, "党的")?, false),
    };
    let (n, j) = ordinal(chars, i, "次")?;
    let j = starts_with(chars, j, "全国代表大会")?;
    Some((start, n, j, full))
}

/// `受十二届中央委员会委托`, `代表中国共产党第十一届中央委员会`: the outgoing
/// Central Committee reports to the next congress. Its year and where the
/// reference ends.
fn committee_at(chars: &[char], i: usize) -> Option<(i32, usize)> {
    let (n, j) = ordinal(chars, i, "届")?;
    let j = starts_with(chars, j, "中央委员会")?;
    let before = chars.get(..i)?;
    let start = ends_with(before, "中国共产党").unwrap_or(i);
    let by = chars.get(..start)?;
    (ends_with(by, "受").is_some() || ends_with(by, "代表").is_some()).then_some(())?;
    Some((cpc_year(n + 1)?, j))
}

/// `第十四届` / `十四届` / `第九次` at `i` (not the tail of a longer
/// number): the number and where the unit ends.
fn ordinal(chars: &[char], i: usize, unit: &str) -> Option<(u32, usize)> {
    let j = if chars.get(i) == Some(&'第') {
        i + 1
    } else {
        i
    };
    let continues = |c: &char| cn_digit(*c).is_some() || *c == '十' || *c == '第';
    if j == i && i > 0 && chars.get(i - 1).is_some_and(continues) {
        return None;
    }
    let (n, end) = cn_number(chars, j).or_else(|| small_number(chars, j))?;
    Some((n, starts_with(chars, end, unit)?))
}

/// Words after a session reference that make it a reference back in time.
fn referred_after(chars: &[char], end: usize) -> bool {
    ["以来", "闭幕", "期间", "的决议", "精神", "批准", "到现在"]
        .iter()
        .any(|w| starts_with(chars, end, w).is_some())
}

/// The year of session `session` (1 if not given) of the `term`th NPC.
fn npc_year(term: u32, session: Option<u32>) -> Option<i32> {
    const EARLY: [&[i32]; 5] = [
        &[1954, 1955, 1956, 1957, 1958],
        &[1959, 1960, 1962, 1963],
        &[1964],
        &[1975],
        &[1978, 1979, 1980, 1981, 1982],
    ];
    let s = session.unwrap_or(1);
    if s == 0 {
        return None;
    }
    match term {
        1..=5 => EARLY
            .get(term as usize - 1)
            .and_then(|years| years.get(s as usize - 1))
            .copied(),
        6..=20 if s <= 5 => Some(1983 + 5 * (term as i32 - 6) + s as i32 - 1),
        _ => None,
    }
}

/// The year of the `n`th National Congress of the CPC.
fn cpc_year(n: u32) -> Option<i32> {
    const EARLY: [i32; 12] = [
        1921, 1922, 1923, 1925, 1927, 1928, 1945, 1956, 1969, 1973, 1977, 1982,
    ];
    match n {
        1..=12 => EARLY.get(n as usize - 1).copied(),
        13..=30 => Some(1987 + 5 * (n as i32 - 13)),
        _ => None,
    }
}

// --- Char-slice helpers -------------------------------------------------------

/// Where `needle` ends if `chars[i..]` starts with it.
fn starts_with(chars: &[char], i: usize, needle: &str) -> Option<usize> {
    let mut j = i;
    for n in needle.chars() {
        (chars.get(j) == Some(&n)).then_some(())?;
        j += 1;
    }
    Some(j)
}

/// Where `needle` starts if `chars` ends with it.
fn ends_with(chars: &[char], needle: &str) -> Option<usize> {
    let n = needle.chars().count();
    let start = chars.len().checked_sub(n)?;
    starts_with(chars, start, needle).map(|_| start)
}

/// The first occurrence of `needle` at or after `from`.
fn find(chars: &[char], needle: &str, from: usize) -> Option<usize> {
    (from..chars.len()).find(|&i| starts_with(chars, i, needle).is_some())
}

// --- Gazetteer ----------------------------------------------------------------

/// The built-in gazetteer (see the header of the file for its format).
pub const GAZETTEER: &str = include_str!("gazetteer.txt");

/// The full name of a region given by its full name or a short form
/// (`安徽` → `安徽省`, `广西` → `广西壮族自治区`, `合肥` → `合肥市`,
/// `黔东南州` → `黔东南苗族侗族自治州`), if the gazetteer knows it. A short
/// form shared by a province and a prefecture (`吉林`, `海南`) is the
/// province.
pub fn canonical_region(name: &str) -> Option<&'static str> {
    let key: Vec<char> = name.trim().chars().collect();
    match gazetteer().names.get(&key)? {
        Name::Place(p) => Some(p.full),
        Name::Skip => None,
    }
}

/// The province-level division a region belongs to (itself for a
/// province), by full name or short form.
pub fn province_of(name: &str) -> Option<&'static str> {
    let key: Vec<char> = name.trim().chars().collect();
    match gazetteer().names.get(&key)? {
        Name::Place(p) => Some(p.province),
        Name::Skip => None,
    }
}

#[derive(Debug, Clone, Copy)]
struct Place {
    full: &'static str,
    province: &'static str,
    prefecture: bool,
    short: bool,
}

#[derive(Debug, Clone, Copy)]
enum Name {
    Place(Place),
    /// A word that contains a short form but is not the place.
    Skip,
}

struct Gazetteer {
    names: HashMap<Vec<char>, Name>,
    longest: usize,
}

fn gazetteer() -> &'static Gazetteer {
    static GAZ: OnceLock<Gazetteer> = OnceLock::new();
    GAZ.get_or_init(|| Gazetteer::parse(GAZETTEER))
}

/// Ethnic names in the full names of autonomous regions and prefectures; the
/// short form is what precedes the first one (`黔东南苗族侗族自治州` → `黔东南`).
const ETHNIC: [&str; 19] = [
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
const SUFFIXES: [&str; 7] = ["特别行政区", "自治区", "自治州", "地区", "省", "市", "盟"];

/// Short forms of a full name: `安徽省` → `安徽`; `内蒙古自治区` → `内蒙古`;
/// `黔东南苗族侗族自治州` → `黔东南`, `黔东南州`. None shorter than two
/// characters.
fn short_forms(full: &str) -> Vec<String> {
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
                province,
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
    fn best_in(&self, line: &[char], short_forms: bool) -> Option<&'static str> {
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
fn named_after(line: &[char], i: usize) -> bool {
    if starts_with(line, i, "区域").is_some() {
        return false;
    }
    ["区", "县", "路", "街", "大道", "大学", "学院", "公园"]
        .iter()
        .any(|w| starts_with(line, i, w).is_some())
}

#[cfg(test)]
// The crate denies these outside tests; here a failed unwrap is a failed test.
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    /// The shared corpus, when present: (file name, text).
    fn corpus_files() -> Vec<(String, String)> {
        let Ok(dir) = std::fs::read_dir("../shared/corpus") else {
            return Vec::new();
        };
        let mut files: Vec<(String, String)> = dir
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .filter_map(|n| {
                let text = std::fs::read_to_string(format!("../shared/corpus/{n}")).ok()?;
                Some((n, text))
            })
            .collect();
        files.sort();
        files
    }

    fn guess(text: &str) -> TextGuess {
        guess_from_text(text)
    }

    #[test]
    fn sources_serialise_in_kebab_case() {
        let json = serde_json::to_string(&[
            Source::Manifest,
            Source::FrontMatter,
            Source::FileName,
            Source::Text,
        ])
        .unwrap();
        assert_eq!(json, r#"["manifest","front-matter","file-name","text"]"#);
        assert!(Source::Text.guessed());
        assert!(!Source::Manifest.guessed() && !Source::FileName.guessed());
    }

    // --- Manifest ---

    /// The header of the shared corpus's MANIFEST.tsv, with invented rows.
    const CORPUS_STYLE_TSV: &str = "file\tyear\tregion\tkind\tsource_repo\tsource_path\tchars\n\
        2031_青川省_政府工作报告.txt\t2031\t青川省\t政府工作报告\texample/repo\tdocs/a.docx\t12345\n\
        2032_全国_决议.txt\t2032\t全国\t决议\texample/repo\tx.jsonl#决议\t880\n\
        \n\
        2033_广西_讲话.txt\t\t广西\t讲话\texample/repo\tb.txt\t99\n";

    #[test]
    fn manifest_reads_the_corpus_header() {
        let m = Manifest::parse(CORPUS_STYLE_TSV).unwrap();
        assert_eq!(m.rows().len(), 3);
        let row = m.get("2031_青川省_政府工作报告.txt").unwrap();
        assert_eq!(row.year, Some(2031));
        assert_eq!(row.region.as_deref(), Some("青川省"));
        assert_eq!(row.kind.as_deref(), Some("政府工作报告"));
        assert_eq!(row.line, 2);
        // By path: the final component matches.
        let row = m.get("/data/corpus/2032_全国_决议.txt").unwrap();
        assert_eq!(row.year, Some(2032));
        // Empty cells are absent; the blank line is skipped but counted.
        let row = m.get("2033_广西_讲话.txt").unwrap();
        assert_eq!((row.year, row.line), (None, 5));
        assert!(m.get("nope.txt").is_none());
    }

    #[test]
    fn manifest_reads_csv_with_quotes_in_any_column_order() {
        let csv = "Kind,FILE,Title,Year,notes\r\n\
            讲话,a.txt,\"在全市大会上的讲话，二\",2017,\"say \"\"hi\"\"\"\r\n\
            报告,\"b, c.txt\",\"两行\n标题\",,\r\n\
            决议,d.txt,,\"2019\",\r\n";
        let m = Manifest::parse(csv).unwrap();
        let a = m.get("a.txt").unwrap();
        assert_eq!(a.kind.as_deref(), Some("讲话"));
        assert_eq!(a.title.as_deref(), Some("在全市大会上的讲话，二"));
        assert_eq!(a.year, Some(2017));
        let b = m.get("b, c.txt").unwrap();
        assert_eq!(b.title.as_deref(), Some("两行\n标题"));
        assert_eq!(b.year, None);
        // The quoted line break moves d.txt to line 5.
        assert_eq!(m.get("d.txt").unwrap().line, 5);
        assert_eq!(m.get("d.txt").unwrap().year, Some(2019));
    }

    #[test]
    fn manifest_matches_relative_paths() {
        let tsv =
            "file\tyear\n2024/a.txt\t2024\n2025/a.txt\t2025\nb.txt\t2001\n./sub/c.txt\t2002\n";
        let m = Manifest::parse(tsv).unwrap();
        assert_eq!(m.get("2024/a.txt").unwrap().year, Some(2024));
        assert_eq!(
            m.get("/home/me/corpus/2025/a.txt").unwrap().year,
            Some(2025)
        );
        // Two rows end in a.txt: a bare name cannot choose.
        assert!(m.get("a.txt").is_none());
        assert_eq!(m.get("elsewhere/b.txt").unwrap().year, Some(2001));
        assert_eq!(m.get("c.txt").unwrap().year, Some(2002));
        assert_eq!(m.get("sub\\c.txt").unwrap().year, Some(2002));
    }

    #[test]
    fn manifest_errors_name_the_line_and_the_fix() {
        let err = |text: &str| Manifest::parse(text).unwrap_err().to_string();
        let e = err("file\tyear\tregion\na.txt\t2017\n");
        assert!(
            e.contains("line 2") && e.contains("2 columns") && e.contains("has 3"),
            "{e}"
        );
        assert!(e.contains("tab"), "{e}");
        let e = err("file,year\na.txt,2017\nb.txt,17年\n");
        assert!(
            e.contains("line 3") && e.contains("17年") && e.contains("four digits"),
            "{e}"
        );
        let e = err("file,year\na.txt,1850\n");
        assert!(e.contains("1850"), "{e}");
        let e = err("name\tyear\na.txt\t2017\n");
        assert!(
            e.contains("no `file` column") && e.contains("name, year"),
            "{e}"
        );
        let e = err("file\tsource_repo\na.txt\tx\n");
        assert!(e.contains("none of `year`, `region`, `kind`"), "{e}");
        let e = err("file\tyear\na.txt\t2017\nsub/../a.txt\t2018\n./a.txt\t2019\n");
        assert!(e.contains("line 4") && e.contains("line 2"), "{e}");
        let e = err("file,region\na.txt,\"安徽\n");
        assert!(e.contains("line 2") && e.contains("never closed"), "{e}");
        let e = err("file,region\na.txt,\"安徽\"省\n");
        assert!(e.contains("line 2") && e.contains("closing"), "{e}");
        let e = err("file,year,YEAR\n");
        assert!(e.contains("`year` twice"), "{e}");
        let e = err("file\tyear\n\tyear\n");
        assert!(e.contains("line 2") && e.contains("empty"), "{e}");
        assert!(matches!(
            Manifest::parse("\n  \n"),
            Err(MetaError::ManifestEmpty)
        ));
    }

    // --- Front matter ---

    #[test]
    fn front_matter_yaml_is_read_and_skipped() {
        let text = "---\ntitle: \"在全市科协工作会议上的讲话\"\nYear: 2017\nregion: 合肥\nkind: '讲话' # by hand\ntags: [a, b]\n---\n正文第一行\n";
        let fm = front_matter(text).unwrap();
        assert_eq!(fm.title.as_deref(), Some("在全市科协工作会议上的讲话"));
        assert_eq!(fm.year, Some(2017));
        assert_eq!(fm.region.as_deref(), Some("合肥"));
        assert_eq!(fm.kind.as_deref(), Some("讲话"));
        let rest: String = text.chars().skip(fm.end_char).collect();
        assert_eq!(rest, "正文第一行\n");
        // The text guess starts after the block.
        assert_eq!(guess(text).title.as_deref(), Some("正文第一行"));
    }

    #[test]
    fn front_matter_toml_bom_crlf_and_dates() {
        let text =
            "\u{feff}+++\r\ntitle = \"政府工作报告\"\r\ndate = 2024-03-05\r\n+++\r\n各位代表：\r\n";
        let fm = front_matter(text).unwrap();
        assert_eq!(fm.title.as_deref(), Some("政府工作报告"));
        assert_eq!(fm.year, Some(2024));
        let rest: String = text.chars().skip(fm.end_char).collect();
        assert_eq!(rest, "各位代表：\r\n");
        // An explicit year beats a date, in either order.
        let fm = front_matter("---\nyear: 二〇一七年\ndate: 2018-01-01\n---\n").unwrap();
        assert_eq!(fm.year, Some(2017));
        assert_eq!(
            fm.end_char,
            "---\nyear: 二〇一七年\ndate: 2018-01-01\n---\n"
                .chars()
                .count()
        );
        // Closed by `...`; at the end of the text without a line break.
        let fm = front_matter("---\nkind: 通知\n...").unwrap();
        assert_eq!((fm.kind.as_deref(), fm.end_char), (Some("通知"), 16));
    }

    #[test]
    fn no_front_matter_unless_closed_and_at_the_top() {
        assert!(front_matter("---\ntitle: x\n正文\n").is_none());
        assert!(front_matter("标题\n---\ntitle: x\n---\n").is_none());
        assert!(front_matter("----\nx\n----\n").is_none());
        assert!(front_matter("").is_none());
        let fm = front_matter("---\n---\n正文").unwrap();
        assert_eq!(
            fm,
            FrontMatter {
                end_char: 8,
                ..FrontMatter::default()
            }
        );
    }

    // --- File names ---

    #[test]
    fn default_name_pattern() {
        let p = NamePattern::default();
        assert_eq!(p, NamePattern::parse(DEFAULT_NAME_PATTERN).unwrap());
        let f = p.matches("2026_安徽省_政府工作报告").unwrap();
        assert_eq!(f.year, Some(2026));
        assert_eq!(f.region.as_deref(), Some("安徽省"));
        assert_eq!(f.kind.as_deref(), Some("政府工作报告"));
        // The earliest split wins; the last field takes the rest.
        let f = p.matches("2024_青川市_科协_讲话").unwrap();
        assert_eq!(f.kind.as_deref(), Some("科协_讲话"));
        assert!(p.matches("1899_安徽省_报告").is_none());
        assert!(p.matches("20x4_安徽省_报告").is_none());
        assert!(p.matches("2024_安徽省").is_none());
        assert!(p.matches("2024__报告").is_none());
        assert!(p.matches("speech").is_none());
    }

    #[test]
    fn custom_name_patterns() {
        let p = NamePattern::parse("{region}-{year}-{kind}").unwrap();
        let f = p.matches("合肥市-2023-讲话").unwrap();
        assert_eq!((f.year, f.region.as_deref()), (Some(2023), Some("合肥市")));
        // A region containing the separator: the year must fit, so the split moves on.
        let f = p.matches("黔东南-州-2023-讲话").unwrap();
        assert_eq!(f.region.as_deref(), Some("黔东南-州"));
        let p = NamePattern::parse("doc {_} ({year}) {title}").unwrap();
        let f = p.matches("doc 17 (2019) 在大会上的讲话").unwrap();
        assert_eq!(f.year, Some(2019));
        assert_eq!(f.title.as_deref(), Some("在大会上的讲话"));
        assert_eq!(f.region, None);
        assert!(p.matches("doc 17 2019 x").is_none());
        assert_eq!(p.as_str(), "doc {_} ({year}) {title}");
    }

    #[test]
    fn bad_name_patterns_say_what_to_fix() {
        let err = |p: &str| NamePattern::parse(p).unwrap_err().to_string();
        assert!(err("{year}{region}").contains("touch"));
        assert!(err("{year}_{place}").contains("{place}"));
        assert!(err("{year}_{region").contains("never closed"));
        assert!(err("{year}_region}").contains("without its"));
        assert!(err("{year}_{year}").contains("twice"));
        assert!(err("{_}-{_}").contains("no field"));
        assert!(err("report").contains("no field"));
        assert!(matches!(
            NamePattern::parse(" "),
            Err(MetaError::PatternEmpty)
        ));
        assert!(NamePattern::parse("{_}-{_}-{year}").is_ok());
    }

    // --- Years from the text ---

    #[test]
    fn dates_in_the_header_in_any_script() {
        let y = |t: &str| guess(t).year;
        assert_eq!(
            y("政府工作报告\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n各位代表：\n"),
            Some(2017)
        );
        assert_eq!(
            y("政府工作报告\n——二〇一七年二月二十四日在市人大会议上\n各位代表：\n"),
            Some(2017)
        );
        assert_eq!(
            y("关于政府工作报告的决议\n（2020年5月28日第十三届全国人民代表大会第三次会议通过）\n"),
            Some(2020)
        );
        assert_eq!(y("讲话稿\n2017-02-24\n同志们：\n"), Some(2017));
        assert_eq!(y("讲话稿\n２０１７年２月２４日\n同志们：\n"), Some(2017));
        assert_eq!(y("讲话稿\n1 9 9 3 年3 月1 日\n同志们：\n"), Some(1993));
        assert_eq!(y("讲话稿\n一九五八年十二月一日\n同志们：\n"), Some(1958));
        // A date beats a bare year in the header; a bare year counts there.
        assert_eq!(
            y("关于2024年工作的报告\n——2025年1月8日\n各位代表：\n"),
            Some(2025)
        );
        assert_eq!(y("2025年上海市政府工作报告\n各位代表：\n"), Some(2025));
        // Not dates: month 13, a longer number, bare years in the body.
        assert_eq!(y("讲话\n2017年13月1日\n同志们：\n"), Some(2017));
        assert_eq!(y("各位代表：\n12017年3月5日。\n"), None);
        assert_eq!(
            y("各位代表：\n我国在一九四九年至一九五二年迅速地完成了任务。\n"),
            None
        );
        // A full date in the body is the weakest evidence, but counts.
        assert_eq!(
            y("各位代表：\n2025年1月19日在江苏省第十四届人民代表大会第三次会议上作报告。\n"),
            Some(2025)
        );
    }

    #[test]
    fn sessions_the_text_was_delivered_at() {
        let y = |t: &str| guess(t).year;
        assert_eq!(
            y("第十届全国人民代表大会第五次会议关于政府工作报告的决议\n"),
            Some(2007)
        );
        assert_eq!(
            y("第二届全国人民代表大会第三次会议关于政府工作报告的决议\n"),
            Some(1962)
        );
        assert_eq!(
            y("各位代表：\n我代表国务院向第一届全国人民代表大会第五次会议，提出报告。\n"),
            Some(1958)
        );
        assert_eq!(y("各位代表！\n根据中共中央的决定，我代表国务院，向第四届全国人民代表大会作政府工作报告。\n"), Some(1975));
        assert_eq!(
            y("同志们！\n中国共产党第九次全国代表大会，将是一次有深远影响的代表大会。\n"),
            Some(1969)
        );
        assert_eq!(y("同志们：\n我代表中国共产党第十一届中央委员会，向党的第十二次全国代表大会作报告。\n"), Some(1982));
        assert_eq!(
            y("同志们：\n我受十二届中央委员会委托，向大会作报告。\n"),
            Some(1987)
        );
        // Referred back to: not the year of the text.
        assert_eq!(y("各位代表：\n根据一九八三年六月第六届全国人民代表大会第一次会议的决议，各级政府……。\n"), None);
        assert_eq!(
            y("各位代表：\n第五届全国人民代表大会第二次会议，号召全国各族人民……。\n"),
            None
        );
        assert_eq!(
            y("同志们：\n党的第十二次全国代表大会，坚持和发展了……。\n"),
            None
        );
        // A review of the whole term is given at the next term's first session.
        assert_eq!(
            y("各位代表：\n第十一届全国人民代表大会第一次会议以来的五年，是极不平凡的五年。\n"),
            Some(2013)
        );
        assert_eq!(
            y("各位代表！\n第六届全国人民代表大会期间，国务院……。\n"),
            Some(1988)
        );
        // "Since last year's session": the year after it.
        assert_eq!(
            y("各位代表：\n从去年９月第五届全国人民代表大会第三次会议到现在，已经过去了一年。\n"),
            Some(1981)
        );
    }

    #[test]
    fn review_headings_date_the_next_year() {
        let y = |t: &str| guess(t).year;
        assert_eq!(
            y("各位代表：\n现在，我代表国务院向大会作报告。\n一、2016年工作回顾\n"),
            Some(2017)
        );
        assert_eq!(
            y("各位代表：\n现在……。\n一、１９９３年国内工作的回顾和１９９４年工作的基本方针\n"),
            Some(1994)
        );
        assert_eq!(
            y("各位代表：\n现在……。\n首先报告２００１年的工作\n"),
            Some(2002)
        );
        assert_eq!(
            y("各位代表：\n现在……。\n一、“十一五”时期国民经济和社会发展的回顾\n"),
            Some(2011)
        );
        assert_eq!(
            y("各位代表：\n现在……。\n一、“六五”计划执行情况的回顾\n"),
            Some(1986)
        );
        assert_eq!(y("各位代表：\n现在……。\n一、去年工作回顾\n2005年，我国社会主义现代化事业取得显著成就。\n"), Some(2006));
        assert_eq!(
            y("各位代表：\n刚刚过去的１９８４年，是取得重大成就的一年。\n"),
            Some(1985)
        );
        // A long body sentence with a year and 回顾 is not a heading.
        assert_eq!(y("各位代表：\n回顾2016年，我们在以习近平同志为核心的党中央坚强领导下，攻坚克难，取得了很大的成绩。\n"), None);
    }

    // --- Regions from the text ---

    #[test]
    fn regions_from_the_header() {
        let r = |t: &str| guess(t).region;
        assert_eq!(
            r("2025年安徽省政府工作报告\n各位代表：\n").as_deref(),
            Some("安徽省")
        );
        assert_eq!(
            r("2025年广西政府工作报告\n各位代表：\n").as_deref(),
            Some("广西壮族自治区")
        );
        assert_eq!(
            r("2025年新疆政府工作报告\n").as_deref(),
            Some("新疆维吾尔自治区")
        );
        assert_eq!(
            r("北京科协工作会议讲话\n同志们：\n").as_deref(),
            Some("北京市")
        );
        assert_eq!(
            r("内蒙古自治区政府工作报告\n").as_deref(),
            Some("内蒙古自治区")
        );
        // A prefecture beats its province; short forms of both.
        assert_eq!(r("安徽省合肥市科协工作报告\n").as_deref(), Some("合肥市"));
        assert_eq!(r("在合肥科协大会上的讲话\n").as_deref(), Some("合肥市"));
        assert_eq!(
            r("黔东南州科协工作会议讲话\n").as_deref(),
            Some("黔东南苗族侗族自治州")
        );
        assert_eq!(
            r("在黔东南苗族侗族自治州人大会议上的讲话\n").as_deref(),
            Some("黔东南苗族侗族自治州")
        );
        // The title decides before the occasion line.
        assert_eq!(
            r("安徽省科协年会讲话\n——2023年5月在合肥市\n同志们：\n").as_deref(),
            Some("安徽省")
        );
        // 吉林 alone is the province; 吉林市 the city.
        assert_eq!(r("吉林省政府工作报告\n").as_deref(), Some("吉林省"));
        assert_eq!(r("吉林市政府工作报告\n").as_deref(), Some("吉林市"));
        assert_eq!(r("吉林政府工作报告\n").as_deref(), Some("吉林省"));
        // Longest name first, left to right: 浙江西部 is 浙江, not 江西.
        assert_eq!(r("浙江西部山区发展报告\n").as_deref(), Some("浙江省"));
    }

    #[test]
    fn words_that_contain_a_place_are_not_the_place() {
        let r = |t: &str| guess(t).region;
        assert_eq!(r("在中山大学校庆大会上的讲话\n"), None);
        assert_eq!(r("纪念孙中山先生诞辰大会上的讲话\n"), None);
        assert_eq!(r("长白山保护工作会议纪要\n"), None);
        assert_eq!(r("在朝阳区科协大会上的讲话\n"), None);
        assert_eq!(r("祝大家幸福安康\n"), None);
        // The full name still counts.
        assert_eq!(r("中山市政府工作报告\n").as_deref(), Some("中山市"));
        assert_eq!(r("安康市政府工作报告\n").as_deref(), Some("安康市"));
        assert_eq!(r("合肥区域发展报告\n").as_deref(), Some("合肥市"));
    }

    #[test]
    fn national_documents() {
        let r = |t: &str| guess(t).region;
        assert_eq!(
            r("第十届全国人民代表大会第五次会议关于政府工作报告的决议\n").as_deref(),
            Some(NATIONAL)
        );
        assert_eq!(
            r("政府工作报告\n——2017年3月5日\n国务院总理李克强\n各位代表：\n").as_deref(),
            Some(NATIONAL)
        );
        assert_eq!(r("关于学习党中央精神的通知\n").as_deref(), Some(NATIONAL));
        assert_eq!(
            r("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n").as_deref(),
            Some(NATIONAL)
        );
        assert_eq!(
            r("各位代表：\n我們第一届全國人民代表大會第一次會議，……。\n").as_deref(),
            Some(NATIONAL)
        );
        // Local documents mention 党中央 and 国务院 all the time.
        assert_eq!(
            r("同志们：\n我们要坚决贯彻党中央、国务院决策部署。\n"),
            None
        );
        // A full name in the opening sentence; short forms there do not count.
        assert_eq!(
            r("同志们：\n今天，我们召开合肥市科协工作会议。\n").as_deref(),
            Some("合肥市")
        );
        assert_eq!(r("同志们：\n今天，我们召开合肥科协工作会议。\n"), None);
        // A local header wins over national words in the body.
        assert_eq!(
            r("2025年上海市政府工作报告\n各位代表：\n我代表国务院……\n").as_deref(),
            Some("上海市")
        );
    }

    // --- Titles and kinds ---

    #[test]
    fn title_and_kind() {
        let g = guess("在全市科协工作会议上的讲话\n——2023年2月16日\n同志们：\n");
        assert_eq!(g.title.as_deref(), Some("在全市科协工作会议上的讲话"));
        assert_eq!(g.kind.as_deref(), Some("讲话"));
        assert_eq!(guess("各位代表！\n现在……\n").title, None);
        assert_eq!(guess("同志们：\n今天开会。\n").title, None);
        assert_eq!(guess(&format!("{}\n", "很长的标题".repeat(13))).title, None);
        let kind = |t: &str| kind_in(t);
        assert_eq!(
            kind("2025年上海市政府工作报告").as_deref(),
            Some("政府工作报告")
        );
        assert_eq!(
            kind("第十届全国人民代表大会第五次会议关于政府工作报告的决议").as_deref(),
            Some("决议")
        );
        assert_eq!(kind("关于印发《实施方案》的通知").as_deref(), Some("通知"));
        assert_eq!(
            kind("省政府关于加快发展的若干意见（试行）").as_deref(),
            Some("意见")
        );
        assert_eq!(kind("科协工作报告摘要").as_deref(), Some("工作报告"));
        assert_eq!(kind("春节团拜会致辞"), None);
    }

    #[test]
    fn one_enormous_line_is_cheap() {
        let text = "同志们：今天我们召开会议。".repeat(100_000);
        let start = std::time::Instant::now();
        let g = guess(&text);
        assert_eq!((g.title, g.year), (None, None));
        assert!(start.elapsed().as_secs() < 2);
    }

    // --- resolve ---

    #[test]
    fn resolve_takes_each_field_from_the_most_trusted_source() {
        let manifest = Manifest::parse("file\tregion\n2019_合肥_讲话.txt\t安徽\n").unwrap();
        let text = "---\nkind: 纪要\n---\n2020年青川市会议讲话\n——二〇二一年三月一日在市人大会议上\n同志们：\n";
        let meta = resolve(
            "in/2019_合肥_讲话.txt",
            text,
            Some(&manifest),
            &NamePattern::default(),
        );
        // Manifest region (canonicalised), front-matter kind, file-name year.
        assert_eq!(
            meta.region,
            Some(Field {
                value: "安徽省".to_string(),
                source: Source::Manifest
            })
        );
        assert_eq!(
            meta.kind,
            Some(Field {
                value: "纪要".to_string(),
                source: Source::FrontMatter
            })
        );
        assert_eq!(
            meta.year,
            Some(Field {
                value: 2019,
                source: Source::FileName
            })
        );
        assert_eq!(meta.title.as_deref(), Some("2020年青川市会议讲话"));

        // Without manifest and pattern match: the file name's region, then the text.
        let meta = resolve("2019_合肥_讲话.txt", text, None, &NamePattern::default());
        assert_eq!(
            meta.region.map(|f| (f.value, f.source)),
            Some(("合肥市".to_string(), Source::FileName))
        );
        let other = NamePattern::parse("{region}={year}").unwrap();
        let meta = resolve("2019_合肥_讲话.txt", text, None, &other);
        assert_eq!(
            meta.year,
            Some(Field {
                value: 2021,
                source: Source::Text
            })
        );
        assert!(meta.year.is_some_and(|f| f.source.guessed()));
        assert_eq!(meta.kind.map(|f| f.source), Some(Source::FrontMatter));
        assert_eq!(meta.region, None);
    }

    #[test]
    fn resolve_titles_and_patterns_with_extensions() {
        let fm = "---\ntitle: 手写标题\n---\n正文标题\n";
        let p = NamePattern::parse("{year}_{title}.txt").unwrap();
        assert_eq!(
            resolve("2020_名字.txt", fm, None, &p).title.as_deref(),
            Some("手写标题")
        );
        assert_eq!(
            resolve("2020_名字.txt", "正文标题\n", None, &p)
                .title
                .as_deref(),
            Some("正文标题")
        );
        let meta = resolve("dir/2020_名字.txt", "同志们：\n", None, &p);
        assert_eq!(meta.title.as_deref(), Some("名字"));
        assert_eq!(meta.year.map(|f| f.value), Some(2020));
        let m = Manifest::parse("file,title,kind\n2020_名字.txt,表中标题,讲话\n").unwrap();
        assert_eq!(
            resolve("2020_名字.txt", fm, Some(&m), &p).title.as_deref(),
            Some("表中标题")
        );
        // Unknown regions are kept as written.
        let meta = resolve("2020_青川市_讲话.txt", "", None, &NamePattern::default());
        assert_eq!(meta.region.map(|f| f.value).as_deref(), Some("青川市"));
        assert_eq!(
            resolve("x.txt", "", None, &NamePattern::default()),
            DocMeta::default()
        );
    }

    // --- Gazetteer ---

    #[test]
    fn gazetteer_is_well_formed() {
        let mut provinces = Vec::new();
        let mut prefectures = Vec::new();
        for line in GAZETTEER.lines() {
            if line.is_empty() || line.starts_with('#') || line.starts_with('!') {
                continue;
            }
            let (full, province) = line.split_once('\t').expect("full_name<TAB>province");
            assert!(!full.contains(char::is_whitespace), "{line:?}");
            if full == province {
                provinces.push(full);
            } else {
                prefectures.push((full, province));
            }
        }
        assert_eq!(provinces.len(), 34);
        assert_eq!(prefectures.len(), 333);
        for (full, province) in &prefectures {
            assert!(
                provinces.contains(province),
                "{full}: unknown province {province}"
            );
        }
        let mut names: Vec<&str> = provinces.clone();
        names.extend(prefectures.iter().map(|(f, _)| *f));
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n, "a name is listed twice");
    }

    #[test]
    fn canonical_names_and_provinces() {
        assert_eq!(canonical_region("安徽"), Some("安徽省"));
        assert_eq!(canonical_region("安徽省"), Some("安徽省"));
        assert_eq!(canonical_region("广西"), Some("广西壮族自治区"));
        assert_eq!(canonical_region("宁夏"), Some("宁夏回族自治区"));
        assert_eq!(canonical_region("香港"), Some("香港特别行政区"));
        assert_eq!(canonical_region("北京"), Some("北京市"));
        assert_eq!(canonical_region("合肥"), Some("合肥市"));
        assert_eq!(canonical_region("海西州"), Some("海西蒙古族藏族自治州"));
        assert_eq!(canonical_region("延边"), Some("延边朝鲜族自治州"));
        assert_eq!(canonical_region("锡林郭勒"), Some("锡林郭勒盟"));
        assert_eq!(canonical_region("大兴安岭"), Some("大兴安岭地区"));
        assert_eq!(canonical_region("海南"), Some("海南省"));
        assert_eq!(canonical_region("海南州"), Some("海南藏族自治州"));
        assert_eq!(canonical_region("安康"), None);
        assert_eq!(canonical_region("全国"), None);
        assert_eq!(province_of("合肥"), Some("安徽省"));
        assert_eq!(province_of("黔东南州"), Some("贵州省"));
        assert_eq!(province_of("重庆"), Some("重庆市"));
        assert_eq!(short_forms("内蒙古自治区"), vec!["内蒙古"]);
        assert_eq!(
            short_forms("克孜勒苏柯尔克孜自治州"),
            vec!["克孜勒苏", "克孜勒苏州"]
        );
    }

    // --- The shared corpus ---

    #[test]
    fn corpus_file_names_fit_the_default_pattern() {
        let Ok(dir) = std::fs::read_dir("../shared/corpus") else {
            return;
        };
        let pattern = NamePattern::default();
        let mut n = 0;
        for entry in dir.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".txt") {
                continue;
            }
            let f = pattern.matches(&stem_of(&name));
            let f = f.unwrap_or_else(|| panic!("{name} does not fit {DEFAULT_NAME_PATTERN}"));
            assert!(
                f.year.is_some() && f.region.is_some() && f.kind.is_some(),
                "{name}"
            );
            n += 1;
        }
        assert!(n >= 132, "only {n} corpus files");
    }

    #[test]
    fn corpus_guesses_from_text_alone() {
        let files = corpus_files();
        if files.is_empty() {
            return;
        }
        let truth = NamePattern::default();
        let nothing = NamePattern::parse("{year}#{region}").unwrap();
        let (mut years, mut regions) = (0, 0);
        for (name, text) in &files {
            let want = truth.matches(&stem_of(name)).unwrap();
            let got = resolve(name, text, None, &nothing);
            let year = got.year.as_ref().map(|f| f.value);
            let region = got.region.as_ref().map(|f| f.value.clone());
            if year == want.year {
                years += 1;
            } else {
                println!("year miss   {name}: guessed {year:?}");
            }
            if region == want.region {
                regions += 1;
            } else {
                println!("region miss {name}: guessed {region:?}");
            }
            assert!(got.year.iter().all(|f| f.source == Source::Text));
        }
        let n = files.len();
        println!(
            "text-only guesses on {n} corpus files: year {years}/{n} ({:.1}%), region {regions}/{n} ({:.1}%)",
            100.0 * years as f64 / n as f64,
            100.0 * regions as f64 / n as f64
        );
        assert!(years * 10 >= n * 9, "year right for {years} of {n} files");
        assert!(
            regions * 10 >= n * 8,
            "region right for {regions} of {n} files"
        );
    }
}
