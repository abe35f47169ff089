//! The library's index: postings in segments, stored as SQLite blobs.
//!
//! Two kinds of postings, both keyed by a 64-bit id:
//! - [`Kind::Phrase`]: every trigram of every document (its exact id from
//!   `fingerprint::trigrams`), with its key position and the characters it
//!   spans. A phrase occurs in a document where its trigrams stand at
//!   consecutive key positions, so `find` answers exactly, at any length of
//!   three characters or more.
//! - [`Kind::Source`]: the winnowed fingerprints of every document
//!   (`fingerprint::winnow`), document by document, no positions: enough to
//!   name the documents a traced text shares stretches of 15 characters or
//!   more with.
//!
//! Postings are grouped into 65,536 buckets by a hash of their id. One
//! `library add` writes one *segment* per batch of documents: per kind and
//! bucket one blob, sorted by id, document and position, delta- and
//! varint-coded (about 5–6 bytes per phrase posting, 2–3 per source one). Each kind has its own
//! table keyed by `(segment, bucket)`, so a new segment is appended at the
//! end and its pages are full. A look-up reads one row per bucket and
//! segment and keeps only the ids it asked for (a bucket holds a few KB). Segments are merged when
//! there are more than [`MAX_SEGMENTS`] of them; postings of removed
//! documents are dropped then.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection};

/// The buckets of a kind.
const BUCKET_BITS: u32 = 15;
/// The largest blob of one row: SQLite keeps rows up to about 4 KB inside a
/// 16 KiB page, and gives a larger one an overflow page of its own, mostly
/// empty. A bucket larger than this is stored as several rows (parts).
const PART_BYTES: usize = 3800;
/// More segments than this are merged after an add.
pub(crate) const MAX_SEGMENTS: usize = 4;

/// Which postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Trigrams with positions, for exact phrase search.
    Phrase = 0,
    /// Winnowed fingerprints, document by document, for tracing.
    Source = 1,
}

impl Kind {
    /// The table that holds this kind of postings.
    fn table(self) -> &'static str {
        match self {
            Kind::Phrase => "phrase_postings",
            Kind::Source => "source_postings",
        }
    }
}

/// One posting: an id in a document, and for phrases where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Posting {
    /// The trigram or fingerprint id.
    pub(crate) id: u64,
    /// The document.
    pub(crate) doc: u32,
    /// Key position (phrases only).
    pub(crate) key: u32,
    /// First character (phrases only).
    pub(crate) start: u32,
    /// Characters from the first to the end of the last key (phrases only).
    pub(crate) len: u32,
}

/// Bits of a stored key: the top [`BUCKET_BITS`] pick the bucket, the rest
/// are stored (sorted, delta-coded) inside it. Phrase keys have 48 bits: two
/// different trigrams share one with odds of about N² / 2⁴⁹ over N distinct
/// trigrams (for the 5 million of a large library, about one pair in twenty
/// libraries), and a phrase query of four or more characters needs all its
/// trigrams to line up as well. Source keys have 32: a clash there only adds
/// a candidate that the passage finder then finds nothing in.
fn key_bits(kind: Kind) -> u32 {
    match kind {
        Kind::Phrase => 48,
        Kind::Source => 32,
    }
}

fn mix(id: u64) -> u64 {
    let mut h = id ^ 0x9e37_79b9_7f4a_7c15;
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The bucket of an id.
pub(crate) fn bucket(id: u64) -> u32 {
    (mix(id) >> (64 - BUCKET_BITS)) as u32
}

/// The part of an id's key stored inside its bucket.
fn inner(kind: Kind, id: u64) -> u64 {
    let bits = key_bits(kind) - BUCKET_BITS;
    (mix(id) >> (64 - key_bits(kind))) & ((1 << bits) - 1)
}

fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A reader over a blob of varints; `None` at the end or on a bad byte.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn get(&mut self) -> Option<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = *self.data.get(self.at)?;
            self.at += 1;
            if shift > 63 {
                return None;
            }
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
            shift += 7;
        }
    }
}

/// Encode postings of one bucket whose `id`s are already inner keys,
/// sorted by (id, doc, key):
///
/// ```text
/// ids, then per id: id delta, documents, then per document:
///   Source: document delta
///   Phrase: document delta × 2 + (one occurrence ? 1 : 0), [occurrences],
///           then per occurrence: key delta × 2 + (span ≠ 3 chars),
///           drop delta, [span]
/// ```
///
/// all as varints; `drop` is the characters left out before the key
/// (start − key), which grows slowly along a document.
fn encode(kind: Kind, postings: &[Posting]) -> Vec<u8> {
    let mut out = Vec::with_capacity(postings.len() * 4 + 8);
    put(&mut out, count_runs(postings, |p| p.id) as u64);
    let mut prev_id = 0u64;
    for group in runs(postings, |p| p.id) {
        put(&mut out, group[0].id - prev_id);
        prev_id = group[0].id;
        put(&mut out, count_runs(group, |p| p.doc) as u64);
        let mut prev_doc = 0u32;
        for occs in runs(group, |p| p.doc) {
            let delta = u64::from(occs[0].doc - prev_doc);
            prev_doc = occs[0].doc;
            if kind == Kind::Source {
                put(&mut out, delta);
                continue;
            }
            let single = occs.len() == 1;
            put(&mut out, (delta << 1) | u64::from(single));
            if !single {
                put(&mut out, occs.len() as u64);
            }
            let (mut prev_key, mut prev_drop) = (0u32, 0u32);
            for o in occs {
                let odd = o.len != 3;
                let drop = o.start.wrapping_sub(o.key);
                put(
                    &mut out,
                    (u64::from(o.key.wrapping_sub(prev_key)) << 1) | u64::from(odd),
                );
                put(&mut out, u64::from(drop.wrapping_sub(prev_drop)));
                if odd {
                    put(&mut out, u64::from(o.len));
                }
                (prev_key, prev_drop) = (o.key, drop);
            }
        }
    }
    out
}

/// Decode the postings of `wanted` ids (sorted; all when `None`) from a
/// blob, leaving out `removed` documents. A damaged blob yields what could
/// be read before the damage.
fn decode(
    kind: Kind,
    data: &[u8],
    wanted: Option<&[u64]>,
    removed: &HashSet<u32>,
    out: &mut Vec<Posting>,
) {
    let _ = decode_all(kind, data, wanted, removed, out);
}

fn decode_all(
    kind: Kind,
    data: &[u8],
    wanted: Option<&[u64]>,
    removed: &HashSet<u32>,
    out: &mut Vec<Posting>,
) -> Option<()> {
    let mut r = Reader { data, at: 0 };
    let ids = r.get()?;
    let mut id = 0u64;
    for _ in 0..ids {
        id = id.wrapping_add(r.get()?);
        let keep = wanted.is_none_or(|w| w.binary_search(&id).is_ok());
        let docs = r.get()?;
        let mut doc = 0u32;
        for _ in 0..docs {
            let head = r.get()?;
            if kind == Kind::Source {
                doc = doc.wrapping_add(u32::try_from(head).ok()?);
                if keep && !removed.contains(&doc) {
                    out.push(Posting {
                        id,
                        doc,
                        key: 0,
                        start: 0,
                        len: 0,
                    });
                }
                continue;
            }
            doc = doc.wrapping_add(u32::try_from(head >> 1).ok()?);
            let n = if head & 1 == 1 { 1 } else { r.get()? };
            let keep = keep && !removed.contains(&doc);
            let (mut key, mut drop) = (0u32, 0u32);
            for _ in 0..n {
                let flagged = r.get()?;
                key = key.wrapping_add(u32::try_from(flagged >> 1).ok()?);
                drop = drop.wrapping_add(u32::try_from(r.get()?).ok()?);
                let len = if flagged & 1 == 1 {
                    u32::try_from(r.get()?).ok()?
                } else {
                    3
                };
                if keep {
                    out.push(Posting {
                        id,
                        doc,
                        key,
                        start: key.wrapping_add(drop),
                        len,
                    });
                }
            }
        }
    }
    Some(())
}

/// Consecutive runs of equal `key(p)`.
fn runs<K: PartialEq>(
    items: &[Posting],
    key: impl Fn(&Posting) -> K,
) -> impl Iterator<Item = &[Posting]> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let first = items.get(at)?;
        let k = key(first);
        let len = items[at..].iter().take_while(|p| key(p) == k).count();
        let run = &items[at..at + len];
        at += len;
        Some(run)
    })
}

fn count_runs<K: PartialEq>(items: &[Posting], key: impl Fn(&Posting) -> K) -> usize {
    runs(items, key).count()
}

/// Write `postings` (any order) of one kind into segment `segment`; the
/// bytes written. Postings are put in bucket order by a counting sort, then
/// each bucket is sorted on its own.
pub(crate) fn write_segment(
    conn: &Connection,
    segment: i64,
    kind: Kind,
    postings: Vec<Posting>,
) -> rusqlite::Result<u64> {
    let buckets = 1usize << BUCKET_BITS;
    let mut starts = vec![0usize; buckets + 1];
    for p in &postings {
        starts[bucket(p.id) as usize + 1] += 1;
    }
    for b in 0..buckets {
        starts[b + 1] += starts[b];
    }
    let mut next = starts.clone();
    let mut sorted = vec![
        Posting {
            id: 0,
            doc: 0,
            key: 0,
            start: 0,
            len: 0
        };
        postings.len()
    ];
    for p in postings {
        let b = bucket(p.id) as usize;
        sorted[next[b]] = Posting {
            id: inner(kind, p.id),
            ..p
        };
        next[b] += 1;
    }
    let mut bytes = 0u64;
    for b in 0..buckets {
        let slice = &mut sorted[starts[b]..starts[b + 1]];
        if slice.is_empty() {
            continue;
        }
        slice.sort_unstable_by_key(|p| (p.id, p.doc, p.key));
        bytes += write_bucket(conn, kind, segment, b as u32, slice)?;
    }
    Ok(bytes)
}

/// Write one bucket's postings (inner keys, sorted) as one or more parts of
/// at most [`PART_BYTES`], split between documents.
fn write_bucket(
    conn: &Connection,
    kind: Kind,
    segment: i64,
    bucket: u32,
    postings: &[Posting],
) -> rusqlite::Result<u64> {
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO {} (segment, bucket, part, data) VALUES (?1, ?2, ?3, ?4)",
        kind.table()
    ))?;
    let mut parts: Vec<Vec<u8>> = Vec::new();
    split(kind, postings, &mut parts);
    let mut bytes = 0u64;
    for (k, blob) in parts.into_iter().enumerate() {
        bytes += blob.len() as u64;
        stmt.execute(params![segment, bucket, k as i64, blob])?;
    }
    Ok(bytes)
}

/// Encode `postings` as blobs of at most [`PART_BYTES`] where it can: halves
/// cut between documents, until they fit (one document's postings of one id
/// are never cut).
fn split(kind: Kind, postings: &[Posting], parts: &mut Vec<Vec<u8>>) {
    let blob = encode(kind, postings);
    if blob.len() <= PART_BYTES || postings.len() < 2 {
        parts.push(blob);
        return;
    }
    let mut mid = postings.len() / 2;
    let same =
        |i: usize| postings[i].id == postings[i - 1].id && postings[i].doc == postings[i - 1].doc;
    while mid > 0 && same(mid) {
        mid -= 1;
    }
    if mid == 0 {
        mid = postings.len() / 2;
        while mid < postings.len() && same(mid) {
            mid += 1;
        }
    }
    if mid == 0 || mid == postings.len() {
        parts.push(blob);
        return;
    }
    split(kind, &postings[..mid], parts);
    split(kind, &postings[mid..], parts);
}

/// The postings of `ids` of one kind, from every segment, without removed
/// documents, in no particular order.
pub(crate) fn lookup(
    conn: &Connection,
    kind: Kind,
    ids: &[u64],
    removed: &HashSet<u32>,
) -> rusqlite::Result<Vec<Posting>> {
    let mut by_bucket: HashMap<u32, Vec<u64>> = HashMap::new();
    let mut original: HashMap<(u32, u64), u64> = HashMap::new();
    for &id in ids {
        by_bucket
            .entry(bucket(id))
            .or_default()
            .push(inner(kind, id));
        original.insert((bucket(id), inner(kind, id)), id);
    }
    let segments = segment_ids(conn)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT data FROM {} WHERE segment = ?1 AND bucket = ?2",
        kind.table()
    ))?;
    let mut out = Vec::new();
    let mut buckets: Vec<(u32, Vec<u64>)> = by_bucket.into_iter().collect();
    buckets.sort_unstable_by_key(|b| b.0);
    for (b, mut wanted) in buckets {
        wanted.sort_unstable();
        wanted.dedup();
        let from = out.len();
        for &segment in &segments {
            let mut rows = stmt.query(params![segment, b])?;
            while let Some(row) = rows.next()? {
                let data = row.get_ref(0)?.as_blob()?;
                decode(kind, data, Some(&wanted), removed, &mut out);
            }
        }
        for p in &mut out[from..] {
            if let Some(&id) = original.get(&(b, p.id)) {
                p.id = id;
            }
        }
    }
    Ok(out)
}

/// The segments, oldest first.
fn segment_ids(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM segments ORDER BY id")?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// Merge `segments` into the new segment `into` (newer than all of them),
/// dropping postings of `removed` documents; the old segments' rows are
/// deleted. Bucket by bucket, so only one bucket's postings are in memory at
/// a time, and the new rows are appended in key order.
pub(crate) fn merge(
    conn: &Connection,
    segments: &[i64],
    into: i64,
    removed: &HashSet<u32>,
) -> rusqlite::Result<u64> {
    let mut bytes = 0u64;
    let mut postings: Vec<Posting> = Vec::new();
    for kind in [Kind::Phrase, Kind::Source] {
        let table = kind.table();
        let mut read = conn.prepare_cached(&format!(
            "SELECT data FROM {table} WHERE segment = ?1 AND bucket = ?2"
        ))?;
        for b in 0..(1u32 << BUCKET_BITS) {
            postings.clear();
            for &segment in segments {
                let mut rows = read.query(params![segment, b])?;
                while let Some(row) = rows.next()? {
                    decode(
                        kind,
                        row.get_ref(0)?.as_blob()?,
                        None,
                        removed,
                        &mut postings,
                    );
                }
            }
            if postings.is_empty() {
                continue;
            }
            postings.sort_unstable_by_key(|p| (p.id, p.doc, p.key));
            bytes += write_bucket(conn, kind, into, b, &postings)?;
        }
        let mut delete = conn.prepare_cached(&format!("DELETE FROM {table} WHERE segment = ?1"))?;
        for &segment in segments {
            delete.execute(params![segment])?;
        }
    }
    Ok(bytes)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn p(id: u64, doc: u32, key: u32) -> Posting {
        Posting {
            id,
            doc,
            key,
            start: key * 2,
            len: 3 + key % 2,
        }
    }

    #[test]
    fn postings_survive_encoding() {
        let mut ps = vec![
            p(7, 1, 5),
            p(7, 1, 9),
            p(7, 4, 0),
            p(1 << 60, 2, 100),
            p(9, 3, 1),
        ];
        ps.sort_unstable_by_key(|p| (p.id, p.doc, p.key));
        let blob = encode(Kind::Phrase, &ps);
        let mut out = Vec::new();
        decode(Kind::Phrase, &blob, None, &HashSet::new(), &mut out);
        assert_eq!(out, ps);
        out.clear();
        decode(Kind::Phrase, &blob, Some(&[9]), &HashSet::new(), &mut out);
        assert_eq!(out, vec![p(9, 3, 1)]);
        out.clear();
        let removed: HashSet<u32> = [1].into_iter().collect();
        decode(Kind::Phrase, &blob, Some(&[7]), &removed, &mut out);
        assert_eq!(out, vec![p(7, 4, 0)]);
        // Source postings keep documents only.
        let blob = encode(Kind::Source, &ps);
        out.clear();
        decode(Kind::Source, &blob, Some(&[7]), &HashSet::new(), &mut out);
        assert_eq!(out.iter().map(|p| p.doc).collect::<Vec<_>>(), vec![1, 4]);
    }

    #[test]
    fn damaged_blobs_do_not_panic() {
        let ps = vec![p(7, 1, 5), p(8, 2, 6)];
        let blob = encode(Kind::Phrase, &ps);
        for cut in 0..blob.len() {
            let mut out = Vec::new();
            decode(Kind::Phrase, &blob[..cut], None, &HashSet::new(), &mut out);
            assert!(out.len() <= 2);
        }
        let mut out = Vec::new();
        decode(Kind::Phrase, &[0xff; 40], None, &HashSet::new(), &mut out);
    }
}
