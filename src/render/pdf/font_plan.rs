//! Which fonts each PDF of a build uses: the built-in and theme fonts, plus fonts of the
//! machine only when those miss a character, and stand-ins for emoji no font has.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use crate::stable_hash;

use typst::text::Font;

use super::fonts::{missing_of, stand_ins};
use super::job::Job;
use super::system_fonts;
use crate::diagnostic::Diagnostic;

/// The fonts of a build and what each document needs of them.
pub struct FontPlan {
    /// Every font the documents may use.
    pub fonts: Vec<Font>,
    /// Per job (in the order of the jobs): the families to try after the template's own.
    pub families: Vec<Vec<String>>,
    /// Per job: the emoji no font has, printed as stand-ins.
    pub emoji: Vec<Vec<char>>,
    /// The files taken from the machine: (path, size, modification time).
    files: Vec<(std::path::PathBuf, u64, Option<std::time::SystemTime>)>,
}

/// The families of the fonts built into circlekit.
fn builtin_family(family: &str) -> bool {
    family == "Libertinus Serif"
        || family == "DejaVu Sans Mono"
        || family.starts_with("New Computer Modern")
}

/// Scripts the built-in text fonts are made for (Libertinus Serif has Hebrew too).
fn latin_like(c: char) -> bool {
    use unicode_script::{Script, UnicodeScript};
    matches!(
        c.script(),
        Script::Latin
            | Script::Greek
            | Script::Cyrillic
            | Script::Hebrew
            | Script::Common
            | Script::Inherited
            | Script::Unknown
    )
}

/// The language of a job, from its path `downloads/<lang>/…`.
fn lang_of<'a>(job: &'a Job<'_>) -> &'a str {
    job.path.split('/').nth(1).unwrap_or("")
}

impl FontPlan {
    /// Plans the fonts of `jobs` from the built-in and theme fonts `base`; the machine's
    /// fonts are searched only when `base` misses a character (and `CIRCLEKIT_SYSTEM_FONTS`
    /// is not 0), `first` (`[print] fonts`) before the others.
    pub fn new(jobs: &[Job<'_>], base: Vec<Font>, first: &[String]) -> FontPlan {
        // Built-in fonts cover some other scripts only in mathematics or monospace faces
        // (Arabic, Devanagari): those are looked for on the machine as well.
        let suited: Vec<Font> = base
            .iter()
            .filter(|f| !builtin_family(&f.info().family))
            .cloned()
            .collect();
        let mut need: BTreeMap<String, Vec<char>> = BTreeMap::new();
        let mut missed = vec![false; jobs.len()];
        for (i, job) in jobs.iter().enumerate() {
            let text = &job.source.text;
            let mut m = missing_of(text, &base, false);
            m.extend(missing_of(text, &base, true));
            let weak: Vec<char> = missing_of(text, &suited, false)
                .into_iter()
                .filter(|c| !m.contains(c) && !latin_like(*c))
                .collect();
            m.extend(weak);
            if m.is_empty() {
                continue;
            }
            missed[i] = true;
            let list = need.entry(lang_of(job).to_string()).or_default();
            for c in m {
                if !list.contains(&c) {
                    list.push(c);
                }
            }
        }
        let chosen = if need.is_empty() || !system_fonts::enabled() {
            system_fonts::Chosen::default()
        } else {
            let need: Vec<(String, Vec<char>)> = need.into_iter().collect();
            system_fonts::choose(&need, first)
        };
        let mut fonts = base;
        fonts.extend(chosen.fonts);
        let families = jobs
            .iter()
            .zip(&missed)
            .map(|(job, m)| match m {
                true => chosen
                    .families
                    .get(lang_of(job))
                    .cloned()
                    .unwrap_or_default(),
                false => Vec::new(),
            })
            .collect();
        let emoji = jobs
            .iter()
            .zip(&missed)
            .map(|(job, m)| match m {
                true => missing_of(&job.source.text, &fonts, true),
                false => Vec::new(),
            })
            .collect();
        FontPlan {
            fonts,
            families,
            emoji,
            files: chosen.files,
        }
    }

    /// The cache key of job `i`'s fonts, from the key of what all PDFs share: the files of
    /// the machine's fonts count by path, size and modification time.
    pub fn key(&self, common: u64, i: usize) -> u64 {
        if self.families[i].is_empty() && self.emoji[i].is_empty() {
            return common;
        }
        let mut h = stable_hash::hasher();
        common.hash(&mut h);
        self.families[i].hash(&mut h);
        self.emoji[i].hash(&mut h);
        self.files.hash(&mut h);
        h.finish()
    }

    /// The Typst source of job `i`: its stand-ins for emoji, then its text.
    pub fn source(&self, jobs: &[Job<'_>], i: usize) -> String {
        let mut s = stand_ins(&self.emoji[i]);
        s.push_str(&jobs[i].source.text);
        s
    }

    /// One warning per document that prints stand-ins for emoji.
    pub fn warnings(&self, jobs: &[Job<'_>]) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (job, emoji) in jobs.iter().zip(&self.emoji) {
            let Some(first) = emoji.first() else {
                continue;
            };
            let shown: Vec<String> = emoji
                .iter()
                .map(|c| format!("{c} as [U+{:04X}]", u32::from(*c)))
                .collect();
            let texts = job.pages.iter().filter_map(|p| Some((p, p.text().ok()?)));
            let mut found = texts.filter_map(|(p, t)| Some((p, t.full().find(*first)?, t)));
            let mut d = match found.next() {
                Some((p, at, text)) => {
                    Diagnostic::warning(&p.source.path, "").at_offset(text.full(), at)
                }
                None => Diagnostic::warning(&job.path, ""),
            };
            d.message = format!(
                "no font for the PDF {} has emoji, so it prints {}",
                job.path,
                shown.join(", ")
            );
            out.push(d.help(system_fonts::install_help(*first)));
        }
        out
    }
}
