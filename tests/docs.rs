//! The README agrees with the program: its gutter table with what the gutter
//! draws, its themes with those built in.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

const README: &str = include_str!("../README.md");

/// The rows of the README table that follows the line starting `heading`.
fn table_after(heading: &str) -> Vec<String> {
    let start = README
        .find(heading)
        .unwrap_or_else(|| panic!("README has no {heading:?}"));
    README[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_gutter_table_lists_every_mark_the_gutter_draws() {
    let rows = table_after("The gutter between the panes shows each unit's kind");
    let marks: String = rows
        .iter()
        .map(|r| r.split('|').nth(1).unwrap_or(""))
        .collect();
    for mark in taohua::legend::Gutter::EXAMPLES {
        let label = format!("`{}`", mark.label());
        assert!(
            marks.contains(&label),
            "README's gutter table lacks {label}"
        );
    }
    // And nothing the gutter never draws.
    let labels: Vec<String> = taohua::legend::Gutter::EXAMPLES
        .iter()
        .map(|m| m.label())
        .collect();
    for cell in marks.split('`').skip(1).step_by(2) {
        assert!(
            labels.iter().any(|l| l == cell),
            "README shows `{cell}`, which the gutter never draws"
        );
    }
}

#[test]
fn the_readme_names_every_built_in_theme() {
    for name in taohua::theme::Theme::builtin_names() {
        assert!(
            README.contains(&format!("`{name}`")),
            "README does not name theme {name}"
        );
    }
}

const BIN: &str = env!("CARGO_BIN_EXE_taohua");

/// `taohua WORDS --help` in English: its text, or a panic naming the words.
fn help_of(words: &[&str]) -> String {
    let out = std::process::Command::new(BIN)
        .args(words)
        .arg("--help")
        .env("LC_ALL", "C")
        .env("XDG_CONFIG_HOME", env!("CARGO_TARGET_TMPDIR"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "README documents `taohua {}`, which has no --help: {}",
        words.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The long options in `text`: `--format`, `--no-bom`, …
fn long_options(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i + 2 < bytes.len() {
        let starts = bytes[i] == '-'
            && bytes[i + 1] == '-'
            && bytes[i + 2].is_ascii_lowercase()
            && (i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '-'));
        if starts {
            let name: String = bytes[i..]
                .iter()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || **c == '-')
                .collect();
            let name = name.trim_end_matches('-').to_string();
            if !found.contains(&name) {
                found.push(name.clone());
            }
            i += name.len();
        } else {
            i += 1;
        }
    }
    found
}

/// The README's command sections: each `### \`taohua …\`` heading with the
/// commands it names (`["library", "add"]`, …) and its text up to the next
/// heading.
fn command_sections() -> Vec<(Vec<Vec<String>>, String)> {
    let mut sections = Vec::new();
    let mut lines = README.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(heading) = line.strip_prefix("### ") else {
            continue;
        };
        let mut commands: Vec<Vec<String>> = Vec::new();
        for code in heading.split('`').skip(1).step_by(2) {
            let Some(rest) = code.strip_prefix("taohua ") else {
                continue;
            };
            // Command words are lowercase; `LEFT`, `DIR|FILE…` and options end them.
            let words: Vec<&str> = rest
                .split_whitespace()
                .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '|'))
                .collect();
            // `library add|list|remove|info` names four commands.
            let mut names: Vec<Vec<String>> = vec![Vec::new()];
            for w in words {
                let alternatives: Vec<&str> = w.split('|').collect();
                names = names
                    .iter()
                    .flat_map(|n| {
                        alternatives.iter().map(move |a| {
                            let mut n = n.clone();
                            n.push((*a).to_string());
                            n
                        })
                    })
                    .collect();
            }
            commands.extend(names);
        }
        if commands.is_empty() {
            continue;
        }
        let mut body = format!("{heading}\n");
        while let Some(next) = lines.peek() {
            if next.starts_with("## ") || next.starts_with("### ") {
                break;
            }
            body.push_str(next);
            body.push('\n');
            lines.next();
        }
        sections.push((commands, body));
    }
    sections
}

/// Options a command's help lists that its README section need not repeat.
const EVERYWHERE: [&str; 3] = ["--help", "--version", "--lang"];

#[test]
fn every_documented_command_and_option_is_in_its_help_and_back() {
    let sections = command_sections();
    assert!(sections.len() >= 10, "{} command sections", sections.len());
    let mut problems = Vec::new();
    for (commands, body) in &sections {
        let helps: Vec<(String, String)> = commands
            .iter()
            .map(|words| {
                let words: Vec<&str> = words.iter().map(String::as_str).collect();
                (
                    format!("taohua {}", words.join(" ")).trim().to_string(),
                    help_of(&words),
                )
            })
            .collect();
        // README → help: every option the section names is the command's.
        for option in long_options(body) {
            if !helps.iter().any(|(_, h)| long_options(h).contains(&option)) {
                let names: Vec<&str> = helps.iter().map(|(n, _)| n.as_str()).collect();
                problems.push(format!(
                    "README names {option} under `{}`, whose --help does not",
                    names.join("`, `")
                ));
            }
        }
        // help → README: every option of the command is in its section.
        for (name, help) in &helps {
            for option in long_options(help) {
                if !EVERYWHERE.contains(&option.as_str()) && !long_options(body).contains(&option) {
                    let problem = format!(
                        "`{name} --help` has {option}, which the README's section does not name"
                    );
                    if !problems.contains(&problem) {
                        problems.push(problem);
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // The global option is documented once, on its own.
    assert!(
        README.contains("`--lang zh|en`"),
        "README does not document --lang"
    );
}

/// The backticked keys in a README key table's first column.
fn table_keys(heading: &str) -> Vec<String> {
    table_after(heading)
        .iter()
        .flat_map(|row| {
            let first = row.split('|').nth(1).unwrap_or("").to_string();
            first
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_key_tables_agree_with_the_default_keymap() {
    let keymap = taohua::tui::keymap::Keymap::builtin();
    let keys_of = |corpus: bool| -> Vec<String> {
        keymap
            .help()
            .iter()
            .filter(|h| h.corpus_only == corpus)
            .flat_map(|h| h.keys.split(' ').map(str::to_string).collect::<Vec<_>>())
            .collect()
    };
    let pair = keys_of(false);
    let readme = table_keys("| keys | what they do |");
    for key in &pair {
        assert!(
            readme.contains(key),
            "README's pair view table lacks `{key}`"
        );
    }
    for key in &readme {
        assert!(
            pair.contains(key),
            "README's pair view table has `{key}`, bound to nothing"
        );
    }
    // The corpus table names only keys that the corpus screens bind.
    let corpus = keys_of(true);
    for key in table_keys("| keys | what they do in the corpus screens |") {
        assert!(
            corpus.contains(&key) || pair.contains(&key),
            "README's corpus key table has `{key}`, bound to nothing"
        );
    }
}
