//! The terminal: raw mode and the alternate screen, the event loop, and
//! getting the terminal back in every case — on quit, on error (a guard's
//! `Drop`), on panic (a hook) and on SIGTERM, SIGINT or (on Unix) SIGHUP (a
//! flag the loop checks). On Unix a watchdog also notices a terminal that
//! hung up without a signal; elsewhere there is no such state to detect.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use super::app::{App, Input};
use super::keymap::Keymap;
use super::model::PairModel;
use super::words::WordSplitter;
use crate::app::corpus::LoadedCorpus;
use crate::app::library::trace::TraceResult;
use crate::app::library::Library;
use crate::app::pair::DocInfo;
use crate::theme::Theme;

/// How to run the pair view.
pub struct ViewOptions {
    /// Themes; the first is used, `t` cycles.
    pub themes: Vec<Theme>,
    /// Key bindings.
    pub keymap: Keymap,
    /// Draw ambiguous-width characters two columns wide.
    pub ambiguous_wide: bool,
}

/// Put the terminal back as it was. Safe to call more than once.
pub(crate) fn restore() {
    let mut out = io::stdout();
    let _ = crossterm::execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal when dropped, whatever the way out.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn setup() -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    crossterm::execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Terminal::new(CrosstermBackend::new(out))
}

/// The signals that end a screen loop (and restore the terminal).
#[cfg(unix)]
const STOP_SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];
#[cfg(not(unix))]
const STOP_SIGNALS: [i32; 2] = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT];

/// Everything a screen loop needs: the stop flag that SIGTERM, SIGHUP and
/// SIGINT set, the terminal in raw mode on the alternate screen, the guard
/// that restores it, and the hang-up watchdog.
fn start() -> io::Result<(Arc<AtomicBool>, Terminal<CrosstermBackend<Stdout>>, Guard)> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in STOP_SIGNALS {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let guard = Guard;
    let terminal = setup()?;
    watch_for_hangup(Arc::clone(&stop));
    Ok((stop, terminal, guard))
}

/// Open the pair view on `model` and run until the user quits.
pub fn run(model: PairModel, opts: ViewOptions) -> io::Result<()> {
    let (stop, mut terminal, _guard) = start()?;
    let size = terminal.size()?;
    let mut app = App::new(
        model,
        opts.keymap,
        opts.themes,
        WordSplitter::spawn(),
        opts.ambiguous_wide,
        (size.width, size.height),
    );
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|f| super::draw::draw(f, &app))?;
        }
        let input = if event::poll(Duration::from_millis(100))? {
            to_input(&app, event::read()?)
        } else {
            Some(Input::Tick)
        };
        dirty = match input {
            Some(Input::Tick) => {
                let before = app.words_available();
                app.update(Input::Tick);
                before != app.words_available()
            }
            Some(input) => {
                app.update(input);
                true
            }
            None => false,
        };
    }
    Ok(())
}

/// Open the corpus screens and run until the user quits.
pub fn run_corpus(data: LoadedCorpus, opts: ViewOptions) -> io::Result<()> {
    let (stop, mut terminal, _guard) = start()?;
    let size = terminal.size()?;
    let mut app = super::corpus::CorpusApp::new(
        data,
        opts.keymap,
        opts.themes,
        opts.ambiguous_wide,
        (size.width, size.height),
        WordSplitter::spawn(),
    );
    while !app.quit && !stop.load(Ordering::Relaxed) {
        terminal.draw(|f| super::corpus_draw::draw(f, &app))?;
        let input = if event::poll(Duration::from_millis(100))? {
            match corpus_input(&app, event::read()?) {
                Ok(input) => input,
                Err(key) => {
                    app.unbound_key(&key);
                    None
                }
            }
        } else {
            Some(Input::Tick)
        };
        if let Some(input) = input {
            app.update(input);
        }
    }
    Ok(())
}

/// What a terminal event means to the corpus screens: while their prompt is
/// open, typed and pasted text goes into it; a paste elsewhere starts a
/// search. `Err(key)`: a key press bound to nothing, for the status line.
pub fn corpus_input(app: &super::corpus::CorpusApp, ev: Event) -> Result<Option<Input>, String> {
    if app.pair.is_some() {
        return Ok(screen_input(&app.keymap, app.pair.as_deref(), ev));
    }
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if app.prompt.is_some() {
                return Ok(prompt_key(key));
            }
            match app.keymap.action(&key) {
                Some(action) => Ok(Some(Input::Action(action))),
                None => Keymap::describe(&key).map_or(Ok(None), Err),
            }
        }
        Event::Paste(text) => Ok(Some(Input::SearchPaste(text))),
        ev => Ok(screen_input(&app.keymap, None, ev)),
    }
}

/// A key typed into a prompt: text, Backspace, Enter, Esc or ctrl-c.
fn prompt_key(key: KeyEvent) -> Option<Input> {
    let ctrl_c =
        key.code == KeyCode::Char('c') && key.modifiers.contains(event::KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Enter => Some(Input::SearchSubmit),
        KeyCode::Esc => Some(Input::SearchCancel),
        _ if ctrl_c => Some(Input::SearchCancel),
        KeyCode::Backspace => Some(Input::SearchBackspace),
        KeyCode::Char(c) => Some(Input::SearchChar(c)),
        _ => None,
    }
}

/// Leave when the terminal hangs up (its window closed without a SIGHUP
/// reaching us): reads from a hung-up terminal return nothing forever, and
/// crossterm's poll then never returns. A watchdog thread checks the terminal
/// twice a second and ends the process (there is no screen left to restore).
/// It also ends it when a signal asked to stop and the event loop has not
/// done so within a second, restoring the terminal first.
fn watch_for_hangup(stop: Arc<AtomicBool>) {
    let spawned = std::thread::Builder::new()
        .name("tty-watchdog".into())
        .spawn(move || {
            let mut stopping = 0;
            loop {
                std::thread::sleep(Duration::from_millis(500));
                if hung_up() {
                    let _ = terminal::disable_raw_mode();
                    std::process::exit(0);
                }
                if stop.load(Ordering::Relaxed) {
                    stopping += 1;
                    if stopping >= 2 {
                        restore();
                        std::process::exit(143);
                    }
                }
            }
        });
    drop(spawned);
}

/// True when standard input is a terminal that has hung up.
#[cfg(unix)]
fn hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, count 1, zero timeout: poll only writes `revents`.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    n > 0 && (fd.revents & (libc::POLLHUP | libc::POLLNVAL)) != 0
}

/// Elsewhere a console that goes away ends the process itself.
#[cfg(not(unix))]
fn hung_up() -> bool {
    false
}

/// Open the trace screen and run until the user quits.
pub fn run_trace(
    library: Library,
    info: DocInfo,
    result: TraceResult,
    opts: ViewOptions,
) -> io::Result<()> {
    let (stop, mut terminal, _guard) = start()?;
    let size = terminal.size()?;
    let keymap = opts.keymap.clone();
    let mut app = super::trace::TraceApp::new(
        library,
        info,
        result,
        (opts.keymap, opts.themes, opts.ambiguous_wide),
        (size.width, size.height),
        WordSplitter::spawn(),
    );
    while !app.quit && !stop.load(Ordering::Relaxed) {
        terminal.draw(|f| super::trace::draw(f, &app))?;
        let input = if event::poll(Duration::from_millis(100))? {
            screen_input(&keymap, app.pair.as_deref(), event::read()?)
        } else {
            Some(Input::Tick)
        };
        if let Some(input) = input {
            app.update(input);
        }
    }
    Ok(())
}

/// What a terminal event means to a screen that may have a pair view open
/// on top of it (None: nothing).
fn screen_input(keymap: &Keymap, pair: Option<&App>, ev: Event) -> Option<Input> {
    if let Some(pair) = pair {
        return to_input(pair, ev);
    }
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap.action(&key).map(Input::Action)
        }
        Event::Resize(width, height) => Some(Input::Resize { width, height }),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Input::Scroll(3)),
            MouseEventKind::ScrollUp => Some(Input::Scroll(-3)),
            _ => None,
        },
        _ => None,
    }
}

/// What a terminal event means to the app (None: nothing).
pub(crate) fn to_input(app: &App, ev: Event) -> Option<Input> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_input(app, key),
        Event::Paste(text) if app.search.editing => Some(Input::SearchPaste(text)),
        Event::Resize(width, height) => Some(Input::Resize { width, height }),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Input::Scroll(3)),
            MouseEventKind::ScrollUp => Some(Input::Scroll(-3)),
            MouseEventKind::Down(MouseButton::Left) => Some(Input::Click {
                x: m.column,
                y: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

fn key_input(app: &App, key: KeyEvent) -> Option<Input> {
    if app.search.editing {
        return prompt_key(key);
    }
    app.keymap.action(&key).map(Input::Action)
}
