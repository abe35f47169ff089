//! Cleaning the lines of formats whose extraction rewrites the text anyway
//! (.docx, .html, .md): conversion leftovers, site boilerplate, and a scraped
//! page's title-plus-summary line.
//!
//! Plain `.txt` is never rewritten (its offsets are the user's); there the same
//! leftovers are ignored for matching by `text::normalize` instead.
//!
//! - `[bookmark: _GoBack]` and the like are cut out, and so are `**` markers.
//! - A short line that is site furniture is dropped: it starts with a known
//!   boilerplate phrase ("您好,欢迎访问", "当前位置", "本文标题", "链接地址",
//!   "打印本页", "关闭窗口", …) or consists only of button words ("【大 中 小】",
//!   `"[打印本页] [关闭窗口]"`, "字号：大 中 小").
//! - Among the first lines, a line that is the next line (a title) followed by
//!   the start of the body is a summary scraped before the text, and dropped.
//! - Blank lines are dropped; every kept line ends with `\n`.

use crate::text::variants::bookmark_at;

/// Lines longer than this (in chars) are never taken for boilerplate.
const MAX_BOILERPLATE: usize = 80;

/// Phrases that open a boilerplate line.
const BOILERPLATE_START: [&str; 22] = [
    "您好,欢迎访问",
    "您好，欢迎访问",
    "欢迎访问",
    "当前位置",
    "您现在的位置",
    "您当前的位置",
    "您的位置",
    "本文标题",
    "链接地址",
    "本文链接",
    "本文地址",
    "原文链接",
    "打印本页",
    "关闭窗口",
    "字号",
    "字体",
    "【字体",
    "分享到",
    "上一篇",
    "下一篇",
    "责任编辑",
    "返回顶部",
];

/// Words a button-only line is made of.
const BUTTON_WORDS: [&str; 18] = [
    "打印本页",
    "关闭窗口",
    "打印",
    "关闭",
    "本页",
    "窗口",
    "收藏",
    "分享",
    "字号",
    "字体",
    "默认",
    "大",
    "中",
    "小",
    "繁体",
    "简体",
    "返回顶部",
    "顶部",
];

/// Cut conversion leftovers out of one line: `[bookmark: …]` and `**`.
pub(crate) fn strip_leftovers(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '[' {
            if let Some(len) = bookmark_at(&chars[i..]) {
                i += len;
                continue;
            }
        }
        if chars[i] == '*' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// True for a line of site furniture.
pub(crate) fn is_boilerplate(line: &str) -> bool {
    let line = line.trim();
    if line.chars().count() > MAX_BOILERPLATE {
        return false;
    }
    let bare = line.trim_start_matches(|c: char| !c.is_alphanumeric());
    if BOILERPLATE_START.iter().any(|p| bare.starts_with(p)) {
        return true;
    }
    buttons_only(line)
}

/// True when the line holds nothing but button words, brackets, separators.
fn buttons_only(line: &str) -> bool {
    let mut rest: String = line.chars().filter(|c| c.is_alphanumeric()).collect();
    if rest.is_empty() {
        return false;
    }
    'outer: while !rest.is_empty() {
        for w in BUTTON_WORDS {
            if let Some(r) = rest.strip_prefix(w) {
                rest = r.to_string();
                continue 'outer;
            }
        }
        return false;
    }
    true
}

/// Clean extracted lines and join them, one `\n` after each kept line.
pub(crate) fn clean_lines<I, S>(lines: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let kept: Vec<String> = lines
        .into_iter()
        .map(|l| strip_leftovers(l.as_ref()).trim().to_string())
        .filter(|l| !l.is_empty() && !is_boilerplate(l))
        .collect();
    let mut out = String::new();
    for (i, line) in kept.iter().enumerate() {
        if i < 10 && is_title_summary(line, &kept[i + 1..]) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// True when `line` is the title on the next line followed by the opening of
/// the body below it (a scraped page's summary line).
fn is_title_summary(line: &str, after: &[String]) -> bool {
    let Some(title) = after.first() else {
        return false;
    };
    let title = title.trim();
    if title.chars().count() < 4 || line.len() <= title.len() {
        return false;
    }
    let Some(summary) = line.strip_prefix(title) else {
        return false;
    };
    let summary: String = summary.chars().filter(|c| !c.is_whitespace()).collect();
    let summary = summary.trim_end_matches(['…', '.']);
    if summary.chars().count() < 10 {
        return false;
    }
    let body: String = after[1..]
        .iter()
        .take(20)
        .flat_map(|l| l.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    body.starts_with(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_lines_go() {
        for l in [
            "您好,欢迎访问青川市科学技术协会网站！",
            "当前位置：首页 > 新闻中心 > 领导讲话",
            "本文标题：在全市科协工作会议上的讲话",
            "链接地址：http://example.org/a.html",
            "【打印本页】【关闭窗口】",
            "字号：【大 中 小】",
            "[ 大 中 小 ]",
        ] {
            assert!(is_boilerplate(l), "{l}");
        }
        for l in ["同志们：", "加强科普阵地建设。", "大中小学校要开展科普活动"]
        {
            assert!(!is_boilerplate(l), "{l}");
        }
    }

    #[test]
    fn leftovers_and_summary_lines_go() {
        let lines = [
            "在科协会议上的讲话 同志们：今年是全面贯彻落实党的二十大精神的开局之年……",
            "在科协会议上的讲话",
            "同志们：",
            "今年是全面贯彻落实党的二十大精神的开局之年，[bookmark: _GoBack]**我们**要加强科普。",
        ];
        assert_eq!(
            clean_lines(lines),
            "在科协会议上的讲话\n同志们：\n今年是全面贯彻落实党的二十大精神的开局之年，我们要加强科普。\n"
        );
    }
}
