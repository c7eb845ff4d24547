//! The static check of every template: each variable, attribute path, filter, test, macro and
//! included template is looked up against the data shape the template receives
//! ([`super::shape`]), in every branch, whether or not this month's data reaches it. Partials
//! are checked with the names visible where they are included, macros with the shapes of the
//! arguments at each call (and once with unknown arguments, so an unused macro is checked too).
//!
//! It works on minijinja's syntax tree (the `unstable_machinery` API of the pinned version)
//! and reports; it renders nothing. Syntax errors are left to the renderer, which reports them
//! with its own words.
//!
//! [`builtins`] lists minijinja's own filters and tests, [`walker`] walks the syntax tree.

mod builtins;
mod walker;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use minijinja::syntax::SyntaxConfig;

use super::shape::Shape;
pub use builtins::{BUILTIN_FILTERS, BUILTIN_TESTS};
use walker::{Walker, top_level_macros};

/// Functions every template can call.
const GLOBALS: &[&str] = &["range", "dict", "debug", "namespace", "baustein"];

/// The fields of `loop` inside a for loop.
const LOOP_FIELDS: &[&str] = &[
    "index",
    "index0",
    "revindex",
    "revindex0",
    "first",
    "last",
    "length",
    "depth",
    "depth0",
    "previtem",
    "nextitem",
    "changed",
    "cycle",
];

/// Most template walks and macro calls of one check; the shipped templates need about a
/// hundred.
const WALK_BUDGET: usize = 10_000;

/// Deepest chain of includes and macro calls followed (templates that include themselves).
const MAX_NESTING: usize = 24;

/// One unknown name: where (byte range in the template) and what.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub template: String,
    pub start: usize,
    pub end: usize,
    pub what: What,
}

/// The kinds of unknown names, with the candidates for "meinten Sie …?".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum What {
    /// A variable or attribute path (`t.datum_offn`) the data does not have.
    Name {
        path: String,
        wrong: String,
        known: Vec<String>,
    },
    Filter {
        name: String,
    },
    Test {
        name: String,
    },
    /// A macro a module does not define.
    Macro {
        module: String,
        name: String,
        known: Vec<String>,
    },
    /// An included template that does not exist.
    Include {
        name: String,
    },
}

/// The templates to check, by name, with the data shape of each entry point.
pub struct Check<'a> {
    pub sources: &'a BTreeMap<String, String>,
    /// Every template name found, readable or not (a refused one is reported elsewhere).
    pub all_names: &'a [String],
    pub entry_points: Vec<(&'a str, Shape)>,
    pub syntax: SyntaxConfig,
    pub filters: Vec<&'a str>,
}

/// Every unknown name in every template, in template and position order.
pub fn check(input: &Check<'_>) -> Vec<Finding> {
    let mut asts = BTreeMap::new();
    for (name, text) in input.sources {
        // Syntax errors are reported by the renderer.
        if let Ok(tree) = minijinja::machinery::parse(text, name, input.syntax.clone()) {
            asts.insert(name.as_str(), tree);
        }
    }
    let mut walker = Walker {
        sources: input.sources,
        all_names: input.all_names,
        asts: &asts,
        filters: input
            .filters
            .iter()
            .copied()
            .chain(BUILTIN_FILTERS.iter().copied())
            .collect(),
        findings: BTreeSet::new(),
        reached: HashSet::new(),
        visited_macros: HashSet::new(),
        depth: 0,
        including: Vec::new(),
        budget: WALK_BUDGET,
    };
    for (name, shape) in &input.entry_points {
        if asts.contains_key(name) {
            walker.template(name, &mut Scope::new(shape.clone()));
        }
    }
    // Templates no entry point includes are still checked, with unknown data.
    for name in asts.keys() {
        if !walker.reached.contains(*name) {
            walker.template(name, &mut Scope::new(Shape::Any));
        }
    }
    // Macros never called are checked once with unknown arguments.
    for (name, tree) in &asts {
        for (macro_name, _) in top_level_macros(tree) {
            walker.call_macro(name, macro_name, &[], &[], &Shape::Any);
        }
    }
    walker.findings.into_iter().collect()
}

struct Scope {
    frames: Vec<HashMap<String, Shape>>,
    root: Shape,
}

impl Scope {
    fn new(root: Shape) -> Scope {
        Scope {
            frames: vec![HashMap::new()],
            root,
        }
    }

    fn lookup(&self, name: &str) -> Option<Shape> {
        for frame in self.frames.iter().rev() {
            if let Some(shape) = frame.get(name) {
                return Some(shape.clone());
            }
        }
        match &self.root {
            Shape::Map(fields) => fields.get(name).cloned(),
            _ => Some(Shape::Any),
        }
    }

    fn bind(&mut self, name: &str, shape: Shape) {
        let frame = self.frames.last_mut().expect("a scope has a frame");
        let merged = match frame.remove(name) {
            Some(existing) => existing.merge(shape),
            None => shape,
        };
        frame.insert(name.to_string(), merged);
    }

    /// Every name visible here, for suggestions.
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.frames.iter().flat_map(|f| f.keys().cloned()).collect();
        if let Shape::Map(fields) = &self.root {
            names.extend(fields.keys().cloned());
        }
        names.sort();
        names.dedup();
        names
    }
}
