//! A loaded corpus: the documents of a folder (or a list of files), their
//! metadata and texts, the analysis and the options it was made with. Built
//! here, in one place, and read by the corpus reports and the corpus screens
//! alike; a pair opened from it is compared with the corpus's own options.

use crate::i18n::msg;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use taohua_core::commonness::{Filter, Scope};
use taohua_core::compare::CompareOptions;
use taohua_core::corpus::analysis::{
    analyze, CorpusAnalysis, CorpusInput, CorpusOptions, EarlierReuse, Stage,
};
use taohua_core::corpus::index::{common_limit, rare_limit};
use taohua_core::corpus::meta::{resolve, DocMeta, Manifest, NamePattern};
use taohua_core::meta::Meta;

use super::error::InputError;
use super::files::{
    corpus_files, read_document, warn_about_encoding, Encodings, Listing, Selection, SkipReason,
    Skipped,
};
use super::library::Library;
use super::pair::{DocInfo, PairSession};
use crate::tui::words::WordSplitter;

/// One document of a corpus.
#[derive(Debug, Clone)]
pub struct CorpusDoc {
    /// Path as found.
    pub path: String,
    /// Metadata with sources.
    pub meta: DocMeta,
    /// Characters in the text.
    pub chars: usize,
}

/// A year (None: unknown) and the values a template took that year, each
/// with how many documents used it.
pub(crate) type YearValues = (Option<i32>, Vec<(String, usize)>);

/// How to load a corpus.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The analysis's tunables.
    pub analysis: CorpusOptions,
    /// How file names carry metadata.
    pub pattern: NamePattern,
    /// A manifest named on the command line (else one found in the folder).
    pub manifest: Option<PathBuf>,
    /// The encoding of each file, where the user named one.
    pub encodings: Encodings,
    /// Only documents passing this filter.
    pub filter: Filter,
    /// The `--include`/`--exclude` globs.
    pub selection: Selection,
}

/// Where a corpus's documents came from and what was left out: what the
/// report's first line says.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    /// Files read, documents outside the filter included.
    pub files_read: usize,
    /// Documents read but outside `--kind`/`--year`/`--region`.
    pub outside_filter: usize,
    /// The filter they were read with.
    pub filter: Filter,
    /// Files and folders not read, with the reason.
    pub skipped: Vec<Skipped>,
    /// With `corpus --library`: the library file and each document's id in it.
    pub library: Option<(PathBuf, Vec<u32>)>,
}

impl Provenance {
    /// The files that could not be read.
    pub fn unreadable(&self) -> impl Iterator<Item = &Skipped> {
        self.skipped
            .iter()
            .filter(|s| matches!(s.reason, SkipReason::Unreadable(_)))
    }

    /// How many were skipped for each reason, most first: `(label, count)`.
    pub fn skipped_by_reason(&self) -> Vec<(&'static str, usize)> {
        let mut counts: Vec<(&'static str, usize)> = Vec::new();
        for s in &self.skipped {
            let label = s.reason.label();
            match counts.iter_mut().find(|(l, _)| *l == label) {
                Some((_, n)) => *n += 1,
                None => counts.push((label, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        counts
    }

    /// What was read and what was left out, in a line: `133 files read; 2
    /// skipped: 1 hidden, 1 README-like`.
    pub fn summary(&self) -> String {
        let mut line = match &self.library {
            Some((path, _)) => msg::provenance_library(
                &msg::documents(self.files_read),
                &path.display().to_string(),
            ),
            None => msg::provenance_read(&msg::files(self.files_read)),
        };
        if self.outside_filter > 0 {
            line.push_str(&msg::provenance_outside(
                self.outside_filter,
                &filter_words(&self.filter),
            ));
        } else if self.library.is_some() && !self.filter.is_empty() {
            line.push_str(&format!(" ({})", filter_words(&self.filter)));
        }
        if !self.skipped.is_empty() {
            let why: Vec<String> = self
                .skipped_by_reason()
                .iter()
                .map(|(label, n)| format!("{n} {label}"))
                .collect();
            line.push_str(&msg::provenance_skipped(
                self.skipped.len(),
                &why.join(msg::list_sep()),
            ));
        }
        line
    }
}

/// A year or a range of years, inclusive: `2024` or `2020..2025`, as
/// `--year` and the screens' filter read them.
pub fn parse_years(s: &str) -> Result<(i32, i32), String> {
    let year = |t: &str| {
        t.trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1000..=9999).contains(y))
            .ok_or_else(|| msg::filter_not_year(t))
    };
    match s.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (year(a)?, year(b)?);
            if a > b {
                return Err(msg::filter_years_reversed(a, b));
            }
            Ok((a, b))
        }
        None => year(s).map(|y| (y, y)),
    }
}

/// A filter as the options that give it: `--kind 政府工作报告 --year 2025..2026`.
pub fn filter_words(f: &Filter) -> String {
    let mut parts = Vec::new();
    if let Some(k) = &f.kind {
        parts.push(format!("--kind {k}"));
    }
    if let Some((a, b)) = f.years {
        parts.push(if a == b {
            format!("--year {a}")
        } else {
            format!("--year {a}..{b}")
        });
    }
    if let Some(r) = &f.region {
        parts.push(format!("--region {r}"));
    }
    parts.join(" ")
}

/// A corpus read, not analysed yet.
#[derive(Debug, Clone)]
pub struct ReadCorpus {
    /// The documents, by id.
    pub docs: Vec<CorpusDoc>,
    /// Their texts, by id.
    pub texts: Vec<String>,
    /// What was read and what was left out.
    pub input: Provenance,
}

/// A corpus read and analysed.
#[derive(Debug, Clone)]
pub struct LoadedCorpus {
    /// The documents, by id.
    pub docs: Vec<CorpusDoc>,
    /// Their texts, by id.
    pub texts: Vec<String>,
    /// The analysis.
    pub analysis: CorpusAnalysis,
    /// The options the analysis was made with.
    pub options: CorpusOptions,
    /// What was read and what was left out.
    pub input: Provenance,
    /// Word boundaries for the phrases shown, loaded on first use.
    pub words: OnceLock<WordSplitter>,
}

impl LoadedCorpus {
    /// Read the documents of `inputs` (folders and files), resolve their
    /// metadata and analyse them. `progress(stage, done, total)` is called as
    /// work advances; unreadable files are skipped and listed.
    pub fn load(
        inputs: &[PathBuf],
        opts: &LoadOptions,
        progress: &(dyn Fn(Stage, usize, usize) + Sync),
    ) -> anyhow::Result<LoadedCorpus> {
        let read = LoadedCorpus::read(inputs, opts)?;
        let mut corpus =
            LoadedCorpus::analyse(read.docs, read.texts, opts.analysis.clone(), progress)?;
        corpus.input = read.input;
        Ok(corpus)
    }

    /// Read the documents of `inputs` and resolve their metadata, without
    /// analysing them (for an export): the documents in the order
    /// [`LoadedCorpus::load`] numbers them.
    pub fn read(inputs: &[PathBuf], opts: &LoadOptions) -> anyhow::Result<ReadCorpus> {
        let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        let Listing {
            files,
            manifest: found_manifest,
            skipped: mut left_out,
        } = corpus_files(inputs, &opts.selection)?;
        if files.is_empty() {
            let why = if left_out.is_empty() {
                String::new()
            } else {
                msg::corpus_left_out(
                    left_out.len(),
                    &Provenance {
                        skipped: left_out,
                        ..Provenance::default()
                    }
                    .skipped_by_reason()
                    .iter()
                    .map(|(label, n)| format!("{n} {label}"))
                    .collect::<Vec<_>>()
                    .join(msg::list_sep()),
                )
            };
            return Err(
                InputError::usage(msg::err_no_documents_found(&names.join(", "), &why)).into(),
            );
        }
        let manifest_path = opts.manifest.clone().or(found_manifest);
        let manifest = match &manifest_path {
            None => None,
            Some(p) => Some(read_manifest(p)?),
        };
        // The path a manifest row names a file by: relative to its folder.
        let rel = |path: &Path| -> String {
            manifest_path
                .as_ref()
                .and_then(|m| m.parent())
                .and_then(|dir| path.strip_prefix(dir).ok())
                .unwrap_or(path)
                .to_string_lossy()
                .into_owned()
        };
        let loaded: Vec<_> = files
            .par_iter()
            .map(|p| {
                let row = manifest.as_ref().and_then(|m| m.get(&rel(p)));
                let encoding = opts
                    .encodings
                    .for_file(p, row.as_ref().and_then(|r| r.encoding.as_deref()));
                read_document(p, encoding)
            })
            .collect();
        let mut docs = Vec::new();
        let mut texts = Vec::new();
        let mut unreadable = Vec::new();
        let mut outside_filter = 0;
        for (path, result) in files.iter().zip(loaded) {
            match result {
                Ok(doc) => {
                    warn_about_encoding(&doc);
                    let meta =
                        resolve(&rel(&doc.path), &doc.text, manifest.as_ref(), &opts.pattern);
                    if !admits(&opts.filter, &meta) {
                        outside_filter += 1;
                        continue;
                    }
                    docs.push(CorpusDoc {
                        path: doc.path.display().to_string(),
                        meta,
                        chars: doc.text.chars().count(),
                    });
                    texts.push(doc.text);
                }
                Err(e) => unreadable.push(Skipped {
                    path: path.clone(),
                    reason: SkipReason::Unreadable(e.to_string()),
                }),
            }
        }
        if docs.is_empty() && unreadable.len() == files.len() {
            return Err(
                InputError::usage(msg::err_none_readable(&names.join(", "), files.len())).into(),
            );
        }
        if docs.is_empty() {
            return Err(InputError::usage(msg::err_none_pass(
                &names.join(", "),
                &msg::documents(files.len()),
            ))
            .into());
        }
        let files_read = docs.len() + outside_filter;
        left_out.extend(unreadable);
        Ok(ReadCorpus {
            docs,
            texts,
            input: Provenance {
                files_read,
                outside_filter,
                filter: opts.filter.clone(),
                skipped: left_out,
                library: None,
            },
        })
    }

    /// The documents of a library that pass `filter`, analysed.
    pub fn from_library(
        lib: &Library,
        filter: &Filter,
        options: CorpusOptions,
        progress: &(dyn Fn(Stage, usize, usize) + Sync),
    ) -> anyhow::Result<LoadedCorpus> {
        let rows = lib.documents(filter)?;
        if rows.is_empty() {
            let path = lib.path().display().to_string();
            return Err(InputError::usage(if filter.is_empty() {
                msg::lib_no_documents(&path)
            } else {
                msg::lib_none_pass(&path)
            })
            .into());
        }
        let mut docs = Vec::with_capacity(rows.len());
        let mut texts = Vec::with_capacity(rows.len());
        let mut ids = Vec::with_capacity(rows.len());
        for row in rows {
            let Some(text) = lib.text(row.id)? else {
                continue;
            };
            ids.push(row.id);
            docs.push(CorpusDoc {
                path: row.path,
                meta: row.meta,
                chars: row.chars,
            });
            texts.push(text);
        }
        let mut corpus = LoadedCorpus::analyse(docs, texts, options, progress)?;
        corpus.input = Provenance {
            files_read: corpus.docs.len(),
            filter: filter.clone(),
            library: Some((lib.path().to_path_buf(), ids)),
            ..Provenance::default()
        };
        Ok(corpus)
    }

    /// Analyse documents already read. With a reference in
    /// `options.stock`, the documents of it that count are those around the
    /// corpus's own kind and years ([`super::reference::corpus_filter`]).
    pub fn analyse(
        docs: Vec<CorpusDoc>,
        texts: Vec<String>,
        mut options: CorpusOptions,
        progress: &(dyn Fn(Stage, usize, usize) + Sync),
    ) -> anyhow::Result<LoadedCorpus> {
        if let Some(reference) = options.stock.reference.clone() {
            let metas: Vec<Meta> = docs.iter().map(|d| d.meta.plain()).collect();
            options.stock.filter = super::reference::corpus_filter(reference.as_ref(), &metas);
        }
        let inputs: Vec<CorpusInput> = texts
            .iter()
            .zip(&docs)
            .map(|(t, d)| CorpusInput {
                text: t,
                year: d.meta.year.as_ref().map(|f| f.value),
            })
            .collect();
        let analysis = analyze(&inputs, &options, progress)?;
        Ok(LoadedCorpus {
            docs,
            texts,
            analysis,
            options,
            input: Provenance::default(),
            words: OnceLock::new(),
        })
    }

    /// Year of document `d`.
    pub fn year(&self, d: usize) -> Option<i32> {
        self.docs.get(d)?.meta.year.as_ref().map(|f| f.value)
    }

    /// Region of document `d`.
    pub fn region(&self, d: usize) -> Option<&str> {
        self.docs
            .get(d)?
            .meta
            .region
            .as_ref()
            .map(|f| f.value.as_str())
    }

    /// A short name for document `d`: its file name without `.txt`, with
    /// control characters made visible.
    pub fn label(&self, d: usize) -> String {
        let Some(doc) = self.docs.get(d) else {
            return format!("#{d}");
        };
        let name = doc.path.rsplit(['/', '\\']).next().unwrap_or(&doc.path);
        crate::report::sanitize(name.trim_end_matches(".txt"))
    }

    /// How much of document `d` appeared in earlier documents (None without
    /// a year).
    pub fn earlier(&self, d: usize) -> Option<&EarlierReuse> {
        self.analysis.earlier.get(d)?.as_ref()
    }

    /// Document `d`'s main earlier source and the share of `d`'s countable
    /// characters it shares with that one document (slogans included): what
    /// `compare` on the pair would show, unlike the union over all earlier
    /// documents.
    pub fn top_source(&self, d: usize) -> Option<(usize, f64)> {
        let e = self.earlier(d)?;
        let &(s, chars) = e.sources.first()?;
        Some((s, share(chars, e.countable)))
    }

    /// The union figure with what it counts: `51.6% from 14 earlier`
    /// (`–` without a year).
    pub fn earlier_label(&self, d: usize) -> String {
        match self.earlier(d) {
            Some(e) => msg::earlier_label(100.0 * e.ratio(), e.documents),
            None => "–".into(),
        }
    }

    /// The main source's own share: `25.4% from 2025_河北省` (`–` without one).
    pub fn top_source_label(&self, d: usize) -> String {
        match self.top_source(d) {
            Some((s, x)) => msg::source_label(100.0 * x, &self.label(s)),
            None => "–".into(),
        }
    }

    /// The plain metadata of document `d` (without where each field came from).
    pub fn meta(&self, d: usize) -> Meta {
        self.docs
            .get(d)
            .map(|doc| doc.meta.plain())
            .unwrap_or_default()
    }

    /// True when phrase `p` is stock language (see
    /// `taohua_core::corpus::analysis`: mostly in windows common in the
    /// corpus or the reference).
    pub(crate) fn is_stock(&self, p: usize) -> bool {
        self.analysis.phrases.get(p).is_some_and(|p| p.stock)
    }

    /// The reference consulted besides the corpus: its name and the
    /// documents of it that count.
    pub fn reference_use(&self) -> Option<(String, usize)> {
        let r = self.options.stock.reference.as_deref()?;
        let scope = Scope::new(r, &self.options.stock.filter);
        Some((scope.name(), scope.documents()))
    }

    /// Phrase `p`'s text as people read it: cut to word boundaries (jieba,
    /// in the context of its first document; at most four characters given
    /// up at each end), control characters made visible. The JSON keeps the
    /// exact text. Until the dictionary has arrived (reports wait for it
    /// with [`words`](Self::words)`().wait()`; the screens do not), the text
    /// is shown as found.
    pub fn phrase_text(&self, p: usize) -> String {
        let words = self.words();
        let Some(ph) = self.analysis.phrases.get(p) else {
            return String::new();
        };
        // Without its document's text (a report read back whose documents
        // are gone, or Spark's), the phrase as found.
        let Some(text) = self
            .texts
            .get(ph.first_doc)
            .filter(|t| !t.is_empty() && ph.span.0 < ph.span.1)
        else {
            return crate::report::sanitize(&ph.text);
        };
        // The phrase with a little context on each side, as chars.
        let (start, end) = (ph.span.0 as usize, ph.span.1 as usize);
        let from = start.saturating_sub(8);
        let chars: Vec<char> = text.chars().skip(from).take(end + 8 - from).collect();
        let local = ((start - from) as u32, (end - from) as u32);
        let (s, e) = words.snap(&chars, local, 4);
        let shown: String = chars
            .get(s as usize..e as usize)
            .map(|c| c.iter().collect())
            .unwrap_or_else(|| ph.text.clone());
        crate::report::sanitize(&shown)
    }

    /// The word splitter phrases are shown with: jieba's dictionary starts
    /// loading (in the background) the first time this is asked.
    pub fn words(&self) -> &WordSplitter {
        self.words.get_or_init(WordSplitter::spawn)
    }

    /// The commonness of the family of phrase `p`: the share of the corpus
    /// carrying any of its forms.
    pub(crate) fn family_commonness(&self, p: usize) -> f64 {
        let a = &self.analysis;
        a.family_of
            .get(p)
            .and_then(|&f| a.families.get(f))
            .map_or(0.0, |f| f.commonness)
    }

    /// What `stock` means in this corpus's reports, in one line.
    pub fn stock_means(&self) -> String {
        let rule = &self.options.stock.rule;
        let corpus_common = common_limit(self.docs.len(), self.options.common_above);
        let reference = match self.reference_use() {
            Some((name, documents)) => msg::corpus_stock_reference(&name, documents),
            None => String::new(),
        };
        msg::corpus_stock_means(
            100.0 * rule.stock_share,
            100.0 * self.options.common_above,
            corpus_common,
            &reference,
        )
    }

    /// The years phrase `p` occurs in, ascending.
    pub(crate) fn phrase_years(&self, p: usize) -> Vec<i32> {
        self.years_of(&self.phrase_docs(p))
    }

    /// The regions phrase `p` occurs in, in the order they took it up (by
    /// year, then document id).
    pub(crate) fn phrase_regions(&self, p: usize) -> Vec<&str> {
        self.regions_of(&self.phrase_docs(p))
    }

    /// The years of the family of phrase `p` (any of its forms), ascending.
    pub(crate) fn family_years(&self, p: usize) -> Vec<i32> {
        self.years_of(&self.family_docs(p))
    }

    /// The regions of the family of phrase `p`, in the order they took it up.
    pub(crate) fn family_regions(&self, p: usize) -> Vec<&str> {
        self.regions_of(&self.family_docs(p))
    }

    /// The documents carrying any form of the family of phrase `p`, by year
    /// then id: what a family's row and timeline show.
    pub fn family_docs(&self, p: usize) -> Vec<usize> {
        let a = &self.analysis;
        let Some(f) = a.family_of.get(p).and_then(|&f| a.families.get(f)) else {
            return self.phrase_docs(p);
        };
        let mut docs: Vec<usize> = std::iter::once(f.head)
            .chain(f.variants.iter().copied())
            .filter_map(|m| a.phrases.get(m))
            .flat_map(|m| m.documents.iter().map(|&d| d as usize))
            .collect();
        docs.sort_unstable();
        docs.dedup();
        docs.sort_by_key(|&d| (self.year(d).unwrap_or(i32::MAX), d));
        docs
    }

    /// The years of `docs`, ascending, once each.
    fn years_of(&self, docs: &[usize]) -> Vec<i32> {
        let mut years: Vec<i32> = docs.iter().filter_map(|&d| self.year(d)).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The regions of `docs` (in year order), once each, in that order.
    fn regions_of(&self, docs: &[usize]) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for &d in docs {
            if let Some(r) = self.region(d) {
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        }
        out
    }

    /// The documents that carry phrase `p`, by year then id.
    pub(crate) fn phrase_docs(&self, p: usize) -> Vec<usize> {
        let mut docs: Vec<usize> = self
            .analysis
            .phrases
            .get(p)
            .map(|p| p.documents.iter().map(|&d| d as usize).collect())
            .unwrap_or_default();
        docs.sort_by_key(|&d| (self.year(d).unwrap_or(i32::MAX), d));
        docs
    }

    /// The documents that use template `t`, by year then id.
    pub(crate) fn template_docs(&self, t: usize) -> Vec<usize> {
        let mut docs: Vec<usize> = self
            .analysis
            .templates
            .get(t)
            .map(|t| t.instances.iter().map(|i| i.doc).collect())
            .unwrap_or_default();
        docs.sort_by_key(|&d| (self.year(d).unwrap_or(i32::MAX), d));
        docs
    }

    /// The years template `t` is used in, ascending.
    pub(crate) fn template_years(&self, t: usize) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .template_docs(t)
            .iter()
            .filter_map(|&d| self.year(d))
            .collect();
        years.dedup();
        years
    }

    /// The regions template `t` is used in, in the order they took it up.
    pub(crate) fn template_regions(&self, t: usize) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for d in self.template_docs(t) {
            if let Some(r) = self.region(d) {
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        }
        out
    }

    /// True when more than the common share of the documents use template `t`.
    pub(crate) fn template_is_common(&self, t: usize) -> bool {
        self.analysis.templates.get(t).is_some_and(|t| {
            t.instances.len() > rare_limit(self.docs.len(), self.options.common_above)
        })
    }

    /// Template `t`'s values by year: for each year (unknown last), the
    /// fillings (all slots, joined by ` | `) with how many documents of that
    /// year used each, most used first.
    pub(crate) fn template_values_by_year(&self, t: usize) -> Vec<YearValues> {
        let Some(tpl) = self.analysis.templates.get(t) else {
            return Vec::new();
        };
        let mut by_year: std::collections::BTreeMap<(bool, i32), Vec<(String, usize)>> =
            Default::default();
        for i in &tpl.instances {
            let year = self.year(i.doc);
            let key = (year.is_none(), year.unwrap_or(0));
            let value = i.values.join(" | ");
            let list = by_year.entry(key).or_default();
            match list.iter_mut().find(|(v, _)| *v == value) {
                Some((_, n)) => *n += 1,
                None => list.push((value, 1)),
            }
        }
        by_year
            .into_iter()
            .map(|((unknown, y), mut list)| {
                list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                ((!unknown).then_some(y), list)
            })
            .collect()
    }

    /// The options a pair of this corpus is compared with: the corpus's
    /// shortest passage and text folding, and its reference around `later`,
    /// the later document's facts.
    pub(crate) fn compare_options(&self, later: &Meta) -> CompareOptions {
        let mut opts = CompareOptions::default();
        opts.passages.min_chars = self.options.min_chars;
        opts.norm = self.options.norm;
        opts.stock = super::reference::stock_options(self.options.stock.reference.clone(), later);
        opts
    }

    /// Compare documents `a` and `b`, the earlier on the left.
    pub(crate) fn open_pair(&self, a: usize, b: usize) -> Option<PairSession> {
        let (a, b) = if self.year(b).unwrap_or(i32::MIN) < self.year(a).unwrap_or(i32::MIN) {
            (b, a)
        } else {
            (a, b)
        };
        let side = |d: usize| -> Option<(DocInfo, &str)> {
            let info = DocInfo {
                path: self.docs.get(d)?.path.clone(),
                meta: self.meta(d),
            };
            Some((info, self.texts.get(d)?.as_str()))
        };
        let later = self.meta(b);
        PairSession::new(side(a)?, side(b)?, self.compare_options(&later)).ok()
    }
}

/// `part` of `whole` as a share (0 when `whole` is 0).
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// True when a document with this metadata passes the filter.
fn admits(filter: &Filter, meta: &DocMeta) -> bool {
    filter.admits(
        meta.year.as_ref().map(|f| f.value),
        meta.region.as_ref().map(|f| f.value.as_str()),
        meta.kind.as_ref().map(|f| f.value.as_str()),
    )
}

/// A manifest file, read and parsed.
fn read_manifest(path: &Path) -> Result<Manifest, InputError> {
    let text = std::fs::read_to_string(path).map_err(|source| InputError::List {
        path: path.to_path_buf(),
        source,
    })?;
    Manifest::parse(&text).map_err(|source| InputError::Meta {
        what: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn corpus(min_chars: usize) -> LoadedCorpus {
        let shared = "哪里有科技工作者科协工作就做到哪里，把科技工作者紧紧团结在党的周围。";
        let texts = [
            format!("二〇二三年讲话\n{shared}\n甲乙丙丁戊己庚辛壬癸。"),
            format!("二〇二四年讲话\n{shared}\n子丑寅卯辰巳午未申酉。"),
        ];
        let docs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| CorpusDoc {
                path: format!("{}_青川市_讲话.txt", 2023 + i),
                meta: resolve(
                    &format!("{}_青川市_讲话.txt", 2023 + i),
                    t,
                    None,
                    &NamePattern::default(),
                ),
                chars: t.chars().count(),
            })
            .collect();
        let options = CorpusOptions {
            min_chars,
            ..CorpusOptions::default()
        };
        LoadedCorpus::analyse(docs, texts.to_vec(), options, &|_, _, _| {}).unwrap()
    }

    #[test]
    fn pairs_opened_from_a_corpus_use_its_options() {
        let c = corpus(12);
        let pair = c.open_pair(1, 0).unwrap();
        assert_eq!(pair.options.passages.min_chars, 12);
        // The earlier document is on the left whichever way it was asked.
        assert_eq!(pair.left.info.meta.year, Some(2023));
        assert_eq!(c.year(1), Some(2024));
        assert_eq!(c.region(0), Some("青川市"));
        assert_eq!(c.label(0), "2023_青川市_讲话");
        assert_eq!(c.meta(0).kind.as_deref(), Some("讲话"));
    }
}
