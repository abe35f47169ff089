//! Build script: the table of characters that traditional → simplified
//! folding may change.
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
use std::path::Path;

/// Characters that `fast2s` leaves alone on their own but folds next to
/// certain neighbours (its "special convert" rules: `藉口`, `看著`, `苧麻`).
/// Characters whose rules *exclude* a context fold on their own, so the
/// scan below flags them already. A test in `text::variants` checks the
/// run-time folding against `fast2s::convert` on text full of these.
const CONTEXT_ONLY: [char; 3] = ['藉', '著', '苧'];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
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
    let out = env::var_os("OUT_DIR").map(|d| Path::new(&d).join("t2s_flags.rs"));
    let Some(out) = out else {
        println!("cargo:warning=OUT_DIR is not set");
        std::process::exit(1);
    };
    if let Err(e) = fs::write(&out, src) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
        std::process::exit(1);
    }
}
