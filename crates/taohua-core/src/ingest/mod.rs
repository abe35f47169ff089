//! From a document's bytes to its text: the first stage of the pipeline.
//!
//! The bytes go through a *format* reader ([`Format`]: plain text, Markdown,
//! HTML, .docx; PDF is refused with advice) and the decoder (`decode`), and
//! come out as the text every JSON offset refers to, as `taohua extract`
//! prints it. Pure: the application reads the files (and standard input) and
//! hands the bytes over. At most `docx::MAX_XML_BYTES` are unpacked from a
//! .docx.

mod artifacts;
pub(crate) use artifacts::is_boilerplate;
mod decode;
mod docx;
mod html;
mod markdown;

use std::path::Path;

use thiserror::Error;

pub use decode::{
    decode, encoding_for_label, plausibility, DecodeError, Decoded, Detection, Guess,
};
pub use encoding_rs::Encoding;

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

    /// True for the formats taohua reads (not those it refuses with advice).
    pub fn is_readable(self) -> bool {
        !matches!(self, Format::Pdf | Format::OldWord)
    }

    /// The format the bytes themselves show, if they show one: a zip archive
    /// is a .docx, `%PDF` a PDF, an OLE header an old Word file, and a start
    /// like `<!doctype html` or `<html` an HTML page.
    pub(crate) fn sniff(bytes: &[u8]) -> Option<Format> {
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
                    ..d
                }
            }
            Format::Html => html::extract(bytes, encoding)?,
            Format::Docx => Decoded {
                text: docx::extract(bytes)?,
                encoding: "UTF-8 (docx)",
                detection: decode::Detection::Given,
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
