//! The user's configuration and the settings of one run.
//!
//! `$XDG_CONFIG_HOME/taohua/` (or `~/.config/taohua/`) may hold `config.toml`
//! (`theme = "light"`, `ambiguous_width = 2`) and `keymap.toml` (bindings
//! that override the defaults, in the format of `src/tui/keymap.toml`).
//! Command-line options win over the files. [`Settings::load`] reads the
//! configuration once per run; themes and keymaps are read from it (and from
//! the options) when a command needs them, with the same errors in every
//! mode.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::theme::{Theme, ThemeError};
use crate::tui::keymap::{Keymap, KeymapError};
use crate::tui::term::ViewOptions;

/// Why the configuration, a theme or a keymap could not be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The configuration file is not valid.
    #[error("{path}: {message} (valid keys: theme = \"dark\"|\"light\"|\"FILE\", ambiguous_width = 1|2)")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A theme that is neither built in nor a file.
    #[error("{origin} {spec}: no such theme or file (built-in: {builtin})")]
    NoTheme {
        /// Where the name came from (`--theme`, or the configuration file).
        origin: String,
        /// The name given.
        spec: String,
        /// The built-in names.
        builtin: String,
    },
    /// A theme file that is not valid.
    #[error("{path}: {source}")]
    Theme {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        source: ThemeError,
    },
    /// A keymap file that is not valid.
    #[error("{path}: {source}")]
    Keymap {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        source: KeymapError,
    },
}

/// Settings from `config.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Config {
    /// A built-in theme name or a theme file.
    pub theme: Option<String>,
    /// 1 or 2: columns for ambiguous-width characters (“ ” … · —).
    pub ambiguous_width: Option<u8>,
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

/// The configuration of one run: read once, used by every command.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The configuration folder, when the environment names one.
    dir: Option<PathBuf>,
    /// What `config.toml` says (defaults when it is absent).
    file: Config,
}

impl Settings {
    /// Read `config.toml` from the configuration folder (defaults when absent).
    pub fn load() -> Result<Settings, ConfigError> {
        let Some(dir) = dir() else {
            return Ok(Settings::default());
        };
        let path = dir.join("config.toml");
        let file = match read_optional(&path)? {
            None => Config::default(),
            Some(text) => parse(&text).map_err(|message| ConfigError::Invalid {
                path: path.clone(),
                message,
            })?,
        };
        Ok(Settings {
            dir: Some(dir),
            file,
        })
    }

    /// The theme the option names, else the configuration file's, else dark.
    pub fn theme(&self, option: Option<&str>) -> Result<Theme, ConfigError> {
        match (option, &self.file.theme) {
            (Some(spec), _) => load_theme(spec, "--theme"),
            (None, Some(spec)) => {
                let origin = match &self.dir {
                    Some(d) => format!("theme = in {}", d.join("config.toml").display()),
                    None => "theme =".to_string(),
                };
                load_theme(spec, &origin)
            }
            (None, None) => Ok(Theme::default()),
        }
    }

    /// Themes (the chosen one first), keys and widths for the terminal
    /// screens, from the options and the configuration files.
    pub fn view(&self, choice: ViewChoice) -> Result<ViewOptions, ConfigError> {
        let mut themes = vec![self.theme(choice.theme)?];
        for name in Theme::builtin_names() {
            if let Some(t) = Theme::builtin(name) {
                if t.name != themes[0].name {
                    themes.push(t);
                }
            }
        }
        Ok(ViewOptions {
            themes,
            keymap: self.keymap(choice.keymap)?,
            ambiguous_wide: self.ambiguous_wide(choice.ambiguous_width),
        })
    }

    /// True when ambiguous-width characters take two columns: the option
    /// (`--ambiguous-width`, as columns), else the configuration file's.
    pub fn ambiguous_wide(&self, option: Option<u8>) -> bool {
        option.or(self.file.ambiguous_width) == Some(2)
    }

    /// The built-in keymap with the user's file (the option, else
    /// `keymap.toml` in the configuration folder) laid over it.
    pub fn keymap(&self, option: Option<&Path>) -> Result<Keymap, ConfigError> {
        let (path, text) = match option {
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|source| ConfigError::Io {
                    path: p.to_path_buf(),
                    source,
                })?;
                (p.to_path_buf(), Some(text))
            }
            None => match &self.dir {
                Some(d) => {
                    let p = d.join("keymap.toml");
                    let text = read_optional(&p)?;
                    (p, text)
                }
                None => return Ok(Keymap::builtin()),
            },
        };
        match text {
            None => Ok(Keymap::builtin()),
            Some(t) => Keymap::builtin()
                .overlay(&t)
                .map_err(|source| ConfigError::Keymap { path, source }),
        }
    }
}

/// A built-in theme by name, or a theme file laid over the default.
fn load_theme(spec: &str, origin: &str) -> Result<Theme, ConfigError> {
    if let Some(t) = Theme::builtin(spec) {
        return Ok(t);
    }
    let path = Path::new(spec);
    if !path.exists() {
        return Err(ConfigError::NoTheme {
            origin: origin.to_string(),
            spec: spec.to_string(),
            builtin: Theme::builtin_names().join(", "),
        });
    }
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Theme::default()
        .overlay(&text)
        .map_err(|source| ConfigError::Theme {
            path: path.to_path_buf(),
            source,
        })
}

/// The configuration folder, if the environment names one.
fn dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(x).join("taohua"));
    }
    std::env::var_os("HOME")
        .filter(|v| !v.is_empty())
        .map(|h| PathBuf::from(h).join(".config").join("taohua"))
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

/// Parse the text of a `config.toml`.
fn parse(text: &str) -> Result<Config, String> {
    let config: Config = toml::from_str(text).map_err(|e| e.message().trim().to_string())?;
    if let Some(w) = config.ambiguous_width {
        if w != 1 && w != 2 {
            return Err(format!("ambiguous_width = {w}: must be 1 or 2"));
        }
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_settings_and_refuses_nonsense() {
        assert_eq!(
            parse("theme = \"light\"\nambiguous_width = 2\n"),
            Ok(Config {
                theme: Some("light".into()),
                ambiguous_width: Some(2)
            })
        );
        assert_eq!(parse(""), Ok(Config::default()));
        assert!(parse("ambiguous_width = 3").is_err());
        assert!(parse("colour = 1").is_err());
    }

    #[test]
    fn a_bad_theme_says_where_its_name_came_from() {
        let settings = Settings {
            dir: Some(PathBuf::from("/nowhere/taohua")),
            file: Config {
                theme: Some("purple".into()),
                ambiguous_width: None,
            },
        };
        let err = settings.theme(None).err().map(|e| e.to_string());
        let err = err.unwrap_or_default();
        assert!(
            err.starts_with("theme = in /nowhere/taohua/config.toml purple"),
            "{err}"
        );
        let err = settings.theme(Some("mauve")).err().map(|e| e.to_string());
        assert!(err.unwrap_or_default().starts_with("--theme mauve"));
        assert_eq!(
            settings.theme(Some("light")).map(|t| t.name).ok(),
            Some("light".to_string())
        );
    }
}
