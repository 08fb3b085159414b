//! Limits on front matter, checked before it is turned into data: its size, how deep it
//! nests and how far its YAML aliases expand (a "billion laughs" would otherwise take
//! gigabytes of memory).

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// The largest front matter, in bytes.
pub const MAX_BYTES: usize = 1024 * 1024;
/// How many times its own size front matter may grow when its aliases are expanded.
pub const MAX_EXPANSION: usize = 10;
/// How deeply lists and maps may nest.
pub const MAX_DEPTH: usize = 100;

/// A broken limit: what is wrong and the 1-based line inside the YAML, when known.
#[derive(Debug, PartialEq, Eq)]
pub struct Exceeded {
    /// One sentence for the diagnostic.
    pub message: String,
    /// Line inside the front matter (1-based), or 0 for its start.
    pub line: usize,
}

/// Checks every limit; the size and nesting first, without a YAML parser (whose own
/// cost grows with the square of the nesting), then the expanded size of the aliases.
pub fn check(yaml: &str) -> Result<(), Exceeded> {
    if yaml.len() > MAX_BYTES {
        return Err(Exceeded {
            message: format!(
                "the front matter holds {} bytes, more than the limit of 1 MB",
                yaml.len()
            ),
            line: 0,
        });
    }
    if let Some(line) = too_deep(yaml) {
        return Err(nesting(line));
    }
    // Only an alias (`*name`) repeats a part of the YAML, and `too_deep` bounded the
    // nesting: without one, the walk below can find nothing, and it costs as much as the
    // parse that follows (5% of a 10,000-page build's CPU went to the two).
    if !yaml.contains('*') {
        return Ok(());
    }
    let left = Cell::new(yaml.len().max(64) * MAX_EXPANSION);
    let walk = Walk {
        left: &left,
        depth: 0,
    };
    match walk.deserialize(serde_yaml::Deserializer::from_str(yaml)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let text = e.to_string();
            let line = e.location().map_or(0, |l| l.line());
            if text.contains(EXPANDS) {
                Err(Exceeded {
                    message: format!(
                        "the front matter's aliases expand to more than {MAX_EXPANSION} times its size"
                    ),
                    line,
                })
            } else if text.contains(NESTS) || text.contains("recursion limit") {
                Err(nesting(line))
            } else {
                // Other YAML errors are reported by the parse that follows, in its words.
                Ok(())
            }
        }
    }
}

fn nesting(line: usize) -> Exceeded {
    Exceeded {
        message: format!("the front matter nests more than {MAX_DEPTH} levels deep"),
        line,
    }
}

const EXPANDS: &str = "front matter expands too far";
const NESTS: &str = "front matter nests too deep";

/// The first line where block indentation plus open flow brackets pass `MAX_DEPTH`: a
/// cheap upper bound of YAML nesting, so that deep input never reaches the parser.
fn too_deep(yaml: &str) -> Option<usize> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    for (i, line) in yaml.lines().enumerate() {
        let body = line.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = line.len() - body.len();
        if flow == 0 {
            while indents.last().is_some_and(|&top| top >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        let (dashes, opened) = scan_line(body, &mut flow);
        if indents.len() + dashes + flow.max(opened) > MAX_DEPTH {
            return Some(i + 1);
        }
    }
    None
}

/// Counts the `- ` that open nested lists at the start of a line and follows flow brackets
/// outside quotes; returns the dashes and the deepest flow level met on the line.
fn scan_line(body: &str, flow: &mut usize) -> (usize, usize) {
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut dashes = 0;
    while bytes.get(i) == Some(&b'-') && matches!(bytes.get(i + 1), Some(b' ' | b'\t')) {
        dashes += 1;
        i += 2;
        while matches!(bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
    }
    let mut deepest = *flow;
    let mut quote: Option<u8> = None;
    // At the start of a value (where `[`, `{` or a quote opens one), and just after `:`,
    // `-` or `?` (which start one when a space follows).
    let mut value_start = true;
    let mut indicator = false;
    while let Some(&b) = bytes.get(i) {
        match (quote, b) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'\'' | b'"') if value_start || *flow > 0 => quote = Some(b),
            (None, b'#') if i > 0 && bytes[i - 1] == b' ' => break,
            (None, b'[' | b'{') if value_start || *flow > 0 => {
                *flow += 1;
                deepest = deepest.max(*flow);
            }
            (None, b']' | b'}') if *flow > 0 => *flow -= 1,
            _ => {}
        }
        value_start = matches!(b, b' ' | b'\t') && (value_start || indicator);
        indicator = matches!(b, b':' | b'-' | b'?');
        i += 1;
    }
    (dashes, deepest)
}

/// Walks the YAML as the parser replays it (aliases included) without keeping anything,
/// counting bytes and nesting against the limits.
#[derive(Clone, Copy)]
struct Walk<'a> {
    left: &'a Cell<usize>,
    depth: usize,
}

impl Walk<'_> {
    fn spend<E: de::Error>(self, bytes: usize) -> Result<(), E> {
        let cost = bytes + 1;
        if cost > self.left.get() {
            return Err(E::custom(EXPANDS));
        }
        self.left.set(self.left.get() - cost);
        Ok(())
    }

    fn nested<E: de::Error>(self) -> Result<Self, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(NESTS));
        }
        self.spend::<E>(0)?;
        Ok(Walk {
            depth: self.depth + 1,
            ..self
        })
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("YAML")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(1)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(8)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(8)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(8)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let child = self.nested::<A::Error>()?;
        while seq.next_element_seed(child)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let child = self.nested::<A::Error>()?;
        while map.next_key_seed(child)?.is_some() {
            map.next_value_seed(child)?;
        }
        Ok(())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laughs(levels: usize) -> String {
        let mut y =
            String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for i in 1..levels {
            let refs = vec![format!("*a{}", i - 1); 6].join(", ");
            y.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        y
    }

    #[test]
    fn ordinary_front_matter_passes() {
        assert_eq!(
            check("title: Hello\nweek: 3\nagenda:\n  - {title: x, minutes: 5}\n"),
            Ok(())
        );
        assert_eq!(check("title: 'a [[[[ b'\nsummary: a [[[[[[ c\n"), Ok(()));
    }

    #[test]
    fn an_alias_bomb_is_stopped() {
        let e = check(&laughs(9)).expect_err("bomb");
        assert!(e.message.contains("expand"), "{e:?}");
    }

    #[test]
    fn nesting_that_only_aliases_make_deep_is_stopped() {
        // Each line nests two deep as written; through the aliases, 150 deep.
        let mut y = String::from("a0: &a0 [x]\n");
        for i in 1..150 {
            y.push_str(&format!("a{i}: &a{i} [*a{}]\n", i - 1));
        }
        assert_eq!(too_deep(&y), None);
        let e = check(&y).expect_err("deep through aliases");
        assert!(e.message.contains("nests"), "{e:?}");
    }

    #[test]
    fn deep_flow_nesting_is_stopped_before_parsing() {
        let y = format!("x: {}{}\n", "[".repeat(1000), "]".repeat(1000));
        assert_eq!(too_deep(&y), Some(1));
        let y = format!("x: {}{}\n", "[".repeat(50), "]".repeat(50));
        assert_eq!(check(&y), Ok(()));
    }

    #[test]
    fn deep_block_nesting_is_stopped() {
        let mut y = String::new();
        for i in 0..150 {
            y.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        assert!(check(&y).is_err());
        let dashes = format!("x:\n  {}y\n", "- ".repeat(200));
        assert!(check(&dashes).is_err());
    }
}
