//! The pair view's state and its one way to change: [`App::update`].
//!
//! `update` takes an [`Input`] (a key's action, a resize, a wheel turn, a
//! click, search typing, or a tick for background work) and changes the
//! state; it does no I/O, so tests drive it directly. Drawing (`draw`) is a
//! pure function of the state.

use std::collections::HashMap;

use super::keymap::{Action, Keymap};
use super::layout::{build_rows, visible_lines, Geometry, Row, RowLayout, VisualLine};
use super::model::{PairModel, Side};
use super::words::{marks, Granularity, WordSplitter};
use super::wrap::char_width;
use crate::i18n::msg;
use crate::theme::Theme;
use taohua_core::compare::{Op, Span};

/// Something that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key bound to an action.
    Action(Action),
    /// The terminal's new size.
    Resize {
        /// Columns.
        width: u16,
        /// Lines.
        height: u16,
    },
    /// Mouse wheel: lines to scroll (negative: up).
    Scroll(isize),
    /// A click at a cell.
    Click {
        /// Column.
        x: u16,
        /// Line.
        y: u16,
    },
    /// Typed into the search prompt.
    SearchChar(char),
    /// Pasted into the search prompt.
    SearchPaste(String),
    /// Backspace in the search prompt.
    SearchBackspace,
    /// Enter in the search prompt.
    SearchSubmit,
    /// Esc in the search prompt.
    SearchCancel,
    /// Time passed: background work may have finished.
    Tick,
}

/// The search prompt and its results.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// What is typed.
    pub query: String,
    /// The prompt is open.
    pub editing: bool,
    /// Where the query occurs, in screen order.
    pub hits: Vec<(Side, Span)>,
    /// The current hit.
    pub current: Option<usize>,
}

/// The panel of substitutions and names left behind (`R`): one row per
/// substitution, then one per name left behind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Panel {
    /// The selected row.
    pub cursor: usize,
    /// The occurrence of the selected substitution visited last.
    pub visited: Option<usize>,
}

/// The marks of one unit's changes, per side (absolute char spans): the
/// core's change list, widened to words in word mode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitDiff {
    /// Changed ranges on the left.
    pub left: Vec<Span>,
    /// Changed ranges on the right.
    pub right: Vec<Span>,
    /// Word-level (true) or character-level.
    pub words: bool,
}

/// The pair view's state.
pub struct App {
    /// What is shown.
    pub model: PairModel,
    /// Key bindings (for help and hints).
    pub keymap: Keymap,
    /// The themes `t` cycles through, the current first.
    pub themes: Vec<Theme>,
    /// Index of the current theme.
    pub theme: usize,
    /// Draw ambiguous-width characters two columns wide.
    pub ambiguous_wide: bool,
    /// Rows, with folding applied.
    pub rows: Vec<Row>,
    /// Heights of the rows at the current width.
    pub layout: RowLayout,
    /// Where things go on screen.
    pub geometry: Geometry,
    /// First visible line.
    pub top: usize,
    /// The selected passage.
    pub selected: Option<usize>,
    /// The side keys such as `n` follow.
    pub focus: Side,
    /// Runs of identical units folded.
    pub fold: bool,
    /// Inline diff granularity asked for.
    pub granularity: Granularity,
    /// `n`/`N` pass over stock passages.
    pub skip_stock: bool,
    /// The help screen is open.
    pub help: bool,
    /// How many lines of the help screen are scrolled off its top.
    pub help_scroll: usize,
    /// The status line shows the one-line legend of the colours.
    pub legend: bool,
    /// Search state.
    pub search: Search,
    /// The panel of substitutions and names left behind, when open.
    pub panel: Option<Panel>,
    /// What the panel last visited, lit on each side it stands on.
    pub visit: Vec<(Side, Span)>,
    /// Change marks of the units seen so far.
    pub diffs: HashMap<usize, UnitDiff>,
    /// A one-line message for the status line.
    pub message: String,
    /// Set when the user asked to leave.
    pub quit: bool,
    splitter: WordSplitter,
    words_ready: bool,
    density: Vec<f64>,
    unit_row: Vec<usize>,
    ghost_row: HashMap<usize, usize>,
    seg_unit: [Vec<usize>; 2],
}

impl App {
    /// A view of `model` on a `width` × `height` terminal.
    pub fn new(
        model: PairModel,
        keymap: Keymap,
        themes: Vec<Theme>,
        splitter: WordSplitter,
        ambiguous_wide: bool,
        (width, height): (u16, u16),
    ) -> App {
        let mut seg_unit = [
            vec![0; model.left.segments.len()],
            vec![0; model.right.segments.len()],
        ];
        for (k, u) in model.units.iter().enumerate() {
            for &s in &u.left {
                if let Some(slot) = seg_unit[0].get_mut(s) {
                    *slot = k;
                }
            }
            for &s in &u.right {
                if let Some(slot) = seg_unit[1].get_mut(s) {
                    *slot = k;
                }
            }
        }
        let themes = if themes.is_empty() {
            vec![Theme::default()]
        } else {
            themes
        };
        let density = model
            .units
            .iter()
            .map(|u| {
                let share = |side: Side, segs: &[usize]| {
                    let view = model.side(side);
                    let (mut all, mut hit) = (0usize, 0usize);
                    for &s in segs {
                        if let Some(&(a, b)) = view.segments.get(s) {
                            all += (b - a) as usize;
                            hit += view.passage_at[a as usize..b as usize]
                                .iter()
                                .filter(|p| p.is_some())
                                .count();
                        }
                    }
                    if all == 0 {
                        0.0
                    } else {
                        hit as f64 / all as f64
                    }
                };
                share(Side::Left, &u.left).max(share(Side::Right, &u.right))
            })
            .collect();
        let mut app = App {
            model,
            keymap,
            themes,
            theme: 0,
            ambiguous_wide,
            rows: Vec::new(),
            layout: RowLayout::default(),
            geometry: Geometry::new(width.into(), height.into()),
            top: 0,
            selected: None,
            focus: Side::Left,
            fold: false,
            granularity: Granularity::Word,
            skip_stock: false,
            help: false,
            help_scroll: 0,
            legend: false,
            search: Search::default(),
            panel: None,
            visit: Vec::new(),
            diffs: HashMap::new(),
            message: String::new(),
            quit: false,
            splitter,
            words_ready: false,
            density,
            unit_row: Vec::new(),
            ghost_row: HashMap::new(),
            seg_unit,
        };
        app.rebuild_rows();
        app.update(Input::Tick);
        app
    }

    /// Share of a unit's characters inside passages (the larger side).
    pub(crate) fn unit_density(&self, unit: usize) -> f64 {
        self.density.get(unit).copied().unwrap_or(0.0)
    }

    /// True once word boundaries (jieba) are available.
    pub(crate) fn words_available(&self) -> bool {
        self.words_ready
    }

    /// The current theme.
    pub fn theme(&self) -> &Theme {
        &self.themes[self.theme % self.themes.len()]
    }

    /// The lines on screen now.
    pub fn visible(&self) -> Vec<VisualLine> {
        visible_lines(
            &self.model,
            &self.rows,
            &self.layout,
            self.top,
            self.geometry.body,
            self.geometry.pane,
            self.ambiguous_wide,
        )
    }

    /// Apply one input.
    pub fn update(&mut self, input: Input) {
        self.message.clear();
        match input {
            Input::Action(a) => self.act(a),
            Input::Resize { width, height } => {
                let anchor = self.top_row();
                self.geometry = Geometry::new(width.into(), height.into());
                self.relayout();
                self.scroll_to_row(anchor, false);
            }
            Input::Scroll(n) => self.scroll_by(n),
            Input::Click { x, y } => self.click(x.into(), y.into()),
            Input::SearchChar(c) => {
                if !c.is_control() {
                    self.search.query.push(c);
                }
            }
            Input::SearchPaste(s) => self
                .search
                .query
                .extend(s.chars().filter(|c| !c.is_control())),
            Input::SearchBackspace => {
                self.search.query.pop();
            }
            Input::SearchSubmit => self.run_search(),
            Input::SearchCancel => self.search = Search::default(),
            Input::Tick => {
                if !self.words_ready && self.splitter.ready() {
                    self.words_ready = true;
                    self.diffs.retain(|_, d| d.words);
                }
            }
        }
        self.ensure_diffs();
    }

    fn act(&mut self, action: Action) {
        let page = self.geometry.body.saturating_sub(1).max(1) as isize;
        // While help is open, the moving keys scroll it (it may be taller
        // than the terminal).
        if self.help {
            if let Some(step) = action.help_step(page) {
                let (rows, shown) = super::draw::help_capacity(self);
                self.help_scroll = self
                    .help_scroll
                    .saturating_add_signed(step)
                    .min(rows.saturating_sub(shown));
                return;
            }
        }
        if self.panel.is_some() && self.panel_act(action) {
            return;
        }
        match action {
            Action::Down => self.scroll_by(1),
            Action::Up => self.scroll_by(-1),
            Action::PageDown => self.scroll_by(page),
            Action::PageUp => self.scroll_by(-page),
            Action::HalfPageDown => self.scroll_by((page / 2).max(1)),
            Action::HalfPageUp => self.scroll_by(-(page / 2).max(1)),
            Action::Top => self.top = 0,
            Action::Bottom => self.top = self.max_top(),
            Action::NextPassage => self.step(true),
            Action::PrevPassage => self.step(false),
            Action::NextChange => self.next_change(true),
            Action::PrevChange => self.next_change(false),
            Action::FocusOther => self.focus = self.focus.other(),
            Action::Search => {
                self.search = Search {
                    editing: true,
                    ..Search::default()
                }
            }
            Action::JumpMoved => self.jump_moved(),
            Action::Substitutions => {
                if self.panel_rows() == 0 {
                    self.message = msg::pair_no_substitutions().into();
                } else {
                    self.panel = Some(Panel::default());
                }
            }
            Action::Fold => {
                let anchor = self.top_unit();
                self.fold = !self.fold;
                self.rebuild_rows();
                if let Some(k) = anchor {
                    self.scroll_to_unit(k, false);
                }
            }
            Action::Granularity => {
                self.granularity = match self.granularity {
                    Granularity::Word => Granularity::Char,
                    Granularity::Char => Granularity::Word,
                };
                self.diffs.clear();
            }
            Action::SkipStock => {
                self.skip_stock = !self.skip_stock;
                self.message = if self.skip_stock {
                    msg::pair_skip_stock_on().into()
                } else {
                    msg::pair_skip_stock_off().into()
                };
            }
            Action::NextTheme => {
                self.theme = (self.theme + 1) % self.themes.len();
                self.message = msg::pair_theme(&self.theme().name);
            }
            Action::Help => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::Legend => self.legend = !self.legend,
            // Corpus screens' actions mean nothing in the pair view.
            Action::Left
            | Action::Right
            | Action::Open
            | Action::Mark
            | Action::Sort
            | Action::Regroup
            | Action::ToggleCommon
            | Action::PrevScreen
            | Action::SortReverse
            | Action::Filter => self.message = msg::pair_corpus_key().into(),
            Action::Quit => {
                if self.help {
                    self.help = false;
                } else if !self.search.hits.is_empty() || self.search.editing {
                    self.search = Search::default();
                } else {
                    self.quit = true;
                }
            }
        }
    }

    /// Rows of the panel: substitutions, then names left behind.
    pub fn panel_rows(&self) -> usize {
        self.model.substitutions.len() + self.model.leftovers.len()
    }

    /// An action while the panel is open; false when the panel leaves it
    /// to the view (scrolling with the page keys, themes, help).
    fn panel_act(&mut self, action: Action) -> bool {
        let rows = self.panel_rows();
        let Some(panel) = self.panel.as_mut() else {
            return false;
        };
        match action {
            Action::Down | Action::Up => {
                let up = action == Action::Up;
                panel.cursor = if up {
                    panel.cursor.saturating_sub(1)
                } else {
                    (panel.cursor + 1).min(rows.saturating_sub(1))
                };
                panel.visited = None;
            }
            Action::NextPassage | Action::Open => self.visit_next(true),
            Action::PrevPassage => self.visit_next(false),
            Action::Substitutions | Action::Quit => {
                self.panel = None;
                self.visit.clear();
            }
            _ => return false,
        }
        true
    }

    /// Visit the next (or previous) occurrence of the panel's selected row.
    fn visit_next(&mut self, forward: bool) {
        let Some(panel) = self.panel.clone() else {
            return;
        };
        let subs = self.model.substitutions.len();
        if let Some(s) = self.model.substitutions.get(panel.cursor) {
            let n = s.occurrences.len();
            if n == 0 {
                return;
            }
            let next = match panel.visited {
                None => 0,
                Some(v) if forward => (v + 1) % n,
                Some(v) => (v + n - 1) % n,
            };
            let (l, r) = s.occurrences[next];
            self.message = msg::pair_occurrence(&s.left, &s.right, next + 1, n);
            self.visit = vec![(Side::Left, l), (Side::Right, r)];
            let at = if self.focus == Side::Left { l.0 } else { r.0 };
            self.reveal_line(self.focus, at, true);
            if let Some(p) = self.panel.as_mut() {
                p.visited = Some(next);
            }
        } else if let Some(l) = self.model.leftovers.get(panel.cursor - subs).cloned() {
            self.message = msg::pair_left_behind(&l.label);
            self.visit = vec![(l.side, l.span)];
            self.focus = l.side;
            self.reveal_line(l.side, l.span.0, true);
        }
    }

    /// Bring char `pos` of `side` into view, a third of the way down, and
    /// light `span` there.
    pub fn show(&mut self, side: Side, span: Span) {
        self.focus = side;
        self.visit = vec![(side, span)];
        self.reveal_line(side, span.0, true);
    }

    fn rebuild_rows(&mut self) {
        self.rows = build_rows(&self.model, self.fold);
        self.unit_row = vec![0; self.model.units.len()];
        self.ghost_row.clear();
        for (i, row) in self.rows.iter().enumerate() {
            match *row {
                Row::Unit(k) => {
                    if let Some(slot) = self.unit_row.get_mut(k) {
                        *slot = i;
                    }
                }
                Row::Replace { left, right } => {
                    for k in [left, right] {
                        if let Some(slot) = self.unit_row.get_mut(k) {
                            *slot = i;
                        }
                    }
                }
                Row::Ghost(k) => {
                    self.ghost_row.insert(k, i);
                }
                Row::Fold { first, count } => {
                    for k in first..first + count {
                        if let Some(slot) = self.unit_row.get_mut(k) {
                            *slot = i;
                        }
                    }
                }
            }
        }
        self.relayout();
    }

    fn relayout(&mut self) {
        self.layout = RowLayout::new(
            &self.model,
            &self.rows,
            self.geometry.pane,
            self.ambiguous_wide,
        );
        self.top = self.top.min(self.max_top());
    }

    /// The largest useful `top`.
    pub fn max_top(&self) -> usize {
        self.layout.total().saturating_sub(self.geometry.body)
    }

    fn scroll_by(&mut self, n: isize) {
        let top = self.top as isize + n;
        self.top = (top.max(0) as usize).min(self.max_top());
    }

    /// The row at the top of the screen.
    pub fn top_row(&self) -> usize {
        self.layout.row_at(self.top).map_or(0, |(r, _)| r)
    }

    fn top_unit(&self) -> Option<usize> {
        let row = self.top_row();
        self.rows[row..].iter().find_map(|r| match *r {
            Row::Unit(k) | Row::Replace { left: k, .. } => Some(k),
            Row::Fold { first, .. } => Some(first),
            Row::Ghost(_) => None,
        })
    }

    /// Bring `row` into view: at the top, or a third of the way down.
    fn scroll_to_row(&mut self, row: usize, breathe: bool) {
        let line = self.layout.starts.get(row).copied().unwrap_or(0);
        let lead = if breathe { self.geometry.body / 3 } else { 0 };
        self.top = line.saturating_sub(lead).min(self.max_top());
    }

    fn scroll_to_unit(&mut self, unit: usize, breathe: bool) {
        if let Some(&row) = self.unit_row.get(unit) {
            self.scroll_to_row(row, breathe);
        }
    }

    /// The unit showing char `pos` of `side`.
    pub fn unit_of(&self, side: Side, pos: u32) -> Option<usize> {
        let view = self.model.side(side);
        let seg = view.segments.partition_point(|s| s.1 <= pos);
        let idx = usize::from(side == Side::Right);
        self.seg_unit[idx].get(seg).copied()
    }

    /// Show char `pos` of `side`, unfolding if it is folded away.
    fn reveal(&mut self, side: Side, pos: u32) {
        self.reveal_line(side, pos, false);
    }

    /// Show char `pos` of `side`; with `upper`, always on the upper third of
    /// the screen (the panel covers the lower part).
    fn reveal_line(&mut self, side: Side, pos: u32, upper: bool) {
        let Some(unit) = self.unit_of(side, pos) else {
            return;
        };
        if self.fold && matches!(self.rows.get(self.unit_row[unit]), Some(Row::Fold { .. })) {
            self.fold = false;
            self.rebuild_rows();
        }
        let row = self.unit_row[unit];
        // Go to the line of the row that holds the position.
        let (l, r) = super::layout::row_segments(&self.model, self.rows[row]);
        let segs = if side == Side::Left { l } else { r };
        let lines = super::layout::side_lines(
            self.model.side(side),
            segs,
            self.geometry.pane,
            self.ambiguous_wide,
        );
        let offset = lines
            .iter()
            .position(|&(s, e)| pos >= s && pos < e)
            .unwrap_or(0);
        let line = self.layout.starts.get(row).copied().unwrap_or(0) + offset;
        if upper || line < self.top || line >= self.top + self.geometry.body {
            self.top = line
                .saturating_sub(self.geometry.body / 3)
                .min(self.max_top());
        }
    }

    /// `n`/`N`: the next search hit while a search is active, else the next passage.
    fn step(&mut self, forward: bool) {
        if !self.search.hits.is_empty() {
            let n = self.search.hits.len();
            let next = match self.search.current {
                None => 0,
                Some(c) if forward => (c + 1) % n,
                Some(c) => (c + n - 1) % n,
            };
            self.search.current = Some(next);
            let (side, (s, _)) = self.search.hits[next];
            self.reveal(side, s);
            self.message = msg::pair_match(next + 1, n);
            return;
        }
        let n = self.model.passages.len();
        let wanted = |k: usize| !(self.skip_stock && self.model.passages[k].stock);
        if !(0..n).any(wanted) {
            self.message = if n == 0 {
                msg::pair_no_passages().into()
            } else {
                msg::pair_only_stock().into()
            };
            return;
        }
        let mut next = match self.selected {
            Some(c) if forward => (c + 1) % n,
            Some(c) => (c + n - 1) % n,
            None => self.first_passage_on_screen(forward),
        };
        while !wanted(next) {
            next = if forward {
                (next + 1) % n
            } else {
                (next + n - 1) % n
            };
        }
        self.select(next);
    }

    fn first_passage_on_screen(&self, forward: bool) -> usize {
        let side = self.focus;
        let top_row = self.top_row();
        let rows: Vec<usize> = self
            .model
            .passages
            .iter()
            .map(|p| {
                let unit = self.unit_of(side, p.span(side).0).unwrap_or(0);
                self.unit_row.get(unit).copied().unwrap_or(0)
            })
            .collect();
        if forward {
            rows.iter().position(|&r| r >= top_row).unwrap_or(0)
        } else {
            rows.iter()
                .rposition(|&r| r < top_row)
                .unwrap_or(rows.len().saturating_sub(1))
        }
    }

    /// Select passage `k` and bring its occurrence on the focused side into view.
    pub fn select(&mut self, k: usize) {
        let Some(p) = self.model.passages.get(k).copied() else {
            return;
        };
        self.selected = Some(k);
        self.reveal(self.focus, p.span(self.focus).0);
    }

    fn next_change(&mut self, forward: bool) {
        let here = self.top_row();
        let changed = |r: &Row, model: &PairModel| match *r {
            Row::Unit(k) => model.units[k].changed(),
            Row::Replace { .. } => true,
            _ => false,
        };
        let target = if forward {
            (here + 1..self.rows.len()).find(|&i| changed(&self.rows[i], &self.model))
        } else {
            (0..here)
                .rev()
                .find(|&i| changed(&self.rows[i], &self.model))
        };
        match target {
            Some(row) => self.scroll_to_row(row, false),
            None => self.message = msg::pair_no_more_changes().into(),
        }
    }

    fn jump_moved(&mut self) {
        let first = self.top_row();
        let last = self
            .layout
            .row_at((self.top + self.geometry.body).saturating_sub(1))
            .map_or(first, |(r, _)| r);
        // The selected passage's moved unit wins, then the first moved row on screen.
        let from_selection = self.selected.and_then(|k| {
            let p = self.model.passages.get(k)?;
            let unit = self.unit_of(Side::Left, p.left.0)?;
            (self.model.units[unit].op == Op::Moved).then_some(Row::Unit(unit))
        });
        let on_screen = (first..=last).find_map(|i| match self.rows.get(i) {
            Some(Row::Unit(k)) if self.model.units[*k].op == Op::Moved => Some(Row::Unit(*k)),
            Some(Row::Ghost(k)) => Some(Row::Ghost(*k)),
            _ => None,
        });
        match from_selection.or(on_screen) {
            Some(Row::Unit(k)) => {
                if let Some(&row) = self.ghost_row.get(&k) {
                    self.scroll_to_row(row, true);
                    self.message = msg::pair_moved_to().into();
                }
            }
            Some(Row::Ghost(k)) => {
                self.scroll_to_unit(k, true);
                self.message = msg::pair_moved_from().into();
            }
            _ => self.message = msg::pair_no_moved().into(),
        }
    }

    fn run_search(&mut self) {
        self.search.editing = false;
        let needle: Vec<char> = self
            .search
            .query
            .chars()
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if needle.is_empty() {
            self.search = Search::default();
            return;
        }
        let mut hits: Vec<(usize, Side, Span)> = Vec::new();
        for side in [Side::Left, Side::Right] {
            let hay = &self.model.side(side).chars;
            if hay.len() < needle.len() {
                continue;
            }
            let mut i = 0;
            while i + needle.len() <= hay.len() {
                if hay[i..i + needle.len()]
                    .iter()
                    .map(|c| c.to_ascii_lowercase())
                    .eq(needle.iter().copied())
                {
                    let span = (i as u32, (i + needle.len()) as u32);
                    let row = self
                        .unit_of(side, span.0)
                        .and_then(|u| self.unit_row.get(u).copied())
                        .unwrap_or(0);
                    hits.push((row, side, span));
                    i += needle.len();
                } else {
                    i += 1;
                }
            }
        }
        hits.sort_by_key(|&(row, side, span)| (row, side == Side::Right, span));
        self.search.hits = hits.into_iter().map(|(_, s, sp)| (s, sp)).collect();
        if self.search.hits.is_empty() {
            self.message = msg::pair_not_found(&self.search.query);
            self.search.current = None;
            return;
        }
        let top_row = self.top_row();
        let start = self
            .search
            .hits
            .iter()
            .position(|&(side, (s, _))| {
                self.unit_of(side, s)
                    .and_then(|u| self.unit_row.get(u).copied())
                    .unwrap_or(0)
                    >= top_row
            })
            .unwrap_or(0);
        self.search.current = Some(start);
        let (side, (s, _)) = self.search.hits[start];
        self.reveal(side, s);
        self.message = msg::pair_match(start + 1, self.search.hits.len());
    }

    fn click(&mut self, x: usize, y: usize) {
        if y == 0 || y > self.geometry.body {
            return;
        }
        let Some((side, col)) = self.geometry.pane_at(x) else {
            return;
        };
        let lines = visible_lines(
            &self.model,
            &self.rows,
            &self.layout,
            self.top + (y - 1),
            1,
            self.geometry.pane,
            self.ambiguous_wide,
        );
        let Some(line) = lines.first() else { return };
        let span = if side == Side::Left {
            line.left
        } else {
            line.right
        };
        let Some((start, end)) = span else { return };
        let view = self.model.side(side);
        let mut at = 0;
        for pos in start..end {
            let w = char_width(view.chars[pos as usize], self.ambiguous_wide);
            if col < at + w.max(1) {
                if let Some(p) = view.passage_at[pos as usize] {
                    self.focus = side;
                    self.selected = Some(p as usize);
                    self.message = msg::pair_passage_of(p as usize + 1, self.model.passages.len());
                }
                return;
            }
            at += w;
        }
    }

    /// Work out the inline diffs of the units on screen that lack one.
    fn ensure_diffs(&mut self) {
        let want = self.granularity;
        let mut todo: Vec<usize> = Vec::new();
        let mut last_row = usize::MAX;
        for line in self.visible() {
            if line.row == last_row {
                continue;
            }
            last_row = line.row;
            if let Some(Row::Unit(k)) = self.rows.get(line.row) {
                let u = &self.model.units[*k];
                if !u.left.is_empty()
                    && !u.right.is_empty()
                    && u.changed()
                    && !self.diffs.contains_key(k)
                {
                    todo.push(*k);
                }
            }
        }
        for k in todo {
            let unit = &self.model.units[k];
            let (lp, lc) = gather(&self.model, k, Side::Left);
            let (rp, rc) = gather(&self.model, k, Side::Right);
            let left = unit.changes.iter().map(|c| c.left);
            let right = unit.changes.iter().map(|c| c.right);
            let (left, got) = marks(&lc, &lp, left, want, &self.splitter);
            let (right, _) = marks(&rc, &rp, right, want, &self.splitter);
            self.diffs.insert(
                k,
                UnitDiff {
                    left,
                    right,
                    words: got == Granularity::Word,
                },
            );
        }
    }
}

/// A unit side's characters, concatenated, with the absolute position of each.
fn gather(model: &PairModel, unit: usize, side: Side) -> (Vec<u32>, Vec<char>) {
    let view = model.side(side);
    let mut pos = Vec::new();
    let mut chars = Vec::new();
    for &s in model.unit_segments(unit, side) {
        if let Some(&(a, b)) = view.segments.get(s) {
            for p in a..b {
                pos.push(p);
                chars.push(view.chars[p as usize]);
            }
        }
    }
    (pos, chars)
}

/// True when `pos` lies in one of the sorted, disjoint `ranges`.
pub(crate) fn in_ranges(ranges: &[Span], pos: u32) -> bool {
    let i = ranges.partition_point(|r| r.1 <= pos);
    ranges.get(i).is_some_and(|r| r.0 <= pos)
}
