//! Rounds: a step where everyone in the circle takes a turn, marked `{each=90s}` (or
//! `{each=90s/75s}`: 90 seconds each, 75 with the largest group) in the text of a step or a
//! paragraph, or as a heading attribute (`## Check-in {each=60s}`).
//!
//! The marker is taken out of the text in every edition; the web page keeps it as an empty
//! `<span class="round">` with the times, for scripts (the meeting timer) to read, and
//! `check` adds up turns × the largest group against the agenda item the round belongs to.

use std::ops::Range;

/// A round found on a page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Hash)]
pub struct Round {
    /// Seconds each person speaks.
    pub each: u32,
    /// Seconds each person speaks when the circle is at its largest, if the author says
    /// less than `each` (e.g. 75 for `{each=90s/75s}`).
    pub largest: Option<u32>,
    /// Where the marker is, in the body.
    #[serde(skip)]
    pub range: Range<usize>,
}

impl Round {
    /// Seconds each person has when the circle is at its largest.
    pub fn each_at_largest(&self) -> u32 {
        self.largest.unwrap_or(self.each)
    }

    /// The empty element that stands for the round on the web page.
    pub fn html(&self) -> String {
        format!(
            "<span class=\"round\" data-each=\"{}\" data-each-largest=\"{}\"></span>",
            self.each,
            self.each_at_largest()
        )
    }
}

/// What a marker in a piece of text says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Byte range of `{each=…}` in the text.
    pub range: Range<usize>,
    /// The times, or what is wrong with them.
    pub times: Result<(u32, Option<u32>), String>,
}

/// What to write instead of a marker that cannot be read.
pub(crate) const HELP: &str = "write the time each person speaks, e.g. `{each=90s}`, `{each=2m}` \
or `{each=90s/75s}` (90 seconds each, 75 with the largest group)";

/// The first `{each=…}` in `text`, if any.
pub(crate) fn find(text: &str) -> Option<Marker> {
    let start = text.find("{each=")?;
    let end = start + text[start..].find('}')? + 1;
    let value = &text[start + "{each=".len()..end - 1];
    Some(Marker {
        range: start..end,
        times: parse(value),
    })
}

/// Reads `90s`, `2m`, `1m30s` or two of them joined by `/`.
pub(crate) fn parse(value: &str) -> Result<(u32, Option<u32>), String> {
    let mut parts = value.trim().split('/');
    let each = parse_duration(parts.next().unwrap_or(""))?;
    let largest = parts.next().map(parse_duration).transpose()?;
    if parts.next().is_some() {
        return Err(format!("`each={value}` has more than two times"));
    }
    match largest {
        Some(l) if l > each => Err(format!(
            "`each={value}`: the time with the largest group cannot be longer than the first"
        )),
        _ => Ok((each, largest)),
    }
}

fn parse_duration(text: &str) -> Result<u32, String> {
    let t = text.trim();
    let bad = || format!("`{t}` is not a time per person such as `90s` or `2m`");
    let (minutes, rest) = match t.split_once('m') {
        Some((m, rest)) => (m.parse::<u32>().map_err(|_| bad())?, rest),
        None => (0, t),
    };
    let seconds = match rest {
        "" => 0,
        s => s
            .strip_suffix('s')
            .and_then(|n| n.parse::<u32>().ok())
            .ok_or_else(bad)?,
    };
    let total = minutes.saturating_mul(60).saturating_add(seconds);
    if total == 0 { Err(bad()) } else { Ok(total) }
}

/// "1 min 30 s", "45 s", "2 min", for messages.
pub(crate) fn show(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_seconds_minutes_and_both() {
        assert_eq!(parse("90s"), Ok((90, None)));
        assert_eq!(parse("2m"), Ok((120, None)));
        assert_eq!(parse("1m30s"), Ok((90, None)));
        assert_eq!(parse("90s/75s"), Ok((90, Some(75))));
        assert_eq!(parse(" 2m / 90s "), Ok((120, Some(90))));
    }

    #[test]
    fn refuses_what_is_not_a_time() {
        for bad in ["", "90", "0s", "m", "1.5m", "90s/2m", "1s/1s/1s", "abc"] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn finds_the_marker_in_text() {
        let m = find("Round, 90 seconds each {each=90s/75s}: say one thing").expect("a marker");
        assert_eq!(m.range, 23..37);
        assert_eq!(m.times, Ok((90, Some(75))));
        assert!(find("no marker {each").is_none());
    }

    #[test]
    fn shows_times_for_messages() {
        assert_eq!(show(45), "45 s");
        assert_eq!(show(120), "2 min");
        assert_eq!(show(450), "7 min 30 s");
    }
}
