//! The walk over one template's syntax tree: statements, expressions, attribute paths, calls
//! of filters, tests and macros, includes and imports, each looked up in the current scope.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use minijinja::machinery::ast::{self, CallArg, Expr, Stmt};

use super::super::shape::Shape;
use super::*;

/// Walks the templates, collecting findings.
pub(super) struct Walker<'t, 's> {
    pub(super) sources: &'t BTreeMap<String, String>,
    pub(super) all_names: &'t [String],
    pub(super) asts: &'t BTreeMap<&'s str, Stmt<'s>>,
    pub(super) filters: HashSet<&'t str>,
    pub(super) findings: BTreeSet<Finding>,
    pub(super) reached: HashSet<String>,
    pub(super) visited_macros: HashSet<String>,
    pub(super) depth: usize,
    /// The templates being walked, outermost first (an include cycle stops here).
    pub(super) including: Vec<String>,
    /// Templates and macro calls still to walk.
    pub(super) budget: usize,
}

/// The macros a template defines at its top level.
pub(super) fn top_level_macros<'a, 's>(tree: &'a Stmt<'s>) -> Vec<(&'s str, &'a ast::Macro<'s>)> {
    let Stmt::Template(template) = tree else {
        return Vec::new();
    };
    template
        .children
        .iter()
        .filter_map(|child| match child {
            Stmt::Macro(m) => Some((m.name, &**m)),
            _ => None,
        })
        .collect()
}

/// A dotted path (`k.aenderungen.anzahl`) for messages, if the expression is one.
fn path_of(expr: &Expr<'_>) -> Option<String> {
    match expr {
        Expr::Var(var) => Some(var.id.to_string()),
        Expr::GetAttr(attr) => Some(format!("{}.{}", path_of(&attr.expr)?, attr.name)),
        _ => None,
    }
}

fn const_str(expr: &Expr<'_>) -> Option<String> {
    match expr {
        Expr::Const(c) => c.value.as_str().map(str::to_string),
        _ => None,
    }
}

impl<'t, 's> Walker<'t, 's> {
    fn report(&mut self, template: &str, start: usize, end: usize, what: What) {
        self.findings.insert(Finding {
            template: template.to_string(),
            start,
            end,
            what,
        });
    }

    pub(super) fn template(&mut self, name: &str, scope: &mut Scope) {
        let Some(tree) = self.asts.get(name) else {
            return;
        };
        // A template that includes itself (directly or through others) is walked once per
        // chain, and the whole walk has a budget: a partial included twice per level would
        // otherwise be walked 2^depth times.
        if self.depth > MAX_NESTING || self.including.iter().any(|open| open == name) {
            return;
        }
        if self.budget == 0 {
            return;
        }
        self.budget -= 1;
        self.reached.insert(name.to_string());
        self.including.push(name.to_string());
        self.depth += 1;
        self.stmt(name, tree, scope);
        self.depth -= 1;
        self.including.pop();
    }

    fn body(&mut self, file: &str, body: &[Stmt<'s>], scope: &mut Scope) {
        for stmt in body {
            self.stmt(file, stmt, scope);
        }
    }

    fn bind_target(&mut self, target: &Expr<'s>, shape: Shape, scope: &mut Scope) {
        match target {
            Expr::Var(var) => scope.bind(var.id, shape),
            Expr::List(list) => list
                .items
                .iter()
                .for_each(|item| self.bind_target(item, Shape::Any, scope)),
            Expr::Tuple(tuple) => tuple
                .items
                .iter()
                .for_each(|item| self.bind_target(item, Shape::Any, scope)),
            _ => {}
        }
    }

    fn stmt(&mut self, file: &str, stmt: &Stmt<'s>, scope: &mut Scope) {
        match stmt {
            Stmt::Template(t) => self.body(file, &t.children, scope),
            Stmt::EmitExpr(e) => {
                self.expr(file, &e.expr, scope);
            }
            Stmt::EmitRaw(_) | Stmt::Continue(_) | Stmt::Break(_) => {}
            Stmt::ForLoop(f) => {
                let items = self.expr(file, &f.iter, scope);
                let item = match items {
                    Shape::Seq(item) => *item,
                    Shape::Map(_) | Shape::Scalar => Shape::Scalar,
                    _ => Shape::Any,
                };
                scope.frames.push(HashMap::new());
                let mut fields: BTreeMap<String, Shape> = LOOP_FIELDS
                    .iter()
                    .map(|f| (f.to_string(), Shape::Any))
                    .collect();
                fields.insert("previtem".into(), item.clone());
                fields.insert("nextitem".into(), item.clone());
                scope.bind("loop", Shape::Map(fields));
                self.bind_target(&f.target, item, scope);
                if let Some(filter) = &f.filter_expr {
                    self.expr(file, filter, scope);
                }
                self.body(file, &f.body, scope);
                scope.frames.pop();
                self.body(file, &f.else_body, scope);
            }
            Stmt::IfCond(i) => {
                self.expr(file, &i.expr, scope);
                self.body(file, &i.true_body, scope);
                self.body(file, &i.false_body, scope);
            }
            Stmt::WithBlock(w) => {
                scope.frames.push(HashMap::new());
                for (target, value) in &w.assignments {
                    let shape = self.expr(file, value, scope);
                    self.bind_target(target, shape, scope);
                }
                self.body(file, &w.body, scope);
                scope.frames.pop();
            }
            Stmt::Set(s) => {
                let shape = self.expr(file, &s.expr, scope);
                self.bind_target(&s.target, shape, scope);
            }
            Stmt::SetBlock(s) => {
                if let Some(filter) = &s.filter {
                    self.expr(file, filter, scope);
                }
                self.body(file, &s.body, scope);
                self.bind_target(&s.target, Shape::Scalar, scope);
            }
            Stmt::AutoEscape(a) => self.body(file, &a.body, scope),
            Stmt::FilterBlock(f) => {
                self.expr(file, &f.filter, scope);
                self.body(file, &f.body, scope);
            }
            Stmt::Block(b) => self.body(file, &b.body, scope),
            Stmt::Extends(e) => {
                self.expr(file, &e.name, scope);
            }
            Stmt::Include(include) => {
                let names = self.include_names(file, &include.name, include.ignore_missing, scope);
                for name in names {
                    self.template(&name, scope);
                }
            }
            Stmt::Import(import) => {
                let module = const_str(&import.expr);
                if module.is_none() {
                    self.expr(file, &import.expr, scope);
                }
                let shape = module.map_or(Shape::Any, |m| self.module(file, &import.expr, m));
                self.bind_target(&import.name, shape, scope);
            }
            Stmt::FromImport(import) => {
                let module = const_str(&import.expr);
                for (name, alias) in &import.names {
                    let shape = match (&module, name) {
                        (Some(module), Expr::Var(var)) => {
                            Shape::Macro(module.clone(), var.id.to_string())
                        }
                        _ => Shape::Any,
                    };
                    self.bind_target(alias.as_ref().unwrap_or(name), shape, scope);
                }
            }
            Stmt::Macro(m) => {
                scope.bind(m.name, Shape::Macro(file.to_string(), m.name.to_string()));
            }
            Stmt::CallBlock(c) => {
                self.call(file, &c.call.expr, &c.call.args, scope);
                let mut inner = Scope::new(scope.root.clone());
                inner.frames = scope.frames.clone();
                inner.frames.push(HashMap::new());
                for arg in &c.macro_decl.args {
                    self.bind_target(arg, Shape::Any, &mut inner);
                }
                self.body(file, &c.macro_decl.body, &mut inner);
            }
            Stmt::Do(d) => {
                self.call(file, &d.call.expr, &d.call.args, scope);
            }
        }
    }

    /// Whether a template of this name exists (parsed or not; case as the loader ignores it).
    fn exists(&self, name: &str) -> bool {
        self.all_names
            .iter()
            .any(|known| known.to_lowercase() == name.to_lowercase())
    }

    fn module(&mut self, file: &str, expr: &Expr<'s>, module: String) -> Shape {
        if self.asts.contains_key(module.as_str()) {
            Shape::Module(module)
        } else if self.exists(&module) {
            Shape::Any
        } else {
            let span = expr_span(expr);
            self.report(file, span.0, span.1, What::Include { name: module });
            Shape::Any
        }
    }

    /// The templates an include can mean: the constant names, or for a name built with `~`
    /// (`"partials/konferenzen/" ~ k.kuerzel ~ ".md.j2"`) every template that fits.
    fn include_names(
        &mut self,
        file: &str,
        expr: &Expr<'s>,
        ignore_missing: bool,
        scope: &mut Scope,
    ) -> Vec<String> {
        let candidates: Vec<&Expr<'s>> = match expr {
            Expr::List(list) => list.items.iter().collect(),
            other => vec![other],
        };
        let several = candidates.len() > 1 || ignore_missing;
        let mut names = Vec::new();
        for candidate in candidates {
            if let Some(name) = const_str(candidate) {
                if self.asts.contains_key(name.as_str()) {
                    names.push(name);
                } else if !several && !self.exists(&name) {
                    let span = expr_span(candidate);
                    self.report(file, span.0, span.1, What::Include { name });
                }
                continue;
            }
            self.expr(file, candidate, scope);
            let mut parts = Vec::new();
            concat_parts(candidate, &mut parts);
            let prefix = parts.first().cloned().flatten().unwrap_or_default();
            let suffix = parts.last().cloned().flatten().unwrap_or_default();
            for name in self.asts.keys() {
                if name.len() >= prefix.len() + suffix.len()
                    && name.starts_with(&prefix)
                    && name.ends_with(&suffix)
                {
                    names.push(name.to_string());
                }
            }
        }
        names
    }

    fn expr(&mut self, file: &str, expr: &Expr<'s>, scope: &mut Scope) -> Shape {
        match expr {
            Expr::Var(var) => match scope.lookup(var.id) {
                Some(shape) => shape,
                None if GLOBALS.contains(&var.id)
                    || crate::render::decisions::FUNCTION_NAMES.contains(&var.id)
                    || matches!(var.id, "self" | "caller" | "varargs" | "kwargs") =>
                {
                    Shape::Any
                }
                None => {
                    let span = var.span();
                    self.report(
                        file,
                        span.start_offset as usize,
                        span.end_offset as usize,
                        What::Name {
                            path: var.id.to_string(),
                            wrong: var.id.to_string(),
                            known: scope.names(),
                        },
                    );
                    Shape::Any
                }
            },
            Expr::Const(c) => match c.value.kind() {
                minijinja::value::ValueKind::Seq | minijinja::value::ValueKind::Map => {
                    Shape::of(&c.value)
                }
                _ => Shape::Scalar,
            },
            Expr::Slice(s) => {
                let shape = self.expr(file, &s.expr, scope);
                for part in [&s.start, &s.stop, &s.step].into_iter().flatten() {
                    self.expr(file, part, scope);
                }
                shape
            }
            Expr::UnaryOp(u) => {
                self.expr(file, &u.expr, scope);
                Shape::Scalar
            }
            Expr::BinOp(b) => {
                self.expr(file, &b.left, scope);
                self.expr(file, &b.right, scope);
                Shape::Any
            }
            Expr::Compare(c) => {
                self.expr(file, &c.expr, scope);
                for op in &c.ops {
                    self.expr(file, &op.expr, scope);
                }
                Shape::Scalar
            }
            Expr::IfExpr(i) => {
                self.expr(file, &i.test_expr, scope);
                let shape = self.expr(file, &i.true_expr, scope);
                match &i.false_expr {
                    Some(other) => {
                        let other = self.expr(file, other, scope);
                        shape.merge(other)
                    }
                    None => shape,
                }
            }
            Expr::Filter(f) => {
                let input = match &f.expr {
                    Some(inner) => self.expr(file, inner, scope),
                    None => Shape::Any,
                };
                self.args(file, &f.args, scope);
                if !self.filters.contains(f.name) {
                    let span = f.span();
                    let (start, end) = name_in(
                        span.start_offset as usize,
                        span.end_offset as usize,
                        f.name,
                        self.text(file),
                    );
                    self.report(
                        file,
                        start,
                        end,
                        What::Filter {
                            name: f.name.to_string(),
                        },
                    );
                    return Shape::Any;
                }
                self.filter_result(file, f, input)
            }
            Expr::Test(t) => {
                self.expr(file, &t.expr, scope);
                self.args(file, &t.args, scope);
                if !BUILTIN_TESTS.contains(&t.name) {
                    let span = t.span();
                    let (start, end) = name_in(
                        span.start_offset as usize,
                        span.end_offset as usize,
                        t.name,
                        self.text(file),
                    );
                    self.report(
                        file,
                        start,
                        end,
                        What::Test {
                            name: t.name.to_string(),
                        },
                    );
                }
                Shape::Scalar
            }
            Expr::GetAttr(a) => {
                let base = self.expr(file, &a.expr, scope);
                let span = a.span();
                let end = span.end_offset as usize;
                let start = end.saturating_sub(a.name.len());
                self.attribute(file, base, a.name, (start, end), &a.expr)
            }
            Expr::GetItem(g) => {
                let base = self.expr(file, &g.expr, scope);
                self.expr(file, &g.subscript_expr, scope);
                match (base, const_str(&g.subscript_expr)) {
                    (Shape::Seq(item), _) => *item,
                    (Shape::Map(fields), Some(key)) => {
                        fields.get(&key).cloned().unwrap_or(Shape::Any)
                    }
                    _ => Shape::Any,
                }
            }
            Expr::Call(c) => self.call(file, &c.expr, &c.args, scope),
            Expr::List(l) => {
                let mut item = Shape::Any;
                for entry in &l.items {
                    let shape = self.expr(file, entry, scope);
                    item = item.merge(shape);
                }
                Shape::Seq(Box::new(item))
            }
            Expr::Tuple(t) => {
                for entry in &t.items {
                    self.expr(file, entry, scope);
                }
                Shape::Any
            }
            Expr::Map(m) => {
                for (key, value) in m.keys.iter().zip(&m.values) {
                    self.expr(file, key, scope);
                    self.expr(file, value, scope);
                }
                Shape::Any
            }
        }
    }

    fn text(&self, file: &str) -> &'t str {
        self.sources.get(file).map_or("", String::as_str)
    }

    fn attribute(
        &mut self,
        file: &str,
        base: Shape,
        name: &str,
        (start, end): (usize, usize),
        base_expr: &Expr<'s>,
    ) -> Shape {
        let path =
            path_of(base_expr).map_or_else(|| name.to_string(), |base| format!("{base}.{name}"));
        match base {
            Shape::Map(fields) => match fields.get(name) {
                Some(shape) => shape.clone(),
                None => {
                    self.report(
                        file,
                        start,
                        end,
                        What::Name {
                            path,
                            wrong: name.to_string(),
                            known: fields.keys().cloned().collect(),
                        },
                    );
                    Shape::Any
                }
            },
            Shape::Seq(_) | Shape::Scalar => {
                self.report(
                    file,
                    start,
                    end,
                    What::Name {
                        path,
                        wrong: name.to_string(),
                        known: Vec::new(),
                    },
                );
                Shape::Any
            }
            Shape::Module(module) => {
                let known: Vec<String> = self
                    .asts
                    .get(module.as_str())
                    .map(|tree| {
                        top_level_macros(tree)
                            .into_iter()
                            .map(|(n, _)| n.to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                if known.iter().any(|known| known == name) {
                    Shape::Macro(module, name.to_string())
                } else {
                    self.report(
                        file,
                        start,
                        end,
                        What::Macro {
                            module,
                            name: name.to_string(),
                            known,
                        },
                    );
                    Shape::Any
                }
            }
            Shape::Macro(..) | Shape::Any => Shape::Any,
        }
    }

    fn args(
        &mut self,
        file: &str,
        args: &[CallArg<'s>],
        scope: &mut Scope,
    ) -> (Vec<Shape>, Vec<(String, Shape)>) {
        let mut positional = Vec::new();
        let mut named = Vec::new();
        for arg in args {
            match arg {
                CallArg::Pos(e) => positional.push(self.expr(file, e, scope)),
                CallArg::Kwarg(name, e) => {
                    let shape = self.expr(file, e, scope);
                    named.push((name.to_string(), shape));
                }
                CallArg::PosSplat(e) | CallArg::KwargSplat(e) => {
                    self.expr(file, e, scope);
                }
            }
        }
        (positional, named)
    }

    fn call(
        &mut self,
        file: &str,
        callee: &Expr<'s>,
        args: &[CallArg<'s>],
        scope: &mut Scope,
    ) -> Shape {
        let target = self.expr(file, callee, scope);
        let (positional, named) = self.args(file, args, scope);
        match (target, callee) {
            (Shape::Macro(module, name), _) => {
                let root = scope.root.clone();
                self.call_macro(&module, &name, &positional, &named, &root);
                Shape::Scalar
            }
            (_, Expr::Var(var)) if var.id == "range" => Shape::Seq(Box::new(Shape::Scalar)),
            _ => Shape::Any,
        }
    }

    pub(super) fn call_macro(
        &mut self,
        module: &str,
        name: &str,
        positional: &[Shape],
        named: &[(String, Shape)],
        root: &Shape,
    ) {
        let key = format!("{module}\u{0}{name}\u{0}{positional:?}{named:?}");
        if self.depth > MAX_NESTING || self.budget == 0 || !self.visited_macros.insert(key) {
            return;
        }
        self.budget -= 1;
        let asts = self.asts;
        let Some(tree) = asts.get(module) else {
            return;
        };
        let Some((_, definition)) = top_level_macros(tree).into_iter().find(|(n, _)| *n == name)
        else {
            return;
        };
        // A macro sees its arguments, the other macros and imports of its file, and the data.
        let mut scope = Scope::new(root.clone());
        if let Stmt::Template(template) = tree {
            for child in &template.children {
                match child {
                    Stmt::Macro(m) => {
                        scope.bind(m.name, Shape::Macro(module.to_string(), m.name.to_string()))
                    }
                    Stmt::Import(_) | Stmt::FromImport(_) => self.stmt(module, child, &mut scope),
                    _ => {}
                }
            }
        }
        scope.frames.push(HashMap::new());
        for (index, arg) in definition.args.iter().enumerate() {
            let shape = match arg {
                Expr::Var(var) => named
                    .iter()
                    .find(|(n, _)| n == var.id)
                    .map(|(_, s)| s.clone())
                    .or_else(|| positional.get(index).cloned())
                    .unwrap_or(Shape::Any),
                _ => Shape::Any,
            };
            self.bind_target(arg, shape, &mut scope);
        }
        for default in &definition.defaults {
            self.expr(module, default, &mut scope);
        }
        self.depth += 1;
        self.body(module, &definition.body, &mut scope);
        self.depth -= 1;
    }

    /// What a filter gives back, as far as it matters for attribute paths after it; attribute
    /// names given to `map`, `selectattr` and friends are checked against the items.
    fn filter_result(
        &mut self,
        file: &str,
        f: &ast::Spanned<ast::Filter<'s>>,
        input: Shape,
    ) -> Shape {
        let item = match &input {
            Shape::Seq(item) => Some((**item).clone()),
            _ => None,
        };
        let attribute_arg = f.args.iter().find_map(|arg| match arg {
            CallArg::Kwarg("attribute", e) => Some(e),
            _ => None,
        });
        let first_arg = f.args.iter().find_map(|arg| match arg {
            CallArg::Pos(e) => Some(e),
            _ => None,
        });
        let checked_attribute = match f.name {
            "map" | "sort" | "groupby" | "unique" | "min" | "max" | "sum" => attribute_arg,
            "selectattr" | "rejectattr" => first_arg,
            _ => None,
        };
        let mut attribute_shape = None;
        if let (Some(item), Some(arg)) = (&item, checked_attribute)
            && let Some(path) = const_str(arg)
        {
            let (start, end) = expr_span(arg);
            let mut shape = item.clone();
            for part in path.split('.') {
                shape = self.attribute(file, shape, part, (start, end), arg);
            }
            attribute_shape = Some(shape);
        }
        match f.name {
            "list" | "sort" | "reverse" | "unique" | "selectattr" | "rejectattr" | "select"
            | "reject" | "default" | "d" | "safe" | "batch" | "slice" => match f.name {
                "batch" | "slice" => Shape::Seq(Box::new(input)),
                _ => input,
            },
            "first" | "last" | "min" | "max" => item.unwrap_or(Shape::Any),
            "map" if attribute_arg.is_some() => {
                Shape::Seq(Box::new(attribute_shape.unwrap_or(Shape::Any)))
            }
            "length" | "count" | "join" | "lower" | "upper" | "title" | "trim" | "string"
            | "int" | "float" | "bool" => Shape::Scalar,
            _ => Shape::Any,
        }
    }
}

/// The pieces of a `~` chain: constant texts as `Some`, the rest as `None`.
fn concat_parts(expr: &Expr<'_>, parts: &mut Vec<Option<String>>) {
    match expr {
        Expr::BinOp(b) if matches!(b.op, ast::BinOpKind::Concat) => {
            concat_parts(&b.left, parts);
            concat_parts(&b.right, parts);
        }
        other => parts.push(const_str(other)),
    }
}

fn expr_span(expr: &Expr<'_>) -> (usize, usize) {
    let span = match expr {
        Expr::Var(s) => s.span(),
        Expr::Const(s) => s.span(),
        Expr::Slice(s) => s.span(),
        Expr::UnaryOp(s) => s.span(),
        Expr::BinOp(s) => s.span(),
        Expr::Compare(s) => s.span(),
        Expr::IfExpr(s) => s.span(),
        Expr::Filter(s) => s.span(),
        Expr::Test(s) => s.span(),
        Expr::GetAttr(s) => s.span(),
        Expr::GetItem(s) => s.span(),
        Expr::Call(s) => s.span(),
        Expr::List(s) => s.span(),
        Expr::Tuple(s) => s.span(),
        Expr::Map(s) => s.span(),
    };
    (span.start_offset as usize, span.end_offset as usize)
}

/// The byte range of `name` inside a filter or test expression's span (the name follows the
/// `|` or `is`); the whole span if it cannot be found.
fn name_in(start: usize, end: usize, name: &str, text: &str) -> (usize, usize) {
    let Some(span) = text.get(start..end) else {
        return (start, end);
    };
    span.match_indices(name)
        .find(|(at, _)| {
            let before = span[..*at].trim_end();
            before.ends_with('|') || before.ends_with("is") || before.ends_with("not")
        })
        .map_or((start, end), |(at, _)| {
            (start + at, start + at + name.len())
        })
}
