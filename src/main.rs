//! The `taohua` binary: parse arguments, run the command, map errors to exit
//! codes (see README.md: 0 success, 1 internal error, 2 bad input or usage).

mod cli;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// Keep the C library's allocator from handing memory back to the kernel
/// only to ask for it again.
///
/// By default glibc serves blocks of 128 KiB and more (a document's keys,
/// spans, indexes) with fresh `mmap`s, unmaps them on free and trims the
/// heap top, so one comparison of two 20,000-character reports took about
/// 1,600 page faults. Here every block comes from the heap, which grows
/// 4 MiB at a time and is not trimmed: 721 faults, and the Guangdong pair
/// takes 5.6 ms instead of 6.4 (`perf stat -r 60`). mimalloc and jemalloc
/// were measured as well: mimalloc was faster on one pair (5.0 ms) but slower and
/// larger on the 10x corpus (3.96 s and 678 MB against 3.24 s and 499 MB),
/// jemalloc slower on both. Only the pair commands use this: a corpus run
/// with it was no faster and kept 30% more memory (64 MB against 49 MB at 1x).
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it is called before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_TOP_PAD, 4 << 20);
    }
}

fn main() -> ExitCode {
    let args = cli::parse();
    if matches!(
        args.command,
        None | Some(cli::Command::Compare(_) | cli::Command::Demo(_))
    ) {
        tune_allocator();
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = cli::run(args, &mut out).and_then(|()| out.flush().map_err(Into::into));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // A closed pipe (`| head`) is not an error worth a message.
            if err.chain().any(|e| {
                e.downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let input = taohua::app::error::is_input_error(&err);
            let msg = taohua::app::error::one_line(&err);
            // File names and text may hold control characters: keep them off the terminal.
            eprintln!("taohua: {}", taohua::report::sanitize(&msg));
            ExitCode::from(if input { 2 } else { 1 })
        }
    }
}
