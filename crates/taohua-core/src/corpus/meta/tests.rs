//! Tests of metadata resolution, over written examples and the shared corpus.

use super::front_matter::FrontMatter;
use super::gazetteer::{short_forms, GAZETTEER};
use super::text::{kind_in, TextGuess, NATIONAL};
use super::*;

/// The shared corpus, when present: (file name, text).
fn corpus_files() -> Vec<(String, String)> {
    let Ok(dir) = std::fs::read_dir("../shared/corpus") else {
        return Vec::new();
    };
    let mut files: Vec<(String, String)> = dir
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .filter_map(|n| {
            let text = std::fs::read_to_string(format!("../shared/corpus/{n}")).ok()?;
            Some((n, text))
        })
        .collect();
    files.sort();
    files
}

fn guess(text: &str) -> TextGuess {
    guess_from_text(text)
}

#[test]
fn sources_serialise_in_kebab_case() {
    let json = serde_json::to_string(&[
        Source::Manifest,
        Source::FrontMatter,
        Source::FileName,
        Source::Text,
    ])
    .unwrap();
    assert_eq!(json, r#"["manifest","front-matter","file-name","text"]"#);
    assert!(Source::Text.guessed());
    assert!(!Source::Manifest.guessed() && !Source::FileName.guessed());
}

// --- Manifest ---

/// The header of the shared corpus's MANIFEST.tsv, with invented rows.
const CORPUS_STYLE_TSV: &str = "file\tyear\tregion\tkind\tsource_repo\tsource_path\tchars\n\
    2031_青川省_政府工作报告.txt\t2031\t青川省\t政府工作报告\texample/repo\tdocs/a.docx\t12345\n\
    2032_全国_决议.txt\t2032\t全国\t决议\texample/repo\tx.jsonl#决议\t880\n\
    \n\
    2033_广西_讲话.txt\t\t广西\t讲话\texample/repo\tb.txt\t99\n";

#[test]
fn manifest_reads_the_corpus_header() {
    let m = Manifest::parse(CORPUS_STYLE_TSV).unwrap();
    assert_eq!(m.rows().len(), 3);
    let row = m.get("2031_青川省_政府工作报告.txt").unwrap();
    assert_eq!(row.year, Some(2031));
    assert_eq!(row.region.as_deref(), Some("青川省"));
    assert_eq!(row.kind.as_deref(), Some("政府工作报告"));
    assert_eq!(row.line, 2);
    // By path: the final component matches.
    let row = m.get("/data/corpus/2032_全国_决议.txt").unwrap();
    assert_eq!(row.year, Some(2032));
    // Empty cells are absent; the blank line is skipped but counted.
    let row = m.get("2033_广西_讲话.txt").unwrap();
    assert_eq!((row.year, row.line), (None, 5));
    assert!(m.get("nope.txt").is_none());
}

#[test]
fn manifest_encoding_column_is_checked_and_optional() {
    let m = Manifest::parse("file,encoding\nold.txt,Big5\nnew.txt,\n").unwrap();
    assert_eq!(m.get("old.txt").unwrap().encoding.as_deref(), Some("Big5"));
    assert_eq!(m.get("new.txt").unwrap().encoding, None);
    assert!(matches!(
        Manifest::parse("file\tyear\tencoding\na.txt\t2020\tbig6\n"),
        Err(MetaError::ManifestEncoding { line: 2, ref value }) if value == "big6"
    ));
}

#[test]
fn manifest_reads_csv_with_quotes_in_any_column_order() {
    let csv = "Kind,FILE,Title,Year,notes\r\n\
        讲话,a.txt,\"在全市大会上的讲话，二\",2017,\"say \"\"hi\"\"\"\r\n\
        报告,\"b, c.txt\",\"两行\n标题\",,\r\n\
        决议,d.txt,,\"2019\",\r\n";
    let m = Manifest::parse(csv).unwrap();
    let a = m.get("a.txt").unwrap();
    assert_eq!(a.kind.as_deref(), Some("讲话"));
    assert_eq!(a.title.as_deref(), Some("在全市大会上的讲话，二"));
    assert_eq!(a.year, Some(2017));
    let b = m.get("b, c.txt").unwrap();
    assert_eq!(b.title.as_deref(), Some("两行\n标题"));
    assert_eq!(b.year, None);
    // The quoted line break moves d.txt to line 5.
    assert_eq!(m.get("d.txt").unwrap().line, 5);
    assert_eq!(m.get("d.txt").unwrap().year, Some(2019));
}

#[test]
fn manifest_matches_relative_paths() {
    let tsv = "file\tyear\n2024/a.txt\t2024\n2025/a.txt\t2025\nb.txt\t2001\n./sub/c.txt\t2002\n";
    let m = Manifest::parse(tsv).unwrap();
    assert_eq!(m.get("2024/a.txt").unwrap().year, Some(2024));
    assert_eq!(
        m.get("/home/me/corpus/2025/a.txt").unwrap().year,
        Some(2025)
    );
    // Two rows end in a.txt: a bare name cannot choose.
    assert!(m.get("a.txt").is_none());
    assert_eq!(m.get("elsewhere/b.txt").unwrap().year, Some(2001));
    assert_eq!(m.get("c.txt").unwrap().year, Some(2002));
    assert_eq!(m.get("sub\\c.txt").unwrap().year, Some(2002));
}

#[test]
fn manifest_errors_name_the_line_and_the_fix() {
    let err = |text: &str| Manifest::parse(text).unwrap_err().to_string();
    let e = err("file\tyear\tregion\na.txt\t2017\n");
    assert!(
        e.contains("line 2") && e.contains("2 columns") && e.contains("has 3"),
        "{e}"
    );
    assert!(e.contains("tab"), "{e}");
    let e = err("file,year\na.txt,2017\nb.txt,17年\n");
    assert!(
        e.contains("line 3") && e.contains("17年") && e.contains("four digits"),
        "{e}"
    );
    let e = err("file,year\na.txt,1850\n");
    assert!(e.contains("1850"), "{e}");
    let e = err("name\tyear\na.txt\t2017\n");
    assert!(
        e.contains("no `file` column") && e.contains("name, year"),
        "{e}"
    );
    let e = err("file\tsource_repo\na.txt\tx\n");
    assert!(e.contains("none of `year`, `region`, `kind`"), "{e}");
    let e = err("file\tyear\na.txt\t2017\nsub/../a.txt\t2018\n./a.txt\t2019\n");
    assert!(e.contains("line 4") && e.contains("line 2"), "{e}");
    let e = err("file,region\na.txt,\"安徽\n");
    assert!(e.contains("line 2") && e.contains("never closed"), "{e}");
    let e = err("file,region\na.txt,\"安徽\"省\n");
    assert!(e.contains("line 2") && e.contains("closing"), "{e}");
    let e = err("file,year,YEAR\n");
    assert!(e.contains("`year` twice"), "{e}");
    let e = err("file\tyear\n\tyear\n");
    assert!(e.contains("line 2") && e.contains("empty"), "{e}");
    assert!(matches!(
        Manifest::parse("\n  \n"),
        Err(MetaError::ManifestEmpty)
    ));
}

// --- Front matter ---

#[test]
fn front_matter_yaml_is_read_and_skipped() {
    let text = "---\ntitle: \"在全市科协工作会议上的讲话\"\nYear: 2017\nregion: 合肥\nkind: '讲话' # by hand\ntags: [a, b]\n---\n正文第一行\n";
    let fm = front_matter(text).unwrap();
    assert_eq!(fm.title.as_deref(), Some("在全市科协工作会议上的讲话"));
    assert_eq!(fm.year, Some(2017));
    assert_eq!(fm.region.as_deref(), Some("合肥"));
    assert_eq!(fm.kind.as_deref(), Some("讲话"));
    let rest: String = text.chars().skip(fm.end_char).collect();
    assert_eq!(rest, "正文第一行\n");
    // The text guess starts after the block.
    assert_eq!(guess(text).title.as_deref(), Some("正文第一行"));
}

#[test]
fn front_matter_toml_bom_crlf_and_dates() {
    let text =
        "\u{feff}+++\r\ntitle = \"政府工作报告\"\r\ndate = 2024-03-05\r\n+++\r\n各位代表：\r\n";
    let fm = front_matter(text).unwrap();
    assert_eq!(fm.title.as_deref(), Some("政府工作报告"));
    assert_eq!(fm.year, Some(2024));
    let rest: String = text.chars().skip(fm.end_char).collect();
    assert_eq!(rest, "各位代表：\r\n");
    // An explicit year beats a date, in either order.
    let fm = front_matter("---\nyear: 二〇一七年\ndate: 2018-01-01\n---\n").unwrap();
    assert_eq!(fm.year, Some(2017));
    assert_eq!(
        fm.end_char,
        "---\nyear: 二〇一七年\ndate: 2018-01-01\n---\n"
            .chars()
            .count()
    );
    // Closed by `...`; at the end of the text without a line break.
    let fm = front_matter("---\nkind: 通知\n...").unwrap();
    assert_eq!((fm.kind.as_deref(), fm.end_char), (Some("通知"), 16));
}

#[test]
fn no_front_matter_unless_closed_and_at_the_top() {
    assert!(front_matter("---\ntitle: x\n正文\n").is_none());
    assert!(front_matter("标题\n---\ntitle: x\n---\n").is_none());
    assert!(front_matter("----\nx\n----\n").is_none());
    assert!(front_matter("").is_none());
    let fm = front_matter("---\n---\n正文").unwrap();
    assert_eq!(
        fm,
        FrontMatter {
            end_char: 8,
            ..FrontMatter::default()
        }
    );
}

// --- File names ---

#[test]
fn default_name_pattern() {
    let p = NamePattern::default();
    assert_eq!(p, NamePattern::parse(DEFAULT_NAME_PATTERN).unwrap());
    let f = p.matches("2026_安徽省_政府工作报告").unwrap();
    assert_eq!(f.year, Some(2026));
    assert_eq!(f.region.as_deref(), Some("安徽省"));
    assert_eq!(f.kind.as_deref(), Some("政府工作报告"));
    // The earliest split wins; the last field takes the rest.
    let f = p.matches("2024_青川市_科协_讲话").unwrap();
    assert_eq!(f.kind.as_deref(), Some("科协_讲话"));
    assert!(p.matches("1899_安徽省_报告").is_none());
    assert!(p.matches("20x4_安徽省_报告").is_none());
    assert!(p.matches("2024_安徽省").is_none());
    assert!(p.matches("2024__报告").is_none());
    assert!(p.matches("speech").is_none());
}

#[test]
fn custom_name_patterns() {
    let p = NamePattern::parse("{region}-{year}-{kind}").unwrap();
    let f = p.matches("合肥市-2023-讲话").unwrap();
    assert_eq!((f.year, f.region.as_deref()), (Some(2023), Some("合肥市")));
    // A region containing the separator: the year must fit, so the split moves on.
    let f = p.matches("黔东南-州-2023-讲话").unwrap();
    assert_eq!(f.region.as_deref(), Some("黔东南-州"));
    let p = NamePattern::parse("doc {_} ({year}) {title}").unwrap();
    let f = p.matches("doc 17 (2019) 在大会上的讲话").unwrap();
    assert_eq!(f.year, Some(2019));
    assert_eq!(f.title.as_deref(), Some("在大会上的讲话"));
    assert_eq!(f.region, None);
    assert!(p.matches("doc 17 2019 x").is_none());
    assert_eq!(p.as_str(), "doc {_} ({year}) {title}");
}

#[test]
fn bad_name_patterns_say_what_to_fix() {
    let err = |p: &str| NamePattern::parse(p).unwrap_err().to_string();
    assert!(err("{year}{region}").contains("touch"));
    assert!(err("{year}_{place}").contains("{place}"));
    assert!(err("{year}_{region").contains("never closed"));
    assert!(err("{year}_region}").contains("without its"));
    assert!(err("{year}_{year}").contains("twice"));
    assert!(err("{_}-{_}").contains("no field"));
    assert!(err("report").contains("no field"));
    assert!(matches!(
        NamePattern::parse(" "),
        Err(MetaError::PatternEmpty)
    ));
    assert!(NamePattern::parse("{_}-{_}-{year}").is_ok());
}

// --- Years from the text ---

#[test]
fn dates_in_the_header_in_any_script() {
    let y = |t: &str| guess(t).year;
    assert_eq!(
        y("政府工作报告\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n各位代表：\n"),
        Some(2017)
    );
    assert_eq!(
        y("政府工作报告\n——二〇一七年二月二十四日在市人大会议上\n各位代表：\n"),
        Some(2017)
    );
    assert_eq!(
        y("关于政府工作报告的决议\n（2020年5月28日第十三届全国人民代表大会第三次会议通过）\n"),
        Some(2020)
    );
    assert_eq!(y("讲话稿\n2017-02-24\n同志们：\n"), Some(2017));
    assert_eq!(y("讲话稿\n２０１７年２月２４日\n同志们：\n"), Some(2017));
    assert_eq!(y("讲话稿\n1 9 9 3 年3 月1 日\n同志们：\n"), Some(1993));
    assert_eq!(y("讲话稿\n一九五八年十二月一日\n同志们：\n"), Some(1958));
    // A date beats a bare year in the header; a bare year counts there.
    assert_eq!(
        y("关于2024年工作的报告\n——2025年1月8日\n各位代表：\n"),
        Some(2025)
    );
    assert_eq!(y("2025年上海市政府工作报告\n各位代表：\n"), Some(2025));
    // Not dates: month 13, a longer number, bare years in the body.
    assert_eq!(y("讲话\n2017年13月1日\n同志们：\n"), Some(2017));
    assert_eq!(y("各位代表：\n12017年3月5日。\n"), None);
    assert_eq!(
        y("各位代表：\n我国在一九四九年至一九五二年迅速地完成了任务。\n"),
        None
    );
    // A full date in the body is the weakest evidence, but counts.
    assert_eq!(
        y("各位代表：\n2025年1月19日在江苏省第十四届人民代表大会第三次会议上作报告。\n"),
        Some(2025)
    );
}

#[test]
fn sessions_the_text_was_delivered_at() {
    let y = |t: &str| guess(t).year;
    assert_eq!(
        y("第十届全国人民代表大会第五次会议关于政府工作报告的决议\n"),
        Some(2007)
    );
    assert_eq!(
        y("第二届全国人民代表大会第三次会议关于政府工作报告的决议\n"),
        Some(1962)
    );
    assert_eq!(
        y("各位代表：\n我代表国务院向第一届全国人民代表大会第五次会议，提出报告。\n"),
        Some(1958)
    );
    assert_eq!(y("各位代表！\n根据中共中央的决定，我代表国务院，向第四届全国人民代表大会作政府工作报告。\n"), Some(1975));
    assert_eq!(
        y("同志们！\n中国共产党第九次全国代表大会，将是一次有深远影响的代表大会。\n"),
        Some(1969)
    );
    assert_eq!(
        y("同志们：\n我代表中国共产党第十一届中央委员会，向党的第十二次全国代表大会作报告。\n"),
        Some(1982)
    );
    assert_eq!(
        y("同志们：\n我受十二届中央委员会委托，向大会作报告。\n"),
        Some(1987)
    );
    // Referred back to: not the year of the text.
    assert_eq!(
        y("各位代表：\n根据一九八三年六月第六届全国人民代表大会第一次会议的决议，各级政府……。\n"),
        None
    );
    assert_eq!(
        y("各位代表：\n第五届全国人民代表大会第二次会议，号召全国各族人民……。\n"),
        None
    );
    assert_eq!(
        y("同志们：\n党的第十二次全国代表大会，坚持和发展了……。\n"),
        None
    );
    // A review of the whole term is given at the next term's first session.
    assert_eq!(
        y("各位代表：\n第十一届全国人民代表大会第一次会议以来的五年，是极不平凡的五年。\n"),
        Some(2013)
    );
    assert_eq!(
        y("各位代表！\n第六届全国人民代表大会期间，国务院……。\n"),
        Some(1988)
    );
    // "Since last year's session": the year after it.
    assert_eq!(
        y("各位代表：\n从去年９月第五届全国人民代表大会第三次会议到现在，已经过去了一年。\n"),
        Some(1981)
    );
}

#[test]
fn review_headings_date_the_next_year() {
    let y = |t: &str| guess(t).year;
    assert_eq!(
        y("各位代表：\n现在，我代表国务院向大会作报告。\n一、2016年工作回顾\n"),
        Some(2017)
    );
    assert_eq!(
        y("各位代表：\n现在……。\n一、１９９３年国内工作的回顾和１９９４年工作的基本方针\n"),
        Some(1994)
    );
    assert_eq!(
        y("各位代表：\n现在……。\n首先报告２００１年的工作\n"),
        Some(2002)
    );
    assert_eq!(
        y("各位代表：\n现在……。\n一、“十一五”时期国民经济和社会发展的回顾\n"),
        Some(2011)
    );
    assert_eq!(
        y("各位代表：\n现在……。\n一、“六五”计划执行情况的回顾\n"),
        Some(1986)
    );
    assert_eq!(y("各位代表：\n现在……。\n一、去年工作回顾\n2005年，我国社会主义现代化事业取得显著成就。\n"), Some(2006));
    assert_eq!(
        y("各位代表：\n刚刚过去的１９８４年，是取得重大成就的一年。\n"),
        Some(1985)
    );
    // A long body sentence with a year and 回顾 is not a heading.
    assert_eq!(y("各位代表：\n回顾2016年，我们在以习近平同志为核心的党中央坚强领导下，攻坚克难，取得了很大的成绩。\n"), None);
}

// --- Regions from the text ---

#[test]
fn regions_from_the_header() {
    let r = |t: &str| guess(t).region;
    assert_eq!(
        r("2025年安徽省政府工作报告\n各位代表：\n").as_deref(),
        Some("安徽省")
    );
    assert_eq!(
        r("2025年广西政府工作报告\n各位代表：\n").as_deref(),
        Some("广西壮族自治区")
    );
    assert_eq!(
        r("2025年新疆政府工作报告\n").as_deref(),
        Some("新疆维吾尔自治区")
    );
    assert_eq!(
        r("北京科协工作会议讲话\n同志们：\n").as_deref(),
        Some("北京市")
    );
    assert_eq!(
        r("内蒙古自治区政府工作报告\n").as_deref(),
        Some("内蒙古自治区")
    );
    // A prefecture beats its province; short forms of both.
    assert_eq!(r("安徽省合肥市科协工作报告\n").as_deref(), Some("合肥市"));
    assert_eq!(r("在合肥科协大会上的讲话\n").as_deref(), Some("合肥市"));
    assert_eq!(
        r("黔东南州科协工作会议讲话\n").as_deref(),
        Some("黔东南苗族侗族自治州")
    );
    assert_eq!(
        r("在黔东南苗族侗族自治州人大会议上的讲话\n").as_deref(),
        Some("黔东南苗族侗族自治州")
    );
    // The title decides before the occasion line.
    assert_eq!(
        r("安徽省科协年会讲话\n——2023年5月在合肥市\n同志们：\n").as_deref(),
        Some("安徽省")
    );
    // 吉林 alone is the province; 吉林市 the city.
    assert_eq!(r("吉林省政府工作报告\n").as_deref(), Some("吉林省"));
    assert_eq!(r("吉林市政府工作报告\n").as_deref(), Some("吉林市"));
    assert_eq!(r("吉林政府工作报告\n").as_deref(), Some("吉林省"));
    // Longest name first, left to right: 浙江西部 is 浙江, not 江西.
    assert_eq!(r("浙江西部山区发展报告\n").as_deref(), Some("浙江省"));
}

#[test]
fn words_that_contain_a_place_are_not_the_place() {
    let r = |t: &str| guess(t).region;
    assert_eq!(r("在中山大学校庆大会上的讲话\n"), None);
    assert_eq!(r("纪念孙中山先生诞辰大会上的讲话\n"), None);
    assert_eq!(r("长白山保护工作会议纪要\n"), None);
    assert_eq!(r("在朝阳区科协大会上的讲话\n"), None);
    assert_eq!(r("祝大家幸福安康\n"), None);
    // The full name still counts.
    assert_eq!(r("中山市政府工作报告\n").as_deref(), Some("中山市"));
    assert_eq!(r("安康市政府工作报告\n").as_deref(), Some("安康市"));
    assert_eq!(r("合肥区域发展报告\n").as_deref(), Some("合肥市"));
}

#[test]
fn national_documents() {
    let r = |t: &str| guess(t).region;
    assert_eq!(
        r("第十届全国人民代表大会第五次会议关于政府工作报告的决议\n").as_deref(),
        Some(NATIONAL)
    );
    assert_eq!(
        r("政府工作报告\n——2017年3月5日\n国务院总理李克强\n各位代表：\n").as_deref(),
        Some(NATIONAL)
    );
    assert_eq!(r("关于学习党中央精神的通知\n").as_deref(), Some(NATIONAL));
    assert_eq!(
        r("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n").as_deref(),
        Some(NATIONAL)
    );
    assert_eq!(
        r("各位代表：\n我們第一届全國人民代表大會第一次會議，……。\n").as_deref(),
        Some(NATIONAL)
    );
    // Local documents mention 党中央 and 国务院 all the time.
    assert_eq!(
        r("同志们：\n我们要坚决贯彻党中央、国务院决策部署。\n"),
        None
    );
    // A full name in the opening sentence; short forms there do not count.
    assert_eq!(
        r("同志们：\n今天，我们召开合肥市科协工作会议。\n").as_deref(),
        Some("合肥市")
    );
    assert_eq!(r("同志们：\n今天，我们召开合肥科协工作会议。\n"), None);
    // A local header wins over national words in the body.
    assert_eq!(
        r("2025年上海市政府工作报告\n各位代表：\n我代表国务院……\n").as_deref(),
        Some("上海市")
    );
}

// --- Titles and kinds ---

#[test]
fn title_and_kind() {
    let g = guess("在全市科协工作会议上的讲话\n——2023年2月16日\n同志们：\n");
    assert_eq!(g.title.as_deref(), Some("在全市科协工作会议上的讲话"));
    assert_eq!(g.kind.as_deref(), Some("讲话"));
    assert_eq!(guess("各位代表！\n现在……\n").title, None);
    assert_eq!(guess("同志们：\n今天开会。\n").title, None);
    assert_eq!(guess(&format!("{}\n", "很长的标题".repeat(13))).title, None);
    let kind = |t: &str| kind_in(t);
    assert_eq!(
        kind("2025年上海市政府工作报告").as_deref(),
        Some("政府工作报告")
    );
    assert_eq!(
        kind("第十届全国人民代表大会第五次会议关于政府工作报告的决议").as_deref(),
        Some("决议")
    );
    assert_eq!(kind("关于印发《实施方案》的通知").as_deref(), Some("通知"));
    assert_eq!(
        kind("省政府关于加快发展的若干意见（试行）").as_deref(),
        Some("意见")
    );
    assert_eq!(kind("科协工作报告摘要").as_deref(), Some("工作报告"));
    assert_eq!(kind("春节团拜会致辞"), None);
}

// --- Messy tops (issue 17) ---

#[test]
fn a_title_that_runs_into_the_body_is_cut_at_its_kind() {
    let g = guess("2024年科协工作安排部署会讲话同志们：今天我们召开全市科协工作会议，总结去年工作，安排部署今年任务。\n");
    assert_eq!(g.title.as_deref(), Some("2024年科协工作安排部署会讲话"));
    assert_eq!((g.year, g.kind.as_deref()), (Some(2024), Some("讲话")));
    // The title, the occasion and the speaker on one line.
    let g = guess("2025年青川省政府工作报告——2025年1月20日在青川省第十四届人民代表大会第三次会议上省长 某某\n各位代表：\n");
    assert_eq!(g.title.as_deref(), Some("2025年青川省政府工作报告"));
    assert_eq!(g.kind.as_deref(), Some("政府工作报告"));
    // A resolution's title goes on past 政府工作报告 to 决议.
    let g = guess("第十届全国人民代表大会第五次会议关于政府工作报告的决议第十届全国人民代表大会第五次会议听取和审议了国务院总理所作的政府工作报告。\n");
    assert_eq!(
        g.title.as_deref(),
        Some("第十届全国人民代表大会第五次会议关于政府工作报告的决议")
    );
    assert_eq!((g.year, g.kind.as_deref()), (Some(2007), Some("决议")));
    // A report's review heading run on after the first sentence.
    let g =
        guess("各位代表：现在，我代表国务院，向大会报告政府工作，请予审议。一、2024年工作回顾\n");
    assert_eq!((g.title, g.year), (None, Some(2025)));
    // Words after a kind that continue the title are not an end.
    let g = guess("在工作报告会上的讲话同志们：今天开会。\n");
    assert_eq!(g.title.as_deref(), Some("在工作报告会上的讲话"));
}

#[test]
fn site_furniture_is_never_a_title() {
    let g = guess("您好,欢迎访问某某文库\n当前位置：首页 > 讲话稿\n文档贡献者：某某\nXX书记在全市科协工作会议上的讲话\n——2023年2月16日\n同志们：\n");
    assert_eq!(g.title.as_deref(), Some("XX书记在全市科协工作会议上的讲话"));
    assert_eq!((g.year, g.kind.as_deref()), (Some(2023), Some("讲话")));
}

#[test]
fn traditional_titles_fold_before_the_kind_is_read() {
    let g = guess("在全市科協工作會議上的講話\n——二〇二三年二月十六日\n同志們：\n");
    assert_eq!(g.title.as_deref(), Some("在全市科協工作會議上的講話"));
    assert_eq!((g.year, g.kind.as_deref()), (Some(2023), Some("讲话")));
    // A plan quoted 「九五」 in traditional texts, as “九五” in simplified ones.
    let g = guess("各位代表：\n從今年開始，我國將實施新的五年計劃。\n一、「九五」時期國民經濟和社會發展的回顧\n");
    assert_eq!(g.year, Some(2001));
    let g = guess("第十屆全國人民代表大會第五次會議關於政府工作報告的決議\n");
    assert_eq!((g.year, g.kind.as_deref()), (Some(2007), Some("决议")));
}

#[test]
fn without_a_title_the_opening_says_the_kind() {
    let g = guess("各位代表：\n现在，我代表国务院，向大会报告过去五年政府工作，请予审议。\n");
    assert_eq!(g.kind.as_deref(), Some("政府工作报告"));
    let g = guess("同志们：\n今天召开这次会议，很有必要。下面，我讲三点意见。\n");
    assert_eq!(g.kind.as_deref(), Some("讲话"));
    let g = guess("同志们：\n刚才，会议审议通过了政府工作报告。\n");
    assert_eq!(g.kind, None);
}

#[test]
fn one_enormous_line_is_cheap() {
    let text = "同志们：今天我们召开会议。".repeat(100_000);
    let start = std::time::Instant::now();
    let g = guess(&text);
    assert_eq!((g.title, g.year), (None, None));
    assert!(start.elapsed().as_secs() < 2);
}

// --- resolve ---

#[test]
fn resolve_takes_each_field_from_the_most_trusted_source() {
    let manifest = Manifest::parse("file\tregion\n2019_合肥_讲话.txt\t安徽\n").unwrap();
    let text = "---\nkind: 纪要\n---\n2020年青川市会议讲话\n——二〇二一年三月一日在市人大会议上\n同志们：\n";
    let meta = resolve(
        "in/2019_合肥_讲话.txt",
        text,
        Some(&manifest),
        &NamePattern::default(),
    );
    // Manifest region (canonicalised), front-matter kind, file-name year.
    assert_eq!(
        meta.region,
        Some(Field {
            value: "安徽省".to_string(),
            source: Source::Manifest
        })
    );
    assert_eq!(
        meta.kind,
        Some(Field {
            value: "纪要".to_string(),
            source: Source::FrontMatter
        })
    );
    assert_eq!(
        meta.year,
        Some(Field {
            value: 2019,
            source: Source::FileName
        })
    );
    assert_eq!(meta.title.as_deref(), Some("2020年青川市会议讲话"));

    // Without manifest and pattern match: the file name's region, then the text.
    let meta = resolve("2019_合肥_讲话.txt", text, None, &NamePattern::default());
    assert_eq!(
        meta.region.map(|f| (f.value, f.source)),
        Some(("合肥市".to_string(), Source::FileName))
    );
    let other = NamePattern::parse("{region}={year}").unwrap();
    let meta = resolve("2019_合肥_讲话.txt", text, None, &other);
    assert_eq!(
        meta.year,
        Some(Field {
            value: 2021,
            source: Source::Text
        })
    );
    assert!(meta.year.is_some_and(|f| f.source.guessed()));
    assert_eq!(meta.kind.map(|f| f.source), Some(Source::FrontMatter));
    assert_eq!(meta.region, None);
}

#[test]
fn resolve_titles_and_patterns_with_extensions() {
    let fm = "---\ntitle: 手写标题\n---\n正文标题\n";
    let p = NamePattern::parse("{year}_{title}.txt").unwrap();
    assert_eq!(
        resolve("2020_名字.txt", fm, None, &p).title.as_deref(),
        Some("手写标题")
    );
    assert_eq!(
        resolve("2020_名字.txt", "正文标题\n", None, &p)
            .title
            .as_deref(),
        Some("正文标题")
    );
    let meta = resolve("dir/2020_名字.txt", "同志们：\n", None, &p);
    assert_eq!(meta.title.as_deref(), Some("名字"));
    assert_eq!(meta.year.map(|f| f.value), Some(2020));
    let m = Manifest::parse("file,title,kind\n2020_名字.txt,表中标题,讲话\n").unwrap();
    assert_eq!(
        resolve("2020_名字.txt", fm, Some(&m), &p).title.as_deref(),
        Some("表中标题")
    );
    // Unknown regions are kept as written.
    let meta = resolve("2020_青川市_讲话.txt", "", None, &NamePattern::default());
    assert_eq!(meta.region.map(|f| f.value).as_deref(), Some("青川市"));
    assert_eq!(
        resolve("x.txt", "", None, &NamePattern::default()),
        DocMeta::default()
    );
}

// --- Gazetteer ---

#[test]
fn gazetteer_is_well_formed() {
    let mut provinces = Vec::new();
    let mut prefectures = Vec::new();
    for line in GAZETTEER.lines() {
        if line.is_empty() || line.starts_with('#') || line.starts_with('!') {
            continue;
        }
        let (full, province) = line.split_once('\t').expect("full_name<TAB>province");
        assert!(!full.contains(char::is_whitespace), "{line:?}");
        if full == province {
            provinces.push(full);
        } else {
            prefectures.push((full, province));
        }
    }
    assert_eq!(provinces.len(), 34);
    assert_eq!(prefectures.len(), 333);
    for (full, province) in &prefectures {
        assert!(
            provinces.contains(province),
            "{full}: unknown province {province}"
        );
    }
    let mut names: Vec<&str> = provinces.clone();
    names.extend(prefectures.iter().map(|(f, _)| *f));
    let n = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), n, "a name is listed twice");
}

#[test]
fn canonical_names_and_provinces() {
    assert_eq!(canonical_region("安徽"), Some("安徽省"));
    assert_eq!(canonical_region("安徽省"), Some("安徽省"));
    assert_eq!(canonical_region("广西"), Some("广西壮族自治区"));
    assert_eq!(canonical_region("宁夏"), Some("宁夏回族自治区"));
    assert_eq!(canonical_region("香港"), Some("香港特别行政区"));
    assert_eq!(canonical_region("北京"), Some("北京市"));
    assert_eq!(canonical_region("合肥"), Some("合肥市"));
    assert_eq!(canonical_region("海西州"), Some("海西蒙古族藏族自治州"));
    assert_eq!(canonical_region("延边"), Some("延边朝鲜族自治州"));
    assert_eq!(canonical_region("锡林郭勒"), Some("锡林郭勒盟"));
    assert_eq!(canonical_region("大兴安岭"), Some("大兴安岭地区"));
    assert_eq!(canonical_region("海南"), Some("海南省"));
    assert_eq!(canonical_region("海南州"), Some("海南藏族自治州"));
    assert_eq!(canonical_region("安康"), None);
    assert_eq!(canonical_region("全国"), None);
    assert_eq!(short_forms("内蒙古自治区"), vec!["内蒙古"]);
    assert_eq!(
        short_forms("克孜勒苏柯尔克孜自治州"),
        vec!["克孜勒苏", "克孜勒苏州"]
    );
}

// --- The shared corpus ---

#[test]
fn corpus_file_names_fit_the_default_pattern() {
    let Ok(dir) = std::fs::read_dir("../shared/corpus") else {
        return;
    };
    let pattern = NamePattern::default();
    let mut n = 0;
    for entry in dir.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".txt") {
            continue;
        }
        let f = pattern.matches(&stem_of(&name));
        let f = f.unwrap_or_else(|| panic!("{name} does not fit {DEFAULT_NAME_PATTERN}"));
        assert!(
            f.year.is_some() && f.region.is_some() && f.kind.is_some(),
            "{name}"
        );
        n += 1;
    }
    assert!(n >= 132, "only {n} corpus files");
}

#[test]
fn corpus_guesses_from_text_alone() {
    let files = corpus_files();
    if files.is_empty() {
        return;
    }
    let truth = NamePattern::default();
    let nothing = NamePattern::parse("{year}#{region}").unwrap();
    let (mut years, mut regions) = (0, 0);
    for (name, text) in &files {
        let want = truth.matches(&stem_of(name)).unwrap();
        let got = resolve(name, text, None, &nothing);
        let year = got.year.as_ref().map(|f| f.value);
        let region = got.region.as_ref().map(|f| f.value.clone());
        if year == want.year {
            years += 1;
        } else {
            println!("year miss   {name}: guessed {year:?}");
        }
        if region == want.region {
            regions += 1;
        } else {
            println!("region miss {name}: guessed {region:?}");
        }
        assert!(got.year.iter().all(|f| f.source == Source::Text));
    }
    let n = files.len();
    println!(
        "text-only guesses on {n} corpus files: year {years}/{n} ({:.1}%), region {regions}/{n} ({:.1}%)",
        100.0 * years as f64 / n as f64,
        100.0 * regions as f64 / n as f64
    );
    assert!(years * 10 >= n * 9, "year right for {years} of {n} files");
    assert!(
        regions * 10 >= n * 8,
        "region right for {regions} of {n} files"
    );
}
