//! Reading any of the formats as a header plus cleaned rows, and writing one back.
//!
//! The formats differ only in their columns, so reading is shared: the whole input is read
//! (plan files are small), an optional UTF-8 byte-order mark is dropped, the header is matched
//! against the format's columns in any order, and each row becomes its line number plus
//! cleaned cells. Problems are collected, never thrown, so that a caller can report them all.

use std::collections::HashMap;
use std::io::{self, Read, Write};

use sujarit_thai::{parse_money, to_arabic_digits, Budget, FIRST_BE_YEAR};

use crate::cell;
use crate::error::{CsvError, CsvErrorKind};

/// The UTF-8 byte-order mark, which Excel writes and needs to read Thai text correctly.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The prefix of per-year budget columns: `budget_2566`.
pub(crate) const YEAR_PREFIX: &str = "budget_";

/// One data row: the line where it starts and its cleaned cells, in header order.
pub(crate) struct Record {
    pub line: u64,
    cells: Vec<String>,
}

impl Record {
    /// The cleaned cell at a header index (empty if there is none, which the reader prevents).
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map(String::as_str).unwrap_or("")
    }
}

/// The columns found in a header: required ones by position, and per-year budget columns.
pub(crate) struct Header<const N: usize> {
    /// Index of each required column, in the order the format lists them.
    pub required: [usize; N],
    /// `(BE year, index, column name)` of each `budget_<year>` column, by year.
    pub years: Vec<(i32, usize, String)>,
    /// The column names, cleaned and lower-cased, in file order.
    pub names: Vec<String>,
}

impl<const N: usize> Header<N> {
    /// The name of the column at an index.
    pub fn name(&self, index: usize) -> &str {
        self.names.get(index).map(String::as_str).unwrap_or("")
    }
}

/// Reads a whole table: the header (matched against `columns`) and every non-blank row.
///
/// Returns `None` when the header is unusable; every problem found is pushed to `errors`.
pub(crate) fn read<R: Read, const N: usize>(
    mut input: R,
    columns: [&'static str; N],
    allow_years: bool,
    errors: &mut Vec<CsvError>,
) -> Option<(Header<N>, Vec<Record>)> {
    let mut bytes = Vec::new();
    if let Err(error) = input.read_to_end(&mut bytes) {
        errors.push(CsvError::line(
            0,
            CsvErrorKind::Io {
                message: error.to_string(),
            },
        ));
        return None;
    }
    let body = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);

    let mut header: Option<Header<N>> = None;
    let mut records = Vec::new();
    for result in reader.byte_records() {
        let raw = match result {
            Ok(raw) => raw,
            Err(error) => {
                // Reading from memory fails only on I/O, which cannot happen; still, say so.
                let line = error.position().map_or(0, csv::Position::line);
                errors.push(CsvError::line(
                    line,
                    CsvErrorKind::Io {
                        message: error.to_string(),
                    },
                ));
                return None;
            }
        };
        let line = raw.position().map_or(0, csv::Position::line);
        let Some(header) = &header else {
            header = Some(read_header(line, &raw, columns, allow_years, errors)?);
            continue;
        };
        if let Some(record) = read_record(line, &raw, header, errors) {
            records.push(record);
        }
    }
    match header {
        Some(header) => Some((header, records)),
        None => {
            errors.push(CsvError::line(0, CsvErrorKind::Empty));
            None
        }
    }
}

/// Decodes the cells of a raw record, reporting cells that are not UTF-8.
fn decode(
    line: u64,
    raw: &csv::ByteRecord,
    name_of: impl Fn(usize) -> Option<String>,
    errors: &mut Vec<CsvError>,
) -> Option<Vec<String>> {
    let mut cells = Vec::with_capacity(raw.len());
    let mut valid = true;
    for (index, bytes) in raw.iter().enumerate() {
        match std::str::from_utf8(bytes) {
            Ok(text) => cells.push(cell::clean(text)),
            Err(_) => {
                valid = false;
                errors.push(CsvError {
                    line,
                    column: name_of(index),
                    kind: CsvErrorKind::NotUtf8 {
                        text: String::from_utf8_lossy(bytes).into_owned(),
                    },
                });
            }
        }
    }
    valid.then_some(cells)
}

/// Matches a header against the format's columns; `None` (with errors pushed) if it is unusable.
fn read_header<const N: usize>(
    line: u64,
    raw: &csv::ByteRecord,
    columns: [&'static str; N],
    allow_years: bool,
    errors: &mut Vec<CsvError>,
) -> Option<Header<N>> {
    let names: Vec<String> = decode(line, raw, |_| None, errors)?
        .into_iter()
        .map(|name| name.to_ascii_lowercase())
        .collect();
    let before = errors.len();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut unknown = Vec::new();
    let mut years = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let key = match year_column(name) {
            Some(Ok(year)) if allow_years => {
                years.push((year, index, name.clone()));
                format!("{YEAR_PREFIX}{year}")
            }
            Some(Err(())) if allow_years => {
                errors.push(CsvError::line(
                    line,
                    CsvErrorKind::BadYearColumn { column: name.clone() },
                ));
                continue;
            }
            _ if columns.contains(&name.as_str()) => name.clone(),
            _ => {
                unknown.push(name.clone());
                continue;
            }
        };
        if seen.insert(key, index).is_some() {
            errors.push(CsvError::line(
                line,
                CsvErrorKind::DuplicateColumn { column: name.clone() },
            ));
        }
    }
    if !unknown.is_empty() {
        errors.push(CsvError::line(line, CsvErrorKind::UnknownColumns { columns: unknown }));
    }
    let missing: Vec<String> = columns
        .iter()
        .filter(|column| !seen.contains_key(**column))
        .map(|column| (*column).to_owned())
        .collect();
    if !missing.is_empty() {
        errors.push(CsvError::line(line, CsvErrorKind::MissingColumns { columns: missing }));
    }
    if errors.len() > before {
        return None;
    }
    let required = columns.map(|column| seen.get(column).copied().unwrap_or(0));
    years.sort_by_key(|(year, _, _)| *year);
    Some(Header { required, years, names })
}

/// Reads the year of a `budget_<year>` column: `None` if the name is not one, `Err` if the
/// year is not a four-digit Buddhist Era year.
fn year_column(name: &str) -> Option<Result<i32, ()>> {
    let suffix = to_arabic_digits(name.strip_prefix(YEAR_PREFIX)?);
    if suffix.is_empty() || !suffix.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match suffix.parse::<i32>() {
        Ok(year) if suffix.len() == 4 && year >= FIRST_BE_YEAR => Ok(year),
        _ => Err(()),
    })
}

/// Decodes one data row; `None` for blank rows and for rows with errors (which are pushed).
fn read_record<const N: usize>(
    line: u64,
    raw: &csv::ByteRecord,
    header: &Header<N>,
    errors: &mut Vec<CsvError>,
) -> Option<Record> {
    let cells = decode(line, raw, |index| header.names.get(index).cloned(), errors)?;
    if cells.iter().all(String::is_empty) {
        return None;
    }
    if cells.len() != header.names.len() {
        errors.push(CsvError::line(
            line,
            CsvErrorKind::WrongCellCount {
                found: cells.len(),
                expected: header.names.len(),
            },
        ));
        return None;
    }
    Some(Record { line, cells })
}

/// Writes a header and rows as CSV UTF-8 with a byte-order mark, escaping nothing but what
/// the reader's cleaning would change; money and marks are passed in already formatted.
pub(crate) fn write<W: Write>(
    mut output: W,
    header: &[String],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> io::Result<()> {
    output.write_all(BOM)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(output);
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(&row)?;
    }
    writer.flush()
}

/// Escapes a text cell for [`write`].
pub(crate) fn text(value: &str) -> String {
    cell::escape(value)
}

/// Escapes an optional text cell for [`write`]: `None` is an empty cell.
pub(crate) fn optional_text(value: Option<&str>) -> String {
    value.map(cell::escape).unwrap_or_default()
}

/// A quarter mark for [`write`]: "1" or empty.
pub(crate) fn mark(carried_out: bool) -> String {
    if carried_out { "1" } else { "" }.to_owned()
}

/// Reads the typed values of one row, collecting a problem per bad cell instead of stopping.
///
/// Each reader method returns a placeholder on failure; since any problem rejects the whole
/// file, the row is still kept for the checks that span rows.
pub(crate) struct RowReader<'a, const N: usize> {
    record: &'a Record,
    header: &'a Header<N>,
    errors: &'a mut Vec<CsvError>,
}

impl<'a, const N: usize> RowReader<'a, N> {
    /// Starts reading a row.
    pub fn new(record: &'a Record, header: &'a Header<N>, errors: &'a mut Vec<CsvError>) -> Self {
        Self { record, header, errors }
    }

    /// The line of the row.
    pub fn line(&self) -> u64 {
        self.record.line
    }

    /// Records a problem in a column.
    pub fn fail(&mut self, index: usize, kind: CsvErrorKind) {
        let column = self.header.name(index).to_owned();
        self.errors.push(CsvError::at(self.record.line, &column, kind));
    }

    /// A text cell that must not be empty.
    pub fn required(&mut self, index: usize) -> String {
        let text = self.record.cell(index).to_owned();
        if text.is_empty() {
            self.fail(index, CsvErrorKind::Required);
        }
        text
    }

    /// A text cell that may be empty.
    pub fn optional(&self, index: usize) -> Option<String> {
        let text = self.record.cell(index);
        (!text.is_empty()).then(|| text.to_owned())
    }

    /// A code cell (Thai digits folded to Arabic) that must not be empty.
    pub fn required_code(&mut self, index: usize) -> String {
        let code = to_arabic_digits(self.record.cell(index));
        if code.is_empty() {
            self.fail(index, CsvErrorKind::Required);
        }
        code
    }

    /// A code cell (Thai digits folded to Arabic) that may be empty.
    pub fn optional_code(&self, index: usize) -> Option<String> {
        let code = to_arabic_digits(self.record.cell(index));
        (!code.is_empty()).then_some(code)
    }

    /// A money cell.
    pub fn money(&mut self, index: usize) -> Budget {
        match parse_money(self.record.cell(index)) {
            Ok(budget) => budget,
            Err(error) => {
                self.fail(index, CsvErrorKind::Money(error));
                Budget::NotStated
            }
        }
    }

    /// The four quarter cells.
    pub fn quarters(&mut self, indices: [usize; 4]) -> [bool; 4] {
        indices.map(|index| {
            let text = self.record.cell(index);
            match cell::quarter_mark(text) {
                Some(mark) => mark,
                None => {
                    let kind = CsvErrorKind::BadQuarter { text: text.to_owned() };
                    self.fail(index, kind);
                    false
                }
            }
        })
    }

    /// A cell read by `parse`; `error` describes cells it rejects (and empty required cells).
    pub fn parsed<T>(
        &mut self,
        index: usize,
        parse: impl Fn(&str) -> Option<T>,
        error: impl Fn(String) -> CsvErrorKind,
    ) -> Option<T> {
        let text = self.record.cell(index);
        if text.is_empty() {
            self.fail(index, CsvErrorKind::Required);
            return None;
        }
        let value = parse(text);
        if value.is_none() {
            let kind = error(text.to_owned());
            self.fail(index, kind);
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str<const N: usize>(text: &str, columns: [&'static str; N]) -> (Option<Vec<Vec<String>>>, Vec<CsvError>) {
        let mut errors = Vec::new();
        let rows = read(text.as_bytes(), columns, true, &mut errors).map(|(header, records)| {
            records
                .iter()
                .map(|r| (0..header.names.len()).map(|i| r.cell(i).to_owned()).collect())
                .collect()
        });
        (rows, errors)
    }

    #[test]
    fn a_byte_order_mark_before_the_header_is_ignored() {
        let (rows, errors) = read_str("\u{FEFF}a,b\n1,2\n", ["a", "b"]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rows, Some(vec![vec!["1".to_owned(), "2".to_owned()]]));
    }

    #[test]
    fn header_columns_may_come_in_any_order_and_case() {
        let mut errors = Vec::new();
        let (header, _) = read(" B ,A\n".as_bytes(), ["a", "b"], false, &mut errors).expect("a good header");
        assert_eq!(header.required, [1, 0]);
    }

    #[test]
    fn every_header_problem_is_reported_together() {
        let (rows, errors) = read_str("a,a,zzz,budget_2023,budget_x\n", ["a", "b"]);
        assert!(rows.is_none());
        let kinds: Vec<&CsvErrorKind> = errors.iter().map(|e| &e.kind).collect();
        assert_eq!(
            kinds,
            vec![
                &CsvErrorKind::DuplicateColumn { column: "a".to_owned() },
                &CsvErrorKind::BadYearColumn {
                    column: "budget_2023".to_owned()
                },
                &CsvErrorKind::UnknownColumns {
                    columns: vec!["zzz".to_owned(), "budget_x".to_owned()]
                },
                &CsvErrorKind::MissingColumns {
                    columns: vec!["b".to_owned()]
                },
            ]
        );
        assert!(errors.iter().all(|e| e.line == 1));
    }

    #[test]
    fn year_columns_are_sorted_and_may_use_thai_digits() {
        let mut errors = Vec::new();
        let (header, _) =
            read("a,budget_2568,budget_๒๕๖๖\n".as_bytes(), ["a"], true, &mut errors).expect("a good header");
        let years: Vec<(i32, usize)> = header.years.iter().map(|(y, i, _)| (*y, *i)).collect();
        assert_eq!(years, vec![(2566, 2), (2568, 1)]);
    }

    #[test]
    fn the_same_year_written_twice_is_a_duplicate_column() {
        let (_, errors) = read_str("a,budget_2566,budget_๒๕๖๖\n", ["a"]);
        assert_eq!(
            errors.first().map(|e| &e.kind),
            Some(&CsvErrorKind::DuplicateColumn {
                column: "budget_๒๕๖๖".to_owned()
            })
        );
    }

    #[test]
    fn blank_rows_are_skipped_and_short_rows_are_errors() {
        let (rows, errors) = read_str("a,b\n,\n\" \",&nbsp;<br>\n1\n1,2\n", ["a", "b"]);
        assert_eq!(rows.map(|r| r.len()), Some(1));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 4);
        assert_eq!(errors[0].kind, CsvErrorKind::WrongCellCount { found: 1, expected: 2 });
    }

    #[test]
    fn cells_that_are_not_utf8_are_named_by_line_and_column() {
        let mut input = b"a,b\n1,".to_vec();
        input.extend_from_slice(b"\xFF\xFE\n");
        let mut errors = Vec::new();
        let _ = read(input.as_slice(), ["a", "b"], false, &mut errors);
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column.as_deref()), (2, Some("b")));
    }

    #[test]
    fn an_empty_file_is_an_error_about_the_whole_file() {
        let (rows, errors) = read_str("", ["a"]);
        assert!(rows.is_none());
        assert_eq!(errors, vec![CsvError::line(0, CsvErrorKind::Empty)]);
    }

    #[test]
    fn a_multi_line_cell_reports_the_line_where_its_row_starts() {
        let mut errors = Vec::new();
        let (_, records) = read("a,b\n\"x\ny\",1\n2,3\n".as_bytes(), ["a", "b"], false, &mut errors).expect("rows");
        let lines: Vec<u64> = records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 4]);
        assert_eq!(records[0].cell(0), "x y");
    }
}
