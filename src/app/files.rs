//! Reading documents from files and standard input: the I/O edge in front of
//! the core's [`taohua_core::ingest`].
//!
//! A file's bytes are read here, bounded by [`MAX_FILE_BYTES`] (a file may
//! grow, or be a device or pipe whose size the metadata does not tell), and
//! handed to the core's format readers and decoder. The path `-` reads
//! standard input. Every error names the file.

use std::io::Read;
use std::path::{Path, PathBuf};

use taohua_core::ingest::{Encoding, Format, FormatError};
use thiserror::Error;

use super::error::InputError;

/// The largest file taohua reads. A text of this many bytes has at most as
/// many characters, well inside the core's char offsets (`u32`).
pub(crate) const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

const _: () = assert!(MAX_FILE_BYTES < taohua_core::text::MAX_CHARS as u64);

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// Why a document could not be read. Every variant names the file.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The path does not exist.
    #[error("{path}: no such file")]
    Missing {
        /// The path given.
        path: PathBuf,
    },
    /// The path is a directory.
    #[error("{path}: is a directory, not a file (to compare a folder, use `taohua corpus`)")]
    Directory {
        /// The path given.
        path: PathBuf,
    },
    /// The file is too large.
    #[error("{path}: {size} bytes is more than taohua reads ({max} bytes)")]
    TooLarge {
        /// The path given.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// An I/O error (permissions, and the like).
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path given.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The bytes are not a document taohua can read.
    #[error("{path}: {source}")]
    Decode {
        /// The path given.
        path: PathBuf,
        /// What the format reader or the decoder said.
        source: FormatError,
    },
}

/// A document as read from a file.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The path it was read from.
    pub path: PathBuf,
    /// Its text, as `taohua extract` prints it.
    pub text: String,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
}

/// Read and decode one document; the path `-` reads standard input.
pub fn read_document(
    path: &Path,
    encoding: Option<&'static Encoding>,
) -> Result<Loaded, ReadError> {
    let owned = || path.to_path_buf();
    let stdin = path.as_os_str() == STDIN;
    let bytes = if stdin {
        read_bounded(std::io::stdin().lock(), path)?
    } else {
        read_file(path)?
    };
    let format = Format::detect((!stdin).then_some(path), &bytes);
    let decoded = format
        .extract(&bytes, encoding)
        .map_err(|e| ReadError::Decode {
            path: owned(),
            source: e,
        })?;
    Ok(Loaded {
        path: owned(),
        text: decoded.text,
        encoding: decoded.encoding,
    })
}

/// A file's bytes, refused when missing, a directory or too large.
fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let owned = || path.to_path_buf();
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing { path: owned() },
        _ => ReadError::Io {
            path: owned(),
            source: e,
        },
    })?;
    if meta.is_dir() {
        return Err(ReadError::Directory { path: owned() });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            path: owned(),
            size: meta.len(),
            max: MAX_FILE_BYTES,
        });
    }
    let file = std::fs::File::open(path).map_err(|e| ReadError::Io {
        path: owned(),
        source: e,
    })?;
    read_bounded(file, path)
}

/// Read at most [`MAX_FILE_BYTES`].
fn read_bounded(reader: impl Read, path: &Path) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    Ok(bytes)
}

/// A hidden file or folder (`.git`, `.DS_Store`).
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Files that describe a folder rather than belong to it: README, LICENSE,
/// CHANGELOG and the like, whatever their extension (lower-cased name).
fn is_project_file(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    matches!(
        stem,
        "readme"
            | "license"
            | "licence"
            | "copying"
            | "changelog"
            | "manifest"
            | "authors"
            | "notice"
    )
}

/// The files of a corpus and the manifest found among them: folders walked
/// (following links to files but not to folders, so links cannot loop), files taken as
/// given; sorted, deduplicated. A file in a folder is a document when its
/// extension names a format taohua reads ([`Format::for_path`], the same list
/// `compare` reads by), unless it is hidden (or in a hidden folder) or is a
/// README, LICENSE or the like; a file named on the command line is always
/// read.
pub(crate) fn corpus_files(
    inputs: &[PathBuf],
) -> Result<(Vec<PathBuf>, Option<PathBuf>), InputError> {
    let mut files = Vec::new();
    let mut manifest = None;
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|source| InputError::List {
            path: input.clone(),
            source,
        })?;
        if !meta.is_dir() {
            files.push(input.clone());
            continue;
        }
        let walk = walkdir::WalkDir::new(input)
            .follow_links(false)
            .max_depth(16)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walk {
            let Ok(entry) = entry else { continue };
            let is_file = entry.file_type().is_file()
                || (entry.path_is_symlink()
                    && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()));
            if !is_file {
                continue;
            }
            let path = entry.into_path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if name == "manifest.tsv" || name == "manifest.csv" {
                manifest.get_or_insert(path);
            } else if Format::for_path(&path).is_some_and(Format::is_readable)
                && !is_project_file(&name)
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files.dedup();
    Ok((files, manifest))
}

/// Make `dir` ready for a report's files (`--out DIR`): created, with its
/// parents, when absent; an existing folder is used as it is, and the files
/// taohua writes there replace any of the same name.
pub fn output_dir(dir: &Path) -> Result<(), InputError> {
    if dir.exists() && !dir.is_dir() {
        return Err(InputError::usage(format!(
            "{}: is a file, not a folder; give --out a folder (it is created if needed)",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|source| InputError::Output {
        path: dir.to_path_buf(),
        source,
    })
}

/// Write a report's file, the error naming it.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), InputError> {
    std::fs::write(path, bytes).map_err(|source| InputError::Output {
        path: path.to_path_buf(),
        source,
    })
}
