//! The plain-text pipeline's first stages: normalisation (with a map back to
//! original offsets), segmentation into units, and the slogan list.

pub mod normalize;
pub mod segment;
pub mod slogans;
