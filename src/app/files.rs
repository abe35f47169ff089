//! Reading documents from files and standard input: the I/O edge in front of
//! the core's [`taohua_core::ingest`].
//!
//! A file's bytes are read here, bounded by [`MAX_FILE_BYTES`] (a file may
//! grow, or be a device or pipe whose size the metadata does not tell), and
//! handed to the core's format readers and decoder. The path `-` reads
//! standard input. Every error names the file.

use crate::i18n::msg;
use std::io::Read;
use std::path::{Path, PathBuf};

use taohua_core::ingest::{encoding_for_label, Detection, Encoding, Format, FormatError};
use thiserror::Error;

use super::error::InputError;

/// The largest file taohua reads. A text of this many bytes has at most as
/// many characters, well inside the core's char offsets (`u32`).
pub(crate) const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

const _: () = assert!(MAX_FILE_BYTES < taohua_core::text::MAX_CHARS as u64);

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// Why a document could not be read. Every variant names the file.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The path does not exist.
    #[error("{}", msg::err_no_such_file(&.path.display().to_string()))]
    Missing {
        /// The path given.
        path: PathBuf,
    },
    /// The path is a directory.
    #[error("{}", msg::err_directory(&.path.display().to_string()))]
    Directory {
        /// The path given.
        path: PathBuf,
    },
    /// The file is too large.
    #[error("{}", msg::err_too_large(&.path.display().to_string(), *.size, *.max))]
    TooLarge {
        /// The path given.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// An I/O error (permissions, and the like).
    #[error("{}", msg::err_cannot_read(&.path.display().to_string(), .source))]
    Io {
        /// The path given.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The bytes are not a document taohua can read.
    #[error("{path}: {source}")]
    Decode {
        /// The path given.
        path: PathBuf,
        /// What the format reader or the decoder said.
        source: FormatError,
    },
}

/// A document as read from a file.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The path it was read from.
    pub path: PathBuf,
    /// Its text, as `taohua extract` prints it.
    pub text: String,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
    /// How that encoding was chosen.
    pub detection: Detection,
}

impl Loaded {
    /// A warning to show when the encoding was guessed and the guess may
    /// be wrong: the file, the encoding chosen, and how to name another.
    pub fn encoding_warning(&self) -> Option<String> {
        let Detection::Guessed(guess) = self.detection else {
            return None;
        };
        if !self.detection.is_uncertain() {
            return None;
        }
        let other = match guess.runner_up {
            Some((name, p)) => msg::enc_runner_up(name, 100.0 * f64::from(p)),
            None => String::new(),
        };
        Some(msg::enc_guessed(
            &self.path.display().to_string(),
            self.encoding,
            100.0 * f64::from(guess.plausibility),
            &other,
        ))
    }
}

/// Print `doc`'s encoding warning, if it has one, on standard error.
pub fn warn_about_encoding(doc: &Loaded) {
    if let Some(w) = doc.encoding_warning() {
        eprintln!(
            "taohua: {}{}{}",
            msg::warning(),
            msg::colon(),
            crate::report::sanitize(&w)
        );
    }
}

/// Which encoding each file is read in. The most specific source wins: a
/// file or folder named with `:ENCODING` on the command line
/// (`old.txt:big5`, `hk/:big5-hkscs`), then a manifest's `encoding` column,
/// then `--encoding` for every file; a file none of them names is detected.
#[derive(Debug, Clone, Default)]
pub struct Encodings {
    /// `--encoding`: every file not named otherwise.
    pub all: Option<&'static Encoding>,
    /// Files and folders named `PATH:ENCODING`.
    pub named: Vec<(PathBuf, &'static Encoding)>,
}

impl Encodings {
    /// Every file in this encoding (or detected, with `None`).
    pub fn all(encoding: Option<&'static Encoding>) -> Encodings {
        Encodings {
            all: encoding,
            named: Vec::new(),
        }
    }

    /// The encoding for `path`, given what its manifest row says.
    pub fn for_file(&self, path: &Path, manifest: Option<&str>) -> Option<&'static Encoding> {
        self.named
            .iter()
            .filter(|(p, _)| path == p || path.starts_with(p))
            .max_by_key(|(p, _)| p.components().count())
            .map(|(_, e)| *e)
            .or_else(|| manifest.and_then(encoding_for_label))
            .or(self.all)
    }
}

/// Split `PATH:ENCODING` (`old.txt:big5`) into the path and the encoding.
/// A path that exists as given is never split, so `C:\a.txt` and a file
/// whose name holds a colon are read as they are; a suffix that is not an
/// encoding's name is part of the path. The `:` must follow a path that
/// exists, so that a missing file is reported as such.
pub fn split_encoding(arg: &Path) -> Result<(PathBuf, Option<&'static Encoding>), InputError> {
    if arg.exists() || arg.as_os_str() == STDIN {
        return Ok((arg.to_path_buf(), None));
    }
    let Some(text) = arg.to_str() else {
        return Ok((arg.to_path_buf(), None));
    };
    let Some((path, label)) = text.rsplit_once(':') else {
        return Ok((arg.to_path_buf(), None));
    };
    if path.is_empty() || !(Path::new(path).exists() || path == STDIN) {
        return Ok((arg.to_path_buf(), None));
    }
    match encoding_for_label(label) {
        Some(e) => Ok((PathBuf::from(path), Some(e))),
        None => Err(InputError::usage(msg::enc_unknown_after_colon(text, label))),
    }
}

/// Read and decode one document; the path `-` reads standard input.
pub fn read_document(
    path: &Path,
    encoding: Option<&'static Encoding>,
) -> Result<Loaded, ReadError> {
    let owned = || path.to_path_buf();
    let stdin = path.as_os_str() == STDIN;
    let bytes = if stdin {
        read_bounded(std::io::stdin().lock(), path)?
    } else {
        read_file(path)?
    };
    let format = Format::detect((!stdin).then_some(path), &bytes);
    let decoded = format
        .extract(&bytes, encoding)
        .map_err(|e| ReadError::Decode {
            path: owned(),
            source: e,
        })?;
    Ok(Loaded {
        path: owned(),
        text: decoded.text,
        encoding: decoded.encoding,
        detection: decoded.detection,
    })
}

/// A file's bytes, refused when missing, a directory or too large.
fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let owned = || path.to_path_buf();
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing { path: owned() },
        _ => ReadError::Io {
            path: owned(),
            source: e,
        },
    })?;
    if meta.is_dir() {
        return Err(ReadError::Directory { path: owned() });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            path: owned(),
            size: meta.len(),
            max: MAX_FILE_BYTES,
        });
    }
    let file = std::fs::File::open(path).map_err(|e| ReadError::Io {
        path: owned(),
        source: e,
    })?;
    read_bounded(file, path)
}

/// Read at most [`MAX_FILE_BYTES`].
fn read_bounded(reader: impl Read, path: &Path) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    Ok(bytes)
}

/// A hidden file or folder (`.git`, `.DS_Store`).
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Files that describe a folder rather than belong to it: README, LICENSE,
/// CHANGELOG and the like, whatever their extension (lower-cased name).
fn is_project_file(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    matches!(
        stem,
        "readme"
            | "license"
            | "licence"
            | "copying"
            | "changelog"
            | "manifest"
            | "authors"
            | "notice"
    )
}

/// Why a file or folder of a corpus was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// A hidden file or folder (its name starts with `.`); a folder is
    /// listed once, not file by file.
    Hidden,
    /// A README, LICENSE, CHANGELOG or the like: it describes the folder.
    ProjectFile,
    /// Not a type of document taohua reads (by its extension).
    OtherType,
    /// A symbolic link to a folder (or to nothing), which corpus listing
    /// does not follow, so links cannot loop.
    Link,
    /// Matched this `--exclude` glob.
    Excluded(String),
    /// Matched no `--include` glob.
    NotIncluded,
    /// Could not be read: the reason.
    Unreadable(String),
}

impl SkipReason {
    /// A short name for counts: `2 hidden`, `1 README-like`.
    pub fn label(&self) -> &'static str {
        match self {
            SkipReason::Hidden => msg::skip_hidden(),
            SkipReason::ProjectFile => msg::skip_project_file(),
            SkipReason::OtherType => msg::skip_other_type(),
            SkipReason::Link => msg::skip_link(),
            SkipReason::Excluded(_) => msg::skip_excluded(),
            SkipReason::NotIncluded => msg::skip_not_included(),
            SkipReason::Unreadable(_) => msg::skip_unreadable(),
        }
    }

    /// The reason's code in the JSON report.
    pub fn code(&self) -> &'static str {
        match self {
            SkipReason::Hidden => "hidden",
            SkipReason::ProjectFile => "project-file",
            SkipReason::OtherType => "other-type",
            SkipReason::Link => "link",
            SkipReason::Excluded(_) => "excluded",
            SkipReason::NotIncluded => "not-included",
            SkipReason::Unreadable(_) => "unreadable",
        }
    }

    /// The reason in words, in English whatever the language: for the
    /// JSON report.
    pub fn detail(&self) -> String {
        crate::i18n::scoped(crate::i18n::Lang::En, || self.words())
    }

    /// The reason in words, in the language in effect: for `--verbose`.
    pub fn words(&self) -> String {
        match self {
            SkipReason::Hidden => msg::skip_hidden_why().into(),
            SkipReason::ProjectFile => msg::skip_project_file_why().into(),
            SkipReason::OtherType => msg::skip_other_type_why().into(),
            SkipReason::Link => msg::skip_link_why().into(),
            SkipReason::Excluded(glob) => msg::skip_excluded_why(glob),
            SkipReason::NotIncluded => msg::skip_not_included_why().into(),
            SkipReason::Unreadable(why) => why.clone(),
        }
    }
}

/// A file or folder of a corpus that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path.
    pub path: PathBuf,
    /// Why.
    pub reason: SkipReason,
}

/// The `--include` and `--exclude` globs: which files count.
///
/// A glob is matched against a file's path below the folder given and
/// against its name alone, so `*.txt` and `2025_*` work at any depth and
/// `drafts/**` names a subfolder. globset: the glob syntax users know from
/// ripgrep and `.gitignore` (`**`, `{a,b}`, classes), compiled once into one
/// automaton per set, with its errors saying what is wrong with a pattern.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    include: Option<globset::GlobSet>,
    exclude: Option<(globset::GlobSet, Vec<String>)>,
}

impl Selection {
    /// The globs, checked: a glob that cannot be read is a usage error.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Selection, InputError> {
        let set = |option: &str, globs: &[String]| -> Result<_, InputError> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut builder = globset::GlobSetBuilder::new();
            for g in globs {
                let glob = globset::Glob::new(g).map_err(|e| {
                    InputError::usage(msg::err_not_glob(option, g, &e.kind().to_string()))
                })?;
                builder.add(glob);
            }
            builder
                .build()
                .map(Some)
                .map_err(|e| InputError::usage(format!("{option}{}{e}", msg::colon())))
        };
        Ok(Selection {
            include: set("--include", include)?,
            exclude: set("--exclude", exclude)?.map(|s| (s, exclude.to_vec())),
        })
    }

    /// Why a file at `rel` (below the folder given) named `name` is left
    /// out, if it is.
    fn verdict(&self, rel: &Path, name: &str) -> Option<SkipReason> {
        if let Some((set, globs)) = &self.exclude {
            let mut hits = set.matches(rel);
            hits.extend(set.matches(name));
            if let Some(&k) = hits.iter().min() {
                return Some(SkipReason::Excluded(
                    globs.get(k).cloned().unwrap_or_default(),
                ));
            }
        }
        if let Some(set) = &self.include {
            if !set.is_match(rel) && !set.is_match(name) {
                return Some(SkipReason::NotIncluded);
            }
        }
        None
    }
}

/// The files of a corpus, the manifest found among them, and what was left
/// out.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Document files, sorted, without duplicates.
    pub files: Vec<PathBuf>,
    /// A `MANIFEST.tsv` or `MANIFEST.csv` found in a folder.
    pub manifest: Option<PathBuf>,
    /// What was not read, and why, in the order found.
    pub skipped: Vec<Skipped>,
}

/// The files of a corpus: folders walked (following links to files but not
/// links to folders, so links cannot loop), files taken as given. A file in a folder is a
/// document when its extension names a format taohua reads
/// ([`Format::for_path`], the same list `compare` reads by), unless it is
/// hidden (or in a hidden folder) or is a README, LICENSE or the like; a file
/// named on the command line is always read. `selection`'s globs apply to
/// both. Everything left out is listed with its reason.
pub(crate) fn corpus_files(
    inputs: &[PathBuf],
    selection: &Selection,
) -> Result<Listing, InputError> {
    let mut out = Listing::default();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|source| InputError::List {
            path: input.clone(),
            source,
        })?;
        if !meta.is_dir() {
            let name = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match selection.verdict(input, &name) {
                Some(reason) => out.skipped.push(Skipped {
                    path: input.clone(),
                    reason,
                }),
                None => out.files.push(input.clone()),
            }
            continue;
        }
        let mut walk = walkdir::WalkDir::new(input)
            .follow_links(false)
            .max_depth(16)
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    out.skipped.push(Skipped {
                        path: e.path().map(Path::to_path_buf).unwrap_or_default(),
                        reason: SkipReason::Unreadable(e.to_string()),
                    });
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            let kind = entry.file_type();
            if is_hidden(entry.file_name()) {
                if kind.is_dir() {
                    walk.skip_current_dir();
                }
                out.skipped.push(Skipped {
                    path: entry.into_path(),
                    reason: SkipReason::Hidden,
                });
                continue;
            }
            // A link to a file is read as the file; a link to a folder (or
            // to nothing, or to itself) is not followed.
            let linked_file =
                kind.is_symlink() && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file());
            if kind.is_symlink() && !linked_file {
                out.skipped.push(Skipped {
                    path: entry.into_path(),
                    reason: SkipReason::Link,
                });
                continue;
            }
            if !kind.is_file() && !linked_file {
                continue;
            }
            let path = entry.into_path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let lower = name.to_lowercase();
            if lower == "manifest.tsv" || lower == "manifest.csv" {
                out.manifest.get_or_insert(path);
                continue;
            }
            let reason = if !Format::for_path(&path).is_some_and(Format::is_readable) {
                Some(SkipReason::OtherType)
            } else if is_project_file(&lower) {
                Some(SkipReason::ProjectFile)
            } else {
                let rel = path.strip_prefix(input).unwrap_or(&path);
                selection.verdict(rel, &name)
            };
            match reason {
                Some(reason) => out.skipped.push(Skipped { path, reason }),
                None => out.files.push(path),
            }
        }
    }
    out.files.sort();
    out.files.dedup();
    Ok(out)
}

/// Make `dir` ready for a report's files (`--out DIR`): created, with its
/// parents, when absent; an existing folder is used as it is, and the files
/// taohua writes there replace any of the same name.
pub fn output_dir(dir: &Path) -> Result<(), InputError> {
    if dir.exists() && !dir.is_dir() {
        return Err(InputError::usage(msg::out_is_file(
            &dir.display().to_string(),
        )));
    }
    std::fs::create_dir_all(dir).map_err(|source| InputError::Output {
        path: dir.to_path_buf(),
        source,
    })
}

/// Write a report's file, the error naming it.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), InputError> {
    std::fs::write(path, bytes).map_err(|source| InputError::Output {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A folder with documents, a README, a hidden folder, a hidden file,
    /// an image and a subfolder.
    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join(".git/objects")).unwrap();
        std::fs::create_dir_all(d.join("drafts")).unwrap();
        for f in [
            "2025_甲省_讲话.txt",
            "2026_甲省_讲话.md",
            "README.md",
            "LICENSE",
            ".notes.txt",
            ".git/objects/a.txt",
            ".git/HEAD.txt",
            "photo.jpg",
            "drafts/2026_乙省_讲话.txt",
            "MANIFEST.tsv",
        ] {
            std::fs::write(d.join(f), "text").unwrap();
        }
        dir
    }

    fn names(paths: &[PathBuf], root: &Path) -> Vec<String> {
        paths
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn hidden_and_project_files_are_listed_as_skipped_with_their_reason() {
        let dir = folder();
        let root = dir.path();
        let l = corpus_files(&[root.to_path_buf()], &Selection::default()).unwrap();
        assert_eq!(
            names(&l.files, root),
            [
                "2025_甲省_讲话.txt",
                "2026_甲省_讲话.md",
                "drafts/2026_乙省_讲话.txt"
            ]
        );
        assert_eq!(l.manifest, Some(root.join("MANIFEST.tsv")));
        let mut skipped: Vec<(String, &str)> = l
            .skipped
            .iter()
            .map(|s| {
                let name = s.path.strip_prefix(root).unwrap().to_string_lossy();
                (name.into_owned(), s.reason.label())
            })
            .collect();
        skipped.sort();
        let want = [
            (".git", "hidden"),
            (".notes.txt", "hidden"),
            ("LICENSE", "not a document type"),
            ("README.md", "README-like"),
            ("photo.jpg", "not a document type"),
        ];
        let want: Vec<(String, &str)> = want.iter().map(|(a, b)| (a.to_string(), *b)).collect();
        assert_eq!(skipped, want, "the hidden folder is one entry, not walked");
        // A README named on the command line is read.
        let named = corpus_files(&[root.join("README.md")], &Selection::default()).unwrap();
        assert_eq!(named.files, [root.join("README.md")]);
    }

    #[test]
    fn include_and_exclude_globs_match_the_name_or_the_path_below_the_folder() {
        let dir = folder();
        let root = dir.path();
        let sel = Selection::new(&[], &["drafts/**".into()]).unwrap();
        let l = corpus_files(&[root.to_path_buf()], &sel).unwrap();
        assert_eq!(
            names(&l.files, root),
            ["2025_甲省_讲话.txt", "2026_甲省_讲话.md"]
        );
        assert!(l
            .skipped
            .iter()
            .any(|s| s.path.ends_with("drafts/2026_乙省_讲话.txt")
                && s.reason == SkipReason::Excluded("drafts/**".into())));
        let sel = Selection::new(&["2026_*".into()], &["*.md".into()]).unwrap();
        let l = corpus_files(&[root.to_path_buf()], &sel).unwrap();
        assert_eq!(names(&l.files, root), ["drafts/2026_乙省_讲话.txt"]);
        assert!(
            l.skipped
                .iter()
                .any(|s| s.path.ends_with("2025_甲省_讲话.txt")
                    && s.reason == SkipReason::NotIncluded)
        );
        let err = Selection::new(&["[ab".into()], &[])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("--include [ab: not a glob"), "{err}");
    }
}
