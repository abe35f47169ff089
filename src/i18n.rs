//! The words of the interface, in English and Chinese: the one catalog the
//! screens, the reports' labels, the help texts and the fixed wording of
//! errors draw from.
//!
//! Each message is written once, both languages side by side, in
//! [`msg`] (and, for `--help`, in [`help`], whose test is in `src/cli.rs`): a function per message, so a
//! caller cannot ask for a message that does not exist and the compiler
//! checks every placeholder against the function's arguments. A test
//! checks that the two wordings of each message use the same placeholders.
//!
//! The language of a run is chosen once, before the command line is parsed
//! ([`choose`]): `--lang`, then `lang` in `config.toml`, then `LC_ALL`,
//! `LC_MESSAGES` and `LANG` (a value starting `zh` is Chinese), else
//! English. [`set`] makes it the process's; [`scoped`] runs a closure in
//! another language on this thread (for tests that draw both). JSON keys and
//! identifiers are not words of the interface and stay English; the core
//! crate returns data and never words.

use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The code `--lang` and `config.toml` take: `en`, `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language a code names: `en`, `zh` (and `zh-CN`, `en_GB`, any
    /// case); `None` for others.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let base = code.split(['-', '_', '.']).next().unwrap_or("");
        match base {
            "zh" | "chinese" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a locale variable's value asks for: `zh*` is Chinese,
    /// anything else set (`C`, `POSIX`, `en_US.UTF-8`, `de_DE`) English;
    /// `None` when empty.
    pub fn from_locale(value: &str) -> Option<Lang> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        Some(if value.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        })
    }
}

/// Where the language of a run came from, for `taohua config --print`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LangSource {
    /// `--lang`.
    Option,
    /// `lang = …` in `config.toml`, at this line.
    Config(std::path::PathBuf, usize),
    /// A locale variable and its value.
    Env(String, String),
    /// Nothing said: English.
    Default,
}

/// The locale variables, in the order that decides.
pub const LOCALE_VARS: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// The language `--lang zh`, `--lang=zh` in the raw arguments asks for
/// (before a `--`); `Err` with the value when it names no language.
pub fn lang_option(args: &[std::ffi::OsString]) -> Option<Result<Lang, String>> {
    let mut found = None;
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        let Some(arg) = arg.to_str() else { continue };
        if arg == "--" {
            break;
        }
        let value = if arg == "--lang" {
            iter.next().and_then(|v| v.to_str()).map(str::to_string)
        } else {
            arg.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(v) = value {
            found = Some(Lang::from_code(&v).ok_or(v));
        }
    }
    found
}

/// `args` without `--lang X` and `--lang=X` (before a `--`).
pub fn without_lang_option(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut out = Vec::with_capacity(args.len());
    let mut iter = args.into_iter();
    let mut rest = false;
    while let Some(arg) = iter.next() {
        if rest || out.is_empty() {
            out.push(arg);
            continue;
        }
        match arg.to_str() {
            Some("--") => {
                rest = true;
                out.push(arg);
            }
            Some("--lang") => {
                iter.next();
            }
            Some(a) if a.starts_with("--lang=") => {}
            _ => out.push(arg),
        }
    }
    out
}

/// The language of a run: the option, then the configuration file's `lang`
/// (its path and line, and the code), then the locale variables (`env`
/// looks one up), else English.
pub fn choose(
    option: Option<Lang>,
    config: Option<(std::path::PathBuf, usize, Lang)>,
    env: impl Fn(&str) -> Option<String>,
) -> (Lang, LangSource) {
    if let Some(lang) = option {
        return (lang, LangSource::Option);
    }
    if let Some((path, line, lang)) = config {
        return (lang, LangSource::Config(path, line));
    }
    for var in LOCALE_VARS {
        if let Some(value) = env(var) {
            if let Some(lang) = Lang::from_locale(&value) {
                return (lang, LangSource::Env(var.to_string(), value));
            }
        }
    }
    (Lang::En, LangSource::Default)
}

/// The process's language (0 English, 1 Chinese).
static PROCESS: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// A language for this thread only, set by [`scoped`].
    static SCOPED: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Make `lang` the language of the process (once, at the start).
pub fn set(lang: Lang) {
    PROCESS.store(u8::from(lang == Lang::Zh), Ordering::Relaxed);
}

/// The language in effect on this thread.
pub fn lang() -> Lang {
    SCOPED.with(Cell::get).unwrap_or_else(|| {
        if PROCESS.load(Ordering::Relaxed) == 1 {
            Lang::Zh
        } else {
            Lang::En
        }
    })
}

/// Run `f` with `lang` as this thread's language.
pub fn scoped<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            SCOPED.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(SCOPED.with(|c| c.replace(Some(lang))));
    f()
}

/// English or Chinese, whichever is in effect: for the catalog's own
/// functions that need more than a template (English plurals).
pub(crate) fn pick<T>(en: T, zh: T) -> T {
    match lang() {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// `1 passage`, `2 passages`; `2 段`.
fn counted(n: usize, one: &str, many: &str, zh_unit: &str) -> String {
    match lang() {
        Lang::En if n == 1 => format!("{n} {one}"),
        Lang::En => format!("{n} {many}"),
        Lang::Zh => format!("{n} {zh_unit}"),
    }
}

/// Defines each message as a function and, for tests, the list of every
/// message's two templates. `name => "English", "中文";` is a fixed
/// string, returned as written (`{` needs no escape); `name(a: T) => "… {a}
/// …", "… {a} …";` a template for `format!`.
macro_rules! catalog {
    (@one $(#[$m:meta])* $name:ident => $en:literal, $zh:literal) => {
        $(#[$m])*
        pub fn $name() -> &'static str {
            match $crate::i18n::lang() {
                $crate::i18n::Lang::En => $en,
                $crate::i18n::Lang::Zh => $zh,
            }
        }
    };
    (@one $(#[$m:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) => $en:literal, $zh:literal) => {
        $(#[$m])*
        // A message takes as many arguments as it has placeholders.
        #[allow(clippy::too_many_arguments)]
        pub fn $name($($arg: $ty),*) -> String {
            match $crate::i18n::lang() {
                $crate::i18n::Lang::En => format!($en),
                $crate::i18n::Lang::Zh => format!($zh),
            }
        }
    };
    ($( $(#[$m:meta])* $name:ident $( ( $($arg:ident : $ty:ty),* ) )? => $en:literal, $zh:literal; )*) => {
        $( catalog!(@one $(#[$m])* $name $( ( $($arg : $ty),* ) )? => $en, $zh); )*

        /// Every message: its name and its English and Chinese templates.
        #[cfg(test)]
        pub(crate) const ENTRIES: &[(&str, &str, &str)] = &[
            $( (stringify!($name), $en, $zh) ),*
        ];
    };
}

pub(crate) use catalog;

pub mod help;
pub mod msg;

#[cfg(test)]
mod tests {
    use super::*;

    /// One passage is a passage, in English; Chinese has no plural.
    #[test]
    fn the_top_passages_heading_agrees_with_its_number() {
        scoped(Lang::En, || {
            assert_eq!(msg::html_top_heading(1), "The longest specific passage");
            assert_eq!(msg::html_top_heading(3), "The 3 longest specific passages");
            assert!(msg::text_top_heading(1).contains("The longest specific passage (not stock)"));
        });
        scoped(Lang::Zh, || {
            assert_eq!(msg::html_top_heading(1), "最长的 1 段特有共享文字");
        });
    }

    /// The placeholders of a template: `{name}` and `{name:.1}` give
    /// `name`; `{{` is no placeholder.
    pub(crate) fn placeholders(template: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                }
                '{' => {
                    let inner: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    let name = inner.split(':').next().unwrap_or("").to_string();
                    out.push(name);
                }
                _ => {}
            }
        }
        out.sort();
        out
    }

    fn has_han(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn both_languages_of_every_message_take_the_same_placeholders() {
        for (name, en, zh) in msg::ENTRIES {
            assert_eq!(
                placeholders(en),
                placeholders(zh),
                "{name}: {en:?} / {zh:?}"
            );
            assert!(
                !en.trim().is_empty() && !zh.trim().is_empty(),
                "{name} is empty"
            );
        }
    }

    #[test]
    fn every_message_is_written_in_its_language() {
        for (name, en, zh) in msg::ENTRIES {
            // Symbols and names may be the same in both; words may not.
            let words = en.chars().filter(|c| c.is_ascii_alphabetic()).count();
            if words > 3 {
                assert!(has_han(zh), "{name}: the Chinese {zh:?} has no Chinese");
            }
        }
    }

    #[test]
    fn message_names_are_unique() {
        let mut names: Vec<&str> = msg::ENTRIES.iter().map(|e| e.0).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    #[test]
    fn the_language_comes_from_the_option_then_the_file_then_the_locale() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let zh_env = env(&[("LANG", "zh_CN.UTF-8")]);
        assert_eq!(choose(None, None, zh_env).0, Lang::Zh);
        assert_eq!(choose(Some(Lang::En), None, zh_env).0, Lang::En);
        let file = Some((std::path::PathBuf::from("config.toml"), 3, Lang::En));
        assert_eq!(
            choose(None, file, zh_env),
            (
                Lang::En,
                LangSource::Config(std::path::PathBuf::from("config.toml"), 3)
            )
        );
        // LC_ALL wins over LANG; C is English.
        let both = env(&[("LC_ALL", "C"), ("LANG", "zh_TW.UTF-8")]);
        assert_eq!(
            choose(None, None, both),
            (Lang::En, LangSource::Env("LC_ALL".into(), "C".into()))
        );
        assert_eq!(choose(None, None, env(&[])).0, Lang::En);
        assert_eq!(
            choose(
                None,
                None,
                env(&[("LC_MESSAGES", "zh_CN"), ("LANG", "en_US")])
            )
            .0,
            Lang::Zh
        );
    }

    #[test]
    fn the_option_is_read_from_the_raw_arguments() {
        let args = |v: &[&str]| -> Vec<std::ffi::OsString> { v.iter().map(Into::into).collect() };
        assert_eq!(
            lang_option(&args(&["taohua", "--lang", "zh", "--help"])),
            Some(Ok(Lang::Zh))
        );
        assert_eq!(
            lang_option(&args(&["taohua", "corpus", "--lang=en", "d"])),
            Some(Ok(Lang::En))
        );
        assert_eq!(lang_option(&args(&["taohua", "a", "b"])), None);
        assert_eq!(lang_option(&args(&["taohua", "--", "--lang", "zh"])), None);
        assert_eq!(
            lang_option(&args(&["taohua", "--lang", "fr"])),
            Some(Err("fr".into()))
        );
    }

    #[test]
    fn the_option_is_taken_out_of_the_arguments() {
        let args = |v: &[&str]| -> Vec<std::ffi::OsString> { v.iter().map(Into::into).collect() };
        assert_eq!(
            without_lang_option(args(&[
                "taohua",
                "--lang",
                "zh",
                "corpus",
                "--lang=en",
                "d"
            ])),
            args(&["taohua", "corpus", "d"])
        );
        assert_eq!(
            without_lang_option(args(&["taohua", "a", "--", "--lang", "zh"])),
            args(&["taohua", "a", "--", "--lang", "zh"])
        );
    }

    #[test]
    fn scoped_language_is_restored() {
        let outer = lang();
        scoped(Lang::Zh, || {
            assert_eq!(lang(), Lang::Zh);
            scoped(Lang::En, || assert_eq!(lang(), Lang::En));
            assert_eq!(lang(), Lang::Zh);
        });
        assert_eq!(lang(), outer);
    }

    #[test]
    fn plurals_agree_with_their_number() {
        scoped(Lang::En, || {
            assert_eq!(msg::documents(1), "1 document");
            assert_eq!(msg::documents(2), "2 documents");
        });
        scoped(Lang::Zh, || assert_eq!(msg::documents(2), "2 篇文档"));
    }
}
