//! Reads the Fluent catalogues in `ftl/<language>/*.ftl` and checks them before anything
//! compiles against them: every file parses, no message is defined twice, every language has
//! exactly the messages of English (the source language) and uses no variable English does
//! not pass. Then it writes, into `OUT_DIR`:
//!
//! - `keys.rs`: one function per message of English (`sign-in` → `k::sign_in()`, its
//!   variables as parameters), so a key that does not exist, or a missing argument, fails the
//!   build where it is used;
//! - `<language>.ftl`: each language's files in one, the text the server serves and embeds;
//! - `files.rs`: the languages and their files' content-hashed names.
//!
//! A failed check stops the build with every problem found, file and message named.

use std::{
    fmt::Write as _,
    fs,
    path::{Path, PathBuf},
};

#[path = "check.rs"]
mod check;

use check::{compare, Language};

const SOURCE: &str = "en";

fn main() {
    let root = PathBuf::from(env("CARGO_MANIFEST_DIR")).join("ftl");
    let out = PathBuf::from(env("OUT_DIR"));
    println!("cargo::rerun-if-changed=ftl");
    println!("cargo::rerun-if-changed=check.rs");
    let mut problems = Vec::new();
    let mut languages = Vec::new();
    let mut codes: Vec<String> = read_dir(&root)
        .into_iter()
        .filter(|p| p.is_dir())
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_owned))
        .collect();
    codes.sort();
    for code in codes {
        languages.push(read_language(&root, &code, &mut problems));
    }
    let Some(source) = languages.iter().find(|l| l.code == SOURCE) else {
        fail(&[format!("no ftl/{SOURCE}/: English is the source of every other language")]);
    };
    for other in languages.iter().filter(|l| l.code != SOURCE) {
        compare(source, other, &mut problems);
    }
    if !problems.is_empty() {
        fail(&problems);
    }
    write(&out.join("keys.rs"), &keys_rs(source));
    let mut files = String::new();
    let _ =
        writeln!(files, "/// Every language with a catalogue, in code order, and its file's name (content-hashed).");
    let _ = writeln!(files, "pub const FILES: &[(&str, &str)] = &[");
    for l in &languages {
        let name = format!("{}.{:016x}.ftl", l.code, fnv1a(l.text.as_bytes()));
        write(&out.join(format!("{}.ftl", l.code)), &l.text);
        let _ = writeln!(files, "    ({:?}, {:?}),", l.code, name);
    }
    let _ = writeln!(files, "];");
    let _ = writeln!(files, "#[cfg(feature = \"embedded\")]");
    let _ = writeln!(files, "const SOURCES: &[&str] = &[");
    for l in &languages {
        let _ = writeln!(files, "    include_str!(concat!(env!(\"OUT_DIR\"), \"/{}.ftl\")),", l.code);
    }
    let _ = writeln!(files, "];");
    write(&out.join("files.rs"), &files);
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| fail(&[format!("{name} is not set")]))
}

fn fail(problems: &[String]) -> ! {
    for p in problems {
        println!("cargo::error={p}");
    }
    eprintln!("the catalogues in i18n/ftl have {} problem(s):\n{}", problems.len(), problems.join("\n"));
    std::process::exit(1)
}

fn read_dir(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { fail(&[format!("cannot read {}", dir.display())]) };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
}

fn write(path: &Path, text: &str) {
    // Unchanged files keep their time: nothing that includes them is rebuilt for nothing.
    if fs::read_to_string(path).ok().as_deref() != Some(text) && fs::write(path, text).is_err() {
        fail(&[format!("cannot write {}", path.display())]);
    }
}

fn read_language(root: &Path, code: &str, problems: &mut Vec<String>) -> Language {
    let mut language = Language::new(code);
    for path in read_dir(&root.join(code)) {
        if path.extension().and_then(|e| e.to_str()) != Some("ftl") {
            continue;
        }
        let name = format!("{code}/{}", path.file_name().and_then(|n| n.to_str()).unwrap_or("?"));
        match fs::read_to_string(&path) {
            Ok(source) => language.add_file(&name, &source, problems),
            Err(_) => problems.push(format!("{name}: cannot read")),
        }
    }
    language
}

fn keys_rs(source: &Language) -> String {
    let mut s = String::new();
    for (id, vars) in &source.messages {
        let name = rust_name(id);
        let params: Vec<String> = vars.iter().map(|v| format!("{}: impl Into<Arg>", rust_name(v))).collect();
        let _ = writeln!(s, "#[doc = {:?}]", format!("`{id}`"));
        let _ = write!(s, "pub fn {name}({}) -> Msg {{ Msg::new({id:?})", params.join(", "));
        for v in vars {
            let _ = write!(s, ".with({v:?}, {})", rust_name(v));
        }
        let _ = writeln!(s, " }}");
    }
    s
}

fn rust_name(id: &str) -> String {
    let name = id.replace('-', "_");
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
        "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
        "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "box", "final", "gen", "macro",
        "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "abstract", "become", "do",
    ];
    if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// FNV-1a, 64 bits: names a file after its content (not a security measure).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}
