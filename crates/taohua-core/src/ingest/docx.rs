//! `.docx` → text: the zip container, then `word/document.xml`, one line per
//! paragraph.
//!
//! Pure Rust (`zip`, `quick-xml`), no external programs. The XML part is read
//! through a size cap ([`MAX_XML_BYTES`]) whatever its header claims, so a zip
//! bomb is refused without unpacking it. Text comes from `<w:t>` runs; tabs and
//! line breaks inside a paragraph become `\t` and `\n`; deleted text
//! (`<w:delText>`), field codes (`<w:instrText>`) and the fallback copy of
//! text boxes (`<mc:Fallback>`) are left out, and bookmarks never become text.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::FormatError;

/// The most `word/document.xml` may unpack to.
pub(crate) const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// The zip magic number every .docx starts with.
pub(crate) const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Extract the text of a .docx, one paragraph per line.
pub fn extract(bytes: &[u8]) -> Result<String, FormatError> {
    if !bytes.starts_with(ZIP_MAGIC) {
        return Err(FormatError::NotZip);
    }
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| FormatError::BadZip(e.to_string()))?;
    let xml = {
        let entry = match archive.by_name("word/document.xml") {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Err(FormatError::NoDocumentXml),
            Err(e) => return Err(FormatError::BadZip(e.to_string())),
        };
        if entry.size() > MAX_XML_BYTES {
            return Err(FormatError::ZipBomb {
                limit_mib: MAX_XML_BYTES >> 20,
            });
        }
        let mut xml = Vec::new();
        entry
            .take(MAX_XML_BYTES + 1)
            .read_to_end(&mut xml)
            .map_err(|e| FormatError::BadZip(e.to_string()))?;
        if xml.len() as u64 > MAX_XML_BYTES {
            return Err(FormatError::ZipBomb {
                limit_mib: MAX_XML_BYTES >> 20,
            });
        }
        xml
    };
    paragraphs(&xml)
}

/// The paragraphs of a WordprocessingML body, one per line.
pub fn paragraphs(xml: &[u8]) -> Result<String, FormatError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut out = String::new();
    let mut para = String::new();
    let mut in_text = false;
    // Depth inside elements whose text is not the document's.
    let mut skipped = 0usize;
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| FormatError::Xml(e.to_string()))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" if skipped == 0 => in_text = true,
                b"delText" | b"instrText" | b"Fallback" => skipped += 1,
                b"tab" if skipped == 0 => para.push('\t'),
                b"br" | b"cr" if skipped == 0 => para.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" if skipped == 0 => para.push('\t'),
                b"br" | b"cr" if skipped == 0 => para.push('\n'),
                b"p" if skipped == 0 => end_paragraph(&mut out, &mut para),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"delText" | b"instrText" | b"Fallback" => skipped = skipped.saturating_sub(1),
                b"p" if skipped == 0 => end_paragraph(&mut out, &mut para),
                _ => {}
            },
            Event::Text(t) if in_text && skipped == 0 => {
                let text = t.unescape().map_err(|e| FormatError::Xml(e.to_string()))?;
                para.push_str(&text);
            }
            Event::CData(t) if in_text && skipped == 0 => {
                para.push_str(&String::from_utf8_lossy(&t));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    end_paragraph(&mut out, &mut para);
    Ok(out)
}

/// Close a paragraph: non-blank paragraphs become a line.
fn end_paragraph(out: &mut String, para: &mut String) {
    if !para.trim().is_empty() {
        out.push_str(para);
        out.push('\n');
    }
    para.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_become_lines() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:r><w:t>同志们：</w:t></w:r></w:p>
            <w:p><w:bookmarkStart w:name="_GoBack"/><w:r><w:t xml:space="preserve">加强</w:t></w:r><w:r><w:t>科普&amp;宣传</w:t></w:r><w:bookmarkEnd/></w:p>
            <w:p/>
            <w:p><w:r><w:delText>删掉的</w:delText><w:t>留下</w:t><w:tab/><w:t>的</w:t></w:r></w:p>
            </w:body></w:document>"#;
        assert_eq!(
            paragraphs(xml.as_bytes()).ok().as_deref(),
            Some("同志们：\n加强科普&宣传\n留下\t的\n")
        );
    }

    #[test]
    fn not_a_zip_is_refused() {
        assert!(matches!(extract(b"hello"), Err(FormatError::NotZip)));
        assert!(matches!(
            extract(b"PK\x03\x04garbage"),
            Err(FormatError::BadZip(_))
        ));
    }
}
