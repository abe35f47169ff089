//! Reading documents from files: the I/O edge of the pipeline.
//!
//! A file's bytes go through a *format* reader (today plain text; .docx,
//! .html and .md slot in as further [`Format`] variants) and the decoder
//! (`decode`), and come out as a [`Loaded`] document: the text every JSON
//! offset refers to, as `taohua extract` prints it.

pub mod decode;

use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use thiserror::Error;

pub use decode::{decode, encoding_for_label, DecodeError, Decoded};

/// The largest file taohua reads.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

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
    #[error(
        "{path}: is a directory, not a file (corpus mode, which reads folders, is not here yet)"
    )]
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
    /// The bytes are not text taohua can decode.
    #[error("{path}: {source}")]
    Decode {
        /// The path given.
        path: PathBuf,
        /// What the decoder said.
        source: DecodeError,
    },
}

/// The formats taohua reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text in any supported encoding.
    Text,
}

impl Format {
    /// The format for a path (by extension; everything is text for now).
    pub fn for_path(_path: &Path) -> Format {
        Format::Text
    }

    /// Turn a file's bytes into text.
    pub fn extract(
        self,
        bytes: &[u8],
        encoding: Option<&'static Encoding>,
    ) -> Result<Decoded, DecodeError> {
        match self {
            Format::Text => decode(bytes, encoding),
        }
    }
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

/// Read and decode one document.
pub fn read_document(
    path: &Path,
    encoding: Option<&'static Encoding>,
) -> Result<Loaded, ReadError> {
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
    let bytes = std::fs::read(path).map_err(|e| ReadError::Io {
        path: owned(),
        source: e,
    })?;
    let decoded = Format::for_path(path)
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
