//! The checks of the catalogues, shared by the build script (which runs them on `ftl/`) and the
//! crate's tests (which show they catch what they should).

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};

/// One language's catalogue: its files' text, and its messages.
pub struct Language {
    pub code: String,
    pub text: String,
    /// Message id → the variables it references (in order of first use).
    pub messages: BTreeMap<String, Vec<String>>,
    defined_in: BTreeMap<String, String>,
}

impl Language {
    pub fn new(code: &str) -> Language {
        Language { code: code.to_owned(), text: String::new(), messages: BTreeMap::new(), defined_in: BTreeMap::new() }
    }

    /// Adds the file `name` (`de/auth.ftl`) of this language, its problems to `problems`.
    pub fn add_file(&mut self, name: &str, source: &str, problems: &mut Vec<String>) {
        let resource = match fluent_syntax::parser::parse(source) {
            Ok(r) => r,
            Err((r, errors)) => {
                for e in errors {
                    let line = source[..e.pos.start.min(source.len())].matches('\n').count() + 1;
                    problems.push(format!("{name}:{line}: {}", e.kind));
                }
                r
            }
        };
        for entry in &resource.body {
            match entry {
                Entry::Message(m) => {
                    let id = m.id.name.to_owned();
                    if let Some(first) = self.defined_in.insert(id.clone(), name.to_owned()) {
                        problems.push(format!("{name}: `{id}` is defined already in {first}"));
                    }
                    if m.value.is_none() {
                        problems.push(format!("{name}: `{id}` has no value"));
                    }
                    if !m.attributes.is_empty() {
                        problems.push(format!("{name}: `{id}` has attributes: make each its own message"));
                    }
                    let mut vars = Vec::new();
                    if let Some(p) = &m.value {
                        pattern_vars(p, &mut vars);
                    }
                    self.messages.insert(id, vars);
                }
                Entry::Junk { content } => {
                    problems.push(format!("{name}: cannot parse `{}`", content.lines().next().unwrap_or("")));
                }
                _ => {}
            }
        }
        self.text.push_str(source);
        if !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut Vec<String>) {
    for e in &p.elements {
        if let PatternElement::Placeable { expression } = e {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &Expression<&str>, vars: &mut Vec<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &InlineExpression<&str>, vars: &mut Vec<String>) {
    match i {
        InlineExpression::VariableReference { id } if !vars.iter().any(|v| v == id.name) => {
            vars.push(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
            for a in &arguments.named {
                inline_vars(&a.value, vars);
            }
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

/// What `other` lacks of, or has beyond, the source language.
pub fn compare(source: &Language, other: &Language, problems: &mut Vec<String>) {
    for (id, vars) in &source.messages {
        match other.messages.get(id) {
            None => problems.push(format!("{}: `{id}` is missing (English has it)", other.code)),
            Some(theirs) => {
                for v in theirs.iter().filter(|v| !vars.contains(v)) {
                    problems.push(format!("{}: `{id}` uses ${v}, which English does not pass", other.code));
                }
            }
        }
    }
    let extra: BTreeSet<_> = other.messages.keys().filter(|id| !source.messages.contains_key(*id)).collect();
    for id in extra {
        problems.push(format!("{}: `{id}` is not an English message (removed or misspelt?)", other.code));
    }
}
