//! The style sheet of the HTML reports: a fixed layout (`base.css`, which
//! names no colour) and the colours, written from the themes in `themes/` so
//! the pair view and the reports cannot drift apart.
//!
//! Each role the pair view draws becomes a class with the same meaning:
//! `.x` exact, `.e` bridged (edited), `.s` slogan, `.b` the edit a passage
//! bridged, `.c` a changed figure or word, `.lit` (and a passage jumped to)
//! the selected passage. Every property is written out for every role, so
//! the dark rules fully replace the light ones. A changed figure is an
//! element inside its passage's element, so where its role sets no
//! background the passage's shows through, as the pair view lays one role
//! over the other. The page, headers, gutter, filler and heatmap take their
//! colours from the roles `help`, `header`, `gutter`, `filler` and `overview`.

use super::Palette;
use crate::theme::{Colour, Role, Style, Theme};

/// The layout, without colours.
const BASE: &str = include_str!("base.css");

/// The classes of the roles a report marks text with.
const MARKS: [(Role, &str); 6] = [
    (Role::Exact, ".x"),
    (Role::Edited, ".e"),
    (Role::Stock, ".s"),
    (Role::Bridge, ".b"),
    (Role::Changed, ".c"),
    (Role::Selected, ".lit,a[data-p]:target"),
];

/// The 16 terminal colours a theme may name, as xterm shows them.
const ANSI: [&str; 16] = [
    "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
    "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
];

/// The whole style sheet: layout, then the palette's colours.
pub(super) fn stylesheet(palette: &Palette) -> String {
    let mut css = String::with_capacity(BASE.len() + 4096);
    css.push_str(BASE);
    match palette {
        Palette::System => {
            let light = Theme::builtin("light").unwrap_or_default();
            let dark = Theme::builtin("dark").unwrap_or_default();
            colours(&light, &mut css);
            css.push_str("@media screen and (prefers-color-scheme:dark){\n");
            colours(&dark, &mut css);
            css.push_str("}\n");
        }
        Palette::One(theme) => colours(theme, &mut css),
    }
    css
}

/// A colour as CSS.
fn css_colour(c: Colour) -> String {
    match c {
        Colour::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Colour::Ansi(k) => ANSI
            .get(usize::from(k))
            .map_or_else(|| "currentColor".to_string(), |s| (*s).to_string()),
    }
}

/// The foreground of `style`, or the text colour around it.
fn fg(style: Style) -> String {
    style.fg.map_or_else(|| "currentColor".into(), css_colour)
}

/// The background of `style`, or none.
fn bg(style: Style) -> String {
    style.bg.map_or_else(|| "transparent".into(), css_colour)
}

/// The rules that colour a page in `theme`.
fn colours(theme: &Theme, css: &mut String) {
    let role = |r: Role| theme.style(r);
    let page = role(Role::Help);
    let header = role(Role::Header);
    let rule = header
        .bg
        .or(header.fg)
        .map_or_else(|| "currentColor".into(), css_colour);
    css.push_str(&format!(
        ":root{{--head-fg:{};--head-bg:{};--rule:{rule};--gutter:{};--unit:{};--ghost:{};\
         --fill:{};--heat:{};--viewport:{};--exact-bg:{};--slogan-fg:{}}}\n",
        fg(header),
        bg(header),
        fg(role(Role::Gutter)),
        fg(role(Role::Unit)),
        fg(role(Role::Ghost)),
        fg(role(Role::Filler)),
        fg(role(Role::Overview)),
        bg(role(Role::Viewport)),
        bg(role(Role::Exact)),
        fg(role(Role::Stock)),
    ));
    // On paper the page is the paper: no background.
    css.push_str(&format!(
        "body{{color:{}}}\n@media screen{{body{{background:{}}}}}\n",
        page.fg.map_or_else(|| "CanvasText".into(), css_colour),
        page.bg.map_or_else(|| "Canvas".into(), css_colour),
    ));
    let heading = role(Role::Heading);
    css.push_str(&format!(
        "h1,h2,h3{{color:{};font-weight:{}}}\n",
        fg(heading),
        if heading.bold { 700 } else { 600 }
    ));
    for (r, selector) in MARKS {
        let s = role(r);
        // `inherit` leaves a changed figure inside a passage with the
        // passage's colours where the role sets none of its own.
        css.push_str(&format!(
            "{selector}{{color:{};background-color:{};font-weight:{};text-decoration:{};opacity:{}}}\n",
            s.fg.map_or_else(|| "inherit".into(), css_colour),
            bg(s),
            if s.bold { "700" } else { "inherit" },
            if s.underline { "underline" } else { "none" },
            if s.dim { ".65" } else { "1" },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_come_from_the_themes() {
        let css = stylesheet(&Palette::System);
        let light = Theme::builtin("light").unwrap_or_default();
        let dark = Theme::builtin("dark").unwrap_or_default();
        for theme in [&light, &dark] {
            let exact = theme.style(Role::Exact).bg.map(css_colour);
            assert!(exact.is_some_and(|c| css
                .contains(&format!(".x{{color:{}", fg(theme.style(Role::Exact))))
                && css.contains(&c)));
        }
        let dark_at = css.find("prefers-color-scheme:dark").unwrap_or(0);
        assert!(dark_at > 0);
        assert!(css[dark_at..].contains(&css_colour(
            dark.style(Role::Exact).bg.unwrap_or(Colour::Ansi(0))
        )));
        // One theme, no media query.
        let one = stylesheet(&Palette::One(light));
        assert!(!one.contains("prefers-color-scheme"));
        assert_eq!(css_colour(Colour::Ansi(3)), "#cdcd00");
        assert_eq!(css_colour(Colour::Rgb(1, 2, 255)), "#0102ff");
    }
}
