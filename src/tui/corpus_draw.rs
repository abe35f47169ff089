//! Drawing the corpus screens: a pure function of [`CorpusApp`].

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table, Widget};
use ratatui::Frame;

use super::corpus::{CorpusApp, DocSort, GroupBy, Screen};
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
    if area.width < 4 || area.height < 4 {
        return;
    }
    Clear.render(area, buf);
    tabs(app, Rect::new(area.x, area.y, area.width, 1), buf);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 2);
    match (&app.timeline, &app.template, app.screen) {
        (Some(_), _, _) => timeline(app, body, buf),
        (None, Some(_), _) => template_timeline(app, body, buf),
        (None, None, Screen::Documents) => documents(app, body, buf),
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

fn tabs(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let mut spans = Vec::new();
    for (screen, name) in [
        (Screen::Documents, " Documents "),
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
        spans.push(Span::styled(" ", style(app, Role::Header)));
    }
    let a = &app.data.analysis;
    spans.push(Span::styled(
        format!(
            " {} documents · {} pairs · {} phrases · {} templates",
            app.data.docs.len(),
            a.pairs.len(),
            a.phrases.len(),
            a.templates.len()
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

/// The window of a list of `len` rows that keeps `cursor` visible.
fn window(cursor: usize, len: usize, height: usize) -> usize {
    if len <= height {
        0
    } else {
        cursor.saturating_sub(height / 2).min(len - height)
    }
}

/// The rows of `items` that fit in `height`, around `cursor`, with their index.
fn visible<T>(items: &[T], cursor: usize, height: usize) -> impl Iterator<Item = (usize, &T)> {
    let top = window(cursor, items.len(), height);
    items.iter().enumerate().skip(top).take(height)
}

fn documents(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let d = &app.data;
    let height = area.height.saturating_sub(1) as usize;
    let rows: Vec<Row> = visible(&app.doc_order, app.doc_cursor, height)
        .map(|(k, &i)| {
            let m = &d.docs[i].meta;
            let e = d.analysis.earlier.get(i).cloned().flatten();
            let pct =
                |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{:.1}%", 100.0 * v));
            let from = e
                .as_ref()
                .and_then(|e| e.sources.first())
                .map(|&(s, _)| d.label(s))
                .unwrap_or_default();
            let row = Row::new(vec![
                Cell::from(i.to_string()),
                Cell::from(shown(m.year.as_ref())),
                Cell::from(shown(m.region.as_ref())),
                Cell::from(shown(m.kind.as_ref())),
                Cell::from(d.docs[i].chars.to_string()),
                Cell::from(pct(e.as_ref().map(|e| e.ratio()))),
                Cell::from(pct(e.as_ref().map(|e| e.distinctive_ratio()))),
                Cell::from(from),
            ]);
            if k == app.doc_cursor {
                row.style(style(app, Role::Selected))
            } else {
                row
            }
        })
        .collect();
    let sort = match app.sort {
        DocSort::Year => "year",
        DocSort::Region => "region",
        DocSort::Reuse => "reuse",
    };
    let header = Row::new(vec![
        "id",
        "year",
        "region",
        "kind",
        "chars",
        "earlier",
        "distinct",
        "mostly from",
    ])
    .style(style(app, Role::Heading));
    Table::new(
        rows,
        [
            Constraint::Length(4),
            Constraint::Length(6),
            Constraint::Length(16),
            Constraint::Length(14),
            Constraint::Length(7),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Min(10),
        ],
    )
    .header(header)
    .block(Block::default().title(format!(
        " sorted by {sort} (s) · Enter: compare with its main earlier source "
    )))
    .render(area, buf);
}

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

fn heatmap(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let h = &app.heat;
    let n = h.labels.len();
    let label_w = 10usize;
    let title = format!(
        " strongest pair between {} (r: by {}) · Enter: open it ",
        if app.group == GroupBy::Year {
            "years"
        } else {
            "regions"
        },
        if app.group == GroupBy::Year {
            "region"
        } else {
            "year"
        }
    );
    Paragraph::new(title)
        .style(style(app, Role::Heading))
        .render(Rect::new(area.x, area.y, area.width, 1), buf);
    let rows = (area.height as usize).saturating_sub(2);
    let cols = (area.width as usize).saturating_sub(label_w + 1);
    let cell_w = if n * 2 <= cols { 2 } else { 1 };
    let visible_cols = (cols / cell_w).max(1);
    let (cr, cc) = app.heat_cursor;
    let top = window(cr, n, rows);
    let left = window(cc, n, visible_cols);
    let mark = style(app, Role::Overview);
    let cursor = style(app, Role::Selected);
    // Column labels: the end of each group's name (a year's last two digits).
    for (x, c) in (left..n).take(visible_cols).enumerate() {
        let xx = area.x + (label_w + x * cell_w) as u16;
        let chars: Vec<char> = h.labels[c].chars().collect();
        let tail: String = if cell_w == 2 && chars.iter().all(char::is_ascii) {
            chars[chars.len().saturating_sub(2)..].iter().collect()
        } else {
            chars.first().map(|c| c.to_string()).unwrap_or_default()
        };
        let st = if c == cc {
            style(app, Role::Focus)
        } else {
            style(app, Role::Heading)
        };
        buf.set_stringn(xx, area.y + 1, tail, cell_w, st);
    }
    for (y, r) in (top..n).take(rows).enumerate() {
        let yy = area.y + 2 + y as u16;
        let label: String = h.labels[r].chars().take(5).collect();
        let lst = if r == cr {
            style(app, Role::Focus)
        } else {
            Style::default()
        };
        buf.set_stringn(area.x, yy, format!("{label:<5}"), label_w, lst);
        for (x, c) in (left..n).take(visible_cols).enumerate() {
            let xx = area.x + (label_w + x * cell_w) as u16;
            let score = h.best[r][c].map_or(0.0, |(s, _)| s);
            let ch = shade(score, h.max);
            let st = if (r, c) == (cr, cc) { cursor } else { mark };
            let text: String = std::iter::repeat_n(ch, cell_w).collect();
            buf.set_stringn(xx, yy, text, cell_w, st);
        }
    }
}

fn phrases(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let d = &app.data;
    let height = area.height.saturating_sub(1) as usize;
    let rows: Vec<Row> = visible(&app.phrase_list, app.phrase_cursor, height)
        .map(|(k, &p)| {
            let ph = &d.analysis.phrases[p];
            let mut years: Vec<i32> = ph
                .documents
                .iter()
                .filter_map(|&x| d.year(x as usize))
                .collect();
            years.sort_unstable();
            years.dedup();
            let span = match (years.first(), years.last()) {
                (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
                (Some(a), _) => a.to_string(),
                _ => "–".into(),
            };
            let mut regions: Vec<&str> = Vec::new();
            for &x in &ph.documents {
                if let Some(r) = d.region(x as usize) {
                    if !regions.contains(&r) {
                        regions.push(r);
                    }
                }
            }
            let regions = if regions.len() > 2 {
                format!("{} +{}", regions[..2].join(" "), regions.len() - 2)
            } else {
                regions.join(" ")
            };
            let row = Row::new(vec![
                Cell::from(ph.documents.len().to_string()),
                Cell::from(span),
                Cell::from(regions),
                Cell::from(crate::report::sanitize(&ph.text)),
            ]);
            if k == app.phrase_cursor {
                row.style(style(app, Role::Selected))
            } else if d.is_common(p) {
                row.style(style(app, Role::Ghost))
            } else {
                row
            }
        })
        .collect();
    let title = format!(
        " {} phrases{} · c: {} slogans · Enter: timeline ",
        app.phrase_list.len(),
        if app.show_common {
            ""
        } else {
            " (distinctive)"
        },
        if app.show_common { "hide" } else { "show" }
    );
    Table::new(
        rows,
        [
            Constraint::Length(5),
            Constraint::Length(10),
            Constraint::Length(22),
            Constraint::Min(10),
        ],
    )
    .header(Row::new(vec!["docs", "years", "regions", "text"]).style(style(app, Role::Heading)))
    .block(Block::default().title(title))
    .render(area, buf);
}

fn timeline(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let Some(t) = &app.timeline else { return };
    let d = &app.data;
    let ph = &d.analysis.phrases[t.phrase];
    let mut lines: Vec<Line> = vec![
        Line::styled(crate::report::sanitize(&ph.text), style(app, Role::Exact)),
        Line::from(""),
    ];
    // Grid: years across, regions down.
    let mut years: Vec<i32> = t.docs.iter().filter_map(|&x| d.year(x)).collect();
    years.dedup();
    let mut regions: Vec<String> = Vec::new();
    for &x in &t.docs {
        let r = d.region(x).unwrap_or("?").to_string();
        if !regions.contains(&r) {
            regions.push(r);
        }
    }
    let mut head = pad("", 12);
    for y in &years {
        head.push_str(&format!("{:>5}", y % 100));
    }
    lines.push(Line::styled(head, style(app, Role::Heading)));
    for r in regions.iter().take(12) {
        let mut row = pad(&r.chars().take(5).collect::<String>(), 12);
        for y in &years {
            let here = t
                .docs
                .iter()
                .any(|&x| d.year(x) == Some(*y) && d.region(x).unwrap_or("?") == r);
            row.push_str(if here { "    ●" } else { "    ·" });
        }
        lines.push(Line::from(row));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "occurrences (x marks two, Enter opens them as a pair; Esc back):",
        style(app, Role::Heading),
    ));
    let room = (area.height as usize).saturating_sub(lines.len());
    for (k, &x) in visible(&t.docs, t.cursor, room) {
        let mark = if t.marked.contains(&x) { "[x]" } else { "[ ]" };
        let text = format!("{mark} {}", d.label(x));
        lines.push(if k == t.cursor {
            Line::styled(text, style(app, Role::Selected))
        } else {
            Line::from(text)
        });
    }
    Paragraph::new(lines).render(area, buf);
}

/// The template list: most documents first, each with its years, its frame
/// (`{…}` for each slot) and its commonest values.
fn templates(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let d = &app.data;
    let all = &d.analysis.templates;
    let height = area.height.saturating_sub(1) as usize;
    let order: Vec<usize> = (0..all.len()).collect();
    let rows: Vec<Row> = visible(&order, app.template_cursor, height)
        .map(|(k, &t)| {
            let tpl = &all[t];
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
            let docs: std::collections::BTreeSet<usize> =
                tpl.instances.iter().map(|i| i.doc).collect();
            let row = Row::new(vec![
                Cell::from(docs.len().to_string()),
                Cell::from(span),
                Cell::from(crate::report::corpus::template_frame(tpl)),
                Cell::from(crate::report::sanitize(&shown.join(" · "))),
            ]);
            if k == app.template_cursor {
                row.style(style(app, Role::Selected))
            } else if d.template_is_common(t) {
                row.style(style(app, Role::Ghost))
            } else {
                row
            }
        })
        .collect();
    let title = format!(
        " {} templates, most documents first · Enter: values by year and region ",
        all.len()
    );
    Table::new(
        rows,
        [
            Constraint::Length(5),
            Constraint::Length(10),
            Constraint::Percentage(55),
            Constraint::Min(10),
        ],
    )
    .header(Row::new(vec!["docs", "years", "frame", "values"]).style(style(app, Role::Heading)))
    .block(Block::default().title(title))
    .render(area, buf);
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
    for (k, &i) in visible(&t.instances, t.cursor, room) {
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
    let text = if app.message.is_empty() {
        " Tab screen · j/k move · Enter open · s sort · r group · c slogans · x mark · ? help · q quit".to_string()
    } else {
        format!(" {}", app.message)
    };
    Paragraph::new(text)
        .style(style(app, Role::Status))
        .render(area, buf);
}

fn help(app: &CorpusApp, area: Rect, buf: &mut Buffer) {
    let lines: Vec<String> = app
        .keymap
        .help()
        .into_iter()
        .map(|h| format!("{:<14} {}", h.keys, h.description))
        .collect();
    let width = (lines.iter().map(|l| l.chars().count()).max().unwrap_or(20) + 4)
        .min(area.width as usize) as u16;
    let height = (lines.len() + 2).min(area.height as usize) as u16;
    let rect = Rect::new(
        area.x + area.width.saturating_sub(width) / 2,
        area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    );
    Clear.render(rect, buf);
    Paragraph::new(lines.join("\n"))
        .style(style(app, Role::Help))
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(" taohua keys (? or Esc to close) "),
        )
        .render(rect, buf);
}
