//! Guesses from the text itself: title, occasion and speaker lines, dates,
//! sessions and the gazetteer.

use super::*;

/// What the text itself suggests. Every field is a guess.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct TextGuess {
    /// The title.
    pub title: Option<String>,
    /// The year.
    pub year: Option<i32>,
    /// The region, as written.
    pub region: Option<String>,
    /// The kind.
    pub kind: Option<String>,
}

/// How many non-empty lines at the top of a text are looked at.
pub(super) const HEAD_LINES: usize = 8;
/// At most this many header lines (title, occasion, speaker) before the body.
pub(super) const MAX_HEADER_LINES: usize = 4;
/// Longest line read as a title.
pub(super) const TITLE_MAX_CHARS: usize = 60;
/// Characters of each head line that are scanned (one-line documents exist).
pub(super) const SCAN_CHARS: usize = 300;

/// Guess title, year, region and kind from the top of a text (front matter,
/// if any, is skipped).
///
/// - Messy tops first: lines of site furniture (`您好,欢迎访问…`, `当前位置：…`,
///   `分享到：`, a document-sharing site's `文档贡献者` …) are skipped, and
///   lines that run into each other are cut apart where a header would have
///   broken them: a title that runs into the body at the end of its kind
///   (`2024年科协工作安排部署会讲话同志们：…` → the title, then the rest), an
///   occasion line that runs into the salutation, a salutation that runs
///   into the first sentence (`各位代表：现在，…`). Traditional characters are
///   folded to simplified ones (`fast2s`, as for matching) before any rule
///   reads a line, so `講話` is a 讲话 and `屆`, `會議` count as `届`, `会议`.
/// - Title: the first non-empty line, when it is at most 60 characters and
///   does not end like a sentence or a salutation (`。`, `：`, `！`, …). Only
///   the first line: later short lines are headings such as `一、2016年工作回顾`.
/// - The *header* is the run of short, non-sentence lines at the top (title,
///   occasion line `——2026年1月27日在…`, speaker line), ending at the
///   salutation (`各位代表：`) or the first sentence; at most four lines.
/// - Year, in order of evidence: a full date in the header (`2017年2月24日`,
///   `二〇一七年二月二十四日`, `2017-02-24`, also in `（…）`); a year in the
///   header (`2025年上海市政府工作报告`); the session the text was delivered
///   at (`第十届全国人民代表大会第五次会议关于…的决议`, `向第六届全国人民代表大会
///   第一次会议作…`, `中国共产党第九次全国代表大会`, `受十二届中央委员会委托`),
///   mapped by the known calendar of NPC and CPC congresses — but not sessions
///   that are referred back to (`…以来`, `从…`, `根据…`); a review heading
///   `一、2016年工作回顾` (the report is the next year's); a full date anywhere
///   in the first eight lines. Bare years in the body are not used: they are
///   mostly about the past.
/// - Region: the gazetteer on the header
///   lines, one line at a time from the title down (the first line naming a
///   place decides; in it a prefecture beats its province, then the earliest
///   wins); else national markers in the header (`全国人民代表大会`, `国务院`,
///   `党中央`, …) → `全国`; else stricter national markers in the first eight
///   lines (`代表国务院`, `届全国人民代表大会`, `中央委员会`, …) → `全国`; else a
///   full place name (not a short form) in the first body line.
/// - Kind: from the (folded) title — the longest of 政府工作报告, 工作报告, 讲话,
///   报告, 纪要, 通知, 决议, 意见, 方案 that the title ends with (`关于政府工作报告
///   的决议` is a 决议), else the longest it contains. Without a title, from
///   what the first lines say the text is: `向大会作政府工作报告`, `报告政府工作`
///   (a 政府工作报告), `我讲三点意见`, `讲几个方面的意见` (a 讲话).
pub(crate) fn guess_from_text(text: &str) -> TextGuess {
    let body = match front_matter(text) {
        Some(fm) => text
            .char_indices()
            .nth(fm.end_char)
            .map_or("", |(at, _)| &text[at..]),
        None => text,
    };
    let head = Head::new(body);
    let title = head
        .raw
        .first()
        .filter(|l| is_title(l))
        .map(|l| l.to_string());
    let kind = match title {
        Some(_) => head
            .folded
            .first()
            .and_then(|t| kind_in(&t.iter().collect::<String>())),
        None => None,
    }
    .or_else(|| head.kind_in_body());
    TextGuess {
        year: head.year(),
        region: head.region(),
        title,
        kind,
    }
}

/// The first lines of a text, trimmed and folded for matching.
pub(super) struct Head<'a> {
    raw: Vec<&'a str>,
    /// Folded copies: ASCII digits, simplified forms of a few traditional
    /// characters, no whitespace.
    folded: Vec<Vec<char>>,
    /// `folded[..header]` are header lines.
    header: usize,
    /// The first body line (after the salutation, if any).
    opening: Option<usize>,
}

impl<'a> Head<'a> {
    fn new(text: &'a str) -> Head<'a> {
        let mut raw: Vec<&str> = Vec::with_capacity(HEAD_LINES);
        let lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        for line in lines.filter(|l| !is_furniture(l)) {
            raw.extend(split_run_in(line, raw.is_empty()));
            if raw.len() >= HEAD_LINES {
                break;
            }
        }
        raw.truncate(HEAD_LINES);
        let folded: Vec<Vec<char>> = raw.iter().map(|l| fold_line(l)).collect();
        let mut header = 0;
        let mut opening = None;
        for (i, line) in raw.iter().enumerate() {
            if is_salutation(line) {
                opening = (i + 1 < raw.len()).then_some(i + 1);
                break;
            }
            if is_sentence(line) || i == MAX_HEADER_LINES {
                opening = Some(i);
                break;
            }
            header = i + 1;
        }
        Head {
            raw,
            folded,
            header,
            opening,
        }
    }

    /// What the first lines say the text is, when there is no title to say
    /// it: `作政府工作报告` (delivering the report), `我讲三点意见` (a speech).
    fn kind_in_body(&self) -> Option<String> {
        self.folded.iter().find_map(|l| {
            if delivers_work_report(l) {
                return Some("政府工作报告".to_string());
            }
            speech_opening(l).then(|| "讲话".to_string())
        })
    }

    fn header_lines(&self) -> &[Vec<char>] {
        self.folded.get(..self.header).unwrap_or_default()
    }

    fn year(&self) -> Option<i32> {
        let first =
            |lines: &[Vec<char>], f: fn(&[char]) -> Option<i32>| lines.iter().find_map(|l| f(l));
        let header = self.header_lines();
        let all = self.folded.as_slice();
        first(header, full_date)
            .or_else(|| first(header, bare_year))
            .or_else(|| first(all, session_year))
            .or_else(|| {
                all.iter()
                    .enumerate()
                    .find_map(|(i, l)| review_year(l, all.get(i + 1)))
            })
            .or_else(|| first(all, full_date))
    }

    fn region(&self) -> Option<String> {
        let gaz = gazetteer();
        let header = self.header_lines();
        if let Some(place) = header.iter().find_map(|l| gaz.best_in(l, true)) {
            return Some(place.to_string());
        }
        if header.iter().any(|l| contains_any(l, NATIONAL_IN_HEADER))
            || self
                .folded
                .iter()
                .any(|l| contains_any(l, NATIONAL_IN_BODY))
        {
            return Some(NATIONAL.to_string());
        }
        let opening = self.folded.get(self.opening?)?;
        gaz.best_in(opening, false).map(str::to_string)
    }
}

/// The region of national documents.
pub(crate) const NATIONAL: &str = "全国";

/// In a header line, any of these marks a national document.
pub(super) const NATIONAL_IN_HEADER: &[&str] = &[
    "全国人民代表大会",
    "全国人大",
    "国务院",
    "党中央",
    "中共中央",
    "中央委员会",
    "全国代表大会",
];

/// In the first lines of the body, only these do: local documents mention
/// 党中央 and 国务院 all the time, but not who delivers the text.
pub(super) const NATIONAL_IN_BODY: &[&str] = &[
    "代表国务院",
    "国务院总理",
    "中华人民共和国国务院",
    "国务院的委托",
    "国务院委托",
    "国务院的决定",
    "届全国人民代表大会",
    "全国人民代表大会第",
    "次全国代表大会",
    "届中央委员会",
];

/// A clause that delivers a government work report: it names 政府工作 and
/// 报告 together with the congress or the government (`我代表国务院向大会作
/// 政府工作报告`, `向大会报告过去五年政府工作`, `代表省人民政府，向大会报告
/// 政府工作`).
fn delivers_work_report(line: &[char]) -> bool {
    line.split(|c| "，。；：,;:".contains(*c)).any(|clause| {
        find(clause, "政府工作", 0).is_some()
            && find(clause, "报告", 0).is_some()
            && contains_any(clause, &["大会", "国务院", "人民政府"])
    })
}

/// `讲三点意见`, `讲几点意见`, `讲四个方面的意见`: how a speech announces its
/// parts.
fn speech_opening(line: &[char]) -> bool {
    (0..line.len()).any(|i| {
        let Some(j) = starts_with(line, i, "讲") else {
            return false;
        };
        let j = match cn_number(line, j) {
            Some((_, end)) => end,
            None => match starts_with(line, j, "几") {
                Some(end) => end,
                None => return false,
            },
        };
        ["点意见", "个方面的意见", "点看法", "点要求"]
            .iter()
            .any(|w| starts_with(line, j, w).is_some())
    })
}

/// A line of a web page's or a document-sharing site's furniture: the
/// boilerplate the HTML reader drops, and what sharing sites put above a
/// document. Never a title.
pub(super) fn is_furniture(line: &str) -> bool {
    const SHARING_SITE: [&str; 14] = [
        "文档贡献者",
        "贡献者",
        "下载文档",
        "免费下载",
        "立即下载",
        "点击下载",
        "文档分类",
        "上传时间",
        "发布时间",
        "发布日期",
        "浏览次数",
        "阅读次数",
        "版权声明",
        "举报",
    ];
    crate::ingest::is_boilerplate(line)
        || (line.chars().count() <= 80 && SHARING_SITE.iter().any(|p| line.starts_with(p)))
}

/// A line as the rules read it: the first [`SCAN_CHARS`] characters, white
/// space removed, traditional characters folded to simplified ones (with
/// `fast2s`'s context rules), full-width digits to ASCII.
fn fold_line(line: &str) -> Vec<char> {
    let chars: Vec<char> = line
        .chars()
        .take(SCAN_CHARS)
        .filter(|c| !c.is_whitespace())
        .collect();
    (0..chars.len())
        .map(|i| fold_char(crate::text::variants::fold_script_at(&chars, i)))
        .collect()
}

/// Words that open a salutation: where an occasion line that runs on ends.
const SALUTATIONS: [&str; 6] = [
    "各位代表",
    "同志们",
    "各位委员",
    "同志们、朋友们",
    "女士们",
    "各位",
];

/// Cut a line that runs several header lines together into them: the
/// title (first line only) at the end of its kind, an occasion line before
/// the salutation, a salutation before the body. Pieces are trimmed
/// sub-slices of `line`; a line that needs no cut comes back whole.
fn split_run_in(line: &str, first: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    if first {
        if let Some(end) = run_in_title_end(rest) {
            // A short line is cut only where an occasion line follows.
            let occasion_follows =
                rest[end..].starts_with(|c: char| "—―-（(〇一二".contains(c) || c.is_ascii_digit());
            if !is_title(rest) || occasion_follows {
                out.push(rest[..end].trim());
                rest = rest[end..].trim_start();
            }
        }
    }
    // An occasion line (`——2025年1月20日在…上`) run on into the salutation.
    let occasion = rest.starts_with(|c: char| "—―-（(〇一二".contains(c) || c.is_ascii_digit());
    if occasion && !out.is_empty() {
        if let Some(at) = salutation_at(rest) {
            out.push(rest[..at].trim());
            rest = rest[at..].trim_start();
        }
    }
    // A salutation run on into the first sentence.
    if let Some(end) = salutation_end(rest) {
        if end < rest.len() {
            out.push(&rest[..end]);
            rest = rest[end..].trim_start();
        }
    }
    // A numbered heading run on after a sentence (`…请予审议。一、2024年工作
    // 回顾`): the review-heading rule reads headings as lines of their own.
    if let Some(at) = heading_after_sentence(rest) {
        out.push(&rest[..at]);
        rest = &rest[at..];
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out.retain(|p| !p.is_empty());
    out
}

/// Where a numbered heading (`一、`, `（一）`) or a review's opening
/// (`首先报告…`) starts right after a `。` in `line` (a byte offset), if one
/// does.
fn heading_after_sentence(line: &str) -> Option<usize> {
    line.match_indices('。').find_map(|(at, stop)| {
        let after = at + stop.len();
        if line[after..].starts_with("首先报告") {
            return Some(after);
        }
        let next: Vec<char> = line[after..].chars().take(4).collect();
        let from = usize::from(next.first().is_some_and(|c| "（(".contains(*c)));
        let (_, end) = cn_number(&next, from)?;
        let closes = if from == 1 { "）)" } else { "、" };
        next.get(end)
            .is_some_and(|c| closes.contains(*c))
            .then_some(after)
    })
}

/// Where a salutation starts within the first 120 characters of `line`
/// (a byte offset), if one does.
fn salutation_at(line: &str) -> Option<usize> {
    line.char_indices()
        .take(120)
        .map(|(at, _)| at)
        .find(|&at| salutation_end(&line[at..]).is_some())
}

/// Where a salutation at the start of `line` ends, after its `：`/`！`/`，`
/// (a byte offset): `各位代表：`, `同志们！`, `同志们、朋友们：`.
fn salutation_end(line: &str) -> Option<usize> {
    SALUTATIONS.iter().find_map(|s| {
        let after = line.strip_prefix(s)?;
        let close = after
            .char_indices()
            .take(8)
            .find(|(_, c)| "：:！!，,".contains(*c))?;
        let end = line.len() - after.len() + close.0 + close.1.len_utf8();
        is_salutation(&line[..end]).then_some(end)
    })
}

/// Where a title that runs into the body ends (a byte offset): after the
/// first kind word (讲话, 政府工作报告, 决议, …) in the first 60 characters
/// that nothing before it makes a sentence of and nothing after it
/// continues (`政府工作报告的决议` goes on to 决议; `报告会上` is no end).
fn run_in_title_end(line: &str) -> Option<usize> {
    const KINDS: [&str; 9] = [
        "政府工作报告",
        "工作报告",
        "讲话",
        "报告",
        "纪要",
        "通知",
        "决议",
        "意见",
        "方案",
    ];
    const GOES_ON: &str = "的之和与及、暨会稿精中上里";
    let raw: Vec<(usize, char)> = line.char_indices().take(TITLE_MAX_CHARS + 1).collect();
    let chars: Vec<char> = raw.iter().map(|(_, c)| *c).collect();
    let folded: Vec<char> = (0..chars.len())
        .map(|i| crate::text::variants::fold_script_at(&chars, i))
        .collect();
    for end in 4..=folded.len().min(TITLE_MAX_CHARS) {
        let before = &folded[..end];
        if before.iter().any(|c| "，。：；！？,.:;!?".contains(*c)) {
            return None;
        }
        let is_kind = KINDS.iter().any(|k| ends_with(before, k).is_some());
        let next = folded.get(end);
        if is_kind && next.is_some_and(|c| !GOES_ON.contains(*c)) {
            return raw.get(end).map(|(at, _)| *at);
        }
    }
    None
}

pub(super) fn contains_any(line: &[char], needles: &[&str]) -> bool {
    needles.iter().any(|n| find(line, n, 0).is_some())
}

pub(super) fn is_title(line: &str) -> bool {
    line.chars().count() <= TITLE_MAX_CHARS && !ends_with_any(line, "：:。！!？?；;，,")
}

pub(super) fn is_salutation(line: &str) -> bool {
    line.chars().count() <= 12 && ends_with_any(line, "：:！!，,")
}

pub(super) fn is_sentence(line: &str) -> bool {
    line.chars().count() > 80 || ends_with_any(line, "：:。！!？?；;，,…")
}

pub(super) fn ends_with_any(line: &str, set: &str) -> bool {
    line.chars().last().is_some_and(|c| set.contains(c))
}

pub(super) fn kind_in(title: &str) -> Option<String> {
    const KINDS: [&str; 9] = [
        "政府工作报告",
        "工作报告",
        "讲话",
        "报告",
        "纪要",
        "通知",
        "决议",
        "意见",
        "方案",
    ];
    let t = title.trim_end_matches(|c: char| c.is_whitespace() || "）)》」』”\"".contains(c));
    KINDS
        .iter()
        .find(|k| t.ends_with(*k))
        .or_else(|| KINDS.iter().find(|k| t.contains(*k)))
        .map(|k| k.to_string())
}

// --- Dates and years --------------------------------------------------------

pub(super) const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// Full-width digits to ASCII; a few traditional characters that the year
/// and region rules look for to simplified (old texts are partly traditional).
pub(super) fn fold_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '國' => '国',
        '會' => '会',
        '議' => '议',
        '屆' => '届',
        '們' => '们',
        '黨' => '党',
        '員' => '员',
        '務' => '务',
        '關' => '关',
        '於' => '于',
        '據' => '据',
        '來' => '来',
        '從' => '从',
        '間' => '间',
        c => c,
    }
}

pub(super) fn cn_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '○' | '零' | 'Ｏ' | 'O' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// `2017` at `i` (not preceded by a digit), in range.
pub(super) fn arabic_year(chars: &[char], i: usize) -> Option<i32> {
    if i > 0 && chars.get(i - 1).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits = chars.get(i..i + 4)?;
    if !digits.iter().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y = digits
        .iter()
        .fold(0, |y, c| y * 10 + c.to_digit(10).unwrap_or(0) as i32);
    YEARS.contains(&y).then_some(y)
}

/// `二〇一七` at `i` (not preceded by a numeral), in range.
pub(super) fn chinese_year(chars: &[char], i: usize) -> Option<i32> {
    if i > 0 && chars.get(i - 1).and_then(|c| cn_digit(*c)).is_some() {
        return None;
    }
    let digits = chars.get(i..i + 4)?;
    let mut y = 0;
    for c in digits {
        y = y * 10 + cn_digit(*c)? as i32;
    }
    YEARS.contains(&y).then_some(y)
}

/// A year at `i` in either script, and where it ends.
pub(super) fn year_at(chars: &[char], i: usize) -> Option<(i32, usize)> {
    arabic_year(chars, i)
        .or_else(|| chinese_year(chars, i))
        .map(|y| (y, i + 4))
}

/// A number of one or two digits at `i`, in either script (`12`, `十二`,
/// `二十四`), and where it ends.
pub(super) fn small_number(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let arabic: Vec<u32> = chars
        .get(i..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .filter_map(|c| c.to_digit(10))
        .collect();
    if !arabic.is_empty() {
        return (arabic.len() <= 2)
            .then(|| (arabic.iter().fold(0, |n, d| n * 10 + d), i + arabic.len()));
    }
    cn_number(chars, i).filter(|(n, _)| *n < 100)
}

/// A Chinese number below 100 at `i` (`九`, `十`, `十四`, `二十`, `二十一`).
pub(super) fn cn_number(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let digit = |j: usize| chars.get(j).and_then(|c| cn_digit(*c)).filter(|d| *d > 0);
    let ten = |j: usize| chars.get(j) == Some(&'十');
    match (digit(i), ten(i)) {
        (None, true) => match digit(i + 1) {
            Some(u) => Some((10 + u, i + 2)),
            None => Some((10, i + 1)),
        },
        (Some(t), _) if ten(i + 1) => match digit(i + 2) {
            Some(u) => Some((t * 10 + u, i + 3)),
            None => Some((t * 10, i + 2)),
        },
        (Some(u), _) => Some((u, i + 1)),
        (None, false) => None,
    }
}

/// The first full date in a line: `2017年2月24日`, `二〇一七年二月二十四日`,
/// `2017-02-24` (or `/`, `.`). Returns its year.
pub(super) fn full_date(chars: &[char]) -> Option<i32> {
    (0..chars.len()).find_map(|i| {
        let (y, after) = year_at(chars, i)?;
        let sep = *chars.get(after)?;
        let (m, d_at, day_end) = match sep {
            '年' => {
                let (m, end) = small_number(chars, after + 1)?;
                (chars.get(end) == Some(&'月')).then_some(())?;
                (m, end + 1, ['日', '号'])
            }
            '-' | '/' | '.' if chars[i].is_ascii_digit() => {
                let (m, end) = small_number(chars, after + 1)?;
                (chars.get(end) == Some(&sep)).then_some(())?;
                (m, end + 1, ['\0', '\0'])
            }
            _ => return None,
        };
        let (d, end) = small_number(chars, d_at)?;
        let closed = match chars.get(end) {
            Some(c) if day_end[0] != '\0' => day_end.contains(c),
            Some(c) => !c.is_ascii_digit(),
            None => day_end[0] == '\0',
        };
        ((1..=12).contains(&m) && (1..=31).contains(&d) && closed).then_some(y)
    })
}

/// The first `2025年` (or `二〇二五年`) in a line.
pub(super) fn bare_year(chars: &[char]) -> Option<i32> {
    (0..chars.len()).find_map(|i| {
        let (y, after) = year_at(chars, i)?;
        (chars.get(after) == Some(&'年')).then_some(y)
    })
}

/// Evidence from a short review heading, in the next year's report:
/// `一、2016年工作回顾`, `首先报告２００１年的工作`, `一、“十一五”时期…的回顾`
/// (the plan's last year + 1), or `一、去年工作回顾` followed by a line that
/// starts with the year (`2005年，…`). Also `刚刚过去的１９８４年` anywhere.
pub(super) fn review_year(line: &[char], next: Option<&Vec<char>>) -> Option<i32> {
    if let Some(y) = (0..line.len()).find_map(|i| {
        let at = starts_with(line, i, "过去的")?;
        let (y, after) = year_at(line, at)?;
        (line.get(after) == Some(&'年')).then_some(y + 1)
    }) {
        return Some(y);
    }
    let heading = line.len() <= 40;
    let reviews = find(line, "回顾", 0).is_some();
    if !heading || !(reviews || starts_with(line, 0, "首先报告").is_some()) {
        return None;
    }
    if let Some(y) = bare_year(line) {
        return Some(y + 1);
    }
    if !reviews {
        return None;
    }
    if let Some(end) = (0..line.len()).find_map(|i| plan_at(line, i)) {
        return Some(end + 1);
    }
    let next = next?;
    let (y, after) = year_at(next, 0)?;
    (next.get(after) == Some(&'年')).then_some(y + 1)
}

/// `“十一五”` (or `九五时期`, `六五计划`) at `i`: the last year of that
/// five-year plan.
pub(super) fn plan_at(chars: &[char], i: usize) -> Option<i32> {
    // Traditional texts quote with 「」 and 『』.
    let quoted = matches!(chars.get(i), Some('“' | '"' | '「' | '『'));
    let from = if quoted { i + 1 } else { i };
    if !quoted && i > 0 {
        return None;
    }
    let (n, end) = cn_number(chars, from)?;
    let end = starts_with(chars, end, "五")?;
    let closed = matches!(chars.get(end), Some('”' | '"' | '」' | '』'))
        || ["时期", "计划", "规划"]
            .iter()
            .any(|w| starts_with(chars, end, w).is_some());
    if !closed {
        return None;
    }
    // 1953–57, 1958–62, then (after 1963–65) 1966–70, 1971–75, …
    let start = match n {
        1 => 1953,
        2 => 1958,
        3..=30 => 1966 + 5 * (n as i32 - 3),
        _ => return None,
    };
    Some(start + 4)
}

/// The year of a session the text was delivered at, from the first
/// reference in the line that says so (see [`guess_from_text`]).
pub(super) fn session_year(chars: &[char]) -> Option<i32> {
    (0..chars.len()).find_map(|i| {
        if let Some((term, session, end)) = npc_at(chars, i) {
            return npc_evidence(chars, i, term, session, end);
        }
        if let Some((start, n, end, by_full_name)) = cpc_at(chars, i) {
            let before = context_before(chars, start);
            let delivered = ["向", "在"].iter().any(|w| ends_with(&before, w).is_some())
                || (before.is_empty() && by_full_name);
            return (delivered && !referred_after(chars, end))
                .then(|| cpc_year(n))
                .flatten();
        }
        let (year, end) = committee_at(chars, i)?;
        (!referred_after(chars, end)).then_some(year)
    })
}

/// What an NPC session reference at `start..end` says about the year:
/// - `…第N届…期间`, or its first session `…以来的五年` / `从…，到…五年`: a
///   review of the whole term, at the first session of the next one;
/// - `去年…第N届…第M次会议`: the year after that session;
/// - delivered there (`向…`, `在…`, `我们…`, or at the start of the line
///   followed by `关于`, `听取`, `审议`, `通过`): that session's year;
/// - otherwise (`根据…的决议`, `…闭幕以来`) nothing.
pub(super) fn npc_evidence(
    chars: &[char],
    start: usize,
    term: u32,
    session: Option<u32>,
    end: usize,
) -> Option<i32> {
    let before = context_before(chars, start);
    let after = |w: &str| starts_with(chars, end, w).is_some();
    let whole_term = after("期间")
        || (session == Some(1)
            && find(chars, "五年", end).is_some()
            && (after("以来") || ends_with(&before, "从").is_some()));
    if whole_term {
        return npc_year(term + 1, Some(1));
    }
    let tail = before.len().saturating_sub(6);
    if find(&before, "去年", tail).is_some() {
        return npc_year(term, session).map(|y| y + 1);
    }
    if referred_after(chars, end) {
        return None;
    }
    let delivered = ["向", "在", "我们"]
        .iter()
        .any(|w| ends_with(&before, w).is_some())
        || (before.is_empty() && ["关于", "听取", "审议", "通过"].iter().any(|w| after(w)));
    if delivered {
        npc_year(term, session)
    } else {
        None
    }
}

/// The line before `start`, without quotes and dashes (occasion lines start
/// with `——`, resolutions' dates sit in `（…）`).
pub(super) fn context_before(chars: &[char], start: usize) -> Vec<char> {
    chars
        .get(..start)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|c| !"——-―（(“\"《「『".contains(*c))
        .collect()
}

/// `第十届全国人民代表大会第五次会议` (`第` and the session are optional):
/// term, session and where the reference ends.
pub(super) fn npc_at(chars: &[char], i: usize) -> Option<(u32, Option<u32>, usize)> {
    let (term, mut j) = ordinal(chars, i, "届")?;
    j = starts_with(chars, j, "全国人民代表大会")?;
    let mut session = None;
    if let Some((s, k)) = ordinal(chars, j, "次") {
        if let Some(k) = starts_with(chars, k, "会议") {
            session = Some(s);
            j = k;
        }
    }
    Some((term, session, j))
}

/// `中国共产党第九次全国代表大会`, `党的第十二次全国代表大会`: where the
/// party's name starts, the congress, where it ends, and whether the party
/// was named in full.
pub(super) fn cpc_at(chars: &[char], i: usize) -> Option<(usize, u32, usize, bool)> {
    let before = chars.get(..i)?;
    let (start, full) = match ends_with(before, "中国共产党") {
        Some(s) => (s, true),
        None => (ends_with(before, "党的")?, false),
    };
    let (n, j) = ordinal(chars, i, "次")?;
    let j = starts_with(chars, j, "全国代表大会")?;
    Some((start, n, j, full))
}

/// `受十二届中央委员会委托`, `代表中国共产党第十一届中央委员会`: the outgoing
/// Central Committee reports to the next congress. Its year and where the
/// reference ends.
pub(super) fn committee_at(chars: &[char], i: usize) -> Option<(i32, usize)> {
    let (n, j) = ordinal(chars, i, "届")?;
    let j = starts_with(chars, j, "中央委员会")?;
    let before = chars.get(..i)?;
    let start = ends_with(before, "中国共产党").unwrap_or(i);
    let by = chars.get(..start)?;
    (ends_with(by, "受").is_some() || ends_with(by, "代表").is_some()).then_some(())?;
    Some((cpc_year(n + 1)?, j))
}

/// `第十四届` / `十四届` / `第九次` at `i` (not the tail of a longer
/// number): the number and where the unit ends.
pub(super) fn ordinal(chars: &[char], i: usize, unit: &str) -> Option<(u32, usize)> {
    let j = if chars.get(i) == Some(&'第') {
        i + 1
    } else {
        i
    };
    let continues = |c: &char| cn_digit(*c).is_some() || *c == '十' || *c == '第';
    if j == i && i > 0 && chars.get(i - 1).is_some_and(continues) {
        return None;
    }
    let (n, end) = cn_number(chars, j).or_else(|| small_number(chars, j))?;
    Some((n, starts_with(chars, end, unit)?))
}

/// Words after a session reference that make it a reference back in time.
pub(super) fn referred_after(chars: &[char], end: usize) -> bool {
    ["以来", "闭幕", "期间", "的决议", "精神", "批准", "到现在"]
        .iter()
        .any(|w| starts_with(chars, end, w).is_some())
}

/// The year of session `session` (1 if not given) of the `term`th NPC.
pub(super) fn npc_year(term: u32, session: Option<u32>) -> Option<i32> {
    const EARLY: [&[i32]; 5] = [
        &[1954, 1955, 1956, 1957, 1958],
        &[1959, 1960, 1962, 1963],
        &[1964],
        &[1975],
        &[1978, 1979, 1980, 1981, 1982],
    ];
    let s = session.unwrap_or(1);
    if s == 0 {
        return None;
    }
    match term {
        1..=5 => EARLY
            .get(term as usize - 1)
            .and_then(|years| years.get(s as usize - 1))
            .copied(),
        6..=20 if s <= 5 => Some(1983 + 5 * (term as i32 - 6) + s as i32 - 1),
        _ => None,
    }
}

/// The year of the `n`th National Congress of the CPC.
pub(super) fn cpc_year(n: u32) -> Option<i32> {
    const EARLY: [i32; 12] = [
        1921, 1922, 1923, 1925, 1927, 1928, 1945, 1956, 1969, 1973, 1977, 1982,
    ];
    match n {
        1..=12 => EARLY.get(n as usize - 1).copied(),
        13..=30 => Some(1987 + 5 * (n as i32 - 13)),
        _ => None,
    }
}

// --- Char-slice helpers -------------------------------------------------------

/// Where `needle` ends if `chars[i..]` starts with it.
pub(super) fn starts_with(chars: &[char], i: usize, needle: &str) -> Option<usize> {
    let mut j = i;
    for n in needle.chars() {
        (chars.get(j) == Some(&n)).then_some(())?;
        j += 1;
    }
    Some(j)
}

/// Where `needle` starts if `chars` ends with it.
pub(super) fn ends_with(chars: &[char], needle: &str) -> Option<usize> {
    let n = needle.chars().count();
    let start = chars.len().checked_sub(n)?;
    starts_with(chars, start, needle).map(|_| start)
}

/// The first occurrence of `needle` at or after `from`.
pub(super) fn find(chars: &[char], needle: &str, from: usize) -> Option<usize> {
    (from..chars.len()).find(|&i| starts_with(chars, i, needle).is_some())
}
