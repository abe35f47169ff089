//! Build script: the table of characters that traditional → simplified
//! folding may change, and the division table's arrays.
//!
//! `fast2s` converts a whole string, character by character, through hash
//! maps that it builds on first use; calling it on every document costs a
//! copy of the text and a lookup per character, although simplified text
//! (nearly every document) has nothing to fold. Here every three-byte
//! character (the only ones `fast2s` touches) is run through `fast2s` once,
//! at build time, and those it changes are written as a bitmap over the Basic
//! Multilingual Plane, together with the few that it changes only next to
//! certain neighbours. At run time `text::variants` asks `fast2s` only about
//! the characters the bitmap flags, so the folding is exactly `fast2s`'s.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Characters that `fast2s` leaves alone on their own but folds next to
/// certain neighbours (its "special convert" rules: `藉口`, `看著`, `苧麻`).
/// Characters whose rules *exclude* a context fold on their own, so the
/// scan below flags them already. A test in `text::variants` checks the
/// run-time folding against `fast2s::convert` on text full of these.
const CONTEXT_ONLY: [char; 3] = ['藉', '著', '苧'];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let Some(out_dir) = env::var_os("OUT_DIR").map(PathBuf::from) else {
        println!("cargo:warning=OUT_DIR is not set");
        std::process::exit(1);
    };
    t2s_flags(&out_dir);
    divisions(&out_dir);
}

/// Write `text` to `path`, or stop the build with the reason.
fn write(path: &Path, text: &str) {
    if let Err(e) = fs::write(path, text) {
        println!("cargo:warning=cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
}

fn t2s_flags(out_dir: &Path) {
    let mut bits = vec![0u64; 0x10000 / 64];
    let mut flagged = 0usize;
    let mut flag = |c: char| {
        let i = c as usize;
        if bits[i / 64] & (1 << (i % 64)) == 0 {
            bits[i / 64] |= 1 << (i % 64);
            flagged += 1;
        }
    };
    for u in 0x800u32..=0xFFFF {
        let Some(c) = char::from_u32(u) else {
            continue; // surrogates
        };
        let folded = fast2s::convert(c.encode_utf8(&mut [0; 4]));
        if folded.chars().ne(std::iter::once(c)) {
            flag(c);
        }
    }
    for c in CONTEXT_ONLY {
        flag(c);
    }
    let mut src = String::new();
    let _ = writeln!(
        src,
        "/// Characters `fast2s` may fold ({flagged} of them), one bit per BMP code point."
    );
    let _ = writeln!(src, "static T2S_FLAGS: [u64; {}] = [", bits.len());
    for chunk in bits.chunks(8) {
        let row: Vec<String> = chunk.iter().map(|b| format!("{b:#x}")).collect();
        let _ = writeln!(src, "    {},", row.join(", "));
    }
    let _ = writeln!(src, "];");
    write(&out_dir.join("t2s_flags.rs"), &src);
}

/// The division table (`src/places/divisions.txt`, written by
/// `scripts/gen-divisions`) as static arrays for `places`: every name's base
/// (short form) as indices into a sorted alphabet, the records sorted by
/// base so that a prefix of text narrows to a range by binary search, and
/// per record its suffix, level, whether its base may stand alone, and its
/// parent. Nothing is parsed at run time. The layout is described in
/// `src/places/mod.rs`.
fn divisions(out_dir: &Path) {
    const SOURCE: &str = "src/places/divisions.txt";
    println!("cargo:rerun-if-changed={SOURCE}");
    let text = match fs::read_to_string(SOURCE) {
        Ok(t) => t,
        Err(e) => {
            println!("cargo:warning=cannot read {SOURCE}: {e}");
            std::process::exit(1);
        }
    };
    // (base, suffix, level, short_ok, parent as a line record index)
    struct Rec {
        base: Vec<char>,
        suffix: String,
        level: u16,
        short_ok: bool,
        parent: Option<usize>,
    }
    let mut recs: Vec<Rec> = Vec::new();
    // The last record of each level above (province, prefecture, county).
    let mut last: [Option<usize>; 3] = [None; 3];
    let parse = |item: &str| -> (Vec<char>, String, bool) {
        let (item, short_ok) = match item.strip_prefix('~') {
            Some(rest) => (rest, false),
            None => (item, true),
        };
        let (base, suffix) = item.split_once('|').unwrap_or((item, ""));
        (
            base.chars().collect(),
            suffix.to_string(),
            short_ok && !suffix.is_empty(),
        )
    };
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(word) = line.strip_prefix('!') {
            recs.push(Rec {
                base: word.trim().chars().collect(),
                suffix: String::new(),
                level: 4,
                short_ok: true,
                parent: None,
            });
            continue;
        }
        let mut chars = line.chars();
        let tag = chars.next();
        let rest = chars.as_str();
        let level: u16 = match tag {
            Some('P') => 0,
            Some('C') => 1,
            Some('A') => 2,
            Some('T') => 3,
            _ => {
                println!("cargo:warning={SOURCE}: a line with an unknown tag: {line}");
                std::process::exit(1);
            }
        };
        // The parent: the nearest record of a higher level still open.
        let parent = (0..level as usize).rev().find_map(|l| last[l]);
        let items: Vec<&str> = if level == 3 {
            rest.split(' ').filter(|s| !s.is_empty()).collect()
        } else {
            vec![rest]
        };
        for item in items {
            let (base, suffix, short_ok) = parse(item);
            recs.push(Rec {
                base,
                suffix,
                level,
                short_ok,
                parent,
            });
        }
        if level < 3 {
            let at = recs.len() - 1;
            last[level as usize] = Some(at);
            for l in last.iter_mut().skip(level as usize + 1) {
                *l = None;
            }
        }
    }
    let mut alphabet: Vec<char> = recs.iter().flat_map(|r| r.base.iter().copied()).collect();
    alphabet.sort_unstable();
    alphabet.dedup();
    let index = |c: char| alphabet.binary_search(&c).unwrap_or(0) as u16;
    let mut suffixes: Vec<String> = recs.iter().map(|r| r.suffix.clone()).collect();
    suffixes.sort_unstable();
    suffixes.dedup();
    // Records sorted by base (as alphabet indices), then level, then reading order.
    let mut order: Vec<usize> = (0..recs.len()).collect();
    order.sort_by_cached_key(|&i| {
        let r = &recs[i];
        (
            r.base.iter().map(|&c| index(c)).collect::<Vec<u16>>(),
            r.level,
            i,
        )
    });
    let mut id_of = vec![0u16; recs.len()];
    for (id, &i) in order.iter().enumerate() {
        id_of[i] = id as u16;
    }
    if recs.len() >= u16::MAX as usize
        || suffixes.len() > 255
        || alphabet.len() >= u16::MAX as usize
    {
        println!("cargo:warning={SOURCE}: too many divisions, suffixes or characters for the table's u16/u8 fields");
        std::process::exit(1);
    }
    let mut text_units: Vec<u16> = Vec::new();
    let mut off_hi: Vec<u32> = Vec::new();
    let mut off_lo: Vec<u16> = Vec::new();
    let mut meta: Vec<u16> = Vec::new();
    let mut parent: Vec<u16> = Vec::new();
    for (id, &i) in order.iter().enumerate() {
        let r = &recs[i];
        if id.is_multiple_of(256) {
            off_hi.push(text_units.len() as u32);
        }
        let lo = text_units.len() as u32 - off_hi[id / 256];
        off_lo.push(lo as u16);
        text_units.extend(r.base.iter().map(|&c| index(c)));
        let suffix = suffixes.binary_search(&r.suffix).unwrap_or(0) as u16;
        meta.push(suffix | r.level << 8 | u16::from(r.short_ok) << 12);
        parent.push(r.parent.map_or(u16::MAX, |p| id_of[p]));
    }
    // The end of the last record.
    if order.len().is_multiple_of(256) {
        off_hi.push(text_units.len() as u32);
    }
    let lo = text_units.len() as u32 - off_hi[order.len() / 256];
    off_lo.push(lo as u16);
    // For each alphabet index, the first record whose base starts at or after it.
    let mut first: Vec<u32> = Vec::with_capacity(alphabet.len() + 1);
    let mut at = 0usize;
    for a in 0..=alphabet.len() {
        while at < order.len()
            && recs[order[at]]
                .base
                .first()
                .map_or(0, |&c| index(c) as usize)
                < a
        {
            at += 1;
        }
        first.push(at as u32);
    }
    let mut src = String::new();
    let _ = writeln!(
        src,
        "/// Records in the table ({} divisions and skip words).",
        recs.len()
    );
    let _ = writeln!(
        src,
        "#[cfg(test)]\npub(super) const RECORDS: usize = {};",
        recs.len()
    );
    let array = |src: &mut String, doc: &str, name: &str, ty: &str, items: Vec<String>| {
        let _ = writeln!(src, "/// {doc}");
        let _ = writeln!(src, "pub(super) static {name}: [{ty}; {}] = [", items.len());
        for chunk in items.chunks(24) {
            let _ = writeln!(src, "{},", chunk.join(","));
        }
        let _ = writeln!(src, "];");
    };
    array(
        &mut src,
        "Every character of a base, sorted.",
        "ALPHABET",
        "char",
        alphabet.iter().map(|c| format!("{c:?}")).collect(),
    );
    array(
        &mut src,
        "Suffixes, sorted (the empty one first).",
        "SUFFIXES",
        "&str",
        suffixes.iter().map(|s| format!("{s:?}")).collect(),
    );
    array(
        &mut src,
        "Bases, as alphabet indices, record after record.",
        "TEXT",
        "u16",
        text_units.iter().map(u16::to_string).collect(),
    );
    array(
        &mut src,
        "Where each block of 256 records starts in TEXT.",
        "OFF_HI",
        "u32",
        off_hi.iter().map(u32::to_string).collect(),
    );
    array(
        &mut src,
        "Where each record starts in TEXT, from its block's start.",
        "OFF_LO",
        "u16",
        off_lo.iter().map(u16::to_string).collect(),
    );
    array(
        &mut src,
        "Suffix index (bits 0-7), level (8-10), base may stand alone (12).",
        "META",
        "u16",
        meta.iter().map(u16::to_string).collect(),
    );
    array(
        &mut src,
        "The parent record (u16::MAX: none).",
        "PARENT",
        "u16",
        parent.iter().map(u16::to_string).collect(),
    );
    array(
        &mut src,
        "For each alphabet index, the first record whose base starts with it or later.",
        "FIRST",
        "u32",
        first.iter().map(u32::to_string).collect(),
    );
    write(&out_dir.join("divisions.rs"), &src);
}
