//! Drawing the corpus screens: a pure function of [`CorpusApp`].
//!
//! Tables are laid out by display width ([`crate::columns`]): a cell is cut
//! with `…` rather than run into its neighbour, and a list of regions that
//! does not fit ends in `+N`. The heatmap and the timeline scroll to keep
//! the cursor in view and say `+N more` for what lies off screen; the
//! heatmap's column headers are unambiguous short forms of the group names
//! (广东/广西), and its legend gives the score behind each shade.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use ratatui::Frame;

use super::corpus::{CorpusApp, GroupBy, PromptKind, Screen, CORPUS_ACTIONS};
use crate::app::corpus::filter_words;
use crate::columns::{cell, count, fit, list_fit, width, Align};
use crate::theme::Role;

/// Draw the corpus screens (or the pair view opened from them).
pub fn draw(frame: &mut Frame, app: &CorpusApp) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Render into a buffer.
pub fn render(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    if let Some(pair) = &app.pair {
        super::draw::render(pair, area, buf);
        return;
    }
    if area.width < 20 || area.height < 6 {
        return;
    }
    Clear.render(area, buf);
    tabs(app, Rect::new(area.x, area.y, area.width, 1), buf);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 2);
    match (&app.timeline, &app.template, app.screen) {
        (Some(_), _, _) => timeline(app, body, buf),
        (None, Some(_), _) => template_timeline(app, body, buf),
        (None, None, Screen::Documents) => documents(app, body, buf),
        (None, None, Screen::Pairs) => pairs(app, body, buf),
        (None, None, Screen::Heatmap) => heatmap(app, body, buf),
        (None, None, Screen::Phrases) => phrases(app, body, buf),
        (None, None, Screen::Templates) => templates(app, body, buf),
    }
    status(
        app,
        Rect::new(area.x, area.y + area.height - 1, area.width, 1),
        buf,
    );
    if app.help {
        help(app, area, buf);
    }
}

fn style(app: &CorpusApp, role: Role) -> Style {
    super::draw::convert(app.theme().style(role))
}

/// Write `text` at (x, y), at most `w` columns.
fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, w: usize, st: Style) {
    buf.set_stringn(x, y, text, w, st);
}

fn tabs(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let mut spans = Vec::new();
    for (screen, name) in [
        (Screen::Documents, " Documents "),
        (Screen::Pairs, " Pairs "),
        (Screen::Heatmap, " Heatmap "),
        (Screen::Phrases, " Phrases "),
        (Screen::Templates, " Templates "),
    ] {
        let st = if app.screen == screen {
            style(app, Role::Focus)
        } else {
            style(app, Role::Header)
        };
        spans.push(Span::styled(name, st));
    }
    let shown = app.admitted.iter().filter(|&&a| a).count();
    let docs = if app.filter.is_empty() {
        count(shown, "document", "documents")
    } else {
        format!(
            "{shown} of {} · {}",
            count(app.data.docs.len(), "document", "documents"),
            filter_words(&app.filter)
        )
    };
    let a = &app.data.analysis;
    spans.push(Span::styled(
        format!(
            " {docs} · {} · {} · {}",
            count(a.pairs.len(), "pair", "pairs"),
            count(a.phrases.len(), "phrase", "phrases"),
            count(a.templates.len(), "template", "templates")
        ),
        style(app, Role::Header),
    ));
    Paragraph::new(Line::from(spans))
        .style(style(app, Role::Header))
        .render(area, buf);
}

/// `value?` for a guessed field.
fn shown<T: ToString>(f: Option<&taohua_core::corpus::meta::Field<T>>) -> String {
    match f {
        Some(f) if f.source.guessed() => format!("{}?", f.value.to_string()),
        Some(f) => f.value.to_string(),
        None => "–".into(),
    }
}

/// The first row of a window of `height` rows over `len` that keeps
/// `cursor` visible (centred when it can be).
fn window(cursor: usize, len: usize, height: usize) -> usize {
    if len <= height {
        0
    } else {
        cursor.saturating_sub(height / 2).min(len - height)
    }
}

/// A column of a list: header, width, side.
struct Column {
    header: String,
    width: usize,
    align: Align,
}

fn column(header: &str, width: usize, align: Align) -> Column {
    Column {
        header: header.to_string(),
        width,
        align,
    }
}

/// The last column takes the width the others leave.
fn fill_last(columns: &mut [Column], total: usize) {
    let used: usize = columns.iter().rev().skip(1).map(|c| c.width + 1).sum();
    if let Some(last) = columns.last_mut() {
        last.width = total.saturating_sub(used).max(4);
    }
}

/// One line of a list: the cells cut and padded to their columns.
fn row_line(columns: &[Column], cells: &[String], aw: bool) -> String {
    columns
        .iter()
        .zip(cells)
        .map(|(c, text)| cell(text, c.width, c.align, aw))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A scrolling list: a title, a header, the rows around `cursor` (made by
/// `row` for the items in view) and a foot line; says `+N more` above and
/// below when the list does not fit.
#[allow(clippy::too_many_arguments)]
fn list(
    app: &CorpusApp,
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    columns: &[Column],
    len: usize,
    cursor: usize,
    row: &dyn Fn(usize) -> (Vec<String>, Option<Role>),
    foot: &str,
) {
    let aw = app.ambiguous_wide;
    let w = area.width as usize;
    put(
        buf,
        area.x,
        area.y,
        &fit(title, w, aw),
        w,
        style(app, Role::Heading),
    );
    let header: Vec<String> = columns.iter().map(|c| c.header.clone()).collect();
    put(
        buf,
        area.x,
        area.y + 1,
        &row_line(columns, &header, aw),
        w,
        style(app, Role::Heading),
    );
    let foot = wrap_parts(foot, w, aw);
    let height = (area.height as usize).saturating_sub(2 + foot.len()).max(1);
    let top = window(cursor, len, height);
    if len == 0 {
        put(
            buf,
            area.x,
            area.y + 2,
            "nothing to show: F or / with nothing typed clears the filter or the search",
            w,
            style(app, Role::Ghost),
        );
    }
    for (y, k) in (top..len).take(height).enumerate() {
        let (cells, role) = row(k);
        let st = if k == cursor {
            style(app, Role::Selected)
        } else {
            role.map_or(Style::default(), |r| style(app, r))
        };
        let mut line = row_line(columns, &cells, aw);
        let more_below = len - (top + height).min(len);
        if y == 0 && top > 0 {
            line = more_note(&line, &format!("↑ +{top} more"), w, aw);
        } else if y + 1 == height && more_below > 0 {
            line = more_note(&line, &format!("↓ +{more_below} more"), w, aw);
        }
        put(buf, area.x, area.y + 2 + y as u16, &line, w, st);
    }
    for (k, line) in foot.iter().enumerate() {
        let y = area.y + area.height - foot.len() as u16 + k as u16;
        put(
            buf,
            area.x,
            y,
            &fit(line, w, aw),
            w,
            style(app, Role::Ghost),
        );
    }
}

/// A line of parts joined by ` · `, broken between parts into lines of at
/// most `w` columns (a part wider than that is cut when drawn).
fn wrap_parts(text: &str, w: usize, aw: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in text.split(" · ") {
        match lines.last_mut() {
            Some(line) if width(line, aw) + 3 + width(part, aw) <= w => {
                line.push_str(" · ");
                line.push_str(part);
            }
            _ => lines.push(if lines.is_empty() {
                part.to_string()
            } else {
                format!(" {part}")
            }),
        }
    }
    lines
}

/// `line` with `note` at its right end (over whatever was there).
fn more_note(line: &str, note: &str, w: usize, aw: bool) -> String {
    let room = w.saturating_sub(width(note, aw) + 1);
    format!("{} {note}", cell(line, room, Align::Left, aw))
}

/// `0.254` as `25.4%`.
fn percent(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// The search or filter on a list, for its title.
fn search_note(query: Option<&str>) -> String {
    query.map_or(String::new(), |q| format!(" · search: {q} (Esc clears)"))
}

fn documents(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let d = &app.data;
    let aw = app.ambiguous_wide;
    let w = area.width as usize;
    let widest = |f: &dyn Fn(usize) -> String, cap: usize| {
        app.doc_order
            .iter()
            .map(|&i| width(&f(i), aw))
            .max()
            .unwrap_or(0)
            .min(cap)
    };
    let id_w = widest(&|i| i.to_string(), 6).max(2);
    let region_w = widest(&|i| shown(d.docs[i].meta.region.as_ref()), 16).clamp(6, 16);
    let region_w = if w < 100 { region_w.min(12) } else { region_w };
    let mut columns = vec![
        column("id", id_w, Align::Right),
        column("year", 5, Align::Left),
        column("region", region_w, Align::Left),
    ];
    let wide = w >= 120;
    if wide {
        let kind_w = widest(&|i| shown(d.docs[i].meta.kind.as_ref()), 16).max(4);
        columns.push(column("kind", kind_w, Align::Left));
        columns.push(column("chars", 7, Align::Right));
    }
    let earlier_w = widest(&|i| d.earlier_label(i), 24).max(7);
    columns.push(column("earlier", earlier_w, Align::Right));
    columns.push(column("distinct", 8, Align::Right));
    columns.push(column("main source", 0, Align::Left));
    fill_last(&mut columns, w);
    let row = |k: usize| -> (Vec<String>, Option<Role>) {
        let i = app.doc_order[k];
        let m = &d.docs[i].meta;
        let mut cells = vec![
            i.to_string(),
            shown(m.year.as_ref()),
            shown(m.region.as_ref()),
        ];
        if wide {
            cells.push(shown(m.kind.as_ref()));
            cells.push(d.docs[i].chars.to_string());
        }
        cells.push(d.earlier_label(i));
        cells.push(
            d.earlier(i)
                .map_or("–".into(), |e| percent(e.specific_ratio())),
        );
        cells.push(d.top_source_label(i));
        (cells, None)
    };
    let reversed = if app.reversed[0] { ", reversed" } else { "" };
    let title = format!(
        " {} · sorted by {}{reversed} (s, S) · Enter: compare with its main source{}",
        count(app.doc_order.len(), "document", "documents"),
        app.sort.name(),
        search_note(app.doc_search.as_ref().map(|(q, _)| q.as_str()))
    );
    let foot = " earlier: share found in any earlier document, the union over N of them · distinct: the same without slogans · main source: its share with that one document";
    list(
        app,
        area,
        buf,
        &title,
        &columns,
        app.doc_order.len(),
        app.doc_cursor,
        &row,
        foot,
    );
}

fn pairs(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let d = &app.data;
    let aw = app.ambiguous_wide;
    let w = area.width as usize;
    let mut columns = vec![
        column("#", 5, Align::Right),
        column("score", 6, Align::Right),
        column("distinct", 8, Align::Right),
        column("shared", 7, Align::Right),
        column("A", 6, Align::Right),
        column("B", 6, Align::Right),
        column("A ~ B", 0, Align::Left),
    ];
    fill_last(&mut columns, w);
    let half = columns.last().map_or(20, |c| c.width.saturating_sub(3) / 2);
    let row = |k: usize| -> (Vec<String>, Option<Role>) {
        let p = &d.analysis.pairs[app.pair_order[k]];
        let (a, b) = (d.label(p.a), d.label(p.b));
        // Each side cut to half the room only when both do not fit.
        let both = if width(&a, aw) + width(&b, aw) + 3 <= half * 2 + 3 {
            format!("{a} ~ {b}")
        } else {
            format!("{} ~ {}", fit(&a, half, aw), fit(&b, half, aw))
        };
        (
            vec![
                (app.pair_order[k] + 1).to_string(),
                format!("{:.3}", p.score),
                p.specific_chars.to_string(),
                p.shared_chars.to_string(),
                percent(p.a_reused),
                percent(p.b_reused),
                both,
            ],
            None,
        )
    };
    let reversed = if app.reversed[1] { ", reversed" } else { "" };
    let title = format!(
        " {} · sorted by {}{reversed} (s, S) · Enter: open the pair{}",
        count(app.pair_order.len(), "pair", "pairs"),
        app.pair_sort.name(),
        search_note(app.pair_search.as_deref())
    );
    let foot = " score: distinctive characters shared ÷ geometric mean of the two lengths · A, B: share of each in shared passages · #: rank by score";
    list(
        app,
        area,
        buf,
        &title,
        &columns,
        app.pair_order.len(),
        app.pair_cursor,
        &row,
        foot,
    );
}

/// The shade of a heatmap cell: its score against the strongest.
fn shade(score: f64, max: f64) -> char {
    if max <= 0.0 || score <= 0.0 {
        return '·';
    }
    match score / max {
        x if x >= 0.6 => '█',
        x if x >= 0.3 => '▓',
        x if x >= 0.1 => '▒',
        _ => '░',
    }
}

/// What each shade stands for, in scores.
fn legend(max: f64) -> String {
    format!(
        " shade = score of the strongest pair: █ ≥{:.3} ▓ ≥{:.3} ▒ ≥{:.3} ░ >0 · none",
        0.6 * max,
        0.3 * max,
        0.1 * max
    )
}

/// Column headers of the heatmap and the timeline: for years, a row of
/// centuries (`19`, `20`, where one starts) over the last two digits; else
/// the short names, one row.
fn headers(labels: &[String]) -> (Vec<String>, Option<Vec<String>>) {
    let years = labels
        .iter()
        .all(|l| l == "?" || (l.len() == 4 && l.bytes().all(|b| b.is_ascii_digit())));
    if !years {
        return (labels.to_vec(), None);
    }
    let low = labels
        .iter()
        .map(|l| {
            if l == "?" {
                "?".into()
            } else {
                l[2..].to_string()
            }
        })
        .collect();
    let high = labels
        .iter()
        .map(|l| {
            if l == "?" {
                String::new()
            } else {
                l[..2].to_string()
            }
        })
        .collect();
    (low, Some(high))
}

/// A grid of `rows` × `cols` labelled cells, scrolled to keep `cursor`
/// (row, column) in view; `mark(r, c)` gives a cell's character and style.
/// Says `+N more` for rows and columns off screen. Returns the rows drawn.
#[allow(clippy::too_many_arguments)]
fn grid(
    app: &CorpusApp,
    area: Rect,
    buf: &mut Buffer,
    row_labels: &[String],
    col_labels: &[String],
    cursor: (usize, usize),
    mark: &dyn Fn(usize, usize) -> (char, Style),
) -> u16 {
    let aw = app.ambiguous_wide;
    let w = area.width as usize;
    let (low, high) = headers(col_labels);
    let cell_w = low.iter().map(|l| width(l, aw)).max().unwrap_or(1) + 1;
    // Row labels in full (up to 16 columns) unless that leaves fewer than
    // ten columns of cells.
    let widest = row_labels.iter().map(|l| width(l, aw)).max().unwrap_or(1);
    let mut label_w = widest.clamp(2, 16);
    let want = col_labels.len().min(10);
    while label_w > 8 && w.saturating_sub(label_w + 1) / cell_w < want {
        label_w -= 1;
    }
    let label_w = label_w + 1;
    let head_rows = if high.is_some() { 2 } else { 1 };
    let rows = (area.height as usize).saturating_sub(head_rows + 1).max(1);
    let cols = (w.saturating_sub(label_w) / cell_w).max(1);
    let (n_rows, n_cols) = (row_labels.len(), col_labels.len());
    let top = window(cursor.0, n_rows, rows);
    let left = window(cursor.1, n_cols, cols);
    let heading = style(app, Role::Heading);
    let focus = style(app, Role::Focus);
    for (x, c) in (left..n_cols).take(cols).enumerate() {
        let xx = area.x + (label_w + x * cell_w) as u16;
        let st = if c == cursor.1 { focus } else { heading };
        if let Some(high) = &high {
            // The century where it starts, and at the left edge.
            if x == 0 || high[c] != high[c - 1] {
                put(buf, xx, area.y, &high[c], cell_w, heading);
            }
        }
        let y = area.y + head_rows as u16 - 1;
        put(
            buf,
            xx,
            y,
            &cell(&low[c], cell_w, Align::Left, aw),
            cell_w,
            st,
        );
    }
    for (y, r) in (top..n_rows).take(rows).enumerate() {
        let yy = area.y + (head_rows + y) as u16;
        let st = if r == cursor.0 {
            focus
        } else {
            Style::default()
        };
        let label = cell(&row_labels[r], label_w - 1, Align::Left, aw);
        put(buf, area.x, yy, &label, label_w, st);
        for (x, c) in (left..n_cols).take(cols).enumerate() {
            let xx = area.x + (label_w + x * cell_w) as u16;
            let (ch, st) = mark(r, c);
            let text: String = std::iter::repeat_n(ch, cell_w - 1).collect();
            put(buf, xx, yy, &text, cell_w - 1, st);
        }
    }
    let drawn = rows.min(n_rows);
    // What lies off screen.
    let mut more = Vec::new();
    let (above, below) = (top, n_rows - (top + drawn));
    let shown_cols = cols.min(n_cols);
    let (before, after) = (left, n_cols - (left + shown_cols));
    if above > 0 {
        more.push(format!("↑ +{above} more"));
    }
    if below > 0 {
        more.push(format!("↓ +{below} more"));
    }
    if before > 0 {
        more.push(format!("← +{before} more"));
    }
    if after > 0 {
        more.push(format!("→ +{after} more"));
    }
    if !more.is_empty() {
        let note = format!(
            " rows {}–{} of {n_rows}, columns {}–{} of {n_cols}: {}",
            top + 1,
            top + drawn,
            left + 1,
            left + shown_cols,
            more.join(" ")
        );
        let yy = area.y + (head_rows + drawn) as u16;
        put(
            buf,
            area.x,
            yy,
            &fit(&note, w, aw),
            w,
            style(app, Role::Ghost),
        );
    }
    (head_rows + drawn + usize::from(!more.is_empty())) as u16
}

fn heatmap(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let h = &app.heat;
    let aw = app.ambiguous_wide;
    let w = area.width as usize;
    let (by, other) = match app.group {
        GroupBy::Year => ("years", "region"),
        GroupBy::Region => ("regions", "year"),
    };
    let title =
        format!(" strongest pair between {by} (r: by {other}) · h j k l move · Enter: open it");
    put(
        buf,
        area.x,
        area.y,
        &fit(&title, w, aw),
        w,
        style(app, Role::Heading),
    );
    if h.labels.is_empty() {
        put(
            buf,
            area.x,
            area.y + 2,
            "no documents pass the filter",
            w,
            style(app, Role::Ghost),
        );
        return;
    }
    let mark = style(app, Role::Overview);
    let selected = style(app, Role::Selected);
    let cursor = app.heat_cursor;
    let shade_of = |r: usize, c: usize| {
        let score = h.best[r][c].map_or(0.0, |(s, _)| s);
        let st = if (r, c) == cursor { selected } else { mark };
        (shade(score, h.max), st)
    };
    let grid_area = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    );
    grid(app, grid_area, buf, &h.labels, &h.short, cursor, &shade_of);
    put(
        buf,
        area.x,
        area.y + area.height - 1,
        &fit(&legend(h.max), w, aw),
        w,
        style(app, Role::Ghost),
    );
}

/// The status line's account of the heatmap's selected cell.
pub(crate) fn heat_status(app: &CorpusApp) -> String {
    let h = &app.heat;
    let (r, c) = app.heat_cursor;
    let (Some(row), Some(col)) = (h.labels.get(r), h.labels.get(c)) else {
        return String::new();
    };
    match app.heat_cell() {
        Some((score, k)) => {
            let p = &app.data.analysis.pairs[k];
            format!(
                " {row} × {col}: {} ~ {} · score {score:.3} ({} distinctive characters) · Enter opens it",
                app.data.label(p.a),
                app.data.label(p.b),
                p.specific_chars
            )
        }
        None => format!(" {row} × {col}: no pair shares text"),
    }
}

fn phrases(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let d = &app.data;
    let aw = app.ambiguous_wide;
    let w = area.width as usize;
    let regions_w = if w >= 120 { 30 } else { 16 };
    let mut columns = vec![
        column("docs", 4, Align::Right),
        column("common", 6, Align::Right),
        column("years", 9, Align::Left),
        column("regions", regions_w, Align::Left),
        column("text", 0, Align::Left),
    ];
    fill_last(&mut columns, w);
    let row = |k: usize| -> (Vec<String>, Option<Role>) {
        let p = app.phrase_list[k];
        let docs = app.phrase_docs(p);
        let family = d
            .analysis
            .family_of
            .get(p)
            .and_then(|&f| d.analysis.families.get(f));
        let mut years: Vec<i32> = docs.iter().filter_map(|&x| d.year(x)).collect();
        years.sort_unstable();
        years.dedup();
        let span = match (years.first(), years.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            _ => "–".into(),
        };
        let mut regions: Vec<&str> = Vec::new();
        for &x in &docs {
            if let Some(r) = d.region(x) {
                if !regions.contains(&r) {
                    regions.push(r);
                }
            }
        }
        let role = d.is_stock(p).then_some(Role::Ghost);
        let forms = match family.map_or(0, |f| f.variants.len()) {
            0 => String::new(),
            n => format!("  (+{n} form{})", if n == 1 { "" } else { "s" }),
        };
        (
            vec![
                docs.len().to_string(),
                format!("{:.1}%", 100.0 * d.family_commonness(p)),
                span,
                list_fit(&regions, " ", regions_w, aw),
                format!("{}{forms}", d.phrase_text(p)),
            ],
            role,
        )
    };
    let reversed = if app.reversed[2] { ", reversed" } else { "" };
    let title = format!(
        " {}{} · sorted by {}{reversed} (s, S) · c: {} stock · F: <5% >20% · Enter: timeline{}",
        count(app.phrase_list.len(), "phrase family", "phrase families"),
        if app.show_common { "" } else { " (specific)" },
        app.phrase_sort.name(),
        if app.show_common { "hide" } else { "show" },
        search_note(app.phrase_search.as_ref().map(|(q, _)| q.as_str()))
    );
    let foot = " docs: documents carrying the phrase · common: share of the corpus carrying any of its forms · years: first and last · regions: in the order they took it up";
    list(
        app,
        area,
        buf,
        &title,
        &columns,
        app.phrase_list.len(),
        app.phrase_cursor,
        &row,
        foot,
    );
}

fn timeline(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let Some(t) = &app.timeline else { return };
    let d = &app.data;
    let aw = app.ambiguous_wide;
    let w = area.width as usize;
    let ph = &d.analysis.phrases[t.phrase];
    let text = crate::report::sanitize(&ph.text);
    put(
        buf,
        area.x,
        area.y,
        &fit(&text, w, aw),
        w,
        style(app, Role::Exact),
    );
    let years: Vec<String> = t
        .years
        .iter()
        .map(|y| y.map_or("?".to_string(), |y| y.to_string()))
        .collect();
    let regions: Vec<String> = t
        .regions
        .iter()
        .map(|r| r.clone().unwrap_or_else(|| "?".into()))
        .collect();
    let summary = format!(
        " {} in {} and {}: every one below; ● carries it, ◉ the selected one",
        count(t.docs.len(), "document", "documents"),
        count(years.len(), "year", "years"),
        count(regions.len(), "region", "regions")
    );
    put(
        buf,
        area.x,
        area.y + 1,
        &fit(&summary, w, aw),
        w,
        style(app, Role::Heading),
    );
    let current = t.docs.get(t.cursor).copied();
    let here = current.map(|x| t.cell(d, x));
    let mut filled = vec![vec![false; years.len()]; regions.len()];
    for &x in &t.docs {
        let (c, r) = t.cell(d, x);
        filled[r][c] = true;
    }
    let mark = style(app, Role::Exact);
    let selected = style(app, Role::Selected);
    let dot = |r: usize, c: usize| -> (char, Style) {
        if here == Some((c, r)) {
            ('◉', selected)
        } else if filled[r][c] {
            ('●', mark)
        } else {
            ('·', Style::default())
        }
    };
    // The grid takes at most half the rest, the occurrence list the other.
    let rest = area.height.saturating_sub(2);
    let grid_h = (regions.len() as u16 + 3).min(rest / 2 + rest % 2).max(4);
    let grid_area = Rect::new(area.x, area.y + 2, area.width, grid_h);
    let (col, row) = here.map_or((0, 0), |(c, r)| (c, r));
    let used = grid(app, grid_area, buf, &regions, &years, (row, col), &dot);
    let list_y = area.y + 2 + used.min(grid_h);
    let list_h = (area.y + area.height).saturating_sub(list_y + 1) as usize;
    put(
        buf,
        area.x,
        list_y,
        &fit(
            " occurrences (j/k, h/l a year; x marks two, Enter opens them as a pair; Esc back):",
            w,
            aw,
        ),
        w,
        style(app, Role::Heading),
    );
    let top = window(t.cursor, t.docs.len(), list_h.max(1));
    for (y, (k, &x)) in t.docs.iter().enumerate().skip(top).take(list_h).enumerate() {
        let mark = if t.marked.contains(&x) { "[x]" } else { "[ ]" };
        let line = format!("{mark} {}", d.label(x));
        let st = if k == t.cursor {
            style(app, Role::Selected)
        } else {
            Style::default()
        };
        put(
            buf,
            area.x,
            list_y + 1 + y as u16,
            &fit(&line, w, aw),
            w,
            st,
        );
    }
}

/// The template list: most documents first, each with its years, its frame
/// (`{…}` for each slot) and its commonest values.
fn templates(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let d = &app.data;
    let all = &d.analysis.templates;
    let w = area.width as usize;
    let mut columns = vec![
        column("docs", 4, Align::Right),
        column("years", 9, Align::Left),
        column("frame", (w / 2).max(20), Align::Left),
        column("values", 0, Align::Left),
    ];
    fill_last(&mut columns, w);
    let row = |t: usize| -> (Vec<String>, Option<Role>) {
        let Some(tpl) = all.get(t) else {
            return (Vec::new(), None);
        };
        let years = d.template_years(t);
        let span = match (years.first(), years.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            _ => "–".into(),
        };
        let mut values: Vec<(String, usize)> = Vec::new();
        for i in &tpl.instances {
            let v = i.values.join(" | ");
            match values.iter_mut().find(|(x, _)| *x == v) {
                Some((_, n)) => *n += 1,
                None => values.push((v, 1)),
            }
        }
        values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let shown: Vec<String> = values
            .iter()
            .take(3)
            .map(|(v, n)| format!("{v} ({n})"))
            .collect();
        let docs: std::collections::BTreeSet<usize> = tpl.instances.iter().map(|i| i.doc).collect();
        let role = d.template_is_common(t).then_some(Role::Ghost);
        (
            vec![
                docs.len().to_string(),
                span,
                crate::report::corpus::template_frame(tpl),
                crate::report::sanitize(&shown.join(" · ")),
            ],
            role,
        )
    };
    let title = format!(
        " {} · most documents first · Enter: values by year and region",
        count(all.len(), "template", "templates")
    );
    let foot =
        " frame: the fixed wording, {…} for each slot · values: the commonest fillings (documents)";
    list(
        app,
        area,
        buf,
        &title,
        &columns,
        all.len(),
        app.template_cursor,
        &row,
        foot,
    );
}

/// A template's timeline: its frame, its values by year (二中、三中 (23) →
/// 历次 (22)), a grid of the values by year and region, and its instances;
/// `Enter` opens the instance's document at the instance.
fn template_timeline(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let Some(t) = &app.template else { return };
    let d = &app.data;
    let Some(tpl) = d.analysis.templates.get(t.template) else {
        return;
    };
    let mut lines: Vec<Line> = vec![
        Line::styled(
            crate::report::corpus::template_frame(tpl),
            style(app, Role::Exact),
        ),
        Line::from(""),
    ];
    let by_year: Vec<String> = d
        .template_values_by_year(t.template)
        .into_iter()
        .map(|(year, values)| {
            let shown: Vec<String> = values
                .iter()
                .take(2)
                .map(|(v, n)| format!("{v} ({n})"))
                .collect();
            let y = year.map_or("?".to_string(), |y| y.to_string());
            format!("{y}: {}", shown.join(", "))
        })
        .collect();
    lines.push(Line::from(crate::report::sanitize(&by_year.join(" → "))));
    lines.push(Line::from(""));
    // Grid: years across, regions down, each cell the value used there.
    let mut years: Vec<i32> = t
        .instances
        .iter()
        .filter_map(|&i| tpl.instances.get(i))
        .filter_map(|i| d.year(i.doc))
        .collect();
    years.dedup();
    let regions = d.template_regions(t.template);
    let mut head = pad("", 12);
    for y in &years {
        head.push_str(&pad(&y.to_string(), 14));
    }
    lines.push(Line::styled(head, style(app, Role::Heading)));
    for r in regions.iter().take(8) {
        let mut row = pad(&r.chars().take(5).collect::<String>(), 12);
        for y in &years {
            let value = tpl
                .instances
                .iter()
                .find(|i| d.year(i.doc) == Some(*y) && d.region(i.doc) == Some(r))
                .map(|i| i.values.join("|"))
                .unwrap_or_else(|| "·".into());
            let cut: String = crate::report::sanitize(&value).chars().take(6).collect();
            row.push_str(&pad(&cut, 14));
        }
        lines.push(Line::from(row));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "instances (Enter opens the document there; x marks the one to compare with; Esc back):",
        style(app, Role::Heading),
    ));
    let room = (area.height as usize).saturating_sub(lines.len());
    let top = window(t.cursor, t.instances.len(), room.max(1));
    for (k, &i) in t.instances.iter().enumerate().skip(top).take(room) {
        let Some(inst) = tpl.instances.get(i) else {
            continue;
        };
        let mark = if t.marked == Some(i) { "[x]" } else { "[ ]" };
        let text = format!(
            "{mark} {}  {}",
            d.label(inst.doc),
            crate::report::sanitize(&inst.values.join(" | "))
        );
        lines.push(if k == t.cursor {
            Line::styled(text, style(app, Role::Selected))
        } else {
            Line::from(text)
        });
    }
    Paragraph::new(lines).render(area, buf);
}

/// `s` padded with spaces to `width` display columns.
fn pad(s: &str, width: usize) -> String {
    let w: usize = s.chars().map(|c| super::wrap::char_width(c, false)).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn status(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let aw = app.ambiguous_wide;
    let w = area.width as usize;
    let text = if let Some(p) = &app.prompt {
        match p.kind {
            PromptKind::Search => format!(
                " /{}▏ search {} (Enter · Esc cancels)",
                p.text,
                match (&app.timeline, app.screen) {
                    (Some(_), _) => "the occurrences",
                    (None, Screen::Documents) if app.data.input.library.is_some() =>
                        "document names and texts",
                    (None, Screen::Documents) => "document names",
                    (None, Screen::Pairs) => "pairs by document name",
                    (None, Screen::Heatmap) => "group names",
                    (None, Screen::Phrases) => "phrases",
                    (None, Screen::Templates) => "templates by their wording or values",
                }
            ),
            PromptKind::Filter => format!(
                " filter: {}▏ (kind, year or range, region: 2025..2026 政府工作报告 广东 · empty clears · Enter · Esc)",
                p.text
            ),
        }
    } else if !app.message.is_empty() {
        format!(" {}", app.message)
    } else if app.screen == Screen::Heatmap && app.timeline.is_none() {
        heat_status(app)
    } else {
        " Tab screen · Enter open · / search · F filter · s sort · ? help · q quit".to_string()
    };
    Paragraph::new(fit(&text, w, aw))
        .style(style(app, Role::Status))
        .render(area, buf);
}

fn help(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let aw = app.ambiguous_wide;
    let lines: Vec<(String, String)> = app
        .keymap
        .help_for(&CORPUS_ACTIONS)
        .into_iter()
        .map(|h| (h.keys, h.description))
        .collect();
    let keys_w = lines
        .iter()
        .map(|(k, _)| width(k, aw))
        .max()
        .unwrap_or(4)
        .min(18);
    let w = area.width as usize;
    let text_w = lines
        .iter()
        .map(|(_, d)| width(d, aw))
        .max()
        .unwrap_or(20)
        .min(w.saturating_sub(keys_w + 3));
    let box_w = (keys_w + text_w + 3).min(w);
    let height = (lines.len() + 1).min(area.height as usize);
    let x = area.x + (w.saturating_sub(box_w) / 2) as u16;
    let y = area.y + (area.height as usize).saturating_sub(height) as u16 / 2;
    let rect = Rect::new(x, y, box_w as u16, height as u16);
    Clear.render(rect, buf);
    let st = style(app, Role::Help);
    let fill = " ".repeat(box_w);
    for yy in 0..height as u16 {
        put(buf, x, y + yy, &fill, box_w, st);
    }
    let title = " corpus keys (? or Esc closes)";
    put(buf, x, y, &fit(title, box_w, aw), box_w, st);
    let shown = height.saturating_sub(1);
    for (k, (keys, description)) in lines.iter().take(shown).enumerate() {
        let mut line = format!(
            " {} {}",
            cell(keys, keys_w, Align::Left, aw),
            fit(description, text_w, aw)
        );
        if k + 1 == shown && lines.len() > shown {
            line = format!(
                " +{} more: a taller terminal shows them",
                lines.len() - shown
            );
        }
        put(buf, x, y + 1 + k as u16, &line, box_w, st);
    }
}
