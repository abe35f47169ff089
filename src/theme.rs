//! Themes: colours for each role (an exact passage, an edited one, a slogan,
//! a changed figure…), read from TOML. The built-in themes are the files in
//! `themes/`, embedded in the binary; a user's file overrides only the roles
//! it names. One source of truth for every colour the reports (and, later, the
//! terminal UI) use.

use std::collections::BTreeMap;

use serde::Deserialize;
use thiserror::Error;

/// The built-in themes: (name, TOML source).
pub(crate) const BUILTIN: [(&str, &str); 2] = [
    ("dark", include_str!("../themes/dark.toml")),
    ("light", include_str!("../themes/light.toml")),
];

/// Why a theme could not be used.
#[derive(Debug, Error)]
pub enum ThemeError {
    /// Not valid TOML, or fields of the wrong type.
    #[error("the theme is not valid: {0}")]
    Syntax(String),
    /// A colour that is neither a known name nor `#rrggbb`.
    #[error(
        "role {role}: unknown colour {value:?} (use a name such as \"yellow\" or \"#rrggbb\")"
    )]
    Colour {
        /// The role.
        role: String,
        /// The value given.
        value: String,
    },
    /// A role taohua does not know.
    #[error("unknown role {0:?} (known: exact, edited, stock, changed, unit, heading, selected, bridge, header, focus, gutter, status, overview, viewport, filler, ghost, search, help, source-1 … source-6)")]
    Role(String),
}

/// A colour: one of the 16 terminal colours, or 24-bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// ANSI colour 0–15.
    Ansi(u8),
    /// `#rrggbb`.
    Rgb(u8, u8, u8),
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
    fg: Option<String>,
    bg: Option<String>,
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
        let raw: RawTheme =
            toml::from_str(toml).map_err(|e| ThemeError::Syntax(e.message().to_string()))?;
        let mut t = self.clone();
        if let Some(name) = raw.name {
            t.name = name;
        }
        for (name, rs) in raw.roles {
            let role = Role::from_name(&name).ok_or_else(|| ThemeError::Role(name.clone()))?;
            let colour = |v: &Option<String>| -> Result<Option<Colour>, ThemeError> {
                v.as_deref()
                    .map(|s| {
                        parse_colour(s).ok_or_else(|| ThemeError::Colour {
                            role: name.clone(),
                            value: s.to_string(),
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
        }
        Ok(t)
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
    pub(crate) fn sgr(&self) -> String {
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
                Some(Colour::Ansi(k)) => codes.push((base + 60 + (k - 8)).to_string()),
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
