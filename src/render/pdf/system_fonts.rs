//! Fonts installed on the machine (the Linux, macOS and Windows font folders, found through
//! `fontdb` as Typst's own command line does), searched only for the characters that the
//! built-in and theme fonts miss, in an order that suits each language and script.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use typst::foundations::Bytes;
use typst::text::Font;
use unicode_script::{Script, UnicodeScript};

/// Whether fonts of the machine may be used: `CIRCLEKIT_SYSTEM_FONTS=0` turns them off.
pub fn enabled() -> bool {
    std::env::var("CIRCLEKIT_SYSTEM_FONTS").map_or(true, |v| v.trim() != "0")
}

/// The fonts taken from the machine for one build.
#[derive(Default)]
pub struct Chosen {
    /// The faces to add to the built-in and theme fonts.
    pub fonts: Vec<Font>,
    /// Per language, the families chosen for it, in order of preference.
    pub families: HashMap<String, Vec<String>>,
    /// (path, size, modification time) of every file used, for the cache key.
    pub files: Vec<(PathBuf, u64, Option<std::time::SystemTime>)>,
}

/// Chooses fonts of the machine for the characters each language misses: the families of
/// `first` (`[print] fonts`), then the usual families of the character's script for the
/// language, then any family that covers it.
pub fn choose(need: &[(String, Vec<char>)], first: &[String]) -> Chosen {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut by_family: BTreeMap<String, Vec<fontdb::ID>> = BTreeMap::new();
    for face in db.faces() {
        if let Some((name, _)) = face.families.first() {
            by_family.entry(name.clone()).or_default().push(face.id);
        }
    }
    let mut chosen = Chosen::default();
    let mut loaded: HashMap<PathBuf, Bytes> = HashMap::new();
    let mut taken: Vec<String> = Vec::new();
    for (lang, chars) in need {
        let mut left = chars.clone();
        let mut order: Vec<String> = first.to_vec();
        for c in chars {
            order.extend(preferred(lang, *c));
        }
        order.extend(by_family.keys().cloned());
        let mut seen = std::collections::HashSet::new();
        order.retain(|f| seen.insert(f.clone()));
        let mut mine = Vec::new();
        for family in order {
            if left.is_empty() {
                break;
            }
            let Some(ids) = by_family.get(&family) else {
                continue;
            };
            let covered = covers(&db, representative(&db, ids), &left);
            if covered.is_empty() {
                continue;
            }
            left.retain(|c| !covered.contains(c));
            if !taken.contains(&family) {
                load(&db, ids, &mut loaded, &mut chosen);
                taken.push(family.clone());
            }
            mine.push(family);
        }
        chosen.families.insert(lang.clone(), mine);
    }
    chosen
}

/// The regular face of a family, else its first.
fn representative(db: &fontdb::Database, ids: &[fontdb::ID]) -> fontdb::ID {
    ids.iter()
        .copied()
        .find(|id| {
            db.face(*id).is_some_and(|f| {
                f.weight == fontdb::Weight::NORMAL && f.style == fontdb::Style::Normal
            })
        })
        .unwrap_or(ids[0])
}

/// The characters of `chars` that a face has glyphs for.
fn covers(db: &fontdb::Database, id: fontdb::ID, chars: &[char]) -> Vec<char> {
    db.with_face_data(id, |data, index| {
        let Ok(face) = ttf_parser::Face::parse(data, index) else {
            return Vec::new();
        };
        chars
            .iter()
            .copied()
            .filter(|c| face.glyph_index(*c).is_some())
            .collect()
    })
    .unwrap_or_default()
}

/// Adds the upright and italic faces of normal and bold weight of a family.
fn load(
    db: &fontdb::Database,
    ids: &[fontdb::ID],
    loaded: &mut HashMap<PathBuf, Bytes>,
    chosen: &mut Chosen,
) {
    let useful = |f: &fontdb::FaceInfo| {
        f.stretch == fontdb::Stretch::Normal
            && (f.weight == fontdb::Weight::NORMAL || f.weight == fontdb::Weight::BOLD)
    };
    let mut faces: Vec<&fontdb::FaceInfo> = ids
        .iter()
        .filter_map(|id| db.face(*id))
        .filter(|f| useful(f))
        .collect();
    if faces.is_empty() {
        faces.extend(db.face(representative(db, ids)));
    }
    for face in faces {
        let path = match &face.source {
            fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
            fontdb::Source::Binary(_) => continue,
        };
        let bytes = match loaded.get(&path) {
            Some(b) => b.clone(),
            None => {
                let Ok(data) = std::fs::read(&path) else {
                    continue;
                };
                let meta = std::fs::metadata(&path).ok();
                chosen.files.push((
                    path.clone(),
                    data.len() as u64,
                    meta.and_then(|m| m.modified().ok()),
                ));
                let b = Bytes::new(data);
                loaded.insert(path.clone(), b.clone());
                b
            }
        };
        chosen.fonts.extend(Font::new(bytes, face.index));
    }
}

/// Whether a character shows as an emoji: it has Emoji_Presentation, or U+FE0F follows it.
pub fn is_emoji(c: char, next: Option<char>) -> bool {
    use unicode_properties::{EmojiStatus as S, UnicodeEmoji};
    if c.is_ascii() {
        return false;
    }
    next == Some('\u{FE0F}')
        || matches!(
            c.emoji_status(),
            S::EmojiPresentation
                | S::EmojiPresentationAndModifierBase
                | S::EmojiPresentationAndEmojiComponent
                | S::EmojiPresentationAndModifierAndEmojiComponent
        )
}

/// The primary language subtag and the region or script, lower case: "zh-hant" → ("zh", "hant").
fn split_lang(lang: &str) -> (String, String) {
    let lower = lang.to_ascii_lowercase().replace('_', "-");
    let mut parts = lower.split('-');
    let primary = parts.next().unwrap_or("").to_string();
    (primary, parts.collect::<Vec<_>>().join("-"))
}

/// The families that suit a character in a language, best first.
pub fn preferred(lang: &str, c: char) -> Vec<String> {
    let (primary, rest) = split_lang(lang);
    let names: &[&str] = match c.script() {
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => {
            cjk_fonts(&primary, &rest, c.script())
        }
        Script::Arabic if matches!(primary.as_str(), "ur") => &[
            "Noto Nastaliq Urdu",
            "Noto Naskh Arabic",
            "Noto Sans Arabic",
            "Geeza Pro",
            "Segoe UI",
        ],
        Script::Arabic => &[
            "Noto Naskh Arabic",
            "Noto Sans Arabic",
            "Geeza Pro",
            "Segoe UI",
            "Arial",
        ],
        Script::Hebrew => &[
            "Noto Serif Hebrew",
            "Noto Sans Hebrew",
            "Arial Hebrew",
            "Segoe UI",
            "Arial",
        ],
        s if indic(s) => &["Nirmala UI", "Kohinoor Devanagari"],
        _ if is_emoji(c, None) => &[
            "Noto Color Emoji",
            "Apple Color Emoji",
            "Segoe UI Emoji",
            "Noto Emoji",
        ],
        _ => &[],
    };
    let mut out: Vec<String> = Vec::new();
    if !matches!(
        c.script(),
        Script::Common | Script::Inherited | Script::Unknown
    ) && (names.is_empty() || indic(c.script()))
    {
        let script = c.script().full_name().replace('_', " ");
        out.push(format!("Noto Serif {script}"));
        out.push(format!("Noto Sans {script}"));
    }
    out.extend(names.iter().map(|s| s.to_string()));
    out
}

/// The fonts for Chinese, Japanese and Korean text, by the language (and its region or
/// script: Traditional Chinese for Taiwan, Hong Kong, Macao and `Hant`).
fn cjk_fonts(primary: &str, rest: &str, script: Script) -> &'static [&'static str] {
    const KOREAN: &[&str] = &[
        "Noto Serif CJK KR",
        "Noto Sans CJK KR",
        "Apple SD Gothic Neo",
        "Malgun Gothic",
    ];
    let traditional = ["tw", "hk", "mo", "hant"].iter().any(|r| rest.contains(r));
    match primary {
        "ko" => KOREAN,
        "zh" if rest.contains("hk") => &[
            "Noto Serif CJK HK",
            "Noto Sans CJK HK",
            "PingFang HK",
            "Microsoft JhengHei",
        ],
        "zh" if traditional => &[
            "Noto Serif CJK TC",
            "Noto Sans CJK TC",
            "PingFang TC",
            "Microsoft JhengHei",
        ],
        "zh" => &[
            "Noto Serif CJK SC",
            "Noto Sans CJK SC",
            "PingFang SC",
            "Microsoft YaHei",
        ],
        _ if script == Script::Hangul => KOREAN,
        _ => &[
            "Noto Serif CJK JP",
            "Noto Sans CJK JP",
            "Hiragino Mincho ProN",
            "Yu Mincho",
            "Yu Gothic",
        ],
    }
}

fn indic(s: Script) -> bool {
    matches!(
        s,
        Script::Devanagari
            | Script::Bengali
            | Script::Tamil
            | Script::Telugu
            | Script::Kannada
            | Script::Malayalam
            | Script::Gujarati
            | Script::Gurmukhi
            | Script::Oriya
            | Script::Sinhala
    )
}

/// What to install for a character's script, on Debian/Ubuntu, macOS and Windows.
pub fn install_help(c: char) -> String {
    let script = c.script();
    let name = script.full_name().replace('_', " ");
    match script {
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => {
            "install a font for this script: on Debian/Ubuntu `apt install fonts-noto-cjk`; on macOS `brew install --cask font-noto-sans-cjk` (or use Hiragino/PingFang, built in); on Windows add the language in Settings › Time & language › Language & region (it brings Yu Gothic, Malgun Gothic or Microsoft YaHei)".to_string()
        }
        _ if is_emoji(c, None) => {
            "install an emoji font: on Debian/Ubuntu `apt install fonts-noto-color-emoji`; macOS and Windows have one built in".to_string()
        }
        _ => format!(
            "install a font for the {name} script: on Debian/Ubuntu `apt install fonts-noto-core`; on macOS `brew install --cask font-noto-sans-{}`; on Windows add the language in Settings › Time & language › Language & region, or install Noto Sans {name} from fonts.google.com",
            name.to_ascii_lowercase().replace(' ', "-")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_the_cjk_family_of_each_language() {
        assert_eq!(preferred("ja", '週')[0], "Noto Serif CJK JP");
        assert_eq!(preferred("zh-Hant", '週')[0], "Noto Serif CJK TC");
        assert_eq!(preferred("zh-TW", '週')[0], "Noto Serif CJK TC");
        assert_eq!(preferred("zh", '週')[0], "Noto Serif CJK SC");
        assert_eq!(preferred("ko", '주')[0], "Noto Serif CJK KR");
        assert_eq!(preferred("ar", 'ع')[0], "Noto Naskh Arabic");
        assert_eq!(preferred("hi", 'क')[0], "Noto Serif Devanagari");
        assert_eq!(preferred("ta", 'த')[1], "Noto Sans Tamil");
    }

    #[test]
    fn knows_emoji_by_presentation_or_selector() {
        assert!(is_emoji('😄', None));
        assert!(is_emoji('❤', Some('\u{FE0F}')));
        assert!(!is_emoji('❤', None));
        assert!(!is_emoji('週', None));
    }
}
