//! The corpus screens: a document list, a list of pairs, a heatmap of
//! pairwise reuse grouped by year or region, a phrase browser whose timeline
//! shows where and when a phrase travelled, and a template browser whose
//! timeline shows how each slot was filled by year and region (二中、三中 →
//! 三中、四中 → 历次). `Enter` on a document, a pair, a heatmap cell or two
//! marked occurrences opens the pair view ([`App`]) on that pair, with the
//! phrase selected, and on a template's instance opens its document there,
//! at the instance; leaving it comes back here.
//!
//! Every table can be re-sorted (`s`, `S` reverses), everything can be
//! filtered by kind, year and region (`F`, read by [`parse_filter`] and
//! applied by the core's `Filter::admits`), and `/` searches the current
//! screen: phrases by their normalised text, documents by name and, with a
//! library (`corpus --library`), by text through `app::library::find`. Every
//! key acts or says in the status line why it cannot.
//!
//! Same shape as the pair view: state plus a pure `update(Input)`; drawing is
//! in `corpus_draw`.

use crate::i18n::msg;
use std::collections::BTreeMap;

use taohua_core::commonness::Filter;
use taohua_core::text::normalize::{keys_of, Key};

use super::app::{App, Input};
use super::keymap::{Action, Keymap};
use super::model::Side;
use super::words::WordSplitter;
use crate::app::corpus::{filter_words, parse_years, LoadedCorpus};
use crate::app::library::Library;
use crate::theme::Theme;

/// Which corpus screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The document list.
    Documents,
    /// The pairs that share text.
    Pairs,
    /// Pairwise reuse, grouped.
    Heatmap,
    /// Recycled phrases.
    Phrases,
    /// Templates: recurring wording with slots.
    Templates,
}

impl Screen {
    /// The screens in `Tab` order.
    pub const ORDER: [Screen; 5] = [
        Screen::Documents,
        Screen::Pairs,
        Screen::Heatmap,
        Screen::Phrases,
        Screen::Templates,
    ];
}

/// Order of the document list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocSort {
    /// By year, then region.
    Year,
    /// By region, then year.
    Region,
    /// By share found in earlier documents (the union), largest first.
    Earlier,
    /// By that share without slogans, largest first.
    Distinctive,
    /// By the main earlier source's own share, largest first.
    MainSource,
    /// By length, longest first.
    Length,
}

impl DocSort {
    const ALL: [DocSort; 6] = [
        DocSort::Year,
        DocSort::Region,
        DocSort::Earlier,
        DocSort::Distinctive,
        DocSort::MainSource,
        DocSort::Length,
    ];

    /// How the title names it.
    pub fn name(self) -> &'static str {
        match self {
            DocSort::Year => msg::sort_year(),
            DocSort::Region => msg::sort_region(),
            DocSort::Earlier => msg::sort_earlier(),
            DocSort::Distinctive => msg::sort_distinctive_share(),
            DocSort::MainSource => msg::sort_main_source(),
            DocSort::Length => msg::sort_length(),
        }
    }
}

/// Order of the pair list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairSort {
    /// By score, highest first.
    Score,
    /// By distinctive characters shared, most first.
    Distinctive,
    /// By all characters shared, most first.
    Shared,
    /// By the years of the two documents, earliest first.
    Year,
}

impl PairSort {
    const ALL: [PairSort; 4] = [
        PairSort::Score,
        PairSort::Distinctive,
        PairSort::Shared,
        PairSort::Year,
    ];

    /// How the title names it.
    pub fn name(self) -> &'static str {
        match self {
            PairSort::Score => msg::sort_score(),
            PairSort::Distinctive => msg::sort_distinctive_chars(),
            PairSort::Shared => msg::sort_shared_chars(),
            PairSort::Year => msg::sort_year(),
        }
    }
}

/// Order of the phrase list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseSort {
    /// By the documents that carry it, most first.
    Documents,
    /// By length, longest first.
    Length,
    /// By the year it first appeared, earliest first.
    FirstYear,
    /// By the regions it reached, most first.
    Regions,
    /// By commonness (the share of the corpus carrying it), rarest first.
    Commonness,
}

impl PhraseSort {
    const ALL: [PhraseSort; 5] = [
        PhraseSort::Documents,
        PhraseSort::Length,
        PhraseSort::FirstYear,
        PhraseSort::Regions,
        PhraseSort::Commonness,
    ];

    /// How the title names it.
    pub fn name(self) -> &'static str {
        match self {
            PhraseSort::Documents => msg::sort_documents(),
            PhraseSort::Length => msg::sort_length(),
            PhraseSort::FirstYear => msg::sort_first_year(),
            PhraseSort::Regions => msg::sort_regions(),
            PhraseSort::Commonness => msg::sort_commonness(),
        }
    }
}

/// The next value of a cycle.
fn next<T: Copy + PartialEq>(all: &[T], now: T) -> T {
    let at = all.iter().position(|&x| x == now).unwrap_or(0);
    all[(at + 1) % all.len()]
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
    /// Group labels, in full.
    pub labels: Vec<String>,
    /// The column headers: unambiguous short forms of the labels.
    pub short: Vec<String>,
    /// `best[i][j]`: (score, pair index) of the strongest pair between groups.
    pub best: Vec<Vec<Option<(f64, usize)>>>,
    /// The largest score, for shading.
    pub max: f64,
}

/// A phrase's timeline: the documents that carry it, by year, on a grid of
/// years × regions.
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
    /// The grid's columns: every year of its documents, ascending (`None`:
    /// undated, last).
    pub years: Vec<Option<i32>>,
    /// The grid's rows: every region, in the order they took it up
    /// (`None`: no region, last).
    pub regions: Vec<Option<String>>,
}

impl Timeline {
    /// The grid cell (column, row) of document `d`.
    pub fn cell(&self, data: &LoadedCorpus, d: usize) -> (usize, usize) {
        let year = data.year(d);
        let region = data.region(d).map(str::to_string);
        (
            self.years.iter().position(|y| *y == year).unwrap_or(0),
            self.regions.iter().position(|r| *r == region).unwrap_or(0),
        )
    }
}

/// What the prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `/`: search the current screen.
    Search,
    /// `F`: filter by kind, year and region.
    Filter,
}

/// The prompt in the status line, while it is typed into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What it is for.
    pub kind: PromptKind,
    /// What is typed.
    pub text: String,
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
    /// The filter of the screens (on top of the one the corpus was read with).
    pub filter: Filter,
    /// `admitted[d]`: document `d` passes the filter.
    pub admitted: Vec<bool>,
    /// Document list order.
    pub sort: DocSort,
    /// Pair list order.
    pub pair_sort: PairSort,
    /// Phrase list order.
    pub phrase_sort: PhraseSort,
    /// Each table's order reversed: documents, pairs, phrases.
    pub reversed: [bool; 3],
    /// Documents in list order.
    pub doc_order: Vec<usize>,
    /// Cursor in the document list.
    pub doc_cursor: usize,
    /// Pairs in list order (indices into the analysis).
    pub pair_order: Vec<usize>,
    /// Cursor in the pair list.
    pub pair_cursor: usize,
    /// Heatmap grouping.
    pub group: GroupBy,
    /// The heatmap for the current grouping.
    pub heat: Heat,
    /// Heatmap cursor (row, column).
    pub heat_cursor: (usize, usize),
    /// Show common phrases too.
    pub show_common: bool,
    /// Phrases shown only when their family's commonness lies in this range
    /// (typed in the filter as `<5%`, `>=20%`).
    pub commonness: Option<(f64, f64)>,
    /// Phrases listed (indices into the analysis).
    pub phrase_list: Vec<usize>,
    /// Cursor in the phrase list.
    pub phrase_cursor: usize,
    /// The search of the document list, and the documents it found.
    pub doc_search: Option<(String, Vec<bool>)>,
    /// The search of the pair list.
    pub pair_search: Option<String>,
    /// The search of the phrase list, and its normalised keys.
    pub phrase_search: Option<(String, Vec<Key>)>,
    /// The prompt being typed into.
    pub prompt: Option<Prompt>,
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
    /// The status line shows the one-line legend of the colours.
    pub legend: bool,
    /// Lines of help scrolled off its top.
    pub help_scroll: usize,
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
    /// The phrases' normalised keys, made on the first phrase search.
    phrase_keys: Vec<Vec<Key>>,
    /// The library of `corpus --library`, opened on the first text search.
    library: Option<Result<Library, String>>,
}

/// The actions the corpus screens answer to (the help lists these).
pub(crate) const CORPUS_ACTIONS: [Action; 24] = [
    Action::Down,
    Action::Up,
    Action::PageDown,
    Action::PageUp,
    Action::HalfPageDown,
    Action::HalfPageUp,
    Action::Top,
    Action::Bottom,
    Action::FocusOther,
    Action::PrevScreen,
    Action::Left,
    Action::Right,
    Action::Open,
    Action::Mark,
    Action::Sort,
    Action::SortReverse,
    Action::Regroup,
    Action::ToggleCommon,
    Action::Filter,
    Action::Search,
    Action::NextTheme,
    Action::Help,
    Action::Legend,
    Action::Quit,
];

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
        // The phrases are shown with the same splitter (a test's never loads).
        let _ = data.words.set(splitter.clone());
        let themes = if themes.is_empty() {
            vec![Theme::default()]
        } else {
            themes
        };
        let admitted = vec![true; data.docs.len()];
        let mut app = CorpusApp {
            data,
            screen: Screen::Documents,
            filter: Filter::default(),
            admitted,
            sort: DocSort::Year,
            pair_sort: PairSort::Score,
            phrase_sort: PhraseSort::Documents,
            reversed: [false; 3],
            doc_order: Vec::new(),
            doc_cursor: 0,
            pair_order: Vec::new(),
            pair_cursor: 0,
            group: GroupBy::Year,
            heat: Heat::default(),
            heat_cursor: (0, 0),
            show_common: false,
            commonness: None,
            phrase_list: Vec::new(),
            phrase_cursor: 0,
            doc_search: None,
            pair_search: None,
            phrase_search: None,
            prompt: None,
            timeline: None,
            template_cursor: 0,
            template: None,
            pair: None,
            help: false,
            legend: false,
            help_scroll: 0,
            quit: false,
            message: String::new(),
            keymap,
            themes,
            theme: 0,
            ambiguous_wide,
            size,
            splitter,
            phrase_keys: Vec::new(),
            library: None,
        };
        app.refresh();
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
            Input::Action(a) if self.prompt.is_none() => self.act(a),
            Input::Resize { width, height } => self.size = (width, height),
            Input::Scroll(n) => self.move_cursor(n),
            Input::SearchChar(c) => {
                if let Some(p) = self.prompt.as_mut() {
                    if !c.is_control() {
                        p.text.push(c);
                    }
                }
            }
            Input::SearchPaste(text) => {
                // Pasting outside a prompt starts a search with the text.
                let p = self.prompt.get_or_insert(Prompt {
                    kind: PromptKind::Search,
                    text: String::new(),
                });
                p.text.extend(text.chars().filter(|c| !c.is_control()));
            }
            Input::SearchBackspace => {
                if let Some(p) = self.prompt.as_mut() {
                    p.text.pop();
                }
            }
            Input::SearchSubmit => {
                if let Some(p) = self.prompt.take() {
                    match p.kind {
                        PromptKind::Search => self.search(p.text.trim()),
                        PromptKind::Filter => self.apply_filter(p.text.trim()),
                    }
                }
            }
            Input::SearchCancel => self.prompt = None,
            _ => {}
        }
    }

    /// A key that no action is bound to was pressed.
    pub fn unbound_key(&mut self, key: &str) {
        if self.pair.is_none() {
            self.message = msg::corpus_key_does_nothing(key);
        }
    }

    /// The keys bound to `action`, for messages (`n`, `Tab`).
    fn keys(&self, action: Action) -> String {
        let keys = self.keymap.keys_for(action);
        if keys.is_empty() {
            action.name().to_string()
        } else {
            keys.join("/")
        }
    }

    fn act(&mut self, a: Action) {
        let page = self.list_height() as isize;
        // While help is open, the moving keys scroll it; the drawing keeps
        // its last line at the bottom of the box.
        if self.help {
            if let Some(step) = a.help_step(page) {
                let (rows, shown) = super::corpus_draw::help_capacity(self);
                self.help_scroll = self
                    .help_scroll
                    .saturating_add_signed(step)
                    .min(rows.saturating_sub(shown));
                return;
            }
        }
        match a {
            Action::Down => self.move_cursor(1),
            Action::Up => self.move_cursor(-1),
            Action::PageDown => self.move_cursor(page),
            Action::PageUp => self.move_cursor(-page),
            Action::HalfPageDown => self.move_cursor((page / 2).max(1)),
            Action::HalfPageUp => self.move_cursor(-(page / 2).max(1)),
            Action::Top => self.move_cursor(isize::MIN / 2),
            Action::Bottom => self.move_cursor(isize::MAX / 2),
            Action::Right => self.sideways(1),
            Action::Left => self.sideways(-1),
            Action::FocusOther => self.switch(1),
            Action::PrevScreen => self.switch(Screen::ORDER.len() - 1),
            Action::Open => self.open(),
            Action::Mark => self.mark(),
            Action::Sort => self.resort(false),
            Action::SortReverse => self.resort(true),
            Action::Regroup => {
                self.group = match self.group {
                    GroupBy::Year => GroupBy::Region,
                    GroupBy::Region => GroupBy::Year,
                };
                self.build_heat();
                let by = match self.group {
                    GroupBy::Year => msg::corpus_by_year(),
                    GroupBy::Region => msg::corpus_by_region(),
                };
                self.message = msg::corpus_grouped_by(by);
            }
            Action::ToggleCommon => {
                self.show_common = !self.show_common;
                self.list_phrases();
                self.message = if self.show_common {
                    msg::corpus_stock_shown().into()
                } else {
                    msg::corpus_specific_only().into()
                };
            }
            Action::Filter => {
                self.prompt = Some(Prompt {
                    kind: PromptKind::Filter,
                    text: self.filter_text(),
                })
            }
            Action::Search => {
                self.prompt = Some(Prompt {
                    kind: PromptKind::Search,
                    text: String::new(),
                })
            }
            Action::NextTheme => self.theme = (self.theme + 1) % self.themes.len(),
            Action::Help => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::Legend => self.legend = !self.legend,
            Action::Quit => self.back(),
            Action::NextPassage
            | Action::PrevPassage
            | Action::NextChange
            | Action::PrevChange
            | Action::JumpMoved
            | Action::Fold
            | Action::Granularity
            | Action::SkipStock
            | Action::Substitutions => {
                self.message = msg::corpus_pair_view_key(&self.keys(a));
            }
        }
    }

    /// `q`/`Esc`: close help, then a timeline, then the current screen's
    /// search; then leave.
    fn back(&mut self) {
        if self.help {
            self.help = false;
        } else if self.timeline.is_some() {
            self.timeline = None;
        } else if self.template.is_some() {
            self.template = None;
        } else if self.clear_search() {
            self.message = msg::corpus_search_cleared().into();
        } else {
            self.quit = true;
        }
    }

    /// Clear the current screen's search; false when there was none.
    fn clear_search(&mut self) -> bool {
        let had = match self.screen {
            Screen::Documents => self.doc_search.take().is_some(),
            Screen::Pairs => self.pair_search.take().is_some(),
            Screen::Phrases => self.phrase_search.take().is_some(),
            Screen::Heatmap | Screen::Templates => false,
        };
        if had {
            self.refresh();
        }
        had
    }

    fn switch(&mut self, by: usize) {
        self.timeline = None;
        self.template = None;
        let order = Screen::ORDER;
        let at = order.iter().position(|&s| s == self.screen).unwrap_or(0);
        self.screen = order[(at + by) % order.len()];
    }

    /// `h`/`l`: a heatmap column, or a year in a timeline.
    fn sideways(&mut self, by: isize) {
        if let Some(t) = self.timeline.as_mut() {
            let data = &self.data;
            let Some(&d) = t.docs.get(t.cursor) else {
                return;
            };
            let (col, _) = t.cell(data, d);
            let target = col as isize + by;
            if target < 0 || target as usize >= t.years.len() {
                self.message = msg::corpus_no_more_years().into();
                return;
            }
            let year = t.years[target as usize];
            if let Some(k) = t.docs.iter().position(|&x| data.year(x) == year) {
                t.cursor = k;
            }
            return;
        }
        if self.screen != Screen::Heatmap {
            self.message = msg::corpus_move_keys(
                &(self.keys(Action::Left) + " " + &self.keys(Action::Right)),
                &(self.keys(Action::Down) + " " + &self.keys(Action::Up)),
            );
            return;
        }
        let last = self.heat.labels.len().saturating_sub(1);
        self.heat_cursor.1 = (self.heat_cursor.1 as isize + by).clamp(0, last as isize) as usize;
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
            Screen::Pairs => self.pair_cursor = step(self.pair_cursor, self.pair_order.len()),
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

    /// `s` (next column) or `S` (reverse) on the current table.
    fn resort(&mut self, reverse: bool) {
        if self.timeline.is_some() {
            self.message = msg::corpus_timeline_order().into();
            return;
        }
        let slot = match self.screen {
            Screen::Documents => 0,
            Screen::Pairs => 1,
            Screen::Phrases => 2,
            Screen::Heatmap => {
                self.message = msg::corpus_heatmap_unsorted(&self.keys(Action::Regroup));
                return;
            }
            Screen::Templates => {
                self.message = msg::corpus_templates_order().into();
                return;
            }
        };
        if reverse {
            self.reversed[slot] = !self.reversed[slot];
        } else {
            self.reversed[slot] = false;
            match slot {
                0 => self.sort = next(&DocSort::ALL, self.sort),
                1 => self.pair_sort = next(&PairSort::ALL, self.pair_sort),
                _ => self.phrase_sort = next(&PhraseSort::ALL, self.phrase_sort),
            }
        }
        let name = match slot {
            0 => self.sort.name(),
            1 => self.pair_sort.name(),
            _ => self.phrase_sort.name(),
        };
        let what = match slot {
            0 => msg::corpus_what_documents(),
            1 => msg::corpus_what_pairs(),
            _ => msg::corpus_what_phrases(),
        };
        let dir = if self.reversed[slot] {
            msg::corpus_reversed()
        } else {
            ""
        };
        self.message = msg::corpus_sorted(what, name, dir);
        self.refresh();
    }

    /// Rebuild every list from the filter, the searches and the orders.
    pub(crate) fn refresh(&mut self) {
        let d = &self.data;
        self.admitted = (0..d.docs.len())
            .map(|i| {
                let m = &d.docs[i].meta;
                self.filter.admits(
                    d.year(i),
                    d.region(i),
                    m.kind.as_ref().map(|f| f.value.as_str()),
                )
            })
            .collect();
        self.sort_docs();
        self.sort_pairs();
        self.build_heat();
        self.list_phrases();
    }

    fn sort_docs(&mut self) {
        let d = &self.data;
        let found = self.doc_search.as_ref().map(|(_, hits)| hits);
        let mut order: Vec<usize> = (0..d.docs.len())
            .filter(|&i| self.admitted[i] && found.is_none_or(|h| h.get(i) == Some(&true)))
            .collect();
        let earlier = |i: usize| d.earlier(i).map_or(-1.0, |e| e.ratio());
        let distinct = |i: usize| d.earlier(i).map_or(-1.0, |e| e.specific_ratio());
        let source = |i: usize| d.top_source(i).map_or(-1.0, |(_, x)| x);
        let larger =
            |f: &dyn Fn(usize) -> f64, x: usize, y: usize| f(y).total_cmp(&f(x)).then(x.cmp(&y));
        match self.sort {
            DocSort::Year => order.sort_by_key(|&i| {
                (
                    d.year(i).unwrap_or(i32::MAX),
                    d.region(i).unwrap_or("\u{ffff}").to_string(),
                    i,
                )
            }),
            DocSort::Region => order.sort_by_key(|&i| {
                (
                    d.region(i).unwrap_or("\u{ffff}").to_string(),
                    d.year(i).unwrap_or(i32::MAX),
                    i,
                )
            }),
            DocSort::Earlier => order.sort_by(|&x, &y| larger(&earlier, x, y)),
            DocSort::Distinctive => order.sort_by(|&x, &y| larger(&distinct, x, y)),
            DocSort::MainSource => order.sort_by(|&x, &y| larger(&source, x, y)),
            DocSort::Length => order.sort_by_key(|&i| (std::cmp::Reverse(d.docs[i].chars), i)),
        }
        if self.reversed[0] {
            order.reverse();
        }
        self.doc_order = order;
        self.doc_cursor = self.doc_cursor.min(self.doc_order.len().saturating_sub(1));
    }

    fn sort_pairs(&mut self) {
        let d = &self.data;
        let query = self.pair_search.as_deref().map(str::to_lowercase);
        let named = |i: usize| {
            query
                .as_deref()
                .is_none_or(|q| d.label(i).to_lowercase().contains(q))
        };
        let mut order: Vec<usize> = d
            .analysis
            .pairs
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                self.admitted.get(p.a) == Some(&true)
                    && self.admitted.get(p.b) == Some(&true)
                    && (named(p.a) || named(p.b))
            })
            .map(|(k, _)| k)
            .collect();
        let pairs = &d.analysis.pairs;
        match self.pair_sort {
            // The analysis's own order.
            PairSort::Score => {}
            PairSort::Distinctive => {
                order.sort_by_key(|&k| (std::cmp::Reverse(pairs[k].specific_chars), k))
            }
            PairSort::Shared => {
                order.sort_by_key(|&k| (std::cmp::Reverse(pairs[k].shared_chars), k))
            }
            PairSort::Year => order.sort_by_key(|&k| {
                let (ya, yb) = (
                    d.year(pairs[k].a).unwrap_or(i32::MAX),
                    d.year(pairs[k].b).unwrap_or(i32::MAX),
                );
                (ya.min(yb), ya.max(yb), k)
            }),
        }
        if self.reversed[1] {
            order.reverse();
        }
        self.pair_order = order;
        self.pair_cursor = self
            .pair_cursor
            .min(self.pair_order.len().saturating_sub(1));
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
        for d in (0..n).filter(|&d| self.admitted[d]) {
            let next = groups.len();
            groups.entry(self.group_of(d)).or_insert(next);
        }
        // Stable indices in label order ("?" sorts after years and names).
        let mut labels: Vec<String> = groups.keys().filter(|l| *l != "?").cloned().collect();
        if groups.contains_key("?") {
            labels.push("?".into());
        }
        let index_of = |label: &str| labels.iter().position(|l| l == label);
        let member: Vec<Option<usize>> = (0..n)
            .map(|d| {
                if self.admitted[d] {
                    index_of(&self.group_of(d))
                } else {
                    None
                }
            })
            .collect();
        let g = labels.len();
        let mut best: Vec<Vec<Option<(f64, usize)>>> = vec![vec![None; g]; g];
        let mut max: f64 = 0.0;
        for (k, p) in self.data.analysis.pairs.iter().enumerate() {
            let (Some(i), Some(j)) = (member[p.a], member[p.b]) else {
                continue;
            };
            for (r, c) in [(i, j), (j, i)] {
                if best[r][c].is_none_or(|(s, _)| p.score > s) {
                    best[r][c] = Some((p.score, k));
                }
            }
            max = max.max(p.score);
        }
        let short = match self.group {
            GroupBy::Year => labels.clone(),
            GroupBy::Region => short_names(&labels),
        };
        self.heat = Heat {
            labels,
            short,
            best,
            max,
        };
        let last = g.saturating_sub(1);
        self.heat_cursor = (self.heat_cursor.0.min(last), self.heat_cursor.1.min(last));
    }

    /// Documents that carry phrase `p` (its family's forms, when the list
    /// shows families) and pass the filter.
    pub(crate) fn phrase_docs(&self, p: usize) -> Vec<usize> {
        // A row is a family, unless a search lists phrases one by one.
        let docs = if self.phrase_search.is_some() {
            self.data.phrase_docs(p)
        } else {
            self.data.family_docs(p)
        };
        docs.into_iter()
            .filter(|&d| self.admitted.get(d) == Some(&true))
            .collect()
    }

    /// How many documents that pass the filter carry phrase `p`.
    pub(crate) fn phrase_count(&self, p: usize) -> usize {
        self.phrase_docs(p).len()
    }

    fn list_phrases(&mut self) {
        let filtered = !self.filter.is_empty();
        let query = self.phrase_search.as_ref().map(|(_, keys)| keys.as_slice());
        let families = &self.data.analysis.families;
        let range = self.commonness;
        // One row per family; a search lists every phrase that matches, the
        // fragments of a family included.
        let rows: Vec<usize> = if query.is_some() {
            (0..self.data.analysis.phrases.len()).collect()
        } else {
            families.iter().map(|f| f.head).collect()
        };
        let mut list: Vec<usize> = rows
            .into_iter()
            .filter(|&p| self.show_common || !self.data.is_stock(p))
            .filter(|&p| {
                range.is_none_or(|(lo, hi)| {
                    let c = self.data.family_commonness(p);
                    lo <= c && c <= hi
                })
            })
            .filter(|&p| !filtered || self.phrase_count(p) >= 2)
            .filter(|&p| {
                query.is_none_or(|q| {
                    self.phrase_keys
                        .get(p)
                        .is_some_and(|keys| contains(keys, q))
                })
            })
            .collect();
        let d = &self.data;
        match self.phrase_sort {
            PhraseSort::Documents if !filtered => {}
            PhraseSort::Commonness => list.sort_by(|&x, &y| {
                d.family_commonness(x)
                    .total_cmp(&d.family_commonness(y))
                    .then(x.cmp(&y))
            }),
            PhraseSort::Documents => {
                list.sort_by_key(|&p| (std::cmp::Reverse(self.phrase_count(p)), p))
            }
            PhraseSort::Length => {
                list.sort_by_key(|&p| (std::cmp::Reverse(d.analysis.phrases[p].chars), p))
            }
            PhraseSort::FirstYear => list.sort_by_key(|&p| {
                let first = self.phrase_docs(p).iter().filter_map(|&x| d.year(x)).min();
                (first.unwrap_or(i32::MAX), p)
            }),
            PhraseSort::Regions => list.sort_by_key(|&p| {
                let mut regions: Vec<&str> = self
                    .phrase_docs(p)
                    .iter()
                    .filter_map(|&x| d.region(x))
                    .collect();
                regions.sort_unstable();
                regions.dedup();
                (std::cmp::Reverse(regions.len()), p)
            }),
        }
        if self.reversed[2] {
            list.reverse();
        }
        self.phrase_list = list;
        self.phrase_cursor = self
            .phrase_cursor
            .min(self.phrase_list.len().saturating_sub(1));
    }

    /// The filter as the prompt shows it: `2025..2026 政府工作报告 广东省`.
    fn filter_text(&self) -> String {
        let f = &self.filter;
        let mut parts = Vec::new();
        if let Some((a, b)) = f.years {
            parts.push(if a == b {
                a.to_string()
            } else {
                format!("{a}..{b}")
            });
        }
        parts.extend(f.kind.clone());
        parts.extend(f.region.clone());
        if let Some((lo, hi)) = self.commonness {
            if lo > 0.0 {
                parts.push(format!(">={:.0}%", 100.0 * lo));
            }
            if hi < 1.0 {
                parts.push(format!("<={:.0}%", 100.0 * hi));
            }
        }
        parts.join(" ")
    }

    fn apply_filter(&mut self, text: &str) {
        let (rest, commonness) = match split_commonness(text) {
            Ok(split) => split,
            Err(e) => {
                self.message = e;
                return;
            }
        };
        match parse_filter(&rest, &self.data) {
            Ok(filter) => {
                self.filter = filter;
                self.commonness = commonness;
                self.timeline = None;
                self.refresh();
                let n = self.admitted.iter().filter(|&&a| a).count();
                self.message = if self.filter.is_empty() {
                    msg::corpus_filter_cleared(&msg::documents(n))
                } else {
                    msg::corpus_filter_pass(
                        n,
                        &msg::documents(self.data.docs.len()),
                        &filter_words(&self.filter),
                    )
                };
            }
            Err(e) => self.message = e,
        }
    }

    /// Search the current screen (or the open timeline).
    fn search(&mut self, query: &str) {
        if query.is_empty() {
            if self.clear_search() {
                self.message = msg::corpus_search_cleared().into();
            }
            return;
        }
        let lower = query.to_lowercase();
        if let Some(t) = self.timeline.as_mut() {
            let data = &self.data;
            match t
                .docs
                .iter()
                .position(|&d| data.label(d).to_lowercase().contains(&lower))
            {
                Some(k) => t.cursor = k,
                None => self.message = msg::corpus_no_occurrence_named(query),
            }
            return;
        }
        match self.screen {
            Screen::Phrases => self.search_phrases(query),
            Screen::Documents => self.search_documents(query),
            Screen::Pairs => {
                self.pair_search = Some(query.to_string());
                self.sort_pairs();
                self.pair_cursor = 0;
                self.message = msg::corpus_pairs_named(&msg::pairs(self.pair_order.len()), query);
            }
            Screen::Heatmap => {
                let found = self
                    .heat
                    .labels
                    .iter()
                    .position(|l| l.to_lowercase().contains(&lower));
                match found {
                    Some(k) => {
                        self.heat_cursor.0 = k;
                        self.message = msg::corpus_row(&self.heat.labels[k]);
                    }
                    None => self.message = msg::corpus_no_group(query),
                }
            }
            Screen::Templates => {
                let found = self.data.analysis.templates.iter().position(|t| {
                    t.parts.iter().any(|p| p.contains(query))
                        || t.instances
                            .iter()
                            .any(|i| i.values.iter().any(|v| v.contains(query)))
                });
                match found {
                    Some(k) => {
                        self.template_cursor = k;
                        self.message =
                            msg::corpus_template_of(k + 1, self.data.analysis.templates.len());
                    }
                    None => self.message = msg::corpus_no_template(query),
                }
            }
        }
    }

    fn search_phrases(&mut self, query: &str) {
        let norm = self.data.options.norm;
        let Ok(keys) = keys_of(query, &norm) else {
            self.message = msg::corpus_search_too_long().into();
            return;
        };
        let keys = keys.keys().to_vec();
        if keys.is_empty() {
            self.message = msg::corpus_punctuation_only().into();
            return;
        }
        if self.phrase_keys.is_empty() {
            self.phrase_keys = self
                .data
                .analysis
                .phrases
                .iter()
                .map(|p| {
                    keys_of(&p.text, &norm)
                        .map(|k| k.keys().to_vec())
                        .unwrap_or_default()
                })
                .collect();
        }
        self.phrase_search = Some((query.to_string(), keys));
        self.list_phrases();
        self.phrase_cursor = 0;
        let n = self.phrase_list.len();
        self.message = if n == 0 && !self.show_common {
            msg::corpus_no_distinct_phrase(query, &self.keys(Action::ToggleCommon))
        } else {
            msg::corpus_phrases_hold(&msg::phrases(n), query)
        };
    }

    fn search_documents(&mut self, query: &str) {
        let lower = query.to_lowercase();
        let d = &self.data;
        let mut hits: Vec<bool> = (0..d.docs.len())
            .map(|i| {
                let m = d.meta(i);
                [
                    Some(d.docs[i].path.as_str()),
                    m.title.as_deref(),
                    m.region.as_deref(),
                    m.kind.as_deref(),
                ]
                .into_iter()
                .flatten()
                .any(|s| s.to_lowercase().contains(&lower))
                    || m.year.is_some_and(|y| y.to_string() == query)
            })
            .collect();
        let by_name = hits.iter().filter(|&&h| h).count();
        let text = self.search_text(query);
        let (by_text, note) = match text {
            Ok(found) => {
                let mut n = 0;
                for k in found {
                    if let Some(h) = hits.get_mut(k) {
                        n += 1;
                        *h = true;
                    }
                }
                (n, String::new())
            }
            Err(why) => (0, format!(" ({why})")),
        };
        self.doc_search = Some((query.to_string(), hits));
        self.sort_docs();
        self.doc_cursor = 0;
        let shown = self.doc_order.len();
        self.message = if self.data.input.library.is_some() {
            msg::corpus_docs_by_name_text(&msg::documents(shown), by_name, by_text, &note)
        } else {
            msg::corpus_docs_named(&msg::documents(shown), query, &note)
        };
    }

    /// Corpus documents whose text carries `query`, through the library's
    /// phrase index: only with `corpus --library`.
    fn search_text(&mut self, query: &str) -> Result<Vec<usize>, String> {
        let Some((path, ids)) = self.data.input.library.clone() else {
            return Ok(Vec::new());
        };
        let lib = self
            .library
            .get_or_insert_with(|| Library::open(&path).map_err(|e| e.to_string()));
        let lib = lib.as_ref().map_err(|e| format!("the library: {e}"))?;
        let hits = crate::app::library::find(lib, query, &Filter::default())
            .map_err(|e| format!("text search: {e}"))?;
        Ok(hits
            .iter()
            .filter_map(|h| ids.iter().position(|&id| id == h.doc.id))
            .collect())
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
                None => self.message = msg::corpus_first_occurrence(&self.keys(Action::Mark)),
            }
            return;
        }
        match self.screen {
            Screen::Documents => {
                let Some(&d) = self.doc_order.get(self.doc_cursor) else {
                    self.message = msg::corpus_no_documents_here().into();
                    return;
                };
                match (self.data.year(d), self.data.top_source(d)) {
                    (_, Some((s, _))) => self.open_pair(s, d, None),
                    (None, None) => self.message = msg::corpus_no_year(&self.data.label(d)),
                    (Some(_), None) => self.message = msg::corpus_no_earlier(&self.data.label(d)),
                }
            }
            Screen::Pairs => match self.pair_order.get(self.pair_cursor) {
                Some(&k) => {
                    let p = &self.data.analysis.pairs[k];
                    let (a, b) = (p.a, p.b);
                    self.open_pair(a, b, None);
                }
                None => self.message = msg::corpus_no_pairs_here().into(),
            },
            Screen::Heatmap => match self.heat_cell() {
                Some((_, k)) => {
                    let p = &self.data.analysis.pairs[k];
                    let (a, b) = (p.a, p.b);
                    self.open_pair(a, b, None);
                }
                None => self.message = msg::corpus_no_pair_between().into(),
            },
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
                    self.message = msg::corpus_no_phrases_here().into();
                    return;
                };
                let docs = self.phrase_docs(p);
                let mut years: Vec<Option<i32>> = docs.iter().map(|&x| self.data.year(x)).collect();
                years.sort_by_key(|y| y.unwrap_or(i32::MAX));
                years.dedup();
                let mut regions: Vec<Option<String>> = Vec::new();
                for &x in &docs {
                    let r = self.data.region(x).map(str::to_string);
                    if !regions.contains(&r) {
                        regions.push(r);
                    }
                }
                if let Some(k) = regions.iter().position(Option::is_none) {
                    let none = regions.remove(k);
                    regions.push(none);
                }
                self.timeline = Some(Timeline {
                    phrase: p,
                    docs,
                    cursor: 0,
                    marked: Vec::new(),
                    years,
                    regions,
                });
            }
        }
    }

    /// The heatmap's selected cell: (score, pair index), if any pair.
    pub fn heat_cell(&self) -> Option<(f64, usize)> {
        let (r, c) = self.heat_cursor;
        self.heat.best.get(r)?.get(c).copied().flatten()
    }

    fn mark(&mut self) {
        if let Some(t) = self.template.as_mut() {
            let here = t.instances.get(t.cursor).copied();
            t.marked = if t.marked == here { None } else { here };
            return;
        }
        let Some(t) = self.timeline.as_mut() else {
            self.message = msg::corpus_mark_in_timeline(&self.keys(Action::Mark));
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
            self.message = msg::corpus_template_one_doc().into();
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
            self.message = msg::corpus_cannot_compare().into();
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

/// True when `needle` occurs in `hay`.
fn contains(hay: &[Key], needle: &[Key]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// The commonness bounds of a filter (`<5%`, `<=5%`, `>20%`, `>=0.2`, also
/// with `≤` `≥`), as a range of shares, and the rest of the filter.
pub fn split_commonness(text: &str) -> Result<(String, Option<(f64, f64)>), String> {
    let mut rest = Vec::new();
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    let mut any = false;
    for term in text.split_whitespace() {
        let (upper, number) = match term {
            t if t.starts_with("<=") || t.starts_with('≤') || t.starts_with('<') => {
                (true, t.trim_start_matches(['<', '=', '≤']))
            }
            t if t.starts_with(">=") || t.starts_with('≥') || t.starts_with('>') => {
                (false, t.trim_start_matches(['>', '=', '≥']))
            }
            t => {
                rest.push(t);
                continue;
            }
        };
        let (digits, percent) = match number.strip_suffix(['%', '％']) {
            Some(d) => (d, true),
            None => (number, false),
        };
        let value: f64 = digits
            .parse()
            .map_err(|_| format!("{term}: a commonness bound is a share such as <5% or >=0.2"))?;
        let share = if percent || value > 1.0 {
            value / 100.0
        } else {
            value
        };
        if !(0.0..=1.0).contains(&share) {
            return Err(msg::filter_commonness_bound(term));
        }
        any = true;
        if upper {
            hi = hi.min(share);
        } else {
            lo = lo.max(share);
        }
    }
    Ok((rest.join(" "), any.then_some((lo, hi))))
}

/// The screens' filter, as typed: terms separated by spaces, each a year
/// (`2025`), a range of years (`2020..2025`), a kind or a region, with an
/// optional `kind:`, `region:` or `year:` before it. A kind or region may be
/// any unambiguous part of a name the corpus has (`广东` for 广东省; `广`
/// is refused as 广东省 or 广西壮族自治区). Empty: no filter.
pub fn parse_filter(text: &str, data: &LoadedCorpus) -> Result<Filter, String> {
    let mut kinds: Vec<String> = Vec::new();
    let mut regions: Vec<String> = Vec::new();
    for d in 0..data.docs.len() {
        let m = data.meta(d);
        kinds.extend(m.kind.filter(|k| !kinds.contains(k)));
        regions.extend(m.region.filter(|r| !regions.contains(r)));
    }
    let mut filter = Filter::default();
    for term in text.split_whitespace() {
        let (field, value) = match term.split_once([':', '：']) {
            Some((f, v)) if ["kind", "region", "year"].contains(&f) => (Some(f), v),
            _ => (None, term),
        };
        let looks_like_year = value.chars().all(|c| c.is_ascii_digit() || c == '.');
        if field == Some("year") || (field.is_none() && looks_like_year) {
            if filter.years.is_some() {
                return Err(msg::filter_one_year(term));
            }
            filter.years = Some(parse_years(value)?);
            continue;
        }
        let pick = |names: &[String]| -> Result<Option<String>, String> {
            if let Some(exact) = names.iter().find(|n| *n == value) {
                return Ok(Some(exact.clone()));
            }
            let found: Vec<&String> = names.iter().filter(|n| n.contains(value)).collect();
            match found.as_slice() {
                [] => Ok(None),
                [one] => Ok(Some((*one).clone())),
                many => Err(msg::filter_ambiguous(
                    value,
                    many.len(),
                    &many
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(msg::list_sep()),
                )),
            }
        };
        let kind = if field != Some("region") {
            pick(&kinds)?
        } else {
            None
        };
        let region = if field != Some("kind") && kind.is_none() {
            pick(&regions)?
        } else {
            None
        };
        match (kind, region) {
            (Some(k), _) if filter.kind.is_none() => filter.kind = Some(k),
            (None, Some(r)) if filter.region.is_none() => filter.region = Some(r),
            (Some(_), _) => return Err(msg::filter_one_kind(term)),
            (None, Some(_)) => return Err(msg::filter_one_region(term)),
            (None, None) => return Err(msg::filter_no_such(term)),
        }
    }
    Ok(filter)
}

/// Administrative suffixes a short form leaves out, longest first.
const SUFFIXES: [&str; 8] = [
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "省",
    "市",
];

/// Unambiguous short forms of names, for column headers: each name without
/// its administrative suffix (广西壮族自治区 → 广西), cut to the shortest
/// start (two characters or more) that no other name shares, so 广东 and
/// 广西, 河北 and 河南, 湖北 and 湖南, 江苏 and 江西 stay apart. Two names
/// that would still read alike keep their full form.
pub fn short_names(names: &[String]) -> Vec<String> {
    let base: Vec<Vec<char>> = names
        .iter()
        .map(|n| {
            let stem = SUFFIXES
                .iter()
                .find_map(|s| n.strip_suffix(s).filter(|rest| rest.chars().count() >= 2))
                .unwrap_or(n);
            stem.chars().collect()
        })
        .collect();
    let mut short: Vec<String> = base
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut len = b.len().min(2);
            while len < b.len()
                && base
                    .iter()
                    .enumerate()
                    .any(|(j, o)| j != i && o.len() >= len && o[..len] == b[..len])
            {
                len += 1;
            }
            b[..len].iter().collect()
        })
        .collect();
    let alike: Vec<bool> = (0..short.len())
        .map(|i| {
            short
                .iter()
                .enumerate()
                .any(|(j, s)| j != i && *s == short[i])
        })
        .collect();
    for (i, s) in short.iter_mut().enumerate() {
        if alike[i] {
            *s = names[i].clone();
        }
    }
    // A full name may now equal another's short form: keep those full too.
    let fixed = short.clone();
    for (i, s) in short.iter_mut().enumerate() {
        if fixed.iter().enumerate().any(|(j, o)| j != i && o == s) {
            *s = names[i].clone();
        }
    }
    short
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn short_names_tell_neighbouring_provinces_apart() {
        let names = strings(&[
            "广东省",
            "广西壮族自治区",
            "江苏省",
            "江西省",
            "河北省",
            "河南省",
            "湖北省",
            "湖南省",
            "内蒙古自治区",
            "黑龙江省",
            "新疆维吾尔自治区",
            "全国",
            "北京市",
        ]);
        assert_eq!(
            short_names(&names),
            strings(&[
                "广东", "广西", "江苏", "江西", "河北", "河南", "湖北", "湖南", "内蒙", "黑龙",
                "新疆", "全国", "北京"
            ])
        );
        // 吉林省 and 吉林市 read alike without their suffixes: both stay whole.
        assert_eq!(
            short_names(&strings(&["吉林省", "吉林市", "长春市"])),
            strings(&["吉林省", "吉林市", "长春"])
        );
    }
}
