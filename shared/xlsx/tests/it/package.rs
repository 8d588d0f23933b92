//! The package as a whole: which parts it holds, how they point at each other, and that the
//! same input always gives the same bytes.

use sujarit_xlsx::{Cell, Workbook, XlsxError};

use crate::unzip::unzip;

/// A two-sheet report with every kind of cell.
fn report() -> Workbook {
    let mut workbook = Workbook::new();
    workbook.set_title("รายงานผลการดำเนินงาน จังหวัดน่าน ปีงบประมาณ พ.ศ. 2568");
    let sheet = workbook.add_sheet("แผนปฏิบัติการ").expect("valid name");
    sheet
        .push_row(vec![
            Cell::bold("กิจกรรม"),
            Cell::bold("งบประมาณ (บาท)"),
            Cell::bold("ร้อยละ"),
            Cell::bold("วันที่"),
        ])
        .push_row(vec![
            Cell::text("อบรมเจ้าหน้าที่ด้านคุณธรรมและความโปร่งใส"),
            Cell::money(1_234_567),
            Cell::percent(1234),
            Cell::Date(chrono::NaiveDate::from_ymd_opt(2025, 10, 1).expect("a real date")),
        ])
        .push_row(vec![
            Cell::bold("รวม"),
            Cell::money(1_234_567),
            Cell::Empty,
            Cell::Int(3),
        ])
        .set_column_width(0, 50)
        .freeze_header_rows(1);
    let summary = workbook.add_sheet("Summary").expect("valid name");
    summary.push_row(vec![Cell::text("กิจกรรม"), Cell::Int(-42)]);
    workbook
}

#[test]
fn a_workbook_holds_every_part_a_spreadsheet_needs_in_a_fixed_order() {
    let parts = unzip(&report().to_bytes().expect("writes"));
    assert_eq!(
        parts.names(),
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/sharedStrings.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
        ]
    );
    for (name, content) in &parts.entries {
        assert!(
            content.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"),
            "{name}"
        );
    }
}

#[test]
fn content_types_and_relationships_name_every_part() {
    let parts = unzip(&report().to_bytes().expect("writes"));
    let types = parts.get("[Content_Types].xml");
    for part in [
        "/xl/workbook.xml",
        "/xl/styles.xml",
        "/xl/sharedStrings.xml",
        "/docProps/core.xml",
    ] {
        assert!(types.contains(&format!("PartName=\"{part}\"")), "{part} in {types}");
    }
    assert!(types.contains(
        "<Override PartName=\"/xl/worksheets/sheet2.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    ));
    assert!(types.contains("spreadsheetml.sheet.main+xml"));

    let root = parts.get("_rels/.rels");
    assert!(root.contains("relationships/officeDocument\" Target=\"xl/workbook.xml\""));
    assert!(root.contains("metadata/core-properties\" Target=\"docProps/core.xml\""));

    let rels = parts.get("xl/_rels/workbook.xml.rels");
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    assert!(rels.contains(&format!(
        "Id=\"rId1\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet1.xml\""
    )));
    assert!(rels.contains(&format!(
        "Id=\"rId2\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet2.xml\""
    )));
    assert!(rels.contains(&format!("Id=\"rId3\" Type=\"{REL}/styles\" Target=\"styles.xml\"")));
    assert!(rels.contains(&format!(
        "Id=\"rId4\" Type=\"{REL}/sharedStrings\" Target=\"sharedStrings.xml\""
    )));

    let workbook = parts.get("xl/workbook.xml");
    assert!(workbook.contains("<sheet name=\"แผนปฏิบัติการ\" sheetId=\"1\" r:id=\"rId1\"/>"));
    assert!(workbook.contains("<sheet name=\"Summary\" sheetId=\"2\" r:id=\"rId2\"/>"));
}

#[test]
fn the_same_workbook_gives_the_same_bytes_every_time() {
    let first = report().to_bytes().expect("writes");
    let second = report().to_bytes().expect("writes");
    let workbook = report();
    assert_eq!(first, second);
    assert_eq!(
        workbook.to_bytes().expect("writes"),
        workbook.to_bytes().expect("writes")
    );
}

#[test]
fn the_document_properties_carry_the_title_and_no_timestamp() {
    let parts = unzip(&report().to_bytes().expect("writes"));
    let core = parts.get("docProps/core.xml");
    assert!(core.contains("<dc:title>รายงานผลการดำเนินงาน จังหวัดน่าน ปีงบประมาณ พ.ศ. 2568</dc:title>"));
    assert!(core.contains("<dc:creator>Sujarit</dc:creator>"));
    assert!(!core.contains("dcterms:created") && !core.contains("dcterms:modified"));

    let mut untitled = Workbook::new();
    untitled.add_sheet("Sheet1").expect("valid name");
    let parts = unzip(&untitled.to_bytes().expect("writes"));
    assert!(!parts.get("docProps/core.xml").contains("dc:title"));
}

#[test]
fn a_workbook_without_sheets_is_refused() {
    assert!(matches!(Workbook::new().to_bytes(), Err(XlsxError::NoSheets)));
}

#[test]
fn an_empty_sheet_still_makes_a_valid_package() {
    let mut workbook = Workbook::new();
    workbook
        .add_sheet("ว่าง")
        .expect("valid name")
        .push_row(vec![])
        .push_row(vec![Cell::Empty]);
    let parts = unzip(&workbook.to_bytes().expect("writes"));
    let sheet = parts.get("xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<dimension ref=\"A1\"/>"));
    assert!(sheet.contains("<sheetData/>"));
    assert!(parts
        .get("xl/sharedStrings.xml")
        .contains("count=\"0\" uniqueCount=\"0\""));
}

#[test]
fn saving_writes_the_same_bytes_and_leaves_no_temporary_file() {
    let folder = std::env::temp_dir().join(format!("sujarit-xlsx-save-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let path = folder.join("รายงาน.xlsx");
    let workbook = report();
    workbook.save(&path).expect("saves");
    workbook.save(&path).expect("saves over an existing file");
    assert_eq!(
        std::fs::read(&path).expect("reads back"),
        workbook.to_bytes().expect("writes")
    );
    let names: Vec<_> = std::fs::read_dir(&folder)
        .expect("lists")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["รายงาน.xlsx"]);
    std::fs::remove_dir_all(&folder).expect("cleans up");
}

#[test]
fn saving_into_a_missing_folder_fails_naming_the_path() {
    let path = std::env::temp_dir()
        .join(format!("sujarit-xlsx-missing-{}", std::process::id()))
        .join("a.xlsx");
    match report().save(&path) {
        Err(XlsxError::Io { path: failed, .. }) => assert_eq!(failed, path),
        other => panic!("expected an I/O error, got {other:?}"),
    }
}
