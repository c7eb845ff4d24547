//! Messages of rendering templates: template errors, the static name check, Markdown lint, filters.
