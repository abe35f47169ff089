//! The library: a persistent collection of documents in one SQLite file, with
//! the index that `trace` and `find` ask.
//!
//! One file (by default `$XDG_DATA_HOME/taohua/library.sqlite`), opened with
//! SQLite's write-ahead log, so a `trace` or `find` can read while an `add`
//! writes. Its schema is documented in README.md ("The library file") for
//! researchers who open it with `sqlite3`, Python or R:
//! - `documents`: one row per document: path, content hash, metadata with
//!   where each field came from, sizes, when it was added, and the text.
//! - `phrase_postings`, `source_postings`, `segments`: the index (see
//!   [`store`]).
//! - `removed`: ids of removed documents whose postings still sit in a
//!   segment (they are skipped, and dropped at the next merge).
//! - `settings`: how the index was built.
//!
//! The file carries `PRAGMA application_id` (so that another program's
//! database is refused, never written) and `PRAGMA user_version` (the schema
//! version: an older file is upgraded, a newer one refused). Every write is
//! one transaction: a batch of documents with its postings, a removal, a
//! merge. A crash or a `kill -9` leaves the library as it was before the
//! batch, and the next `add` completes it.

pub mod add;
pub mod find;
pub(crate) mod store;
pub mod trace;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension};
use taohua_core::corpus::meta::{DocMeta, Field, Source};
use thiserror::Error;

pub use add::{AddOptions, AddSummary};
pub use find::{find, Hit};
pub use trace::{trace, TraceResult};

/// `PRAGMA application_id` of a taohua library ("taoh").
const APPLICATION_ID: i32 = 0x7461_6f68;
/// The schema version this taohua reads and writes.
pub const SCHEMA_VERSION: i32 = 1;

/// Why a library cannot be used. Each names the file and what to do.
#[derive(Debug, Error)]
pub enum LibraryError {
    /// No library at the path, for a command that only reads.
    #[error("{}", crate::i18n::msg::lib_err_missing(&path.display().to_string()))]
    Missing {
        /// The library file.
        path: PathBuf,
    },
    /// The path is a folder, not a library file.
    #[error("{}", crate::i18n::msg::lib_err_folder(&path.display().to_string()))]
    Folder {
        /// The folder.
        path: PathBuf,
    },
    /// The file is not a taohua library.
    #[error("{}", crate::i18n::msg::lib_err_not_library(&path.display().to_string(), detail))]
    NotALibrary {
        /// The file.
        path: PathBuf,
        /// What it is instead.
        detail: String,
    },
    /// The file is damaged.
    #[error("{}", crate::i18n::msg::lib_err_corrupt(&path.display().to_string(), detail))]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
    /// The file was written by a newer taohua.
    #[error("{}", crate::i18n::msg::lib_err_newer(&path.display().to_string(), *found, SCHEMA_VERSION))]
    Newer {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i32,
    },
    /// The file or its folder cannot be written.
    #[error("{}", crate::i18n::msg::lib_err_read_only(&path.display().to_string(), detail))]
    ReadOnly {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// Anything else SQLite or the file system reported.
    #[error("{}{}{detail}", path.display(), crate::i18n::msg::colon())]
    Other {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },
}

impl LibraryError {
    /// True when the error is about what the user gave (exit code 2): every
    /// kind but [`LibraryError::Other`].
    pub fn is_input(&self) -> bool {
        !matches!(self, LibraryError::Other { .. })
    }
}

/// The library's default file: `library.sqlite` in the platform's data
/// folder (`$XDG_DATA_HOME/taohua` on Linux).
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("taohua").join("library.sqlite"))
}

/// An open library.
pub struct Library {
    conn: Connection,
    path: PathBuf,
    /// Removed documents whose postings are still in segments.
    removed: HashSet<u32>,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library").field("path", &self.path).finish()
    }
}

/// A document as the library keeps it (without its text).
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryDoc {
    /// Its id (stable: ids are never reused).
    pub id: u32,
    /// The path it was added from.
    pub path: String,
    /// Metadata, with where each field came from.
    pub meta: DocMeta,
    /// Characters in the text.
    pub chars: usize,
    /// Countable characters.
    pub countable: usize,
    /// When it was added (UTC, RFC 3339).
    pub added: String,
}

/// The figures of `library info`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Info {
    /// Documents.
    pub documents: usize,
    /// Characters in all texts.
    pub chars: u64,
    /// Documents per year (without year: `None`), by year.
    pub years: Vec<(Option<i32>, usize)>,
    /// Documents per region, most first.
    pub regions: Vec<(Option<String>, usize)>,
    /// Documents per kind, most first.
    pub kinds: Vec<(Option<String>, usize)>,
    /// Bytes of the file and its write-ahead log.
    pub bytes: u64,
    /// Bytes of UTF-8 text held.
    pub text_bytes: u64,
    /// Index segments.
    pub segments: usize,
}

/// Every document's metadata without its text: `trace`, `find` and `list`
/// read the documents' rows from this index instead of the table, whose
/// pages are mostly text (a 100× library: 2 MB instead of 26 MB read).
/// Libraries written before it gain it at their next `add`.
const META_INDEX: &str = "CREATE INDEX IF NOT EXISTS documents_meta ON documents(id, year, region,
    kind, chars, countable, path, title, year_source, region_source, kind_source, added)";

const SCHEMA: &str = "
CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    year INTEGER,
    region TEXT,
    kind TEXT,
    year_source TEXT,
    region_source TEXT,
    kind_source TEXT,
    chars INTEGER NOT NULL,
    countable INTEGER NOT NULL,
    added TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX documents_path ON documents(path);
CREATE INDEX documents_year ON documents(year);
CREATE TABLE segments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    documents INTEGER NOT NULL,
    bytes INTEGER NOT NULL
);
CREATE TABLE phrase_postings (
    segment INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    part INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (segment, bucket, part)
) WITHOUT ROWID;
CREATE TABLE source_postings (
    segment INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    part INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (segment, bucket, part)
) WITHOUT ROWID;
CREATE TABLE removed (id INTEGER PRIMARY KEY);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
";

impl Library {
    /// Open an existing library to read.
    pub fn open(path: &Path) -> Result<Library, LibraryError> {
        if path.is_dir() {
            return Err(LibraryError::Folder {
                path: path.to_path_buf(),
            });
        }
        if !path.exists() {
            return Err(LibraryError::Missing {
                path: path.to_path_buf(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
        let mut lib = Library {
            conn,
            path: path.to_path_buf(),
            removed: HashSet::new(),
        };
        lib.check(false)?;
        lib.load_removed()?;
        Ok(lib)
    }

    /// Open a library to write, creating it (and its folder) when absent.
    pub fn open_or_create(path: &Path) -> Result<Library, LibraryError> {
        if path.is_dir() {
            return Err(LibraryError::Folder {
                path: path.to_path_buf(),
            });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| LibraryError::ReadOnly {
                path: path.to_path_buf(),
                detail: format!("cannot create {}: {e}", dir.display()),
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
        let mut lib = Library {
            conn,
            path: path.to_path_buf(),
            removed: HashSet::new(),
        };
        lib.check(true)?;
        lib.load_removed()?;
        Ok(lib)
    }

    /// The library's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn removed(&self) -> &HashSet<u32> {
        &self.removed
    }

    /// A SQLite error on this library, classified.
    pub(crate) fn err(&self, e: rusqlite::Error) -> LibraryError {
        classify(&self.path, e)
    }

    /// Check what the file is; create the schema in a new file (when
    /// `write`), upgrade an older one, refuse anything else.
    fn check(&mut self, write: bool) -> Result<(), LibraryError> {
        let path = self.path.clone();
        let id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| classify(&path, e))?;
        let version: i32 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| classify(&path, e))?;
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(|e| classify(&path, e))?;
        if id == 0 && version == 0 && tables == 0 {
            if !write {
                return Err(LibraryError::Missing { path });
            }
            return self.create();
        }
        if id != APPLICATION_ID {
            return Err(LibraryError::NotALibrary {
                path,
                detail: format!("an SQLite database of another program, with {tables} tables"),
            });
        }
        if version > SCHEMA_VERSION {
            return Err(LibraryError::Newer {
                path,
                found: version,
            });
        }
        if version < SCHEMA_VERSION {
            return Err(LibraryError::NotALibrary {
                path,
                detail: format!("schema {version}, which no released taohua wrote"),
            });
        }
        self.conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| classify(&path, e))?;
        Ok(())
    }

    fn create(&mut self) -> Result<(), LibraryError> {
        let path = self.path.clone();
        // 16 KiB pages hold a bucket's postings (up to 4 KB) in the page
        // itself: with 4 KiB pages every blob over 1 KB took an overflow page
        // of its own, a third of the file. Pages freed by merges and removals
        // go back to the file system.
        self.conn
            .execute_batch("PRAGMA page_size = 16384; PRAGMA auto_vacuum = INCREMENTAL;")
            .map_err(|e| classify(&path, e))?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| classify(&path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(LibraryError::ReadOnly {
                path,
                detail: format!("the write-ahead log could not be enabled (journal mode {mode})"),
            });
        }
        let tx = self.conn.transaction().map_err(|e| classify(&path, e))?;
        tx.execute_batch(SCHEMA).map_err(|e| classify(&path, e))?;
        tx.execute_batch(META_INDEX)
            .map_err(|e| classify(&path, e))?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('fingerprint', ?1)",
            params![format!(
                "window {} keys, winnowed over {} windows; phrases by trigram",
                taohua_core::fingerprint::WINDOW,
                taohua_core::fingerprint::WINNOW
            )],
        )
        .map_err(|e| classify(&path, e))?;
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
        ))
        .map_err(|e| classify(&path, e))?;
        tx.commit().map_err(|e| classify(&path, e))?;
        self.conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| classify(&path, e))?;
        Ok(())
    }

    fn load_removed(&mut self) -> Result<(), LibraryError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM removed")
            .map_err(|e| self.err(e))?;
        let ids = stmt
            .query_map([], |r| r.get::<_, u32>(0))
            .and_then(|rows| rows.collect::<Result<HashSet<u32>, _>>())
            .map_err(|e| classify(&self.path, e))?;
        drop(stmt);
        self.removed = ids;
        Ok(())
    }

    /// Every document, by id (optionally only those passing `filter`).
    pub fn documents(
        &self,
        filter: &taohua_core::commonness::Filter,
    ) -> Result<Vec<LibraryDoc>, LibraryError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, path, title, year, region, kind, year_source, region_source,
                        kind_source, chars, countable, added
                 FROM documents ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], row_doc)
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| classify(&self.path, e))?;
        Ok(rows.into_iter().filter(|d| passes(d, filter)).collect())
    }

    /// One document's row, if it is in the library.
    pub fn document(&self, id: u32) -> Result<Option<LibraryDoc>, LibraryError> {
        self.conn
            .query_row(
                "SELECT id, path, title, year, region, kind, year_source, region_source,
                        kind_source, chars, countable, added
                 FROM documents WHERE id = ?1",
                params![id],
                row_doc,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// A document's text.
    pub fn text(&self, id: u32) -> Result<Option<String>, LibraryError> {
        self.conn
            .prepare_cached("SELECT text FROM documents WHERE id = ?1")
            .and_then(|mut s| s.query_row(params![id], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    /// The id of the document with this text, if the library holds it.
    pub(crate) fn id_of_text(&self, text: &str) -> Result<Option<u32>, LibraryError> {
        self.conn
            .query_row(
                "SELECT id FROM documents WHERE content_hash = ?1",
                params![content_hash(text)],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The figures of `library info`.
    pub fn info(&self) -> Result<Info, LibraryError> {
        let c = &self.conn;
        let q = |sql: &str| -> Result<(i64, i64, i64), LibraryError> {
            c.query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .map_err(|e| self.err(e))
        };
        let (documents, chars, text_bytes) = q(
            "SELECT count(*), coalesce(sum(chars), 0), coalesce(sum(length(CAST(text AS BLOB))), 0) FROM documents",
        )?;
        let segments: i64 = c
            .query_row("SELECT count(*) FROM segments", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let group = |col: &str| -> Result<Vec<(Option<String>, usize)>, LibraryError> {
            let sql = format!(
                "SELECT CAST({col} AS TEXT), count(*) FROM documents GROUP BY {col} ORDER BY count(*) DESC, {col}"
            );
            let mut stmt = c.prepare(&sql).map_err(|e| self.err(e))?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)? as usize))
                })
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
                .map_err(|e| self.err(e))?;
            Ok(rows)
        };
        let mut years: Vec<(Option<i32>, usize)> = group("year")?
            .into_iter()
            .map(|(y, n)| (y.and_then(|y| y.parse().ok()), n))
            .collect();
        years.sort_by_key(|(y, _)| (y.is_none(), *y));
        let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        Ok(Info {
            documents: documents as usize,
            chars: chars as u64,
            years,
            regions: group("region")?,
            kinds: group("kind")?,
            bytes: size(&self.path) + size(Path::new(&wal)),
            text_bytes: text_bytes as u64,
            segments: segments as usize,
        })
    }
}

/// Whether a document passes a filter.
pub(crate) fn passes(d: &LibraryDoc, f: &taohua_core::commonness::Filter) -> bool {
    let m = &d.meta;
    f.admits(
        m.year.as_ref().map(|y| y.value),
        m.region.as_ref().map(|x| x.value.as_str()),
        m.kind.as_ref().map(|x| x.value.as_str()),
    )
}

fn row_doc(r: &rusqlite::Row) -> rusqlite::Result<LibraryDoc> {
    let field = |v: Option<String>, s: Option<String>| {
        v.map(|value| Field {
            value,
            source: source_of(s.as_deref()),
        })
    };
    let year: Option<i32> = r.get(3)?;
    let year_source: Option<String> = r.get(6)?;
    Ok(LibraryDoc {
        id: r.get(0)?,
        path: r.get(1)?,
        meta: DocMeta {
            title: r.get(2)?,
            year: year.map(|value| Field {
                value,
                source: source_of(year_source.as_deref()),
            }),
            region: field(r.get(4)?, r.get(7)?),
            kind: field(r.get(5)?, r.get(8)?),
        },
        chars: r.get::<_, i64>(9)? as usize,
        countable: r.get::<_, i64>(10)? as usize,
        added: r.get(11)?,
    })
}

/// How a metadata source is written in the library (as in the corpus JSON).
pub(crate) fn source_name(s: Source) -> &'static str {
    match s {
        Source::Manifest => "manifest",
        Source::FrontMatter => "front-matter",
        Source::FileName => "file-name",
        Source::Text => "text",
    }
}

/// A metadata source as the library (and the corpus JSON) writes it.
pub(crate) fn source_of(s: Option<&str>) -> Source {
    match s {
        Some("manifest") => Source::Manifest,
        Some("front-matter") => Source::FrontMatter,
        Some("file-name") => Source::FileName,
        _ => Source::Text,
    }
}

/// A stable 128-bit hash of a text (FNV-1a), as hex: documents with the same
/// text are the same document.
pub(crate) fn content_hash(text: &str) -> String {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for &b in text.as_bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    format!("{h:032x}")
}

/// Sort a SQLite error into what the user can do about it.
fn classify(path: &Path, e: rusqlite::Error) -> LibraryError {
    let path = path.to_path_buf();
    let detail = e.to_string();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => LibraryError::NotALibrary {
            path,
            detail: "not an SQLite database".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => LibraryError::Corrupt { path, detail },
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            LibraryError::ReadOnly { path, detail }
        }
        _ => LibraryError::Other { path, detail },
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_is_stable() {
        assert_eq!(content_hash(""), "6c62272e07bb014262b821756295c58d");
        assert_ne!(content_hash("发展"), content_hash("發展"));
    }

    /// The documents' rows are listed from the covering index, not from
    /// the table's pages of text.
    #[test]
    fn documents_are_listed_from_the_metadata_index() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open_or_create(&dir.path().join("lib.sqlite")).unwrap();
        let plan: Vec<String> = lib
            .conn()
            .prepare(
                "EXPLAIN QUERY PLAN SELECT id, path, title, year, region, kind, year_source,
                 region_source, kind_source, chars, countable, added FROM documents ORDER BY id",
            )
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|p| p.contains("COVERING INDEX documents_meta")),
            "{plan:?}"
        );
    }

    #[test]
    fn a_new_library_then_a_foreign_database_then_a_newer_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/lib.sqlite");
        assert!(matches!(
            Library::open(&path),
            Err(LibraryError::Missing { .. })
        ));
        let lib = Library::open_or_create(&path).unwrap();
        assert_eq!(lib.info().unwrap().documents, 0);
        drop(lib);
        Library::open(&path).unwrap();

        let other = dir.path().join("other.sqlite");
        let c = Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        drop(c);
        let before = std::fs::read(&other).unwrap();
        assert!(matches!(
            Library::open_or_create(&other),
            Err(LibraryError::NotALibrary { .. })
        ));
        assert_eq!(
            std::fs::read(&other).unwrap(),
            before,
            "nothing overwritten"
        );

        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "这不是数据库，只是一段文字。".repeat(100)).unwrap();
        let err = Library::open_or_create(&text).unwrap_err();
        assert!(matches!(err, LibraryError::NotALibrary { .. }), "{err}");

        let c = Connection::open(&path).unwrap();
        c.execute_batch("PRAGMA user_version = 99;").unwrap();
        drop(c);
        let err = Library::open(&path).unwrap_err();
        assert!(
            matches!(err, LibraryError::Newer { found: 99, .. }),
            "{err}"
        );
    }
}
