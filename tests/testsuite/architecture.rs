//! The shape of the code and its tests: the library's top-level modules depend on each
//! other in one direction only (no cycles), so each can be read and changed on its own; a
//! folder's files never take items from the folder's own module file (`mod.rs`), whose
//! shared types live in files of their own; and every test that needs a tool from outside
//! Rust says so first, so `cargo test` passes on a machine with only the Rust toolchain.

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

/// The paths a use tree names, starting at `text` (just after `crate::` or `super::`), with
/// the bytes it spans: `{a, b::{c, d}}` gives `a`, `b::c` and `b::d`; `escape(` gives
/// `escape`; an alias (`as x`) is ignored.
fn use_tree(text: &str) -> (Vec<Vec<String>>, usize) {
    let rest = text.trim_start();
    let skipped = text.len() - rest.len();
    if let Some(mut inner) = rest.strip_prefix('{') {
        let mut paths = Vec::new();
        loop {
            let (sub, n) = use_tree(inner);
            paths.extend(sub);
            inner = &inner[n..];
            // Past an alias, to the next comma or the end of the group.
            let stop = inner.find([',', '}']).unwrap_or(inner.len());
            let sep = inner[stop..].chars().next();
            inner = &inner[(stop + 1).min(inner.len())..];
            if sep != Some(',') {
                return (paths, text.len() - inner.len());
            }
        }
    }
    if rest.starts_with('*') {
        return (vec![vec!["*".to_string()]], skipped + 1);
    }
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if name.is_empty() {
        return (Vec::new(), skipped);
    }
    let after = &rest[name.len()..];
    if let Some(more) = after.strip_prefix("::") {
        let (sub, n) = use_tree(more);
        if !sub.is_empty() {
            let paths = sub
                .into_iter()
                .map(|p| std::iter::once(name.clone()).chain(p).collect())
                .collect();
            return (paths, skipped + name.len() + 2 + n);
        }
    }
    let end = skipped + name.len();
    (vec![vec![name]], end)
}

/// How many inline modules (`mod tests {`) each line of a formatted file is inside, and
/// whether it is a comment.
fn lines_of(text: &str) -> Vec<(usize, bool)> {
    let mut open: Vec<usize> = Vec::new();
    let mut lines = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if open.last().is_some_and(|i| *i == indent) && trimmed == "}" {
            open.pop();
        }
        lines.push((open.len(), trimmed.starts_with("//")));
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        if let [.., "mod", _, "{"] = words.as_slice() {
            open.push(indent);
        }
    }
    lines
}

/// Where `file` (a path under `src/`, read as `text`) names an item of the module file of a
/// folder it lies in (`content/load.rs` naming `content/mod.rs`'s `Page`, through `super::`
/// or `crate::content::`), as `file:line: …`; `seen` counts the paths looked at. A folder's
/// module file and its test modules (`tests.rs`, `…_tests.rs`) may name their own folder's
/// items; inline modules (`mod tests { use super::*; }`) may name their own file's.
fn imports_from_module_files(src: &Path, file: &Path, text: &str, seen: &mut usize) -> Vec<String> {
    let mut folders: Vec<String> = file
        .components()
        .map(|c| c.as_os_str().to_str().expect("UTF-8").to_string())
        .collect();
    let name = folders.pop().expect("a file name");
    let stem = name.trim_end_matches(".rs");
    let mut module = folders.clone();
    if stem != "mod" {
        module.push(stem.to_string());
    }
    let own = stem == "mod" || stem == "tests" || stem.ends_with("_tests");
    // The folders whose module file this file may not take items from.
    let enclosing = folders.len() - usize::from(own);
    let lines = lines_of(text);
    let mut newlines = text.match_indices('\n').map(|(i, _)| i).peekable();
    let mut line = 0;
    let mut found = Vec::new();
    for (at, _) in text.match_indices("::") {
        while newlines.next_if(|nl| *nl < at).is_some() {
            line += 1;
        }
        let word_start = text[..at]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let word = &text[word_start..at];
        let before = text[..word_start].chars().next_back();
        let (inline, comment) = lines.get(line).copied().unwrap_or_default();
        if !(word == "crate" || word == "super")
            || before.is_some_and(|c| c == ':' || c == '$')
            || comment
        {
            continue;
        }
        let mut tail = &text[at + 2..];
        let mut base = Vec::new();
        if word == "super" {
            let mut supers = 1;
            while let Some(t) = tail.strip_prefix("super::") {
                tail = t;
                supers += 1;
            }
            if supers <= inline {
                continue;
            }
            base = module[..module.len().saturating_sub(supers - inline)].to_vec();
        }
        for named in use_tree(tail).0 {
            *seen += 1;
            let full: Vec<String> = base.iter().chain(&named).cloned().collect();
            for depth in 1..=enclosing {
                let folder = &folders[..depth];
                if full.len() <= depth || full[..depth] != *folder {
                    continue;
                }
                let item = full[depth].as_str();
                let dir = src.join(folder.join("/"));
                if item == "self"
                    || dir.join(format!("{item}.rs")).is_file()
                    || dir.join(item).is_dir()
                {
                    continue;
                }
                found.push(format!(
                    "src/{}:{}: `{item}` is taken from the module file of src/{}/",
                    file.display(),
                    line + 1,
                    folder.join("/")
                ));
            }
        }
    }
    found.dedup();
    found
}

#[test]
fn a_folders_files_never_import_from_its_mod_rs() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("walk src/");
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(path).expect("read a source file");
            let file = path.strip_prefix(&src).expect("inside src/");
            found.extend(imports_from_module_files(&src, file, &text, &mut seen));
        }
    }
    assert!(seen > 500, "the scan sees the crate's paths ({seen})");
    assert!(
        found.is_empty(),
        "a folder's files name items of the folder's own module file (mod.rs), which itself \
         declares and uses them: move such items to a file of their own (a `model.rs`, an \
         `options.rs`), re-export them from mod.rs for the rest of the crate, and import \
         them from that file:\n{}",
        found.join("\n")
    );
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
