//! Metadata from file names, read with a [`NamePattern`].

use super::*;

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
pub(super) enum Slot {
    Year,
    Region,
    Kind,
    Title,
    Ignore,
}

/// Fields read from a file name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NameFields {
    /// The year.
    pub year: Option<i32>,
    /// The region, as written.
    pub region: Option<String>,
    /// The kind.
    pub kind: Option<String>,
    /// The title.
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
pub(super) fn fill(slot: Slot, value: &str, fields: &mut NameFields) -> bool {
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
