//! The XML parts of an .xlsx package and their assembly into a zip file.
//!
//! The package holds exactly these parts, always in this order:
//!
//! ```text
//! [Content_Types].xml            what each part is
//! _rels/.rels                    where the workbook and the document properties are
//! docProps/core.xml              creator and optional title (no timestamps)
//! xl/workbook.xml                sheet names and tab order, print titles
//! xl/_rels/workbook.xml.rels     where the sheets, styles and strings are
//! xl/styles.xml                  the five cell styles listed below
//! xl/sharedStrings.xml           every text, once, in order of first use
//! xl/worksheets/sheetN.xml       one per sheet
//! ```
//!
//! Cell styles (`s` attribute) index `cellXfs` in `styles.xml`: 0 plain, 1 bold, 2 money
//! `#,##0.00`, 3 percent `0.00%`, 4 date `yyyy-mm-dd`. The number formats are declared as custom
//! formats (ids 164–166) rather than relying on built-in ids, so every reader sees the same
//! format code.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::cell::{date_serial, fixed_point};
use crate::workbook::{Sheet, MAX_COLUMNS, MAX_ROWS};
use crate::xml::{push_attr, push_cell_string, push_text, without_invalid_chars};
use crate::zip::ZipWriter;
use crate::{Cell, XlsxError};

/// The XML declaration every part starts with.
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
/// The SpreadsheetML main namespace.
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/// The office-document relationships namespace (and relationship-type prefix).
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// The most UTF-16 code units a cell's text may have.
const MAX_TEXT_UNITS: usize = 32_767;

/// Style index of plain cells.
const STYLE_PLAIN: u8 = 0;
/// Style index of bold text.
const STYLE_BOLD: u8 = 1;
/// Style index of money (`#,##0.00`).
const STYLE_MONEY: u8 = 2;
/// Style index of percentages (`0.00%`).
const STYLE_PERCENT: u8 = 3;
/// Style index of dates (`yyyy-mm-dd`).
const STYLE_DATE: u8 = 4;

/// The stylesheet: two fonts (regular, bold), three custom number formats, five cell styles.
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    "<numFmts count=\"3\">",
    "<numFmt numFmtId=\"164\" formatCode=\"#,##0.00\"/>",
    "<numFmt numFmtId=\"165\" formatCode=\"0.00%\"/>",
    "<numFmt numFmtId=\"166\" formatCode=\"yyyy-mm-dd\"/>",
    "</numFmts>",
    "<fonts count=\"2\">",
    "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>",
    "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>",
    "</fonts>",
    "<fills count=\"2\">",
    "<fill><patternFill patternType=\"none\"/></fill>",
    "<fill><patternFill patternType=\"gray125\"/></fill>",
    "</fills>",
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>",
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
    "<cellXfs count=\"5\">",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>",
    "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "</cellXfs>",
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>",
    "<dxfs count=\"0\"/>",
    "<tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/>",
    "</styleSheet>\n",
);

/// The package relationships: the workbook and the core document properties.
const ROOT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" ",
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" ",
    "Target=\"xl/workbook.xml\"/>",
    "<Relationship Id=\"rId2\" ",
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" ",
    "Target=\"docProps/core.xml\"/>",
    "</Relationships>\n",
);

/// The whole .xlsx file for these sheets, after checking every limit.
pub(crate) fn package(title: Option<&str>, sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    if sheets.is_empty() {
        return Err(XlsxError::NoSheets);
    }
    let mut strings = SharedStrings::default();
    let worksheets = sheets
        .iter()
        .enumerate()
        .map(|(index, sheet)| worksheet(sheet, index == 0, &mut strings))
        .collect::<Result<Vec<_>, _>>()?;

    let mut zip = ZipWriter::new();
    zip.add("[Content_Types].xml", content_types(sheets.len()).as_bytes())?;
    zip.add("_rels/.rels", ROOT_RELS.as_bytes())?;
    zip.add("docProps/core.xml", core_properties(title).as_bytes())?;
    zip.add("xl/workbook.xml", workbook(sheets).as_bytes())?;
    zip.add("xl/_rels/workbook.xml.rels", workbook_rels(sheets.len()).as_bytes())?;
    zip.add("xl/styles.xml", STYLES.as_bytes())?;
    zip.add("xl/sharedStrings.xml", strings.to_xml().as_bytes())?;
    for (index, xml) in worksheets.iter().enumerate() {
        zip.add(&format!("xl/worksheets/sheet{}.xml", index + 1), xml.as_bytes())?;
    }
    zip.finish()
}

/// `[Content_Types].xml`: the media type of every part.
fn content_types(sheet_count: usize) -> String {
    let mut xml = String::from(DECLARATION);
    xml.push_str("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
    xml.push_str(
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
    );
    xml.push_str("<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    let office = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let mut part = |name: &str, content_type: &str| {
        let _ = write!(xml, "<Override PartName=\"{name}\" ContentType=\"{content_type}\"/>");
    };
    part(
        "/docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    );
    part("/xl/workbook.xml", &format!("{office}.sheet.main+xml"));
    part("/xl/styles.xml", &format!("{office}.styles+xml"));
    part("/xl/sharedStrings.xml", &format!("{office}.sharedStrings+xml"));
    for number in 1..=sheet_count {
        part(
            &format!("/xl/worksheets/sheet{number}.xml"),
            &format!("{office}.worksheet+xml"),
        );
    }
    xml.push_str("</Types>\n");
    xml
}

/// `docProps/core.xml`: the creator and, if set, the title; deliberately no dates.
fn core_properties(title: Option<&str>) -> String {
    let mut xml = String::from(DECLARATION);
    xml.push_str(concat!(
        "<cp:coreProperties ",
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" ",
        "xmlns:dcterms=\"http://purl.org/dc/terms/\" ",
        "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
    ));
    if let Some(title) = title {
        xml.push_str("<dc:title>");
        push_text(&mut xml, title);
        xml.push_str("</dc:title>");
    }
    xml.push_str("<dc:creator>Sujarit</dc:creator></cp:coreProperties>\n");
    xml
}

/// `xl/workbook.xml`: the sheets in tab order and each sheet's print titles.
fn workbook(sheets: &[Sheet]) -> String {
    let mut xml = String::from(DECLARATION);
    let _ = write!(xml, "<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">");
    xml.push_str("<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
    for (index, sheet) in sheets.iter().enumerate() {
        xml.push_str("<sheet name=\"");
        push_attr(&mut xml, sheet.name());
        let number = index + 1;
        let _ = write!(xml, "\" sheetId=\"{number}\" r:id=\"rId{number}\"/>");
    }
    xml.push_str("</sheets>");
    let printed: Vec<(usize, &Sheet)> = sheets
        .iter()
        .enumerate()
        .filter(|(_, sheet)| sheet.header_rows() > 0)
        .collect();
    if !printed.is_empty() {
        xml.push_str("<definedNames>");
        for (index, sheet) in printed {
            let _ = write!(
                xml,
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{index}\">"
            );
            // A formula reference: the sheet name quoted, apostrophes doubled.
            push_text(
                &mut xml,
                &format!("'{}'!$1:${}", sheet.name().replace('\'', "''"), sheet.header_rows()),
            );
            xml.push_str("</definedName>");
        }
        xml.push_str("</definedNames>");
    }
    xml.push_str("</workbook>\n");
    xml
}

/// `xl/_rels/workbook.xml.rels`: sheets first (rId1…rIdN), then styles and shared strings.
fn workbook_rels(sheet_count: usize) -> String {
    let mut xml = String::from(DECLARATION);
    xml.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for number in 1..=sheet_count {
        let _ = write!(
            xml,
            "<Relationship Id=\"rId{number}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{number}.xml\"/>"
        );
    }
    let styles = sheet_count + 1;
    let strings = sheet_count + 2;
    let _ = write!(
        xml,
        "<Relationship Id=\"rId{styles}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/>"
    );
    let _ = write!(
        xml,
        "<Relationship Id=\"rId{strings}\" Type=\"{REL_NS}/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    );
    xml.push_str("</Relationships>\n");
    xml
}

/// `xl/worksheets/sheetN.xml` for one sheet, adding its texts to `strings`.
fn worksheet(sheet: &Sheet, selected: bool, strings: &mut SharedStrings) -> Result<String, XlsxError> {
    let name = || sheet.name().to_owned();
    if sheet.rows().len() > MAX_ROWS {
        return Err(XlsxError::TooManyRows {
            sheet: name(),
            rows: sheet.rows().len(),
        });
    }
    let header_rows = sheet.header_rows();
    if usize::try_from(header_rows).map_or(true, |rows| rows >= MAX_ROWS) {
        return Err(XlsxError::TooManyHeaderRows {
            sheet: name(),
            rows: header_rows,
        });
    }
    if let Some((&column, _)) = sheet
        .column_widths()
        .iter()
        .find(|(&column, _)| usize::from(column) >= MAX_COLUMNS)
    {
        return Err(XlsxError::ColumnOutOfRange { sheet: name(), column });
    }

    let mut data = String::new();
    let mut last_row = 0;
    let mut last_column = 0;
    for (index, row) in sheet.rows().iter().enumerate() {
        let row_number = index + 1;
        if row.len() > MAX_COLUMNS {
            return Err(XlsxError::TooManyColumns {
                sheet: name(),
                row: row_number,
                columns: row.len(),
            });
        }
        if row.iter().all(|cell| *cell == Cell::Empty) {
            continue;
        }
        let _ = write!(data, "<row r=\"{row_number}\">");
        for (column, cell) in row.iter().enumerate() {
            if *cell == Cell::Empty {
                continue;
            }
            let reference = cell_reference(column, row_number);
            let at = || (name(), reference.clone());
            match cell {
                Cell::Empty => {}
                Cell::Text(text) => push_string_cell(&mut data, &reference, STYLE_PLAIN, text, strings, at)?,
                Cell::Bold(text) => push_string_cell(&mut data, &reference, STYLE_BOLD, text, strings, at)?,
                Cell::Int(value) => push_number_cell(&mut data, &reference, STYLE_PLAIN, *value, 0, at)?,
                Cell::Money { satang } => push_number_cell(&mut data, &reference, STYLE_MONEY, *satang, 2, at)?,
                Cell::Percent { basis_points } => {
                    push_number_cell(&mut data, &reference, STYLE_PERCENT, *basis_points, 4, at)?
                }
                Cell::Date(date) => {
                    let Some(serial) = date_serial(*date) else {
                        let (sheet, cell) = at();
                        return Err(XlsxError::DateOutOfRange {
                            sheet,
                            cell,
                            date: *date,
                        });
                    };
                    let _ = write!(data, "<c r=\"{reference}\" s=\"{STYLE_DATE}\"><v>{serial}</v></c>");
                }
            }
            last_column = last_column.max(column + 1);
        }
        data.push_str("</row>");
        last_row = row_number;
    }

    let mut xml = String::from(DECLARATION);
    let _ = write!(xml, "<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">");
    let dimension = match last_row {
        0 => "A1".to_owned(),
        _ => format!("A1:{}", cell_reference(last_column - 1, last_row)),
    };
    let _ = write!(xml, "<dimension ref=\"{dimension}\"/>");
    xml.push_str("<sheetViews><sheetView");
    if selected {
        xml.push_str(" tabSelected=\"1\"");
    }
    xml.push_str(" workbookViewId=\"0\">");
    if header_rows > 0 {
        let first = format!("A{}", u64::from(header_rows) + 1);
        let _ = write!(
            xml,
            "<pane ySplit=\"{header_rows}\" topLeftCell=\"{first}\" activePane=\"bottomLeft\" state=\"frozen\"/>\
             <selection pane=\"bottomLeft\" activeCell=\"{first}\" sqref=\"{first}\"/>"
        );
    }
    xml.push_str("</sheetView></sheetViews>");
    xml.push_str("<sheetFormatPr defaultRowHeight=\"15\"/>");
    if !sheet.column_widths().is_empty() {
        xml.push_str("<cols>");
        for (&column, &chars) in sheet.column_widths() {
            let number = u32::from(column) + 1;
            // Excel stores characters plus 5 px of padding in units of the 7 px digit width,
            // truncated to 1/256: n + 0.7109375 for Calibri 11.
            match chars {
                0 => {
                    let _ = write!(
                        xml,
                        "<col min=\"{number}\" max=\"{number}\" width=\"0\" hidden=\"1\" customWidth=\"1\"/>"
                    );
                }
                _ => {
                    let _ = write!(
                        xml,
                        "<col min=\"{number}\" max=\"{number}\" width=\"{chars}.7109375\" customWidth=\"1\"/>"
                    );
                }
            }
        }
        xml.push_str("</cols>");
    }
    if data.is_empty() {
        xml.push_str("<sheetData/>");
    } else {
        xml.push_str("<sheetData>");
        xml.push_str(&data);
        xml.push_str("</sheetData>");
    }
    xml.push_str(
        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>",
    );
    // A4, the paper Thai offices print on.
    xml.push_str("<pageSetup paperSize=\"9\"/>");
    xml.push_str("</worksheet>\n");
    Ok(xml)
}

/// Appends a shared-string cell, refusing text longer than a cell holds.
fn push_string_cell(
    data: &mut String,
    reference: &str,
    style: u8,
    text: &str,
    strings: &mut SharedStrings,
    at: impl Fn() -> (String, String),
) -> Result<(), XlsxError> {
    let units = without_invalid_chars(text).encode_utf16().count();
    if units > MAX_TEXT_UNITS {
        let (sheet, cell) = at();
        return Err(XlsxError::TextTooLong {
            sheet,
            cell,
            chars: units,
        });
    }
    let index = strings.index_of(text);
    match style {
        STYLE_PLAIN => {
            let _ = write!(data, "<c r=\"{reference}\" t=\"s\"><v>{index}</v></c>");
        }
        _ => {
            let _ = write!(data, "<c r=\"{reference}\" s=\"{style}\" t=\"s\"><v>{index}</v></c>");
        }
    }
    Ok(())
}

/// Appends a number cell holding `value / 10^decimals`, refusing more than 15 digits.
fn push_number_cell(
    data: &mut String,
    reference: &str,
    style: u8,
    value: i64,
    decimals: u32,
    at: impl Fn() -> (String, String),
) -> Result<(), XlsxError> {
    let Some(number) = fixed_point(value, decimals) else {
        let (sheet, cell) = at();
        return Err(XlsxError::NumberTooLarge { sheet, cell, value });
    };
    match style {
        STYLE_PLAIN => {
            let _ = write!(data, "<c r=\"{reference}\"><v>{number}</v></c>");
        }
        _ => {
            let _ = write!(data, "<c r=\"{reference}\" s=\"{style}\"><v>{number}</v></c>");
        }
    }
    Ok(())
}

/// The A1-style reference of a cell: column index 0 is `A`, 26 is `AA`; rows count from 1.
fn cell_reference(column: usize, row_number: usize) -> String {
    let mut letters = Vec::with_capacity(3);
    let mut rest = column + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        // `digit` < 26, so the addition stays within ASCII capitals.
        letters.push(char::from(b'A' + digit as u8));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row_number.to_string()
}

/// The workbook's shared-string table: each distinct text once, in order of first use.
#[derive(Default)]
struct SharedStrings {
    /// Texts in index order.
    texts: Vec<String>,
    /// Index of each text already in `texts`.
    indices: HashMap<String, usize>,
    /// Number of cells referring to the table, which the `count` attribute reports.
    references: usize,
}

impl SharedStrings {
    /// The index of `text`, adding it if new.
    fn index_of(&mut self, text: &str) -> usize {
        self.references += 1;
        if let Some(&index) = self.indices.get(text) {
            return index;
        }
        let index = self.texts.len();
        self.texts.push(text.to_owned());
        self.indices.insert(text.to_owned(), index);
        index
    }

    /// `xl/sharedStrings.xml`.
    fn to_xml(&self) -> String {
        let mut xml = String::from(DECLARATION);
        let _ = write!(
            xml,
            "<sst xmlns=\"{MAIN_NS}\" count=\"{}\" uniqueCount=\"{}\">",
            self.references,
            self.texts.len()
        );
        for text in &self.texts {
            xml.push_str("<si><t xml:space=\"preserve\">");
            push_cell_string(&mut xml, text);
            xml.push_str("</t></si>");
        }
        xml.push_str("</sst>\n");
        xml
    }
}
