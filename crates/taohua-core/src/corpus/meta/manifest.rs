//! The corpus manifest: a TSV or CSV table, one row per file, the most
//! trusted source of metadata.

use super::*;

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
    /// The year.
    pub year: Option<i32>,
    /// The region, as written.
    pub region: Option<String>,
    /// The kind.
    pub kind: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The encoding to read the file in, as a label the decoder knows
    /// (`big5`, `gb18030`, `utf-16le`, …); checked when the manifest is read.
    pub encoding: Option<String>,
}

impl Manifest {
    /// Parse a manifest. The delimiter is a tab if the header line has one,
    /// else a comma; values may be quoted with `"` (a quote inside written
    /// `""`), as Excel, R and pandas write them. Header names are matched
    /// without regard to case and order: `file` is required, with at least
    /// one of `year`, `region`, `kind`, `encoding`; `title` and `encoding`
    /// are optional; other columns (source_repo, chars, …) are ignored.
    /// Blank lines are skipped.
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
        let encoding_col = column("encoding")?;
        if year_col.is_none()
            && region_col.is_none()
            && kind_col.is_none()
            && encoding_col.is_none()
        {
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
            let encoding = match cell(encoding_col) {
                Some(v) if crate::ingest::encoding_for_label(&v).is_none() => {
                    return Err(MetaError::ManifestEncoding { line, value: v })
                }
                v => v,
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
                encoding,
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
pub(super) fn manifest_year(cell: &str) -> Option<i32> {
    let digits = cell.strip_suffix('年').unwrap_or(cell).trim();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|y| YEARS.contains(y))
}

pub(super) fn clean_path(path: &str) -> String {
    let mut p = path.trim().replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    p
}

pub(super) fn final_component(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Split delimited text into records of cells, each with the line it starts
/// on. Quoted values may hold delimiters, line breaks and `""`.
pub(super) fn records(text: &str, delim: char) -> Result<Vec<(usize, Vec<String>)>, MetaError> {
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
