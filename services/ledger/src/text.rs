//! Cleaning and checking the free text that commands carry, for every aggregate alike: a one-line
//! field has its inner whitespace collapsed, free text keeps its line breaks, both are trimmed,
//! non-empty and bounded, and an error names the field in Thai and English.

use sujarit_contracts::{DomainError, ErrorCode};

/// A command field as people call it, for error messages.
pub(crate) trait FieldName: Copy {
    /// Its Thai name.
    fn th(self) -> &'static str;
    /// Its English name.
    fn en(self) -> &'static str;
}

/// One line of text: inner whitespace collapsed, trimmed, non-empty, at most `max` characters.
pub(crate) fn clean_line<F: FieldName>(raw: &str, field: F, max: usize) -> Result<String, DomainError> {
    let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    check_text(line, field, max)
}

/// Free text: trimmed (line breaks kept), non-empty, at most `max` characters.
pub(crate) fn clean_text<F: FieldName>(raw: &str, field: F, max: usize) -> Result<String, DomainError> {
    check_text(raw.trim().to_string(), field, max)
}

/// An optional field: absent or blank is `None`, anything else is cleaned with `clean`.
pub(crate) fn clean_optional<F: FieldName>(
    raw: Option<&str>,
    field: F,
    clean: fn(&str, F, usize) -> Result<String, DomainError>,
    max: usize,
) -> Result<Option<String>, DomainError> {
    match raw {
        Some(text) if !text.trim().is_empty() => clean(text, field, max).map(Some),
        _ => Ok(None),
    }
}

fn check_text<F: FieldName>(text: String, field: F, max: usize) -> Result<String, DomainError> {
    if text.is_empty() {
        return Err(field_empty(field));
    }
    if text.chars().count() > max {
        return Err(DomainError::new(
            ErrorCode::Validation,
            format!("{}ยาวเกิน {max} ตัวอักษร", field.th()),
            format!("{} is longer than {max} characters", field.en()),
        ));
    }
    Ok(text)
}

/// A required field left empty.
pub(crate) fn field_empty<F: FieldName>(field: F) -> DomainError {
    DomainError::new(
        ErrorCode::Validation,
        format!("{}ต้องไม่ว่าง", field.th()),
        format!("{} must not be empty", field.en()),
    )
}
