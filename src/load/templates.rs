//! Reading the templates folder: the text of every template, once per run.
//!
//! The renderer never touches the file system; it gets these texts. A template is any `.j2`
//! file below the templates folder, named by its relative path with `/` (`partials/x.md.j2`).
//! A file that is a link to somewhere outside the folder is not read: asking for it gives an
//! error, so templates can only ever see the templates folder. This module does not parse
//! templates.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::fs::read_bounded;
use crate::messages;

/// The largest template accepted; the shipped ones are a few kilobytes.
pub const MAX_TEMPLATE_BYTES: u64 = 4 * 1024 * 1024;

/// How deep below the templates folder templates are looked for.
const MAX_DEPTH: usize = 8;

/// One template file as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateSource {
    /// The file's text.
    Text(String),
    /// The file cannot be used; the reason (and the line, where there is one) is reported
    /// once by the renderer's check.
    Refused {
        /// Why, in words.
        reason: String,
        /// The line of the problem, if it has one.
        line: Option<u64>,
    },
}

/// Every template of the templates folder, by name.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// The templates folder, for naming files in messages.
    pub dir: PathBuf,
    /// Name (relative path with `/`) to source.
    pub sources: BTreeMap<String, TemplateSource>,
}

impl Templates {
    /// The file a template name stands for.
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Whether a template of that name was found (usable or not).
    pub fn contains(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }
}

/// Reads every `.j2` file below `dir`. A missing folder gives no templates (the renderer then
/// reports the required ones as missing).
pub fn read(dir: &Path) -> Templates {
    let mut templates = Templates {
        dir: dir.to_path_buf(),
        sources: BTreeMap::new(),
    };
    let Ok(root) = dir.canonicalize() else {
        return templates;
    };
    visit(dir, &root, &mut Vec::new(), &mut templates.sources);
    templates
}

/// Files below `dir` that look like templates saved with an extra extension
/// (`GMK.md.j2.txt`, `briefing.md.j2.md`, as Windows' editors save them): they are not read,
/// so each is a warning naming the file and the name it needs.
pub fn misnamed(dir: &Path) -> crate::diagnostics::Diagnostics {
    let mut warnings = crate::diagnostics::Diagnostics::new();
    let mut stack = vec![(dir.to_path_buf(), 0)];
    while let Some((folder, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                if depth < MAX_DEPTH {
                    stack.push((path, depth + 1));
                }
                continue;
            }
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let Some(name) = name else { continue };
            let lower = name.to_lowercase();
            if lower.ends_with(".j2") {
                continue;
            }
            if let Some(at) = lower.find(".j2.") {
                let wanted = &name[..at + 3];
                warnings.warning(
                    crate::diagnostics::Location::file(&path),
                    messages::inputs::template_extra_extension(&name, wanted),
                );
            }
        }
    }
    warnings
}

fn visit(
    dir: &Path,
    root: &Path,
    segments: &mut Vec<String>,
    sources: &mut BTreeMap<String, TemplateSource>,
) {
    if segments.len() > MAX_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        let file_name = entry.file_name().to_string_lossy().into_owned();
        segments.push(file_name);
        if meta.is_dir() {
            visit(&path, root, segments, sources);
        } else if meta.is_file() && path.extension().is_some_and(|ext| ext == "j2") {
            let name = segments.join("/");
            sources.insert(name.clone(), source(&path, &name, root));
        }
        segments.pop();
    }
}

fn source(path: &Path, name: &str, root: &Path) -> TemplateSource {
    let inside = path
        .canonicalize()
        .is_ok_and(|resolved| resolved.starts_with(root));
    if !inside {
        return TemplateSource::Refused {
            reason: messages::inputs::template_outside(name),
            line: None,
        };
    }
    match read_bounded(path, MAX_TEMPLATE_BYTES) {
        Ok(bytes) => match text_of(bytes) {
            Ok(text) => TemplateSource::Text(text),
            Err(line) => TemplateSource::Refused {
                reason: messages::inputs::NOT_UTF8.to_string(),
                line: Some(line),
            },
        },
        Err(error) => TemplateSource::Refused {
            reason: messages::inputs::template_unreadable(&error.reason()),
            line: None,
        },
    }
}

/// The text of a file as editors save it: a UTF-8 byte-order mark (older Notepad) is dropped;
/// a file that is not UTF-8 gives the line (1-based) of the first bad byte.
pub fn text_of(mut bytes: Vec<u8>) -> Result<String, u64> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|error| {
        let good = error.utf8_error().valid_up_to();
        let bytes = error.into_bytes();
        bytes[..good].iter().filter(|&&b| b == b'\n').count() as u64 + 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_below_the_folder_is_read_by_its_relative_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("partials/konferenzen")).unwrap();
        std::fs::write(dir.path().join("briefing.md.j2"), "A").unwrap();
        std::fs::write(dir.path().join("partials/konferenzen/IMK.md.j2"), "B").unwrap();
        std::fs::write(dir.path().join("README.md"), "not a template").unwrap();
        let templates = read(dir.path());
        let names: Vec<&str> = templates.sources.keys().map(String::as_str).collect();
        assert_eq!(names, ["briefing.md.j2", "partials/konferenzen/IMK.md.j2"]);
        assert_eq!(
            templates.sources["briefing.md.j2"],
            TemplateSource::Text("A".into())
        );
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_a_bad_byte_names_its_line() {
        assert_eq!(
            text_of(b"\xEF\xBB\xBF# Titel".to_vec()),
            Ok("# Titel".into())
        );
        assert_eq!(text_of(b"a\r\nb\r\nGr\xF6\xDFe".to_vec()), Err(3));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let templates_dir = dir.path().join("templates");
        std::fs::create_dir(&templates_dir).unwrap();
        std::fs::write(dir.path().join("secret.md.j2"), "GEHEIM").unwrap();
        std::os::unix::fs::symlink(
            dir.path().join("secret.md.j2"),
            templates_dir.join("x.md.j2"),
        )
        .unwrap();
        let templates = read(&templates_dir);
        assert!(matches!(
            &templates.sources["x.md.j2"],
            TemplateSource::Refused { reason, .. } if reason.contains("außerhalb des Vorlagenordners")
        ));
    }
}
