//! Sheet names: what Excel accepts is accepted (Thai included), what it refuses is refused with
//! the reason, and a refused name adds no sheet.

use sujarit_xlsx::{SheetNameProblem, Workbook, XlsxError};

/// The problem `add_sheet` reports for `name` in a workbook that already has `existing`.
fn problem(existing: &[&str], name: &str) -> SheetNameProblem {
    let mut workbook = Workbook::new();
    for sheet in existing {
        workbook.add_sheet(sheet).expect("valid name");
    }
    let result = workbook.add_sheet(name).map(|_| ());
    assert_eq!(workbook.sheets().len(), existing.len(), "a refused name adds no sheet");
    match result {
        Err(XlsxError::SheetName { name: refused, problem }) => {
            assert_eq!(refused, name);
            problem
        }
        other => panic!("expected {name:?} to be refused, got {other:?}"),
    }
}

#[test]
fn thai_and_punctuated_names_up_to_31_characters_are_accepted() {
    let mut workbook = Workbook::new();
    let thirty_one_thai = "ก".repeat(31);
    for name in [
        "สรุปผล ปีงบประมาณ 2568",
        thirty_one_thai.as_str(),
        "O'Brien (ร่าง) #1 - 50% & more",
        "Sheet1",
    ] {
        let sheet = workbook.add_sheet(name).expect("accepted");
        assert_eq!(sheet.name(), name);
    }
    assert_eq!(workbook.sheets().len(), 4);
}

#[test]
fn an_empty_name_is_refused() {
    assert_eq!(problem(&[], ""), SheetNameProblem::Empty);
}

#[test]
fn a_name_longer_than_31_characters_is_refused() {
    assert_eq!(problem(&[], &"ข".repeat(32)), SheetNameProblem::TooLong { chars: 32 });
    assert_eq!(problem(&[], &"x".repeat(40)), SheetNameProblem::TooLong { chars: 40 });
}

#[test]
fn names_with_characters_excel_forbids_are_refused() {
    for found in ['[', ']', ':', '*', '?', '/', '\\', '\n', '\u{0}'] {
        assert_eq!(
            problem(&[], &format!("แผน{found}2568")),
            SheetNameProblem::ForbiddenCharacter { found }
        );
    }
}

#[test]
fn names_beginning_or_ending_with_an_apostrophe_are_refused() {
    assert_eq!(problem(&[], "'quoted"), SheetNameProblem::EdgeApostrophe);
    assert_eq!(problem(&[], "quoted'"), SheetNameProblem::EdgeApostrophe);
}

#[test]
fn the_reserved_name_history_is_refused_in_any_case() {
    assert_eq!(problem(&[], "History"), SheetNameProblem::Reserved);
    assert_eq!(problem(&[], "HISTORY"), SheetNameProblem::Reserved);
}

#[test]
fn a_name_already_used_is_refused_regardless_of_case() {
    assert_eq!(
        problem(&["Summary"], "SUMMARY"),
        SheetNameProblem::Duplicate {
            existing: "Summary".to_owned()
        }
    );
    assert_eq!(
        problem(&["สรุป", "Summary"], "สรุป"),
        SheetNameProblem::Duplicate {
            existing: "สรุป".to_owned()
        }
    );
}

#[test]
fn the_refusal_message_names_the_sheet_and_the_reason() {
    let mut workbook = Workbook::new();
    let error = workbook.add_sheet("a/b").map(|_| ()).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "sheet name \"a/b\" is not allowed: it contains '/'; none of [ ] : * ? / \\ or control characters are allowed"
    );
}

#[test]
fn a_sheet_can_be_found_again_by_name_to_add_rows_later() {
    let mut workbook = Workbook::new();
    workbook.add_sheet("รายละเอียด").expect("valid name");
    workbook.add_sheet("สรุป").expect("valid name");
    let details = workbook.sheet_mut("รายละเอียด").expect("exists");
    details.push_row(vec!["แถวที่หนึ่ง".into()]);
    assert_eq!(workbook.sheets()[0].rows().len(), 1);
    assert!(workbook.sheet_mut("ไม่มี").is_none());
}
