//! The workbook and its sheets, as callers build them: named sheets of rows of [`Cell`]s.
//!
//! Building never fails except for a bad sheet name, which is refused when the sheet is added.
//! Everything else (sizes, number ranges) is checked in [`Workbook::to_bytes`], which either
//! returns a complete file or an error naming the sheet and cell; [`Workbook::save`] writes
//! through a temporary file so a failed save leaves no partial spreadsheet behind.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{SheetNameProblem, XlsxError};
use crate::{parts, Cell};

/// The number of rows a spreadsheet holds (Excel 2007 and later).
pub const MAX_ROWS: usize = 1_048_576;
/// The number of columns a spreadsheet holds (A to XFD).
pub const MAX_COLUMNS: usize = 16_384;

/// The longest sheet name Excel accepts, in characters.
const MAX_SHEET_NAME_CHARS: usize = 31;

/// A spreadsheet file being built: an optional document title and one or more sheets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Workbook {
    /// The document title shown in the file's properties.
    title: Option<String>,
    /// The sheets, in tab order.
    sheets: Vec<Sheet>,
}

impl Workbook {
    /// An empty workbook; add at least one sheet before writing it.
    pub fn new() -> Self {
        Workbook::default()
    }

    /// Sets the document title stored in the file's properties (not shown in any cell).
    pub fn set_title(&mut self, title: impl Into<String>) -> &mut Self {
        self.title = Some(title.into());
        self
    }

    /// The document title, if one was set.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// Adds an empty sheet after the existing ones, refusing a name Excel would refuse.
    pub fn add_sheet(&mut self, name: &str) -> Result<&mut Sheet, XlsxError> {
        check_sheet_name(name, &self.sheets).map_err(|problem| XlsxError::SheetName {
            name: name.to_owned(),
            problem,
        })?;
        let index = self.sheets.len();
        self.sheets.push(Sheet::new(name));
        Ok(&mut self.sheets[index])
    }

    /// The sheet with this exact name, to add to it later.
    pub fn sheet_mut(&mut self, name: &str) -> Option<&mut Sheet> {
        self.sheets.iter_mut().find(|sheet| sheet.name == name)
    }

    /// The sheets, in tab order.
    pub fn sheets(&self) -> &[Sheet] {
        &self.sheets
    }

    /// The complete .xlsx file; the same workbook always gives the same bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>, XlsxError> {
        parts::package(self.title.as_deref(), &self.sheets)
    }

    /// Writes the .xlsx file to `path`, replacing it, through a temporary file in the same folder.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), XlsxError> {
        let path = path.as_ref();
        let bytes = self.to_bytes()?;
        let io_error = |source| XlsxError::Io {
            path: path.to_path_buf(),
            source,
        };
        let temporary = temporary_sibling(path).map_err(io_error)?;
        let written = std::fs::write(&temporary, &bytes).and_then(|()| std::fs::rename(&temporary, path));
        if let Err(source) = written {
            // Best effort: the temporary file may not exist if the write failed early.
            let _ = std::fs::remove_file(&temporary);
            return Err(io_error(source));
        }
        Ok(())
    }
}

/// A hidden file next to `path` to write into before renaming it over `path`.
fn temporary_sibling(path: &Path) -> std::io::Result<PathBuf> {
    let Some(file_name) = path.file_name() else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the path names no file",
        ));
    };
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(file_name);
    // The process id and a counter keep concurrent saves, even to the same path, apart.
    static SAVES: AtomicU64 = AtomicU64::new(0);
    let save = SAVES.fetch_add(1, Ordering::Relaxed);
    temporary_name.push(format!(".{}-{save}.tmp", std::process::id()));
    Ok(path.with_file_name(temporary_name))
}

/// Why `name` cannot be the name of a new sheet next to `existing`, if it cannot.
fn check_sheet_name(name: &str, existing: &[Sheet]) -> Result<(), SheetNameProblem> {
    if name.is_empty() {
        return Err(SheetNameProblem::Empty);
    }
    let chars = name.chars().count();
    if chars > MAX_SHEET_NAME_CHARS {
        return Err(SheetNameProblem::TooLong { chars });
    }
    if let Some(found) = name
        .chars()
        .find(|c| matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control())
    {
        return Err(SheetNameProblem::ForbiddenCharacter { found });
    }
    if name.starts_with('\'') || name.ends_with('\'') {
        return Err(SheetNameProblem::EdgeApostrophe);
    }
    let folded = name.to_lowercase();
    if folded == "history" {
        return Err(SheetNameProblem::Reserved);
    }
    match existing.iter().find(|sheet| sheet.name.to_lowercase() == folded) {
        Some(sheet) => Err(SheetNameProblem::Duplicate {
            existing: sheet.name.clone(),
        }),
        None => Ok(()),
    }
}

/// One sheet of a workbook: rows of cells, column widths and frozen header rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The tab name, already checked.
    name: String,
    /// The rows from the top; row 0 is spreadsheet row 1.
    rows: Vec<Vec<Cell>>,
    /// Column widths in characters, by column index (0 = A).
    widths: BTreeMap<u16, u8>,
    /// How many rows at the top stay in view and repeat on printed pages.
    header_rows: u32,
}

impl Sheet {
    /// An empty sheet; the name has been checked by [`Workbook::add_sheet`].
    fn new(name: &str) -> Self {
        Sheet {
            name: name.to_owned(),
            rows: Vec::new(),
            widths: BTreeMap::new(),
            header_rows: 0,
        }
    }

    /// The sheet's tab name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Appends a row below the existing ones; its first cell goes in column A.
    pub fn push_row(&mut self, cells: Vec<Cell>) -> &mut Self {
        self.rows.push(cells);
        self
    }

    /// The rows pushed so far.
    pub fn rows(&self) -> &[Vec<Cell>] {
        &self.rows
    }

    /// Sets the width of a column (0 = A) in characters of the default font; 0 hides it.
    pub fn set_column_width(&mut self, column: u16, chars: u8) -> &mut Self {
        self.widths.insert(column, chars);
        self
    }

    /// The column widths set, by column index (0 = A).
    pub fn column_widths(&self) -> &BTreeMap<u16, u8> {
        &self.widths
    }

    /// Keeps the first `rows` rows in view when scrolling and repeats them on every printed page.
    pub fn freeze_header_rows(&mut self, rows: u32) -> &mut Self {
        self.header_rows = rows;
        self
    }

    /// The number of frozen header rows.
    pub fn header_rows(&self) -> u32 {
        self.header_rows
    }
}
