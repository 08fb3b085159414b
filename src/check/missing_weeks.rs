//! Weeks of the program that no guide covers, named in one error in week order (not one
//! error per week, which sorted as text put week 10 before week 2).

use crate::diagnostic::Diagnostic;

/// One error naming every week of `missing` (ascending), none when it is empty. `max` is
/// the program's number of weeks.
pub(super) fn missing_weeks(lang: &str, missing: &[u32], max: u32) -> Option<Diagnostic> {
    let (&first, &last) = (missing.first()?, missing.last()?);
    let message = match missing {
        [n] => format!("week {n} is missing"),
        _ => format!("weeks {} are missing", list(missing)),
    };
    // Only the last weeks are missing: the program may simply be shorter.
    let all_after_first = last == max && missing.len() as u64 == u64::from(max - first) + 1;
    let fewer = if all_after_first && first > 1 {
        format!("set `weeks = {}` under `[circle]`", first - 1)
    } else {
        "lower `[circle] weeks`".to_string()
    };
    let add = match missing {
        [n] => format!("add content/{lang}/weeks/{n:02}-….md with `week: {n}`"),
        _ => format!(
            "add a guide for each (content/{lang}/weeks/{first:02}-….md with `week: {first}`, and so on)"
        ),
    };
    Some(
        Diagnostic::error(format!("content/{lang}/weeks"), message)
            .help(format!("{add}, or {fewer} in book.toml")),
    )
}

/// `2, 5 and 9–12`: ascending numbers, runs written as ranges.
fn list(numbers: &[u32]) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &n in numbers {
        match runs.last_mut() {
            Some((_, end)) if n == *end + 1 => *end = n,
            _ => runs.push((n, n)),
        }
    }
    let items: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_runs_as_ranges_in_order() {
        assert_eq!(list(&[4]), "4");
        assert_eq!(list(&[2, 10]), "2 and 10");
        assert_eq!(list(&[2, 5, 9, 10, 11, 12]), "2, 5 and 9–12");
        assert_eq!(list(&[1, 2]), "1–2");
    }

    #[test]
    fn only_a_missing_tail_suggests_a_number_of_weeks() {
        let help = |missing: &[u32], max| {
            missing_weeks("en", missing, max)
                .and_then(|d| d.help)
                .unwrap_or_default()
        };
        assert!(help(&[3, 4, 5], 5).ends_with("or set `weeks = 2` under `[circle]` in book.toml"));
        assert!(help(&[5], 5).contains("set `weeks = 4`"));
        assert!(help(&[2, 4, 5], 5).ends_with("or lower `[circle] weeks` in book.toml"));
        assert!(help(&[1, 2], 2).ends_with("or lower `[circle] weeks` in book.toml"));
        assert!(missing_weeks("en", &[], 5).is_none());
    }
}
