//! The plain-text pipeline's first stages: a document's characters
//! ([`Chars`]), normalisation for matching (with a map back to original
//! offsets), variant folding, segmentation into units, and the slogan list.

pub mod normalize;
pub mod segment;
pub mod slogans;
pub(crate) mod variants;

use std::ops::Deref;

use thiserror::Error;

/// The longest text the core takes, in chars: offsets are `u32`, and the two
/// largest values stand for the placeholder and line-break keys.
pub const MAX_CHARS: usize = (u32::MAX - 2) as usize;

/// A text longer than [`MAX_CHARS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the text has {chars} characters, more than taohua compares ({max})", max = MAX_CHARS)]
pub struct TextTooLong {
    /// Its length in chars.
    pub chars: usize,
}

/// A document's characters: the offset space of every span. At most
/// [`MAX_CHARS`] of them, so every char offset fits a `u32`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chars(Vec<char>);

impl Chars {
    /// The characters of `text`, refused when there are too many.
    pub fn new(text: &str) -> Result<Chars, TextTooLong> {
        Chars::from_vec(text.chars().collect())
    }

    /// These characters, refused when there are too many.
    pub fn from_vec(chars: Vec<char>) -> Result<Chars, TextTooLong> {
        if chars.len() > MAX_CHARS {
            return Err(TextTooLong { chars: chars.len() });
        }
        Ok(Chars(chars))
    }

    /// The char offset `i` as a `u32`; every offset up to the length fits.
    pub(crate) fn offset(i: usize) -> u32 {
        debug_assert!(i <= MAX_CHARS);
        i as u32
    }
}

impl Deref for Chars {
    type Target = [char];

    fn deref(&self) -> &[char] {
        &self.0
    }
}
