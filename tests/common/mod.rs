//! Helpers shared by the TUI tests.

use ratatui::buffer::Buffer;

/// A rendered buffer as text, one line per row, trailing spaces cut. Wide
/// characters take their cells once (`ambiguous_wide` decides for “ ” …).
/// Fails if any cell holds a control character: nothing from a document may
/// reach the terminal raw.
pub fn buffer_text(buf: &Buffer, ambiguous_wide: bool) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(char::is_control),
                "control character at {x},{y}: {sym:?}"
            );
            line.push_str(sym);
            let w: usize = sym
                .chars()
                .map(|c| taohua::tui::wrap::char_width(c, ambiguous_wide))
                .sum();
            skip = w.saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
