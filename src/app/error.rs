//! Errors caused by what the user gave (a file, a folder, an option, a
//! configuration file): exit code 2. Anything else is an internal error (exit
//! code 1). The variants keep the typed errors of the layers below, so the
//! exit code is read from the type, never from a message.

use std::path::PathBuf;

use taohua_core::corpus::meta::MetaError;
use thiserror::Error;

use super::config::ConfigError;
use super::files::ReadError;

/// An error in the user's input.
#[derive(Debug, Error)]
pub enum InputError {
    /// A document could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The configuration, a theme or a keymap is not usable.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A manifest or file-name pattern is not usable.
    #[error("{what}{}{}", crate::i18n::msg::colon(), meta_words(source))]
    Meta {
        /// The file or option it came from.
        what: String,
        /// What is wrong with it.
        source: MetaError,
    },
    /// A folder or file of a corpus could not be listed.
    #[error("{}{}{source}", path.display(), crate::i18n::msg::colon())]
    List {
        /// The path given.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// A report could not be written where the user asked (`--out`).
    #[error("{}", crate::i18n::msg::out_cannot_write(&path.display().to_string(), source))]
    Output {
        /// The folder or file.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// A command line that cannot work, with what to do instead.
    #[error("{0}")]
    Usage(String),
}

impl InputError {
    /// A usage error with this message.
    pub fn usage(message: impl Into<String>) -> InputError {
        InputError::Usage(message.into())
    }
}

/// The error and the errors it wraps as one line, `outer: inner: …`. An
/// error whose message already ends with what it wraps (`a.txt: the file is
/// empty` around `the file is empty`) is not repeated.
pub fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for e in err.chain() {
        // The core words a manifest's error in English; it is shown as the
        // application words it.
        let part = match e.downcast_ref::<MetaError>() {
            Some(meta) => meta_words(meta),
            None => e.to_string(),
        };
        if line.ends_with(&part) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(crate::i18n::msg::colon());
        }
        line.push_str(&part);
    }
    line
}

/// True when `err` (or anything it wraps) was caused by the user's input:
/// an [`InputError`], a library that cannot be used as it is, or a text that
/// cannot be looked for.
pub fn is_input_error(err: &anyhow::Error) -> bool {
    use super::library::find::FindError;
    use super::library::LibraryError;
    err.chain().any(|e| {
        e.is::<InputError>()
            || e.downcast_ref::<LibraryError>()
                .is_some_and(LibraryError::is_input)
            || e.downcast_ref::<FindError>().is_some_and(|f| match f {
                FindError::Library(l) => l.is_input(),
                _ => true,
            })
    })
}

/// A manifest's or a file-name pattern's error in the language in effect
/// (the core crate words it in English only).
pub fn meta_words(e: &MetaError) -> String {
    use crate::i18n::{lang, msg, Lang};
    if lang() == Lang::En {
        return e.to_string();
    }
    match e {
        MetaError::ManifestEmpty => msg::meta_manifest_empty().to_string(),
        MetaError::ManifestNoFileColumn { found } => msg::meta_no_file_column(found),
        MetaError::ManifestNoFieldColumn { found } => msg::meta_no_field_column(found),
        MetaError::ManifestDuplicateColumn { name } => msg::meta_duplicate_column(name),
        MetaError::ManifestColumnCount {
            line,
            found,
            expected,
            delimiter,
        } => msg::meta_column_count(*line, *found, *expected, delimiter),
        MetaError::ManifestYear { line, value } => msg::meta_year(*line, value),
        MetaError::ManifestEncoding { line, value } => msg::meta_encoding(*line, value),
        MetaError::ManifestEmptyFile { line } => msg::meta_empty_file(*line),
        MetaError::ManifestDuplicateFile { line, first, file } => {
            msg::meta_duplicate_file(*line, file, *first)
        }
        MetaError::ManifestUnclosedQuote { line } => msg::meta_unclosed_quote(*line),
        MetaError::ManifestStrayQuote { line } => msg::meta_stray_quote(*line),
        MetaError::PatternEmpty => msg::meta_pattern_empty().to_string(),
        MetaError::PatternPlaceholder { pattern, name } => {
            msg::meta_pattern_placeholder(pattern, name)
        }
        MetaError::PatternUnclosed { pattern } => msg::meta_pattern_unclosed(pattern),
        MetaError::PatternStrayBrace { pattern } => msg::meta_pattern_stray_brace(pattern),
        MetaError::PatternAdjacent {
            pattern,
            first,
            second,
        } => msg::meta_pattern_adjacent(pattern, first, second),
        MetaError::PatternDuplicate { pattern, name } => msg::meta_pattern_duplicate(pattern, name),
        MetaError::PatternNoField { pattern } => msg::meta_pattern_no_field(pattern),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_message_is_not_repeated() {
        use taohua_core::ingest::{DecodeError, FormatError};
        let err = anyhow::Error::from(InputError::from(ReadError::Decode {
            path: "a.txt".into(),
            source: FormatError::Decode(DecodeError::Empty),
        }));
        assert_eq!(one_line(&err), "a.txt: the file is empty");
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let err = anyhow::Error::from(ReadError::Io {
            path: "b.txt".into(),
            source: io,
        })
        .context("reading the slogan list b.txt");
        assert_eq!(
            one_line(&err),
            "reading the slogan list b.txt: b.txt: cannot read: denied"
        );
    }
}
