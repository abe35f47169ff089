//! The keymap: which key does what in the terminal UI, read from TOML.
//!
//! The default bindings are `keymap.toml` beside this file, embedded in the
//! binary; a user's file in the same format rebinds only the keys it names.
//! Each binding carries the description the help screen shows, so help is
//! built from the bindings and cannot drift from them. Pure: TOML and key
//! events in, actions and help lines out.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::Deserialize;
use thiserror::Error;

/// The default bindings, in help-screen order.
const BUILTIN: &str = include_str!("keymap.toml");

/// Something the user can ask the pair view to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Scroll down one line.
    Down,
    /// Scroll up one line.
    Up,
    /// Scroll down one screen.
    PageDown,
    /// Scroll up one screen.
    PageUp,
    /// Scroll down half a screen.
    HalfPageDown,
    /// Scroll up half a screen.
    HalfPageUp,
    /// Go to the beginning.
    Top,
    /// Go to the end.
    Bottom,
    /// Next recycled passage (next search match while searching).
    NextPassage,
    /// Previous recycled passage (previous search match while searching).
    PrevPassage,
    /// Next changed unit.
    NextChange,
    /// Previous changed unit.
    PrevChange,
    /// Move focus to the other pane.
    FocusOther,
    /// Start a search.
    Search,
    /// Show or hide the panel of substitutions and names left behind.
    Substitutions,
    /// Jump to the other side of a moved unit.
    JumpMoved,
    /// Fold or unfold unchanged stretches.
    Fold,
    /// Switch how changes are marked (character or word).
    Granularity,
    /// Switch to the next theme.
    NextTheme,
    /// Make `n`/`N` skip stock passages, or stop at them again.
    SkipStock,
    /// Show or hide help.
    Help,
    /// Show or hide the one-line legend of the colours in the status line.
    Legend,
    /// Leave.
    Quit,
    /// Corpus screens: move left (heatmap column).
    Left,
    /// Corpus screens: move right (heatmap column).
    Right,
    /// Corpus screens: open the selected item.
    Open,
    /// Corpus screens: mark an occurrence (two marked ones open as a pair).
    Mark,
    /// Corpus screens: next sort order of the document list.
    Sort,
    /// Corpus screens: group the heatmap by year or by region.
    Regroup,
    /// Corpus screens: show or hide common phrases (slogans).
    ToggleCommon,
    /// Corpus screens: the previous screen (Tab goes to the next).
    PrevScreen,
    /// Corpus screens: reverse the current table's order.
    SortReverse,
    /// Corpus screens: filter the documents by kind, year or region.
    Filter,
}

impl Action {
    /// How far this action scrolls an open help box of `page` rows (the
    /// moving keys scroll it, whatever screen it is on); `None` for the
    /// others.
    pub(crate) fn help_step(self, page: isize) -> Option<isize> {
        match self {
            Action::Down => Some(1),
            Action::Up => Some(-1),
            Action::PageDown | Action::HalfPageDown => Some(page / 2),
            Action::PageUp | Action::HalfPageUp => Some(-page / 2),
            Action::Top => Some(isize::MIN / 2),
            Action::Bottom => Some(isize::MAX / 2),
            _ => None,
        }
    }

    /// True for the actions of the corpus screens only.
    pub(crate) fn corpus_only(self) -> bool {
        matches!(
            self,
            Action::Left
                | Action::Right
                | Action::Open
                | Action::Mark
                | Action::Sort
                | Action::Regroup
                | Action::ToggleCommon
                | Action::PrevScreen
                | Action::SortReverse
                | Action::Filter
        )
    }

    /// Every action.
    pub(crate) const ALL: [Action; 33] = [
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Top,
        Action::Bottom,
        Action::NextPassage,
        Action::PrevPassage,
        Action::NextChange,
        Action::PrevChange,
        Action::FocusOther,
        Action::Search,
        Action::Substitutions,
        Action::JumpMoved,
        Action::Fold,
        Action::Granularity,
        Action::NextTheme,
        Action::SkipStock,
        Action::Help,
        Action::Legend,
        Action::Quit,
        Action::Left,
        Action::Right,
        Action::Open,
        Action::Mark,
        Action::Sort,
        Action::Regroup,
        Action::ToggleCommon,
        Action::PrevScreen,
        Action::SortReverse,
        Action::Filter,
    ];

    /// The action's name in keymap files, such as `"half-page-down"`.
    pub fn name(self) -> &'static str {
        match self {
            Action::Down => "down",
            Action::Up => "up",
            Action::PageDown => "page-down",
            Action::PageUp => "page-up",
            Action::HalfPageDown => "half-page-down",
            Action::HalfPageUp => "half-page-up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::NextPassage => "next-passage",
            Action::PrevPassage => "prev-passage",
            Action::NextChange => "next-change",
            Action::PrevChange => "prev-change",
            Action::FocusOther => "focus-other",
            Action::Search => "search",
            Action::Substitutions => "substitutions",
            Action::JumpMoved => "jump-moved",
            Action::Fold => "fold",
            Action::Granularity => "granularity",
            Action::NextTheme => "next-theme",
            Action::SkipStock => "skip-stock",
            Action::Help => "help",
            Action::Legend => "legend",
            Action::Quit => "quit",
            Action::Left => "left",
            Action::Right => "right",
            Action::Open => "open",
            Action::Mark => "mark",
            Action::Sort => "sort",
            Action::Regroup => "regroup",
            Action::ToggleCommon => "toggle-common",
            Action::PrevScreen => "prev-screen",
            Action::SortReverse => "sort-reverse",
            Action::Filter => "filter",
        }
    }

    /// The action a keymap file names, if any.
    pub(crate) fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// All names, comma-separated, for error messages.
    fn known_names() -> String {
        Action::ALL.map(Action::name).join(", ")
    }
}

/// Why a keymap could not be used.
#[derive(Debug, Error)]
pub enum KeymapError {
    /// Not valid TOML, or fields of the wrong type.
    #[error("{}", crate::i18n::msg::keymap_syntax(.0))]
    Syntax(String),
    /// An action taohua does not know.
    #[error("{}", crate::i18n::msg::keymap_action(*line, name, &Action::known_names()))]
    Action {
        /// The line it is on.
        line: usize,
        /// The action as written.
        name: String,
    },
    /// A key that cannot be read.
    #[error("{}", crate::i18n::msg::keymap_key(*line, action, key, crate::i18n::msg::keymap_key_syntax()))]
    Key {
        /// The line it is on.
        line: usize,
        /// The action it was to be bound to.
        action: String,
        /// The key as written.
        key: String,
    },
}

/// One line of the help screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// The keys, as shown to the user, separated by spaces: `"G End"`.
    pub keys: String,
    /// What they do, in the language in effect.
    pub description: String,
    /// True for the corpus screens' own keys.
    pub corpus_only: bool,
}

/// A key with its modifiers. Shift is not kept: a shifted letter is the
/// uppercase character, and shift-tab is its own key (`BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

/// Named keys: (name in files, code, how help shows it).
const NAMED: [(&str, KeyCode, &str); 16] = [
    ("down", KeyCode::Down, "↓"),
    ("up", KeyCode::Up, "↑"),
    ("left", KeyCode::Left, "←"),
    ("right", KeyCode::Right, "→"),
    ("pageup", KeyCode::PageUp, "PgUp"),
    ("pagedown", KeyCode::PageDown, "PgDn"),
    ("home", KeyCode::Home, "Home"),
    ("end", KeyCode::End, "End"),
    ("tab", KeyCode::Tab, "Tab"),
    ("backtab", KeyCode::BackTab, "Shift-Tab"),
    ("enter", KeyCode::Enter, "Enter"),
    ("esc", KeyCode::Esc, "Esc"),
    ("space", KeyCode::Char(' '), "Space"),
    ("backspace", KeyCode::Backspace, "Backspace"),
    ("delete", KeyCode::Delete, "Del"),
    ("insert", KeyCode::Insert, "Ins"),
];

impl Key {
    /// `"j"`, `"G"`, `"pagedown"`, `"ctrl-d"`, `"alt-x"`.
    fn parse(s: &str) -> Option<Key> {
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Some(Key {
                code: KeyCode::Char(c),
                ctrl: false,
                alt: false,
            });
        }
        let lower = s.to_ascii_lowercase();
        for (prefix, ctrl) in [("ctrl-", true), ("alt-", false)] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                // The key itself keeps its case: `ctrl-D` is not `ctrl-d`.
                let mut key = Key::parse(&s[s.len() - rest.len()..])?;
                if ctrl {
                    key.ctrl = true;
                } else {
                    key.alt = true;
                }
                return Some(key);
            }
        }
        let code = match NAMED.iter().find(|(name, _, _)| *name == lower) {
            Some((_, code, _)) => *code,
            None => {
                let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
                if !(1..=12).contains(&n) {
                    return None;
                }
                KeyCode::F(n)
            }
        };
        Some(Key {
            code,
            ctrl: false,
            alt: false,
        })
    }

    /// The key an event stands for, or `None` for modifiers the keymap does
    /// not bind (super, hyper, meta).
    fn from_event(event: &KeyEvent) -> Option<Key> {
        let mods = event.modifiers;
        if mods.intersects(KeyModifiers::SUPER | KeyModifiers::HYPER | KeyModifiers::META) {
            return None;
        }
        let code = match event.code {
            // Some terminals report shift-g as 'G' + SHIFT, others as 'G'
            // alone, a few as 'g' + SHIFT: all mean "G".
            KeyCode::Char(c) if mods.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(c.to_ascii_uppercase())
            }
            code => code,
        };
        Some(Key {
            code,
            ctrl: mods.contains(KeyModifiers::CONTROL),
            alt: mods.contains(KeyModifiers::ALT),
        })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if let Some((_, _, shown)) = NAMED.iter().find(|(_, code, _)| *code == self.code) {
            return f.write_str(shown);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            // `Key::parse` makes no other codes.
            other => write!(f, "{other:?}"),
        }
    }
}

/// One action with its keys and description.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Binding {
    action: Action,
    keys: Vec<Key>,
    /// What the action does, in English.
    description: String,
    /// What the action does, in Chinese.
    description_zh: String,
}

impl Binding {
    /// The help line of this binding, in the language in effect.
    fn help_line(&self) -> HelpLine {
        HelpLine {
            keys: join_keys(&self.keys),
            description: crate::i18n::pick(&self.description, &self.description_zh).clone(),
            corpus_only: self.action.corpus_only(),
        }
    }
}

/// Every action's keys and description, in help-screen order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// One entry per action. No key appears twice.
    bindings: Vec<Binding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeymap {
    #[serde(default)]
    binding: Vec<RawBinding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    action: toml::Spanned<String>,
    #[serde(default)]
    keys: Vec<toml::Spanned<String>>,
    description: Option<String>,
    description_zh: Option<String>,
}

impl Keymap {
    /// The default bindings from the embedded `keymap.toml`. Should that file
    /// ever fail to parse, every action is listed without keys except quit,
    /// on `q` and `ctrl-c`, so the user can still leave.
    pub fn builtin() -> Keymap {
        Keymap::empty()
            .overlay(BUILTIN)
            .map(Keymap::with_every_action)
            .unwrap_or_else(|_| Keymap::fallback())
    }

    /// This keymap with the bindings in `toml` applied: each binding's keys
    /// are taken from whatever they did and given to its action; its
    /// description, when present, replaces the action's.
    pub(crate) fn overlay(&self, toml: &str) -> Result<Keymap, KeymapError> {
        let raw: RawKeymap = toml::from_str(toml).map_err(|e| syntax_error(toml, &e))?;
        let mut map = self.clone();
        let line = |span: std::ops::Range<usize>| crate::app::config::line_of(toml, span.start);
        for rb in raw.binding {
            let name = rb.action.get_ref();
            let action = Action::from_name(name).ok_or_else(|| KeymapError::Action {
                line: line(rb.action.span()),
                name: name.clone(),
            })?;
            let keys = rb
                .keys
                .iter()
                .map(|k| {
                    Key::parse(k.get_ref()).ok_or_else(|| KeymapError::Key {
                        line: line(k.span()),
                        action: name.clone(),
                        key: k.get_ref().clone(),
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            map.bind(action, &keys, rb.description, rb.description_zh);
        }
        Ok(map)
    }

    /// The action `event` triggers. Key releases trigger nothing.
    pub(crate) fn action(&self, event: &KeyEvent) -> Option<Action> {
        if !matches!(event.kind, KeyEventKind::Press | KeyEventKind::Repeat) {
            return None;
        }
        let key = Key::from_event(event)?;
        self.bindings
            .iter()
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// The help screen: one line per action that has a key, in file order.
    pub fn help(&self) -> Vec<HelpLine> {
        self.bindings
            .iter()
            .filter(|b| !b.keys.is_empty())
            .map(Binding::help_line)
            .collect()
    }

    /// The help lines of these actions only, in file order: the corpus
    /// screens list the keys that act there.
    pub(crate) fn help_for(&self, actions: &[Action]) -> Vec<HelpLine> {
        self.bindings
            .iter()
            .filter(|b| !b.keys.is_empty() && actions.contains(&b.action))
            .map(Binding::help_line)
            .collect()
    }

    /// A pressed key as the user would name it (`z`, `ctrl-x`, `F5`).
    pub(crate) fn describe(event: &KeyEvent) -> Option<String> {
        Key::from_event(event).map(|k| k.to_string())
    }

    /// The keys bound to `action`, as shown to the user (`["j", "↓"]`).
    pub(crate) fn keys_for(&self, action: Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|b| b.action == action)
            .flat_map(|b| b.keys.iter().map(Key::to_string))
            .collect()
    }

    fn empty() -> Keymap {
        Keymap {
            bindings: Vec::new(),
        }
    }

    /// Binds `keys` to `action`, taking them from any other action.
    fn bind(
        &mut self,
        action: Action,
        keys: &[Key],
        description: Option<String>,
        description_zh: Option<String>,
    ) {
        for b in &mut self.bindings {
            b.keys.retain(|k| !keys.contains(k));
        }
        let index = match self.bindings.iter().position(|b| b.action == action) {
            Some(i) => i,
            None => {
                self.bindings.push(Binding {
                    action,
                    keys: Vec::new(),
                    description: action.name().to_string(),
                    description_zh: action.name().to_string(),
                });
                self.bindings.len() - 1
            }
        };
        let Some(b) = self.bindings.get_mut(index) else {
            return;
        };
        for k in keys {
            if !b.keys.contains(k) {
                b.keys.push(*k);
            }
        }
        // A description alone is shown in both languages.
        if let Some(d) = description {
            b.description_zh.clone_from(&d);
            b.description = d;
        }
        if let Some(d) = description_zh {
            b.description_zh = d;
        }
    }

    /// Adds, without keys, any action the map does not list, so a user's file
    /// can bind it and `keys_for` answers for it.
    fn with_every_action(mut self) -> Keymap {
        for action in Action::ALL {
            if !self.bindings.iter().any(|b| b.action == action) {
                self.bind(action, &[], None, None);
            }
        }
        self
    }

    /// Used only if the embedded file does not parse.
    fn fallback() -> Keymap {
        let mut map = Keymap::empty().with_every_action();
        let quit = ["q", "ctrl-c"].iter().filter_map(|k| Key::parse(k));
        map.bind(Action::Quit, &quit.collect::<Vec<_>>(), None, None);
        map
    }
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::builtin()
    }
}

/// A TOML error with the line it is on.
fn syntax_error(toml: &str, e: &toml::de::Error) -> KeymapError {
    // Some messages run over two lines ("invalid table header\nexpected …").
    let message = e.message().trim_end().replace('\n', "; ");
    match e.span() {
        Some(span) => {
            let newlines = toml.bytes().take(span.start).filter(|b| *b == b'\n');
            let line = newlines.count() + 1;
            KeymapError::Syntax(format!("line {line}: {message}"))
        }
        None => KeymapError::Syntax(message),
    }
}

fn join_keys(keys: &[Key]) -> String {
    keys.iter()
        .map(Key::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn ch(c: char) -> KeyEvent {
        press(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        press(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn the_embedded_file_parses_and_lists_every_action_once() {
        let parsed = Keymap::empty().overlay(BUILTIN);
        assert!(parsed.is_ok(), "{parsed:?}");
        let raw: Result<RawKeymap, _> = toml::from_str(BUILTIN);
        let raw = raw.map(|r| r.binding).unwrap_or_default();
        let names: Vec<&str> = raw.iter().map(|b| b.action.get_ref().as_str()).collect();
        for action in Action::ALL {
            assert_eq!(
                names.iter().filter(|n| **n == action.name()).count(),
                1,
                "{}",
                action.name()
            );
        }
        // Every built-in binding speaks both languages.
        assert!(raw.iter().all(|b| b.description.is_some()));
        assert!(raw.iter().all(|b| b
            .description_zh
            .as_deref()
            .is_some_and(|d| d.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))));
        // A key listed twice would silently lose its first binding.
        let mut keys: Vec<&str> = raw
            .iter()
            .flat_map(|b| &b.keys)
            .map(|k| k.get_ref().as_str())
            .collect();
        let total = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), total);
    }

    #[test]
    fn action_names_round_trip() {
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action));
        }
        assert_eq!(Action::from_name("jump"), None);
    }

    #[test]
    fn default_bindings_resolve() {
        let map = Keymap::builtin();
        assert_eq!(map.action(&ch('j')), Some(Action::Down));
        assert_eq!(
            map.action(&press(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(map.action(&ch('G')), Some(Action::Bottom));
        assert_eq!(
            map.action(&press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            map.action(&press(KeyCode::Char('g'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(map.action(&ch('g')), Some(Action::Top));
        assert_eq!(map.action(&ctrl('d')), Some(Action::HalfPageDown));
        assert_eq!(map.action(&ch('d')), None);
        assert_eq!(map.action(&ctrl('u')), Some(Action::HalfPageUp));
        assert_eq!(map.action(&ch('q')), Some(Action::Quit));
        assert_eq!(
            map.action(&press(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(map.action(&ctrl('c')), Some(Action::Quit));
        assert_eq!(map.action(&ch('c')), Some(Action::ToggleCommon));
        assert_eq!(map.action(&ch('z')), None);
        assert_eq!(map.action(&ch(' ')), Some(Action::PageDown));
        assert_eq!(
            map.action(&press(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(map.action(&ch('N')), Some(Action::PrevPassage));
        assert_eq!(map.action(&ch(']')), Some(Action::NextChange));
        assert_eq!(
            map.action(&press(KeyCode::Tab, KeyModifiers::NONE)),
            Some(Action::FocusOther)
        );
        assert_eq!(
            map.action(&press(KeyCode::Char('q'), KeyModifiers::SUPER)),
            None
        );
    }

    #[test]
    fn only_presses_and_repeats_count() {
        let map = Keymap::builtin();
        let mut e = ch('j');
        e.kind = KeyEventKind::Repeat;
        assert_eq!(map.action(&e), Some(Action::Down));
        e.kind = KeyEventKind::Release;
        assert_eq!(map.action(&e), None);
    }

    #[test]
    fn a_user_file_rebinds_only_the_keys_it_names() {
        let map = Keymap::builtin()
            .overlay(
                "[[binding]]\naction = \"up\"\nkeys = [\"j\"]\n\n\
                 [[binding]]\naction = \"quit\"\nkeys = [\"x\"]\ndescription = \"Leave\"\n",
            )
            .unwrap_or_else(|_| Keymap::empty());
        assert_eq!(map.action(&ch('j')), Some(Action::Up));
        assert_eq!(map.action(&ch('k')), Some(Action::Up));
        assert_eq!(
            map.action(&press(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(map.action(&ch('x')), Some(Action::Quit));
        assert_eq!(map.action(&ch('q')), Some(Action::Quit));
        assert_eq!(map.keys_for(Action::Down), ["↓"]);
        assert_eq!(map.keys_for(Action::Up), ["k", "↑", "j"]);
        assert_eq!(map.keys_for(Action::Quit), ["q", "Esc", "ctrl-c", "x"]);
        let help = map.help();
        let line = |d: &str| help.iter().find(|l| l.description == d).cloned();
        assert_eq!(
            line("Down one line (both panes together; in the corpus, a row)").map(|l| l.keys),
            Some("↓".to_string())
        );
        assert_eq!(line("Leave").map(|l| l.keys), Some("q Esc ctrl-c x".into()));
        // Help keeps the default order after an overlay.
        assert_eq!(help.last().map(|l| l.description.as_str()), Some("Leave"));
    }

    #[test]
    fn taking_every_key_from_an_action_drops_its_help_line() {
        let map = Keymap::builtin()
            .overlay("[[binding]]\naction = \"fold\"\nkeys = [\"m\"]\n")
            .unwrap_or_else(|_| Keymap::empty());
        assert_eq!(map.action(&ch('m')), Some(Action::Fold));
        assert!(map.keys_for(Action::JumpMoved).is_empty());
        assert_eq!(map.help().len(), Action::ALL.len() - 1);
        assert_eq!(map.keys_for(Action::Fold), ["f", "m"]);
    }

    #[test]
    fn key_syntax() {
        let parse = |s: &str| Key::parse(s).map(|k| k.to_string());
        assert_eq!(parse("j").as_deref(), Some("j"));
        assert_eq!(parse("ctrl-d").as_deref(), Some("ctrl-d"));
        assert_eq!(parse("Ctrl-D").as_deref(), Some("ctrl-D"));
        assert_eq!(parse("alt-x").as_deref(), Some("alt-x"));
        assert_eq!(parse("ctrl-alt-x").as_deref(), Some("ctrl-alt-x"));
        assert_eq!(parse("ctrl--").as_deref(), Some("ctrl--"));
        assert_eq!(parse("-").as_deref(), Some("-"));
        assert_eq!(parse("PageDown").as_deref(), Some("PgDn"));
        assert_eq!(parse("space").as_deref(), Some("Space"));
        assert_eq!(parse("backtab").as_deref(), Some("Shift-Tab"));
        assert_eq!(parse("f5").as_deref(), Some("F5"));
        for bad in ["", "f13", "f0", "ctrl-", "shift-x", "jj", "pgdown"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        let map = Keymap::builtin()
            .overlay("[[binding]]\naction = \"fold\"\nkeys = [\"alt-x\", \"backtab\"]\n")
            .unwrap_or_else(|_| Keymap::empty());
        assert_eq!(
            map.action(&press(KeyCode::Char('x'), KeyModifiers::ALT)),
            Some(Action::Fold)
        );
        assert_eq!(
            map.action(&press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::Fold)
        );
    }

    #[test]
    fn bad_user_files_are_reported() {
        let map = Keymap::builtin();
        let err = map.overlay("[[binding]]\naction = \"jump\"\nkeys = [\"x\"]\n");
        assert!(
            matches!(&err, Err(KeymapError::Action { name, line: 2 }) if name == "jump"),
            "{err:?}"
        );
        let msg = err
            .map(|_| ())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            msg.contains("half-page-down") && msg.contains("quit"),
            "{msg}"
        );

        let err = map.overlay("[[binding]]\naction = \"quit\"\nkeys = [\"ctrl-\"]\n");
        assert!(matches!(&err, Err(KeymapError::Key { key, line: 3, .. }) if key == "ctrl-"));
        let msg = err
            .map(|_| ())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(msg.contains("ctrl-d") && msg.contains("pagedown"), "{msg}");

        let err = map.overlay("[[binding]]\naction = \"quit\"\nkeys = \"x\"\n");
        assert!(matches!(&err, Err(KeymapError::Syntax(m)) if m.starts_with("line 3")));
        assert!(matches!(
            map.overlay("[[binding]]\naction = \"quit\"\nkey = [\"x\"]\n"),
            Err(KeymapError::Syntax(_))
        ));
        assert!(matches!(
            map.overlay("\n[[binding]\n"),
            Err(KeymapError::Syntax(m)) if m.starts_with("line 2") && !m.contains('\n')
        ));
        // A failed overlay leaves nothing half-applied: the caller keeps `map`.
        assert_eq!(map.action(&ch('q')), Some(Action::Quit));
    }

    #[test]
    fn an_empty_user_file_changes_nothing() {
        let map = Keymap::builtin();
        assert_eq!(map.overlay("").ok(), Some(map.clone()));
        let map = map
            .overlay("[[binding]]\naction = \"quit\"\n")
            .unwrap_or_else(|_| Keymap::empty());
        assert_eq!(map, Keymap::builtin());
    }

    #[test]
    fn help_covers_every_action_in_file_order() {
        let help = Keymap::builtin().help();
        assert_eq!(help.len(), Action::ALL.len());
        let raw: Result<RawKeymap, _> = toml::from_str(BUILTIN);
        let raw = raw.map(|r| r.binding).unwrap_or_default();
        let expected: Vec<Option<String>> = raw.into_iter().map(|b| b.description).collect();
        let got: Vec<Option<String>> = help.iter().map(|l| Some(l.description.clone())).collect();
        assert_eq!(got, expected);
        let keys: Vec<&str> = help.iter().map(|l| l.keys.as_str()).collect();
        assert_eq!(keys.first(), Some(&"j ↓"));
        assert!(keys.contains(&"ctrl-d"));
        assert!(keys.contains(&"G End"));
        assert!(keys.contains(&"PgDn Space"));
        assert_eq!(keys.last(), Some(&"q Esc ctrl-c"));
    }

    #[test]
    fn the_fallback_can_still_quit() {
        let map = Keymap::fallback();
        assert_eq!(map.action(&ch('q')), Some(Action::Quit));
        assert_eq!(map.action(&ctrl('c')), Some(Action::Quit));
        assert_eq!(map.help().len(), 1);
        assert_eq!(map.keys_for(Action::Down), Vec::<String>::new());
    }
}
