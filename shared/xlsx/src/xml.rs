//! XML escaping for the package parts.
//!
//! Text comes from officers' documents, converted from Word and PDF, and may hold anything:
//! markup characters, stray control characters, `_x0041_`-like sequences. XML 1.0 cannot carry
//! most control characters at all, so they are dropped; markup characters become entities; and
//! in cell strings an `_xHHHH_` sequence has its underscore escaped as `_x005F_`, because
//! SpreadsheetML readers would otherwise decode it into a different character.

/// Whether `c` may appear in an XML 1.0 document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` without the characters XML 1.0 cannot carry (borrowed when there are none).
pub(crate) fn without_invalid_chars(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|c| is_xml_char(*c)).collect())
    }
}

/// Appends `text` as element content, dropping characters XML cannot carry.
pub(crate) fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // A literal carriage return would be read back as a line feed.
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// Appends `text` as a double-quoted attribute value, dropping characters XML cannot carry.
pub(crate) fn push_attr(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            // Attribute-value normalisation would turn literal whitespace into spaces.
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            c => push_text(out, c.encode_utf8(&mut [0; 4])),
        }
    }
}

/// Appends a cell string (SpreadsheetML `ST_Xstring`) as element content: control characters
/// dropped, `_xHHHH_` sequences protected, markup escaped.
pub(crate) fn push_cell_string(out: &mut String, text: &str) {
    let text = without_invalid_chars(text);
    let mut rest: &str = &text;
    while let Some(at) = rest.find('_') {
        push_text(out, &rest[..at]);
        let tail = &rest[at..];
        if starts_escape_sequence(tail) {
            out.push_str("_x005F_");
        } else {
            out.push('_');
        }
        rest = &tail[1..];
    }
    push_text(out, rest);
}

/// Whether `text` begins with `_xHHHH_` (four hexadecimal digits).
fn starts_escape_sequence(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 7
        && bytes[0] == b'_'
        && bytes[1] == b'x'
        && bytes[2..6].iter().all(u8::is_ascii_hexdigit)
        && bytes[6] == b'_'
}
