//! Fuzz target: bytes → format reader and decoder → normalise → segment.
//!
//! The first byte picks the format (text, Markdown, HTML, .docx, or sniffing
//! as for standard input) and whether to force an encoding; the rest is the
//! file. Checks that nothing panics and that every key's span lies inside the
//! text, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taohua_core::ingest::{encoding_for_label, Format};
use taohua_core::text::normalize::{normalize, NormOptions};
use taohua_core::text::segment::segment;
use taohua_core::text::Chars;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let format = match pick % 5 {
        0 => Format::Text,
        1 => Format::Markdown,
        2 => Format::Html,
        3 => Format::Docx,
        _ => Format::detect(None, bytes),
    };
    let forced = match (pick / 5) % 4 {
        1 => encoding_for_label("gb18030"),
        2 => encoding_for_label("utf-16le"),
        3 => encoding_for_label("big5"),
        _ => None,
    };
    let Ok(doc) = format.extract(bytes, forced) else {
        return;
    };
    let Ok(chars) = Chars::new(&doc.text) else {
        return;
    };
    for opts in [
        NormOptions::default(),
        NormOptions {
            fold_script: false,
            fold_numerals: false,
            artifacts: false,
            ..NormOptions::default()
        },
    ] {
        let n = normalize(&chars, &opts);
        let mut last = 0;
        for &(s, e) in n.spans() {
            assert!(s < e && e as usize <= chars.len() && s >= last);
            last = s;
        }
    }
    for seg in segment(&chars) {
        assert!(seg.start <= seg.end && seg.end as usize <= chars.len());
    }
});
