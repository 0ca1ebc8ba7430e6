//! The domain data in `dictionaries/`, compiled into the binary.
//!
//! Legal words, the charge table, checklists and rule thresholds are data, not code. They are
//! embedded at build time so a fresh binary works anywhere; setting `ANGUAN_DICTIONARIES` to a
//! folder with the same layout overrides any file found there (a province's own thresholds, a new
//! charge) without rebuilding.

use std::borrow::Cow;
use std::path::PathBuf;

/// The embedded files: (path relative to `dictionaries/`, contents).
///
/// Each stage adds the files it reads here, next to each other, so the set of data the binary
/// carries is visible in one place.
static EMBEDDED: &[(&str, &str)] = &[
    ("card_columns.toml", include_str!("../dictionaries/card_columns.toml")),
    ("charges.toml", include_str!("../dictionaries/charges.toml")),
    ("checklists/不起诉决定书.toml", include_str!("../dictionaries/checklists/不起诉决定书.toml")),
    ("checklists/交通肇事罪.toml", include_str!("../dictionaries/checklists/交通肇事罪.toml")),
    ("checklists/危险驾驶罪.toml", include_str!("../dictionaries/checklists/危险驾驶罪.toml")),
    ("checklists/寻衅滋事罪.toml", include_str!("../dictionaries/checklists/寻衅滋事罪.toml")),
    (
        "checklists/帮助信息网络犯罪活动罪.toml",
        include_str!("../dictionaries/checklists/帮助信息网络犯罪活动罪.toml"),
    ),
    ("checklists/开设赌场罪.toml", include_str!("../dictionaries/checklists/开设赌场罪.toml")),
    (
        "checklists/掩饰隐瞒犯罪所得罪.toml",
        include_str!("../dictionaries/checklists/掩饰隐瞒犯罪所得罪.toml"),
    ),
    ("checklists/故意伤害罪.toml", include_str!("../dictionaries/checklists/故意伤害罪.toml")),
    ("checklists/毒品犯罪.toml", include_str!("../dictionaries/checklists/毒品犯罪.toml")),
    ("checklists/盗窃罪.toml", include_str!("../dictionaries/checklists/盗窃罪.toml")),
    ("checklists/认罪认罚具结书.toml", include_str!("../dictionaries/checklists/认罪认罚具结书.toml")),
    ("checklists/诈骗罪.toml", include_str!("../dictionaries/checklists/诈骗罪.toml")),
    ("checklists/起诉书.toml", include_str!("../dictionaries/checklists/起诉书.toml")),
    ("checklists/起诉意见书.toml", include_str!("../dictionaries/checklists/起诉意见书.toml")),
    ("checklists/量刑建议书.toml", include_str!("../dictionaries/checklists/量刑建议书.toml")),
    ("checklists/量刑情节.toml", include_str!("../dictionaries/checklists/量刑情节.toml")),
    ("extract/cues.toml", include_str!("../dictionaries/extract/cues.toml")),
    ("extract/surnames.txt", include_str!("../dictionaries/extract/surnames.txt")),
    ("extract/tagger.tsv", include_str!("../dictionaries/extract/tagger.tsv")),
    ("legal.dict", include_str!("../dictionaries/legal.dict")),
    ("rules.toml", include_str!("../dictionaries/rules.toml")),
    ("sections.toml", include_str!("../dictionaries/sections.toml")),
];

/// The override folder, if `ANGUAN_DICTIONARIES` names one.
pub fn override_dir() -> Option<PathBuf> {
    std::env::var_os("ANGUAN_DICTIONARIES").map(PathBuf::from).filter(|p| p.is_dir())
}

/// The text of a dictionary file: the override folder's copy if there is one, else the embedded
/// copy; `None` when neither exists.
pub fn text(name: &str) -> Option<Cow<'static, str>> {
    if let Some(s) = override_dir().and_then(|dir| std::fs::read_to_string(dir.join(name)).ok()) {
        return Some(Cow::Owned(s));
    }
    EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, s)| Cow::Borrowed(*s))
}

/// Names of the embedded files under a folder prefix (e.g. `"checklists/"`).
pub fn embedded_names(prefix: &str) -> Vec<&'static str> {
    EMBEDDED.iter().map(|(n, _)| *n).filter(|n| n.starts_with(prefix)).collect()
}
