//! A loaded corpus: the documents of a folder (or a list of files), their
//! metadata and texts, the analysis and the options it was made with. Built
//! here, in one place, and read by the corpus reports and the corpus screens
//! alike; a pair opened from it is compared with the corpus's own options.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use taohua_core::compare::CompareOptions;
use taohua_core::corpus::analysis::{analyze, CorpusAnalysis, CorpusInput, CorpusOptions, Stage};
use taohua_core::corpus::index::rare_limit;
use taohua_core::corpus::meta::{resolve, DocMeta, Manifest, NamePattern};
use taohua_core::ingest::Encoding;
use taohua_core::meta::Meta;

use super::error::InputError;
use super::files::{corpus_files, read_document};
use super::pair::{DocInfo, PairSession};

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
    /// An encoding forced on every file.
    pub encoding: Option<&'static Encoding>,
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
    /// Files that could not be read, each with its reason.
    pub skipped: Vec<String>,
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
        let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        let (files, found_manifest) = corpus_files(inputs)?;
        if files.is_empty() {
            return Err(InputError::usage(format!(
                "{}: no documents found (.txt, .docx, .html, .md)",
                names.join(", ")
            ))
            .into());
        }
        let manifest_path = opts.manifest.clone().or(found_manifest);
        let manifest = match &manifest_path {
            None => None,
            Some(p) => Some(read_manifest(p)?),
        };
        let loaded: Vec<_> = files
            .par_iter()
            .map(|p| read_document(p, opts.encoding))
            .collect();
        let mut docs = Vec::new();
        let mut texts = Vec::new();
        let mut skipped = Vec::new();
        for result in loaded {
            match result {
                Ok(doc) => {
                    let rel = manifest_path
                        .as_ref()
                        .and_then(|m| m.parent())
                        .and_then(|dir| doc.path.strip_prefix(dir).ok())
                        .unwrap_or(&doc.path)
                        .to_string_lossy()
                        .into_owned();
                    let meta = resolve(&rel, &doc.text, manifest.as_ref(), &opts.pattern);
                    docs.push(CorpusDoc {
                        path: doc.path.display().to_string(),
                        meta,
                        chars: doc.text.chars().count(),
                    });
                    texts.push(doc.text);
                }
                Err(e) => skipped.push(e.to_string()),
            }
        }
        if docs.is_empty() {
            return Err(InputError::usage(format!(
                "{}: none of the {} files could be read",
                names.join(", "),
                files.len()
            ))
            .into());
        }
        let mut corpus = LoadedCorpus::analyse(docs, texts, opts.analysis.clone(), progress)?;
        corpus.skipped = skipped;
        Ok(corpus)
    }

    /// Analyse documents already read.
    pub fn analyse(
        docs: Vec<CorpusDoc>,
        texts: Vec<String>,
        options: CorpusOptions,
        progress: &(dyn Fn(Stage, usize, usize) + Sync),
    ) -> anyhow::Result<LoadedCorpus> {
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
            skipped: Vec::new(),
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

    /// The plain metadata of document `d` (without where each field came from).
    pub fn meta(&self, d: usize) -> Meta {
        self.docs
            .get(d)
            .map(|doc| doc.meta.plain())
            .unwrap_or_default()
    }

    /// Text carried by more than this many documents is common (a slogan).
    pub(crate) fn rare_limit(&self) -> usize {
        rare_limit(self.docs.len(), self.options.common_above)
    }

    /// True when more than the common share of the documents carry phrase `p`.
    pub(crate) fn is_common(&self, p: usize) -> bool {
        self.analysis
            .phrases
            .get(p)
            .is_some_and(|p| p.documents.len() > self.rare_limit())
    }

    /// The years phrase `p` occurs in, ascending.
    pub(crate) fn phrase_years(&self, p: usize) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .phrase_docs(p)
            .iter()
            .filter_map(|&d| self.year(d))
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The regions phrase `p` occurs in, in the order they took it up (by
    /// year, then document id).
    pub(crate) fn phrase_regions(&self, p: usize) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for d in self.phrase_docs(p) {
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
        self.analysis
            .templates
            .get(t)
            .is_some_and(|t| t.instances.len() > self.rare_limit())
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
    /// shortest passage and text folding.
    pub(crate) fn compare_options(&self) -> CompareOptions {
        let mut opts = CompareOptions::default();
        opts.passages.min_chars = self.options.min_chars;
        opts.norm = self.options.norm;
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
        PairSession::new(side(a)?, side(b)?, self.compare_options()).ok()
    }
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
