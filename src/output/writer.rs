//! Writing a month's documents into `out/YYYY-MM/`, all or nothing.
//!
//! The documents are written into a staging folder beside the month folder and swapped in
//! only when every file is written and on disk, so a failed run leaves the previous output
//! untouched. Durability is paid once per batch, not once per file ([`Flush`]): the files are
//! written without a flush each, and before the swap one `syncfs(2)` (Linux, local file
//! systems) or an `fsync` of every staged file on several threads (elsewhere) puts them all on
//! disk; only then is anything renamed. The swap is two renames (month folder aside, staging folder in); a run killed
//! between them leaves the complete previous month aside, and [`recover`] puts it back before
//! anything else happens. Nothing here removes a folder while it is the only complete copy.
//! The callers hold the output lock ([`super::lock`]), so no two runs share these folders.
//! The send log lives outside the month folder and is never touched here.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::layout::{self, MonthLayout};
use super::manifest::{self, DispatchRow, ManifestError};
use super::{FsError, fs_error};
use crate::messages::output as messages;
use crate::month::Month;

/// A file to write into the month folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Plain file name (no folders); checked again before writing.
    pub name: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}

/// Whether the run replaces the whole month or only some of its files (`--only`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Every document of the month: the month folder is replaced as a whole.
    ReplaceMonth,
    /// Some documents (`--only`): the other files of the month folder are kept.
    UpdateFiles,
}

/// A file system problem while writing the output.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file system operation failed.
    #[error(transparent)]
    Io(#[from] FsError),
    /// The manifest of the month cannot be read (for `--only`, which merges it).
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    /// A file name would leave the month folder or take a reserved name.
    #[error("{}", messages::unsafe_name(.0))]
    UnsafeName(String),
    /// The month folder is a symbolic link.
    #[error("{}", messages::symlinked_month(.0.display()))]
    SymlinkedMonth(PathBuf),
    /// The PDF files could not be made (LibreOffice missing, failing or hanging).
    #[error(transparent)]
    Pdf(#[from] crate::pdf::PdfError),
    /// Another run holds the output folder's lock.
    #[error("{}", messages::busy(holder, lock.display()))]
    Busy {
        /// The lock file.
        lock: PathBuf,
        /// Who holds it, in words.
        holder: String,
    },
}

fn io_error<'p>(path: &'p Path, action: &'static str) -> impl FnOnce(io::Error) -> WriteError + 'p {
    let wrap = fs_error(path, action);
    move |source| WriteError::Io(wrap(source))
}

/// A file name that stays inside the month folder: no separators, no `..`, no hidden files.
fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
        && Path::new(name).components().count() == 1
}

/// Writes `files` and the manifest into `out_dir/<month>/` and returns that folder.
///
/// With [`WriteMode::UpdateFiles`] the files already in the month folder are kept (except
/// those replaced), and manifest rows of briefings that were not rebuilt are kept as well.
pub fn write_month(
    out_dir: &Path,
    month: Month,
    files: &[OutputFile],
    rows: Vec<DispatchRow>,
    mode: WriteMode,
) -> Result<PathBuf, WriteError> {
    for file in files {
        check_name(&file.name)?;
    }
    let staging = MonthWriter::begin(out_dir, month, mode)?;
    for file in files {
        staging.add(file)?;
    }
    staging.commit(rows)
}

fn check_name(name: &str) -> Result<(), WriteError> {
    if !is_plain_file_name(name) || layout::is_reserved(name) {
        return Err(WriteError::UnsafeName(name.to_string()));
    }
    Ok(())
}

/// A month's output being written: files go into a staging folder as they are produced (so
/// memory does not grow with the batch), and [`MonthWriter::commit`] swaps the folder in.
/// Dropped without a commit, it removes the staging folder and the previous output stays.
#[derive(Debug)]
pub struct MonthWriter {
    layout: MonthLayout,
    staging: PathBuf,
    target: PathBuf,
    previous: PathBuf,
    mode: WriteMode,
    flush: Flush,
    committed: bool,
}

impl MonthWriter {
    /// Creates the staging folder beside `out_dir/<month>`; in [`WriteMode::UpdateFiles`] it
    /// starts as a copy of the current month folder.
    pub fn begin(out_dir: &Path, month: Month, mode: WriteMode) -> Result<MonthWriter, WriteError> {
        fs::create_dir_all(out_dir).map_err(io_error(out_dir, messages::CREATE_OUTPUT_FOLDER))?;
        let layout = MonthLayout::new(out_dir, month);
        let (staging, target) = (layout.staging(), layout.folder());
        // Never follow a link out of the output folder: not for the month folder (whose files
        // an update would copy and whose manifest it would read), and not for the staging and
        // previous folders, which are removed as links, never entered.
        if fs::symlink_metadata(&target).is_ok_and(|meta| meta.file_type().is_symlink()) {
            return Err(WriteError::SymlinkedMonth(target));
        }
        recover(&layout)?;
        remove_if_present(&staging)?;
        fs::create_dir(&staging).map_err(io_error(&staging, messages::CREATE_STAGING))?;
        let writer = MonthWriter {
            // Chosen (and the staging folder opened) before the first file is written, so a
            // write-back error of any file of the batch is reported by the flush.
            flush: Flush::choose(&staging).inspect_err(|_| {
                let _ = fs::remove_dir_all(&staging);
            })?,
            staging,
            target,
            previous: layout.previous(),
            layout,
            mode,
            committed: false,
        };
        if mode == WriteMode::UpdateFiles && writer.target.is_dir() {
            copy_existing(&writer.target, &writer.staging)?;
        }
        Ok(writer)
    }

    /// Writes one file into the staging folder; safe to call from several threads. The file
    /// reaches the disk with the whole batch in [`MonthWriter::commit`].
    pub fn add(&self, file: &OutputFile) -> Result<(), WriteError> {
        check_name(&file.name)?;
        let path = self.staging.join(&file.name);
        write_file(&path, &file.bytes)
    }

    /// Converts the staged documents `docx_names` (written in this run) into PDF/A-2b files
    /// beside them, with one LibreOffice process (they reach the disk with the batch);
    /// returns each PDF's name and SHA-256, in the order of `docx_names`.
    pub fn add_pdfs(&self, docx_names: &[String]) -> Result<Vec<(String, String)>, WriteError> {
        let docx: Vec<PathBuf> = docx_names
            .iter()
            .map(|name| check_name(name).map(|()| self.staging.join(name)))
            .collect::<Result<_, _>>()?;
        let pdfs = crate::pdf::to_pdf_a(&docx, &self.staging)?;
        pdfs.iter()
            .map(|pdf| {
                let bytes = fs::read(pdf).map_err(io_error(pdf, messages::READ_FILE))?;
                let name = pdf
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default();
                Ok((name, manifest::sha256_hex(&bytes)))
            })
            .collect()
    }

    /// Removes the staged PDFs of `docx_names`: an update built without PDFs starts from a
    /// copy of the month, whose PDFs of the rebuilt documents would no longer match them.
    pub fn remove_pdfs(&self, docx_names: &[String]) -> Result<(), WriteError> {
        for name in docx_names {
            check_name(name)?;
            remove_if_present(&self.staging.join(Path::new(name).with_extension("pdf")))?;
        }
        Ok(())
    }

    /// Writes the manifest and swaps the staging folder in place of the month folder.
    pub fn commit(mut self, rows: Vec<DispatchRow>) -> Result<PathBuf, WriteError> {
        let rows = if self.mode == WriteMode::UpdateFiles {
            manifest::merge(manifest::read(&self.layout.manifest())?, rows)
        } else {
            rows
        };
        let manifest = self.staging.join(layout::MANIFEST_FILE);
        write_file(&manifest, &manifest::to_bytes(&rows))?;
        crash_point("staged");
        // Every staged file (documents, calendars, PDFs, copies of an update, the manifest)
        // on disk, then the staging folder's entries: only then may anything be renamed.
        self.flush.run(&self.staging)?;
        sync_dir(&self.staging)?;
        crash_point("flushed");
        let out = self.layout.out().to_path_buf();
        if self.target.exists() {
            // `recover` ran at the start, so nothing is aside now: no complete copy is lost.
            fs::rename(&self.target, &self.previous)
                .map_err(io_error(&self.target, messages::MOVE_PREVIOUS_ASIDE))?;
            sync_dir(&out)?;
            crash_point("aside");
        }
        if let Err(source) = fs::rename(&self.staging, &self.target) {
            // Put the previous output back so the month folder is never missing.
            if self.previous.exists() {
                let _ = fs::rename(&self.previous, &self.target);
            }
            return Err(io_error(&self.target, messages::MOVE_NEW_IN)(source));
        }
        self.committed = true;
        sync_dir(&out)?;
        crash_point("swapped");
        remove_if_present(&self.previous)?;
        Ok(self.target.clone())
    }
}

impl Drop for MonthWriter {
    fn drop(&mut self) {
        if !self.committed {
            // The previous output is untouched; only the staging folder goes.
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Puts a complete month back after a run was killed during the swap: if the month folder is
/// missing but the previous output waits aside, that is the only complete copy and goes back;
/// if both exist, the swap had finished and the aside copy is surplus. A half-written staging
/// folder is never a complete copy and is left for the next build to clear.
pub fn recover(layout: &MonthLayout) -> Result<(), WriteError> {
    let target = layout.folder();
    let previous = layout.previous();
    let aside = fs::symlink_metadata(&previous).is_ok_and(|meta| meta.is_dir());
    if !aside {
        // A link or file under that name is not ours to follow; remove it as such.
        if fs::symlink_metadata(&previous).is_ok() {
            remove_if_present(&previous)?;
        }
        return Ok(());
    }
    if fs::symlink_metadata(&target).is_err() {
        fs::rename(&previous, &target).map_err(io_error(&target, messages::RESTORE_PREVIOUS))?;
        sync_dir(layout.out())?;
    } else {
        remove_if_present(&previous)?;
    }
    Ok(())
}

/// Writes a file into the staging folder, without a flush of its own: [`Flush::run`] puts the
/// whole batch on disk before the swap.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    use std::io::Write;
    let mut file = fs::File::create(path).map_err(io_error(path, messages::WRITE_FILE))?;
    file.write_all(bytes)
        .map_err(io_error(path, messages::WRITE_FILE))
}

/// How a staged month reaches the disk before the swap: once per batch (issue 25).
///
/// Why this is as safe as an `fsync` of each file as it is written (the figures and sources
/// are in BENCHMARKS.md, "Durable and fast"):
/// - Linux `syncfs(2)` "provide[s] the same guarantees as fsync() called on every file in the
///   ... filesystem" (man 2 sync, NOTES), and since Linux 5.8 it reports a write-back error of
///   any inode since the handle was opened (errseq); the handle is opened in
///   [`MonthWriter::begin`], before the first file. Older kernels, and file systems whose
///   `syncfs` is not known to be the same as `fsync` for this purpose (network and FUSE file
///   systems, where `fsync` also asks the server to commit), take the per-file way.
/// - Per file: the same `fsync` (`FlushFileBuffers` on Windows, `F_FULLFSYNC` on macOS: that
///   is what `File::sync_all` calls) as before, only later and on several threads. On Linux
///   and Windows the flush acts on the file, not on the handle, so a handle opened after the
///   write flushes it too (Windows asks for write access on that handle).
#[derive(Debug)]
enum Flush {
    /// One `syncfs(2)` on the staging folder's file system, through this handle.
    #[cfg(target_os = "linux")]
    FileSystem(fs::File),
    /// An `fsync` of every staged file, on [`FLUSH_THREADS`] threads.
    EachFile,
}

/// Threads for the per-file flush: enough to keep a disk's (or a file server's) queue full,
/// whatever the number of cores; see BENCHMARKS.md for the measurement.
const FLUSH_THREADS: usize = 16;

/// Set to `files`, makes Linux flush file by file too: for the tests and benchmarks of the
/// way every other platform takes.
const FLUSH_VARIABLE: &str = "BRIEFING_FLUSH";

impl Flush {
    fn choose(staging: &Path) -> Result<Flush, WriteError> {
        #[cfg(target_os = "linux")]
        {
            let folder =
                fs::File::open(staging).map_err(io_error(staging, messages::SYNC_FOLDER))?;
            let forced = std::env::var_os(FLUSH_VARIABLE).is_some_and(|value| value == "files");
            if !forced && syncfs_is_fsync_everywhere(&folder) {
                return Ok(Flush::FileSystem(folder));
            }
        }
        let _ = (staging, FLUSH_VARIABLE);
        Ok(Flush::EachFile)
    }

    /// Puts every file of the staging folder on disk (not the folder's entries: the caller
    /// syncs the folder after this).
    fn run(&self, staging: &Path) -> Result<(), WriteError> {
        match self {
            #[cfg(target_os = "linux")]
            Flush::FileSystem(folder) => rustix::fs::syncfs(folder)
                .map_err(|error| io_error(staging, messages::SYNC_OUTPUT)(io::Error::from(error))),
            Flush::EachFile => flush_each_file(staging),
        }
    }
}

/// Whether `syncfs(2)` on this folder's file system is as good as an `fsync` of each file: a
/// kernel that reports write-back errors through it (5.8 and later) and a local file system
/// whose `syncfs` writes and waits for every file and then flushes the device cache.
#[cfg(target_os = "linux")]
fn syncfs_is_fsync_everywhere(folder: &fs::File) -> bool {
    // statfs(2) f_type values (linux/magic.h).
    const EXT: u64 = 0xEF53; // ext2, ext3, ext4
    const XFS: u64 = 0x5846_5342;
    const BTRFS: u64 = 0x9123_683E;
    const TMPFS: u64 = 0x0102_1994; // memory only: nothing to lose, nothing to wait for
    let release = rustix::system::uname()
        .release()
        .to_string_lossy()
        .into_owned();
    let mut numbers = release
        .split(|c: char| !c.is_ascii_digit())
        .map(|part| part.parse::<u32>().ok());
    let kernel = match (numbers.next().flatten(), numbers.next().flatten()) {
        (Some(major), Some(minor)) => (major, minor),
        _ => return false,
    };
    let Ok(stat) = rustix::fs::fstatfs(folder) else {
        return false;
    };
    // The field's integer type differs between architectures; the magic numbers are 32 bits.
    #[allow(clippy::unnecessary_cast)]
    let kind = (stat.f_type as u64) & 0xFFFF_FFFF;
    kernel >= (5, 8) && [EXT, XFS, BTRFS, TMPFS].contains(&kind)
}

/// `fsync` of every regular file in `staging`, on several threads; the first error wins
/// (and names its file).
fn flush_each_file(staging: &Path) -> Result<(), WriteError> {
    let mut files = Vec::new();
    for entry in fs::read_dir(staging).map_err(io_error(staging, messages::READ_FOLDER))? {
        let entry = entry.map_err(io_error(staging, messages::READ_FOLDER))?;
        let kind = entry
            .file_type()
            .map_err(io_error(&entry.path(), messages::CHECK_FILE))?;
        if kind.is_file() {
            files.push(entry.path());
        }
    }
    let next = AtomicUsize::new(0);
    let failed: Mutex<Option<WriteError>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..FLUSH_THREADS.min(files.len()) {
            scope.spawn(|| {
                while let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    // Write access: Windows' FlushFileBuffers refuses a read-only handle.
                    let synced = fs::OpenOptions::new()
                        .write(true)
                        .open(path)
                        .and_then(|file| file.sync_all());
                    if let Err(source) = synced {
                        let mut failed = failed.lock().unwrap_or_else(|e| e.into_inner());
                        failed.get_or_insert(io_error(path, messages::SYNC_FILE)(source));
                        // The others stop too: the batch is not swapped in anyway.
                        next.store(files.len(), Ordering::Relaxed);
                    }
                }
            });
        }
    });
    match failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Test hook: a debug build run with `BRIEFING_CRASH_AT=<point>` aborts at that point of the
/// commit, like a kill, so the crash tests (tests/concurrency.rs) hit each point for sure.
/// Release builds have no such hook.
fn crash_point(point: &str) {
    #[cfg(debug_assertions)]
    if std::env::var_os("BRIEFING_CRASH_AT").is_some_and(|at| at == point) {
        std::process::abort();
    }
    let _ = point;
}

/// Syncs a folder's entries (the renames) to disk. Only Unix can open a folder for that;
/// elsewhere the file system orders renames itself.
fn sync_dir(dir: &Path) -> Result<(), WriteError> {
    #[cfg(unix)]
    {
        fs::File::open(dir)
            .and_then(|folder| folder.sync_all())
            .map_err(io_error(dir, messages::SYNC_FOLDER))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Copies the regular files of the current month folder (no links, no sub-folders).
fn copy_existing(from: &Path, to: &Path) -> Result<(), WriteError> {
    let entries = fs::read_dir(from).map_err(io_error(from, messages::READ_FOLDER))?;
    for entry in entries {
        let entry = entry.map_err(io_error(from, messages::READ_FOLDER))?;
        let kind = entry
            .file_type()
            .map_err(io_error(&entry.path(), messages::CHECK_FILE))?;
        if kind.is_file() {
            let destination = to.join(entry.file_name());
            fs::copy(entry.path(), &destination)
                .map_err(io_error(&destination, messages::COPY_PREVIOUS_FILE))?;
        }
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> Result<(), WriteError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            fs::remove_dir_all(path).map_err(io_error(path, messages::REMOVE_OLD_FOLDER))
        }
        Ok(_) => fs::remove_file(path).map_err(io_error(path, messages::REMOVE_OLD_FILE)),
        Err(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, sha: &str) -> DispatchRow {
        DispatchRow {
            id: id.into(),
            name: format!("Name {id}"),
            email: format!("{id}@example.org"),
            subject: "Betreff, mit \"Zeichen\"".into(),
            file: layout::briefing_file(id),
            sha256: sha.into(),
            monat: "2026-11".parse().unwrap(),
            stand: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            pdf: String::new(),
            pdf_sha256: String::new(),
        }
    }

    #[test]
    fn unsafe_names_are_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let month: Month = "2026-11".parse().unwrap();
        for name in [
            "../x.docx",
            "/etc/x",
            "a/b.docx",
            ".hidden",
            "",
            "versand.csv",
        ] {
            let file = OutputFile {
                name: name.into(),
                bytes: vec![1],
            };
            let result = write_month(dir.path(), month, &[file], vec![], WriteMode::ReplaceMonth);
            assert!(matches!(result, Err(WriteError::UnsafeName(_))), "{name}");
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_swap_killed_between_the_renames_is_undone_before_anything_else() {
        let dir = tempfile::tempdir().unwrap();
        let month: Month = "2026-11".parse().unwrap();
        let layout = MonthLayout::new(dir.path(), month);
        let file = OutputFile {
            name: "briefing-a.docx".into(),
            bytes: vec![1],
        };
        write_month(
            dir.path(),
            month,
            std::slice::from_ref(&file),
            vec![row("a", "1")],
            WriteMode::ReplaceMonth,
        )
        .unwrap();
        // The state a kill after the first rename leaves: only the aside copy is complete.
        fs::rename(layout.folder(), layout.previous()).unwrap();
        fs::create_dir(layout.staging()).unwrap();
        fs::write(layout.staging().join("briefing-a.docx"), "halb").unwrap();
        // A build that then fails (here: an unsafe name) must not lose the month.
        let bad = OutputFile {
            name: "../x".into(),
            bytes: vec![],
        };
        let writer = MonthWriter::begin(dir.path(), month, WriteMode::ReplaceMonth).unwrap();
        assert_eq!(fs::read(layout.file("briefing-a.docx")).unwrap(), vec![1]);
        assert!(writer.add(&bad).is_err());
        drop(writer);
        assert_eq!(fs::read(layout.file("briefing-a.docx")).unwrap(), vec![1]);
        assert!(!layout.previous().exists());
        assert!(!layout.staging().exists());

        // Killed after the second rename: the new month is in place, the aside copy goes.
        fs::create_dir(layout.previous()).unwrap();
        recover(&layout).unwrap();
        assert!(!layout.previous().exists());
        assert!(layout.manifest().is_file());
    }

    #[test]
    fn replace_swaps_the_month_and_update_keeps_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let month: Month = "2026-11".parse().unwrap();
        let file = |name: &str, byte: u8| OutputFile {
            name: name.into(),
            bytes: vec![byte],
        };
        write_month(
            dir.path(),
            month,
            &[file("briefing-a.docx", 1), file("briefing-b.docx", 2)],
            vec![row("a", "1"), row("b", "2")],
            WriteMode::ReplaceMonth,
        )
        .unwrap();
        let folder = dir.path().join("2026-11");
        write_month(
            dir.path(),
            month,
            &[file("briefing-b.docx", 3)],
            vec![row("b", "3")],
            WriteMode::UpdateFiles,
        )
        .unwrap();
        assert_eq!(fs::read(folder.join("briefing-a.docx")).unwrap(), vec![1]);
        assert_eq!(fs::read(folder.join("briefing-b.docx")).unwrap(), vec![3]);
        let rows = manifest::read(&folder.join(layout::MANIFEST_FILE)).unwrap();
        assert_eq!(rows, vec![row("a", "1"), row("b", "3")]);

        write_month(
            dir.path(),
            month,
            &[file("briefing-c.docx", 4)],
            vec![row("c", "4")],
            WriteMode::ReplaceMonth,
        )
        .unwrap();
        assert!(!folder.join("briefing-a.docx").exists());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("2026-11")],
            "no staging left over"
        );
    }
}
