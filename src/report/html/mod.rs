//! HTML reports: one self-contained file a reader opens without installing
//! anything, for a pair (`pair.rs`) or a corpus (`corpus.rs`).
//!
//! What both share lives here: escaping, and the page around the content.
//! Every piece of document text (and every path, title and label) goes
//! through `escape_into`, which writes `& < > " '` as entities and shows
//! control characters as visible symbols, so a document holding `<script>`,
//! `</style>` or `javascript:` is shown as text. Nothing the report links to
//! is taken from a document: links are fragments (`#L12`) or names taohua
//! makes (`pairs/3-17.html`).
//!
//! The page loads nothing: no fonts, images, styles or scripts from
//! anywhere. Its Content-Security-Policy (a `<meta>` tag, first in the head)
//! allows only the page's own style and script, named by their SHA-256, so
//! even markup that escaped escaping could neither run a script nor fetch a
//! URL. Colours come from the themes (`style.rs`); light and dark follow the
//! reader's system, and printing uses the light one.

pub mod corpus;
pub mod pair;
mod style;

use sha2::{Digest, Sha256};

use crate::theme::Theme;

/// Which colours an HTML report uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Palette {
    /// The built-in light theme, and the dark one when the reader's system
    /// prefers dark; printing uses the light one.
    System,
    /// One theme (the one named with `--theme`), whatever the system.
    One(Theme),
}

/// Append `text` to `out`, escaped for HTML text and double-quoted
/// attribute values. Control characters become visible symbols (as
/// `report::sanitize` shows them on a terminal), and bidirectional controls,
/// which could reorder what a reader sees, become `�`.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        push_char(out, c);
    }
}

/// `text`, escaped as [`escape_into`] does.
#[cfg(test)]
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Append one character, escaped.
pub(crate) fn push_char(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        '\t' => out.push(' '),
        c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
        '\u{7f}' => out.push('␡'),
        '\u{80}'..='\u{9f}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => out.push('�'),
        c => out.push(c),
    }
}

/// `'sha256-…'`: the Content-Security-Policy source that allows exactly
/// this inline style or script.
fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64 with padding (RFC 4648), for the 32 bytes of a hash.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * k)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The page around a report's content: the head (policy, title, style) on
/// [`Page::open`], the script and the end on [`Page::close`].
pub(crate) struct Page<'a> {
    /// The page's title (escaped here).
    pub title: &'a str,
    /// The whole style sheet.
    pub css: &'a str,
    /// The inline script, if the page has one.
    pub script: Option<&'a str>,
}

impl Page<'_> {
    /// Everything up to and including `<body>`.
    pub(crate) fn open(&self, out: &mut String) {
        let script = self.script.map_or_else(|| "'none'".to_string(), csp_hash);
        out.push_str("<!DOCTYPE html>\n<html lang=\"");
        out.push_str(crate::i18n::lang().code());
        out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src ",
        );
        out.push_str(&csp_hash(self.css));
        out.push_str("; script-src ");
        out.push_str(&script);
        out.push_str("; img-src data:; base-uri 'none'; form-action 'none'\">\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
        out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
        out.push_str("<meta name=\"generator\" content=\"taohua\">\n<title>");
        escape_into(out, self.title);
        out.push_str("</title>\n<style>");
        out.push_str(self.css);
        out.push_str("</style>\n</head>\n<body>\n");
    }

    /// The script, if any, and the end of the page.
    pub(crate) fn close(&self, out: &mut String) {
        if let Some(script) = self.script {
            out.push_str("<script>");
            out.push_str(script);
            out.push_str("</script>\n");
        }
        out.push_str("</body>\n</html>\n");
    }
}

/// The style sheet of a report: the layout and the colours of `palette`.
pub(crate) fn stylesheet(palette: &Palette) -> String {
    style::stylesheet(palette)
}

/// A count with thousands separated: `20,412`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_in_a_document_become_text() {
        let hostile = "<script>alert(1)</script></style>\"'&\u{1b}[2J\u{7}\u{202e}javascript:x";
        let e = escape(hostile);
        assert_eq!(
            e,
            "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/style&gt;&quot;&#39;&amp;␛[2J␇�javascript:x"
        );
        assert!(!e.contains(['<', '>', '"', '\'']));
        assert!(!e.chars().any(char::is_control));
    }

    #[test]
    fn base64_of_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn the_policy_names_the_style_and_script_by_hash() {
        // SHA-256 of "abc", base64: the FIPS 180-2 test vector.
        assert_eq!(
            csp_hash("abc"),
            "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='"
        );
        let mut out = String::new();
        let page = Page {
            title: "a <b>",
            css: "p{}",
            script: None,
        };
        page.open(&mut out);
        page.close(&mut out);
        assert!(out.contains("script-src 'none'"), "{out}");
        assert!(out.contains(&format!("style-src {}", csp_hash("p{}"))));
        assert!(out.contains("<title>a &lt;b&gt;</title>"));
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(20412), "20,412");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
