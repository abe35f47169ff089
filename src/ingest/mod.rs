//! Reading documents from files: the I/O edge of the pipeline.
//!
//! A file's bytes go through a *format* reader ([`Format`]: plain text,
//! Markdown, HTML, .docx; PDF is refused with advice) and the decoder
//! (`decode`), and come out as a [`Loaded`] document: the text every JSON
//! offset refers to, as `taohua extract` prints it. The path `-` reads
//! standard input. Reading is bounded: at most [`MAX_FILE_BYTES`] from a file
//! or a pipe, and at most `docx::MAX_XML_BYTES` unpacked from a .docx.

pub mod artifacts;
pub mod decode;
pub mod docx;
pub mod html;
pub mod markdown;

use std::io::Read;
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

/// Why a format reader could not turn bytes into text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum FormatError {
    /// The decoder's error (empty, blank, binary, wrong encoding).
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// A `.docx` that is not a zip archive.
    #[error("not a .docx: a .docx is a zip archive and this file is not one; save it again from Word or WPS, or as .txt")]
    NotZip,
    /// A damaged zip archive.
    #[error(
        "the .docx (zip) archive is damaged ({0}); save it again from Word or WPS, or as .txt"
    )]
    BadZip(String),
    /// A zip archive without `word/document.xml`.
    #[error("a zip archive without word/document.xml, so not a Word .docx; save the document as .docx or .txt")]
    NoDocumentXml,
    /// `word/document.xml` unpacks to more than the cap.
    #[error("word/document.xml unpacks to more than {limit_mib} MiB, refused as a possible zip bomb; save the document as .txt")]
    ZipBomb {
        /// The cap, in MiB.
        limit_mib: u64,
    },
    /// `word/document.xml` is not well-formed.
    #[error("word/document.xml is not well-formed XML ({0}); save the document again from Word or WPS, or as .txt")]
    Xml(String),
    /// PDF is not read.
    #[error("a PDF document, which taohua does not read; convert it first, e.g. `pdftotext -enc UTF-8 FILE.pdf` (poppler-utils), or save it as .docx or .txt")]
    Pdf,
    /// An old binary Word file.
    #[error(
        "an old binary Word (.doc/OLE) file, which taohua does not read; save it as .docx or .txt"
    )]
    OldWord,
    /// A page whose bytes fit neither its declared charset nor a detected one.
    #[error("the page declares charset {declared}, but {source}")]
    Charset {
        /// The declared charset.
        declared: &'static str,
        /// What decoding in it said.
        source: DecodeError,
    },
}

/// The formats taohua reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text in any supported encoding, read as it is.
    Text,
    /// Markdown: markup removed.
    Markdown,
    /// An HTML page: body text, boilerplate removed.
    Html,
    /// A Word .docx: one line per paragraph.
    Docx,
    /// A PDF: refused with advice on converting it.
    Pdf,
    /// An old binary Word file: refused with advice.
    OldWord,
}

impl Format {
    /// The format a path's extension names, if it names one.
    pub fn for_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        let format = match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "docx" => Format::Docx,
            "pdf" => Format::Pdf,
            "doc" => Format::OldWord,
            _ => return None,
        };
        Some(format)
    }

    /// The format the bytes themselves show, if they show one: a zip archive
    /// is a .docx, `%PDF` a PDF, an OLE header an old Word file, and a start
    /// like `<!doctype html` or `<html` an HTML page.
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(docx::ZIP_MAGIC) {
            return Some(Format::Docx);
        }
        if bytes.starts_with(b"%PDF") {
            return Some(Format::Pdf);
        }
        if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            return Some(Format::OldWord);
        }
        let head = &bytes[..bytes.len().min(512)];
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
        let lower: Vec<u8> = head[start..].iter().map(u8::to_ascii_lowercase).collect();
        if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
            return Some(Format::Html);
        }
        None
    }

    /// The format to read a file with: a container the bytes show (zip, PDF,
    /// OLE) wins, so a .docx renamed .txt is still read as a .docx; then the
    /// extension; then an HTML start; else plain text. A file named `.docx`
    /// that is not a zip stays `Docx`, to be refused as such.
    pub fn detect(path: Option<&Path>, bytes: &[u8]) -> Format {
        let named = path.and_then(Format::for_path);
        let sniffed = Format::sniff(bytes);
        match (named, sniffed) {
            (_, Some(f @ (Format::Docx | Format::Pdf | Format::OldWord))) => f,
            (Some(f), _) => f,
            (None, Some(f)) => f,
            (None, None) => Format::Text,
        }
    }

    /// Turn a file's bytes into text.
    pub fn extract(
        self,
        bytes: &[u8],
        encoding: Option<&'static Encoding>,
    ) -> Result<Decoded, FormatError> {
        let decoded = match self {
            Format::Text => decode(bytes, encoding)?,
            Format::Markdown => {
                let d = decode(bytes, encoding)?;
                Decoded {
                    text: markdown::text_of(&d.text),
                    encoding: d.encoding,
                }
            }
            Format::Html => html::extract(bytes, encoding)?,
            Format::Docx => Decoded {
                text: docx::extract(bytes)?,
                encoding: "UTF-8 (docx)",
            },
            Format::Pdf => return Err(FormatError::Pdf),
            Format::OldWord => return Err(FormatError::OldWord),
        };
        if decoded.text.trim().is_empty() {
            return Err(FormatError::Decode(DecodeError::Blank));
        }
        Ok(decoded)
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

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// Read and decode one document; the path `-` reads standard input.
pub fn read_document(
    path: &Path,
    encoding: Option<&'static Encoding>,
) -> Result<Loaded, ReadError> {
    let owned = || path.to_path_buf();
    let stdin = path.as_os_str() == STDIN;
    let bytes = if stdin {
        read_stdin(path)?
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

/// Standard input's bytes, up to the same limit as a file.
fn read_stdin(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_bounded(std::io::stdin().lock(), path)
}

/// Read at most [`MAX_FILE_BYTES`] (a file may grow, or be a device or pipe
/// whose size the metadata does not tell).
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
