//! Stage 3: rendering the templates (minijinja) into Markdown and e-mail text.
//!
//! The templates live in the templates folder and are edited by non-programmers, so this
//! module is strict where it helps them: a value that is missing is an error when printed or
//! looped over (but `{% if x %}` on an optional field is fine), and every error names the
//! template file, line and column, shows the line, and suggests a fix where it can
//! ([`errors`]). Values printed into Markdown templates are escaped, so a `*` or `|` in a
//! spreadsheet cell never changes the document's structure; fields that hold Markdown on
//! purpose are printed with `| markdown`. Templates cannot read files or run commands: this
//! stage does no I/O at all; it gets the templates' texts from the loading stage
//! ([`crate::load::templates`]), and a name with `..` finds nothing.

pub mod blocks;
mod errors;
pub mod filters;
mod lint;
mod names;
mod quotes;
pub mod shape;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, syntax::SyntaxConfig};
use serde::Serialize;

use crate::diagnostics::{Diagnostics, Location};
use crate::load::templates::{TemplateSource, Templates};
use crate::messages;
use crate::model::{BriefingContext, Model};

/// The template for each spokesperson's briefing.
pub const BRIEFING_TEMPLATE: &str = "briefing.md.j2";
/// The template for the consolidated overview.
pub const OVERVIEW_TEMPLATE: &str = "uebersicht.md.j2";
/// The template for the e-mail (subject line and body).
pub const EMAIL_TEMPLATE: &str = "email.txt.j2";

/// Where the per-conference partials are (`<CODE>.md.j2`, found whatever the case).
const CONFERENCE_PARTIALS: &str = "partials/konferenzen/";
/// The partial for conferences without their own.
const CONFERENCE_DEFAULT_PARTIAL: &str = "standard";

/// The auto-escape mode of Markdown templates.
const MARKDOWN_ESCAPE: &str = "markdown";

/// Upper bound on template work per document, so a runaway loop ends with an error.
const FUEL: u64 = 50_000_000;

/// Subject and body of a spokesperson's e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// The subject line.
    pub subject: String,
    /// The text.
    pub body: String,
}

/// The loaded template environment; cheap to share between threads.
pub struct Renderer {
    env: Environment<'static>,
    dir: PathBuf,
    /// Every template found, in name order.
    names: Vec<String>,
    /// The templates' texts as the editors wrote them, for excerpts in messages.
    originals: Arc<BTreeMap<String, String>>,
    /// The texts minijinja parses (typographic quotes in tags made ASCII, same offsets).
    normalized: Arc<BTreeMap<String, String>>,
    /// Unreadable templates and what the static name check found, computed once.
    static_problems: Diagnostics,
}

impl Renderer {
    /// Prepares the templates read by the loading stage.
    pub fn new(templates: &Templates) -> Renderer {
        let mut originals = BTreeMap::new();
        let mut normalized = BTreeMap::new();
        let mut refused = Vec::new();
        for (name, source) in &templates.sources {
            match source {
                TemplateSource::Text(text) => {
                    normalized.insert(name.clone(), quotes::normalize(text));
                    originals.insert(name.clone(), text.clone());
                }
                TemplateSource::Refused { reason, line } => {
                    refused.push((name.clone(), *line, reason.clone()));
                }
            }
        }
        let normalized = Arc::new(normalized);
        let mut env = Environment::new();
        env.set_loader(templates_loader(templates, Arc::clone(&normalized)));
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        // Release builds otherwise lose the variable names in errors.
        env.set_debug(true);
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(64);
        env.set_syntax(syntax_config());
        // A custom auto-escape mode (rather than none) also makes minijinja mark the output
        // of macros as safe, so a macro's Markdown is not escaped a second time.
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".md.j2") {
                AutoEscape::Custom(MARKDOWN_ESCAPE.into())
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(|out, state, value| {
            let markdown =
                matches!(state.auto_escape(), AutoEscape::Custom(mode) if mode == MARKDOWN_ESCAPE);
            if markdown && !value.is_safe() {
                let text = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_string);
                out.write_str(&escape_markdown(&text))?;
                return Ok(());
            }
            minijinja::escape_formatter(out, state, value)
        });
        filters::register(&mut env);
        let mut renderer = Renderer {
            env,
            dir: templates.dir.clone(),
            names: templates.sources.keys().cloned().collect(),
            originals: Arc::new(originals),
            normalized,
            static_problems: Diagnostics::new(),
        };
        for (name, line, reason) in refused {
            let file = renderer.dir.join(name);
            let location = match line {
                Some(line) => Location::line(&file, line, 1),
                None => Location::file(&file),
            };
            renderer.static_problems.error(location, reason);
        }
        let unknown_names = renderer.check_names();
        renderer.static_problems.extend(unknown_names);
        for (name, text) in renderer.originals.iter() {
            if name.ends_with(".md.j2") {
                for problem in lint::check(&renderer.dir, name, text) {
                    renderer.static_problems.push_diagnostic(problem);
                }
            }
        }
        renderer
    }

    fn diagnose(
        &self,
        name: &str,
        error: &minijinja::Error,
        context: Option<&Value>,
    ) -> Diagnostics {
        errors::diagnose(&self.dir, name, error, context, &self.originals)
    }

    /// The group style of `briefing.yaml` (`schreibweise`), which the role-noun filters use
    /// unless a template sets its own with `{% set schreibweise = ... %}`.
    pub fn with_group_style(mut self, style: crate::load::config::GroupStyle) -> Self {
        self.env.add_global("schreibweise", style.name());
        self
    }

    /// Makes the Word content blocks available to `baustein(...)` ([`blocks`]).
    pub fn with_blocks(mut self, blocks: Arc<crate::load::blocks::Blocks>) -> Self {
        blocks::register(&mut self.env, blocks);
        self
    }

    /// Warns about per-conference partials (`partials/konferenzen/<CODE>.md.j2`, any case)
    /// whose code is not a conference of the roster: they would never be included.
    pub fn with_conference_codes<'a>(mut self, codes: impl IntoIterator<Item = &'a str>) -> Self {
        let codes: Vec<String> = codes.into_iter().map(str::to_lowercase).collect();
        for name in &self.names {
            let Some(code) = name
                .strip_prefix(CONFERENCE_PARTIALS)
                .and_then(|rest| rest.strip_suffix(".md.j2"))
            else {
                continue;
            };
            if code.contains('/') || code == CONFERENCE_DEFAULT_PARTIAL {
                continue;
            }
            if !codes.contains(&code.to_lowercase()) {
                self.static_problems.warning(
                    Location::file(&self.dir.join(name)),
                    messages::render::partial_without_conference(code),
                );
            }
        }
        self
    }

    /// The warnings the static checks found (a doubtful `**`, a partial for no conference),
    /// for runs that go on despite them.
    pub fn warnings(&self) -> Diagnostics {
        let mut warnings = Diagnostics::new();
        for warning in self.static_problems.warnings() {
            warnings.push_diagnostic(warning.clone());
        }
        warnings
    }

    /// The file a template name stands for (for messages).
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Parses every `.j2` file in the templates folder, so a syntax error in a partial no
    /// document includes this month is found too.
    pub fn check_all(&self) -> Diagnostics {
        let mut diagnostics = self.static_problems.clone();
        for name in self.normalized.keys() {
            if let Err(error) = guarded(|| self.env.get_template(name).map(|_| ())) {
                diagnostics.extend(self.diagnose(name, &error, None));
            }
        }
        for required in [BRIEFING_TEMPLATE, OVERVIEW_TEMPLATE, EMAIL_TEMPLATE] {
            if !self.names.iter().any(|name| name == required) {
                diagnostics.error(
                    Location::file(&self.dir.join(required)),
                    messages::render::REQUIRED_MISSING,
                );
            }
        }
        diagnostics
    }

    /// Every variable, attribute path, filter, test, macro and include of every template,
    /// looked up statically against the data shape derived from the model's types.
    fn check_names(&self) -> Diagnostics {
        let shapes = shape::Shapes::from_model_types();
        let input = names::Check {
            sources: &self.normalized,
            all_names: &self.names,
            entry_points: vec![
                (BRIEFING_TEMPLATE, shapes.briefing.clone()),
                (EMAIL_TEMPLATE, shapes.briefing),
                (OVERVIEW_TEMPLATE, shapes.overview),
            ],
            syntax: syntax_config(),
            filters: filters::FILTER_NAMES.to_vec(),
        };
        let mut diagnostics = Diagnostics::new();
        for finding in names::check(&input) {
            let original = self
                .originals
                .get(&finding.template)
                .map_or("", String::as_str);
            diagnostics.push_diagnostic(errors::unknown_name(&self.dir, original, &finding));
        }
        diagnostics
    }

    /// The Markdown of one spokesperson's briefing.
    pub fn briefing(&self, context: &BriefingContext<'_>) -> Result<String, Diagnostics> {
        self.render(BRIEFING_TEMPLATE, context)
    }

    /// The Markdown of the overview.
    pub fn overview(&self, model: &Model) -> Result<String, Diagnostics> {
        self.render(OVERVIEW_TEMPLATE, model)
    }

    /// Subject and body of one spokesperson's e-mail. The template's first line is
    /// `Betreff: ...`, then an empty line, then the body.
    pub fn email(&self, context: &BriefingContext<'_>) -> Result<Email, Diagnostics> {
        let text = self.render(EMAIL_TEMPLATE, context)?;
        let (first, body) = text.split_once('\n').unwrap_or((&text, ""));
        let Some(subject) = first.strip_prefix("Betreff:") else {
            let mut diagnostics = Diagnostics::new();
            diagnostics.error(
                Location::line(&self.dir.join(EMAIL_TEMPLATE), 1, 1),
                messages::render::EMAIL_SUBJECT,
            );
            return Err(diagnostics);
        };
        Ok(Email {
            subject: subject.trim().to_string(),
            body: body.trim_start_matches('\n').to_string(),
        })
    }

    fn render<S: Serialize>(&self, name: &str, context: &S) -> Result<String, Diagnostics> {
        // A problem `check_all` reports would fail again here, in other words; the caller
        // gets the same diagnostics as `check_all` (and drops the duplicates).
        if self.static_problems.has_errors() {
            return Err(self.static_problems.clone());
        }
        let template = guarded(|| self.env.get_template(name))
            .map_err(|error| self.diagnose(name, &error, None))?;
        let value = Value::from(minijinja::value::Serde(context));
        guarded(|| template.render(&value))
            .map_err(|error| self.diagnose(name, &error, Some(&value)))
    }
}

/// Runs minijinja, turning a panic inside it into an error: minijinja 3.1.0's code generator
/// reaches `unreachable!()` for some templates (`{% import "x" as a/b %}`, a fuzz finding),
/// and no template may crash the run.
fn guarded<T>(run: impl FnOnce() -> Result<T, minijinja::Error>) -> Result<T, minijinja::Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|_| {
        Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            messages::render::INTERNAL,
        ))
    })
}

fn syntax_config() -> SyntaxConfig {
    SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .expect("the default delimiters are valid")
}

/// Finds templates among the texts the loading stage read, and nowhere else: a name is a
/// relative path without `..` (as with minijinja's path loader; `/etc/x` is looked up as
/// `etc/x`). A name that differs only in case is found too (`partials/konferenzen/gmk.md.j2`
/// for the code GMK), as Windows, where editors save, does not tell them apart.
fn templates_loader(
    templates: &Templates,
    normalized: Arc<BTreeMap<String, String>>,
) -> impl Fn(&str) -> Result<Option<String>, minijinja::Error> + Send + Sync + 'static {
    let refused: BTreeMap<String, String> = templates
        .sources
        .iter()
        .filter_map(|(name, source)| match source {
            TemplateSource::Refused { reason, .. } => Some((name.clone(), reason.clone())),
            TemplateSource::Text(_) => None,
        })
        .collect();
    move |name| {
        let mut segments = Vec::new();
        for segment in name.split('/') {
            if segment.is_empty() || segment == "." {
                continue;
            }
            if segment == ".." || segment.contains(['\\', ':', '\0']) {
                return Ok(None);
            }
            segments.push(segment);
        }
        let wanted = segments.join("/");
        let found = normalized.get(&wanted).or_else(|| {
            normalized
                .iter()
                .find(|(known, _)| known.to_lowercase() == wanted.to_lowercase())
                .map(|(_, text)| text)
        });
        if let Some(text) = found {
            return Ok(Some(text.clone()));
        }
        match refused.get(&wanted) {
            None => Ok(None),
            Some(reason) => Err(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                reason.clone(),
            )),
        }
    }
}

/// Escapes text so Markdown shows it literally; line breaks become `<br>`, which the DOCX
/// writer turns into line breaks (they also keep a table row on one line).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push_str("<br>");
        }
        let line = line.trim_end_matches('\r');
        let mut at_line_start = true;
        for (position, c) in line.char_indices() {
            let needs_escape = matches!(
                c,
                '\\' | '`'
                    | '*'
                    | '_'
                    | '['
                    | ']'
                    | '('
                    | ')'
                    | '<'
                    | '>'
                    | '|'
                    | '~'
                    | '&'
                    | '#'
                    | '!'
            ) || (at_line_start && matches!(c, '-' | '+' | '='))
                || (matches!(c, '.' | ')') && ends_list_number(line, position));
            if needs_escape {
                out.push('\\');
            }
            out.push(c);
            if !c.is_whitespace() {
                at_line_start = false;
            }
        }
    }
    out
}

/// Whether the `.` or `)` at `position` would make the line an ordered list item ("2025. ").
fn ends_list_number(line: &str, position: usize) -> bool {
    let digits = &line[..position];
    let next = line[position + 1..].chars().next();
    !digits.trim_start().is_empty()
        && digits.trim_start().bytes().all(|b| b.is_ascii_digit())
        && next.is_none_or(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_template(text: &str) -> Templates {
        Templates {
            dir: PathBuf::from("templates"),
            sources: [("t.md.j2".to_string(), TemplateSource::Text(text.into()))].into(),
        }
    }

    fn render(template: &str, context: Value) -> String {
        Renderer::new(&one_template(template))
            .render("t.md.j2", &context)
            .unwrap()
    }

    #[test]
    fn german_date_filters() {
        let context = minijinja::context! { d => "2023-04-20", m => "2026-11" };
        assert_eq!(
            render(
                "{{ d | datum }}|{{ d | datum_lang }}|{{ d | datum_wochentag }}|{{ m | monat_name }}",
                context
            ),
            "20.04.2023|20\\. April 2023|Donnerstag, 20. April 2023|November 2026"
        );
    }

    #[test]
    fn printed_values_cannot_change_the_markdown_structure() {
        assert_eq!(escape_markdown("a|b *c* _d_"), "a\\|b \\*c\\* \\_d\\_");
        assert_eq!(escape_markdown("# Titel"), "\\# Titel");
        assert_eq!(escape_markdown("- x"), "\\- x");
        assert_eq!(escape_markdown("2025. Jahr"), "2025\\. Jahr");
        assert_eq!(escape_markdown("a\nb"), "a<br>b");
        // A value inside a link target ([x](mailto:{{ e }})) cannot end the target early.
        assert_eq!(escape_markdown("a)b(c"), "a\\)b\\(c");
        assert_eq!(
            escape_markdown("Müller-Lüdenscheidt"),
            "Müller-Lüdenscheidt"
        );
        let context = minijinja::context! { v => "*x*", m => "**y**" };
        assert_eq!(
            render("{{ v }} {{ m | markdown }}", context),
            "\\*x\\* **y**"
        );
    }

    #[test]
    fn missing_values_are_errors_but_if_tests_are_allowed() {
        let error = Renderer::new(&one_template("a\n{% if x.y %}y{% endif %}{{ x.z }}"))
            .render(
                "t.md.j2",
                &minijinja::context! { x => minijinja::context! {} },
            )
            .unwrap_err()
            .to_string();
        assert!(error.contains("t.md.j2:2:"), "{error}");
        assert!(error.contains("fehlt in den Daten"), "{error}");
    }
}
