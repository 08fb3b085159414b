//! `circlekit schema`: the JSON Schemas of book.toml, front matter and worksheets hold for
//! the bundled program, agree with the parser, and document every key.

use std::path::{Path, PathBuf};

use circlekit::config::Config;
use circlekit::schema::{SchemaName, schema};
use serde_json::Value;

use crate::support::{read, run_in};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator(name: SchemaName) -> jsonschema::Validator {
    jsonschema::validator_for(&schema(name))
        .unwrap_or_else(|e| panic!("the {} schema is not a valid schema: {e}", name.name()))
}

/// Every problem a schema finds in a value, one line each, naming the file.
fn problems(v: &jsonschema::Validator, value: &Value, file: &str) -> Vec<String> {
    v.iter_errors(value)
        .map(|e| format!("{file}: {} (at {})", e, e.instance_path()))
        .collect()
}

/// The Markdown files under `dir`, sorted.
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read a content folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The front matter of a Markdown file as JSON (`{}` when there is none).
fn front_matter(text: &str) -> Value {
    let text = text.replace("\r\n", "\n");
    let Some(rest) = text.strip_prefix("---\n") else {
        return Value::Object(Default::default());
    };
    let end = rest.find("\n---\n").map_or(rest.len(), |i| i + 1);
    let yaml = &rest[..end];
    if yaml.trim().is_empty() {
        return Value::Object(Default::default());
    }
    serde_yaml::from_str(yaml).expect("front matter is YAML")
}

/// Which front-matter schema a file under `content/<lang>/` follows.
fn schema_of(rel: &Path) -> SchemaName {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    match parts.as_slice() {
        [_, "weeks", file] if *file != "_index.md" => SchemaName::Week,
        [_, "kits", file] if *file != "_index.md" => SchemaName::Kit,
        _ => SchemaName::Page,
    }
}

/// The YAML of every ```` ```worksheet ```` block in a Markdown text.
fn worksheets(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        match &mut current {
            None if trimmed.starts_with("```worksheet") => current = Some(String::new()),
            Some(yaml) if trimmed.starts_with("```") => {
                out.push(std::mem::take(yaml));
                current = None;
            }
            Some(yaml) => {
                yaml.push_str(line);
                yaml.push('\n');
            }
            None => {}
        }
    }
    out
}

#[test]
fn the_bundled_book_toml_matches_the_book_schema() {
    let text = read(&repo().join("book.toml"));
    let value: Value = toml::from_str(&text).expect("book.toml is TOML");
    let found = problems(&validator(SchemaName::Book), &value, "book.toml");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_front_matter_of_the_bundled_program_matches_its_schema() {
    let content = repo().join("content");
    let validators: Vec<(SchemaName, jsonschema::Validator)> =
        [SchemaName::Week, SchemaName::Page, SchemaName::Kit]
            .into_iter()
            .map(|n| (n, validator(n)))
            .collect();
    let mut checked = [0usize; 3];
    let mut found = Vec::new();
    for path in markdown_files(&content) {
        let rel = path.strip_prefix(&content).expect("under content/");
        let name = schema_of(rel);
        let i = validators.iter().position(|(n, _)| *n == name).unwrap_or(0);
        checked[i] += 1;
        let value = front_matter(&read(&path));
        found.extend(problems(
            &validators[i].1,
            &value,
            &rel.display().to_string(),
        ));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert!(
        checked.iter().all(|n| *n > 0),
        "weeks, pages and kits all checked: {checked:?}"
    );
}

#[test]
fn every_worksheet_of_the_bundled_program_matches_the_worksheet_schema() {
    let v = validator(SchemaName::Worksheet);
    let mut count = 0;
    let mut found = Vec::new();
    for path in markdown_files(&repo().join("content")) {
        for yaml in worksheets(&read(&path)) {
            count += 1;
            let value: Value = serde_yaml::from_str(&yaml).expect("worksheet YAML");
            found.extend(problems(&v, &value, &path.display().to_string()));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert!(count >= 10, "only {count} worksheets found");
}

/// Every key of a schema, as `path.to.key`, with its schema.
fn keys<'a>(schema: &'a Value, path: &str, out: &mut Vec<(String, &'a Value)>) {
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (key, prop) in props {
            let here = format!("{path}{key}");
            let mark = if required.contains(&key.as_str()) {
                "!"
            } else {
                ""
            };
            out.push((format!("{here}{mark}"), prop));
            keys(prop, &format!("{here}."), out);
        }
    }
    for sub in ["items", "additionalProperties"] {
        if let Some(s) = schema.get(sub).filter(|s| s.is_object()) {
            keys(s, path, out);
        }
    }
    if let Some(all) = schema.get("anyOf").and_then(Value::as_array) {
        all.iter().for_each(|s| keys(s, path, out));
    }
}

#[test]
fn every_key_has_a_description_and_a_default_unless_it_is_required() {
    let mut total = 0;
    let mut missing = Vec::new();
    for name in SchemaName::ALL {
        let schema = schema(name);
        let mut all = Vec::new();
        keys(&schema, "", &mut all);
        total += all.len();
        for (key, prop) in all {
            let described = prop
                .get("description")
                .and_then(Value::as_str)
                .is_some_and(|d| !d.trim().is_empty());
            if !described {
                missing.push(format!("{}: `{key}` has no description", name.name()));
            }
            if !key.ends_with('!') && prop.get("default").is_none() {
                missing.push(format!("{}: `{key}` has no default", name.name()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add a `///` comment (and a default) to the field:\n{}",
        missing.join("\n")
    );
    assert!(total >= 50, "only {total} keys");
}

#[test]
fn the_book_schema_accepts_what_book_toml_accepts() {
    let v = validator(SchemaName::Book);
    let cases = [
        "[print]\npaper = \"letter\"\n",
        "[print]\npaper = \"us-letter\"\n",
        "[print]\npaper = \"a5\"\n",
        "[check]\nlinks = \"warning\"\n",
        "[check]\nlinks = \"sometimes\"\n",
        "[build]\nmax-file-size = \"512 KB\"\n",
        "[build]\nmax-file-size = 1000\n",
        "[build]\nmax-file-size = \"lots\"\n",
        "[build]\ntemplate-timeout = \"500ms\"\n",
        "[build]\ntemplate-timeout = \"soon\"\n",
        "[circle]\ngroup-size = [4, 5]\n",
        "[circle]\ngroup-size = [4]\n",
        "[circle]\nweeks = \"12\"\n",
        "[book]\ntitel = \"typo\"\n",
        "[languages.de]\ntitle = \"Kreise\"\nname = \"Deutsch\"\n",
        "[languages.de]\ntitel = \"Kreise\"\n",
        "[colour]\n",
    ];
    for text in cases {
        let value: Value = toml::from_str(text).expect("TOML");
        assert_eq!(
            v.is_valid(&value),
            Config::parse(text).is_ok(),
            "the book schema and the parser disagree on {text:?}"
        );
    }
}

#[test]
fn schema_lists_the_schemas_and_prints_each_as_json() {
    let list = run_in(repo(), &["schema"]);
    list.code(0);
    for name in SchemaName::ALL {
        assert!(list.stdout.contains(name.name()), "{list}");
        let one = run_in(repo(), &["schema", name.name()]);
        one.code(0);
        let printed: Value = serde_json::from_str(&one.stdout).expect("the schema is JSON");
        assert_eq!(printed, schema(name));
    }
    run_in(repo(), &["schema", "books"]).code(2);
}
