//! The crate's layering, checked: a module imports only modules of lower layers (the crate
//! graph already keeps `platform` and `wire` from importing this crate), and only the accounts
//! repository writes the `users` table.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::{collections::BTreeSet, fs, path::Path};

/// Each top-level module and its layer (see the crate documentation).
const LAYERS: &[(&str, u8)] = &[
    ("notices", 1),
    ("activity", 4),
    ("policy", 1),
    ("accounts", 2),
    ("devices", 3),
    ("sessions", 3),
    ("principal", 4),
    ("factors", 5),
    ("reauth", 6),
    ("password", 8),
    ("email", 7),
    ("tokens", 7),
    ("two_factor", 7),
    ("preferences", 7),
    ("presence", 7),
    ("support_pin", 7),
    ("auth", 8),
    ("profile", 8),
    ("page", 8),
    ("avatar", 8),
    ("access", 8),
    ("callers", 8),
    ("organizations", 8),
    ("deletion", 9),
    ("my_data", 9),
    ("admin", 10),
    ("support", 9),
    ("testing", 11),
    ("plans", 11),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The source without its test modules (tests may use anything) and without comments.
fn production_code(source: &str) -> String {
    let code = source.find("#[cfg(test)]\nmod tests").map_or(source, |i| &source[..i]);
    code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// The top-level modules of this crate a source file names through `crate::…`.
fn imported_modules(source: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = source;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a, b::{..}, c as d}`: the names at the group's top level.
            let (mut depth, mut name, mut expect_name) = (0usize, String::new(), true);
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        if !name.is_empty() {
                            found.insert(std::mem::take(&mut name));
                        }
                        expect_name = true;
                    }
                    c if depth == 0 && expect_name && (c.is_alphanumeric() || c == '_') => name.push(c),
                    _ if depth == 0 && expect_name && !name.is_empty() => {
                        found.insert(std::mem::take(&mut name));
                        expect_name = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                found.insert(name);
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            found.insert(name);
        }
    }
    found
}

/// Every `.rs` file under `dir`, with the top-level module it belongs to.
fn sources(dir: &Path, module: Option<&str>, out: &mut Vec<(String, String, String)>) {
    for entry in fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let top = module.map(str::to_owned).unwrap_or_else(|| name.clone());
        if path.is_dir() {
            sources(&path, Some(&top), out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((top, path.display().to_string(), fs::read_to_string(&path).expect("read file")));
        }
    }
}

fn all_sources() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), None, &mut out);
    out
}

#[test]
fn modules_import_only_lower_layers() {
    let mut wrong = Vec::new();
    for (module, path, source) in all_sources() {
        if matches!(module.as_str(), "lib" | "layers") {
            continue;
        }
        let Some(own) = layer(&module) else {
            wrong.push(format!("{path}: module `{module}` has no layer in LAYERS"));
            continue;
        };
        for used in imported_modules(&production_code(&source)) {
            if used == module || used == "Core" {
                continue;
            }
            match layer(&used) {
                Some(l) if l < own => {}
                Some(l) => wrong.push(format!("{path}: `{module}` (layer {own}) imports `{used}` (layer {l})")),
                None => wrong.push(format!("{path}: imports `crate::{used}`, which has no layer")),
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn only_the_accounts_repository_writes_users() {
    let writes = ["UPDATE users", "INSERT INTO users", "DELETE FROM users"];
    for (_, path, source) in all_sources() {
        if path.ends_with("accounts/repo.rs") || path.ends_with("layers.rs") {
            continue;
        }
        for w in writes {
            assert!(!production_code(&source).contains(w), "{path} writes `users` ({w}); use accounts::repo");
        }
    }
}

#[test]
fn the_import_reader_reads_groups_and_paths() {
    let src =
        "use crate::{accounts::{self, repo as users}, email, factors::{self, pending::{Pending}}, notices as t};\n\
               fn f() { crate::sessions::end(); }";
    let found: Vec<String> = imported_modules(src).into_iter().collect();
    assert_eq!(found, ["accounts", "email", "factors", "notices", "sessions"]);
}
