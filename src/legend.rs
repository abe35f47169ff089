//! What each colour and mark on the screens means: the one list that the
//! pair view's help screen and status-bar legend, the corpus screens' help
//! and the HTML report's legend are drawn from, so that no legend can
//! disagree with the colours the theme gives or the marks the gutter draws
//! (the README's gutter table is checked against [`Gutter::EXAMPLES`] by a
//! test).
//!
//! A colour's entry names its role; the swatch is drawn in the theme's
//! style for that role and [`look`] says in words how that style looks
//! ("dark on yellow", "grey, underlined"), from the colours themselves, so a
//! user's theme gets a legend that describes it.

use crate::i18n::msg;
use crate::theme::{Colour, Role, Style};

/// One colour of a legend.
#[derive(Debug, Clone, Copy)]
pub struct ColourKey {
    /// The role whose style the sample is drawn in.
    pub role: Role,
    /// The sample text (as the screens would mark it).
    pub sample: &'static str,
    /// A word or two for the one-line legend (in the language in effect).
    pub short: fn() -> &'static str,
    /// What the colour means (in the language in effect).
    pub meaning: fn() -> &'static str,
}

/// The colours of the pair view (and of the HTML pair report).
pub const PAIR: [ColourKey; 8] = [
    ColourKey {
        role: Role::Exact,
        sample: "共享原文",
        short: msg::legend_exact_short,
        meaning: msg::legend_exact,
    },
    ColourKey {
        role: Role::Edited,
        sample: "稍作改动",
        short: msg::legend_edited_short,
        meaning: msg::legend_edited,
    },
    ColourKey {
        role: Role::Bridge,
        sample: "改动处",
        short: msg::legend_bridge_short,
        meaning: msg::legend_bridge,
    },
    ColourKey {
        role: Role::Stock,
        sample: "套话",
        short: msg::legend_stock_short,
        meaning: msg::legend_stock,
    },
    ColourKey {
        role: Role::Changed,
        sample: "8.5%",
        short: msg::legend_changed_short,
        meaning: msg::legend_changed,
    },
    ColourKey {
        role: Role::Leftover,
        sample: "京山市",
        short: msg::legend_leftover_short,
        meaning: msg::legend_leftover,
    },
    ColourKey {
        role: Role::Selected,
        sample: "选中",
        short: msg::legend_selected_short,
        meaning: msg::legend_selected,
    },
    ColourKey {
        role: Role::Search,
        sample: "搜索",
        short: msg::legend_search_short,
        meaning: msg::legend_search,
    },
];

/// The colours of the corpus screens.
pub const CORPUS: [ColourKey; 4] = [
    ColourKey {
        role: Role::Selected,
        sample: "▶ 选中",
        short: msg::legend_cursor_short,
        meaning: msg::legend_cursor,
    },
    ColourKey {
        role: Role::Overview,
        sample: "█▓▒░",
        short: msg::legend_shade_short,
        meaning: msg::legend_shade,
    },
    ColourKey {
        role: Role::Exact,
        sample: "●",
        short: msg::legend_occurrence_short,
        meaning: msg::legend_occurrence,
    },
    ColourKey {
        role: Role::Ghost,
        sample: "套话",
        short: msg::legend_common_short,
        meaning: msg::legend_common,
    },
];

/// A unit's mark in the gutter between the panes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Gutter {
    /// Identical paragraphs.
    Identical,
    /// An edited paragraph, with its similarity.
    Edited(f64),
    /// Related: the same place and topic, little text in common.
    Related(f64),
    /// Moved: the right text sits at this paragraph.
    Moved(u32),
    /// Where moved text sits.
    MovedFrom,
    /// A split, with its similarity.
    Split(f64),
    /// A merge, with its similarity.
    Merge(f64),
    /// A removed paragraph beside the new one in its place.
    Replaced,
    /// Left only.
    Deleted,
    /// Right only.
    Inserted,
    /// A fold of identical paragraphs.
    Fold,
}

/// The columns a gutter label may take (the gutter is one wider, for a
/// margin): `↷ R¶9999` with `¶` two columns wide fits (a test checks).
pub const GUTTER_LABEL_COLUMNS: usize = 9;

impl Gutter {
    /// The label drawn in the gutter.
    pub fn label(self) -> String {
        match self {
            Gutter::Identical => "= 1.00".into(),
            Gutter::Edited(s) => format!("~ {s:.2}"),
            Gutter::Related(s) => format!("≈ {s:.2}"),
            Gutter::Moved(p) => format!("↷ R¶{p}"),
            Gutter::MovedFrom => msg::gutter_moved_from().into(),
            Gutter::Split(s) => format!("⇉ {s:.2}"),
            Gutter::Merge(s) => format!("⇇ {s:.2}"),
            Gutter::Replaced => msg::gutter_new().into(),
            Gutter::Deleted => msg::gutter_only_left().into(),
            Gutter::Inserted => msg::gutter_only_right().into(),
            Gutter::Fold => msg::gutter_fold().into(),
        }
    }

    /// What the mark means.
    pub fn meaning(self) -> &'static str {
        match self {
            Gutter::Identical => msg::gutter_identical_means(),
            Gutter::Edited(_) => msg::gutter_edited_means(),
            Gutter::Related(_) => msg::gutter_related_means(),
            Gutter::Moved(_) => msg::gutter_moved_means(),
            Gutter::MovedFrom => msg::gutter_moved_from_means(),
            Gutter::Split(_) => msg::gutter_split_means(),
            Gutter::Merge(_) => msg::gutter_merge_means(),
            Gutter::Replaced => msg::gutter_replaced_means(),
            Gutter::Deleted => msg::gutter_deleted_means(),
            Gutter::Inserted => msg::gutter_inserted_means(),
            Gutter::Fold => msg::gutter_fold_means(),
        }
    }

    /// One example of each mark, in the order the legends list them.
    pub const EXAMPLES: [Gutter; 11] = [
        Gutter::Identical,
        Gutter::Edited(0.84),
        Gutter::Related(0.27),
        Gutter::Moved(45),
        Gutter::MovedFrom,
        Gutter::Split(0.91),
        Gutter::Merge(0.91),
        Gutter::Replaced,
        Gutter::Deleted,
        Gutter::Inserted,
        Gutter::Fold,
    ];
}

/// Named colours and where they sit, for [`colour_name`].
const NAMED: [(&str, (u8, u8, u8)); 15] = [
    ("black", (0, 0, 0)),
    ("dark grey", (60, 60, 60)),
    ("grey", (135, 135, 135)),
    ("light grey", (205, 205, 205)),
    ("white", (255, 255, 255)),
    ("red", (230, 80, 80)),
    ("dark red", (150, 30, 30)),
    ("orange", (255, 150, 30)),
    ("yellow", (240, 210, 60)),
    ("green", (80, 180, 80)),
    ("cyan", (80, 190, 200)),
    ("blue", (40, 100, 220)),
    ("purple", (150, 80, 200)),
    ("magenta", (220, 60, 200)),
    ("pink", (240, 130, 160)),
];

/// A colour's name in words: the basic colours by their names, others by
/// the nearest of a few named ones.
pub fn colour_name(c: Colour) -> &'static str {
    const BASIC: [&str; 16] = [
        "black",
        "red",
        "green",
        "yellow",
        "blue",
        "magenta",
        "cyan",
        "white",
        "grey",
        "bright red",
        "bright green",
        "bright yellow",
        "bright blue",
        "bright magenta",
        "bright cyan",
        "bright white",
    ];
    if let Colour::Ansi(k) = c {
        if let Some(name) = BASIC.get(usize::from(k)) {
            return name;
        }
    }
    let (r, g, b) = c.rgb();
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
    NAMED
        .iter()
        .min_by_key(|(_, (nr, ng, nb))| d(r, *nr) + d(g, *ng) + d(b, *nb))
        .map_or("", |(name, _)| name)
}

/// How a style looks, in words (in the language in effect): `dark grey on
/// yellow`, `grey, underlined`, `red, bold`.
pub fn look(style: Style) -> String {
    let name = |c| msg::colour(colour_name(c));
    let mut out = match (style.fg, style.bg) {
        (Some(fg), Some(bg)) => msg::look_on(name(fg), name(bg)),
        (None, Some(bg)) => msg::look_bg(name(bg)),
        (Some(fg), None) => name(fg).to_string(),
        (None, None) => msg::look_plain().to_string(),
    };
    for (on, word) in [
        (style.bold, msg::look_bold()),
        (style.underline, msg::look_underlined()),
        (style.dim, msg::look_dim()),
    ] {
        if on {
            out.push_str(msg::list_sep());
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::{Depth, Theme};

    #[test]
    fn every_gutter_label_fits_the_gutter_in_every_language() {
        let widest = [
            Gutter::Moved(9999),
            Gutter::Deleted,
            Gutter::Inserted,
            Gutter::Edited(0.99),
            Gutter::MovedFrom,
        ];
        for lang in crate::i18n::Lang::ALL {
            crate::i18n::scoped(lang, || {
                for g in widest.into_iter().chain(Gutter::EXAMPLES) {
                    let w = crate::columns::width(&g.label(), true);
                    assert!(w <= GUTTER_LABEL_COLUMNS, "{} is {w} columns", g.label());
                }
            });
        }
    }

    #[test]
    fn the_default_theme_reads_as_the_issue_describes_it() {
        let dark = Theme::default();
        let words: Vec<String> = PAIR.iter().map(|k| look(dark.style(k.role))).collect();
        assert_eq!(words[0], "black on yellow");
        assert_eq!(words[1], "black on cyan");
        assert_eq!(words[3], "grey, underlined");
        assert_eq!(words[4], "red, bold");
        assert_eq!(words[6], "black on orange, bold");
    }

    #[test]
    fn every_theme_keeps_its_marks_apart_at_every_depth() {
        for name in Theme::builtin_names() {
            let theme = Theme::builtin(name).unwrap_or_default();
            for depth in Depth::ALL {
                let t = theme.at_depth(depth);
                for legend in [&PAIR[..], &CORPUS[..]] {
                    for (i, a) in legend.iter().enumerate() {
                        for b in &legend[i + 1..] {
                            assert_ne!(
                                t.style(a.role),
                                t.style(b.role),
                                "{name} at {depth:?}: {:?} and {:?} look alike",
                                a.role,
                                b.role
                            );
                        }
                    }
                }
            }
        }
    }
}
