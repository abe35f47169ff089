//! The user's configuration: `$XDG_CONFIG_HOME/taohua/` (or
//! `~/.config/taohua/`) may hold `config.toml` (`theme = "light"`,
//! `ambiguous_width = 2`) and `keymap.toml` (bindings that override the
//! defaults, in the format of `src/tui/keymap.toml`). Command-line options win
//! over the file. An I/O edge: it reads files; nothing else here does.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

/// Why the configuration could not be used.
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
    /// The file is not valid.
    #[error("{path}: {message} (valid keys: theme = \"dark\"|\"light\"|\"FILE\", ambiguous_width = 1|2)")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// Settings from `config.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A built-in theme name or a theme file.
    pub theme: Option<String>,
    /// 1 or 2: columns for ambiguous-width characters (“ ” … · —).
    pub ambiguous_width: Option<u8>,
}

/// The configuration folder, if the environment names one.
pub fn dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(x).join("taohua"));
    }
    std::env::var_os("HOME")
        .filter(|v| !v.is_empty())
        .map(|h| PathBuf::from(h).join(".config").join("taohua"))
}

/// Read a file if it exists (None when it does not).
pub fn read_optional(path: &Path) -> Result<Option<String>, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ConfigError::Io {
            path: path.to_path_buf(),
            source: e,
        }),
    }
}

/// Load `config.toml` from the configuration folder (defaults when absent).
pub fn load() -> Result<Config, ConfigError> {
    let Some(dir) = dir() else {
        return Ok(Config::default());
    };
    let path = dir.join("config.toml");
    match read_optional(&path)? {
        None => Ok(Config::default()),
        Some(text) => parse(&text).map_err(|message| ConfigError::Invalid { path, message }),
    }
}

/// Parse the text of a `config.toml`.
pub fn parse(text: &str) -> Result<Config, String> {
    let config: Config = toml::from_str(text).map_err(|e| e.message().trim().to_string())?;
    if let Some(w) = config.ambiguous_width {
        if w != 1 && w != 2 {
            return Err(format!("ambiguous_width = {w}: must be 1 or 2"));
        }
    }
    Ok(config)
}

/// The user's keymap file, if any.
pub fn keymap_path() -> Option<PathBuf> {
    dir().map(|d| d.join("keymap.toml"))
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
}
