//! Fuzz target: two texts → `compare::prepare` → `compare::compare`
//! (passages and alignment).
//!
//! The input is split at its first NUL byte into the left and right texts
//! (lossy UTF-8). Checks that nothing panics and that every passage and unit
//! span lies inside its document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taohua_core::compare::{compare, prepare, CompareOptions};

fuzz_target!(|data: &[u8]| {
    let cut = data.iter().position(|&b| b == 0).unwrap_or(data.len() / 2);
    let left = String::from_utf8_lossy(&data[..cut]);
    let right = String::from_utf8_lossy(data.get(cut + 1..).unwrap_or(&[]));
    let mut opts = CompareOptions::default();
    opts.passages.min_chars = 2 + (data.len() % 7);
    let (Ok(a), Ok(b)) = (prepare(&left, &opts), prepare(&right, &opts)) else {
        return;
    };
    let c = compare(&a, &b, &opts);
    let (la, lb) = (left.chars().count() as u32, right.chars().count() as u32);
    for p in &c.passages {
        assert!(p.left.0 <= p.left.1 && p.left.1 <= la);
        assert!(p.right.0 <= p.right.1 && p.right.1 <= lb);
    }
});
