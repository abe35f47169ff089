//! The corpus screens: a document list, a heatmap of pairwise reuse grouped by
//! year or region, a phrase browser whose timeline shows where and when a
//! phrase travelled, and a template browser whose timeline shows how each
//! slot was filled by year and region (二中、三中 → 三中、四中 → 历次).
//! `Enter` on a document, a heatmap cell or two marked occurrences opens the
//! pair view ([`App`]) on that pair, with the phrase selected, and on a
//! template's instance opens its document there, at the instance; leaving
//! it comes back here.
//!
//! Same shape as the pair view: state plus a pure `update(Input)`; drawing is
//! in `corpus_draw`.

use std::collections::BTreeMap;

use super::app::{App, Input};
use super::keymap::{Action, Keymap};
use super::model::Side;
use super::words::WordSplitter;
use crate::app::corpus::LoadedCorpus;
use crate::theme::Theme;

/// Which corpus screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The document list.
    Documents,
    /// Pairwise reuse, grouped.
    Heatmap,
    /// Recycled phrases.
    Phrases,
    /// Templates: recurring wording with slots.
    Templates,
}

/// Order of the document list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocSort {
    /// By year, then region.
    Year,
    /// By region, then year.
    Region,
    /// By share found in earlier documents (distinctive), largest first.
    Reuse,
}

/// Grouping of the heatmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// One row and column per year.
    Year,
    /// One row and column per region.
    Region,
}

/// The heatmap: groups and, per pair of groups, the best pair between them.
#[derive(Debug, Clone, Default)]
pub struct Heat {
    /// Group labels.
    pub labels: Vec<String>,
    /// `best[i][j]`: (score, pair index) of the strongest pair between groups.
    pub best: Vec<Vec<Option<(f64, usize)>>>,
    /// The largest score, for shading.
    pub max: f64,
}

/// A phrase's timeline: the documents that carry it, by year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The phrase (index into the analysis).
    pub phrase: usize,
    /// Its documents, by year then id.
    pub docs: Vec<usize>,
    /// Cursor in `docs`.
    pub cursor: usize,
    /// Marked documents (at most two).
    pub marked: Vec<usize>,
}

/// A template's timeline: its instances by year, and a cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateDetail {
    /// The template (index into the analysis).
    pub template: usize,
    /// Its instances (indices into the template's), by year then document.
    pub instances: Vec<usize>,
    /// Cursor in `instances`.
    pub cursor: usize,
    /// A marked instance: `Enter` then compares the cursor's document with
    /// the marked one's.
    pub marked: Option<usize>,
}

/// The corpus screens' state.
pub struct CorpusApp {
    /// What is shown.
    pub data: LoadedCorpus,
    /// The current screen.
    pub screen: Screen,
    /// Document list order.
    pub sort: DocSort,
    /// Documents in list order.
    pub doc_order: Vec<usize>,
    /// Cursor in the document list.
    pub doc_cursor: usize,
    /// Heatmap grouping.
    pub group: GroupBy,
    /// The heatmap for the current grouping.
    pub heat: Heat,
    /// Heatmap cursor (row, column).
    pub heat_cursor: (usize, usize),
    /// Show common phrases too.
    pub show_common: bool,
    /// Phrases listed (indices into the analysis).
    pub phrase_list: Vec<usize>,
    /// Cursor in the phrase list.
    pub phrase_cursor: usize,
    /// An open timeline.
    pub timeline: Option<Timeline>,
    /// Cursor in the template list.
    pub template_cursor: usize,
    /// An open template timeline.
    pub template: Option<TemplateDetail>,
    /// An open pair view.
    pub pair: Option<Box<App>>,
    /// Help is open.
    pub help: bool,
    /// The user asked to leave.
    pub quit: bool,
    /// Status message.
    pub message: String,
    /// Keys.
    pub keymap: Keymap,
    /// Themes.
    pub themes: Vec<Theme>,
    /// Current theme.
    pub theme: usize,
    /// Ambiguous-width characters are two columns.
    pub ambiguous_wide: bool,
    /// Terminal size.
    pub size: (u16, u16),
    /// The word splitter every pair view opened from here shares.
    splitter: WordSplitter,
}

impl CorpusApp {
    /// The corpus screens over `data`. `splitter` serves every pair view
    /// opened (tests pass one that never loads jieba).
    pub fn new(
        data: LoadedCorpus,
        keymap: Keymap,
        themes: Vec<Theme>,
        ambiguous_wide: bool,
        size: (u16, u16),
        splitter: WordSplitter,
    ) -> CorpusApp {
        let themes = if themes.is_empty() {
            vec![Theme::default()]
        } else {
            themes
        };
        let mut app = CorpusApp {
            data,
            screen: Screen::Documents,
            sort: DocSort::Year,
            doc_order: Vec::new(),
            doc_cursor: 0,
            group: GroupBy::Year,
            heat: Heat::default(),
            heat_cursor: (0, 0),
            show_common: false,
            phrase_list: Vec::new(),
            phrase_cursor: 0,
            timeline: None,
            template_cursor: 0,
            template: None,
            pair: None,
            help: false,
            quit: false,
            message: String::new(),
            keymap,
            themes,
            theme: 0,
            ambiguous_wide,
            size,
            splitter,
        };
        app.sort_docs();
        app.build_heat();
        app.list_phrases();
        app
    }

    /// The current theme.
    pub fn theme(&self) -> &Theme {
        &self.themes[self.theme % self.themes.len()]
    }

    /// Rows available for lists.
    pub(crate) fn list_height(&self) -> usize {
        (self.size.1 as usize).saturating_sub(4).max(1)
    }

    /// Apply one input.
    pub fn update(&mut self, input: Input) {
        if let Some(pair) = self.pair.as_mut() {
            pair.update(input);
            if pair.quit {
                self.pair = None;
            }
            return;
        }
        self.message.clear();
        match input {
            Input::Action(a) => self.act(a),
            Input::Resize { width, height } => self.size = (width, height),
            Input::Scroll(n) => self.move_cursor(n),
            _ => {}
        }
    }

    fn act(&mut self, a: Action) {
        let page = self.list_height() as isize;
        match a {
            Action::Down => self.move_cursor(1),
            Action::Up => self.move_cursor(-1),
            Action::PageDown | Action::HalfPageDown => self.move_cursor(page),
            Action::PageUp | Action::HalfPageUp => self.move_cursor(-page),
            Action::Top => self.move_cursor(isize::MIN / 2),
            Action::Bottom => self.move_cursor(isize::MAX / 2),
            Action::Right => {
                self.heat_cursor.1 =
                    (self.heat_cursor.1 + 1).min(self.heat.labels.len().saturating_sub(1));
            }
            Action::Left => self.heat_cursor.1 = self.heat_cursor.1.saturating_sub(1),
            Action::FocusOther => self.switch(1),
            Action::PrevScreen => self.switch(3),
            Action::Open => self.open(),
            Action::Mark => self.mark(),
            Action::Sort => {
                self.sort = match self.sort {
                    DocSort::Year => DocSort::Region,
                    DocSort::Region => DocSort::Reuse,
                    DocSort::Reuse => DocSort::Year,
                };
                self.sort_docs();
                self.message = format!("documents sorted by {:?}", self.sort).to_lowercase();
            }
            Action::Regroup => {
                self.group = match self.group {
                    GroupBy::Year => GroupBy::Region,
                    GroupBy::Region => GroupBy::Year,
                };
                self.build_heat();
            }
            Action::ToggleCommon => {
                self.show_common = !self.show_common;
                self.list_phrases();
            }
            Action::NextTheme => self.theme = (self.theme + 1) % self.themes.len(),
            Action::Help => self.help = !self.help,
            Action::Quit => {
                if self.help {
                    self.help = false;
                } else if self.timeline.is_some() {
                    self.timeline = None;
                } else if self.template.is_some() {
                    self.template = None;
                } else {
                    self.quit = true;
                }
            }
            _ => {}
        }
    }

    fn switch(&mut self, by: usize) {
        self.timeline = None;
        self.template = None;
        let order = [
            Screen::Documents,
            Screen::Heatmap,
            Screen::Phrases,
            Screen::Templates,
        ];
        let at = order.iter().position(|&s| s == self.screen).unwrap_or(0);
        self.screen = order[(at + by) % order.len()];
    }

    fn move_cursor(&mut self, by: isize) {
        let step = |at: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (at as isize).saturating_add(by).clamp(0, len as isize - 1) as usize
        };
        if let Some(t) = self.timeline.as_mut() {
            t.cursor = step(t.cursor, t.docs.len());
            return;
        }
        if let Some(t) = self.template.as_mut() {
            t.cursor = step(t.cursor, t.instances.len());
            return;
        }
        match self.screen {
            Screen::Documents => self.doc_cursor = step(self.doc_cursor, self.doc_order.len()),
            Screen::Heatmap => {
                self.heat_cursor.0 = step(self.heat_cursor.0, self.heat.labels.len())
            }
            Screen::Phrases => {
                self.phrase_cursor = step(self.phrase_cursor, self.phrase_list.len())
            }
            Screen::Templates => {
                self.template_cursor =
                    step(self.template_cursor, self.data.analysis.templates.len())
            }
        }
    }

    fn sort_docs(&mut self) {
        let d = &self.data;
        let mut order: Vec<usize> = (0..d.docs.len()).collect();
        let reuse = |i: usize| {
            d.analysis
                .earlier
                .get(i)
                .cloned()
                .flatten()
                .map_or(-1.0, |e| e.distinctive_ratio())
        };
        match self.sort {
            DocSort::Year => order.sort_by_key(|&i| {
                (
                    d.year(i).unwrap_or(i32::MAX),
                    d.region(i).unwrap_or("").to_string(),
                    i,
                )
            }),
            DocSort::Region => order.sort_by_key(|&i| {
                (
                    d.region(i).unwrap_or("￿").to_string(),
                    d.year(i).unwrap_or(i32::MAX),
                    i,
                )
            }),
            DocSort::Reuse => order.sort_by(|&x, &y| reuse(y).total_cmp(&reuse(x)).then(x.cmp(&y))),
        }
        self.doc_order = order;
        self.doc_cursor = self.doc_cursor.min(self.doc_order.len().saturating_sub(1));
    }

    fn group_of(&self, d: usize) -> String {
        match self.group {
            GroupBy::Year => self.data.year(d).map_or("?".into(), |y| y.to_string()),
            GroupBy::Region => self.data.region(d).unwrap_or("?").to_string(),
        }
    }

    fn build_heat(&mut self) {
        let n = self.data.docs.len();
        let mut groups: BTreeMap<String, usize> = BTreeMap::new();
        for d in 0..n {
            let g = self.group_of(d);
            let next = groups.len();
            groups.entry(g).or_insert(next);
        }
        // Stable indices in label order.
        let labels: Vec<String> = groups.keys().cloned().collect();
        let index_of = |label: &str| labels.iter().position(|l| l == label).unwrap_or(0);
        let member: Vec<usize> = (0..n).map(|d| index_of(&self.group_of(d))).collect();
        let g = labels.len();
        let mut best: Vec<Vec<Option<(f64, usize)>>> = vec![vec![None; g]; g];
        let mut max: f64 = 0.0;
        for (k, p) in self.data.analysis.pairs.iter().enumerate() {
            let (i, j) = (member[p.a], member[p.b]);
            for (r, c) in [(i, j), (j, i)] {
                if best[r][c].is_none_or(|(s, _)| p.score > s) {
                    best[r][c] = Some((p.score, k));
                }
            }
            max = max.max(p.score);
        }
        self.heat = Heat { labels, best, max };
        let last = g.saturating_sub(1);
        self.heat_cursor = (self.heat_cursor.0.min(last), self.heat_cursor.1.min(last));
    }

    fn list_phrases(&mut self) {
        self.phrase_list = (0..self.data.analysis.phrases.len())
            .filter(|&p| self.show_common || !self.data.is_common(p))
            .collect();
        self.phrase_cursor = self
            .phrase_cursor
            .min(self.phrase_list.len().saturating_sub(1));
    }

    fn open(&mut self) {
        if let Some(t) = self.template.clone() {
            self.open_instance(&t);
            return;
        }
        if let Some(t) = self.timeline.clone() {
            let pair = match t.marked.as_slice() {
                [a, b] => Some((*a, *b)),
                _ => t
                    .docs
                    .first()
                    .zip(t.docs.get(t.cursor))
                    .map(|(&a, &b)| (a, b))
                    .filter(|(a, b)| a != b),
            };
            match pair {
                Some((a, b)) => {
                    let text = self
                        .data
                        .analysis
                        .phrases
                        .get(t.phrase)
                        .map(|p| p.text.clone());
                    self.open_pair(a, b, text.as_deref());
                }
                None => self.message = "mark two documents with x, or move to a later one".into(),
            }
            return;
        }
        match self.screen {
            Screen::Documents => {
                let Some(&d) = self.doc_order.get(self.doc_cursor) else {
                    return;
                };
                let source = self
                    .data
                    .analysis
                    .earlier
                    .get(d)
                    .cloned()
                    .flatten()
                    .and_then(|e| e.sources.first().copied());
                match source {
                    Some((s, _)) => self.open_pair(s, d, None),
                    None => self.message = "nothing of it appeared in an earlier document".into(),
                }
            }
            Screen::Heatmap => {
                let (r, c) = self.heat_cursor;
                match self
                    .heat
                    .best
                    .get(r)
                    .and_then(|row| row.get(c))
                    .copied()
                    .flatten()
                {
                    Some((_, k)) => {
                        let p = &self.data.analysis.pairs[k];
                        let (a, b) = (p.a, p.b);
                        self.open_pair(a, b, None);
                    }
                    None => self.message = "no shared text between these groups".into(),
                }
            }
            Screen::Templates => {
                let t = self.template_cursor;
                let Some(tpl) = self.data.analysis.templates.get(t) else {
                    return;
                };
                let mut instances: Vec<usize> = (0..tpl.instances.len()).collect();
                instances.sort_by_key(|&i| {
                    let d = tpl.instances[i].doc;
                    (self.data.year(d).unwrap_or(i32::MAX), d, i)
                });
                self.template = Some(TemplateDetail {
                    template: t,
                    instances,
                    cursor: 0,
                    marked: None,
                });
            }
            Screen::Phrases => {
                let Some(&p) = self.phrase_list.get(self.phrase_cursor) else {
                    return;
                };
                let docs = self.data.phrase_docs(p);
                self.timeline = Some(Timeline {
                    phrase: p,
                    docs,
                    cursor: 0,
                    marked: Vec::new(),
                });
            }
        }
    }

    fn mark(&mut self) {
        if let Some(t) = self.template.as_mut() {
            let here = t.instances.get(t.cursor).copied();
            t.marked = if t.marked == here { None } else { here };
            return;
        }
        let Some(t) = self.timeline.as_mut() else {
            self.message = "x marks occurrences in a phrase's timeline (Enter on a phrase)".into();
            return;
        };
        let Some(&d) = t.docs.get(t.cursor) else {
            return;
        };
        if let Some(i) = t.marked.iter().position(|&m| m == d) {
            t.marked.remove(i);
        } else {
            if t.marked.len() == 2 {
                t.marked.remove(0);
            }
            t.marked.push(d);
        }
    }

    /// Open the pair view on the document of the template instance under
    /// the cursor, at that instance, beside the marked instance's document
    /// (else the first other document that uses the template).
    fn open_instance(&mut self, t: &TemplateDetail) {
        let Some(tpl) = self.data.analysis.templates.get(t.template) else {
            return;
        };
        let Some(inst) = t
            .instances
            .get(t.cursor)
            .and_then(|&i| tpl.instances.get(i))
        else {
            return;
        };
        let here = inst.doc;
        let other = t
            .marked
            .and_then(|m| tpl.instances.get(m))
            .map(|i| i.doc)
            .filter(|&d| d != here)
            .or_else(|| {
                t.instances
                    .iter()
                    .filter_map(|&i| tpl.instances.get(i))
                    .map(|i| i.doc)
                    .find(|&d| d != here)
            });
        let Some(other) = other else {
            self.message = "the template is used in one document only".into();
            return;
        };
        let span = inst.span;
        // `open_pair` puts the earlier document on the left.
        let year = |d: usize| self.data.year(d).unwrap_or(i32::MIN);
        let side = if year(other) < year(here) {
            Side::Right
        } else {
            Side::Left
        };
        self.open_pair(here, other, None);
        if let Some(pair) = self.pair.as_mut() {
            pair.show(side, span);
        }
    }

    /// Open the pair view on documents `a` and `b` (earlier on the left),
    /// with the passage holding `phrase` selected.
    pub(crate) fn open_pair(&mut self, a: usize, b: usize, phrase: Option<&str>) {
        let Some(session) = self.data.open_pair(a, b) else {
            self.message = "these two documents cannot be compared".into();
            return;
        };
        // The passage that holds the phrase, found as passages are matched.
        let target = phrase.and_then(|text| {
            let pos = session.left.doc.find(text, &session.options.norm)?;
            session
                .comparison
                .passages
                .iter()
                .position(|p| p.left.0 <= pos && pos < p.left.1)
        });
        let mut app = App::new(
            session.model(),
            self.keymap.clone(),
            self.themes.clone(),
            self.splitter.clone(),
            self.ambiguous_wide,
            self.size,
        );
        if let Some(k) = target {
            app.focus = Side::Left;
            app.select(k);
        }
        self.pair = Some(Box::new(app));
    }
}
