//! Cleaning the text of one cell, and escaping it again for writing.
//!
//! Spreadsheets converted from Word or PDF carry HTML fragments (`<p>…</p>`, `<br>`,
//! `&nbsp;`), line breaks and runs of spaces inside cells. Every cell is cleaned the same way
//! before it is interpreted: known HTML tags become a space, character entities are decoded,
//! zero-width spaces are dropped, every run of whitespace becomes one space, and the ends are
//! trimmed. The writer escapes exactly what the cleaner would otherwise change (an `&` that
//! starts an entity, a `<` that starts a known tag), so clean text reads back unchanged.

use sujarit_thai::to_arabic_digits;

/// Tag names that document converters emit; any other `<…>` is kept as text.
const TAGS: &[&str] = &[
    "a", "b", "br", "div", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "s",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
];

/// Named entities that are decoded; others are kept as text.
const ENTITIES: &[(&str, char)] = &[
    ("nbsp", '\u{A0}'),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
];

/// Cleans a cell: strips known HTML tags, decodes entities, collapses whitespace, trims.
pub(crate) fn clean(text: &str) -> String {
    collapse_whitespace(&decode_entities(&strip_tags(text)))
}

/// Escapes text for a cell so that [`clean`] gives it back unchanged (if it is already clean).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let rest = &text[at..];
        match c {
            '&' if entity_at(rest).is_some() => out.push_str("&amp;"),
            '<' if tag_starts(rest) => out.push_str("&lt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Reads a quarter cell: `Some(true)` for a tick, `Some(false)` for blank, `None` otherwise.
pub(crate) fn quarter_mark(cleaned: &str) -> Option<bool> {
    match to_arabic_digits(cleaned).as_str() {
        "1" | "✓" | "✔" | "x" | "X" => Some(true),
        "" | "0" | "-" | "–" | "—" => Some(false),
        _ => None,
    }
}

/// Whether `rest` starts with a known tag name after `<` or `</`, followed by `>`, `/` or a space.
fn tag_starts(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix('<') else {
        return false;
    };
    let after = after.strip_prefix('/').unwrap_or(after);
    let name_len = after.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let (name, tail) = after.split_at(name_len);
    let delimited = matches!(
        tail.bytes().next(),
        Some(b'>' | b'/') | Some(b' ' | b'\t' | b'\n' | b'\r')
    );
    delimited && TAGS.iter().any(|tag| tag.eq_ignore_ascii_case(name))
}

/// The length in bytes of a known tag at the start of `rest`, up to and including its `>`.
fn tag_at(rest: &str) -> Option<usize> {
    if !tag_starts(rest) {
        return None;
    }
    // A tag ends at the first `>`; a `<` before it means this was not a tag after all.
    let end = rest[1..].find(['>', '<'])? + 1;
    (rest.as_bytes().get(end) == Some(&b'>')).then_some(end + 1)
}

/// Replaces every known tag with a space.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(offset) = text[at..].find('<') {
        let start = at + offset;
        out.push_str(&text[at..start]);
        match tag_at(&text[start..]) {
            Some(len) => {
                out.push(' ');
                at = start + len;
            }
            None => {
                out.push('<');
                at = start + 1;
            }
        }
    }
    out.push_str(&text[at..]);
    out
}

/// The entity at the start of `rest` (which starts with `&`): its length in bytes and its character.
fn entity_at(rest: &str) -> Option<(usize, char)> {
    let body = rest.strip_prefix('&')?;
    let semicolon = body.bytes().take(10).position(|b| b == b';')?;
    let name = &body[..semicolon];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()
            }
            Some(_) => None,
            None if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => number.parse().ok(),
            None => None,
        }?;
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        ENTITIES
            .iter()
            .find(|(entity, _)| entity.eq_ignore_ascii_case(name))
            .map(|(_, c)| *c)?
    };
    Some((semicolon + 2, decoded))
}

/// Decodes the entities [`entity_at`] knows, left to right in one pass.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(offset) = text[at..].find('&') {
        let start = at + offset;
        out.push_str(&text[at..start]);
        match entity_at(&text[start..]) {
            Some((len, c)) => {
                out.push(c);
                at = start + len;
            }
            None => {
                out.push('&');
                at = start + 1;
            }
        }
    }
    out.push_str(&text[at..]);
    out
}

/// Drops zero-width spaces and byte-order marks, turns whitespace runs into one space, trims.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        match c {
            '\u{200B}' | '\u{FEFF}' => {}
            c if c.is_whitespace() => pending_space = !out.is_empty(),
            c => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_tags_from_the_phatthalung_seed_are_stripped() {
        assert_eq!(clean("<p>๗,๒๕๐</p>"), "๗,๒๕๐");
        assert_eq!(
            clean("<p>๑. กิจกรรมหิวปีนโตไปวัด</p> <p>๒. กิจกรรมร่วมพิธีสวดเจริญพระพุทธมนต์</p>"),
            "๑. กิจกรรมหิวปีนโตไปวัด ๒. กิจกรรมร่วมพิธีสวดเจริญพระพุทธมนต์"
        );
        assert_eq!(
            clean(r#"<ul style="list-style-type: none"> <li>- ค่าเอกสาร</li></ul>"#),
            "- ค่าเอกสาร"
        );
        assert_eq!(clean("<u>กิจกรรมที่ ๑</u> การอบรม"), "กิจกรรมที่ ๑ การอบรม");
    }

    #[test]
    fn line_breaks_entities_and_spaces_become_single_spaces() {
        assert_eq!(clean("  a<br>b<BR/>c&nbsp;&nbsp;d \n\t e\u{200B} "), "a b c d e");
        assert_eq!(clean("S&amp;P &lt;p&gt; &#3585;&#x0E01;"), "S&P <p> กก");
    }

    #[test]
    fn text_that_only_looks_like_html_is_kept() {
        assert_eq!(clean("อายุ <18 ปี> และ S&P"), "อายุ <18 ปี> และ S&P");
        assert_eq!(clean("<pre>x</pre> <p"), "<pre>x</pre> <p");
        assert_eq!(
            clean("&bogus; &#; &#x; &#0; &#99999999;"),
            "&bogus; &#; &#x; &#0; &#99999999;"
        );
        assert_eq!(clean("<p <b>x"), "<p x");
    }

    #[test]
    fn escaped_clean_text_cleans_back_to_itself() {
        for text in [
            "S&amp;P",
            "<p>x</p>",
            "<p <p>",
            "&lt<p>",
            "a & b",
            "&#3585; and &nbsp;",
            "<br/>",
            "ไม่มี",
        ] {
            assert_eq!(clean(&escape(text)), text, "{text:?} escaped as {:?}", escape(text));
        }
        assert_eq!(escape("S&P <18"), "S&P <18");
    }

    #[test]
    fn quarter_marks_accept_ticks_and_blanks_only() {
        for tick in ["1", "๑", "✓", "✔", "x", "X"] {
            assert_eq!(quarter_mark(tick), Some(true), "{tick:?}");
        }
        for blank in ["", "0", "๐", "-"] {
            assert_eq!(quarter_mark(blank), Some(false), "{blank:?}");
        }
        for other in ["2", "yes", "xx", "↔"] {
            assert_eq!(quarter_mark(other), None, "{other:?}");
        }
    }
}
