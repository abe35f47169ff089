//! The plain-text pipeline's first stages: normalisation (with a map back to
//! original offsets), variant folding, segmentation into units, and the
//! slogan list.

pub mod normalize;
pub mod segment;
pub mod slogans;
pub mod variants;
