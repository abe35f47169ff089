//! The catalog: every message of the screens, the reports and the errors,
//! in English and Chinese side by side (see [`crate::i18n`]).

use super::{counted, pick};

/// `1 document`, `2 documents`; `2 篇文档`.
pub fn documents(n: usize) -> String {
    counted(n, "document", "documents", "篇文档")
}

/// `1 passage`, `2 passages`; `2 段共享文字`.
pub fn passages(n: usize) -> String {
    counted(n, "passage", "passages", "段共享文字")
}

/// `1 pair`, `2 pairs`; `2 对`.
pub fn pairs(n: usize) -> String {
    counted(n, "pair", "pairs", "对")
}

/// `1 file`, `2 files`; `2 个文件`.
pub fn files(n: usize) -> String {
    counted(n, "file", "files", "个文件")
}

/// `1 phrase`, `2 phrases`; `2 条短语`.
pub fn phrases(n: usize) -> String {
    counted(n, "phrase", "phrases", "条短语")
}

/// `1 source`, `2 sources`; `2 个来源`.
pub fn sources(n: usize) -> String {
    counted(n, "source", "sources", "个来源")
}

/// `1 template`, `2 templates`; `2 个模板`.
pub fn templates(n: usize) -> String {
    counted(n, "template", "templates", "个模板")
}

/// The colon between a label and what it means: `: ` / `：`.
pub fn colon() -> &'static str {
    pick(": ", "：")
}

/// The separator of a list in running text: `, ` / `、`.
pub fn list_sep() -> &'static str {
    pick(", ", "、")
}

/// A colour's name (as `crate::legend::colour_name` gives it in English)
/// in the language in effect.
pub fn colour(name: &'static str) -> &'static str {
    const ZH: [(&str, &str); 23] = [
        ("black", "黑"),
        ("dark grey", "深灰"),
        ("grey", "灰"),
        ("light grey", "浅灰"),
        ("white", "白"),
        ("red", "红"),
        ("dark red", "暗红"),
        ("orange", "橙"),
        ("yellow", "黄"),
        ("green", "绿"),
        ("cyan", "青"),
        ("blue", "蓝"),
        ("purple", "紫"),
        ("magenta", "品红"),
        ("pink", "粉"),
        ("bright red", "亮红"),
        ("bright green", "亮绿"),
        ("bright yellow", "亮黄"),
        ("bright blue", "亮蓝"),
        ("bright magenta", "亮品红"),
        ("bright cyan", "亮青"),
        ("bright white", "亮白"),
        ("", ""),
    ];
    match super::lang() {
        super::Lang::En => name,
        super::Lang::Zh => ZH
            .iter()
            .find(|(en, _)| *en == name)
            .map_or(name, |(_, zh)| zh),
    }
}

super::catalog! {
    // ---- The pair view ----
    /// A moved unit's ghost row.
    pair_moved_ghost(right: u32, left: u32) => "↶ R¶{right} was moved: shown beside L¶{left} (m)", "↶ R¶{right} 已移动：显示在 L¶{left} 旁 (m)";
    /// A fold of identical units.
    pair_folded(count: usize) => "⋯ {count} identical units folded (f) ⋯", "⋯ 已折叠 {count} 个相同段落 (f) ⋯";
    /// The search prompt.
    pair_search_prompt(query: &str) => "/{query}▏  Enter: search · Esc: cancel", "/{query}▏  Enter：搜索 · Esc：取消";
    /// The status line: the selected passage.
    pair_passage_of(k: usize, n: usize) => "passage {k}/{n}", "第 {k}/{n} 段";
    /// The status line: a stock passage and its commonness.
    pair_stock_in(pct: f64) => " stock, in {pct:.0}%", " 套话，{pct:.0}% 文档含";
    /// The status line: a stock passage.
    pair_stock => " stock", " 套话";
    /// The status line: the passage's commonness.
    pair_in(pct: f64) => " in {pct:.0}%", " {pct:.0}% 文档含";
    /// The status line: word diff.
    pair_word_diff => "word diff", "按词比较";
    /// The status line: word diff, jieba still loading.
    pair_word_diff_loading => "word diff (loading…)", "按词比较（加载中…）";
    /// The status line: char diff.
    pair_char_diff => "char diff", "按字比较";
    /// The status line: names left behind.
    pair_left_behind_count(n: usize) => " │ ⚠ {n} left behind", " │ ⚠ {n} 处遗留地名";
    /// The status line's figures.
    pair_status(left: &str, right: &str, passage: &str, lr: f64, rr: f64, ls: f64, rs: f64, gran: &str, behind: &str) => " L{left} R{right} │ {passage} │ reused L {lr:.1}% R {rr:.1}% (stock {ls:.1}/{rs:.1}) │ {gran}{behind}", " L{left} R{right} │ {passage} │ 复用 L {lr:.1}% R {rr:.1}%（套话 {ls:.1}/{rs:.1}）│ {gran}{behind}";
    /// A name left behind, in the panel.
    pair_left_behind_row(side: &str, label: &str) => "⚠ {side} {label} left behind", "⚠ {side} 遗留地名 {label}";
    /// The panel's title.
    pair_panel_title(subs: usize, left: usize, key: &str) => " {subs} substitutions, {left} left behind · j/k choose · n/Enter next occurrence · {key}/Esc close ", " {subs} 处替换，{left} 处遗留地名 · j/k 选择 · n/Enter 下一处 · {key}/Esc 关闭 ";
    /// The help box's title, scrolling.
    pair_help_title_scroll(from: usize, to: usize, of: usize) => " taohua keys (? or Esc to close; j k scroll: {from}–{to} of {of}) ", " taohua 按键（? 或 Esc 关闭；j k 滚动：{from}–{to}/{of}）";
    /// The help box's title.
    pair_help_title => " taohua keys (? or Esc to close) ", " taohua 按键（? 或 Esc 关闭）";
    /// The help screen's colour heading.
    help_colours_heading(theme: &str) => "Colours (theme {theme}; t switches)", "颜色（主题 {theme}；t 切换）";
    /// The help screen's gutter heading.
    help_gutter_heading => "The gutter between the panes", "两栏之间的标记";
    /// The status line's hints.
    pair_hints(next: &str, change: &str, search: &str, help: &str, quit: &str) => "{next} next passage · {change} change · {search} search · {help} help · {quit} quit ", "{next} 下一段 · {change} 改动 · {search} 搜索 · {help} 帮助 · {quit} 退出 ";
    /// No substitutions.
    pair_no_substitutions => "no substitutions and no names left behind", "没有替换，也没有遗留地名";
    /// Skip stock passages.
    pair_skip_stock_on => "n/N skip stock passages", "n/N 跳过套话";
    /// Stop at every passage.
    pair_skip_stock_off => "n/N stop at every passage", "n/N 逐段跳转";
    /// The theme switched to.
    pair_theme(name: &str) => "theme: {name}", "主题：{name}";
    /// A corpus key pressed in the pair view.
    pair_corpus_key => "that key works in the corpus screens (taohua corpus)", "该键用于语料库界面（taohua corpus）";
    /// A substitution's occurrence.
    pair_occurrence(left: &str, right: &str, k: usize, n: usize) => "{left} → {right}: occurrence {k}/{n} (n, N)", "{left} → {right}：第 {k}/{n} 处 (n, N)";
    /// A name left behind, chosen.
    pair_left_behind(label: &str) => "left behind: {label}", "遗留地名：{label}";
    /// A search match.
    pair_match(k: usize, n: usize) => "match {k}/{n}", "匹配 {k}/{n}";
    /// No passages.
    pair_no_passages => "no shared passages", "没有共享文字";
    /// Only stock passages.
    pair_only_stock => "no passages but stock ones (i: stop at them)", "只有套话（i：在套话处停）";
    /// No more changes.
    pair_no_more_changes => "no more changes", "没有更多改动";
    /// Jumped to where moved text sits.
    pair_moved_to => "where the moved text sits in the right document", "移动的文字在右文档中的位置";
    /// Jumped to a moved unit.
    pair_moved_from => "the moved unit beside its source", "移动的段落与其来源并排";
    /// No moved unit on screen.
    pair_no_moved => "no moved unit on screen", "屏幕上没有移动的段落";
    /// A search with no match.
    pair_not_found(query: &str) => "not found: {query}", "未找到：{query}";
    /// The pane header: the share reused.
    pair_header_reused(pct: f64) => "{pct:.1}% reused", "复用 {pct:.1}%";

    // ---- Legends ----
    legend_exact_short => "exact", "原文";
    legend_exact => "shared word for word", "逐字相同";
    legend_edited_short => "bridged", "微调";
    legend_edited => "shared over small edits", "略有改动的共享文字";
    legend_bridge_short => "edit", "改动";
    legend_bridge => "the edit a shared passage bridges", "共享文字中间的改动处";
    legend_stock_short => "stock", "套话";
    legend_stock => "stock language (common in the reference, or a slogan), counted apart", "套话（参照中常见，或为口号），单独计算";
    legend_changed_short => "changed", "改动";
    legend_changed => "a figure or word changed inside an aligned paragraph", "对齐段落内改动的数字或词语";
    legend_leftover_short => "left behind", "遗留地名";
    legend_leftover => "a name left behind: a place of the other document's region the copy kept", "遗留地名：复制件保留了另一文档所属地区的地名";
    legend_selected_short => "selected", "选中";
    legend_selected => "the selected passage, lit on both sides", "选中的段落，两侧同时高亮";
    legend_search_short => "match", "匹配";
    legend_search => "a search match (/)", "搜索匹配 (/)";
    legend_cursor_short => "cursor", "光标";
    legend_cursor => "the cursor (a row, a heatmap cell, an occurrence)", "光标（一行、热力图一格或一次出现）";
    legend_shade_short => "shade", "深浅";
    legend_shade => "heatmap shade, the score of the strongest pair (scale under the map)", "热力图深浅：最强一对的得分（图下有刻度）";
    legend_occurrence_short => "occurrence", "出现";
    legend_occurrence => "a phrase's occurrence on its timeline", "短语在时间线上的一次出现";
    legend_common_short => "common", "常见";
    legend_common => "common phrases (slogans, c shows them) and notes, dimmed", "常见短语（口号，c 显示）和注释，暗显";
    gutter_moved_from => "↶ moved", "↶ 移出";
    gutter_new => "≠ new", "≠ 新";
    gutter_only_left => "− only L", "− 仅 L";
    gutter_only_right => "+ only R", "+ 仅 R";
    gutter_fold => "= fold", "= 折叠";
    gutter_identical_means => "identical", "相同";
    gutter_edited_means => "edited, with its similarity", "有改动，附相似度";
    gutter_related_means => "related: the same place and topic, little text in common", "相关：位置和话题相同，文字很少相同";
    gutter_moved_means => "moved: its right text sits at R¶45, where ↶ marks it", "移动：右侧文字在 R¶45，以 ↶ 标出";
    gutter_moved_from_means => "where moved text sits", "移动文字所在处";
    gutter_split_means => "split", "拆分";
    gutter_merge_means => "merged", "合并";
    gutter_replaced_means => "removed, beside the new paragraph in its place", "删除，旁边是替换它的新段落";
    gutter_deleted_means => "removed (left only)", "删除（仅左侧）";
    gutter_inserted_means => "added (right only)", "新增（仅右侧）";
    gutter_fold_means => "identical paragraphs folded (f)", "已折叠的相同段落 (f)";
    look_on(fg: &str, bg: &str) => "{fg} on {bg}", "{bg}底{fg}字";
    look_bg(bg: &str) => "on {bg}", "{bg}底";
    look_plain => "plain", "无样式";
    look_bold => "bold", "粗体";
    look_underlined => "underlined", "下划线";
    look_dim => "dim", "暗";

    // ---- The library and find ----
    lib_added(n: usize) => "{n} added", "新增 {n} 篇";
    lib_replaced(n: usize) => "{n} replaced (changed since added)", "替换 {n} 篇（添加后有改动）";
    lib_unchanged(n: usize) => "{n} already in the library", "{n} 篇已在文档库中";
    lib_unreadable(n: usize) => "{n} unreadable, skipped", "{n} 篇无法读取，已跳过";
    lib_now_holds(parts: &str, library: &str, docs: &str) => "{parts} · library {library} now holds {docs}", "{parts} · 文档库 {library} 现有{docs}";
    find_with_edits => " (with small edits)", "（略有改动）";

    // ---- Errors ----
    err_no_such_file(path: &str) => "{path}: no such file", "{path}：没有这个文件";
    err_directory(path: &str) => "{path}: is a directory, not a file (to compare a folder, use `taohua corpus`)", "{path}：是文件夹而不是文件（比较一个文件夹请用 `taohua corpus`）";
    err_too_large(path: &str, size: u64, max: u64) => "{path}: {size} bytes is more than taohua reads ({max} bytes)", "{path}：{size} 字节，超过 taohua 能读取的上限（{max} 字节）";
    err_cannot_read(path: &str, why: &std::io::Error) => "{path}: cannot read: {why}", "{path}：无法读取：{why}";
    err_two_documents => "give two documents to compare: taohua LEFT RIGHT", "请给出两篇要比较的文档：taohua 左 右";
    err_stdin_twice => "-: standard input can be only one side of a comparison", "-：标准输入只能作为比较的一侧";

    // ---- The text report of a pair ----
    text_units_coloured => "── Aligned units (shared passages coloured) ──", "── 对齐段落（共享文字着色）──";
    text_units_marked => "── Aligned units (⟦…⟧ marks shared passages) ──", "── 对齐段落（⟦…⟧ 标出共享文字）──";
    text_passages_heading => "── Passages ──", "── 共享文字 ──";
    text_passage_row(k: usize, l0: u32, l1: u32, r0: u32, r1: u32, chars: usize, kind: &str, text: &str) => "#{k:<4} L {l0:>6}–{l1:<6} R {r0:>6}–{r1:<6} {chars:>4} chars  {kind:<6}  {text}", "#{k:<4} L {l0:>6}–{l1:<6} R {r0:>6}–{r1:<6} {chars:>4} 字  {kind:<4}  {text}";
    text_colours(parts: &str) => "Colours  {parts}", "颜色  {parts}";
    text_top_row(k: usize, chars: usize, kind: &str, at: &str, text: &str) => "#{k:<4} {chars:>4} chars  {kind:<6}  {at:<13} {text}", "#{k:<4} {chars:>4} 字  {kind:<4}  {at:<13} {text}";
    text_chars(n: usize) => "{n} chars", "{n} 字";
    text_reused(l: &str, ls: &str, lp: &str, r: &str, rs: &str, rp: &str) => "\nReused  L {l} = stock {ls} + specific {lp} · R {r} = stock {rs} + specific {rp}", "\n复用  L {l} = 套话 {ls} + 特有 {lp} · R {r} = 套话 {rs} + 特有 {rp}";
    text_counted(what: &str, min: usize) => "        counted: {what} of ≥ {min} characters", "        计入：{what}，至少 {min} 字";
    /// What the copy ratios count (the JSON's `counts` stays English).
    counts_what => "share of countable characters (letters, digits, Han; not punctuation or white space) inside shared passages", "可计字符（字母、数字、汉字；不含标点和空白）中属于共享文字的比例";
    text_passages_line(line: &str) => "Passages  {line}", "共享文字  {line}";
    text_units_line(line: &str) => "Units  {line}", "段落  {line}";
    text_rewritten => "rewritten", "改写";
    text_more(n: usize) => " · +{n} more", " · 另 {n} 处";
    text_the_document(side: &str) => "the {side} document", "{side}文档";
    text_substitutions_heading => "── Substitutions (the same string replaced the same way) ──", "── 替换（同一字符串以同样方式替换）──";
    side_word_left => "left", "左";
    side_word_right => "right", "右";

    // ---- Summaries, in every report ----
    stock_means_reference(name: &str, docs: &str) => "stock: passages common in the reference ({name}, {docs}) or mostly a slogan of the list", "套话：参照（{name}，{docs}）中常见的文字，或主要由口号表中的口号组成";
    stock_means_slogans => "stock: passages mostly made of slogans of the list (no reference)", "套话：主要由口号表中的口号组成的文字（无参照）";
    passages_line(n: usize, exact: usize, bridged: usize, stock: usize) => "{n} ({exact} exact, {bridged} bridged over small edits; {stock} stock)", "{n} 段（{exact} 段逐字相同，{bridged} 段略有改动；{stock} 段套话）";
    passage_exact => "exact", "原文";
    passage_edited => "edited", "改动";
    passage_stock => "stock", "套话";
    passage_bridged => "bridged", "微调";
    op_match => "match", "对齐";
    op_related => "related", "相关";
    op_moved => "moved", "移动";
    op_split => "split", "拆分";
    op_merge => "merge", "合并";
    op_delete => "delete", "删除";
    op_insert => "insert", "新增";
    kind_place => "place", "地名";
    kind_figure => "figure", "数字";
    kind_date => "date", "日期";
    kind_name => "name", "名称";
    kind_other => "other", "其他";
    why_place_right => "a place of the left document's region, not of the right's", "属于左文档所在地区、不属于右文档地区的地名";
    why_place_left => "a place of the right document's region, not of the left's", "属于右文档所在地区、不属于左文档地区的地名";
    why_substituted_right => "a string the right document replaced everywhere else (a substitution)", "右文档在其他各处都替换了的字符串（替换）";
    why_substituted_left => "a string the left document replaced everywhere else (a substitution)", "左文档在其他各处都替换了的字符串（替换）";

    // ---- The corpus screens ----
    corpus_tab_documents => " Documents ", " 文档 ";
    corpus_tab_pairs => " Pairs ", " 文档对 ";
    corpus_tab_heatmap => " Heatmap ", " 热力图 ";
    corpus_tab_phrases => " Phrases ", " 短语 ";
    corpus_tab_templates => " Templates ", " 模板 ";
    corpus_some_of(shown: usize, all: &str, filter: &str) => "{shown} of {all} · {filter}", "{all}中的 {shown} 篇 · {filter}";
    corpus_nothing => "nothing to show: F or / with nothing typed clears the filter or the search", "没有可显示的内容：F 或 / 后不输入内容即清除筛选或搜索";
    corpus_more_above(n: usize) => "↑ +{n} more", "↑ 另 {n} 行";
    corpus_more_below(n: usize) => "↓ +{n} more", "↓ 另 {n} 行";
    corpus_more_left(n: usize) => "← +{n} more", "← 另 {n} 列";
    corpus_more_right(n: usize) => "→ +{n} more", "→ 另 {n} 列";
    corpus_search_note(query: &str) => " · search: {query} (Esc clears)", " · 搜索：{query}（Esc 清除）";
    col_id => "id", "编号";
    col_year => "year", "年份";
    col_region => "region", "地区";
    col_kind => "kind", "类型";
    col_chars => "chars", "字数";
    col_earlier => "earlier", "早期";
    col_distinct => "distinct", "特有";
    col_main_source => "main source", "主要来源";
    col_score => "score", "得分";
    col_shared => "shared", "共享";
    col_docs => "docs", "文档";
    col_common => "common", "常见度";
    col_years => "years", "年份";
    col_regions => "regions", "地区";
    col_text => "text", "文字";
    col_frame => "frame", "框架";
    col_values => "values", "取值";
    corpus_reversed => ", reversed", "，倒序";
    corpus_documents_title(docs: &str, sort: &str, reversed: &str, search: &str) => " {docs} · sorted by {sort}{reversed} (s, S) · Enter: compare with its main source{search}", " {docs} · 按{sort}排序{reversed} (s, S) · Enter：与其主要来源比较{search}";
    corpus_documents_foot => " earlier: share found in any earlier document, the union over N of them · distinct: the same without slogans · main source: its share with that one document", " 早期：见于任一早期文档的比例（N 篇的并集）· 特有：同上但不计口号 · 主要来源：与该文档共享的比例";
    corpus_pairs_title(pairs: &str, sort: &str, reversed: &str, search: &str) => " {pairs} · sorted by {sort}{reversed} (s, S) · Enter: open the pair{search}", " {pairs} · 按{sort}排序{reversed} (s, S) · Enter：打开这一对{search}";
    corpus_pairs_foot => " score: distinctive characters shared ÷ geometric mean of the two lengths · A, B: share of each in shared passages · #: rank by score", " 得分：共享的特有字数 ÷ 两篇长度的几何平均 · A、B：各自在共享文字中的比例 · #：按得分的排名";
    corpus_shade_legend(a: f64, b: f64, c: f64) => " shade = score of the strongest pair: █ ≥{a:.3} ▓ ≥{b:.3} ▒ ≥{c:.3} ░ >0 · none", " 深浅 = 最强一对的得分：█ ≥{a:.3} ▓ ≥{b:.3} ▒ ≥{c:.3} ░ >0 · 无";
    corpus_grid_note(r0: usize, r1: usize, rows: usize, c0: usize, c1: usize, cols: usize, more: &str) => " rows {r0}–{r1} of {rows}, columns {c0}–{c1} of {cols}: {more}", " 第 {r0}–{r1}/{rows} 行，第 {c0}–{c1}/{cols} 列：{more}";
    corpus_by_years => "years", "年份";
    corpus_by_regions => "regions", "地区";
    corpus_by_year => "year", "年份";
    corpus_by_region => "region", "地区";
    corpus_heatmap_title(by: &str, other: &str) => " strongest pair between {by} (r: by {other}) · h j k l move · Enter: open it", " 各{by}之间最强的一对（r：按{other}）· h j k l 移动 · Enter：打开";
    corpus_no_documents_pass => "no documents pass the filter", "没有文档通过筛选";
    corpus_heat_cell(row: &str, col: &str, a: &str, b: &str, score: f64, chars: usize) => " {row} × {col}: {a} ~ {b} · score {score:.3} ({chars} distinctive characters) · Enter opens it", " {row} × {col}：{a} ~ {b} · 得分 {score:.3}（特有 {chars} 字）· Enter 打开";
    corpus_heat_empty(row: &str, col: &str) => " {row} × {col}: no pair shares text", " {row} × {col}：没有共享文字的文档对";
    corpus_phrase_families(n: usize) => "{n} phrase families", "{n} 个短语族";
    corpus_specific => " (specific)", "（特有）";
    corpus_hide => "hide", "隐藏";
    corpus_show => "show", "显示";
    corpus_phrases_title(families: &str, specific: &str, sort: &str, reversed: &str, toggle: &str, search: &str) => " {families}{specific} · sorted by {sort}{reversed} (s, S) · c: {toggle} stock · F: <5% >20% · Enter: timeline{search}", " {families}{specific} · 按{sort}排序{reversed} (s, S) · c：{toggle}套话 · F：<5% >20% · Enter：时间线{search}";
    corpus_phrases_foot => " docs: documents carrying the phrase · common: share of the corpus carrying any of its forms · years: first and last · regions: in the order they took it up", " 文档：含该短语的文档数 · 常见度：含其任一形式的文档比例 · 年份：最早与最晚 · 地区：按采用先后";
    corpus_timeline_summary(docs: &str, years: usize, regions: usize) => " {docs} in {years} years and {regions} regions: every one below; ● carries it, ◉ the selected one", " {docs}，{years} 个年份、{regions} 个地区：全部列在下面；● 含该短语，◉ 为选中的";
    corpus_occurrences => " occurrences (j/k, h/l a year; x marks two, Enter opens them as a pair; Esc back):", " 出现（j/k，h/l 按年；x 标记两处，Enter 作为一对打开；Esc 返回）：";
    corpus_templates_title(templates: &str) => " {templates} · most documents first · Enter: values by year and region", " {templates} · 文档多者在前 · Enter：按年份和地区看取值";
    corpus_templates_foot => " frame: the fixed wording, {…} for each slot · values: the commonest fillings (documents)", " 框架：固定措辞，{…} 为空位 · 取值：最常见的填法（文档数）";
    corpus_instances => "instances (Enter opens the document there; x marks the one to compare with; Esc back):", "实例（Enter 在该处打开文档；x 标记要比较的一处；Esc 返回）：";
    corpus_search_prompt(text: &str, what: &str) => " /{text}▏ search {what} (Enter · Esc cancels)", " /{text}▏ 搜索{what}（Enter · Esc 取消）";
    corpus_search_occurrences => "the occurrences", "出现";
    corpus_search_names_texts => "document names and texts", "文档名和正文";
    corpus_search_names => "document names", "文档名";
    corpus_search_pairs => "pairs by document name", "文档对（按文档名）";
    corpus_search_groups => "group names", "组名";
    corpus_search_phrases => "phrases", "短语";
    corpus_search_templates => "templates by their wording or values", "模板（按措辞或取值）";
    corpus_filter_prompt(text: &str) => " filter: {text}▏ (kind, year or range, region: 2025..2026 政府工作报告 广东 · empty clears · Enter · Esc)", " 筛选：{text}▏（类型、年份或范围、地区：2025..2026 政府工作报告 广东 · 留空清除 · Enter · Esc）";
    corpus_hints => " Tab screen · Enter open · / search · F filter · s sort · ? help · q quit", " Tab 切换界面 · Enter 打开 · / 搜索 · F 筛选 · s 排序 · ? 帮助 · q 退出";
    corpus_help_title_scroll(from: usize, to: usize, of: usize) => " corpus keys (? or Esc closes; j k scroll: {from}–{to} of {of})", " 语料库按键（? 或 Esc 关闭；j k 滚动：{from}–{to}/{of}）";
    corpus_help_title => " corpus keys (? or Esc closes)", " 语料库按键（? 或 Esc 关闭）";
    sort_year => "year", "年份";
    sort_region => "region", "地区";
    sort_earlier => "share in earlier documents", "早期文档中的比例";
    sort_distinctive_share => "that share without slogans", "不计口号的比例";
    sort_main_source => "main source's share", "主要来源的比例";
    sort_length => "length", "长度";
    sort_score => "score", "得分";
    sort_distinctive_chars => "distinctive characters", "特有字数";
    sort_shared_chars => "shared characters", "共享字数";
    sort_documents => "documents", "文档数";
    sort_first_year => "first year", "最早年份";
    sort_regions => "regions", "地区";
    sort_commonness => "commonness", "常见度";
    corpus_key_does_nothing(key: &str) => "{key} does nothing here; ? lists the keys", "{key} 在此无作用；? 列出按键";
    corpus_grouped_by(by: &str) => "heatmap grouped by {by}", "热力图按{by}分组";
    corpus_stock_shown => "phrases: stock ones shown too, dimmed", "短语：套话也显示（暗显）";
    corpus_specific_only => "phrases: specific ones only", "短语：只显示特有的";
    corpus_pair_view_key(keys: &str) => "{keys} works in the pair view: Enter opens a pair", "{keys} 用于对照视图：Enter 打开一对";
    corpus_search_cleared => "search cleared", "已清除搜索";
    corpus_no_more_years => "no more years that way", "该方向没有更多年份";
    corpus_move_keys(across: &str, here: &str) => "{across} move across the heatmap and a phrase's timeline; here {here} move", "{across} 用于在热力图和短语时间线中移动；这里用 {here}";
    corpus_timeline_order => "a timeline is in year order; Esc goes back to the phrases", "时间线按年份排列；Esc 返回短语";
    corpus_heatmap_unsorted(key: &str) => "the heatmap is not sorted: {key} groups it by year or region; the pairs screen lists every pair", "热力图不排序：{key} 按年份或地区分组；文档对界面列出所有文档对";
    corpus_templates_order => "templates are listed by the documents that use them", "模板按使用它的文档数排列";
    corpus_sorted(what: &str, name: &str, dir: &str) => "{what} sorted by {name}{dir}", "{what}按{name}排序{dir}";
    corpus_what_documents => "documents", "文档";
    corpus_what_pairs => "pairs", "文档对";
    corpus_what_phrases => "phrases", "短语";
    corpus_filter_cleared(docs: &str) => "filter cleared: {docs}", "已清除筛选：{docs}";
    corpus_filter_pass(n: usize, docs: &str, filter: &str) => "{n} of {docs} pass {filter}", "{docs}中 {n} 篇符合 {filter}";
    corpus_no_occurrence_named(query: &str) => "no occurrence in a document named like {query}", "没有出现在名称像 {query} 的文档中";
    corpus_pairs_named(pairs: &str, query: &str) => "{pairs} with a document named like {query}", "{pairs}含名称像 {query} 的文档";
    corpus_row(label: &str) => "row {label}", "行 {label}";
    corpus_no_group(query: &str) => "no group named like {query}", "没有名称像 {query} 的组";
    corpus_template_of(k: usize, n: usize) => "template {k} of {n}", "第 {k}/{n} 个模板";
    corpus_no_template(query: &str) => "no template holds {query}", "没有模板含 {query}";
    corpus_search_too_long => "that search is too long", "搜索内容太长";
    corpus_no_distinct_phrase(query: &str, key: &str) => "no distinctive phrase holds {query}; {key} shows the slogans too", "没有特有短语含 {query}；{key} 可同时显示口号";
    corpus_phrases_hold(phrases: &str, query: &str) => "{phrases} hold {query}", "{phrases}含 {query}";
    corpus_docs_by_name_text(docs: &str, by_name: usize, by_text: usize, note: &str) => "{docs}: {by_name} by name, {by_text} carry the text{note}", "{docs}：{by_name} 篇按名称，{by_text} 篇含该文字{note}";
    corpus_docs_named(docs: &str, query: &str, note: &str) => "{docs} named like {query} (text search: taohua corpus --library){note}", "{docs}名称像 {query}（按正文搜索：taohua corpus --library）{note}";
    corpus_first_occurrence(key: &str) => "this is the first occurrence: mark two with {key}, or move to a later one", "这是第一次出现：用 {key} 标记两处，或移到后面的一处";
    corpus_no_year(doc: &str) => "{doc} has no year, so no document is earlier than it", "{doc} 没有年份，因此没有比它早的文档";
    corpus_no_earlier(doc: &str) => "{doc} has no earlier source: none of its distinctive text is in an earlier document", "{doc} 没有早期来源：其特有文字都不见于早期文档";
    corpus_no_pairs_here => "no pairs here", "这里没有文档对";
    corpus_no_pair_between => "no pair shares text between these two groups", "这两组之间没有共享文字的文档对";
    corpus_no_phrases_here => "no phrases here", "这里没有短语";
    corpus_mark_in_timeline(key: &str) => "{key} marks occurrences in a phrase's timeline (Enter on a phrase)", "{key} 用于在短语时间线中标记出现（在短语上按 Enter）";
    corpus_template_one_doc => "the template is used in one document only", "该模板只用于一篇文档";
    corpus_cannot_compare => "these two documents cannot be compared", "这两篇文档无法比较";

    // ---- The trace screen ----
    trace_not_here => "not on this screen: ? lists the keys", "此界面无此功能：? 列出按键";
    trace_no_further => "no further passage of this source", "此来源没有更多段落";
    trace_no_source => "no source: nothing of this document is in the library", "没有来源：本文档的内容都不在文档库中";
    trace_unreadable => "the source's text could not be read from the library", "无法从文档库读取来源的文本";
    trace_header(path: &str, reused: f64, stock: f64, sources: &str, original: f64) => " {path} · reused {reused:.1}% (stock {stock:.1}%) from {sources} · original {original:.1}%", " {path} · 复用 {reused:.1}%（套话 {stock:.1}%），来自 {sources} · 原创 {original:.1}%";
    trace_no_source_in_library => " no source in the library", " 文档库中没有来源";
    trace_hints => "j/k source · n/N its passages · Enter compare with it · ? help · q quit", "j/k 来源 · n/N 其段落 · Enter 与之比较 · ? 帮助 · q 退出";

    // ---- A corpus's provenance and labels ----
    provenance_library(docs: &str, path: &str) => "{docs} from the library {path}", "来自文档库 {path} 的{docs}";
    provenance_read(files: &str) => "{files} read", "读取{files}";
    provenance_outside(n: usize, filter: &str) => " ({n} outside {filter})", "（{n} 篇不符合 {filter}）";
    provenance_skipped(n: usize, why: &str) => "; {n} skipped: {why}", "；跳过 {n} 个：{why}";
    earlier_label(pct: f64, n: usize) => "{pct:.1}% from {n} earlier", "{pct:.1}% 来自 {n} 篇早期文档";
    source_label(pct: f64, source: &str) => "{pct:.1}% from {source}", "{pct:.1}% 来自 {source}";
    corpus_stock_reference(name: &str, documents: usize) => " or in the reference ({name}, {documents} documents)", "或参照（{name}，{documents} 篇文档）中常见";
    corpus_stock_means(share: f64, above: f64, common: usize, reference: &str) => "stock = passages with ≥ {share:.0}% of their characters in windows common in the corpus (carried by more than {above:.0}% of the documents, here ≥ {common}){reference}; specific = the rest", "套话 = 至少 {share:.0}% 的字落在语料库常见片段中（超过 {above:.0}% 的文档含有，这里即至少 {common} 篇）{reference}的文字；特有 = 其余";

    // ---- The Markdown reports ----
    md_left_right => "| | left | right |", "| | 左 | 右 |";
    md_file => "file", "文件";
    md_year_region_kind => "year · region · kind", "年份 · 地区 · 类型";
    md_characters => "characters", "字数";
    md_countable => "countable characters", "可计字数";
    md_reused => "**reused**", "**复用**";
    md_stock => "… stock", "… 套话";
    md_specific => "… specific", "… 特有";
    md_reused_note(counts: &str, min: usize, stock: &str) => "\nReused: {counts} of at least {min} characters; {stock}; specific: the rest.\n", "\n复用：{counts}，至少 {min} 字；{stock}；特有：其余。\n";
    md_passages(line: &str) => "- **Passages** {line}", "- **共享文字** {line}";
    md_units(line: &str) => "- **Units** {line}", "- **段落** {line}";
    md_top_header => "| # | characters | kind | left | right | text |", "| # | 字数 | 类型 | 左 | 右 | 文字 |";
    md_right_text(left: &str, right: &str) => "{left} (right: {right})", "{left}（右：{right}）";
    md_changes_heading => "\n## What changed in edited paragraphs\n", "\n## 改动段落中的改动\n";
    md_changes_header => "| left | right | similarity | changes |", "| 左 | 右 | 相似度 | 改动 |";
    md_more_edited(n: usize) => "\n{n} more edited units: `--format text` or `--format json` lists them all.", "\n另有 {n} 个改动段落：`--format text` 或 `--format json` 列出全部。";
    corpus_title(docs: &str) => "taohua corpus: {docs}", "taohua 语料库：{docs}";
    md_corpus_intro(docs: &str, skipped: &str, candidates: &str, pairs: &str, phrases: &str, stock: &str, min: usize) => "{docs} documents{skipped}, {candidates} candidate pairs compared, {pairs} pairs, {phrases} phrases. {stock}; passages of at least {min} characters.", "{docs} 篇文档{skipped}，比较了 {candidates} 个候选对，{pairs} 对，{phrases} 条短语。{stock}；共享文字至少 {min} 字。";
    md_skipped(n: usize) => " ({n} skipped)", "（跳过 {n} 个）";
    md_pairs_heading => "\n## Pairs sharing the most specific text for their length\n", "\n## 按长度共享特有文字最多的文档对\n";
    md_pairs_header => "| # | score | specific | shared | A reused | B reused | A | B |", "| # | 得分 | 特有 | 共享 | A 复用 | B 复用 | A | B |";
    md_specific_phrases => "Specific phrases in the most documents", "出现在最多文档中的特有短语";
    md_stock_phrases => "Stock phrases", "套话短语";
    md_family_note => "One row per phrase family: documents carrying any of its forms, their share of the corpus, and the other forms with their documents.\n", "每个短语族一行：含其任一形式的文档数、占语料库的比例，以及其他形式及其文档数。\n";
    md_phrases_header => "| documents | commonness | years | regions | text | variants |", "| 文档 | 常见度 | 年份 | 地区 | 文字 | 变体 |";
    md_earlier_heading => "\n## Documents: share already found in earlier documents\n", "\n## 文档：早期文档中已有的比例\n";
    md_earlier_header => "| id | reused | specific | document | mostly from |", "| 编号 | 复用 | 特有 | 文档 | 主要来自 |";

    // ---- The corpus text report ----
    ct_templates_heading(n: usize) => "Templates: recurring wording with slots ({n} found)", "模板：带空位的反复出现的措辞（共 {n} 个）";
    ct_templates_header(docs: &str, years: &str) => "{docs:>4} {years:>9}  frame, then values by year", "{docs:>4} {years:>9}  框架，下为按年份的取值";
    ct_first(summary: &str) => "taohua corpus: {summary}", "taohua 语料库：{summary}";
    ct_verbose => " (--verbose lists them)", "（--verbose 列出）";
    ct_counts(docs: &str, candidates: usize, pairs: usize, phrases: &str) => "{docs} · {candidates} candidate pairs compared · {pairs} sharing text · {phrases}", "{docs} · 比较了 {candidates} 个候选对 · {pairs} 对共享文字 · {phrases}";
    ct_min(stock: &str, min: usize) => "{stock}; passages ≥ {min} characters", "{stock}；共享文字至少 {min} 字";
    ct_pairs_heading => "Pairs sharing the most specific text for their length", "按长度共享特有文字最多的文档对";
    ct_pairs_note => "score = specific characters shared ÷ geometric mean of the two documents' countable characters;\nA, B = share of each document inside shared passages (stock included)", "得分 = 共享的特有字数 ÷ 两篇文档可计字数的几何平均；\nA、B = 各文档落在共享文字中的比例（含套话）";
    ct_col_specific => "specific", "特有";
    ct_col_a_document => "A document", "A 文档";
    ct_col_b_document => "  B document", "  B 文档";
    ct_col_regions => "regions (in the order they took it up)", "地区（按采用先后）";
    ct_col_text => "text (variants beneath: ↳ text ×documents)", "文字（下为变体：↳ 文字 ×文档数）";
    ct_phrases_note => "one row per phrase family (fragments of one formulation together); docs = documents carrying any of its forms; common = their share of the corpus", "每个短语族一行（同一表述的片段合在一起）；文档 = 含其任一形式的文档数；常见度 = 占语料库的比例";
    ct_earlier_note => "earlier = share of the document's countable characters found in any earlier (by year) document, the union over all of them;\nspecific = the same without stock text; main source = the share it shares with that one document", "早期 = 文档可计字数中见于任一（按年份）更早文档的比例，为所有早期文档的并集；\n特有 = 同上但不计套话；主要来源 = 与该文档共享的比例";
    ct_col_document => "document", "文档";
    ct_earlier_heading => "Documents: share already found in earlier documents", "文档：早期文档中已有的比例";

    // ---- The trace text report ----
    tr_against(library: &str, docs: usize, candidates: usize, compared: usize, itself: &str) => "traced against {library} ({docs} documents; {candidates} candidates, {compared} compared){itself}", "对照文档库 {library} 追溯（{docs} 篇文档；{candidates} 个候选，比较了 {compared} 个）{itself}";
    tr_itself => " — the library holds this text; it is not its own source", " —— 文档库已有此文本；它不算自己的来源";
    tr_reused(reused: f64, stock: f64, specific: f64, original: f64) => "\nReused  {reused:.1}% = stock {stock:.1}% + specific {specific:.1}% · original {original:.1}%", "\n复用  {reused:.1}% = 套话 {stock:.1}% + 特有 {specific:.1}% · 原创 {original:.1}%";
    tr_counted => "        counted: share of the document's countable characters (letters, digits, Han); each character is credited to at most one source: the earliest library document that carries it, ties to the closest in region and kind", "        计入：文档可计字符（字母、数字、汉字）中的比例；每个字最多归于一个来源：含有它的最早的文档库文档，同时则取地区和类型最接近的";
    tr_sources_heading => "\n── Sources, most characters first ──", "\n── 来源，字数多者在前 ──";
    tr_no_sources => "   none: no stretch of this document is in the library", "   无：本文档没有任何一段在文档库中";
    tr_source_row(k: usize, pct: f64, chars: usize, passages: usize, label: &str, facts: &str) => "{k:>4} {pct:>6.1}% {chars:>7} chars {passages:>4} passages  {label}  {facts}", "{k:>4} {pct:>6.1}% {chars:>7} 字 {passages:>4} 段  {label}  {facts}";
    tr_passages_heading => "\n── Passages, in reading order (source number in brackets) ──", "\n── 共享文字，按阅读顺序（方括号内为来源编号）──";
    tr_passage_row(start: u32, end: u32, source: usize, chars: usize, mark: &str, text: &str) => "{start:>7}–{end:<7} [{source}] {chars:>4} chars  {mark}{text}", "{start:>7}–{end:<7} [{source}] {chars:>4} 字  {mark}{text}";
    tr_title(doc: &str) => "Trace: {doc}", "追溯：{doc}";
    tr_summary(reused: f64, stock: f64, specific: f64, original: f64) => "Reused {reused:.1}% = stock {stock:.1}% + specific {specific:.1}% · original {original:.1}%", "复用 {reused:.1}% = 套话 {stock:.1}% + 特有 {specific:.1}% · 原创 {original:.1}%";
    tr_counts => "counted: share of the document's countable characters (letters, digits, Han); each character is credited to at most one source: the earliest library document that carries it, ties to the closest in region and kind", "计入：文档可计字符（字母、数字、汉字）中的比例；每个字最多归于一个来源：含有它的最早的文档库文档，同时则取地区和类型最接近的";
    tr_sources => "Sources, most characters first", "来源，字数多者在前";
    tr_sources_header => "| # | share | chars | passages | source | year · region · kind |", "| # | 比例 | 字数 | 段数 | 来源 | 年份 · 地区 · 类型 |";
    tr_passages => "Passages, in reading order", "共享文字，按阅读顺序";
    tr_passages_header => "| span | source | chars | kind | text |", "| 位置 | 来源 | 字数 | 类别 | 文字 |";
    tr_exact => "exact", "逐字";
    tr_edited => "bridged", "跨过小改动";
    tr_stock => "stock", "套话";
    tr_document => "The document, passages coloured by source", "文档全文，共享文字按来源着色";
    tr_passage_title(source: usize, chars: usize, kind: &str) => "source {source} · {chars} chars · {kind}", "来源 {source} · {chars} 字 · {kind}";

    // ---- The HTML pair report ----
    html_left => "left", "左";
    html_right => "right", "右";
    html_footer(min: usize) => "Made by taohua from the texts as it extracts them (<code>taohua extract FILE</code>); ¶ numbers are lines of those texts. Shortest passage: {min} countable characters.", "由 taohua 根据其提取的文本生成（<code>taohua extract FILE</code>）；¶ 编号为这些文本的行号。最短共享文字：{min} 个可计字符。";
    html_characters(n: &str) => "{n} characters", "{n} 字";
    html_summary => "Summary", "摘要";
    html_reused => "reused", "复用";
    html_bar => "specific · stock · not shared", "特有 · 套话 · 未共享";
    html_reused_note(counts: &str, min: usize) => "Reused: {counts} of at least {min} characters; ", "复用：{counts}，至少 {min} 字；";
    html_specific_rest => "; specific: the rest.", "；特有：其余。";
    html_passages => "Passages", "共享文字";
    html_units => "Units", "段落";
    html_bar_label(specific: &str, stock: &str) => "{specific} specific, {stock} stock", "特有 {specific}，套话 {stock}";
    html_legend => "Legend", "图例";
    html_top_header => "<th class=\"num\">#</th><th class=\"num\">characters</th><th>kind</th><th>left</th><th>right</th><th>text</th>", "<th class=\"num\">#</th><th class=\"num\">字数</th><th>类型</th><th>左</th><th>右</th><th>文字</th>";
    html_right_text => "right: ", "右：";

    // ---- The library's text reports ----
    col_path => "path", "路径";
    info_library(path: &str) => "library   {path}", "文档库  {path}";
    info_documents(n: usize) => "documents {n}", "文档数  {n}";
    info_chars(chars: u64, mb: f64) => "chars     {chars} ({mb:.1} MB of text)", "字数    {chars}（文本 {mb:.1} MB）";
    info_undated(n: usize) => "; {n} documents without a year", "；{n} 篇无年份";
    info_years(a: i32, b: i32, n: usize, undated: &str) => "years     {a}–{b} ({n} years{undated})", "年份    {a}–{b}（{n} 个年份{undated}）";
    info_years_none => "years     none known", "年份    不详";
    info_more(n: usize) => " · +{n} more", " · 另 {n} 个";
    info_regions(n: usize, list: &str) => "regions   {n} ({list})", "地区    {n} 个（{list}）";
    info_kinds(n: usize, list: &str) => "kinds     {n} ({list})", "类型    {n} 种（{list}）";
    lib_skipped(what: &str) => "skipped {what}", "已跳过 {what}";
    lib_no_such_documents(what: &str) => "{what}: no such documents in the library (see `taohua library list`)", "{what}：文档库中没有这些文档（见 `taohua library list`）";
    lib_no_data_folder => "no data folder is known for the library (HOME is not set); name one with --library FILE", "不知道文档库放在哪个数据文件夹（未设置 HOME）；请用 --library FILE 指定";
    find_times(n: usize) => " (×{n})", "（×{n}）";
    err_stdin_unreadable(why: &std::io::Error) => "-: cannot read standard input: {why}", "-：无法读取标准输入：{why}";

    // ---- The reference, grow, man ----
    ref_heading(name: &str, docs: &str) => "reference {name}: {docs}", "参照 {name}：{docs}";
    ref_no_year => "no year", "无年份";
    ref_none => "no reference: only the slogan list marks stock language", "无参照：只用口号表标记套话";
    ref_built(path: &str, docs: &str, bytes: usize) => "{path}: {docs}, {bytes} bytes", "{path}：{docs}，{bytes} 字节";
    grow_written(n: usize, dir: &str) => "{n} documents written to {dir}", "已将 {n} 篇文档写入 {dir}";
    grow_no_documents(dir: &str) => "{dir}: no documents found", "{dir}：没有找到文档";
    grow_not_empty(dir: &str) => "{dir}: exists and is not an empty folder", "{dir}：已存在且不是空文件夹";
    man_written(n: usize, dir: &str) => "{n} manual pages written to {dir}", "已将 {n} 份手册页写入 {dir}";
    out_is_file(dir: &str) => "{dir}: is a file, not a folder; give --out a folder (it is created if needed)", "{dir}：是文件而不是文件夹；--out 请给出文件夹（不存在会自动创建）";

    // ---- Corpus input and usage errors ----
    err_common_above(value: f64) => "--common-above {value}: give a share between 0 and 1", "--common-above {value}：请给出 0 到 1 之间的比例";
    err_table_needs_csv(table: &str) => "--table {table}: --table chooses the table of --format csv; add --format csv (the text and JSON reports hold every table)", "--table {table}：--table 用于选择 --format csv 输出哪张表；请加上 --format csv（文本和 JSON 报告包含所有表）";
    err_include_with_library => "--include and --exclude choose files of a folder; with --library use --kind, --year or --region", "--include 和 --exclude 用于选择文件夹中的文件；使用 --library 时请用 --kind、--year 或 --region";
    err_out_needs_html => "--out DIR writes the HTML report and its pair reports: add --format html", "--out DIR 用于写出 HTML 报告及其文档对报告：请加上 --format html";
    corpus_skipped_file(path: &str, why: &str) => "skipped {path}: {why}", "已跳过 {path}：{why}";
    corpus_unreadable_count(n: usize, total: usize) => "{n} of {total} files skipped (unreadable)", "{total} 个文件中有 {n} 个无法读取，已跳过";
    corpus_html_written(index: &str, n: usize, dir: &str) => "{index} and {n} pair reports written to {dir}", "已将 {index} 和 {n} 份文档对报告写入 {dir}";
    err_no_documents_found(names: &str, why: &str) => "{names}: no documents found (.txt, .docx, .html, .md){why}", "{names}：没有找到文档（.txt、.docx、.html、.md）{why}";
    corpus_left_out(n: usize, list: &str) => "; {n} left out ({list})", "；{n} 个未纳入（{list}）";
    err_none_readable(names: &str, n: usize) => "{names}: none of the {n} files could be read", "{names}：{n} 个文件都无法读取";
    err_none_pass(names: &str, docs: &str) => "{names}: none of the {docs} passes --kind/--year/--region", "{names}：{docs}都不符合 --kind/--year/--region";
    err_eval_no_documents(dir: &str) => "{dir}: no readable .txt documents", "{dir}：没有可读取的 .txt 文档";
    err_not_glob(option: &str, glob: &str, why: &str) => "{option} {glob}: not a glob: {why}", "{option} {glob}：不是有效的通配模式：{why}";

    // ---- Why a file was skipped ----
    skip_hidden => "hidden", "隐藏";
    skip_project_file => "README-like", "说明类文件";
    skip_other_type => "not a document type", "非文档类型";
    skip_link => "symbolic link", "符号链接";
    skip_excluded => "--exclude", "被 --exclude 排除";
    skip_not_included => "not --include", "不符合 --include";
    skip_unreadable => "unreadable", "无法读取";
    skip_hidden_why => "hidden (name it on the command line to read it)", "隐藏文件（在命令行上写明即可读取）";
    skip_project_file_why => "a README, LICENSE or the like (name it on the command line to read it)", "README、LICENSE 之类的文件（在命令行上写明即可读取）";
    skip_other_type_why => "not a type of document taohua reads", "不是 taohua 能读取的文档类型";
    skip_link_why => "a link to a folder or to nothing (links to folders are not followed)", "指向文件夹或不存在目标的链接（不跟随指向文件夹的链接）";
    skip_excluded_why(glob: &str) => "matches --exclude {glob}", "匹配 --exclude {glob}";
    skip_not_included_why => "matches no --include", "不匹配任何 --include";

    // ---- Encodings ----
    warning => "warning", "警告";
    enc_runner_up(name: &str, pct: f64) => "; {name} reads it too ({pct:.0}% plausible)", "；按 {name} 也能读（可信度 {pct:.0}%）";
    enc_guessed(path: &str, encoding: &str, pct: f64, other: &str) => "{path}: the encoding was guessed: read as {encoding} ({pct:.0}% of its characters are common Chinese){other}; if the text looks wrong, name the encoding (--encoding NAME, or {path}:NAME)", "{path}：编码是猜测的：按 {encoding} 读取（{pct:.0}% 的字符为常用汉字）{other}；如果文字看起来不对，请指定编码（--encoding 编码名，或 {path}:编码名）";
    enc_unknown_after_colon(text: &str, label: &str) => "{text}: unknown encoding {label:?} after the ':'; name one such as utf-8, gb18030, gbk, big5, big5-hkscs or utf-16le", "{text}：':' 后的编码 {label:?} 未知；请指定 utf-8、gb18030、gbk、big5、big5-hkscs 或 utf-16le 等编码";
    enc_unknown_option(option: &str, label: &str) => "{option} {label}: unknown encoding; try utf-8, gb18030, gbk, big5, big5-hkscs or utf-16le", "{option} {label}：未知编码；可用 utf-8、gb18030、gbk、big5、big5-hkscs 或 utf-16le";

    // ---- The configuration ----
    cfg_print_head => "# taohua config --print: the settings in effect, and where each came from", "# taohua config --print：当前生效的设置及各自的来源";
    cfg_folder(dir: &str, via: &str) => "# configuration folder: {dir} ({via})", "# 配置文件夹：{dir}（{via}）";
    cfg_file_read(path: &str) => "#   {path}: read", "#   {path}：已读取";
    cfg_file_absent(path: &str) => "#   {path}: absent", "#   {path}：不存在";
    cfg_no_folder => "no configuration folder: neither XDG_CONFIG_HOME nor HOME is set", "没有配置文件夹：XDG_CONFIG_HOME 和 HOME 都未设置";
    cfg_from(origin: &str) => "# from {origin}", "# 来自 {origin}";
    cfg_keymap_builtin => "built-in", "内置";
    cfg_keymap_over(file: &str) => "{file} over the built-in", "{file} 覆盖内置";
    origin_default => "the default", "默认值";
    at_line(path: &str, line: usize) => "{path}: line {line}", "{path}：第 {line} 行";
    cfg_invalid(at: &str, message: &str, keys: &str) => "{at}: {message} (valid keys: {keys})", "{at}：{message}（可用的键：{keys}）";
    cfg_no_theme(named: &str, builtin: &str) => "{named}: no such theme or theme file (built-in: {builtin})", "{named}：没有这个主题或主题文件（内置主题：{builtin}）";

    // ---- Progress bars ----
    progress_adding => "adding", "添加";
    progress_normalising => "normalising", "规范化";
    progress_indexing => "indexing", "建立索引";
    progress_comparing => "comparing pairs", "比较文档对";
    progress_phrases => "phrases", "提取短语";
    progress_templates => "templates", "查找模板";
    progress_documents => "documents", "篇文档";
    progress_pairs => "pairs", "对";

    // ---- The HTML corpus report ----
    hc_intro(docs: &str, skipped: &str, candidates: &str, pairs: &str, phrases: &str, stock: &str, min: usize) => "{docs} documents{skipped}, {candidates} candidate pairs compared, {pairs} pairs, {phrases} phrases. {stock}; passages and phrases of at least {min} characters.", "{docs} 篇文档{skipped}，比较了 {candidates} 个候选对，{pairs} 对，{phrases} 条短语。{stock}；共享文字和短语至少 {min} 字。";
    hc_nav => "<nav class=\"note screen\"><a href=\"#heat-region\">heatmap by region</a> · <a href=\"#heat-year\">by year</a> · <a href=\"#pairs\">pairs</a> · <a href=\"#phrases\">phrases</a> · <a href=\"#common\">stock phrases</a> · <a href=\"#documents\">documents</a></nav>", "<nav class=\"note screen\"><a href=\"#heat-region\">按地区的热力图</a> · <a href=\"#heat-year\">按年份</a> · <a href=\"#pairs\">文档对</a> · <a href=\"#phrases\">短语</a> · <a href=\"#common\">套话短语</a> · <a href=\"#documents\">文档</a></nav>";
    hc_footer => "<footer>Made by taohua. Scores, shares and phrases are those of <code>taohua corpus --format json</code>.</footer>", "<footer>由 taohua 生成。得分、比例和短语与 <code>taohua corpus --format json</code> 的相同。</footer>";
    hc_heat_heading(what: &str) => "Strongest pair between {what}", "各{what}之间最强的一对";
    hc_heat_note(what: &str, click: &str) => "A cell is the pair of documents, one from each of its two {what}, that shares the most distinctive text for its length (the pairs' score); darker is higher, and an outlined cell had no pair worth comparing. Hover a cell for its pair{click}.", "每格是分属两个{what}的文档中、按长度共享特有文字最多的一对（即文档对的得分）；颜色越深得分越高，只有边框的格子没有值得比较的文档对。鼠标悬停在格子上可看到这一对{click}。";
    hc_click_report => ", and click it for the pair's report when the pair is among the ranked pairs below", "；若它在下方排名的文档对中，点击可打开其报告";
    hc_click_row => ", and click it for the pair's row when it is among the ranked pairs below", "；若它在下方排名的文档对中，点击可跳到其所在行";
    hc_no_pairs => "No pairs.", "没有文档对。";
    hc_heat_label(what: &str) => "strongest pair between {what}", "各{what}之间最强的一对";
    hc_cell_title(row: &str, col: &str, score: f64, rank: usize) => "{row} × {col}: score {score:.3}, rank {rank}", "{row} × {col}：得分 {score:.3}，排名 {rank}";
    hc_pairs_head => "<th class=\"num\">#</th><th class=\"num\">score</th><th class=\"num\">specific</th><th class=\"num\">shared</th><th class=\"num\">A reused</th><th class=\"num\">B reused</th><th>A</th><th>B</th><th>report</th>", "<th class=\"num\">#</th><th class=\"num\">得分</th><th class=\"num\">特有</th><th class=\"num\">共享</th><th class=\"num\">A 复用</th><th class=\"num\">B 复用</th><th>A</th><th>B</th><th>报告</th>";
    hc_side_by_side => "side by side", "并排对照";
    hc_with_out => "with --out DIR", "需 --out DIR";
    hc_family_note => "One row per phrase family: the documents carrying any of its forms, their share of the corpus, and its other forms with their documents.", "每个短语族一行：含其任一形式的文档数、占语料库的比例，以及其他形式及其文档数。";
    hc_timelines_heading => "Timelines: where and when each phrase appears", "时间线：各短语出现的地区和年份";
    hc_timelines_note => "One row per region in the order it took the phrase up, one column per year in which a document carries it; ● marks a document, and the first year is bold.", "每个地区一行，按采用该短语的先后排列；每个有文档含该短语的年份一列；● 表示一篇文档，最早的年份加粗。";
    hc_phrases_head => "<th class=\"num\">documents</th><th class=\"num\">commonness</th><th>years</th><th>regions</th><th>text</th><th>variants</th>", "<th class=\"num\">文档</th><th class=\"num\">常见度</th><th>年份</th><th>地区</th><th>文字</th><th>变体</th>";
    hc_unplaced(n: usize) => "{n} of its documents have no year or no region and are not in the grid.", "其中 {n} 篇文档没有年份或地区，未列入表格。";
    hc_documents_head => "<th class=\"num\">id</th><th class=\"num\">reused</th><th class=\"num\">specific</th><th>document</th><th>mostly from</th>", "<th class=\"num\">编号</th><th class=\"num\">复用</th><th class=\"num\">特有</th><th>文档</th><th>主要来自</th>";
    hc_back => "the corpus report", "语料库报告";

    // ---- Filters (--year, the corpus screens' F) and the corpus screens' notes ----
    filter_not_year(text: &str) => "{text:?} is not a year; give 2024 or 2020..2025", "{text:?} 不是年份；请写 2024 或 2020..2025";
    filter_years_reversed(a: i32, b: i32) => "{a}..{b}: the first year comes after the second", "{a}..{b}：前一个年份晚于后一个";
    filter_commonness_bound(term: &str) => "{term}: a commonness bound lies between 0% and 100%", "{term}：常见度的界限应在 0% 到 100% 之间";
    filter_one_year(term: &str) => "{term}: one year or range of years at a time", "{term}：一次只能给一个年份或年份范围";
    filter_ambiguous(value: &str, n: usize, names: &str) => "{value} is part of {n} names: {names}; type more of one", "{value} 是 {n} 个名称的一部分：{names}；请多输入几个字";
    filter_one_kind(term: &str) => "{term}: one kind at a time", "{term}：一次只能给一种类型";
    filter_one_region(term: &str) => "{term}: one region at a time", "{term}：一次只能给一个地区";
    filter_no_such(term: &str) => "{term}: no kind or region of this corpus is named like that (a year is 2025 or 2020..2025)", "{term}：本语料库没有这样命名的类型或地区（年份写作 2025 或 2020..2025）";
    corpus_punctuation_only => "type letters, figures or Chinese: punctuation alone matches nothing", "请输入字母、数字或汉字：只有标点匹配不到任何内容";
    corpus_no_documents_here => "no documents here: F or / with nothing clears the filter or search", "这里没有文档：F 或 / 后不输入内容即清除筛选或搜索";
    lib_no_documents(path: &str) => "{path}: no documents; add some with `taohua library add FOLDER`", "{path}：没有文档；请用 `taohua library add 文件夹` 添加";
    lib_none_pass(path: &str) => "{path}: no documents pass --kind/--year/--region", "{path}：没有文档符合 --kind/--year/--region";
    html_moved_title(para: u32) => "moved: the right text sits at ¶{para} of the right document", "移动：右侧文字在右文档的 ¶{para}";

    // ---- Configuration values, references, and what a step was doing ----
    cfg_width_values(value: u8) => "ambiguous_width = {value}: must be 1 or 2", "ambiguous_width = {value}：只能是 1 或 2";
    cfg_lang_values(value: &str) => "lang = {value:?}: must be \"zh\" or \"en\"", "lang = {value:?}：只能是 \"zh\" 或 \"en\"";
    cfg_colors_values(value: &str) => "colors = {value:?}: must be \"24bit\", \"256\" or \"16\"", "colors = {value:?}：只能是 \"24bit\"、\"256\" 或 \"16\"";
    ref_no_library_folder => "--reference library: no data folder is known; name the library file", "--reference library：不知道数据文件夹在哪里；请写出文档库文件";
    ref_no_such(spec: &str) => "--reference {spec}: no such file or folder (give built-in, none, library, a library or reference file, or a folder)", "--reference {spec}：没有这个文件或文件夹（可给出 built-in、none、library、文档库或参照文件，或一个文件夹）";
    ref_making(path: &str) => "making a reference table of the library {path} for the corpus", "正在为语料库用文档库 {path} 制作参照表";
    ref_no_documents => "no readable documents to build a reference from", "没有可读取的文档来制作参照";
    ctx_slogans(path: &str) => "reading the slogan list {path}", "读取口号表 {path}";
    ctx_pair_view => "the pair view failed", "对比界面出错";
    ctx_corpus_screens => "the corpus screens failed", "语料库界面出错";
    ctx_trace_screen => "the trace screen failed", "溯源界面出错";
    ctx_writing(path: &str) => "writing {path}", "写入 {path}";
    ctx_creating(path: &str) => "creating {path}", "创建 {path}";

    // ---- taohua eval (text tables) ----
    eval_title(docs: &str, seed: u64, seconds: f64) => "taohua eval: {docs}, seed {seed}, {seconds:.1} s", "taohua eval：{docs}，随机种子 {seed}，{seconds:.1} 秒";
    eval_col_pair => "pair", "文档对";
    eval_col_found => "found", "找到";
    eval_col_genuine => "genuine", "真实";
    eval_col_link_p => "link P", "对齐 P";
    eval_col_link_r => "link R", "对齐 R";
    eval_col_moved => "moved", "移动";
    eval_synthetic => "synthetic", "合成";
    eval_hard => "hard synthetic", "高难合成";
    eval_one_line => "one-line synthetic", "单行合成";
    eval_real => "real", "真实";
    eval_totals(what: &str, pairs: usize, recall: f64, found: usize, truth: usize, precision: f64, genuine: usize, reported: usize) => "\n{what} pairs: {pairs}  passage recall {recall:.2}% ({found}/{truth})  precision {precision:.2}% ({genuine}/{reported})", "\n{what}文档对：{pairs}  共享文字召回率 {recall:.2}%（{found}/{truth}）  准确率 {precision:.2}%（{genuine}/{reported}）";
    eval_links(p: f64, r: f64, f1: f64, moved: f64, marked: usize, total: usize, placement: f64) => "  links P {p:.3} R {r:.3} F1 {f1:.3}   moved marked {moved:.1}% ({marked}/{total})   passages in their source paragraph {placement:.1}%", "  对齐 P {p:.3} R {r:.3} F1 {f1:.3}   移动标出 {moved:.1}%（{marked}/{total}）   共享文字落在其来源段落 {placement:.1}%";
    eval_moved_by_kind(kinds: &str) => "  moved marked by kind: {kinds}", "  按类型的移动标出：{kinds}";
    eval_related(threshold: f64) => "\nrelated threshold {threshold:.2}: in-order pairs below it are `related`, not `match`", "\n相关阈值 {threshold:.2}：低于它的顺序对为 `related`，而非 `match`";
    eval_versions => "versions (synthetic, 1:1)", "版本（合成，1:1）";
    eval_unrelated => "unrelated, same place (synthetic)", "无关，位置相同（合成）";
    eval_neighbours => "partner's neighbour (real)", "对应段落的邻段（真实）";
    eval_in_order => "in-order 1:1 units (real)", "顺序 1:1 段落（真实）";
    eval_spread(what: &str, n: usize, min: f64, p1: f64, p5: f64, median: f64, p95: f64, p99: f64, max: f64, below: f64) => "  {what} n {n:>6}  min {min:.2}  p1 {p1:.2}  p5 {p5:.2}  median {median:.2}  p95 {p95:.2}  p99 {p99:.2}  max {max:.2}  below {below:.1}%", "  {what} n {n:>6}  最小 {min:.2}  p1 {p1:.2}  p5 {p5:.2}  中位数 {median:.2}  p95 {p95:.2}  p99 {p99:.2}  最大 {max:.2}  低于阈值 {below:.1}%";
    eval_bins(bins: &str) => "  in-order 1:1 units (real) by similarity, bins of 0.05: {bins}", "  顺序 1:1 段落（真实）按相似度分组，组距 0.05：{bins}";
    eval_stock_title(docs: usize, pairs: usize, seconds: f64) => "taohua eval --stock: {docs} documents, {pairs} pairs, {seconds:.1} s", "taohua eval --stock：{docs} 篇文档，{pairs} 对，{seconds:.1} 秒";
    stock_col_pair => "pair (held-out reference)", "文档对（留出的参照）";
    stock_col_docs => "docs", "文档";
    stock_col_passages => "pass.", "段数";
    stock_col_formulation => "formulation→stk", "表述→套话";
    stock_col_specific => "specific→spec", "特有→特有";
    stock_col_left => "L reused/stock", "左 复用/套话";
    stock_col_right => "R reused/stock", "右 复用/套话";
    stock_col_common => "common", "常见";
    stock_col_stock => "stock", "套话";
    stock_col_formulation_long => "formulation → stock", "表述 → 套话";
    stock_col_specific_long => "specific → specific", "特有 → 特有";
    stock_col_stock_passages => "stock passages", "套话段数";
    stock_default => "  (default)", "  （默认）";
    reissue_title(docs: usize, seed: u64, seconds: f64) => "taohua eval --reissue: {docs} documents, seed {seed}, {seconds:.1} s", "taohua eval --reissue：{docs} 篇文档，随机种子 {seed}，{seconds:.1} 秒";
    reissue_copies_heading => "\n── Re-issued copies ──", "\n── 翻印件 ──";
    reissue_col_copy => "copy", "翻印件";
    reissue_col_substitutions => "substitutions", "替换";
    reissue_col_occurrences => "occurrences", "出现";
    reissue_col_left => "left", "遗留地名";
    reissue_col_false => "false", "误报";
    reissue_missed(text: &str) => "    missed  {text}", "    漏报  {text}";
    reissue_false_alarm(text: &str) => "    false alarm  {text}", "    误报  {text}";
    reissue_totals_heading => "\n── Totals ──", "\n── 合计 ──";
    reissue_totals(copies: usize, subs: &str, sf: usize, st: usize, occ: &str, of: usize, ot: usize, left: &str, lf: usize, lt: usize, alarms: usize, per: f64, worst: usize) => "copies {copies}: substitutions found {subs} ({sf}/{st}), occurrences {occ} ({of}/{ot}), names left behind found {left} ({lf}/{lt}), false alarms {alarms} ({per:.2} a copy, at most {worst} in one)", "翻印件 {copies} 份：找到替换 {subs}（{sf}/{st}），出现 {occ}（{of}/{ot}），找到遗留地名 {left}（{lf}/{lt}），误报 {alarms} 处（每份 {per:.2} 处，单份最多 {worst} 处）";
    reissue_same_province => "same-province pairs", "同省文档对";
    reissue_cross_province => "cross-province pairs", "跨省文档对";
    reissue_pairs(what: &str, n: usize, raised: usize, per: f64, with: usize, evidence: usize) => "{what} {n}: leftovers raised {raised} ({per:.3} a pair) in {with} pairs; {evidence} pairs with a place or name substitution", "{what} {n} 对：报出遗留地名 {raised} 处（每对 {per:.3} 处），涉及 {with} 对；{evidence} 对有地名或名称替换";

    // ---- Errors of the library, find, output, keymaps, themes ----
    lib_err_missing(path: &str) => "{path}: no library here; add documents first with `taohua library add FOLDER` (or name another library with --library FILE)", "{path}：这里没有文档库；请先用 `taohua library add 文件夹` 添加文档（或用 --library FILE 指定另一个文档库）";
    lib_err_folder(path: &str) => "{path}: a folder, not a library file; name the file, such as {path}/library.sqlite", "{path}：是文件夹而不是文档库文件；请写出文件名，如 {path}/library.sqlite";
    lib_err_not_library(path: &str, detail: &str) => "{path}: not a taohua library ({detail}); nothing was changed; name another file with --library FILE", "{path}：不是 taohua 文档库（{detail}）；未作任何改动；请用 --library FILE 指定另一个文件";
    lib_err_corrupt(path: &str, detail: &str) => "{path}: the library is damaged ({detail}); nothing was changed; move it aside and add the documents again with `taohua library add`", "{path}：文档库已损坏（{detail}）；未作任何改动；请把它移走，再用 `taohua library add` 重新添加文档";
    lib_err_newer(path: &str, found: i32, ours: i32) => "{path}: this library was written by a newer taohua (schema {found}; this one reads up to {ours}); nothing was changed; update taohua", "{path}：该文档库由较新版本的 taohua 写入（格式版本 {found}；本版本最多读取 {ours}）；未作任何改动；请更新 taohua";
    lib_err_read_only(path: &str, detail: &str) => "{path}: cannot write the library here ({detail}); name a writable place with --library FILE", "{path}：无法在此写入文档库（{detail}）；请用 --library FILE 指定可写的位置";
    find_too_short(n: usize) => "the text has {n} characters after normalisation; give at least 3 (punctuation and white space do not count)", "规范化后只剩 {n} 个字；请至少给出 3 个（标点和空白不计）";
    find_lines => "the text runs over a line break; look for one line at a time", "文字跨越了换行；请一次查一行";
    out_cannot_write(path: &str, why: &std::io::Error) => "{path}: cannot write the report: {why}; give --out a folder you can write to", "{path}：无法写入报告：{why}；--out 请给出可写的文件夹";
    keymap_syntax(why: &str) => "the keymap is not valid: {why} (each binding is a [[binding]] table with action = \"…\", keys = [\"…\", …] and an optional description = \"…\")", "按键映射无效：{why}（每个绑定是一个 [[binding]] 表，含 action = \"…\"、keys = [\"…\", …]，可选 description = \"…\"）";
    keymap_action(line: usize, name: &str, known: &str) => "line {line}: unknown action {name:?} (known: {known})", "第 {line} 行：未知操作 {name:?}（可用：{known}）";
    keymap_key(line: usize, action: &str, key: &str, syntax: &str) => "line {line}: action {action}: cannot read key {key:?}; {syntax}", "第 {line} 行：操作 {action}：无法识别按键 {key:?}；{syntax}";
    keymap_key_syntax => "a key is a single character such as \"j\", \"?\" or \"G\" (shift-g); a named key: down, up, left, right, pageup, pagedown, home, end, tab, backtab, enter, esc, space, backspace, delete, insert, f1 to f12; or either after \"ctrl-\" or \"alt-\", such as \"ctrl-d\"", "按键可以是单个字符，如 \"j\"、\"?\" 或 \"G\"（shift-g）；或按键名：down、up、left、right、pageup、pagedown、home、end、tab、backtab、enter、esc、space、backspace、delete、insert、f1 到 f12；或在二者前加 \"ctrl-\" 或 \"alt-\"，如 \"ctrl-d\"";
    theme_syntax(why: &str) => "the theme is not valid: {why}", "主题无效：{why}";
    theme_colour(role: &str, value: &str) => "role {role}: unknown colour {value:?} (use a name such as \"yellow\" or \"#rrggbb\")", "角色 {role}：未知颜色 {value:?}（请用 \"yellow\" 之类的颜色名或 \"#rrggbb\"）";
    theme_role(role: &str) => "unknown role {role:?} (known: exact, edited, stock, changed, unit, heading, selected, bridge, header, focus, gutter, status, overview, viewport, filler, ghost, search, help, source-1 … source-6)", "未知角色 {role:?}（可用：exact, edited, stock, changed, unit, heading, selected, bridge, header, focus, gutter, status, overview, viewport, filler, ghost, search, help, source-1 … source-6）";

    // ---- Manifests and file-name patterns (the core's MetaError, worded here) ----
    meta_manifest_empty => "the manifest is empty; its first line must name the columns, e.g. `file<TAB>year<TAB>region<TAB>kind`", "清单是空的；第一行必须写出列名，如 `file<TAB>year<TAB>region<TAB>kind`";
    meta_no_file_column(found: &str) => "the manifest header has no `file` column (found: {found}); name the column that holds each document's file name `file`", "清单表头没有 `file` 列（现有：{found}）；请把存放各文档文件名的那一列命名为 `file`";
    meta_no_field_column(found: &str) => "the manifest header names none of `year`, `region`, `kind`, `encoding` (found: {found}); add at least one of these columns", "清单表头没有 `year`、`region`、`kind`、`encoding` 中的任何一列（现有：{found}）；请至少加上其中一列";
    meta_duplicate_column(name: &str) => "the manifest header names the column `{name}` twice; keep one of them", "清单表头有两个 `{name}` 列；请只保留一个";
    meta_column_count(line: usize, found: usize, expected: usize, delimiter: &str) => "manifest line {line}: {found} columns, but the header has {expected}; check for a missing or extra {delimiter} (quote a value that contains one with \"…\")", "清单第 {line} 行：{found} 列，但表头有 {expected} 列；请检查是否少了或多了 {delimiter}（含分隔符的值请用 \"…\" 括起来）";
    meta_year(line: usize, value: &str) => "manifest line {line}: the year `{value}` is not a year from 1900 to 2199; write four digits such as 2017, or leave the cell empty", "清单第 {line} 行：年份 `{value}` 不在 1900 到 2199 之间；请写四位数字，如 2017，或留空";
    meta_encoding(line: usize, value: &str) => "manifest line {line}: unknown encoding `{value}`; use a name such as utf-8, gb18030, gbk, big5, big5-hkscs, utf-16le or utf-16be, or leave the cell empty to detect it", "清单第 {line} 行：未知编码 `{value}`；请用 utf-8、gb18030、gbk、big5、big5-hkscs、utf-16le 或 utf-16be 等编码名，或留空以自动检测";
    meta_empty_file(line: usize) => "manifest line {line}: the `file` cell is empty; give the document's file name, e.g. 2017_安徽省_政府工作报告.txt", "清单第 {line} 行：`file` 一格是空的；请写出文档的文件名，如 2017_安徽省_政府工作报告.txt";
    meta_duplicate_file(line: usize, file: &str, first: usize) => "manifest line {line}: `{file}` is already listed on line {first}; keep one row per file", "清单第 {line} 行：`{file}` 已在第 {first} 行列出；每个文件只保留一行";
    meta_unclosed_quote(line: usize) => "manifest line {line}: a quoted value is never closed; add the closing `\"` (a quote inside a quoted value is written `\"\"`)", "清单第 {line} 行：引号括起的值没有闭合；请补上结尾的 `\"`（值内的引号写作 `\"\"`）";
    meta_stray_quote(line: usize) => "manifest line {line}: text follows a closing `\"`; a quoted value must end at the delimiter (a quote inside it is written `\"\"`)", "清单第 {line} 行：结尾的 `\"` 后还有文字；引号括起的值必须在分隔符处结束（值内的引号写作 `\"\"`）";
    meta_pattern_empty => "the file-name pattern is empty; use e.g. `{year}_{region}_{kind}`", "文件名模式是空的；请用如 `{year}_{region}_{kind}` 的模式";
    meta_pattern_placeholder(pattern: &str, name: &str) => "file-name pattern `{pattern}`: unknown placeholder `{{{name}}}`; use {{year}}, {{region}}, {{kind}}, {{title}} or {{_}} (to ignore a part)", "文件名模式 `{pattern}`：未知占位符 `{{{name}}}`；请用 {{year}}、{{region}}、{{kind}}、{{title}} 或 {{_}}（忽略一部分）";
    meta_pattern_unclosed(pattern: &str) => "file-name pattern `{pattern}`: a `{{` is never closed; write placeholders as `{{year}}`", "文件名模式 `{pattern}`：有 `{{` 没有闭合；占位符写作 `{{year}}`";
    meta_pattern_stray_brace(pattern: &str) => "file-name pattern `{pattern}`: a `}}` without its `{{`; braces may only surround a placeholder", "文件名模式 `{pattern}`：有 `}}` 没有对应的 `{{`；花括号只能用于括住占位符";
    meta_pattern_adjacent(pattern: &str, first: &str, second: &str) => "file-name pattern `{pattern}`: `{{{first}}}` and `{{{second}}}` touch; put literal text such as `_` between placeholders so the name can be split", "文件名模式 `{pattern}`：`{{{first}}}` 和 `{{{second}}}` 紧挨着；请在占位符之间放入 `_` 之类的文字，以便拆分文件名";
    meta_pattern_duplicate(pattern: &str, name: &str) => "file-name pattern `{pattern}`: `{{{name}}}` appears twice; name each field once (use `{{_}}` for parts to ignore)", "文件名模式 `{pattern}`：`{{{name}}}` 出现了两次；每个字段只写一次（要忽略的部分用 `{{_}}`）";
    meta_pattern_no_field(pattern: &str) => "file-name pattern `{pattern}` has no field; include at least one of {{year}}, {{region}}, {{kind}}, {{title}}", "文件名模式 `{pattern}` 没有字段；请至少包含 {{year}}、{{region}}、{{kind}}、{{title}} 之一";
}

/// A unit kind's word (`crate` identifiers stay in the JSON).
pub fn op(op: taohua_core::compare::Op) -> &'static str {
    use taohua_core::compare::Op;
    match op {
        Op::Match => op_match(),
        Op::Related => op_related(),
        Op::Moved => op_moved(),
        Op::Split => op_split(),
        Op::Merge => op_merge(),
        Op::Delete => op_delete(),
        Op::Insert => op_insert(),
    }
}

/// A substitution kind's word.
pub fn substitution_kind(kind: taohua_core::compare::substitutions::Kind) -> &'static str {
    use taohua_core::compare::substitutions::Kind;
    match kind {
        Kind::Place => kind_place(),
        Kind::Figure => kind_figure(),
        Kind::Date => kind_date(),
        Kind::Name => kind_name(),
        Kind::Other => kind_other(),
    }
}

/// A passage kind's word, for an identifier `exact`, `edited`, `bridged`,
/// `stock` (others as they are).
pub fn passage_kind(id: &'static str) -> &'static str {
    match id {
        "exact" => passage_exact(),
        "edited" => passage_edited(),
        "bridged" => passage_bridged(),
        "stock" => passage_stock(),
        other => other,
    }
}

/// `The 3 longest specific passages`, `The longest specific passage`: the
/// heading of a report's top passages (text, Markdown and HTML add their
/// own frame).
fn top_passages(n: usize) -> String {
    match super::lang() {
        super::Lang::En if n == 1 => "The longest specific passage".to_string(),
        super::Lang::En => format!("The {n} longest specific passages"),
        super::Lang::Zh => format!("最长的 {n} 段特有共享文字"),
    }
}

/// `── The 3 longest specific passages (not stock) ──`.
pub fn text_top_heading(n: usize) -> String {
    match super::lang() {
        super::Lang::En => format!("── {} (not stock) ──", top_passages(n)),
        super::Lang::Zh => format!("── {}（不含套话）──", top_passages(n)),
    }
}

/// `## The 3 longest specific passages`, between blank lines.
pub fn md_top_heading(n: usize) -> String {
    format!("\n## {}\n", top_passages(n))
}

/// The HTML report's heading of its top passages.
pub fn html_top_heading(n: usize) -> String {
    top_passages(n)
}

/// `⚠ 3 names of 湖北省 left in the right document: ¶4, ¶9`.
pub fn leftover_warning(n: usize, region: &str, side: &str, at: &str) -> String {
    match super::lang() {
        super::Lang::En => {
            let names = if n == 1 { "name" } else { "names" };
            format!("⚠ {n} {names} of {region} left in the {side} document: {at}")
        }
        super::Lang::Zh => format!("⚠ {side}文档中遗留 {region} 的地名 {n} 处：{at}"),
    }
}

/// `  (+1 form)`, `  (+2 forms)`: a phrase family's other forms.
pub fn corpus_forms(n: usize) -> String {
    match super::lang() {
        super::Lang::En if n == 1 => "  (+1 form)".to_string(),
        super::Lang::En => format!("  (+{n} forms)"),
        super::Lang::Zh => format!("  （另 {n} 种形式）"),
    }
}

/// `3 documents carry “…” (library)`; `1 document carries …`.
pub fn find_carry(docs: &str, n: usize, text: &str, library: &str) -> String {
    match super::lang() {
        super::Lang::En => {
            let verb = if n == 1 { "carries" } else { "carry" };
            format!("{docs} {verb} “{text}” ({library})")
        }
        super::Lang::Zh => format!("{docs}含有“{text}”（{library}）"),
    }
}

/// `on disk   1.2 MB (3.40× the text), 2 index segments`.
pub fn info_on_disk(mb: f64, ratio: f64, segments: usize) -> String {
    match super::lang() {
        super::Lang::En => {
            let s = if segments == 1 { "" } else { "s" };
            format!("on disk   {mb:.1} MB ({ratio:.2}× the text), {segments} index segment{s}")
        }
        super::Lang::Zh => {
            format!("磁盘    {mb:.1} MB（文本的 {ratio:.2} 倍），{segments} 个索引段")
        }
    }
}

/// `2 documents removed from lib.sqlite`.
pub fn lib_removed(n: usize, library: &str) -> String {
    match super::lang() {
        super::Lang::En => {
            let s = if n == 1 { "" } else { "s" };
            format!("{n} document{s} removed from {library}")
        }
        super::Lang::Zh => format!("已从 {library} 删除 {n} 篇文档"),
    }
}

/// A row of `reference info`: `   12  讲话  2019–2024  5 regions`.
pub fn ref_row(n: usize, kind: &str, span: &str, regions: usize) -> String {
    match super::lang() {
        super::Lang::En => {
            let s = if regions == 1 { "" } else { "s" };
            format!("{n:>5}  {kind}  {span}  {regions} region{s}")
        }
        super::Lang::Zh => format!("{n:>5}  {kind}  {span}  {regions} 个地区"),
    }
}
