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
pub(crate) mod decisions;
mod errors;
pub mod filters;
mod footnotes;
mod lint;
mod names;
pub mod outline;
mod quotes;
pub mod shape;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

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
/// The name of the overview's outline (the briefings' are their spokesperson's id).
pub const OVERVIEW_OUTLINE: &str = "uebersicht";
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
    /// The outline of every document rendered, by document name, for the outline guard.
    outlines: Mutex<BTreeMap<String, outline::Outline>>,
    /// Every heading line of the Markdown templates, longest fixed text first.
    heading_patterns: Vec<HeadingPattern>,
}

/// A heading line of a template ("### Änderungen seit {{ … }}"), to tell which line wrote a
/// heading of a document.
struct HeadingPattern {
    level: u8,
    /// The text before the first `{{` (the whole text when there is none).
    fixed: String,
    /// Whether the line prints values.
    dynamic: bool,
    /// The line as written, trimmed: the heading's key.
    line: String,
    /// Where it is.
    template: String,
    number: usize,
}

impl HeadingPattern {
    fn all(originals: &BTreeMap<String, String>) -> Vec<HeadingPattern> {
        let mut patterns = Vec::new();
        for (name, text) in originals {
            if !name.ends_with(".md.j2") {
                continue;
            }
            for (index, line) in text.lines().enumerate() {
                let trimmed = line.trim();
                let level = trimmed.bytes().take_while(|b| *b == b'#').count();
                let Some(rest) = trimmed[level..].strip_prefix(' ') else {
                    continue;
                };
                if level == 0 || level > 6 {
                    continue;
                }
                let dynamic = rest.contains("{{");
                let fixed = rest.split("{{").next().unwrap_or_default().trim_end();
                patterns.push(HeadingPattern {
                    level: level as u8,
                    fixed: fixed.to_string(),
                    dynamic,
                    line: trimmed.to_string(),
                    template: name.clone(),
                    number: index + 1,
                });
            }
        }
        patterns.sort_by_key(|p| (p.dynamic, std::cmp::Reverse(p.fixed.len())));
        patterns
    }

    fn matches(&self, section: &outline::Section) -> bool {
        section.level == self.level
            && if self.dynamic {
                section.heading.starts_with(&self.fixed)
            } else {
                section.heading == self.fixed
            }
    }
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
            outlines: Mutex::default(),
            heading_patterns: Vec::new(),
        };
        renderer.heading_patterns = HeadingPattern::all(&renderer.originals);
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
        for problem in footnotes::check(
            &renderer.dir,
            &renderer.originals,
            &[BRIEFING_TEMPLATE, OVERVIEW_TEMPLATE],
        ) {
            renderer.static_problems.push_diagnostic(problem);
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

    /// Adds `beschluss("…")` and `beschluss_zitat("…")`, which cite a decision of
    /// `beschluesse.yaml` (all of them, not only the window's), and checks every decision
    /// number the templates name, in a call or as plain text, against the file.
    pub fn with_decisions(mut self, entries: &[crate::load::DecisionEntry]) -> Self {
        let index = Arc::new(decisions::DecisionIndex::new(entries));
        decisions::register(&mut self.env, Arc::clone(&index));
        for (name, text) in self.originals.iter() {
            for problem in decisions::check(&self.dir, name, text, &index) {
                self.static_problems.push_diagnostic(problem);
            }
        }
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
                (EMAIL_TEMPLATE, shapes.email),
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
        let markdown = self.render(BRIEFING_TEMPLATE, context)?;
        self.record_outline(&context.sprecher.id, &markdown);
        Ok(markdown)
    }

    /// The Markdown of the overview.
    pub fn overview(&self, model: &Model) -> Result<String, Diagnostics> {
        let markdown = self.render(OVERVIEW_TEMPLATE, model)?;
        self.record_outline(OVERVIEW_OUTLINE, &markdown);
        Ok(markdown)
    }

    fn record_outline(&self, document: &str, markdown: &str) {
        let mut outline = outline::Outline::of(markdown);
        for section in &mut outline.sections {
            if let Some(pattern) = self.heading_patterns.iter().find(|p| p.matches(section)) {
                section.key = pattern.line.clone();
            }
        }
        // A poisoned lock only means another document's thread panicked; the map is whole.
        let mut outlines = self
            .outlines
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        outlines.insert(document.to_string(), outline);
    }

    /// The outlines of the documents rendered so far (spokesperson id, or `uebersicht`), and
    /// forgets them.
    pub fn take_outlines(&self) -> BTreeMap<String, outline::Outline> {
        let mut outlines = self
            .outlines
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        std::mem::take(&mut *outlines)
    }

    /// The outline guard's warnings: each heading every compared document had and none has
    /// now, or that is empty everywhere now, or (with `same_month`) that most documents show
    /// fewer times, at the template line that writes it. `compared_with` names the build
    /// compared with (its month). The overview is compared only by its fixed headings: one
    /// document tells too little about headings that come from the data.
    pub fn outline_warnings(
        &self,
        previous: &BTreeMap<String, outline::Outline>,
        current: &BTreeMap<String, outline::Outline>,
        compared_with: &str,
        same_month: bool,
    ) -> Diagnostics {
        let mut warnings = Diagnostics::new();
        // Briefings are compared with briefings, the overview with itself.
        let of_overview = |outlines: &BTreeMap<String, outline::Outline>, overview: bool| {
            outlines
                .iter()
                .filter(|(name, _)| (name.as_str() == OVERVIEW_OUTLINE) == overview)
                .map(|(name, outline)| (name.clone(), outline.clone()))
                .collect::<BTreeMap<_, _>>()
        };
        let findings = [false, true].into_iter().flat_map(|overview| {
            outline::compare(
                &of_overview(previous, overview),
                &of_overview(current, overview),
                same_month,
            )
            .into_iter()
            .filter(move |finding| !overview || !finding.heading.contains("{{"))
        });
        for finding in findings {
            let source = self
                .heading_patterns
                .iter()
                .find(|p| p.level == finding.level && p.line == finding.heading);
            let (location, mut detail) = match source {
                Some(pattern) => {
                    let text = self
                        .originals
                        .get(&pattern.template)
                        .map_or("", String::as_str);
                    (
                        Location::line(&self.dir.join(&pattern.template), pattern.number as u64, 1),
                        errors::excerpt(text, pattern.number, None),
                    )
                }
                None => (Location::file(&self.dir), Vec::new()),
            };
            let heading = &finding.heading;
            let message = match finding.change {
                outline::Change::Lost => {
                    messages::render::outline_lost(heading, finding.documents, compared_with)
                }
                outline::Change::Emptied => {
                    messages::render::outline_emptied(heading, finding.documents, compared_with)
                }
                outline::Change::Fewer { before, now } => messages::render::outline_fewer(
                    heading,
                    finding.documents,
                    before,
                    now,
                    compared_with,
                ),
            };
            detail.push(messages::render::hint(messages::render::OUTLINE_HINT));
            warnings.push_diagnostic(crate::diagnostics::Diagnostic {
                severity: crate::diagnostics::Severity::Warning,
                location,
                message,
                detail: Some(detail.join("\n")),
            });
        }
        warnings
    }

    /// Subject and body of one spokesperson's e-mail. The template's first line is
    /// `Betreff: ...`, then an empty line, then the body.
    /// Takes the briefing's data alone (`build`'s subject line) or an
    /// [`crate::model::EmailContext`] (with a correction).
    pub fn email<S: Serialize>(&self, context: &S) -> Result<Email, Diagnostics> {
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
