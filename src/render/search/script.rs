//! Writing one language's index script from its pages' numbered sections (the format is
//! in the documentation of `search`).

use rayon::prelude::*;

use super::codes::Codes;
use super::sections::{IndexedPage, Sections};
use super::varint::varints;

/// A JSON string, with `<` written as `\u003c` so the text can never close a script element.
fn json_str(s: &str, out: &mut Vec<u8>) {
    // A fold without an early exit: the compiler checks many bytes at once.
    let plain = !s.bytes().fold(false, |found, b| {
        found | (b < 0x20) | (b == b'"') | (b == b'\\') | (b == b'<') | (b == 0x7f)
    });
    if plain {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
        return;
    }
    let quoted = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    out.extend_from_slice(quoted.replace('<', "\\u003c").as_bytes());
}

/// How often each word of the table (by number, `words` of them) occurs in `pages`. Word
/// numbers are dense, so counts are a plain vector; each thread counts a share of the
/// pages, then the counts are added up.
pub(super) fn count_words(pages: &[IndexedPage], words: usize) -> Vec<usize> {
    pages
        .par_iter()
        .with_min_len(512)
        .fold(
            || vec![0usize; words],
            |mut counts, page| {
                tally(&mut counts, &page.sections, true);
                counts
            },
        )
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
            a
        })
        .unwrap_or_else(|| vec![0; words])
}

/// Adds the words of `sections` to `counts`, or takes them away.
pub(super) fn tally(counts: &mut [usize], sections: &Sections, add: bool) {
    for words in sections.words() {
        for w in varints(words) {
            if let Some(c) = counts.get_mut(w as usize) {
                *c = if add { *c + 1 } else { c.saturating_sub(1) };
            }
        }
    }
}

/// The numbers of the words with a count, most frequent first (ties in word order).
fn frequency_order(counts: &[usize], table: &[String]) -> Vec<u32> {
    let word = |n: u32| table.get(n as usize).map_or("", String::as_str);
    let mut order: Vec<(u32, usize)> = (0u32..)
        .zip(counts.iter().copied())
        .filter(|&(_, count)| count > 0)
        .collect();
    order.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| word(a.0).cmp(word(b.0))));
    order.into_iter().map(|(w, _)| w).collect()
}

/// The index script of one language's pages (sorted by URL, so builds are reproducible).
/// `table` holds the words the pages' numbers refer to; the script renumbers the words
/// this language uses, most frequent first (by `counts`, see [`count_words`]), so frequent
/// words take one character. The pages are consumed as they are written out, so their
/// words are freed while the script grows.
pub(super) fn index_script(pages: Vec<IndexedPage>, table: &[String], counts: &[usize]) -> Vec<u8> {
    let word = |n: u32| table.get(n as usize).map_or("", String::as_str);
    let order = frequency_order(counts, table);
    let mut rank = vec![0usize; table.len()];
    for (i, w) in order.iter().enumerate() {
        rank[*w as usize] = i;
    }
    let codes = Codes::new(&rank);

    let mut out = b"window.circlekitSearch = {\"v\":1,\"pages\":[".to_vec();
    for (i, page) in pages.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"[" } else { b",[" });
        json_str(&page.url, &mut out);
        out.push(b',');
        json_str(&page.title, &mut out);
        out.push(b']');
    }
    out.extend_from_slice(b"],\"sections\":[");
    let estimate: usize = pages
        .iter()
        .map(|p| p.sections.bytes() + 24 * p.sections.len())
        .sum();
    let words_size: usize = order.iter().map(|w| word(*w).len() + 3).sum();
    out.reserve(estimate + words_size + 32);
    // Pages are written a chunk at a time, the pages of a chunk on every core, then
    // joined in order: what waits to be copied is one chunk's sections, not the site's.
    let mut first = true;
    let mut pages = pages.into_iter().enumerate();
    loop {
        let chunk: Vec<(usize, IndexedPage)> = pages.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let written: Vec<Vec<u8>> = chunk
            .into_par_iter()
            .map(|(i, page)| page_sections(i, &page, &codes))
            .collect();
        for part in written.iter().filter(|p| !p.is_empty()) {
            // The first section of all starts without the comma.
            out.extend_from_slice(if first { &part[1..] } else { part });
            first = false;
        }
    }
    out.extend_from_slice(b"],\"words\":[");
    for (i, w) in order.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_str(word(*w), &mut out);
    }
    out.extend_from_slice(b"]};\n");
    out
}

/// How many pages' sections are written at once (see [`index_script`]).
const CHUNK: usize = 1024;

/// The sections of the page numbered `i`, each as `,[i,"id","heading","words"]`, its words
/// written with their `codes`.
fn page_sections(i: usize, page: &IndexedPage, codes: &Codes) -> Vec<u8> {
    // A word takes one or two characters, about what its varint takes in bytes.
    let size = page.sections.bytes() + 24 * page.sections.len();
    let mut out = Vec::with_capacity(size);
    let number = i.to_string();
    for (id, heading, words) in page.sections.iter() {
        out.extend_from_slice(b",[");
        out.extend_from_slice(number.as_bytes());
        out.push(b',');
        json_str(id, &mut out);
        out.push(b',');
        json_str(heading, &mut out);
        out.extend_from_slice(b",\"");
        for w in varints(words) {
            codes.write(w, &mut out);
        }
        out.extend_from_slice(b"\"]");
    }
    out
}
