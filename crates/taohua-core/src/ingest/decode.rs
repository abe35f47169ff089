//! Bytes → text: BOM sniffing, UTF-8, UTF-16, GB18030/GBK detection, and the
//! refusal of binary data.
//!
//! Pure: bytes in, text or a [`DecodeError`] out. The text keeps its line
//! endings; only a BOM is removed, so offsets match what the user sees.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use thiserror::Error;

/// Why bytes could not be turned into text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// Nothing in it.
    #[error("the file is empty")]
    Empty,
    /// Only white space in it.
    #[error("the file holds only white space")]
    Blank,
    /// A known binary format, or bytes that are not text.
    #[error("this is not a text file ({0})")]
    Binary(String),
    /// Valid in none of the encodings tried without `--encoding`.
    #[error("the bytes are neither valid UTF-8 (first bad byte at offset {offset}) nor GB18030; pass --encoding to name the right one")]
    Undetected {
        /// Byte offset of the first byte that is not valid UTF-8.
        offset: usize,
    },
    /// Not valid in the forced or detected encoding.
    #[error("the bytes are not valid {encoding} (first bad byte at offset {offset}); pass --encoding to name the right one")]
    Malformed {
        /// The encoding tried.
        encoding: &'static str,
        /// Byte offset of the first malformed sequence.
        offset: usize,
    },
}

/// Text and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM removed, line endings kept.
    pub text: String,
    /// The encoding's name, e.g. `UTF-8` or `GB18030`.
    pub encoding: &'static str,
}

/// Look up an encoding by a label such as `gbk`, `gb18030`, `utf-8`, `utf-16le`.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decode `bytes`. With `forced`, that encoding is used (a BOM still wins, as
/// it cannot lie); otherwise BOM, then UTF-8, then a detected legacy encoding
/// (GB18030 for Chinese text).
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(kind) = binary_kind(bytes, forced) {
        return Err(DecodeError::Binary(kind));
    }
    let decoded = match (Encoding::for_bom(bytes), forced) {
        (Some((enc, _)), _) | (None, Some(enc)) => strict(bytes, enc)?,
        (None, None) => strict(bytes, detect(bytes)).map_err(|_| DecodeError::Undetected {
            offset: std::str::from_utf8(bytes)
                .err()
                .map_or(0, |e| e.valid_up_to()),
        })?,
    };
    if decoded.text.chars().all(char::is_whitespace) {
        return Err(DecodeError::Blank);
    }
    if looks_binary(&decoded.text) {
        return Err(DecodeError::Binary("mostly control characters".into()));
    }
    Ok(decoded)
}

/// UTF-8 when the bytes are valid UTF-8; else GB18030 when they decode
/// cleanly as GB18030; else chardetng's guess.
fn detect(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let (_, malformed) = GB18030.decode_without_bom_handling(bytes);
    if !malformed {
        return GB18030;
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let guess = det.guess(Some(b"cn"), true);
    // A guess that is not a Chinese-capable encoding is unlikely for our
    // documents; UTF-8 gives the clearest error then.
    if guess == GB18030 || guess.name() == "GBK" || guess.name() == "Big5" {
        guess
    } else {
        UTF_8
    }
}

/// Decode with `encoding`, failing at the first malformed sequence.
fn strict(bytes: &[u8], encoding: &'static Encoding) -> Result<Decoded, DecodeError> {
    let (body, encoding) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (&bytes[bom_len..], enc),
        None => (bytes, encoding),
    };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len().saturating_mul(3));
    let mut text = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(Decoded {
            text,
            encoding: display_name(encoding),
        }),
        // `read` counts the bad sequence and the bytes consumed after it.
        encoding_rs::DecoderResult::Malformed(bad, after) => Err(DecodeError::Malformed {
            encoding: display_name(encoding),
            offset: (bytes.len() - body.len())
                + read.saturating_sub(usize::from(bad) + usize::from(after)),
        }),
        encoding_rs::DecoderResult::OutputFull => Err(DecodeError::Malformed {
            encoding: display_name(encoding),
            offset: read,
        }),
    }
}

fn display_name(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 {
        "GB18030"
    } else if enc == UTF_16LE {
        "UTF-16LE"
    } else if enc == UTF_16BE {
        "UTF-16BE"
    } else {
        enc.name()
    }
}

/// Known binary signatures, and NUL bytes in a file without a UTF-16 BOM.
fn binary_kind(bytes: &[u8], forced: Option<&'static Encoding>) -> Option<String> {
    const MAGIC: [(&[u8], &str); 9] = [
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7FELF", "an ELF executable"),
        (
            b"%PDF",
            "a PDF document; convert it first, e.g. with pdftotext -enc UTF-8",
        ),
        (
            b"PK\x03\x04",
            "a zip archive; of archives taohua reads only Word .docx",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "an old Word/Excel (OLE) file; save it as .docx or .txt",
        ),
        (b"\x1F\x8B", "a gzip archive"),
        (b"MZ", "a Windows executable"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(what.to_string());
        }
    }
    let is_utf16 = |e: &'static Encoding| e == UTF_16LE || e == UTF_16BE;
    let utf16 =
        Encoding::for_bom(bytes).is_some_and(|(e, _)| is_utf16(e)) || forced.is_some_and(is_utf16);
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if !utf16 && head.contains(&0) {
        return Some("it contains NUL bytes".to_string());
    }
    None
}

/// More than 10% control characters other than tab, CR, LF, FF.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}') {
            control += 1;
        }
    }
    control * 10 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "同志们：\r\n今年科普经费增长8.5%。\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(TEXT.as_bytes(), None);
        assert_eq!(
            d.map(|d| (d.text, d.encoding)),
            Ok((TEXT.to_string(), "UTF-8"))
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(TEXT.as_bytes());
        assert_eq!(decode(&bom, None).map(|d| d.text), Ok(TEXT.to_string()));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(TEXT.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode(&le, None).map(|d| (d.text, d.encoding)),
            Ok((TEXT.to_string(), "UTF-16LE"))
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend(TEXT.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be, None).map(|d| d.text), Ok(TEXT.to_string()));
    }

    #[test]
    fn gb18030_is_detected_and_can_be_forced() {
        let (bytes, _, _) = GB18030.encode(TEXT);
        assert_eq!(
            decode(&bytes, None).map(|d| (d.text, d.encoding)),
            Ok((TEXT.to_string(), "GB18030"))
        );
        let gbk = encoding_for_label("gbk");
        assert!(gbk.is_some());
        assert_eq!(decode(&bytes, gbk).map(|d| d.text), Ok(TEXT.to_string()));
    }

    #[test]
    fn forced_encoding_that_does_not_fit_is_an_error() {
        let (bytes, _, _) = GB18030.encode(TEXT);
        let err = decode(&bytes, Some(UTF_8));
        assert!(
            matches!(
                err,
                Err(DecodeError::Malformed {
                    encoding: "UTF-8",
                    ..
                })
            ),
            "{err:?}"
        );
    }

    #[test]
    fn bad_inputs_are_refused() {
        assert_eq!(decode(b"", None), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\r\n", None), Err(DecodeError::Blank));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0", None),
            Err(DecodeError::Binary(_))
        ));
        assert!(matches!(
            decode(b"\x7FELF\x02\x01", None),
            Err(DecodeError::Binary(_))
        ));
        assert!(matches!(
            decode(b"abc\0def", None),
            Err(DecodeError::Binary(_))
        ));
        assert!(matches!(
            decode(&[0x01, 0x02, 0x03, 0x04, b'a'], None),
            Err(DecodeError::Binary(_))
        ));
        // Invalid in UTF-8 and in GB18030.
        assert_eq!(
            decode(&[0x41, 0xE4, 0xB8, 0x41, 0x80, 0xFF, 0xFF], None),
            Err(DecodeError::Undetected { offset: 1 })
        );
    }
}
