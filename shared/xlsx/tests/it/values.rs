//! What each kind of cell becomes in the sheet XML: shared strings for text, exact number texts
//! for money, percentages and integers, serial numbers for dates, and the styles they point at.

use sujarit_xlsx::{Cell, NaiveDate, Workbook};

use crate::unzip::{unzip, Parts};

/// The parts of a one-sheet workbook holding `rows`.
fn one_sheet(rows: Vec<Vec<Cell>>) -> Parts {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_sheet("Sheet1").expect("valid name");
    for row in rows {
        sheet.push_row(row);
    }
    unzip(&workbook.to_bytes().expect("writes"))
}

/// The `<c …>…</c>` elements of sheet 1, in order.
fn cells(parts: &Parts) -> Vec<String> {
    let sheet = parts.get("xl/worksheets/sheet1.xml");
    sheet
        .split("<c ")
        .skip(1)
        .map(|cell| format!("<c {}", &cell[..cell.find("</c>").expect("closed") + 4]))
        .collect()
}

#[test]
fn thai_text_round_trips_through_the_shared_strings() {
    let thai = "โครงการส่งเสริมคุณธรรม จริยธรรม และความโปร่งใส ๒๕๖๘ (ไม่ใช้งบประมาณ)";
    let parts = one_sheet(vec![vec![Cell::text(thai), Cell::bold("ผลรวม"), Cell::text(thai)]]);
    let strings = parts.get("xl/sharedStrings.xml");
    assert!(strings.contains(&format!("<si><t xml:space=\"preserve\">{thai}</t></si>")));
    assert!(strings.contains("<si><t xml:space=\"preserve\">ผลรวม</t></si>"));
    assert!(
        strings.contains("count=\"3\" uniqueCount=\"2\""),
        "the repeated text is stored once: {strings}"
    );
    assert_eq!(
        cells(&parts),
        [
            "<c r=\"A1\" t=\"s\"><v>0</v></c>",
            "<c r=\"B1\" s=\"1\" t=\"s\"><v>1</v></c>",
            "<c r=\"C1\" t=\"s\"><v>0</v></c>",
        ]
    );
}

#[test]
fn markup_characters_are_escaped_and_invalid_control_characters_dropped() {
    let parts = one_sheet(vec![vec![Cell::text(
        "ก & ข <ค> \"ง\" 'จ'\u{0}\u{1}\u{b}\u{c}\u{1f}\u{fffe}\u{ffff}\tฉ\nช\rซ",
    )]]);
    assert!(parts
        .get("xl/sharedStrings.xml")
        .contains("<t xml:space=\"preserve\">ก &amp; ข &lt;ค&gt; &quot;ง&quot; 'จ'\tฉ\nช&#13;ซ</t>"));
}

#[test]
fn spreadsheet_escape_sequences_in_text_keep_their_literal_meaning() {
    let parts = one_sheet(vec![vec![Cell::text(
        "_x0041_ and _x00e9_x0042_ but not _x12_ or _xZZZZ_ or snake_case",
    )]]);
    assert!(parts.get("xl/sharedStrings.xml").contains(
        "<t xml:space=\"preserve\">_x005F_x0041_ and _x005F_x00e9_x005F_x0042_ \
         but not _x12_ or _xZZZZ_ or snake_case</t>"
    ));
}

#[test]
fn money_is_stored_as_exact_baht_with_two_decimals_and_the_money_style() {
    let satang = [
        1_234_567,
        -1_234_567,
        5,
        -5,
        0,
        100,
        -100,
        999_999_999_999_999,
        -999_999_999_999_999,
    ];
    let parts = one_sheet(vec![satang.iter().map(|&satang| Cell::Money { satang }).collect()]);
    let expected = [
        "12345.67",
        "-12345.67",
        "0.05",
        "-0.05",
        "0.00",
        "1.00",
        "-1.00",
        "9999999999999.99",
        "-9999999999999.99",
    ];
    let cells = cells(&parts);
    for (index, (cell, number)) in cells.iter().zip(expected).enumerate() {
        let column = char::from(b'A' + index as u8);
        assert_eq!(cell, &format!("<c r=\"{column}1\" s=\"2\"><v>{number}</v></c>"));
    }
    assert_eq!(cells.len(), expected.len());
}

#[test]
fn percentages_are_stored_as_exact_fractions_with_the_percent_style() {
    let parts = one_sheet(vec![vec![
        Cell::percent(1234),
        Cell::percent(-50),
        Cell::percent(10_000),
        Cell::percent(0),
    ]]);
    assert_eq!(
        cells(&parts),
        [
            "<c r=\"A1\" s=\"3\"><v>0.1234</v></c>",
            "<c r=\"B1\" s=\"3\"><v>-0.0050</v></c>",
            "<c r=\"C1\" s=\"3\"><v>1.0000</v></c>",
            "<c r=\"D1\" s=\"3\"><v>0.0000</v></c>",
        ]
    );
}

#[test]
fn integers_are_plain_numbers_without_a_style() {
    let parts = one_sheet(vec![vec![
        Cell::Int(0),
        Cell::Int(-42),
        Cell::from(123_456_789_012_345_i64),
    ]]);
    assert_eq!(
        cells(&parts),
        [
            "<c r=\"A1\"><v>0</v></c>",
            "<c r=\"B1\"><v>-42</v></c>",
            "<c r=\"C1\"><v>123456789012345</v></c>",
        ]
    );
}

#[test]
fn dates_are_stored_as_spreadsheet_serial_numbers_with_the_date_style() {
    let date = |year, month, day| Cell::Date(NaiveDate::from_ymd_opt(year, month, day).expect("a real date"));
    let parts = one_sheet(vec![vec![date(2025, 10, 1), date(1900, 3, 1), date(9999, 12, 31)]]);
    assert_eq!(
        cells(&parts),
        [
            "<c r=\"A1\" s=\"4\"><v>45931</v></c>",
            "<c r=\"B1\" s=\"4\"><v>61</v></c>",
            "<c r=\"C1\" s=\"4\"><v>2958465</v></c>",
        ]
    );
}

#[test]
fn the_styles_the_cells_refer_to_declare_bold_money_percent_and_date() {
    let parts = one_sheet(vec![vec![Cell::bold("รวม")]]);
    let styles = parts.get("xl/styles.xml");
    assert!(styles.contains("<numFmt numFmtId=\"164\" formatCode=\"#,##0.00\"/>"));
    assert!(styles.contains("<numFmt numFmtId=\"165\" formatCode=\"0.00%\"/>"));
    assert!(styles.contains("<numFmt numFmtId=\"166\" formatCode=\"yyyy-mm-dd\"/>"));
    assert!(styles.contains("<font><b/><sz val=\"11\"/>"));
    let xfs = &styles[styles.find("<cellXfs").expect("cellXfs")..styles.find("</cellXfs>").expect("end")];
    assert!(xfs.starts_with("<cellXfs count=\"5\">"));
    let styles: Vec<&str> = xfs.split("<xf ").skip(1).collect();
    assert_eq!(styles.len(), 5);
    assert!(styles[0].starts_with("numFmtId=\"0\" fontId=\"0\""), "0: plain");
    assert!(styles[1].starts_with("numFmtId=\"0\" fontId=\"1\""), "1: bold");
    assert!(styles[2].starts_with("numFmtId=\"164\" fontId=\"0\""), "2: money");
    assert!(styles[3].starts_with("numFmtId=\"165\" fontId=\"0\""), "3: percent");
    assert!(styles[4].starts_with("numFmtId=\"166\" fontId=\"0\""), "4: date");
}

#[test]
fn empty_cells_leave_their_column_blank_and_empty_rows_are_skipped() {
    let parts = one_sheet(vec![
        vec![Cell::Empty, Cell::Int(1), Cell::Empty, Cell::Int(2)],
        vec![Cell::Empty, Cell::Empty],
        vec![],
        vec![Cell::Int(3)],
    ]);
    let sheet = parts.get("xl/worksheets/sheet1.xml");
    assert!(sheet.contains(
        "<sheetData><row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"D1\"><v>2</v></c></row>\
         <row r=\"4\"><c r=\"A4\"><v>3</v></c></row></sheetData>"
    ));
    assert!(sheet.contains("<dimension ref=\"A1:D4\"/>"));
}

#[test]
fn columns_past_z_get_multi_letter_references_up_to_xfd() {
    let parts = one_sheet(vec![(0..16_384_i64).map(Cell::from).collect()]);
    let cells = cells(&parts);
    assert_eq!(cells[25], "<c r=\"Z1\"><v>25</v></c>");
    assert_eq!(cells[26], "<c r=\"AA1\"><v>26</v></c>");
    assert_eq!(cells[701], "<c r=\"ZZ1\"><v>701</v></c>");
    assert_eq!(cells[702], "<c r=\"AAA1\"><v>702</v></c>");
    assert_eq!(cells[16_383], "<c r=\"XFD1\"><v>16383</v></c>");
}

#[test]
fn column_widths_and_frozen_header_rows_are_written_and_headers_repeat_when_printed() {
    let mut workbook = Workbook::new();
    workbook.add_sheet("Other").expect("valid name");
    let sheet = workbook.add_sheet("O'Brien & ลูก").expect("valid name");
    sheet
        .push_row(vec![Cell::bold("หัวข้อ")])
        .push_row(vec![Cell::bold("ชื่อ"), Cell::bold("งบ")])
        .set_column_width(2, 12)
        .set_column_width(0, 40)
        .set_column_width(1, 0)
        .freeze_header_rows(2);
    let parts = unzip(&workbook.to_bytes().expect("writes"));
    let xml = parts.get("xl/worksheets/sheet2.xml");
    assert!(xml.contains(
        "<cols><col min=\"1\" max=\"1\" width=\"40.7109375\" customWidth=\"1\"/>\
         <col min=\"2\" max=\"2\" width=\"0\" hidden=\"1\" customWidth=\"1\"/>\
         <col min=\"3\" max=\"3\" width=\"12.7109375\" customWidth=\"1\"/></cols>"
    ));
    assert!(xml.contains(
        "<sheetView workbookViewId=\"0\"><pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" \
         state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A3\" sqref=\"A3\"/></sheetView>"
    ));
    assert!(parts
        .get("xl/worksheets/sheet1.xml")
        .contains("<sheetView tabSelected=\"1\" workbookViewId=\"0\">"));
    assert!(parts.get("xl/workbook.xml").contains(
        "<definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">\
         'O''Brien &amp; ลูก'!$1:$2</definedName></definedNames>"
    ));
    assert!(parts
        .get("xl/workbook.xml")
        .contains("<sheet name=\"O'Brien &amp; ลูก\" sheetId=\"2\""));
}
