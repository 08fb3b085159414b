//! Small serde seeds for worksheet values: each checks its value while serde_yaml still
//! knows where it is, so an error carries the value's line and column.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// Fails at whatever value comes.
pub(super) struct Reject(pub String);

impl<'de> DeserializeSeed<'de> for Reject {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(RejectVisitor(self.0))
    }
}

struct RejectVisitor(String);

impl RejectVisitor {
    fn fail<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(self.0))
    }
}

impl<'de> Visitor<'de> for RejectVisitor {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("nothing")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.fail()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.fail()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.fail()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.fail()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.fail()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.fail()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.fail()
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        self.fail()
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        self.fail()
    }
}

/// A scalar read as text (numbers and booleans too); `None` for an empty value.
pub(super) struct Label {
    /// An empty value is an error.
    pub required: bool,
    /// The key, for messages.
    pub key: &'static str,
}

impl<'de> DeserializeSeed<'de> for Label {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Label {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a text after `{}:`", self.key)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<String>, E> {
        let v = v.trim();
        if v.is_empty() {
            return self.visit_unit();
        }
        Ok(Some(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<String>, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<String>, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<String>, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<String>, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
        if self.required && matches!(self.key, "columns" | "items") {
            Err(E::custom(format!("`{}` has an empty entry", self.key)))
        } else if self.required {
            Err(E::custom(format!(
                "`{}:` needs a label, e.g. `{}: My goal in one sentence`",
                self.key, self.key
            )))
        } else {
            Ok(None)
        }
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<String>, E> {
        self.visit_unit()
    }
}

/// A whole number within bounds (for `max`, exactly one of the two bounds).
pub(super) struct Count(pub &'static str, pub (u32, u32));

impl<'de> DeserializeSeed<'de> for Count {
    type Value = u32;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u32, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Count {
    type Value = u32;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (lo, hi) = self.1;
        if self.0 == "max" {
            write!(f, "{lo} or {hi}")
        } else {
            write!(f, "a whole number from {lo} to {hi}")
        }
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
        let (lo, hi) = self.1;
        let ok = if self.0 == "max" {
            v == u64::from(lo) || v == u64::from(hi)
        } else {
            (u64::from(lo)..=u64::from(hi)).contains(&v)
        };
        match u32::try_from(v) {
            Ok(n) if ok => Ok(n),
            _ => Err(E::custom(format!(
                "`{}` must be {}, not {v}",
                self.0,
                Expecting(&self)
            ))),
        }
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
        match u64::try_from(v) {
            Ok(u) => self.visit_u64(u),
            Err(_) => Err(E::custom(format!(
                "`{}` must be {}, not {v}",
                self.0,
                Expecting(&self)
            ))),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u32, E> {
        Err(E::custom(format!(
            "`{}` must be {}, not {v}",
            self.0,
            Expecting(&self)
        )))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<u32, E> {
        Err(E::custom(format!(
            "`{}` must be {}, not `{v}`",
            self.0,
            Expecting(&self)
        )))
    }
}

/// Displays a visitor's `expecting` text.
struct Expecting<'a, V>(&'a V);

impl<'de, V: Visitor<'de>> fmt::Display for Expecting<'_, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
}

/// A list of texts, `[A, B]` or one `- A` per line, within a length bound.
pub(super) struct List(pub &'static str, pub (usize, usize));

impl<'de> DeserializeSeed<'de> for List {
    type Value = Vec<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<String>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for List {
    type Value = Vec<String>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a list after `{}:`, e.g. `{}: [First, Second]`",
            self.0, self.0
        )
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Label {
            required: true,
            key: self.0,
        })? {
            out.push(v.unwrap_or_default());
        }
        let (lo, hi) = self.1;
        if out.len() < lo || out.len() > hi {
            return Err(de::Error::custom(format!(
                "`{}` needs {lo} to {hi} entries, not {}",
                self.0,
                out.len()
            )));
        }
        Ok(out)
    }
}
