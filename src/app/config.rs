//! The user's configuration and the settings of one run.
//!
//! `$XDG_CONFIG_HOME/taohua/` (or `~/.config/taohua/`) may hold `config.toml`
//! (`theme = "light"`, `ambiguous_width = 2`) and `keymap.toml` (bindings
//! that override the defaults, in the format of `src/tui/keymap.toml`).
//! Command-line options win over the files.
//!
//! [`Settings::load`] reads both files once per run and checks everything
//! in them, the theme `config.toml` names included, so that a bad file is
//! the same error (exit code 2) in every command and mode, not only where
//! its value happens to be used. Errors name the file and the line. Every
//! setting remembers where its value came from ([`Origin`]), which
//! `taohua config --print` shows.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use crate::i18n::{self, Lang, LangSource};
use crate::theme::{Depth, Theme, ThemeError};
use crate::tui::keymap::{Keymap, KeymapError};
use crate::tui::term::ViewOptions;

/// The keys `config.toml` takes, for messages.
const VALID_KEYS: &str = "theme = \"NAME\"|\"FILE\", ambiguous_width = 1|2, \
    colors = \"24bit\"|\"256\"|\"16\", lang = \"zh\"|\"en\"";

/// Why the configuration, a theme or a keymap could not be used. Every
/// variant names the file (and the line, where one is to blame) or the
/// option.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("{}", i18n::msg::err_cannot_read(&path.display().to_string(), source))]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The configuration file is not valid.
    #[error("{}", i18n::msg::cfg_invalid(&at(path, *line), message, VALID_KEYS))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The line to blame, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A theme that is neither built in nor a file.
    #[error("{}", i18n::msg::cfg_no_theme(&theme_named(origin, spec), builtin))]
    NoTheme {
        /// Where the name came from (`--theme`, or the configuration file
        /// and line).
        origin: Origin,
        /// The name given.
        spec: String,
        /// The built-in names.
        builtin: String,
    },
    /// A theme file that is not valid.
    #[error("{}{}{source}", at(path, *line), i18n::msg::colon())]
    Theme {
        /// The file.
        path: PathBuf,
        /// The line to blame, when known.
        line: Option<usize>,
        /// What is wrong.
        source: ThemeError,
    },
    /// A keymap file that is not valid.
    #[error("{}{}{source}", path.display(), i18n::msg::colon())]
    Keymap {
        /// The file.
        path: PathBuf,
        /// What is wrong (with its line).
        source: KeymapError,
    },
}

/// Where a theme name was given: `--theme purple`, or `config.toml: line
/// 2: theme = "purple"`.
fn theme_named(origin: &Origin, spec: &str) -> String {
    match origin {
        Origin::Option(option) => format!("{option} {spec}"),
        other => format!("{other}{}theme = {spec:?}", i18n::msg::colon()),
    }
}

/// `path` or `path: line N`.
fn at(path: &Path, line: Option<usize>) -> String {
    match line {
        Some(n) => i18n::msg::at_line(&path.display().to_string(), n),
        None => path.display().to_string(),
    }
}

/// The 1-based line of byte offset `at` in `text`.
pub(crate) fn line_of(text: &str, at: usize) -> usize {
    text.bytes().take(at).filter(|b| *b == b'\n').count() + 1
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// taohua's default.
    Default,
    /// A command-line option, e.g. `--theme`.
    Option(&'static str),
    /// A line of a configuration file.
    File {
        /// The file.
        path: PathBuf,
        /// The line (1-based).
        line: usize,
    },
    /// A whole file found in the configuration folder (`keymap.toml`).
    Found(PathBuf),
    /// An environment variable and its value.
    Env(String, String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str(i18n::msg::origin_default()),
            Origin::Option(name) => f.write_str(name),
            Origin::File { path, line } => {
                f.write_str(&i18n::msg::at_line(&path.display().to_string(), *line))
            }
            Origin::Found(path) => write!(f, "{}", path.display()),
            Origin::Env(name, value) => write!(f, "{name}={value}"),
        }
    }
}

/// Settings from `config.toml`, with the place of each value.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Config {
    /// A built-in theme name or a theme file.
    pub theme: Option<Spanned<String>>,
    /// 1 or 2: columns for ambiguous-width characters (“ ” … · —).
    pub ambiguous_width: Option<Spanned<u8>>,
    /// How many colours the terminal shows: `24bit`, `256` or `16`.
    pub colors: Option<Spanned<String>>,
    /// The language of the interface: `zh` or `en`.
    pub lang: Option<Spanned<String>>,
}

/// What the command line says about the screens (each `None` when not given).
#[derive(Debug, Clone, Copy, Default)]
pub struct ViewChoice<'a> {
    /// `--theme NAME|FILE`.
    pub theme: Option<&'a str>,
    /// `--ambiguous-width 1|2`, as the number of columns.
    pub ambiguous_width: Option<u8>,
    /// `--keymap FILE`.
    pub keymap: Option<&'a Path>,
}

/// One setting's value and where it came from.
#[derive(Debug, Clone)]
pub struct Setting<T> {
    /// The value.
    pub value: T,
    /// Its origin.
    pub origin: Origin,
}

/// The configuration of one run: read and checked once, used by every
/// command.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The configuration folder, when the environment names one, and the
    /// variable that named it.
    dir: Option<(PathBuf, String)>,
    /// The theme `config.toml` names, loaded.
    theme: Option<Setting<Theme>>,
    /// `ambiguous_width` from `config.toml`.
    ambiguous_width: Option<Setting<u8>>,
    /// `keymap.toml` from the configuration folder, laid over the defaults.
    keymap: Option<Setting<Keymap>>,
    /// `colors` from `config.toml`.
    colors: Option<Setting<Depth>>,
    /// `lang` from `config.toml`.
    lang: Option<Setting<Lang>>,
}

impl Settings {
    /// Read and check `config.toml` and `keymap.toml` in the configuration
    /// folder (defaults where they are absent).
    pub fn load() -> Result<Settings, ConfigError> {
        match dir() {
            None => Ok(Settings::default()),
            Some((dir, var)) => Settings::load_from(dir, var),
        }
    }

    /// [`Settings::load`] from a given folder (`named_by`: the environment
    /// variable that named it, for `config --print`).
    pub fn load_from(dir: PathBuf, named_by: String) -> Result<Settings, ConfigError> {
        let path = dir.join("config.toml");
        let mut settings = Settings {
            dir: Some((dir.clone(), named_by)),
            ..Settings::default()
        };
        if let Some(text) = read_optional(&path)? {
            let config = parse(&text).map_err(|(line, message)| ConfigError::Invalid {
                path: path.clone(),
                line,
                message,
            })?;
            let origin = |span: std::ops::Range<usize>| Origin::File {
                path: path.clone(),
                line: line_of(&text, span.start),
            };
            if let Some(spec) = &config.theme {
                let origin = origin(spec.span());
                let theme = load_theme(spec.get_ref(), &origin)?;
                settings.theme = Some(Setting {
                    value: theme,
                    origin,
                });
            }
            if let Some(w) = &config.ambiguous_width {
                settings.ambiguous_width = Some(Setting {
                    value: *w.get_ref(),
                    origin: origin(w.span()),
                });
            }
            if let Some(l) = &config.lang {
                // Checked when parsed.
                if let Some(lang) = Lang::from_code(l.get_ref()) {
                    settings.lang = Some(Setting {
                        value: lang,
                        origin: origin(l.span()),
                    });
                }
            }
            if let Some(c) = &config.colors {
                // Checked when parsed.
                if let Some(depth) = Depth::from_name(c.get_ref()) {
                    settings.colors = Some(Setting {
                        value: depth,
                        origin: origin(c.span()),
                    });
                }
            }
        }
        let keymap_path = dir.join("keymap.toml");
        if let Some(text) = read_optional(&keymap_path)? {
            let keymap =
                Keymap::builtin()
                    .overlay(&text)
                    .map_err(|source| ConfigError::Keymap {
                        path: keymap_path.clone(),
                        source,
                    })?;
            settings.keymap = Some(Setting {
                value: keymap,
                origin: Origin::Found(keymap_path),
            });
        }
        Ok(settings)
    }

    /// The theme the option names, else the configuration file's, else dark.
    pub fn theme(&self, option: Option<&str>) -> Result<Theme, ConfigError> {
        Ok(self.theme_setting(option)?.value)
    }

    /// [`Settings::theme`] with where it came from.
    pub fn theme_setting(&self, option: Option<&str>) -> Result<Setting<Theme>, ConfigError> {
        if let Some(spec) = option {
            let origin = Origin::Option("--theme");
            let theme = load_theme(spec, &origin)?;
            return Ok(Setting {
                value: theme,
                origin,
            });
        }
        Ok(self.theme.clone().unwrap_or(Setting {
            value: Theme::default(),
            origin: Origin::Default,
        }))
    }

    /// Themes (the chosen one first), keys and widths for the terminal
    /// screens, from the options and the configuration files. Commands that
    /// print a report call it too, so that a bad `--theme` or `--keymap` is
    /// refused in every mode.
    pub fn view(&self, choice: ViewChoice) -> Result<ViewOptions, ConfigError> {
        let mut themes = vec![self.theme(choice.theme)?];
        for name in Theme::builtin_names() {
            if let Some(t) = Theme::builtin(name) {
                if t.name != themes[0].name {
                    themes.push(t);
                }
            }
        }
        let depth = self.colors().value;
        let themes = themes.iter().map(|t| t.at_depth(depth)).collect();
        Ok(ViewOptions {
            themes,
            keymap: self.keymap(choice.keymap)?,
            ambiguous_wide: self.ambiguous_wide(choice.ambiguous_width),
        })
    }

    /// True when ambiguous-width characters take two columns: the option
    /// (`--ambiguous-width`, as columns), else the configuration file's.
    pub fn ambiguous_wide(&self, option: Option<u8>) -> bool {
        self.ambiguous_width_setting(option).value == 2
    }

    /// How many colours the terminal shows: the configuration file's
    /// `colors`, else what `COLORTERM` and `TERM` say ([`Depth::detect`]).
    pub fn colors(&self) -> Setting<Depth> {
        if let Some(c) = &self.colors {
            return c.clone();
        }
        let (depth, var) = Depth::detect(|name| std::env::var(name).ok().filter(|v| !v.is_empty()));
        Setting {
            value: depth,
            origin: var.map_or(Origin::Default, |(name, value)| Origin::Env(name, value)),
        }
    }

    /// The language of the interface: the option (`--lang`), else the
    /// configuration file's `lang`, else `LC_ALL`, `LC_MESSAGES` and `LANG`
    /// (`zh…` is Chinese), else English; with where it came from.
    pub fn lang_setting(&self, option: Option<Lang>) -> Setting<Lang> {
        let file = self.lang.as_ref().and_then(|l| match &l.origin {
            Origin::File { path, line } => Some((path.clone(), *line, l.value)),
            _ => None,
        });
        let (value, source) = i18n::choose(option, file, |name| {
            std::env::var(name).ok().filter(|v| !v.is_empty())
        });
        let origin = match source {
            LangSource::Option => Origin::Option("--lang"),
            LangSource::Config(path, line) => Origin::File { path, line },
            LangSource::Env(name, value) => Origin::Env(name, value),
            LangSource::Default => Origin::Default,
        };
        Setting { value, origin }
    }

    /// The columns of ambiguous-width characters, with where that came from.
    pub fn ambiguous_width_setting(&self, option: Option<u8>) -> Setting<u8> {
        match option {
            Some(w) => Setting {
                value: w,
                origin: Origin::Option("--ambiguous-width"),
            },
            None => self.ambiguous_width.clone().unwrap_or(Setting {
                value: 1,
                origin: Origin::Default,
            }),
        }
    }

    /// The built-in keymap with the user's file (the option, else
    /// `keymap.toml` in the configuration folder) laid over it.
    pub fn keymap(&self, option: Option<&Path>) -> Result<Keymap, ConfigError> {
        Ok(self.keymap_setting(option)?.value)
    }

    /// [`Settings::keymap`] with where it came from.
    pub fn keymap_setting(&self, option: Option<&Path>) -> Result<Setting<Keymap>, ConfigError> {
        let Some(p) = option else {
            return Ok(self.keymap.clone().unwrap_or(Setting {
                value: Keymap::builtin(),
                origin: Origin::Default,
            }));
        };
        let text = std::fs::read_to_string(p).map_err(|source| ConfigError::Io {
            path: p.to_path_buf(),
            source,
        })?;
        let keymap = Keymap::builtin()
            .overlay(&text)
            .map_err(|source| ConfigError::Keymap {
                path: p.to_path_buf(),
                source,
            })?;
        Ok(Setting {
            value: keymap,
            origin: Origin::Option("--keymap"),
        })
    }

    /// The configuration folder and the environment variable that named it.
    pub fn folder(&self) -> Option<(&Path, &str)> {
        self.dir.as_ref().map(|(d, v)| (d.as_path(), v.as_str()))
    }

    /// Every setting in effect with these options, as `config.toml` would
    /// write it (`theme = "light"`), and where it came from.
    pub fn effective(
        &self,
        choice: ViewChoice,
        lang: Option<Lang>,
    ) -> Result<Vec<(String, Origin)>, ConfigError> {
        let language = self.lang_setting(lang);
        let theme = self.theme_setting(choice.theme)?;
        let width = self.ambiguous_width_setting(choice.ambiguous_width);
        let keymap = self.keymap_setting(choice.keymap)?;
        let colors = self.colors();
        let keymap_value = match &keymap.origin {
            Origin::Default => i18n::msg::cfg_keymap_builtin().to_string(),
            Origin::Option(_) => i18n::msg::cfg_keymap_over(
                &choice
                    .keymap
                    .map(Path::display)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            other => i18n::msg::cfg_keymap_over(&other.to_string()),
        };
        Ok(vec![
            (format!("theme = {:?}", theme.value.name), theme.origin),
            (format!("ambiguous_width = {}", width.value), width.origin),
            (format!("colors = {:?}", colors.value.name()), colors.origin),
            (
                format!("lang = {:?}", language.value.code()),
                language.origin,
            ),
            (format!("# keymap: {keymap_value}"), keymap.origin),
        ])
    }
}

/// A built-in theme by name, or a theme file laid over the default.
fn load_theme(spec: &str, origin: &Origin) -> Result<Theme, ConfigError> {
    if let Some(t) = Theme::builtin(spec) {
        return Ok(t);
    }
    // A theme file named in config.toml is found beside it.
    let path = match origin {
        Origin::File { path: config, .. } if Path::new(spec).is_relative() => config
            .parent()
            .map(|d| d.join(spec))
            .filter(|p| p.exists())
            .unwrap_or_else(|| PathBuf::from(spec)),
        _ => PathBuf::from(spec),
    };
    if !path.exists() {
        return Err(ConfigError::NoTheme {
            origin: origin.clone(),
            spec: spec.to_string(),
            builtin: Theme::builtin_names().join(", "),
        });
    }
    let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Io {
        path: path.clone(),
        source,
    })?;
    Theme::default()
        .overlay_located(&text)
        .map_err(|(line, source)| ConfigError::Theme { path, line, source })
}

/// The language `config.toml` names, with its path and line, read before
/// the command line is parsed (so that `--help` speaks it). Anything wrong
/// with the file is left for [`Settings::load`] to report.
pub fn lang_in_file() -> Option<(PathBuf, usize, Lang)> {
    let (dir, _) = dir()?;
    let path = dir.join("config.toml");
    let text = std::fs::read_to_string(&path).ok()?;
    let value: toml::Table = toml::from_str(&text).ok()?;
    let code = value.get("lang")?.as_str()?;
    let lang = Lang::from_code(code)?;
    // The line: the first that sets the key.
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("lang"))
        .map_or(1, |i| i + 1);
    Some((path, line, lang))
}

/// The configuration folder and the variable that named it, if the
/// environment names one.
fn dir() -> Option<(PathBuf, String)> {
    if let Some(x) = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(x).join("taohua"), "XDG_CONFIG_HOME".into()));
    }
    std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|h| {
        (
            PathBuf::from(h).join(".config").join("taohua"),
            "HOME".into(),
        )
    })
}

/// Read a file if it exists (None when it does not).
fn read_optional(path: &Path) -> Result<Option<String>, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ConfigError::Io {
            path: path.to_path_buf(),
            source: e,
        }),
    }
}

/// Parse the text of a `config.toml`; an error comes with its line.
fn parse(text: &str) -> Result<Config, (Option<usize>, String)> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        (line, e.message().trim().replace('\n', "; "))
    })?;
    if let Some(w) = &config.ambiguous_width {
        if *w.get_ref() != 1 && *w.get_ref() != 2 {
            return Err((
                Some(line_of(text, w.span().start)),
                i18n::msg::cfg_width_values(*w.get_ref()),
            ));
        }
    }
    if let Some(l) = &config.lang {
        if Lang::from_code(l.get_ref()).is_none() {
            return Err((
                Some(line_of(text, l.span().start)),
                i18n::msg::cfg_lang_values(l.get_ref()),
            ));
        }
    }
    if let Some(c) = &config.colors {
        if Depth::from_name(c.get_ref()).is_none() {
            return Err((
                Some(line_of(text, c.span().start)),
                i18n::msg::cfg_colors_values(c.get_ref()),
            ));
        }
    }
    Ok(config)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_settings_and_refuses_nonsense_with_its_line() {
        let c = parse("theme = \"light\"\nambiguous_width = 2\n").unwrap();
        assert_eq!(c.theme.map(|t| t.into_inner()).as_deref(), Some("light"));
        assert_eq!(c.ambiguous_width.map(|w| w.into_inner()), Some(2));
        assert!(parse("").is_ok());
        let (line, message) = parse("theme = \"dark\"\nambiguous_width = 3").unwrap_err();
        assert_eq!(
            (line, message.as_str()),
            (Some(2), "ambiguous_width = 3: must be 1 or 2")
        );
        let (line, message) = parse("\n\ncolour = 1").unwrap_err();
        assert_eq!(line, Some(3));
        assert!(message.contains("colour"), "{message}");
    }

    fn folder(config: &str, keymap: Option<&str>) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), config).unwrap();
        if let Some(k) = keymap {
            std::fs::write(dir.path().join("keymap.toml"), k).unwrap();
        }
        dir
    }

    #[test]
    fn a_bad_theme_in_the_file_names_the_file_and_line_not_an_option() {
        let dir = folder("ambiguous_width = 2\ntheme = \"purple\"\n", None);
        let err = Settings::load_from(dir.path().into(), "XDG_CONFIG_HOME".into())
            .unwrap_err()
            .to_string();
        let want = format!(
            "{}: line 2: theme = \"purple\": no such theme or theme file",
            dir.path().join("config.toml").display()
        );
        assert!(err.starts_with(&want), "{err}");
        assert!(!err.contains("--theme"), "{err}");
        let settings = Settings::default();
        let err = settings.theme(Some("mauve")).unwrap_err().to_string();
        assert!(err.starts_with("--theme mauve: no such theme"), "{err}");
    }

    #[test]
    fn a_theme_file_named_in_the_config_is_found_beside_it() {
        let dir = folder("theme = \"mine.toml\"\n", None);
        std::fs::write(
            dir.path().join("mine.toml"),
            "[roles]\nexact = { fg = \"octarine\" }\n",
        )
        .unwrap();
        let err = Settings::load_from(dir.path().into(), "HOME".into())
            .unwrap_err()
            .to_string();
        let want = format!(
            "{}: line 2: role exact",
            dir.path().join("mine.toml").display()
        );
        assert!(err.starts_with(&want), "{err}");
    }

    #[test]
    fn settings_remember_where_they_came_from() {
        let dir = folder(
            "# mine\ntheme = \"light\"\n",
            Some("[[binding]]\naction = \"quit\"\nkeys = [\"x\"]\n"),
        );
        let s = Settings::load_from(dir.path().into(), "HOME".into()).unwrap();
        let theme = s.theme_setting(None).unwrap();
        assert_eq!(theme.value.name, "light");
        assert_eq!(
            theme.origin,
            Origin::File {
                path: dir.path().join("config.toml"),
                line: 2
            }
        );
        assert_eq!(
            s.theme_setting(Some("dark")).unwrap().origin,
            Origin::Option("--theme")
        );
        assert_eq!(s.ambiguous_width_setting(None).origin, Origin::Default);
        assert_eq!(
            s.keymap_setting(None).unwrap().origin,
            Origin::Found(dir.path().join("keymap.toml"))
        );
    }

    #[test]
    fn a_bad_keymap_in_the_folder_is_an_error_at_load() {
        let dir = folder(
            "",
            Some("[[binding]]\naction = \"quit\"\n\nkeys = [\"ctrl-\"]\n"),
        );
        let err = Settings::load_from(dir.path().into(), "HOME".into())
            .unwrap_err()
            .to_string();
        let want = format!("{}: line 4: ", dir.path().join("keymap.toml").display());
        assert!(err.starts_with(&want), "{err}");
    }
}
