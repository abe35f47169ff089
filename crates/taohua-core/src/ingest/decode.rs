//! Bytes → text: BOM sniffing, UTF-8, and the detection of GB18030, Big5
//! (Big5-HKSCS) and UTF-16 without a BOM; the refusal of binary data.
//!
//! Pure: bytes in, text (with how its encoding was chosen) or a
//! [`DecodeError`] out. The text keeps its line endings; only a BOM is
//! removed, so offsets match what the user sees.
//!
//! **Detection.** A BOM, or an encoding the caller names, decides. Bytes that
//! are valid UTF-8 are UTF-8. Otherwise every candidate that decodes the
//! first 256 KiB without an error is scored for *plausibility*: the share of
//! its non-ASCII characters that a Chinese document is made of, namely the
//! common characters (the first levels of GB2312 and of Big5: 3,755
//! simplified and 5,401 traditional characters, decoded from those byte
//! ranges once) and Chinese punctuation. The candidates are GB18030, Big5
//! (encoding_rs's Big5 is Big5-HKSCS, a superset) and, for an even number of
//! bytes, UTF-16LE and UTF-16BE. Which decoder fails first says little:
//! Big5 bytes decode cleanly as GB18030 more often than not, but into kana,
//! Greek letters, box drawing, private-use and rare characters
//! (`獵カきΩ〆…`), which score low; a traditional text read as Big5 scores
//! high. The most plausible candidate wins, and the result says how sure
//! that is ([`Detection`]), so that the application can warn; a candidate
//! below [`MIN_PLAUSIBILITY`] is never chosen. Scoring reads
//! at most the first 64 Ki characters of each candidate: cost O(min(n,
//! 256 KiB)) per candidate, then one full decode.
//!
//! NUL bytes are not text, except in UTF-16: a file whose NUL bytes fall on
//! one parity (the high byte of ASCII characters) is tried as UTF-16
//! without a BOM, and refused with a hint naming `--encoding utf-16le` when
//! it does not read as that either.

use std::sync::OnceLock;

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};
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
    #[error("the bytes are neither valid UTF-8 (first bad byte at offset {offset}) nor GB18030 nor Big5; pass --encoding to name the right one")]
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
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text, BOM removed, line endings kept.
    pub text: String,
    /// The encoding's name, e.g. `UTF-8`, `GB18030`, `Big5` or `Big5-HKSCS`.
    pub encoding: &'static str,
    /// How the encoding was chosen.
    pub detection: Detection,
}

/// How the encoding of a text was chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Detection {
    /// A byte-order mark, or the caller (an option, a page's declared
    /// charset that fits, a container that is UTF-8 by definition).
    Given,
    /// The bytes are valid UTF-8.
    Utf8,
    /// Chosen among the candidates by plausibility.
    Guessed(Guess),
}

/// A detected encoding's plausibility, and the next best candidate's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Guess {
    /// The share (0–1) of the chosen decoding's non-ASCII characters that
    /// are common Chinese characters or punctuation.
    pub plausibility: f32,
    /// Another encoding that decodes the bytes too, with its plausibility.
    pub runner_up: Option<(&'static str, f32)>,
}

/// Below this plausibility a guess is uncertain: a Chinese text in its own
/// encoding scores above 0.97 (EVALUATION.md), a text in the wrong one
/// below 0.6.
pub const SURE_PLAUSIBILITY: f32 = 0.85;

/// A runner-up this close to the chosen encoding makes the guess uncertain.
pub const SURE_MARGIN: f32 = 0.25;

/// A candidate below this plausibility is not read at all: random bytes
/// decoded as UTF-16 score about 0.1, Big5 misread as GB18030 about 0.3.
pub const MIN_PLAUSIBILITY: f32 = 0.3;

impl Detection {
    /// True when the encoding was guessed and the guess may be wrong: the
    /// chosen decoding is not plausible enough, or another one comes close.
    pub fn is_uncertain(&self) -> bool {
        match self {
            Detection::Guessed(g) => {
                g.plausibility < SURE_PLAUSIBILITY
                    || g.runner_up
                        .is_some_and(|(_, p)| g.plausibility - p < SURE_MARGIN)
            }
            Detection::Given | Detection::Utf8 => false,
        }
    }
}

/// Look up an encoding by a label such as `gbk`, `gb18030`, `big5`,
/// `big5-hkscs`, `utf-8`, `utf-16le`.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decode `bytes`. With `forced`, that encoding is used (a BOM still wins, as
/// it cannot lie); otherwise BOM, then UTF-8, then the most plausible of the
/// other candidates (see the module's documentation).
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    let decoded = match (Encoding::for_bom(bytes), forced) {
        (Some((enc, _)), _) | (None, Some(enc)) => {
            if !is_utf16(enc) && has_nul(bytes) {
                return Err(nul_error(bytes));
            }
            strict(bytes, enc, Detection::Given)?
        }
        (None, None) => detect(bytes)?,
    };
    if decoded.text.chars().all(char::is_whitespace) {
        return Err(DecodeError::Blank);
    }
    if looks_binary(&decoded.text) {
        return Err(DecodeError::Binary("mostly control characters".into()));
    }
    Ok(decoded)
}

/// How many bytes detection scores.
const SAMPLE_BYTES: usize = 256 * 1024;

/// UTF-8 when the bytes are valid UTF-8; else the most plausible candidate
/// that decodes them.
fn detect(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let nul = has_nul(bytes);
    let utf8 = std::str::from_utf8(bytes);
    if utf8.is_ok() && !nul {
        return strict(bytes, UTF_8, Detection::Utf8);
    }
    let utf8_offset = utf8.err().map_or(0, |e| e.valid_up_to());
    let candidates: Vec<&'static Encoding> = if nul {
        if bytes.len().is_multiple_of(2) {
            vec![UTF_16LE, UTF_16BE]
        } else {
            Vec::new()
        }
    } else if bytes.len().is_multiple_of(2) {
        vec![GB18030, BIG5, UTF_16LE, UTF_16BE]
    } else {
        vec![GB18030, BIG5]
    };
    let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    let last = sample.len() == bytes.len();
    let mut scored: Vec<(&'static Encoding, f32)> = candidates
        .into_iter()
        .filter_map(|enc| Some((enc, plausibility(&decode_sample(sample, enc, last)?))))
        .filter(|&(_, p)| p >= MIN_PLAUSIBILITY)
        .collect();
    // The most plausible first; GB18030 before Big5 on a tie.
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    if nul && scored.first().is_none_or(|(_, p)| *p < SURE_PLAUSIBILITY) {
        return Err(nul_error(bytes));
    }
    for (k, &(enc, p)) in scored.iter().enumerate() {
        let runner_up = scored
            .iter()
            .enumerate()
            .find(|&(j, _)| j != k)
            .map(|(_, &(e, q))| (display_name(e, bytes), q));
        let guess = Detection::Guessed(Guess {
            plausibility: p,
            runner_up,
        });
        if let Ok(d) = strict(bytes, enc, guess) {
            return Ok(d);
        }
    }
    Err(DecodeError::Undetected {
        offset: utf8_offset,
    })
}

/// The first bytes decoded with `enc`, or None at a malformed sequence. An
/// incomplete character at the end of a sample that is not the whole file
/// is not an error.
fn decode_sample(sample: &[u8], enc: &'static Encoding, last: bool) -> Option<String> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder.max_utf8_buffer_length_without_replacement(sample.len())?;
    let mut text = String::with_capacity(cap);
    let (result, _) = decoder.decode_to_string_without_replacement(sample, &mut text, last);
    matches!(result, encoding_rs::DecoderResult::InputEmpty).then_some(text)
}

/// How plausible `text` is as a Chinese document: the share of its
/// non-ASCII characters (of the first 64 Ki) that are common Chinese
/// characters or punctuation. A text without non-ASCII characters scores 1
/// if it holds no control characters other than white space.
pub fn plausibility(text: &str) -> f32 {
    let common = common_han();
    let (mut other, mut good) = (0u32, 0u32);
    for c in text.chars().take(64 * 1024) {
        if c.is_ascii() {
            if c.is_ascii_control() && !c.is_ascii_whitespace() {
                other += 1;
            }
            continue;
        }
        other += 1;
        if is_common_han(common, c) || is_chinese_punctuation(c) {
            good += 1;
        }
    }
    if other == 0 {
        1.0
    } else {
        good as f32 / other as f32
    }
}

/// The first Han block, U+4E00 to U+9FFF, as a bit set.
const HAN_FIRST: u32 = 0x4E00;
const HAN_LEN: usize = 0xA000 - 0x4E00;

/// The common characters: GB2312 level 1 (bytes B0A1–D7F9) and Big5 level
/// 1 (A440–C67E), decoded once.
fn common_han() -> &'static [u64] {
    static COMMON: OnceLock<Vec<u64>> = OnceLock::new();
    COMMON.get_or_init(|| {
        let mut bits = vec![0u64; HAN_LEN.div_ceil(64)];
        let mut mark = |text: &str| {
            for c in text.chars() {
                let k = (c as u32).wrapping_sub(HAN_FIRST) as usize;
                if k < HAN_LEN {
                    bits[k / 64] |= 1 << (k % 64);
                }
            }
        };
        let mut gb = Vec::new();
        for lead in 0xB0u8..=0xD7 {
            for trail in 0xA1u8..=0xFE {
                if !(lead == 0xD7 && trail > 0xF9) {
                    gb.extend([lead, trail]);
                }
            }
        }
        mark(&GBK.decode_without_bom_handling(&gb).0);
        let mut big5 = Vec::new();
        for lead in 0xA4u8..=0xC6 {
            for trail in (0x40u8..=0x7E).chain(0xA1..=0xFE) {
                if !(lead == 0xC6 && trail > 0x7E) {
                    big5.extend([lead, trail]);
                }
            }
        }
        mark(&BIG5.decode_without_bom_handling(&big5).0);
        bits
    })
}

fn is_common_han(bits: &[u64], c: char) -> bool {
    let k = (c as u32).wrapping_sub(HAN_FIRST) as usize;
    k < HAN_LEN && bits.get(k / 64).is_some_and(|w| w >> (k % 64) & 1 == 1)
}

/// Punctuation, spaces and digits a Chinese document is written with, in
/// either script.
fn is_chinese_punctuation(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{3003}' | '\u{3007}'..='\u{3011}' | '\u{3014}'..='\u{301B}'
        | '\u{FF01}'..='\u{FF5E}' | '\u{FE30}'..='\u{FE4F}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '•' | '‥' | '―' | '–' | '\u{A0}'
        | '①'..='⑳' | '㈠'..='㈩' | '\u{2160}'..='\u{216B}' | '℃' | '‰' | '×' | '÷' | '¥' | '￥')
}

fn is_utf16(e: &'static Encoding) -> bool {
    e == UTF_16LE || e == UTF_16BE
}

/// NUL bytes in the first 64 KiB.
fn has_nul(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(64 * 1024)].contains(&0)
}

/// The UTF-16 that NUL bytes suggest: UTF-16LE when most NUL bytes of the
/// first 64 KiB are at odd offsets (the high bytes of ASCII characters),
/// UTF-16BE when most are at even ones. Not all: `一` is U+4E00.
fn utf16_by_nul_parity(bytes: &[u8]) -> Option<&'static Encoding> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, _) in head.iter().enumerate().filter(|(_, b)| **b == 0) {
        if i % 2 == 0 {
            even += 1;
        } else {
            odd += 1;
        }
    }
    if odd > 2 * even {
        Some(UTF_16LE)
    } else if even > 2 * odd {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// NUL bytes that do not read as UTF-16 either: not text, with the hint.
fn nul_error(bytes: &[u8]) -> DecodeError {
    let hint = match utf16_by_nul_parity(bytes) {
        Some(e) if e == UTF_16LE => "; if it is UTF-16 without a byte-order mark, pass --encoding utf-16le",
        Some(_) => "; if it is UTF-16 without a byte-order mark, pass --encoding utf-16be",
        None => "; a text saved as UTF-16 needs --encoding utf-16le or utf-16be when it has no byte-order mark",
    };
    DecodeError::Binary(format!("it contains NUL bytes{hint}"))
}

/// Decode with `encoding`, failing at the first malformed sequence.
fn strict(
    bytes: &[u8],
    encoding: &'static Encoding,
    detection: Detection,
) -> Result<Decoded, DecodeError> {
    let (body, encoding, detection) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (&bytes[bom_len..], enc, Detection::Given),
        None => (bytes, encoding, detection),
    };
    let name = display_name(encoding, body);
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len().saturating_mul(3));
    let mut text = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(Decoded {
            text,
            encoding: name,
            detection,
        }),
        // `read` counts the bad sequence and the bytes consumed after it.
        encoding_rs::DecoderResult::Malformed(bad, after) => Err(DecodeError::Malformed {
            encoding: name,
            offset: (bytes.len() - body.len())
                + read.saturating_sub(usize::from(bad) + usize::from(after)),
        }),
        encoding_rs::DecoderResult::OutputFull => Err(DecodeError::Malformed {
            encoding: name,
            offset: read,
        }),
    }
}

/// The name users know an encoding by. Big5 bytes that use the Hong Kong
/// extension are `Big5-HKSCS`.
fn display_name(enc: &'static Encoding, bytes: &[u8]) -> &'static str {
    if enc == GB18030 {
        "GB18030"
    } else if enc == UTF_16LE {
        "UTF-16LE"
    } else if enc == UTF_16BE {
        "UTF-16BE"
    } else if enc == BIG5 && uses_hkscs(bytes) {
        "Big5-HKSCS"
    } else {
        enc.name()
    }
}

/// True when Big5 bytes hold a character of the HKSCS extension: a lead
/// byte 0x87–0xA0, or a code in C6A1–C8FE or F9D6–FEFE.
fn uses_hkscs(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        let Some(&trail) = bytes.get(i + 1) else {
            return false;
        };
        let code = u16::from_be_bytes([lead, trail]);
        if (0x87..=0xA0).contains(&lead) || (0xC6A1..=0xC8FE).contains(&code) || code >= 0xF9D6 {
            return true;
        }
        i += 2;
    }
    false
}

/// Known binary signatures.
fn binary_kind(bytes: &[u8]) -> Option<String> {
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
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| what.to_string())
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

    // Bytes written by iconv (glibc), not by the decoder under test: the same
    // paragraph in simplified characters as GB18030 and in traditional ones
    // (ICU's Hans-Hant) as Big5 and as GB18030, and a Cantonese sentence
    // with HKSCS characters (嘅, 哋) as Big5-HKSCS.
    const SIMPLIFIED: &str = "各位代表：过去一年，我们坚持稳中求进工作总基调，全面深化改革开放，经济运行总体平稳，民生保障持续改善。全年地区生产总值增长5.2%，城镇新增就业12万人。";
    const TRADITIONAL: &str = "各位代表：過去一年，我們堅持穩中求進工作總基調，全面深化改革開放，經濟運行總體平穩，民生保障持續改善。全年地區生產總值增長5.2%，城鎮新增就業12萬人。";
    const HONG_KONG: &str = "香港特別行政區政府嘅施政報告：我哋會繼續做好民生工作。";
    const TRADITIONAL_BIG5: &str = "a655a6eca54eaaeda147b94ca568a440a67ea141a7daadccb0edabf9c3ada4a4a844b669a475a740c160b0f2bdd5a141a5feadb1b260a4c6a7efadb2b67da9f1a141b867c0d9b942a6e6c160c5e9a5adc3ada141a5c1a5cdab4fbbd9abf9c4f2a7efb5bda143a5fea67ea661b0cfa5cdb2a3c160adc8bc57aaf8352e3225a141abb0c2edb773bc57b44eb77e3132b855a448a143";
    const SIMPLIFIED_GB18030: &str = "b8f7cebbb4fab1eda3bab9fdc8a5d2bbc4eaa3acced2c3c7bce1b3d6cec8d6d0c7f3bdf8b9a4d7f7d7dcbbf9b5f7a3acc8abc3e6c9eebbafb8c4b8efbfaab7c5a3acbeadbcc3d4cbd0d0d7dccce5c6bdcec8a3acc3f1c9fab1a3d5cfb3d6d0f8b8c4c9c6a1a3c8abc4eab5d8c7f8c9fab2fad7dcd6b5d4f6b3a4352e3225a3acb3c7d5f2d0c2d4f6becdd2b53132cdf2c8cba1a3";
    const TRADITIONAL_GB18030: &str = "b8f7cebbb4fab1eda3badf5ec8a5d2bbc4eaa3acced2828388d4b3d6b780d6d0c7f3df4db9a4d7f7bf82bbf9d57ba3acc8abc3e6c9eebbafb8c4b8efe95fb7c5a3acbd9b9dfadf5cd0d0bf82f377c6bdb780a3acc3f1c9fab1a3d5cfb3d6c06db8c4c9c6a1a3c8abc4eab5d8855ec9faae61bf82d6b5d4f6e94c352e3225a3acb3c7e682d0c2d4f6becd98493132c866c8cba1a3";
    const HONG_KONG_BIG5_HKSCS: &str = "adbbb4e4af53a74fa6e6ac46b0cfac46a9b29defac49ac46b3f8a769a147a7da925db77cc47ec4f2b0b5a66ea5c1a5cda475a740a143";

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .filter_map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
            .collect()
    }

    fn detected(bytes: &[u8]) -> (String, &'static str, bool) {
        match decode(bytes, None) {
            Ok(d) => (d.text, d.encoding, d.detection.is_uncertain()),
            Err(e) => (e.to_string(), "error", true),
        }
    }

    #[test]
    fn big5_is_told_apart_from_gb18030_by_plausibility() {
        // Big5 bytes that GB18030 also decodes without an error.
        let big5 = hex(TRADITIONAL_BIG5);
        assert!(!GB18030.decode_without_bom_handling(&big5).1);
        assert_eq!(detected(&big5), (TRADITIONAL.to_string(), "Big5", false));
        let misread = GB18030.decode_without_bom_handling(&big5).0;
        assert!(plausibility(&misread) < 0.6, "{misread}");
        assert!(plausibility(TRADITIONAL) > 0.97);
        // The same characters in GB18030, and the simplified paragraph.
        assert_eq!(
            detected(&hex(TRADITIONAL_GB18030)),
            (TRADITIONAL.to_string(), "GB18030", false)
        );
        assert_eq!(
            detected(&hex(SIMPLIFIED_GB18030)),
            (SIMPLIFIED.to_string(), "GB18030", false)
        );
    }

    #[test]
    fn big5_hkscs_is_named_when_its_extension_is_used() {
        let bytes = hex(HONG_KONG_BIG5_HKSCS);
        assert_eq!(
            detected(&bytes),
            (HONG_KONG.to_string(), "Big5-HKSCS", false)
        );
        let forced = decode(&bytes, encoding_for_label("big5-hkscs"));
        assert_eq!(
            forced.map(|d| (d.encoding, d.detection)),
            Ok(("Big5-HKSCS", Detection::Given))
        );
    }

    #[test]
    fn utf16_without_a_bom_is_detected_either_way_round() {
        let text = format!("{SIMPLIFIED}\n一、2024年工作回顾\n");
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(detected(&le), (text.clone(), "UTF-16LE", false));
        assert_eq!(detected(&be), (text.clone(), "UTF-16BE", false));
    }

    #[test]
    fn nul_bytes_that_are_not_utf16_are_refused_with_the_hint() {
        // ASCII and NUL bytes in LE order, but private-use characters
        // (U+E000…) in between: not a plausible text.
        let mut bytes = Vec::new();
        for k in 0..200u16 {
            bytes.extend((0xE000 + k).to_le_bytes());
            bytes.extend([b'a', 0]);
        }
        let err = decode(&bytes, None).err().map(|e| e.to_string());
        let err = err.unwrap_or_default();
        assert!(err.contains("NUL bytes"), "{err}");
        assert!(err.contains("--encoding utf-16le"), "{err}");
        // Forced, a BOM-less UTF-16 text is read whatever it holds.
        assert!(decode(&bytes, Some(UTF_16LE)).is_ok());
    }

    #[test]
    fn a_guess_between_close_candidates_is_uncertain() {
        // Two bytes that are a common character in both: B0A1 is 啊 in
        // GB2312 and 陛 in Big5.
        let d = decode(&[0xB0, 0xA1], None);
        assert!(
            d.as_ref().is_ok_and(|d| d.detection.is_uncertain()),
            "{d:?}"
        );
        let sure = Detection::Guessed(Guess {
            plausibility: 0.99,
            runner_up: Some(("Big5", 0.4)),
        });
        assert!(!sure.is_uncertain());
        assert!(!Detection::Utf8.is_uncertain() && !Detection::Given.is_uncertain());
    }
}
