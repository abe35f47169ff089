//! Themes: colours for each role (an exact passage, an edited one, a slogan,
//! a changed figure…), read from TOML. The built-in themes are the files in
//! `themes/`, embedded in the binary; a user's file overrides only the roles
//! it names. One source of truth for every colour the reports, the screens
//! and their legends (`crate::legend`) use.
//!
//! Terminals differ in how many colours they show ([`Depth`]): 24-bit
//! colours are drawn as they are, or mapped to the nearest of the xterm
//! 256-colour palette, or to the 16 basic colours. A theme may name its
//! 16-colour fallbacks itself (`fg16`, `bg16`) where the nearest basic
//! colour would make two roles look alike; `tests` check that every built-in
//! theme keeps its marks apart at every depth.

use std::collections::BTreeMap;

use serde::Deserialize;
use thiserror::Error;

/// The built-in themes: (name, TOML source).
pub(crate) const BUILTIN: [(&str, &str); 4] = [
    ("dark", include_str!("../themes/dark.toml")),
    ("light", include_str!("../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../themes/high-contrast.toml"),
    ),
    ("okabe-ito", include_str!("../themes/okabe-ito.toml")),
];

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// 24-bit colour (`COLORTERM=truecolor`).
    TrueColor,
    /// The xterm 256-colour palette (`TERM=xterm-256color`).
    Ansi256,
    /// The 16 basic colours.
    Ansi16,
}

impl Depth {
    /// Every depth, richest first.
    pub const ALL: [Depth; 3] = [Depth::TrueColor, Depth::Ansi256, Depth::Ansi16];

    /// The name in `config.toml` and `config --print`.
    pub fn name(self) -> &'static str {
        match self {
            Depth::TrueColor => "24bit",
            Depth::Ansi256 => "256",
            Depth::Ansi16 => "16",
        }
    }

    /// A depth by its name (`24bit`, `truecolor`, `256`, `16`).
    pub fn from_name(name: &str) -> Option<Depth> {
        match name.trim().to_ascii_lowercase().as_str() {
            "24bit" | "truecolor" | "24-bit" => Some(Depth::TrueColor),
            "256" => Some(Depth::Ansi256),
            "16" => Some(Depth::Ansi16),
            _ => None,
        }
    }

    /// What the environment says the terminal shows: `COLORTERM` of
    /// `truecolor`/`24bit` (or Windows Terminal's `WT_SESSION`) → 24-bit; a
    /// `TERM` naming 256 colours → 256; `TERM` of `linux`, `vt100`, `ansi`,
    /// `xterm`, `screen` → 16; else 256. Returns the variable that decided.
    pub fn detect(var: impl Fn(&str) -> Option<String>) -> (Depth, Option<(String, String)>) {
        if let Some(v) = var("COLORTERM") {
            let lower = v.to_ascii_lowercase();
            if lower == "truecolor" || lower == "24bit" {
                return (Depth::TrueColor, Some(("COLORTERM".into(), v)));
            }
        }
        if let Some(v) = var("WT_SESSION") {
            return (Depth::TrueColor, Some(("WT_SESSION".into(), v)));
        }
        if let Some(t) = var("TERM") {
            if t.contains("256") {
                return (Depth::Ansi256, Some(("TERM".into(), t)));
            }
            if [
                "linux", "vt100", "vt220", "ansi", "xterm", "screen", "cons25",
            ]
            .contains(&t.as_str())
            {
                return (Depth::Ansi16, Some(("TERM".into(), t)));
            }
        }
        (Depth::Ansi256, None)
    }
}

/// Why a theme could not be used.
#[derive(Debug, Error)]
pub enum ThemeError {
    /// Not valid TOML, or fields of the wrong type.
    #[error("{}", crate::i18n::msg::theme_syntax(.0))]
    Syntax(String),
    /// A colour that is neither a known name nor `#rrggbb`.
    #[error("{}", crate::i18n::msg::theme_colour(role, value))]
    Colour {
        /// The role.
        role: String,
        /// The value given.
        value: String,
    },
    /// A role taohua does not know.
    #[error("{}", crate::i18n::msg::theme_role(.0))]
    Role(String),
}

/// A colour: one of the terminal's palette, or 24-bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// Palette colour: 0–15 the basic colours, 16–255 the xterm 256-colour
    /// palette.
    Ansi(u8),
    /// `#rrggbb`.
    Rgb(u8, u8, u8),
}

/// The xterm palette's basic colours as RGB (what `css` and the nearest-
/// colour search take them to be).
const BASIC_RGB: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// The six levels of each channel in the 256-colour cube.
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

impl Colour {
    /// The colour as RGB (palette colours as xterm draws them).
    pub fn rgb(self) -> (u8, u8, u8) {
        match self {
            Colour::Rgb(r, g, b) => (r, g, b),
            Colour::Ansi(k) if k < 16 => BASIC_RGB[usize::from(k)],
            Colour::Ansi(k) if k < 232 => {
                let i = usize::from(k - 16);
                (CUBE[i / 36], CUBE[(i / 6) % 6], CUBE[i % 6])
            }
            Colour::Ansi(k) => {
                let v = 8 + 10 * (k - 232);
                (v, v, v)
            }
        }
    }

    /// This colour as a terminal of `depth` can show it: the nearest palette
    /// colour (by squared distance in RGB) where it cannot show it as it is.
    pub fn at_depth(self, depth: Depth) -> Colour {
        let (r, g, b) = self.rgb();
        let dist = |c: (u8, u8, u8)| {
            let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
            d(r, c.0) + d(g, c.1) + d(b, c.2)
        };
        let nearest = |range: std::ops::RangeInclusive<u8>| {
            range
                .min_by_key(|&k| dist(Colour::Ansi(k).rgb()))
                .unwrap_or(0)
        };
        match (self, depth) {
            (_, Depth::TrueColor) => self,
            (Colour::Ansi(k), Depth::Ansi256) => Colour::Ansi(k),
            (Colour::Ansi(k), Depth::Ansi16) if k < 16 => Colour::Ansi(k),
            (Colour::Rgb(..), Depth::Ansi256) => Colour::Ansi(nearest(16..=255)),
            (_, Depth::Ansi16) => Colour::Ansi(nearest(0..=15)),
        }
    }
}

/// How one role looks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Foreground.
    pub fg: Option<Colour>,
    /// Background.
    pub bg: Option<Colour>,
    /// Bold.
    pub bold: bool,
    /// Dim.
    pub dim: bool,
    /// Underlined.
    pub underline: bool,
}

/// The roles a theme colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// A passage shared word for word.
    Exact,
    /// A passage bridged over small edits.
    Edited,
    /// A passage of stock language (common in the reference, or a slogan of
    /// the list); `slogan` in theme files of earlier versions.
    Stock,
    /// A changed figure or word inside an aligned unit.
    Changed,
    /// The line introducing an aligned unit.
    Unit,
    /// Headings and labels.
    Heading,
    /// The selected passage, lit in both panes.
    Selected,
    /// An edit that a passage bridged (inside the passage, not shared).
    Bridge,
    /// A pane's header.
    Header,
    /// The header of the pane that has the focus.
    Focus,
    /// The gutter between the panes.
    Gutter,
    /// The status line.
    Status,
    /// Reuse marks in the overview bar.
    Overview,
    /// The part of the overview bar that is on screen.
    Viewport,
    /// The empty side of a one-sided row.
    Filler,
    /// Ghost rows (where moved text sits) and folded runs.
    Ghost,
    /// Search matches.
    Search,
    /// The help screen.
    Help,
    /// The trace screen: passages credited to the first, second, … sixth
    /// source (later sources take these colours again).
    Source(u8),
    /// A name left behind (a place of the other document's region).
    Leftover,
}

/// How many source colours a theme has.
pub(crate) const SOURCE_COLOURS: u8 = 6;

impl Role {
    /// Every role with its name in theme files.
    pub(crate) const ALL: [(Role, &'static str); 25] = [
        (Role::Exact, "exact"),
        (Role::Edited, "edited"),
        (Role::Stock, "stock"),
        (Role::Changed, "changed"),
        (Role::Unit, "unit"),
        (Role::Heading, "heading"),
        (Role::Selected, "selected"),
        (Role::Bridge, "bridge"),
        (Role::Header, "header"),
        (Role::Focus, "focus"),
        (Role::Gutter, "gutter"),
        (Role::Status, "status"),
        (Role::Overview, "overview"),
        (Role::Viewport, "viewport"),
        (Role::Filler, "filler"),
        (Role::Ghost, "ghost"),
        (Role::Search, "search"),
        (Role::Help, "help"),
        (Role::Source(0), "source-1"),
        (Role::Source(1), "source-2"),
        (Role::Source(2), "source-3"),
        (Role::Source(3), "source-4"),
        (Role::Source(4), "source-5"),
        (Role::Source(5), "source-6"),
        (Role::Leftover, "leftover"),
    ];

    fn from_name(name: &str) -> Option<Role> {
        if name == "slogan" {
            return Some(Role::Stock);
        }
        Role::ALL.iter().find(|(_, n)| *n == name).map(|(r, _)| *r)
    }
}

/// A complete theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Its name.
    pub name: String,
    styles: BTreeMap<Role, Style>,
    /// The roles' own 16-colour foreground and background, where the theme
    /// names them.
    basic: BTreeMap<Role, (Option<Colour>, Option<Colour>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    name: Option<String>,
    #[serde(default)]
    roles: BTreeMap<String, RawStyle>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    fg: Option<toml::Spanned<String>>,
    bg: Option<toml::Spanned<String>>,
    fg16: Option<toml::Spanned<String>>,
    bg16: Option<toml::Spanned<String>>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    dim: bool,
    #[serde(default)]
    underline: bool,
}

impl Theme {
    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Option<Theme> {
        let (_, src) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        Theme::default_theme().overlay(src).ok()
    }

    /// The names of the built-in themes.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(n, _)| *n).collect()
    }

    /// The dark theme, with plain bold/underline fallbacks should it fail to parse.
    fn default_theme() -> Theme {
        let mut t = Theme {
            name: "dark".into(),
            styles: BTreeMap::new(),
            basic: BTreeMap::new(),
        };
        for (role, _) in Role::ALL {
            t.styles.insert(
                role,
                Style {
                    bold: true,
                    ..Style::default()
                },
            );
        }
        t.overlay(BUILTIN[0].1).unwrap_or(t)
    }

    /// This theme with the roles named in `toml` replaced.
    pub(crate) fn overlay(&self, toml: &str) -> Result<Theme, ThemeError> {
        self.overlay_located(toml).map_err(|(_, e)| e)
    }

    /// [`Theme::overlay`], an error coming with the line it is on, when
    /// known.
    pub(crate) fn overlay_located(&self, toml: &str) -> Result<Theme, (Option<usize>, ThemeError)> {
        let line = |at: usize| crate::app::config::line_of(toml, at);
        let raw: RawTheme = toml::from_str(toml).map_err(|e| {
            let at = e.span().map(|s| line(s.start));
            (
                at,
                ThemeError::Syntax(e.message().trim().replace('\n', "; ")),
            )
        })?;
        let mut t = self.clone();
        if let Some(name) = raw.name {
            t.name = name;
        }
        for (name, rs) in raw.roles {
            let role = Role::from_name(&name).ok_or_else(|| {
                // The line that starts with the role's name.
                let at = toml
                    .lines()
                    .position(|l| l.trim_start().starts_with(name.as_str()))
                    .map(|k| k + 1);
                (at, ThemeError::Role(name.clone()))
            })?;
            let colour = |v: &Option<toml::Spanned<String>>| -> Result<Option<Colour>, (Option<usize>, ThemeError)> {
                v.as_ref()
                    .map(|s| {
                        parse_colour(s.get_ref()).ok_or_else(|| {
                            (
                                Some(line(s.span().start)),
                                ThemeError::Colour {
                                    role: name.clone(),
                                    value: s.get_ref().clone(),
                                },
                            )
                        })
                    })
                    .transpose()
            };
            t.styles.insert(
                role,
                Style {
                    fg: colour(&rs.fg)?,
                    bg: colour(&rs.bg)?,
                    bold: rs.bold,
                    dim: rs.dim,
                    underline: rs.underline,
                },
            );
            let basic = (colour(&rs.fg16)?, colour(&rs.bg16)?);
            if basic == (None, None) {
                t.basic.remove(&role);
            } else {
                t.basic.insert(role, basic);
            }
        }
        Ok(t)
    }

    /// This theme as a terminal of `depth` shows it: every colour mapped to
    /// the nearest one it has, or to the theme's own 16-colour fallback.
    pub fn at_depth(&self, depth: Depth) -> Theme {
        let mut t = self.clone();
        for (role, style) in t.styles.iter_mut() {
            let basic = self.basic.get(role).copied().unwrap_or_default();
            let map = |c: Option<Colour>, own: Option<Colour>| match depth {
                Depth::Ansi16 => own.or(c).map(|c| c.at_depth(depth)),
                _ => c.map(|c| c.at_depth(depth)),
            };
            style.fg = map(style.fg, basic.0);
            style.bg = map(style.bg, basic.1);
        }
        t
    }

    /// How `role` looks.
    pub fn style(&self, role: Role) -> Style {
        self.styles.get(&role).copied().unwrap_or_default()
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::default_theme()
    }
}

/// `yellow`, `bright-black`, `#e5c07b`.
pub(crate) fn parse_colour(s: &str) -> Option<Colour> {
    const NAMES: [&str; 8] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    ];
    let s = s.trim().to_ascii_lowercase();
    if let Some(hex) = s.strip_prefix('#') {
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        return Some(Colour::Rgb(byte(0)?, byte(2)?, byte(4)?));
    }
    if s == "gray" || s == "grey" {
        return Some(Colour::Ansi(8));
    }
    let (bright, base) = match s.strip_prefix("bright-") {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let k = NAMES.iter().position(|n| *n == base)? as u8;
    Some(Colour::Ansi(if bright { k + 8 } else { k }))
}

impl Style {
    /// The ANSI SGR sequence that turns this style on (empty for no style).
    pub fn sgr(&self) -> String {
        let mut codes: Vec<String> = Vec::new();
        if self.bold {
            codes.push("1".into());
        }
        if self.dim {
            codes.push("2".into());
        }
        if self.underline {
            codes.push("4".into());
        }
        for (colour, base) in [(self.fg, 30u8), (self.bg, 40u8)] {
            match colour {
                Some(Colour::Ansi(k)) if k < 8 => codes.push((base + k).to_string()),
                Some(Colour::Ansi(k)) if k < 16 => codes.push((base + 60 + (k - 8)).to_string()),
                Some(Colour::Ansi(k)) => codes.push(format!("{};5;{k}", base + 8)),
                Some(Colour::Rgb(r, g, b)) => codes.push(format!("{};2;{r};{g};{b}", base + 8)),
                None => {}
            }
        }
        if codes.is_empty() {
            String::new()
        } else {
            format!("\x1b[{}m", codes.join(";"))
        }
    }

    /// `text` wrapped in this style's SGR and a reset.
    pub(crate) fn paint(&self, text: &str) -> String {
        let on = self.sgr();
        if on.is_empty() {
            text.to_string()
        } else {
            format!("{on}{text}\x1b[0m")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_themes_parse_and_differ() {
        for name in Theme::builtin_names() {
            let t = Theme::builtin(name);
            assert!(t.is_some(), "{name}");
        }
        let (dark, light) = (Theme::builtin("dark"), Theme::builtin("light"));
        assert_ne!(dark, light);
        let dark = dark.unwrap_or_default();
        assert_eq!(
            dark.style(Role::Exact).bg,
            Some(Colour::Rgb(0xe5, 0xc0, 0x7b))
        );
    }

    #[test]
    fn a_user_file_overrides_only_what_it_names() {
        let base = Theme::default();
        let t = base.overlay("[roles]\nexact = { fg = \"bright-red\", bold = true }\n");
        let t = t.unwrap_or_default();
        assert_eq!(t.style(Role::Exact).fg, Some(Colour::Ansi(9)));
        assert_eq!(t.style(Role::Stock), base.style(Role::Stock));
    }

    #[test]
    fn bad_themes_are_reported() {
        let base = Theme::default();
        assert!(matches!(
            base.overlay("[roles]\nexact = { fg = \"octarine\" }"),
            Err(ThemeError::Colour { .. })
        ));
        assert!(matches!(
            base.overlay("[roles]\nnope = { bold = true }"),
            Err(ThemeError::Role(_))
        ));
        assert!(matches!(
            base.overlay("roles = 3"),
            Err(ThemeError::Syntax(_))
        ));
    }

    #[test]
    fn sgr_sequences() {
        let s = Style {
            fg: Some(Colour::Ansi(3)),
            bg: Some(Colour::Rgb(1, 2, 3)),
            bold: true,
            ..Style::default()
        };
        assert_eq!(s.sgr(), "\x1b[1;33;48;2;1;2;3m");
        assert_eq!(Style::default().paint("x"), "x");
    }
}
