//! How a word number is written in the index script: its rank in the language's word list,
//! in the digits of [`LAST`] and [`MORE`] (see the module documentation of `search`).
//!
//! A script writes every word of every section, millions at 10,000 pages; [`Codes`] writes
//! each distinct word's code once, so a word costs one copy of one to three bytes.

/// Digits that end a number (base 47): printable ASCII without `"` and `\`, first part.
pub const LAST: &str = " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNO";
/// Digits that lead a number (base 46): the rest of printable ASCII without `"` and `\`.
pub const MORE: &str = "PQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// Appends the number `n` in the index's digits (see the module documentation).
pub fn encode(n: usize, out: &mut String) {
    let (last, more) = (LAST.as_bytes(), MORE.as_bytes());
    // Leading digits, least significant first: enough room for any usize in base 46.
    let mut digits = [0u8; 12];
    let mut len = 0;
    let mut lead = n / last.len();
    while lead > 0 && len < digits.len() {
        digits[len] = more[lead % more.len()];
        len += 1;
        lead /= more.len();
    }
    out.extend(digits[..len].iter().rev().map(|&b| b as char));
    out.push(last[n % last.len()] as char);
}

/// Reads numbers written by [`encode`] (what `theme/search.js` does in the browser).
pub fn decode(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut lead = 0;
    for c in s.chars() {
        if let Some(d) = MORE.find(c) {
            lead = lead * MORE.len() + d;
        } else if let Some(d) = LAST.find(c) {
            out.push(lead * LAST.len() + d);
            lead = 0;
        }
    }
    out
}

/// The code of every word of the word table, as it is written inside a JSON string: the
/// word's rank, encoded, with `<` as `\u003c` so the text can never close a script element.
pub(super) struct Codes {
    text: String,
    /// Where each word's code ends in `text` (it starts where the previous one ends).
    ends: Vec<u32>,
    /// Each code of up to three bytes in the low bytes and its length in the high byte, so
    /// that writing it is one four-byte store; 0 for a longer code.
    short: Vec<u32>,
}

impl Codes {
    /// The codes of word numbers `0..rank.len()`, each word written as its `rank`.
    pub(super) fn new(rank: &[usize]) -> Codes {
        let mut text = String::with_capacity(rank.len() * 3);
        let mut ends = Vec::with_capacity(rank.len());
        let mut short = Vec::with_capacity(rank.len());
        let mut code = String::new();
        for &r in rank {
            code.clear();
            encode(r, &mut code);
            if code.contains('<') {
                code = code.replace('<', "\\u003c");
            }
            text.push_str(&code);
            ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
            let mut packed = [0u8; 4];
            short.push(match code.len() {
                len @ 1..=3 => {
                    packed[..len].copy_from_slice(code.as_bytes());
                    packed[3] = len as u8;
                    u32::from_le_bytes(packed)
                }
                _ => 0,
            });
        }
        Codes { text, ends, short }
    }

    /// Appends the code of word number `w` to `out`.
    #[inline]
    pub(super) fn write(&self, w: u32, out: &mut Vec<u8>) {
        match self.short.get(w as usize) {
            Some(&packed) if packed != 0 => {
                let at = out.len();
                out.extend_from_slice(&packed.to_le_bytes());
                out.truncate(at + (packed >> 24) as usize);
            }
            _ => out.extend_from_slice(self.get(w).as_bytes()),
        }
    }

    /// The code of word number `w` ("" for a number outside the table).
    pub(super) fn get(&self, w: u32) -> &str {
        let w = w as usize;
        let end = self.ends.get(w).map_or(0, |&e| e as usize);
        let start = match w.checked_sub(1) {
            Some(before) => self.ends.get(before).map_or(0, |&e| e as usize),
            None => 0,
        };
        self.text.get(start..end).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_is_its_ranks_encoding_with_the_script_closing_character_escaped() {
        // Rank 27 ends in '<' (the 28th digit of LAST), in one digit or after a lead digit.
        let rank = [0, 46, 47, 27, 47 + 27, 5_000_000];
        let codes = Codes::new(&rank);
        for (w, &r) in rank.iter().enumerate() {
            let mut plain = String::new();
            encode(r, &mut plain);
            let code = codes.get(u32::try_from(w).unwrap_or(u32::MAX));
            assert_eq!(code, plain.replace('<', "\\u003c"), "word {w}, rank {r}");
            assert_eq!(decode(&code.replace("\\u003c", "<")), [r]);
            let mut written = b"x".to_vec();
            codes.write(u32::try_from(w).unwrap_or(u32::MAX), &mut written);
            assert_eq!(
                written,
                format!("x{code}").as_bytes(),
                "word {w} as written"
            );
        }
        assert_eq!(codes.get(3), "\\u003c");
        assert_eq!(codes.get(6), "", "a number outside the table has no code");
    }
}
