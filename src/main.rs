//! The `taohua` binary: parse arguments, run the command, map errors to exit
//! codes (see README.md: 0 success, 1 internal error, 2 bad input or usage).

mod cli;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
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
            let input = err.chain().any(|e| e.is::<cli::InputError>());
            let msg = err
                .chain()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(": ");
            // File names and text may hold control characters: keep them off the terminal.
            eprintln!("taohua: {}", taohua::report::sanitize(&msg));
            ExitCode::from(if input { 2 } else { 1 })
        }
    }
}
