//! Drawing: the pair view's state rendered into a ratatui buffer.
//!
//! A pure function of [`App`]: it reads the state, never changes it. Text is
//! placed cell by cell rather than through `Paragraph`, so that widths follow
//! the user's choice for ambiguous characters and nothing is ever written past
//! a pane's edge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use ratatui::Frame;
use unicode_width::UnicodeWidthChar;

use super::app::{in_ranges, App, UnitDiff};
use super::keymap::Action;
use super::layout::{Row, VisualLine};
use super::model::Side;
use super::words::Granularity;
use super::wrap::char_width;
use crate::theme::{self, Role};
use taohua_core::compare::{Op, Span};

/// Draw the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Render into a buffer (used by [`draw`], tests and benchmarks).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let painter = Painter { app, buf, area };
    painter.paint();
}

fn style(app: &App, role: Role) -> Style {
    convert(app.theme().style(role))
}

/// A theme style as a ratatui style.
pub(crate) fn convert(s: theme::Style) -> Style {
    let colour = |c: theme::Colour| match c {
        theme::Colour::Ansi(k) => Color::Indexed(k),
        theme::Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
    };
    let mut out = Style::default();
    if let Some(fg) = s.fg {
        out = out.fg(colour(fg));
    }
    if let Some(bg) = s.bg {
        out = out.bg(colour(bg));
    }
    let mut m = Modifier::empty();
    if s.bold {
        m |= Modifier::BOLD;
    }
    if s.dim {
        m |= Modifier::DIM;
    }
    if s.underline {
        m |= Modifier::UNDERLINED;
    }
    out.add_modifier(m)
}

struct Painter<'a, 'b> {
    app: &'a App,
    buf: &'b mut Buffer,
    area: Rect,
}

impl Painter<'_, '_> {
    fn paint(mut self) {
        let g = self.app.geometry;
        if self.area.width == 0 || self.area.height == 0 {
            return;
        }
        self.headers();
        let lines = self.app.visible();
        for (i, line) in lines.iter().enumerate() {
            self.body_line(1 + i, line);
        }
        for i in lines.len()..g.body {
            self.fill(g.left_x, 1 + i, self.area.width as usize, Style::default());
        }
        self.overview();
        self.status();
        if self.app.panel.is_some() {
            self.panel();
        }
        if self.app.help {
            self.help();
        }
    }

    /// Write `text` at (x, y), clipped at `x + max` columns; returns columns used.
    fn text(&mut self, x: usize, y: usize, max: usize, text: &str, style: Style) -> usize {
        let mut used = 0;
        for c in text.chars() {
            let w = char_width(c, self.app.ambiguous_wide);
            if used + w > max {
                break;
            }
            self.put(x + used, y, c, w, style);
            used += w;
        }
        used
    }

    fn put(&mut self, x: usize, y: usize, c: char, w: usize, style: Style) {
        let (ax, ay) = (self.area.x as usize + x, self.area.y as usize + y);
        if ax >= (self.area.x + self.area.width) as usize
            || ay >= (self.area.y + self.area.height) as usize
        {
            return;
        }
        let (ax, ay) = (ax as u16, ay as u16);
        if let Some(cell) = self.buf.cell_mut((ax, ay)) {
            cell.reset();
            cell.set_char(c).set_style(style);
        }
        if w == 2 {
            if let Some(cell) = self.buf.cell_mut((ax.saturating_add(1), ay)) {
                cell.reset();
                // ratatui thinks an ambiguous character is one column wide; the
                // terminal draws it two wide, so the next cell must stay untouched.
                if c.width() == Some(1) {
                    cell.set_skip(true);
                }
            }
        }
    }

    fn fill(&mut self, x: usize, y: usize, width: usize, style: Style) {
        for k in 0..width {
            self.put(x + k, y, ' ', 1, style);
        }
    }

    fn headers(&mut self) {
        let app = self.app;
        let g = app.geometry;
        for (side, x) in [(Side::Left, g.left_x), (Side::Right, g.right_x)] {
            let focused = app.focus == side;
            let st = style(app, if focused { Role::Focus } else { Role::Header });
            self.fill(x, 0, g.pane, st);
            let mark = if focused { "▶ " } else { "  " };
            let label = format!(
                "{mark}{} {}",
                if side == Side::Left { "L" } else { "R" },
                app.model.side(side).header
            );
            self.text(x, 0, g.pane, &label, st);
        }
        let st = style(app, Role::Header);
        self.fill(g.gutter_x, 0, g.right_x - g.gutter_x, st);
        self.fill(g.overview_x, 0, g.width - g.overview_x, st);
    }

    fn body_line(&mut self, y: usize, line: &VisualLine) {
        let app = self.app;
        let g = app.geometry;
        let row = app.rows.get(line.row).copied();
        self.fill(0, y, g.width, Style::default());
        match row {
            Some(Row::Unit(k)) => {
                let unit = &app.model.units[k];
                let diff = app.diffs.get(&k);
                for (side, x, span, empty) in [
                    (Side::Left, g.left_x, line.left, unit.left.is_empty()),
                    (Side::Right, g.right_x, line.right, unit.right.is_empty()),
                ] {
                    match span {
                        Some(s) => self.pane_text(side, x, y, s, diff),
                        None if empty => self.filler(x, y),
                        None => {}
                    }
                }
                if line.offset == 0 {
                    let label = gutter_label(app, k);
                    self.gutter(y, &label);
                }
            }
            Some(Row::Replace { .. }) => {
                if let Some(span) = line.left {
                    self.pane_text(Side::Left, g.left_x, y, span, None);
                }
                if let Some(span) = line.right {
                    self.pane_text(Side::Right, g.right_x, y, span, None);
                }
                if line.offset == 0 {
                    self.gutter(y, "≠ new");
                }
            }
            Some(Row::Ghost(k)) => {
                let ghost = style(app, Role::Ghost);
                let para = |side| app.model.first_paragraph(k, side);
                let text = format!(
                    "↶ R¶{} was moved: shown beside L¶{} (m)",
                    para(Side::Right),
                    para(Side::Left)
                );
                self.filler(g.left_x, y);
                self.text(g.right_x, y, g.pane, &text, ghost);
                self.gutter(y, "↶ moved");
            }
            Some(Row::Fold { count, .. }) => {
                let ghost = style(app, Role::Ghost);
                let text = format!("⋯ {count} identical units folded (f) ⋯");
                self.text(g.left_x, y, g.pane, &text, ghost);
                self.text(g.right_x, y, g.pane, &text, ghost);
                self.gutter(y, "= fold");
            }
            None => {}
        }
    }

    /// A unit's label in the gutter between the panes.
    fn gutter(&mut self, y: usize, label: &str) {
        let g = self.app.geometry;
        let st = style(self.app, Role::Gutter);
        self.text(g.gutter_x + 1, y, g.right_x - g.gutter_x - 1, label, st);
    }

    fn filler(&mut self, x: usize, y: usize) {
        let st = style(self.app, Role::Filler);
        for k in 0..self.app.geometry.pane {
            self.put(x + k, y, if k % 2 == 0 { '╱' } else { ' ' }, 1, st);
        }
    }

    fn pane_text(
        &mut self,
        side: Side,
        x: usize,
        y: usize,
        (start, end): Span,
        diff: Option<&UnitDiff>,
    ) {
        let app = self.app;
        let view = app.model.side(side);
        let hits: Vec<(usize, Span)> = app
            .search
            .hits
            .iter()
            .enumerate()
            .filter(|(_, (s, sp))| *s == side && sp.0 < end && sp.1 > start)
            .map(|(i, (_, sp))| (i, *sp))
            .collect();
        let changed = diff.map(|d| {
            if side == Side::Left {
                &d.left
            } else {
                &d.right
            }
        });
        let mut col = 0;
        for pos in start..end {
            let Some(&c) = view.chars.get(pos as usize) else {
                break;
            };
            let w = char_width(c, app.ambiguous_wide);
            if col + w > app.geometry.pane {
                break;
            }
            let mut st = Style::default();
            if let Some(p) = view.passage_at.get(pos as usize).copied().flatten() {
                let passage = &app.model.passages[p as usize];
                let role = if app.selected == Some(p as usize) {
                    Role::Selected
                } else if !view.in_run.get(pos as usize).copied().unwrap_or(false) {
                    Role::Bridge
                } else if passage.stock {
                    Role::Stock
                } else if passage.exact {
                    Role::Exact
                } else {
                    Role::Edited
                };
                st = st.patch(style(app, role));
            }
            if changed.is_some_and(|r| in_ranges(r, pos)) {
                st = st.patch(style(app, Role::Changed));
            }
            if in_ranges(&view.leftovers, pos) {
                st = st.patch(style(app, Role::Leftover));
            }
            if hits.iter().any(|(_, (a, b))| pos >= *a && pos < *b)
                || app
                    .visit
                    .iter()
                    .any(|&(s, (a, b))| s == side && pos >= a && pos < b)
            {
                st = st.patch(style(app, Role::Search));
            }
            if w > 0 {
                self.put(x + col, y, c, w, st);
            }
            col += w;
        }
    }

    fn overview(&mut self) {
        let app = self.app;
        let g = app.geometry;
        let total = app.layout.total().max(1);
        let body = g.body.max(1);
        let mark = style(app, Role::Overview);
        let view = style(app, Role::Viewport);
        for i in 0..body {
            let from = i * total / body;
            let to = ((i + 1) * total / body).max(from + 1);
            let density = self.density(from, to);
            let glyph = if density >= 0.5 {
                '█'
            } else if density >= 0.15 {
                '▓'
            } else if density > 0.0 {
                '░'
            } else {
                ' '
            };
            let on_screen = to > app.top && from < app.top + body;
            let st = if on_screen { mark.patch(view) } else { mark };
            self.put(g.overview_x, 1 + i, glyph, 1, st);
        }
    }

    /// Share of reused characters in lines `[from, to)`, on either side.
    fn density(&self, from: usize, to: usize) -> f64 {
        let app = self.app;
        let Some((first, _)) = app.layout.row_at(from) else {
            return 0.0;
        };
        let last = app
            .layout
            .row_at(to.saturating_sub(1))
            .map_or(first, |(r, _)| r);
        let mut best: f64 = 0.0;
        for row in first..=last {
            if let Some(Row::Unit(k)) = app.rows.get(row) {
                best = best.max(app.unit_density(*k));
            }
        }
        best
    }

    fn status(&mut self) {
        let app = self.app;
        let g = app.geometry;
        let y = g.height.saturating_sub(1);
        let st = style(app, Role::Status);
        self.fill(0, y, g.width, st);
        if app.search.editing {
            let prompt = format!("/{}▏  Enter: search · Esc: cancel", app.search.query);
            self.text(0, y, g.width, &prompt, st);
            return;
        }
        let top_row = app.top_row();
        let para = |side: Side| -> String {
            app.rows[top_row..]
                .iter()
                .find_map(|&r| {
                    let (l, rr) = super::layout::row_segments(&app.model, r);
                    let segs = if side == Side::Left { l } else { rr };
                    segs.first().copied()
                })
                .and_then(|s| app.model.side(side).paragraph.get(s))
                .map_or("–".to_string(), |p| format!("¶{p}"))
        };
        let passage = match app.selected {
            Some(k) => {
                let p = &app.model.passages[k];
                let what = match (p.stock, p.commonness) {
                    (true, Some(c)) => format!(" stock, in {:.0}%", 100.0 * c),
                    (true, None) => " stock".to_string(),
                    (false, Some(c)) if c > 0.0 => format!(" in {:.0}%", 100.0 * c),
                    _ => String::new(),
                };
                format!("passage {}/{}{what}", k + 1, app.model.passages.len())
            }
            None => format!("{} passages", app.model.passages.len()),
        };
        let gran = match (app.granularity, app.words_available()) {
            (Granularity::Word, true) => "word diff",
            (Granularity::Word, false) => "word diff (loading…)",
            (Granularity::Char, _) => "char diff",
        };
        let (lr, rr, ls, rs) = app.model.reused;
        let left_behind = match app.model.leftovers.len() {
            0 => String::new(),
            n => format!(" │ ⚠ {n} left behind"),
        };
        let left = format!(
            " L{} R{} │ {passage} │ reused L {:.1}% R {:.1}% (stock {:.1}/{:.1}) │ {gran}{left_behind}",
            para(Side::Left),
            para(Side::Right),
            100.0 * lr,
            100.0 * rr,
            100.0 * ls,
            100.0 * rs
        );
        let right = if app.message.is_empty() {
            hints(app)
        } else {
            app.message.clone()
        };
        let used = self.text(0, y, g.width, &left, st);
        let right_w: usize = right
            .chars()
            .map(|c| char_width(c, app.ambiguous_wide))
            .sum();
        if used + 2 + right_w <= g.width {
            self.text(g.width - right_w, y, right_w, &right, st);
        }
    }

    /// The panel of substitutions and names left behind, over the lower
    /// part of the screen: one row each, the selected one lit.
    fn panel(&mut self) {
        let app = self.app;
        let Some(panel) = &app.panel else { return };
        let m = &app.model;
        let mut rows: Vec<String> = m
            .substitutions
            .iter()
            .map(|s| {
                format!(
                    "{} → {}  ×{}  {}",
                    s.left,
                    s.right,
                    s.occurrences.len(),
                    s.kind
                )
            })
            .collect();
        rows.extend(m.leftovers.iter().map(|l| {
            let side = if l.side == Side::Left { "L" } else { "R" };
            format!("⚠ {side} {} left behind", l.label)
        }));
        let width = self.area.width as usize;
        let room = (self.area.height as usize).saturating_sub(2) / 2;
        let height = (rows.len() + 2).min(room.max(3));
        if width < 10 || height < 3 {
            return;
        }
        let y0 = (self.area.height as usize).saturating_sub(1 + height);
        let rect = Rect::new(
            self.area.x,
            self.area.y + y0 as u16,
            self.area.width,
            height as u16,
        );
        Clear.render(rect, self.buf);
        let st = style(app, Role::Help);
        let key = app
            .keymap
            .keys_for(Action::Substitutions)
            .into_iter()
            .next()
            .unwrap_or_default();
        Block::default()
            .borders(Borders::ALL)
            .title(format!(
                " {} substitutions, {} left behind · j/k choose · n/Enter next occurrence · {key}/Esc close ",
                m.substitutions.len(),
                m.leftovers.len()
            ))
            .style(st)
            .render(rect, self.buf);
        let visible = height - 2;
        let top = panel
            .cursor
            .saturating_sub(visible.saturating_sub(1))
            .min(rows.len().saturating_sub(visible));
        for (k, row) in rows.iter().enumerate().skip(top).take(visible) {
            let y = y0 + 1 + (k - top);
            let row_style = if k == panel.cursor {
                style(app, Role::Selected)
            } else {
                st
            };
            self.fill(1, y, width - 2, row_style);
            self.text(2, y, width - 4, row, row_style);
        }
    }

    fn help(&mut self) {
        let app = self.app;
        let lines: Vec<String> = app
            .keymap
            .help()
            .into_iter()
            // The corpus screens' own keys mean nothing here.
            .filter(|h| !h.description.starts_with("Corpus:"))
            .map(|h| format!("{:<14} {}", h.keys, h.description))
            .collect();
        // The legend: each kind of mark as the panes draw it.
        let legend: [(Role, &str, &str); 5] = [
            (Role::Exact, "共享原文", "shared word for word"),
            (Role::Edited, "稍作改动", "shared over small edits"),
            (Role::Bridge, "改动处", "the edit a passage bridges"),
            (
                Role::Stock,
                "套话",
                "stock: common in the reference or a slogan (dimmed)",
            ),
            (
                Role::Changed,
                "8.5%",
                "a figure or word changed inside an aligned paragraph",
            ),
        ];
        let width = (lines
            .iter()
            .map(|l| l.chars().count())
            .chain(legend.iter().map(|(_, _, d)| d.chars().count() + 15))
            .max()
            .unwrap_or(20)
            + 4)
        .min(self.area.width as usize);
        let height = (lines.len() + legend.len() + 3).min(self.area.height as usize);
        let x = self.area.x + (self.area.width.saturating_sub(width as u16)) / 2;
        let y = self.area.y + (self.area.height.saturating_sub(height as u16)) / 2;
        let rect = Rect::new(x, y, width as u16, height as u16).intersection(self.area);
        // A wide character just left of the box would spill over its border.
        if rect.x > self.area.x {
            for row in rect.y..rect.y + rect.height {
                if let Some(cell) = self.buf.cell_mut((rect.x - 1, row)) {
                    if cell.symbol().chars().any(|c| c.width().unwrap_or(0) > 1) {
                        cell.set_char(' ');
                    }
                }
            }
        }
        Clear.render(rect, self.buf);
        let st = style(app, Role::Help);
        // One line per binding, cut at the box's edge rather than wrapped, so
        // that the whole list fits an 80×24 terminal.
        let mut text: Vec<Line> = lines.into_iter().map(Line::from).collect();
        text.push(Line::from(""));
        for (role, sample, what) in legend {
            let pad = 14usize.saturating_sub(
                sample
                    .chars()
                    .map(|c| char_width(c, app.ambiguous_wide))
                    .sum(),
            );
            text.push(Line::from(vec![
                TextSpan::styled(sample, style(app, role)),
                TextSpan::raw(format!("{} {what}", " ".repeat(pad))),
            ]));
        }
        Paragraph::new(text)
            .style(st)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" taohua keys (? or Esc to close) ")
                    .style(st),
            )
            .render(rect, self.buf);
    }
}

fn gutter_label(app: &App, k: usize) -> String {
    let u = &app.model.units[k];
    let para = |side: Side| app.model.first_paragraph(k, side);
    match u.op {
        Op::Match if u.identical() => "= 1.00".into(),
        Op::Match => format!("~ {:.2}", u.similarity),
        Op::Related => format!("≈ {:.2}", u.similarity),
        Op::Moved => format!("↷ R¶{}", para(Side::Right)),
        Op::Split => format!("⇉ {:.2}", u.similarity),
        Op::Merge => format!("⇇ {:.2}", u.similarity),
        Op::Delete => "− only L".into(),
        Op::Insert => "+ only R".into(),
    }
}

fn hints(app: &App) -> String {
    let key = |a: Action| {
        app.keymap
            .keys_for(a)
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    format!(
        "{} next passage · {} change · {} search · {} help · {} quit ",
        key(Action::NextPassage),
        key(Action::NextChange),
        key(Action::Search),
        key(Action::Help),
        key(Action::Quit)
    )
}
