//! How much of a workbook is read: the limits of rows, columns, cells, text and sheets that a
//! contact or date list can need. Both `extent` (which checks `.xls`/`.ods` before calamine
//! opens them) and `sheet` (which lays out the cells) hold workbooks to these; nothing else.

/// Most rows read from a sheet (as Excel numbers them); the MPK lists have a few hundred.
pub(super) const MAX_ROWS: u32 = 100_000;

/// Most columns read from a sheet (as Excel numbers them).
pub(super) const MAX_COLUMNS: u32 = 1_000;

/// Most cells (rows times columns of the used area) kept in memory for one sheet.
pub(super) const MAX_CELLS: u64 = 5_000_000;

/// Most bytes of cell text held for one workbook. A real list holds well under a megabyte;
/// a long shared string referenced by thousands of cells would otherwise be copied into each
/// (a 23 KB `.xlsx` made the program ask for 4 GB).
pub(super) const MAX_TEXT_BYTES: u64 = MAX_TEXT_MIB * 1024 * 1024;

/// [`MAX_TEXT_BYTES`] in MiB, as the messages name it.
pub(super) const MAX_TEXT_MIB: u64 = 64;

/// Most sheets read from one workbook.
pub(super) const MAX_SHEETS: usize = 200;
