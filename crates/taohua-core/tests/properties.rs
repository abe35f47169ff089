//! Property tests over the library: preparing and comparing arbitrary texts
//! never panics, and the results keep their invariants (spans in bounds,
//! segments covered once, exact passages really equal, …).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

use taohua_core::compare::align::RELATED_SIMILARITY;
use taohua_core::compare::similarity::GramProfile;
use taohua_core::compare::Span;
use taohua_core::ingest::{decode, DecodeError};
use taohua_core::text::normalize::{normalize, NormOptions, BREAK, PLACEHOLDER};
use taohua_core::text::Chars;
use taohua_core::{compare, prepare, CompareOptions, Comparison, Op, Prepared};

// -------------------------------------------------------------- strategies

const HAN: &str = "科协工作者技术创新发展坚持全面推进建设服务人民群众市省县党的领导思想政治要加强基层组织青少年农民学会一二三四";
const PUNCT: [&str; 16] = [
    "，", "。", "、", "；", "：", "“", "”", "（", "）", ",", ".", ";", ":", "！", "？", "…",
];
const PLACEHOLDERS: [&str; 8] = ["x", "X", "XX", "××", "○○", "＊＊", "xx", "*"];
const BREAKS: [&str; 6] = ["\n", "\r\n", "\n\n", "\r", "\u{2028}", "\n　　"];
const CONTROLS: [char; 10] = [
    '\u{0}', '\u{1}', '\u{7}', '\t', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}',
];

fn han() -> impl Strategy<Value = String> {
    let chars: Vec<char> = HAN.chars().collect();
    prop_oneof![
        4 => select(chars).prop_map(String::from),
        1 => proptest::char::range('\u{4E00}', '\u{9FFF}').prop_map(String::from),
    ]
}

/// One piece of a messy document.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => han(),
        2 => "[a-zA-Z0-9 ]{1,4}",
        1 => proptest::char::range('\u{FF01}', '\u{FF5E}').prop_map(String::from), // full-width forms
        1 => select(vec!["　", "ｘｘ", "Ｘ", "％", "．", "１２", "㍱", "ﬁ", "①"]).prop_map(String::from),
        3 => select(PUNCT.to_vec()).prop_map(String::from),
        1 => select(PLACEHOLDERS.to_vec()).prop_map(String::from),
        1 => "[0-9]{1,3}(\\.[0-9]{1,2})?[%‰]?",
        2 => select(BREAKS.to_vec()).prop_map(String::from),
        1 => select(CONTROLS.to_vec()).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Arbitrary text mixing Chinese, ASCII, full-width forms, punctuation,
/// placeholders, figures, line breaks and control characters.
fn messy_text(max_pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..max_pieces).prop_map(|v| v.concat())
}

/// A text and a copy of it with a random stretch replaced, so that the two
/// share passages.
fn messy_pair() -> impl Strategy<Value = (String, String)> {
    (
        messy_text(160),
        messy_text(30),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(a, insert, i, j)| {
            let chars: Vec<char> = a.chars().collect();
            let (mut s, mut e) = (i.index(chars.len() + 1), j.index(chars.len() + 1));
            if s > e {
                std::mem::swap(&mut s, &mut e);
            }
            let b: String = chars[..s]
                .iter()
                .copied()
                .chain(insert.chars())
                .chain(chars[e..].iter().copied())
                .collect();
            (a, b)
        })
}

/// Realistic clauses of a 科协 speech.
const CLAUSES: [&str; 36] = [
    "坚持以习近平新时代中国特色社会主义思想为指导",
    "全面贯彻党的二十大精神",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
    "坚定不移听党话、矢志不渝跟党走",
    "青川市科协要当好科技工作者之家",
    "真心实意为科技工作者办实事、解难事、做好事",
    "让广大科技工作者安心工作、潜心研究、舒心生活",
    "围绕青少年、农民、城镇劳动者、领导干部和公务员等重点人群",
    "分类实施科学素质提升行动",
    "全市科普经费投入达到1.2亿元",
    "比上年增长8.5%",
    "新建科普教育基地12个",
    "举办各类科普活动1260余场次",
    "受益群众超过85万人次",
    "全市公民具备科学素质的比例达到12.6%",
    "要充分发挥学会的主体作用",
    "推动学会回归学术本位、服务本位",
    "支持市级学会围绕产业链创新链组建学会联合体",
    "打造一批特色鲜明、服务有效的学会品牌",
    "要加强科普阵地建设",
    "推进市科技馆展陈更新改造",
    "推动流动科普设施进乡村、进社区",
    "打通科普服务群众的“最后一公里”",
    "要创新科普传播方式",
    "用好新媒体平台",
    "培育一批本土科普达人",
    "机关干部每人联系3家企业科协或院士专家工作站",
    "每季度开展一次走访调研",
    "建立问题清单、责任清单、成效清单",
    "做到件件有回音、事事有着落",
    "要大兴调查研究之风",
    "机关干部每年到基层调研时间不少于30天",
    "努力建设让党放心、让科技工作者满意的模范机关",
    "同志们",
    "一、2023年工作回顾",
    "（二）坚持服务大局，助力创新发展取得新成效",
];

/// A document as paragraphs of clause indices.
type Doc = Vec<Vec<usize>>;

fn doc_strategy() -> impl Strategy<Value = Doc> {
    prop::collection::vec(prop::collection::vec(0..CLAUSES.len(), 1..6), 1..14)
}

/// One edit of a document, with positions reduced modulo the length.
#[derive(Debug, Clone)]
enum Edit {
    DeleteParagraph(usize),
    InsertParagraph(usize, Vec<usize>),
    MoveParagraph(usize, usize),
    Split(usize, usize),
    Merge(usize),
    DropClause(usize, usize),
    AddClause(usize, usize, usize),
    /// Rendered: figures changed, half-width punctuation, placeholder for
    /// the city name, two characters inserted.
    Style(usize, u8),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let n = 64usize;
    prop_oneof![
        (0..n).prop_map(Edit::DeleteParagraph),
        (0..n, prop::collection::vec(0..CLAUSES.len(), 1..5))
            .prop_map(|(i, p)| Edit::InsertParagraph(i, p)),
        (0..n, 0..n).prop_map(|(i, j)| Edit::MoveParagraph(i, j)),
        (0..n, 0..n).prop_map(|(i, k)| Edit::Split(i, k)),
        (0..n).prop_map(Edit::Merge),
        (0..n, 0..n).prop_map(|(i, k)| Edit::DropClause(i, k)),
        (0..n, 0..n, 0..CLAUSES.len()).prop_map(|(i, k, c)| Edit::AddClause(i, k, c)),
        (0..n, 0u8..4).prop_map(|(i, s)| Edit::Style(i, s)),
    ]
}

/// A paragraph with its rendering style bits.
#[derive(Debug, Clone)]
struct Para {
    clauses: Vec<usize>,
    style: u8,
}

fn apply(doc: &Doc, edits: &[Edit]) -> Vec<Para> {
    let mut paras: Vec<Para> = doc
        .iter()
        .map(|c| Para {
            clauses: c.clone(),
            style: 0,
        })
        .collect();
    for e in edits {
        let len = paras.len();
        match e.clone() {
            Edit::DeleteParagraph(i) if len > 1 => {
                paras.remove(i % len);
            }
            Edit::InsertParagraph(i, clauses) => {
                paras.insert(i % (len + 1), Para { clauses, style: 0 });
            }
            Edit::MoveParagraph(i, j) if len > 0 => {
                let p = paras.remove(i % len);
                paras.insert(j % len, p);
            }
            Edit::Split(i, k) if len > 0 => {
                let i = i % len;
                let n = paras[i].clauses.len();
                if n > 1 {
                    let tail = paras[i].clauses.split_off(1 + k % (n - 1));
                    let style = paras[i].style;
                    paras.insert(
                        i + 1,
                        Para {
                            clauses: tail,
                            style,
                        },
                    );
                }
            }
            Edit::Merge(i) if len > 1 => {
                let i = i % (len - 1);
                let next = paras.remove(i + 1);
                paras[i].clauses.extend(next.clauses);
            }
            Edit::DropClause(i, k) if len > 0 => {
                let p = &mut paras[i % len];
                if p.clauses.len() > 1 {
                    let n = p.clauses.len();
                    p.clauses.remove(k % n);
                }
            }
            Edit::AddClause(i, k, c) if len > 0 => {
                let p = &mut paras[i % len];
                let n = p.clauses.len();
                p.clauses.insert(k % (n + 1), c);
            }
            Edit::Style(i, s) if len > 0 => {
                paras[i % len].style |= 1 << s;
            }
            _ => {}
        }
    }
    paras
}

fn render(paras: &[Para], crlf: bool) -> String {
    let mut out = String::new();
    for p in paras {
        let mut text = p
            .clauses
            .iter()
            .map(|&c| CLAUSES[c])
            .collect::<Vec<_>>()
            .join("，");
        text.push('。');
        if p.style & 1 != 0 {
            text = text
                .replace("1.2亿", "1.5亿")
                .replace("8.5%", "9.2%")
                .replace("12个", "9个")
                .replace("30天", "20天");
        }
        if p.style & 2 != 0 {
            text = text
                .replace('，', ",")
                .replace('：', ":")
                .replace('；', ";")
                .replace('（', "(")
                .replace('）', ")");
        }
        if p.style & 4 != 0 {
            text = text.replace("青川", "XX");
        }
        if p.style & 8 != 0 {
            text = text.replacen("科协", "科协一切", 1);
        }
        out.push_str(&text);
        out.push_str(if crlf { "\r\n" } else { "\n" });
    }
    out
}

/// A realistic text and an edited copy of it.
fn edited_pair() -> impl Strategy<Value = (String, String)> {
    (
        doc_strategy(),
        prop::collection::vec(edit_strategy(), 0..8),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(doc, edits, crlf_a, crlf_b)| {
            let original = apply(&doc, &[]);
            let edited = apply(&doc, &edits);
            (render(&original, crlf_a), render(&edited, crlf_b))
        })
}

fn realistic_text() -> impl Strategy<Value = String> {
    (doc_strategy(), any::<bool>()).prop_map(|(doc, crlf)| render(&apply(&doc, &[]), crlf))
}

// -------------------------------------------------------------- invariants

fn key_text(doc: &Prepared, (s, e): Span) -> String {
    let (from, to) = doc.norm().key_range(s, e);
    doc.norm().key_string(from, to)
}

/// Invariants of one prepared document.
fn check_prepared(doc: &Prepared, text: &str) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    prop_assert_eq!(doc.chars(), chars.as_slice());
    let n = chars.len() as u32;

    // Normalisation: parallel vectors, spans within the text and increasing.
    let norm = doc.norm();
    prop_assert_eq!(norm.keys().len(), norm.spans().len());
    prop_assert_eq!(norm.keys().len(), norm.countable().len());
    prop_assert_eq!(doc.slogan_mask().len(), norm.keys().len());
    for (k, &(s, e)) in norm.spans().iter().enumerate() {
        prop_assert!(
            s < e && e <= n,
            "key {} span {:?} (text {} chars)",
            k,
            (s, e),
            n
        );
        if k > 0 {
            let (ps, pe) = norm.spans()[k - 1];
            // Keys from one character (NFKC expansion) share its span;
            // otherwise spans follow one another.
            prop_assert!(
                (ps, pe) == (s, e) || pe <= s,
                "spans {:?} then {:?}",
                (ps, pe),
                (s, e)
            );
        }
        let key = norm.keys()[k];
        if norm.countable()[k] {
            prop_assert!(key != PLACEHOLDER && key != BREAK);
        }
        if key == BREAK {
            prop_assert!(
                k > 0 && norm.keys()[k - 1] != BREAK,
                "leading or doubled break"
            );
        }
    }

    // Segments: non-empty, trimmed, disjoint, ordered, only white space
    // between and around them.
    prop_assert_eq!(doc.segment_keys().len(), doc.segments().len());
    let mut at = 0usize;
    for (i, seg) in doc.segments().iter().enumerate() {
        let (s, e) = (seg.start as usize, seg.end as usize);
        prop_assert!(s < e && e <= chars.len(), "segment {} = {:?}", i, (s, e));
        prop_assert!(s >= at, "segment {} overlaps the previous one", i);
        prop_assert!(
            chars[at..s].iter().all(|c| c.is_whitespace()),
            "non-white text {:?} left out before segment {}",
            chars[at..s].iter().collect::<String>(),
            i
        );
        prop_assert!(!chars[s].is_whitespace() && !chars[e - 1].is_whitespace());
        at = e;
        let (from, to) = doc.segment_keys()[i];
        prop_assert!(from <= to && to <= norm.len());
    }
    prop_assert!(
        chars[at..].iter().all(|c| c.is_whitespace()),
        "non-white text left out at the end"
    );
    // A text with anything but white space has at least one segment.
    prop_assert_eq!(
        doc.segments().is_empty(),
        chars.iter().all(|c| c.is_whitespace())
    );
    Ok(())
}

fn check_comparison(
    a: &Prepared,
    b: &Prepared,
    c: &Comparison,
    opts: &CompareOptions,
) -> Result<(), TestCaseError> {
    let (na, nb) = (a.chars().len() as u32, b.chars().len() as u32);

    // Passages.
    for p in &c.passages {
        prop_assert!(p.left.0 < p.left.1 && p.left.1 <= na, "{:?}", p);
        prop_assert!(p.right.0 < p.right.1 && p.right.1 <= nb, "{:?}", p);
        prop_assert!(p.chars >= opts.passages.min_chars, "{:?}", p);
        prop_assert!(!p.runs.is_empty());
        prop_assert_eq!(p.exact, p.runs.len() == 1);
        prop_assert_eq!(p.runs[0].0 .0, p.left.0);
        prop_assert_eq!(p.runs[0].1 .0, p.right.0);
        prop_assert_eq!(p.runs[p.runs.len() - 1].0 .1, p.left.1);
        prop_assert_eq!(p.runs[p.runs.len() - 1].1 .1, p.right.1);
        let mut matched = 0;
        for (k, &(l, r)) in p.runs.iter().enumerate() {
            prop_assert!(l.0 < l.1 && r.0 < r.1, "{:?}", p);
            if k > 0 {
                let (pl, pr) = p.runs[k - 1];
                prop_assert!(pl.1 <= l.0 && pr.1 <= r.0, "runs out of order {:?}", p);
            }
            // Each exact run is the same text after normalisation.
            let (lk, rk) = (key_text(a, l), key_text(b, r));
            prop_assert_eq!(
                &lk,
                &rk,
                "run {:?} of {:?}: {:?} vs {:?}",
                (l, r),
                p,
                a.text(l),
                b.text(r)
            );
            prop_assert!(!lk.contains('¶') && !lk.contains('□'), "{:?}", p);
            matched += lk.chars().filter(|c| c.is_alphanumeric()).count();
        }
        prop_assert_eq!(p.chars, matched, "{:?}", p);
        if p.exact {
            prop_assert_eq!(key_text(a, p.left), key_text(b, p.right));
        }
        // A passage never runs across a line break.
        prop_assert!(!key_text(a, p.left).contains('¶'), "{:?}", p);
        prop_assert!(!key_text(b, p.right).contains('¶'), "{:?}", p);
        // Its countable characters are at most the span's.
        prop_assert!(
            p.chars
                <= a.norm().countable_in(
                    a.norm().key_range(p.left.0, p.left.1).0,
                    a.norm().key_range(p.left.0, p.left.1).1
                )
        );
    }
    // Passages come in left reading order.
    for w in c.passages.windows(2) {
        prop_assert!(w[0].left <= w[1].left, "{:?}", w);
    }

    // Reuse.
    for (r, doc) in [(&c.left, a), (&c.right, b)] {
        prop_assert_eq!(r.countable, doc.countable());
        prop_assert!(r.reused <= r.countable, "{:?}", r);
        prop_assert!(r.distinctive <= r.reused, "{:?}", r);
        prop_assert!((0.0..=1.0).contains(&r.ratio()));
    }
    if c.passages.is_empty() {
        prop_assert_eq!(c.left.reused, 0);
        prop_assert_eq!(c.right.reused, 0);
    } else {
        prop_assert!(
            c.left.reused >= opts.passages.min_chars || c.right.reused >= opts.passages.min_chars
        );
    }

    // Units: every segment of each side in at least one unit, and in more
    // than one only when those units are pieces of one group (a split or
    // merge whose pieces went apart).
    let mut left_units: Vec<Vec<Option<u32>>> = vec![Vec::new(); a.segments().len()];
    let mut right_units: Vec<Vec<Option<u32>>> = vec![Vec::new(); b.segments().len()];
    let mut last_left: Option<usize> = None;
    let mut last_right: Option<usize> = None;
    for u in &c.units {
        prop_assert!((0.0..=1.0).contains(&u.similarity), "{:?}", u);
        let piece = u.group.is_some();
        let arity = match u.op {
            Op::Match | Op::Related | Op::Moved => u.left.len() == 1 && u.right.len() == 1,
            Op::Split => u.left.len() == 1 && (u.right.len() >= 2 || piece),
            Op::Merge => (u.left.len() >= 2 || piece) && u.right.len() == 1,
            Op::Delete => u.left.len() == 1 && u.right.is_empty() && !piece,
            Op::Insert => u.left.is_empty() && u.right.len() == 1 && !piece,
        };
        prop_assert!(arity, "{:?}", u);
        // A match is never weaker than the related threshold; a related pair
        // always is.
        match u.op {
            Op::Match => prop_assert!(u.similarity >= RELATED_SIMILARITY, "{:?}", u),
            Op::Related => prop_assert!(u.similarity < RELATED_SIMILARITY, "{:?}", u),
            Op::Moved | Op::Split | Op::Merge | Op::Delete | Op::Insert => {}
        }
        for &l in &u.left {
            prop_assert!(l < a.segments().len(), "{:?}", u);
            left_units[l].push(u.group);
            // Left reading order; a left segment feeding several units
            // repeats.
            prop_assert!(
                last_left.is_none_or(|p| p < l || (p == l && piece)),
                "left order {:?}",
                u
            );
            last_left = Some(l);
        }
        for &r in &u.right {
            prop_assert!(r < b.segments().len(), "{:?}", u);
            right_units[r].push(u.group);
            if u.op.in_order() || u.op == Op::Insert {
                // Right reading order for units in order; pieces of one
                // right segment repeat it.
                prop_assert!(
                    last_right.is_none_or(|p| p < r || (p == r && piece)),
                    "right order {:?}",
                    u
                );
                last_right = Some(r);
            }
        }
    }
    for (side, units) in [("left", &left_units), ("right", &right_units)] {
        for (k, groups) in units.iter().enumerate() {
            prop_assert!(!groups.is_empty(), "{} segment {} in no unit", side, k);
            if groups.len() > 1 {
                prop_assert!(
                    groups[0].is_some() && groups.iter().all(|g| *g == groups[0]),
                    "{} segment {} in units of groups {:?}",
                    side,
                    k,
                    groups
                );
            }
        }
    }
    Ok(())
}

fn check_pair(ta: &str, tb: &str) -> Result<(), TestCaseError> {
    let opts = CompareOptions::default();
    let a = prepare(ta, &opts).unwrap();
    let b = prepare(tb, &opts).unwrap();
    check_prepared(&a, ta)?;
    check_prepared(&b, tb)?;
    let c = compare(&a, &b, &opts);
    check_comparison(&a, &b, &c, &opts)?;
    // Swapping the sides keeps the reuse figures.
    let d = compare(&b, &a, &opts);
    check_comparison(&b, &a, &d, &opts)?;
    Ok(())
}

/// For each segment, whether it has something besides slogans and
/// punctuation to match on (a gram for the aligner).
fn segments_with_grams(doc: &Prepared) -> Vec<bool> {
    doc.segment_keys()
        .iter()
        .map(|&(from, to)| {
            !GramProfile::new(&doc.norm().keys()[from..to], &doc.slogan_mask()[from..to]).is_empty()
        })
        .collect()
}

/// Compare `text` with itself: every segment is a match with itself, with
/// similarity 1. With `strict` false, segments without grams (made only of
/// slogans or punctuation) are exempt: they are a known failure, see
/// `slogan_only_paragraph_against_itself_is_a_match`.
fn check_self(text: &str, strict: bool) -> Result<(), TestCaseError> {
    let opts = CompareOptions::default();
    let a = prepare(text, &opts).unwrap();
    let c = compare(&a, &a, &opts);
    check_comparison(&a, &a, &c, &opts)?;
    let grams = segments_with_grams(&a);
    let exempt = |k: usize| !strict && !grams[k];
    let mut matched = vec![false; a.segments().len()];
    for u in &c.units {
        if u.op == Op::Match && u.left == u.right {
            prop_assert!((u.similarity - 1.0).abs() < 1e-9, "{:?}", u);
            matched[u.left[0]] = true;
        } else {
            prop_assert!(
                u.left.iter().chain(&u.right).all(|&k| exempt(k)),
                "{:?}: {:?}",
                u,
                u.left
                    .iter()
                    .chain(&u.right)
                    .map(|&k| a.text((a.segments()[k].start, a.segments()[k].end)))
                    .collect::<Vec<_>>()
            );
        }
    }
    for (k, &m) in matched.iter().enumerate() {
        prop_assert!(m || exempt(k), "segment {} not matched with itself", k);
    }
    Ok(())
}

// -------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn messy_pairs_keep_invariants((a, b) in messy_pair()) {
        check_pair(&a, &b)?;
    }

    #[test]
    fn unrelated_messy_texts_keep_invariants(a in messy_text(200), b in messy_text(200)) {
        check_pair(&a, &b)?;
    }

    #[test]
    fn edited_copies_keep_invariants((a, b) in edited_pair()) {
        check_pair(&a, &b)?;
    }

    #[test]
    fn realistic_text_against_itself_is_all_matches(a in realistic_text()) {
        check_self(&a, false)?;
    }

    #[test]
    fn messy_text_against_itself_is_all_matches(a in messy_text(200)) {
        check_self(&a, false)?;
    }

    #[test]
    fn normalize_spans_are_increasing_and_within_the_text(text in messy_text(200)) {
        let chars: Vec<char> = text.chars().collect();
        for opts in [
            NormOptions::default(),
            NormOptions { nfkc: false, ..NormOptions::default() },
            NormOptions { placeholders: false, ..NormOptions::default() },
        ] {
            let n = normalize(&Chars::from_vec(chars.clone()).unwrap(), &opts);
            prop_assert_eq!(n.keys().len(), n.spans().len());
            prop_assert_eq!(n.keys().len(), n.countable().len());
            let mut prev: Option<(u32, u32)> = None;
            for &(s, e) in n.spans() {
                prop_assert!(s < e && e as usize <= chars.len());
                if let Some((ps, pe)) = prev {
                    prop_assert!(ps <= s, "start decreases");
                    prop_assert!((ps, pe) == (s, e) || pe <= s, "overlap");
                }
                prev = Some((s, e));
            }
            // char_span of any key range lies inside the text.
            let len = n.len();
            for (from, to) in [(0, len), (len / 3, len / 2), (len, len), (len / 2, len / 3)] {
                let (s, e) = n.char_span(from, to);
                prop_assert!(s <= e && e as usize <= chars.len());
            }
        }
    }

    #[test]
    fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let encodings = [
            None,
            Some(encoding_rs::UTF_8),
            Some(encoding_rs::GB18030),
            Some(encoding_rs::GBK),
            Some(encoding_rs::BIG5),
            Some(encoding_rs::UTF_16LE),
            Some(encoding_rs::UTF_16BE),
            Some(encoding_rs::SHIFT_JIS),
        ];
        for enc in encodings {
            match decode(&bytes, enc) {
                Ok(d) => {
                    prop_assert!(!d.text.chars().all(char::is_whitespace));
                    let bom = d.text.starts_with('\u{FEFF}');
                    prop_assert!(!bom, "BOM kept");
                }
                Err(DecodeError::Malformed { offset, .. }) => {
                    prop_assert!(offset < bytes.len(), "offset {} of {}", offset, bytes.len());
                }
                Err(_) => {}
            }
        }
    }

    #[test]
    fn decode_with_bom_prefixes_never_panics(
        bom in select(vec![&[0xEFu8, 0xBB, 0xBF][..], &[0xFF, 0xFE][..], &[0xFE, 0xFF][..]]),
        body in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let mut bytes = bom.to_vec();
        bytes.extend(body);
        if let Ok(d) = decode(&bytes, None) {
            let bom = d.text.starts_with('\u{FEFF}');
            prop_assert!(!bom || bytes.len() > 4, "BOM kept");
        }
    }

    #[test]
    fn valid_utf8_is_read_as_itself(text in messy_text(120)) {
        match decode(text.as_bytes(), None) {
            Ok(d) => {
                let expected = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
                prop_assert_eq!(d.text, expected);
            }
            Err(DecodeError::Malformed { .. }) => {
                prop_assert!(false, "valid UTF-8 reported malformed");
            }
            Err(_) => {}
        }
    }

    #[test]
    fn utf16_with_bom_reads_like_utf8(text in messy_text(120)) {
        // NUL refuses a UTF-8 file but not a UTF-16 one (which is full of
        // them); a leading U+FEFF is a BOM in UTF-8.
        let text = text.replace('\0', "").trim_start_matches('\u{FEFF}').to_string();
        if let Ok(d8) = decode(text.as_bytes(), None) {
            let mut le = vec![0xFF, 0xFE];
            le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            let mut be = vec![0xFE, 0xFF];
            be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            prop_assert_eq!(decode(&le, None).map(|d| d.text), Ok(d8.text.clone()));
            prop_assert_eq!(decode(&be, None).map(|d| d.text), Ok(d8.text));
        }
    }
}

proptest! {
    // Long single-line texts go through sentence grouping; fewer cases.
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn long_paragraphs_keep_invariants(
        a in prop::collection::vec(prop_oneof![4 => han(), 1 => select(PUNCT.to_vec()).prop_map(String::from)], 400..1500),
        cut in any::<prop::sample::Index>(),
    ) {
        let a = a.concat();
        let chars: Vec<char> = a.chars().collect();
        let k = cut.index(chars.len());
        let b: String = chars[k..].iter().chain(chars[..k].iter()).collect();
        check_pair(&a, &b)?;
    }
}

// ------------------------------------------------------------ plain tests

#[test]
fn identical_realistic_text_is_all_matches() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/2023_青川市_科协讲话.txt"
    ))
    .unwrap();
    check_self(&text, true).unwrap();
}

/// Regression: a paragraph made only of stock slogans (or only of
/// punctuation) has no grams, and the aligner used to leave it unpaired even
/// against an identical copy of itself (delete + insert, similarity 0).
#[test]
fn slogan_only_paragraph_against_itself_is_a_match() {
    for text in [
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”。\n",
        "坚持以习近平新时代中国特色社会主义思想为指导\n全市科普经费投入达到1.2亿元，比上年增长8.5%。\n",
    ] {
        check_self(text, true).unwrap();
    }
}

/// The same for a paragraph of punctuation only (a separator line).
#[test]
fn punctuation_only_paragraph_against_itself_is_a_match() {
    check_self(
        "全市科普经费投入达到1.2亿元，比上年增长8.5%。\n——————\n要加强科普阵地建设。\n",
        true,
    )
    .unwrap();
}

#[test]
fn edge_texts_do_not_panic() {
    let cases = [
        "",
        " ",
        "\n",
        "\r\n\r\n",
        "x",
        "XX",
        "×",
        "3×4",
        "*",
        "＊＊＊＊＊＊＊",
        "xxxxxxx",
        "。。。。。",
        "1.",
        ".5",
        "㍱㍱㍱㍱㍱㍱㍱㍱㍱",
        "\u{0}\u{1}\u{2}",
        "\u{2028}\u{2029}\u{85}",
        "a\u{301}\u{301}\u{301}",
    ];
    for a in cases {
        for b in cases {
            check_pair(a, b).unwrap();
        }
    }
}

/// Regression: `DecodeError::Malformed::offset` must be the first byte of
/// the malformed sequence. In GB18030, `81 30 41` (a four-byte sequence broken
/// at its third byte) is reported by encoding_rs as `Malformed(1, 1)` after
/// reading 10 bytes; the offset once ignored the byte consumed after the bad
/// sequence and pointed at byte 9 instead of byte 8.
#[test]
fn malformed_offset_points_at_the_first_bad_byte() {
    let mut bytes = encoding_rs::GB18030.encode("同志们好").0.into_owned();
    let at = bytes.len();
    bytes.extend([0x81, 0x30, 0x41, 0x41]);
    bytes.extend(encoding_rs::GB18030.encode("同志们好").0.iter());
    let got = decode(&bytes, Some(encoding_rs::GB18030));
    assert!(
        matches!(got, Err(DecodeError::Malformed { offset, .. }) if offset == at),
        "{got:?}, expected offset {at}"
    );
}

#[test]
fn malformed_offset_examples() {
    // UTF-8: an incomplete sequence followed by ASCII.
    let mut bytes = "同志们好".as_bytes().to_vec();
    let at = bytes.len();
    bytes.extend([0xE4, 0xB8, 0x41]);
    assert_eq!(
        decode(&bytes, Some(encoding_rs::UTF_8)),
        Err(DecodeError::Malformed {
            encoding: "UTF-8",
            offset: at
        })
    );
    // UTF-16LE with a BOM: a lone high surrogate (offset counts the BOM).
    let mut le = vec![0xFF, 0xFE];
    le.extend("同志们好".encode_utf16().flat_map(u16::to_le_bytes));
    let at = le.len();
    le.extend([0x00, 0xD8]);
    le.extend("同志们好".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(
        decode(&le, None),
        Err(DecodeError::Malformed {
            encoding: "UTF-16LE",
            offset: at
        })
    );
}

// ------------------------------------------- places, substitutions, leftovers

/// Place names (full and short, of every level) amid ordinary text.
const PLACES: [&str; 12] = [
    "湖南省",
    "湖南",
    "益阳市",
    "安化县",
    "东坪镇",
    "江西",
    "丰城市",
    "剑光街道",
    "长沙",
    "南昌",
    "京山市",
    "钟祥",
];

fn placey_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![3 => select(&PLACES[..]).prop_map(str::to_string), 4 => han(), 1 => select(&PUNCT[..]).prop_map(str::to_string)],
        0..60,
    )
    .prop_map(|v| v.concat())
}

/// A text and its copy with every occurrence of some places replaced by
/// others, as a re-issuer does.
fn reissued_pair() -> impl Strategy<Value = (String, String)> {
    (
        placey_text(),
        proptest::collection::vec(0usize..PLACES.len(), 1..4),
    )
        .prop_map(|(a, picks)| {
            let mut b = a.clone();
            for p in picks {
                let from = PLACES[p];
                let to = PLACES[(p + 5) % PLACES.len()];
                b = b.replace(from, to);
            }
            (a, b)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn place_mentions_are_in_order_within_the_text_and_name_places(text in placey_text()) {
        let chars: Vec<char> = text.chars().collect();
        let mut at = 0u32;
        for m in taohua_core::places::mentions(&chars) {
            prop_assert!(m.span.0 >= at && m.span.0 < m.span.1, "{:?} after {}", m.span, at);
            prop_assert!(m.span.1 as usize <= chars.len());
            prop_assert!(!m.places.is_empty());
            at = m.span.1;
            let name: String = chars[m.span.0 as usize..m.span.1 as usize].iter().collect();
            // A full name is its division's name, a short form its base.
            for p in &m.places {
                let shown = if m.full { p.name() } else { p.short() };
                prop_assert_eq!(&shown, &name);
            }
        }
    }

    #[test]
    fn substitutions_point_at_their_strings((a, b) in reissued_pair()) {
        let opts = CompareOptions::default();
        let (pa, pb) = (prepare(&a, &opts).unwrap(), prepare(&b, &opts).unwrap());
        let c = compare(&pa, &pb, &opts);
        check_comparison_spans(&pa, &pb, &c)?;
        let keys = |s: &str| {
            taohua_core::text::normalize::keys_of(s, &opts.norm).unwrap().keys().to_vec()
        };
        // Every occurrence holds the substitution's strings (as matching reads them).
        for s in &c.substitutions {
            prop_assert!(s.count() >= 1);
            for &(l, r) in &s.occurrences {
                prop_assert!(l.0 < l.1 && l.1 as usize <= pa.chars().len());
                prop_assert!(r.0 < r.1 && r.1 as usize <= pb.chars().len());
                prop_assert_eq!(keys(&pa.text(l)), keys(&s.left));
                prop_assert_eq!(keys(&pb.text(r)), keys(&s.right));
            }
        }
        let l = taohua_core::compare::leftovers(
            &pa,
            &pb,
            &c,
            (None, None),
            taohua_core::compare::leftovers::Side::Right,
        );
        for item in &l.items {
            let doc = if item.side == taohua_core::compare::leftovers::Side::Left { &pa } else { &pb };
            prop_assert!(item.span.0 < item.span.1 && item.span.1 as usize <= doc.chars().len());
        }
    }
}

/// Passages of a comparison lie inside their documents.
fn check_comparison_spans(a: &Prepared, b: &Prepared, c: &Comparison) -> Result<(), TestCaseError> {
    for p in &c.passages {
        prop_assert!(p.left.0 <= p.left.1 && p.left.1 as usize <= a.chars().len());
        prop_assert!(p.right.0 <= p.right.1 && p.right.1 as usize <= b.chars().len());
    }
    Ok(())
}
