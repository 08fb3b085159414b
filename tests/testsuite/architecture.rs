//! The shape of the code and its tests: the library's top-level modules depend on each
//! other in one direction only (no cycles), so each can be read and changed on its own; and
//! every test that needs a tool from outside Rust says so first, so `cargo test` passes on
//! a machine with only the Rust toolchain.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every `crate::NAME` a top-level module's files mention, by module (tests included).
fn dependencies(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.expect("walk src/");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).expect("inside src/");
        let first = rel.components().next().expect("a component");
        let module = first
            .as_os_str()
            .to_str()
            .expect("UTF-8")
            .trim_end_matches(".rs")
            .to_string();
        // The binary's modules (main.rs, cli, cmd) see the library as `circlekit::`.
        if ["lib", "main", "cli", "cmd"].contains(&module.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("read a source file");
        let deps = graph.entry(module.clone()).or_default();
        for (i, _) in text.match_indices("crate::") {
            let before = text[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let name: String = text[i + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != module {
                deps.insert(name);
            }
        }
    }
    graph
}

/// A cycle through `from`, as the list of modules on it, if there is one.
fn cycle_from(
    graph: &BTreeMap<String, BTreeSet<String>>,
    from: &str,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    for next in graph.get(from).into_iter().flatten() {
        if path.first().is_some_and(|f| f == next) {
            let mut cycle = path.clone();
            cycle.push(next.clone());
            return Some(cycle);
        }
        if path.contains(next) {
            continue;
        }
        path.push(next.clone());
        if let Some(c) = cycle_from(graph, next, path) {
            return Some(c);
        }
        path.pop();
    }
    None
}

#[test]
fn the_library_modules_depend_on_each_other_without_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = dependencies(&src);
    assert!(
        graph.get("render").is_some_and(|d| d.contains("markdown")),
        "the scan sees real dependencies: {graph:?}"
    );
    for module in graph.keys() {
        let mut path = vec![module.clone()];
        if let Some(cycle) = cycle_from(&graph, module, &mut path) {
            panic!("a cycle among top-level modules: {}", cycle.join(" → "));
        }
    }
}

/// The `#[test]` functions of a test file, each with its body.
fn test_functions(text: &str) -> Vec<(String, &str)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("#[test]") {
        let rest = &text[at..];
        let Some(fn_at) = rest.find("fn ") else {
            continue;
        };
        let name: String = rest[fn_at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let Some(open) = rest.find('{') else {
            continue;
        };
        let mut depth = 0;
        let mut end = rest.len();
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        found.push((name, &rest[open..end]));
    }
    found
}

#[test]
fn every_test_that_needs_an_outside_tool_says_so_first() {
    // What starts a browser, runs a checker or reads a PDF back, directly or through the
    // helpers that do it for a whole file.
    const NEEDS: &[&str] = &[
        "Browser::start",
        "axe_js()",
        "vnu_jar()",
        "pdf_text(",
        "poppler(",
        "\"pdfinfo\"",
        "\"pdffonts\"",
        "meeting_phone::open",
        "= open()",
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite");
    let mut missing = Vec::new();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.expect("walk tests/");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs")
            || path.starts_with(dir.join("support"))
            || path.ends_with("architecture.rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("read a test file");
        for (name, body) in test_functions(&text) {
            if NEEDS.iter().any(|n| body.contains(n)) {
                checked += 1;
                if !body.contains("skip_unless!") {
                    missing.push(format!("{}: {name}", path.display()));
                }
            }
        }
    }
    assert!(checked > 30, "the scan finds the tool tests ({checked})");
    assert!(
        missing.is_empty(),
        "these tests need an outside tool but do not start with `skip_unless!(Tool::…)`, so \
         `cargo test` fails on a machine without it:\n{}",
        missing.join("\n")
    );
}
