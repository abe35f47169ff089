//! `.html`/`.htm` → text: the body's text, one line per block.
//!
//! A small tolerant scanner, not a full HTML5 parser: scraped government pages
//! are often malformed, and all we need is their visible text. Scripts, styles
//! and `<head>` are skipped, and so are `nav`, `header`, `footer`, `aside`,
//! `form`, `select` and `button` with all they contain. Block elements (`p`,
//! `div`, `br`, `li`, `h1`…, `tr`, …) end a line; white space inside a line
//! collapses as a browser would; entities are decoded (all HTML5 names).
//!
//! The charset comes from `<meta charset>` (or `http-equiv` content) in the
//! first 4 KiB, else from detection; a page whose bytes do not fit the charset
//! it declares is read with the detected encoding when that works.
//! Recurring site boilerplate lines ("您好,欢迎访问…", "当前位置:", "本文标题:",
//! font-size buttons, …) are removed by `super::artifacts`.

use encoding_rs::Encoding;

use super::decode::{decode, Decoded};
use super::FormatError;

/// Decode an HTML page and extract its text.
pub fn extract(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, FormatError> {
    let declared = declared_charset(bytes);
    let decoded = match (forced, declared) {
        (Some(enc), _) => decode(bytes, Some(enc))?,
        (None, Some(enc)) => match decode(bytes, Some(enc)) {
            Ok(d) => d,
            Err(first) => match decode(bytes, None) {
                Ok(d) => d,
                Err(_) => {
                    return Err(FormatError::Charset {
                        declared: enc.name(),
                        source: first,
                    })
                }
            },
        },
        (None, None) => decode(bytes, None)?,
    };
    Ok(Decoded {
        text: text_of(&decoded.text),
        ..decoded
    })
}

/// The charset a page declares in its first 4 KiB, if any.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = find(&lower, b"charset")?;
    let rest = &lower[at + b"charset".len()..];
    let rest = rest.strip_prefix(b"=").or_else(|| {
        let skip = rest.iter().position(|&b| b != b' ')?;
        rest[skip..].strip_prefix(b"=")
    })?;
    let start = rest
        .iter()
        .position(|&b| !matches!(b, b' ' | b'"' | b'\''))?;
    let label = &rest[start..];
    let end = label
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .unwrap_or(label.len());
    Encoding::for_label(&label[..end])
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Elements skipped with everything inside them.
const DROPPED: [&str; 11] = [
    "head", "nav", "header", "footer", "aside", "form", "select", "button", "noscript", "iframe",
    "svg",
];

/// Elements whose content is raw text up to the closing tag.
const RAW: [&str; 4] = ["script", "style", "textarea", "template"];

/// Elements that end a line.
const BLOCK: [&str; 33] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "tbody",
    "thead",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "hr",
    "center",
    "body",
    "html",
    "title",
    "figure",
    "figcaption",
    "address",
    "caption",
];

/// The visible text of an HTML document: one line per block, boilerplate
/// lines removed.
pub(crate) fn text_of(html: &str) -> String {
    let chars: Vec<char> = html.chars().collect();
    let mut raw = String::with_capacity(html.len() / 2);
    let mut i = 0;
    let mut dropped_depth = 0usize;
    let mut text_start = 0;
    let flush = |raw: &mut String, from: usize, to: usize, dropped: usize| {
        if dropped == 0 && from < to {
            // Line breaks in the source are white space; only blocks end lines.
            let piece: String = chars[from..to]
                .iter()
                .map(|&c| if c == '\n' || c == '\r' { ' ' } else { c })
                .collect();
            raw.push_str(&decode_entities(&piece));
        }
    };
    while i < chars.len() {
        if chars[i] != '<' {
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        if !(next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?')) {
            i += 1;
            continue;
        }
        flush(&mut raw, text_start, i, dropped_depth);
        if starts_with(&chars, i, "<!--") {
            i = find_chars(&chars, i + 4, "-->").map_or(chars.len(), |e| e + 3);
            text_start = i;
            continue;
        }
        let end = tag_end(&chars, i);
        let (name, closing) = tag_name(&chars[i + 1..end]);
        i = (end + 1).min(chars.len());
        let self_closing = end > 0 && chars.get(end - 1) == Some(&'/');
        if !closing && RAW.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_chars_ci(&chars, i, &close)
                .map_or(chars.len(), |e| tag_end(&chars, e) + 1)
                .min(chars.len());
        } else if DROPPED.contains(&name.as_str()) && !self_closing {
            if closing {
                dropped_depth = dropped_depth.saturating_sub(1);
            } else {
                dropped_depth += 1;
            }
        } else if BLOCK.contains(&name.as_str()) {
            raw.push('\n');
        } else if name == "td" || name == "th" {
            raw.push(' ');
        }
        text_start = i;
    }
    flush(&mut raw, text_start, chars.len(), dropped_depth);
    let lines = raw.lines().map(collapse_spaces);
    super::artifacts::clean_lines(lines)
}

fn starts_with(chars: &[char], at: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(k, c)| chars.get(at + k) == Some(&c))
}

fn find_chars(chars: &[char], from: usize, s: &str) -> Option<usize> {
    (from..chars.len()).find(|&k| starts_with(chars, k, s))
}

/// Case-insensitive search for an ASCII needle.
fn find_chars_ci(chars: &[char], from: usize, s: &str) -> Option<usize> {
    let needle: Vec<char> = s.chars().collect();
    (from..chars.len()).find(|&k| {
        needle
            .iter()
            .enumerate()
            .all(|(j, n)| chars.get(k + j).is_some_and(|c| c.eq_ignore_ascii_case(n)))
    })
}

/// The index of the `>` that ends the tag opened at `start` (quotes respected),
/// or the last index when it never closes.
fn tag_end(chars: &[char], start: usize) -> usize {
    let mut quote: Option<char> = None;
    for (k, &c) in chars.iter().enumerate().skip(start + 1) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '>' => return k,
            None => {}
        }
    }
    chars.len().saturating_sub(1)
}

/// The lower-cased element name of a tag's inside, and whether it closes.
fn tag_name(inside: &[char]) -> (String, bool) {
    let closing = inside.first() == Some(&'/');
    let name = inside
        .iter()
        .skip(usize::from(closing))
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (name, closing)
}

/// White space runs (including `&nbsp;` and U+3000) become one space; the line
/// is trimmed.
fn collapse_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Decode `&name;`, `&#123;` and `&#x1F;`. Unknown or malformed references
/// stay as they are.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.char_indices().take(40).find(|&(_, c)| c == ';');
        let decoded = semi.and_then(|(end, _)| entity(&after[..end]).map(|t| (t, end)));
        match decoded {
            Some((text, end)) => {
                out.push_str(&text);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<String> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        // NUL and invalid scalars become U+FFFD, as in a browser.
        let c = char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        return Some(c.to_string());
    }
    quick_xml::escape::resolve_html5_entity(name).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_without_scripts_and_navigation() {
        let html = "<html><head><title>标题</title><style>p{color:red}</style></head>\
            <body><nav><a href=x>首页</a></nav><script>var a='<p>';</script>\
            <div class=\"c\"><p>同志们&#xFF1A;</p><p>加强&nbsp;科普&ldquo;阵地&rdquo;  \n建设。<br>第二行</p></div>\
            <footer>版权所有</footer><!-- 注释 <p>不要</p> --></body></html>";
        assert_eq!(
            text_of(html),
            "同志们：\n加强 科普\u{201C}阵地\u{201D} 建设。\n第二行\n"
        );
    }

    #[test]
    fn charset_is_read_from_meta() {
        let b =
            b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">";
        assert_eq!(declared_charset(b).map(|e| e.name()), Some("GBK"));
        assert_eq!(
            declared_charset(b"<meta charset='utf-8'>").map(|e| e.name()),
            Some("UTF-8")
        );
        assert_eq!(declared_charset(b"<p>no charset</p>"), None);
    }

    #[test]
    fn entities_decode_and_stray_ampersands_stay() {
        assert_eq!(
            decode_entities("A&amp;B &foo; C&D &#20013;&#x6587;"),
            "A&B &foo; C&D 中文"
        );
        assert_eq!(decode_entities("&#0;&#xFFFFFFFF;"), "\u{FFFD}\u{FFFD}");
    }
}
