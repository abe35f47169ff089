//! `--help` in Chinese (see [`crate::i18n`]). The English texts are the
//! clap definitions' own doc comments in `src/cli.rs`; [`localize`] rewrites
//! a built `clap::Command` with the texts below when Chinese is in effect:
//! each command's description and examples, each option's help, clap's own
//! headings (用法, 参数, 选项, 命令) and the help and version flags.
//! [`mismatches`] lists every command or option without a Chinese text and
//! every text without its command or option, for the test that keeps the
//! two in step.
//!
//! Keys: `PATH` is a command (`""` the program, `"library add"`), `PATH@after`
//! its examples, `PATH:ID` an argument by its clap id; `*:ID` serves every
//! command that has no text of its own for that id.

use clap::Command;

use super::{lang, Lang};

/// The template of a Chinese help page: clap's own, with the usage heading
/// in Chinese (the argument headings are set on the arguments).
/// The usage line ends its heading with an ASCII colon, as clap ends the
/// headings it writes (命令:, 选项:), so the page reads one way.
const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法: {usage}\n\n{all-args}{after-help}";

/// Chinese help texts by key.
const ZH: &[(&str, &str)] = &[
    // The program.
    ("", "比较中文公文（讲话、报告）：对齐段落、复用文字、复制比例。\n\n`taohua 左 右` 打开对照视图（在终端中；在管道中输出文本报告）。`taohua demo` 用内置示例演示。"),
    ("@after", "示例：\n  taohua demo                                 用两篇内置讲话演示对照视图\n  taohua 2023.txt 2024.txt                    比较两篇文档\n  taohua compare a.txt b.txt --format html > a.html\n  taohua corpus speeches/                     语料库界面\n  taohua completions bash > ~/.local/share/bash-completion/completions/taohua"),
    ("*:help", "显示帮助（--help 更详细）"),
    ("*:version", "显示版本"),
    ("*:lang", "界面语言：zh（中文）或 en（英文）[默认：config.toml 的 lang，否则按 LC_ALL、LC_MESSAGES、LANG]"),
    ("help", "显示本帮助或某个命令的帮助"),
    // Comparing two documents (the program's own arguments and `compare`).
    ("compare", "比较两篇文档：在终端中打开对照视图，或用 --format（或在管道中）输出报告。"),
    ("compare@after", "示例：\n  taohua compare 2023.txt 2024.txt --format text\n  taohua compare 2023.txt 2024.txt --format json > pair.json\n  taohua compare old-big5.txt new.txt --left-encoding big5\n  taohua compare a.docx b.html --format html > a.html"),
    ("*:left", "左侧（通常较早）的文档。"),
    ("*:right", "右侧（通常较晚）的文档。"),
    ("*:format", "输出报告而不打开对照视图：text（文本）、json（taohua.compare/1）、html（单个 HTML 文件）、md（Markdown）、csv（一张表，见 --table）。标准输出不是终端时总是输出文本报告。"),
    ("*:top", "摘要列出最长的几段特有共享文字。"),
    ("*:brief", "只输出摘要（text 和 html）：不列对齐段落。"),
    ("*:table", "--format csv 输出哪张表：passages（每段共享文字一行）或 units（每个对齐段落一行）。"),
    ("*:no_bom", "CSV 不写 UTF-8 字节顺序标记（Excel 读中文需要它，有些脚本不需要）。"),
    ("*:min_chars", "报告的最短共享文字，按规范化后的可计字符（字母、数字、汉字）计。"),
    ("*:slogans", "额外的套话表述，每行一条，与内置口号一样单独计算。"),
    ("*:no_slogans", "不区分口号：所有共享文字都算特有。"),
    ("*:left_encoding", "左侧文档的编码（同 --encoding，只用于一侧）。"),
    ("*:right_encoding", "右侧文档的编码。"),
    ("*:no_fold_script", "繁体字与简体字不视为相同。"),
    ("*:no_fold_numerals", "中文数字（二〇二三）与阿拉伯数字（2023）不视为相同。"),
    ("*:color", "文本报告是否着色：auto（终端中且未设 NO_COLOR 时）、always（总是，如用于 less -R）、never（从不）。"),
    ("*:reference", "区分套话与特有复用的参照：built-in（README 所列公开报告的内置参照表）、none（只用口号表）、library（默认文档库）、文档库文件、参照表（taohua reference build）或一个文档文件夹。"),
    ("*:theme", "配色：内置主题（dark、light、high-contrast、okabe-ito）或 TOML 主题文件（只覆盖其中列出的角色）[默认：dark，或配置文件中的]。"),
    ("*:ambiguous_width", "终端给宽度不定字符（“ ” … · —）的列数：1 或 2 [默认：1，或配置文件中的]。"),
    ("*:keymap", "覆盖默认按键的按键文件（TOML，格式同内置按键表）[默认：配置文件夹中的 keymap.toml（如有）]。"),
    ("*:encoding", "按此编码读取所有文件（utf-8、gb18030、gbk、big5、big5-hkscs、utf-16le、utf-16be 等），不再自动检测；FILE:NAME 指定单个文件的编码。字节顺序标记优先。"),
    // demo
    ("demo", "在内置的两篇示例讲话上打开对照视图。"),
    ("demo@after", "示例：\n  taohua demo\n  taohua demo --format text --brief\n  taohua demo --theme light"),
    ("demo:format", "输出报告而不打开对照视图：text、json、html、md、csv（见 compare --help）。"),
    // corpus
    ("corpus", "一个文件夹中文档之间的复用：文档对、短语、对早期文档的复用。"),
    ("corpus@after", "示例：\n  taohua corpus speeches/\n  taohua corpus speeches/ --format text --top 10\n  taohua corpus speeches/ --format html --out report/\n  taohua corpus new/ old/:big5 hk.txt:big5-hkscs --format json"),
    ("corpus:inputs", "一个文件夹（递归读取）或一组文件；PATH:NAME 按编码 NAME 读取一个文件或文件夹（old.txt:big5）。"),
    ("corpus:library", "分析文档库中的文档而不是文件夹：默认文档库，或 FILE 指定的文档库。"),
    ("*:kind", "只要此类型的文档（如 政府工作报告）。"),
    ("*:year", "只要这些年份的文档：2024，或 2020..2025（含两端）。"),
    ("*:region", "只要此地区的文档（如 安徽省）。"),
    ("corpus:format", "输出报告而不打开语料库界面：text（各表前几行）、json（taohua.corpus/1，全部内容）、csv（一张表，见 --table）、html（热力图、文档对排名、短语时间线；加 --out 为每对生成报告）、md（Markdown）。标准输出不是终端时总是输出文本报告。"),
    ("corpus:table", "--format csv 输出哪张表：pairs（文档对）、phrases（短语）、documents（文档）[默认：pairs]。"),
    ("corpus:include", "只要文件名或文件夹内路径匹配 GLOB 的文件（如 \"2025_*\"、\"*.txt\"）；可重复。"),
    ("corpus:exclude", "排除文件名或文件夹内路径匹配 GLOB 的文件（如 \"*决议*\"、\"drafts/**\"）；可重复。"),
    ("corpus:verbose", "在标准错误上列出每个被排除的文件及原因。"),
    ("corpus:common_above", "超过此比例文档都有的文字算常见（口号）：单独计算，不用于挑选文档对。"),
    ("corpus:min_chars", "最短的共享文字或短语，按可计字符计。"),
    ("*:name_pattern", "文件名如何携带元数据，如 \"{region}-{year}-{kind}\"（占位符 {year} {region} {kind} {title} {_}）。"),
    ("*:manifest", "清单文件（TSV 或 CSV，列为 file、year、region、kind，可选 title、encoding）[默认：文件夹中的 MANIFEST.tsv 或 MANIFEST.csv]。"),
    ("corpus:top", "文本、Markdown 和 HTML 报告每张表的行数（加 --out 时，也是排名前几对各自生成报告）。"),
    ("corpus:out", "与 --format html 同用：把 index.html 写入此文件夹（必要时创建），并在 pairs/ 中为排名前 --top 的每对写一份报告。"),
    ("corpus:partners", "文档对查找器为每篇文档比较的最强伙伴数。"),
    ("corpus:color", "文本报告（标题）是否着色：auto、always、never。"),
    ("corpus:no_templates", "不查找模板（带空位的反复出现的措辞）。"),
    // extract
    ("extract", "按 taohua 读取的样子输出文档的文本（JSON 中偏移量所用的文本）。"),
    ("extract@after", "示例：\n  taohua extract report.docx > report.txt\n  taohua extract old.txt --encoding big5"),
    ("*:file", "文档。"),
    // eval
    ("eval", "在文件夹中讲话的编辑副本上测量共享文字的召回率/精确率和对齐 F1（见 EVALUATION.md）。"),
    ("eval:dir", "纯文本讲话的文件夹（UTF-8 或 GB18030），每个文件一篇。"),
    ("eval:seed", "随机编辑的种子（同一种子得到同样的数字）。"),
    ("eval:limit", "最多使用多少篇文档（0：全部）。"),
    ("eval:stock", "改为测量套话规则：同一地区相邻年份的文档对，各以其余所有文档为参照。"),
    ("eval:format", "输出格式：text 或 json（评估的全部数字）。"),
    ("eval:reissue", "改为检查替换与遗留地名：以另一省名义重发的省级报告，以及真实文档对引出的遗留地名（见 EVALUATION.md）。"),
    // library
    ("library", "文档库：长期保存的文档集合，用来追溯新文档的来源（add、list、remove、info）。"),
    ("library add", "添加文档（文件和文件夹，读法同 corpus）；文档库已有其文本的文件跳过，已改动的文件替换旧版本。"),
    ("library add:inputs", "文件和文件夹（递归读取）。"),
    ("library add:manifest", "清单文件（TSV 或 CSV，列为 file、year、region、kind，可选 title、encoding）[默认：文件夹中的 MANIFEST.tsv 或 MANIFEST.csv]。"),
    ("*:path", "文档库文件 [默认：系统数据文件夹中的 library.sqlite，如 ~/.local/share/taohua/]。"),
    ("library list", "列出文档库中的文档。"),
    ("library list:format", "输出格式：text（表格）、json（给脚本）、csv（给 R 或 pandas）。"),
    ("library remove", "删除文档：按添加时的文件或文件夹，或按编号（--id）。"),
    ("library remove:paths", "添加时的文件或文件夹。"),
    ("library remove:id", "文档编号（见 library list）。"),
    ("library info", "文档、字数、年份、地区、类型和磁盘占用。"),
    ("library info:format", "输出格式：text 或 json（taohua.library/1）。"),
    // trace
    ("trace", "一篇文档引用了文档库中的哪些文档，有多少是它自己的。"),
    ("trace:file", "要追溯的文档。"),
    ("trace:format", "输出报告而不打开追溯界面：text、json（taohua.trace/1）、md（Markdown 表格）或 html（自包含网页，共享文字按来源着色）。标准输出不是终端时总是输出文本报告。"),
    // reference
    ("reference", "区分套话与特有复用的参照：从文件夹或文档库构建，或查看其内容。"),
    ("reference build", "从文档（文件和文件夹，读法同 corpus）或文档库构建参照表。"),
    ("reference build:inputs", "文件和文件夹（递归读取）。"),
    ("reference build:library", "改从文档库中的文档构建：默认文档库，或 FILE。"),
    ("reference build:output", "参照表写到哪里。"),
    ("reference build:manifest", "清单文件（TSV 或 CSV，列为 file、year、region、kind，可选 title、encoding）。"),
    ("reference info", "参照包含哪些文档：按类型、年份和地区。"),
    // find
    ("find", "文档库中含有一段文字（逐字，或跨过小改动）的每篇文档，从早到晚。"),
    ("find:text", "要找的文字（至少 3 个字），或 - 从标准输入读取。"),
    ("find:format", "输出格式：text 或 json（taohua.find/1）。"),
    // grow
    ("grow", "为基准测试写一个更大的语料库：文件夹中每篇文档及其编辑副本，附 MANIFEST.tsv（见 BENCHMARKS.md）。"),
    ("grow:dir", "纯文本文档的文件夹，文件名为 年份_地区_类型.txt。"),
    ("grow:out", "更大的语料库写到哪里（会创建；须为空或不存在）。"),
    ("grow:times", "放大几倍：1 复制原文，N 为每篇加 N-1 个编辑副本。"),
    ("grow:seed", "编辑的种子。"),
    // corpus, past one machine
    ("corpus:export_parquet", "不做分析，把文档和语料库索引的指纹以 Parquet 格式写入此文件夹（供 Spark 或 DuckDB 使用）。"),
    ("corpus:from", "打开一份 taohua.corpus/1 报告（来自 --format json 或 Spark 作业），而不是分析文件夹。"),
    ("library export", "把文档和语料库索引的指纹写成 Parquet（供 Spark、DuckDB、pandas 或 R 使用；见 README）。"),
    ("library export:parquet", "把文档和语料库索引的指纹以 Parquet 格式写入此文件夹（会创建；须为空或不存在）。"),
    ("library export:min_chars", "最短的共享文字或短语，按可计字符计（即窗口长度）。"),
    ("library export:common_above", "被超过此比例的文档含有的文字算作常见。"),
    ("library export:partners", "每篇文档交给比对器的最强伙伴数。"),
    // batch: the corpus analysis in pieces
    ("batch", "分步进行的语料库分析，JSON 行进、JSON 行出，供单机之外的引擎使用（spark/ 中的 Spark 作业；见 spark/README.md）。"),
    ("batch limits", "N 篇文档的语料库所用的阈值，输出一行 JSON：窗口长度、窗口算作常见的文档数、不再提出候选对的文档数。"),
    ("batch limits:documents", "语料库中的文档数。"),
    ("batch pairs", "标准输入：每篇文档及其候选伙伴一行 JSON；标准输出：每对有共享文字的文档一行 JSON。"),
    ("batch phrases", "标准输入：每篇文档及其索引切片一行 JSON；标准输出：它最先含有的每个短语一行 JSON。"),
    ("batch phrases:documents", "语料库中的文档数。"),
    ("batch corpus", "把各步结果拼回：由导出的文档和 batch pairs、batch phrases 的输出行得到一份 taohua.corpus/1 报告。"),
    ("batch corpus:export", "这些结果所依据的 Parquet 导出。"),
    ("batch corpus:pairs", "batch pairs 写出的行。"),
    ("batch corpus:phrases", "batch phrases 写出的行。"),
    ("batch corpus:candidates", "比对器处理过的候选对数。"),
    ("batch limits:min_chars", "最短的共享文字或短语，按可计字符计（即窗口长度）。"),
    ("batch limits:common_above", "被超过此比例的文档含有的文字算作常见。"),
    ("batch limits:partners", "每篇文档交给比对器的最强伙伴数。"),
    ("batch pairs:min_chars", "最短的共享文字或短语，按可计字符计（即窗口长度）。"),
    ("batch pairs:common_above", "被超过此比例的文档含有的文字算作常见。"),
    ("batch pairs:partners", "每篇文档交给比对器的最强伙伴数。"),
    ("batch phrases:min_chars", "最短的共享文字或短语，按可计字符计（即窗口长度）。"),
    ("batch phrases:common_above", "被超过此比例的文档含有的文字算作常见。"),
    ("batch phrases:partners", "每篇文档交给比对器的最强伙伴数。"),
    ("batch pairs:reference", "参照：built-in、none 或参照表文件……（同 taohua corpus；每个执行器都会打开它，所以在集群上请给 built-in，或在各处路径相同的参照表文件）。"),
    ("batch phrases:reference", "参照：built-in、none 或参照表文件……（同 taohua corpus；每个执行器都会打开它，所以在集群上请给 built-in，或在各处路径相同的参照表文件）。"),
    ("*:reference_kind", "只计参照中这一类型的文档。"),
    ("*:reference_years", "只计参照中这些年份的文档。"),
    ("*:reference_region", "只计参照中这一地区的文档。"),
    // config
    ("config", "当前生效的设置及各自来源（config.toml、keymap.toml、选项、默认值）。"),
    ("config@after", "示例：\n  taohua config --print\n  taohua config --print --theme light --ambiguous-width 2\n  taohua config --path"),
    ("config:print", "输出当前生效的设置及各自来源（不带选项的 taohua config 也是如此）。"),
    ("config:path", "只输出配置文件夹的路径。"),
    // completions and man
    ("completions", "输出某个 shell 的补全脚本（bash、zsh、fish、powershell、elvish）。"),
    ("completions@after", "安装：\n  bash        taohua completions bash > ~/.local/share/bash-completion/completions/taohua\n  zsh         taohua completions zsh > ~/.zfunc/_taohua   （compinit 之前 fpath+=~/.zfunc）\n  fish        taohua completions fish > ~/.config/fish/completions/taohua.fish\n  PowerShell  taohua completions powershell >> $PROFILE\n  elvish      taohua completions elvish >> ~/.config/elvish/rc.elv"),
    ("completions:shell", "为哪个 shell 写脚本：bash、zsh、fish、powershell、elvish。"),
    ("man", "输出手册页（roff），或在一个文件夹中为每个命令写一页。"),
    ("man@after", "示例：\n  taohua man | man -l -\n  taohua man --out ~/.local/share/man/man1"),
    ("man:out", "把 taohua.1 和每个命令的一页（taohua-compare.1 等）写入此文件夹，而不是输出 taohua.1。"),
];

/// The Chinese text of `key`.
fn zh(key: &str) -> Option<&'static str> {
    ZH.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// The Chinese help of argument `id` of the command at `path`.
fn arg_text(path: &str, id: &str) -> Option<&'static str> {
    zh(&format!("{path}:{id}")).or_else(|| zh(&format!("*:{id}")))
}

/// The path of a subcommand below `path`.
fn child(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path} {name}")
    }
}

/// `cmd` (the whole program) built, its help in the language in effect.
pub fn localize(mut cmd: Command) -> Command {
    cmd.build();
    match lang() {
        Lang::En => cmd,
        Lang::Zh => localize_at(cmd, ""),
    }
}

fn localize_at(mut cmd: Command, path: &str) -> Command {
    if let Some(about) = zh(path) {
        let short = about.split("\n\n").next().unwrap_or(about);
        cmd = cmd.about(short).long_about(about);
    }
    if let Some(after) = zh(&format!("{path}@after")) {
        cmd = cmd.after_help(after).after_long_help(after);
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .mut_args(|arg| {
            let id = arg.get_id().as_str().to_string();
            let positional = arg.is_positional();
            let mut arg = arg.help_heading(if positional { "参数" } else { "选项" });
            if let Some(text) = arg_text(path, &id) {
                arg = arg
                    .help(text)
                    .long_help(None::<&str>)
                    .hide_possible_values(true);
            }
            arg
        });
    // The built-in `help` command mirrors the others: only its own
    // description is ours.
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = child(path, &name);
        cmd = cmd.mut_subcommand(&name, |sc| {
            if name == "help" {
                let about = zh("help").unwrap_or_default();
                sc.about(about).long_about(None::<&str>)
            } else {
                localize_at(sc, &sub_path)
            }
        });
    }
    cmd
}

/// Every command, argument or example text of `cmd` (built) that has no
/// Chinese text, and every Chinese text that serves nothing.
pub fn mismatches(mut cmd: Command) -> Vec<String> {
    cmd.build();
    let mut used: Vec<String> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    walk(&cmd, "", &mut used, &mut missing);
    for (key, _) in ZH {
        if !used.iter().any(|u| u == key) {
            missing.push(format!("unused Chinese text: {key:?}"));
        }
    }
    missing
}

/// Note `key` as used, or as missing.
fn need(key: String, used: &mut Vec<String>, missing: &mut Vec<String>) {
    if zh(&key).is_some() {
        used.push(key);
    } else {
        missing.push(format!("no Chinese text: {key:?}"));
    }
}

fn walk(cmd: &Command, path: &str, used: &mut Vec<String>, missing: &mut Vec<String>) {
    if cmd.get_about().is_some() || path.is_empty() {
        need(path.to_string(), used, missing);
    }
    if cmd.get_after_help().is_some() {
        need(format!("{path}@after"), used, missing);
    }
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let id = arg.get_id().as_str();
        let own = format!("{path}:{id}");
        let shared = format!("*:{id}");
        if zh(&own).is_some() {
            used.push(own);
        } else {
            need(shared, used, missing);
        }
    }
    for sub in cmd.get_subcommands() {
        let sub_path = child(path, sub.get_name());
        if sub.get_name() == "help" {
            need("help".into(), used, missing);
        } else {
            walk(sub, &sub_path, used, missing);
        }
    }
}
