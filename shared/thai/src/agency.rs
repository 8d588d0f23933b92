//! Matching Thai agency (org unit) names that arrive spelled many ways.
//!
//! Plans and reports name the responsible agency in free text, and one agency comes back under
//! many spellings: the Lamphun 6-month report alone writes เทศบาลตำบลทาขุมเงิน as ท่าขุมเงิน,
//! ท่าชุมเงิน, ทาชูมเงิน, ทาดูมเงิน and ทาทาขุมเงิน, abbreviates (สนง., จ., อบต., ทต.), puts
//! spaces inside words, mixes Thai and Arabic digits and drops the province name. Org units
//! therefore have ids and aliases, and an import must follow one rule: **it never creates a
//! near-duplicate silently**. A name whose key equals the key of one known name or alias maps to
//! that unit ([`Verdict::Same`]); a near name is only suggested, for a person to confirm
//! ([`Verdict::Likely`]); only a name close to nothing is new ([`Verdict::New`]).
//!
//! Two steps, both pure:
//!
//! 1. [`normalize_in`] turns a name into a matching key: zero-width characters out; Thai digits
//!    to Arabic; the abbreviations of [`ABBREVIATIONS`] written out; spaces and punctuation
//!    dropped (Thai puts no spaces between words, so an OCR space means nothing); Thai marks in
//!    one order (ํ + า is ำ, เ + เ is แ, vowel mark before tone mark, no doubled mark);
//!    "เทศบาล" written twice written once ("สำนักปลัดเทศบาล ทต.X"); "ทุกสำนัก/กอง ของ X"
//!    (every division of X) read as X; and the province dropped, so that
//!    "สำนักงานจังหวัดลำพูน" and "สำนักงานจังหวัด" meet. Only equal keys map automatically,
//!    so the key keeps everything that can tell two agencies apart: look-alike letters, tone
//!    marks and digits all stay.
//! 2. [`similarity`] scores two keys in 0..=1 with a weighted Levenshtein distance over
//!    characters: one minus the distance over the cost of the longer key. Thai OCR errors are
//!    mostly a letter read as its look-alike (ข/ช, ด/ต, บ/ป), a tone mark dropped or added
//!    (ท่า/ทา) or one vowel mark for another (ุ/ู), so those edits cost half; a digit edit costs
//!    double, because เขต ๑ and เขต ๒ are different agencies; and ฯ ("the rest of the name is
//!    left out") absorbs missing words at a quarter of their cost, so "กองการศึกษาฯ" stays close
//!    to "กองการศึกษา ศาสนา และวัฒนธรรม". On the seed fixture, plain Levenshtein after the same
//!    normalization already ranks 149 of 151 spellings right; the weights add the ฯ case and
//!    widen the gap between OCR variants and sibling agencies. Jaro-Winkler is a poor fit: it
//!    rewards a shared prefix, and Thai agency names share long prefixes ("สำนักงาน…",
//!    "สำนักปลัดเทศบาลตำบล…") and differ at the end.
//!
//! Thresholds: a key equal to the key of exactly one unit is `Same`; otherwise the units scoring
//! at least [`LIKELY_THRESHOLD`] (at most [`MAX_SUGGESTIONS`], best first) are `Likely`;
//! otherwise `New`. The threshold sits below the lowest score of a true variant in the seed
//! (0.58, "สำนักงาน ป.ป.ช. (ส่วนกลาง)" against "สำนักงาน ป.ป.ช."). No threshold can separate
//! variants from different agencies of one kind, which score up to 0.95 against each other
//! (เขต ๑ / เขต ๒), and a needless suggestion costs one answer while a missed one creates a
//! duplicate; so most names of an unknown agency come back `Likely`, and a person says "new".
//!
//! Matching many names against the same units, build an [`AgencyIndex`] once: it keeps the keys,
//! tries the most promising units first and gives up on the others early, so one name against
//! 500 units takes about 0.15 ms (release build). The free functions build the index on every
//! call, which costs a few milliseconds for 1,000 names.

use std::collections::HashMap;
use std::ops::Range;

use crate::digits::to_arabic_digits;

/// Lowest similarity at which a known unit is suggested as a likely match.
pub const LIKELY_THRESHOLD: f64 = 0.5;

/// Most suggestions a [`Verdict::Likely`] carries.
pub const MAX_SUGGESTIONS: usize = 5;

/// Abbreviations written out by [`normalize`], as (abbreviation without its final dot, full words).
///
/// An abbreviation is written out when a dot follows it ("อบต.นาทราย", "กองคลังทต.วังดิน") or,
/// for those of two letters or more, when it stands alone between spaces ("อบต นาทราย"). The
/// one-letter ones (จ., อ., ต.) also need a space, punctuation or the start of the name before
/// them, so that a word ending in จ, อ or ต before a stray dot is left alone. The longest match
/// wins (สสจ. is สำนักงานสาธารณสุขจังหวัด, not สส + จังหวัด). Acronyms that are themselves the
/// usual name (ป.ป.ช., ป.ป.ท., กศน.) are kept, without their dots.
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    // สำนักงาน: office.
    ("สนง", "สำนักงาน"),
    // จังหวัด: province.
    ("จ", "จังหวัด"),
    // อำเภอ: district.
    ("อ", "อำเภอ"),
    // ตำบล: subdistrict.
    ("ต", "ตำบล"),
    // โรงพยาบาลส่งเสริมสุขภาพตำบล: subdistrict health-promoting hospital.
    ("รพ.สต", "โรงพยาบาลส่งเสริมสุขภาพตำบล"),
    // โรงพยาบาล: hospital.
    ("รพ", "โรงพยาบาล"),
    // โรงเรียน: school.
    ("รร", "โรงเรียน"),
    // องค์การบริหารส่วนจังหวัด: provincial administrative organisation (PAO).
    ("อบจ", "องค์การบริหารส่วนจังหวัด"),
    // องค์การบริหารส่วนตำบล: subdistrict administrative organisation (SAO).
    ("อบต", "องค์การบริหารส่วนตำบล"),
    // เทศบาลนคร: city municipality.
    ("ทน", "เทศบาลนคร"),
    // เทศบาลเมือง: town municipality.
    ("ทม", "เทศบาลเมือง"),
    // เทศบาลตำบล: subdistrict municipality.
    ("ทต", "เทศบาลตำบล"),
    // องค์กรปกครองส่วนท้องถิ่น: local government organisation.
    ("อปท", "องค์กรปกครองส่วนท้องถิ่น"),
    // สำนักงานเขตพื้นที่การศึกษาประถมศึกษา: primary educational service area office.
    ("สพป", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา"),
    // สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา: secondary educational service area office.
    ("สพม", "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา"),
    // สำนักงานสาธารณสุขจังหวัด: provincial public health office.
    ("สสจ", "สำนักงานสาธารณสุขจังหวัด"),
    // สำนักงานสาธารณสุขอำเภอ: district public health office.
    ("สสอ", "สำนักงานสาธารณสุขอำเภอ"),
    // สำนักงานศึกษาธิการจังหวัด: provincial education office.
    ("ศธจ", "สำนักงานศึกษาธิการจังหวัด"),
    // สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด: provincial social development and human security office.
    ("พมจ", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด"),
    // สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด: provincial natural resources and environment office.
    ("ทสจ", "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด"),
    // ป้องกันและบรรเทาสาธารณภัย: disaster prevention and mitigation (as in สนง.ปภ.จ.).
    ("ปภ", "ป้องกันและบรรเทาสาธารณภัย"),
    // สถานีตำรวจภูธร: provincial police station.
    ("สภ", "สถานีตำรวจภูธร"),
    // ศูนย์พัฒนาเด็กเล็ก: child development centre.
    ("ศพด", "ศูนย์พัฒนาเด็กเล็ก"),
];

/// Zero-width and invisible formatting characters that copy-paste and OCR leave inside words.
const INVISIBLE: [char; 6] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}'];

/// ฯ (paiyannoi): "the rest of the name is left out"; kept in keys, where it matches cheaply.
const PAIYANNOI: char = 'ฯ';

/// Words that may follow ทุก ("every") in "ทุกสำนัก/กอง ของ X": every division of X names X.
const EVERY_DIVISION_WORDS: [&str; 6] = ["ส่วนราชการ", "หน่วยงาน", "สำนัก", "กอง", "งาน", "ฝ่าย"];

/// Words that may join "ทุกสำนัก/กอง" to the agency it belongs to.
const EVERY_DIVISION_LINKS: [&str; 3] = ["สังกัด", "ของ", "ใน"];

/// Most rounds of the key rewrite rules; they settle in two or three.
const MAX_REWRITE_ROUNDS: usize = 16;

/// Edit costs of [`distance_within`], in eighths of one ordinary character.
const COST_FULL: u32 = 8;
/// A look-alike letter, or one Thai mark for another: the typical OCR slip.
const COST_NEAR: u32 = 4;
/// Adding or dropping a Thai vowel or tone mark.
const COST_MARK: u32 = 4;
/// Any edit involving a digit: numbers tell agencies apart (เขต ๑, เขต ๒).
const COST_DIGIT: u32 = 16;
/// Adding or dropping ฯ itself.
const COST_PAIYANNOI: u32 = 2;
/// A character absorbed by a ฯ costs a quarter of its normal cost.
const PAIYANNOI_DISCOUNT: u32 = 4;

/// An org unit to match against: its id and its names, the canonical name first, then aliases.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<'a, Id> {
    /// The unit's stable id.
    pub id: Id,
    /// The canonical name and the known aliases.
    pub names: &'a [String],
}

/// A known unit that resembles the name being matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Match<Id> {
    /// The unit's id.
    pub id: Id,
    /// The unit's name or alias that resembles the name best.
    pub matched_name: String,
    /// Similarity of the two keys, 0..=1 (1 for equal keys).
    pub score: f64,
}

/// What an import should do with a name.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict<Id> {
    /// The key equals the key of a name or alias of exactly this unit: map it automatically.
    Same(Id),
    /// Near one or more units (best first): a person must confirm; never merge silently.
    Likely(Vec<Match<Id>>),
    /// Close to no known unit (or blank): a new unit, once a person has named it.
    New,
}

/// The matching key of an agency name, with no province dropped.
pub fn normalize(name: &str) -> String {
    normalize_in(name, None)
}

/// The matching key of an agency name; the province name (e.g. "ลำพูน") is dropped wherever it occurs.
pub fn normalize_in(name: &str, province: Option<&str>) -> String {
    let province_key = province.map(province_key);
    key_of(name, province_key.as_deref())
}

/// Similarity in 0..=1 of two agency names, compared by their keys ([`normalize`]); 1 for equal keys.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (symbols(&normalize(a)), symbols(&normalize(b)));
    score(&a, &b)
}

/// The candidates most like `name`, best first, at most `limit` (one entry per candidate).
pub fn best_matches<Id: Clone>(
    name: &str,
    province: Option<&str>,
    candidates: &[Candidate<'_, Id>],
    limit: usize,
) -> Vec<Match<Id>> {
    AgencyIndex::new(province, candidates).best_matches(name, limit)
}

/// Whether `name` is a known unit ([`Verdict::Same`]), probably one ([`Verdict::Likely`]) or new.
pub fn classify<Id: Clone>(name: &str, province: Option<&str>, candidates: &[Candidate<'_, Id>]) -> Verdict<Id> {
    AgencyIndex::new(province, candidates).classify(name)
}

/// Known units with their keys computed once, for matching many names against them.
#[derive(Debug, Clone)]
pub struct AgencyIndex<Id> {
    /// Key of the province dropped from every name, if any.
    province: Option<String>,
    /// Unit ids, in the order given.
    ids: Vec<Id>,
    /// Per unit, its range in `names`.
    spans: Vec<Range<usize>>,
    /// The names of every unit, one per distinct key, unit after unit.
    names: Vec<IndexedName>,
    /// Units (indexes into `ids`) by the keys of their names.
    exact: HashMap<String, Vec<usize>>,
}

/// One name of a unit, with its key ready for [`distance_within`].
#[derive(Debug, Clone)]
struct IndexedName {
    name: String,
    symbols: Vec<Symbol>,
    weight: u32,
}

impl<Id: Clone> AgencyIndex<Id> {
    /// Indexes the candidates' names, dropping `province` from every key.
    pub fn new(province: Option<&str>, candidates: &[Candidate<'_, Id>]) -> Self {
        let province = province.map(province_key);
        let mut index = Self {
            province,
            ids: Vec::new(),
            spans: Vec::new(),
            names: Vec::new(),
            exact: HashMap::new(),
        };
        for candidate in candidates {
            index.push(candidate.id.clone(), candidate.names);
        }
        index
    }

    /// Adds one more unit with its names (canonical first, then aliases).
    pub fn push(&mut self, id: Id, names: &[String]) {
        let unit = self.ids.len();
        let first = self.names.len();
        self.ids.push(id);
        for name in names {
            let key = key_of(name, self.province.as_deref());
            if key.is_empty() {
                continue;
            }
            let units = self.exact.entry(key.clone()).or_default();
            if units.contains(&unit) {
                // An alias with the key of an earlier name of this unit adds nothing to match.
                continue;
            }
            units.push(unit);
            let symbols = symbols(&key);
            self.names.push(IndexedName {
                name: name.clone(),
                weight: weight(&symbols),
                symbols,
            });
        }
        self.spans.push(first..self.names.len());
    }

    /// The matching key of `name` under this index's province.
    pub fn key(&self, name: &str) -> String {
        key_of(name, self.province.as_deref())
    }

    /// The units most like `name`, best first, at most `limit` (one entry per unit).
    pub fn best_matches(&self, name: &str, limit: usize) -> Vec<Match<Id>> {
        self.ranked(&self.key(name), limit, 0.0)
    }

    /// Whether `name` is a known unit, probably one, or new (see the module header for the rule).
    pub fn classify(&self, name: &str) -> Verdict<Id> {
        let key = self.key(name);
        if key.is_empty() {
            return Verdict::New;
        }
        if let Some([unit]) = self.exact.get(&key).map(Vec::as_slice) {
            return Verdict::Same(self.ids[*unit].clone());
        }
        // Several units sharing this key score 1 each and are all suggested: a person decides.
        let likely = self.ranked(&key, MAX_SUGGESTIONS, LIKELY_THRESHOLD);
        if likely.is_empty() {
            Verdict::New
        } else {
            Verdict::Likely(likely)
        }
    }

    /// The best `limit` units scoring at least `floor` against `key`, best first, ties by unit order.
    fn ranked(&self, key: &str, limit: usize, floor: f64) -> Vec<Match<Id>> {
        if key.is_empty() || limit == 0 {
            return Vec::new();
        }
        let query = symbols(key);
        let query_weight = weight(&query);
        // Most promising units first, judged by the prefix and suffix they share with the key,
        // so that the bar below rises early and most other units are given up after a few rows.
        let mut order: Vec<(u32, usize)> = self
            .spans
            .iter()
            .enumerate()
            .map(|(unit, span)| {
                let shared = self.names[span.clone()]
                    .iter()
                    .map(|n| shared_ends(&query, &n.symbols))
                    .max();
                (shared.unwrap_or(0), unit)
            })
            .collect();
        order.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        // The best units so far as (score, unit, name), best first.
        let mut top: Vec<(f64, usize, usize)> = Vec::with_capacity(limit + 1);
        let mut row = Vec::new();
        for (_, unit) in order {
            // A unit must reach the floor, and the worst of a full top list, to matter.
            let bar = if top.len() == limit {
                top[limit - 1].0.max(floor)
            } else {
                floor
            };
            let mut best: Option<(f64, usize)> = None;
            for at in self.spans[unit].clone() {
                let indexed = &self.names[at];
                let longer = query_weight.max(indexed.weight);
                let need = best.map_or(bar, |(s, _)| s.max(bar));
                if let Some(d) = distance_within(&query, &indexed.symbols, max_distance(need, longer), &mut row) {
                    let s = score_of(d, longer);
                    if s >= need && best.is_none_or(|(b, _)| s > b) {
                        best = Some((s, at));
                    }
                }
            }
            if let Some((s, at)) = best {
                let place = top.partition_point(|&(t, u, _)| t > s || (t == s && u < unit));
                top.insert(place, (s, unit, at));
                top.truncate(limit);
            }
        }
        top.into_iter()
            .map(|(score, unit, at)| Match {
                id: self.ids[unit].clone(),
                matched_name: self.names[at].name.clone(),
                score,
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Normalization

/// The key of the province argument: its own key, without a leading "จังหวัด".
fn province_key(province: &str) -> String {
    let key = key_of(province, None);
    match key.strip_prefix("จังหวัด") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => key,
    }
}

/// The key of `name`, dropping `province` (already a key) if given.
fn key_of(name: &str, province: Option<&str>) -> String {
    let visible: String = name.chars().filter(|c| !INVISIBLE.contains(c)).collect();
    let cleaned: String = to_arabic_digits(&visible)
        .chars()
        .flat_map(char::to_lowercase)
        .collect();
    let expanded = if cleaned.contains('.') {
        expand_dotted(&cleaned)
    } else {
        cleaned
    };
    let expanded = expand_standalone(&expanded);
    let mut key: String = expanded.chars().filter(|&c| kept_in_key(c)).collect();
    // The rules below can expose each other's patterns (dropping the province can bring two
    // words together), so they run until nothing changes: that makes the key idempotent.
    for _ in 0..MAX_REWRITE_ROUNDS {
        let next = rewrite(&key, province);
        if next == key {
            break;
        }
        key = next;
    }
    key
}

/// True for the characters a key keeps: Thai letters, vowels, marks and ฯ, ๆ, and letters and digits of any script.
fn kept_in_key(c: char) -> bool {
    match c {
        '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E4E}' => true,
        // The rest of the Thai block: ฿, ๏, ๚, ๛ (Thai digits are already Arabic).
        '\u{0E00}'..='\u{0E7F}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// True for Thai vowel and tone marks written above or below a consonant.
fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// True for Thai tone marks and the other marks written above the vowel marks.
fn is_upper_mark(c: char) -> bool {
    matches!(c, '\u{0E47}'..='\u{0E4E}')
}

/// True for a Thai tone mark (mai ek … mai chattawa).
fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{0E48}'..='\u{0E4B}')
}

/// True for the characters a written-out abbreviation must follow: none, space, punctuation.
fn is_word_boundary(previous: Option<char>) -> bool {
    match previous {
        None => true,
        Some(c) => !(c.is_alphanumeric() || is_thai_mark(c) || matches!(c, '\u{0E01}'..='\u{0E4E}')),
    }
}

/// Writes out every abbreviation of [`ABBREVIATIONS`] that ends at a dot.
fn expand_dotted(text: &str) -> String {
    // Abbreviations with a dot inside (รพ.สต.) first, whole, so that their first part (รพ.) is not
    // taken alone.
    let mut text = text.to_string();
    for (short, full) in ABBREVIATIONS.iter().filter(|(short, _)| short.contains('.')) {
        text = text.replace(&format!("{short}."), &format!("{full} "));
    }
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c != '.' {
            out.push(c);
            continue;
        }
        let found = ABBREVIATIONS
            .iter()
            .filter(|(short, _)| out.ends_with(short))
            .filter(|(short, _)| {
                short.chars().count() > 1 || is_word_boundary(out[..out.len() - short.len()].chars().next_back())
            })
            .max_by_key(|(short, _)| short.len());
        match found {
            Some((short, full)) => {
                out.truncate(out.len() - short.len());
                out.push_str(full);
                out.push(' ');
            }
            None => out.push('.'),
        }
    }
    out
}

/// The full words for a whole word that is an abbreviation of two letters or more, written without dots.
fn standalone_abbreviation(word: &str) -> Option<&'static str> {
    ABBREVIATIONS
        .iter()
        .find(|(short, _)| short.chars().count() > 1 && short.chars().filter(|&c| c != '.').eq(word.chars()))
        .map(|(_, full)| *full)
}

/// Writes out the abbreviations that stand alone between spaces ("อบต นาทราย").
fn expand_standalone(text: &str) -> String {
    text.split_whitespace()
        .map(|word| standalone_abbreviation(word).unwrap_or(word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One round of the rules that rewrite a key.
fn rewrite(key: &str, province: Option<&str>) -> String {
    let key = fold_marks(key);
    let key = match province {
        Some(province) => drop_province(&key, province),
        None => key,
    };
    // "สำนักปลัดเทศบาล ทต.X" writes เทศบาล twice; no agency name repeats it.
    let key = key.replace("เทศบาลเทศบาล", "เทศบาล");
    let key = strip_every_division(&key).to_string();
    match standalone_abbreviation(&key) {
        Some(full) => full.to_string(),
        None => key,
    }
}

/// Puts Thai marks in one order: ำ for ํ + า, แ for เ + เ, vowel marks before tone marks, no doubled marks.
fn fold_marks(key: &str) -> String {
    let mut chars: Vec<char> = key.chars().collect();
    // Vowel marks above or below first, then tone marks and the like: Unicode's canonical order
    // for ุ ู before tones, and the usual typing order for the others. Stable within each class.
    let mut start = 0;
    while start < chars.len() {
        let mut end = start;
        while end < chars.len() && is_thai_mark(chars[end]) {
            end += 1;
        }
        if end > start {
            chars[start..end].sort_by_key(|&c| is_upper_mark(c));
            start = end;
        } else {
            start += 1;
        }
    }
    chars.dedup_by(|next, previous| is_thai_mark(*next) && next == previous);
    let mut out = Vec::with_capacity(chars.len());
    let mut at = 0;
    while at < chars.len() {
        match chars[at..] {
            ['ํ', 'า', ..] => {
                out.push('ำ');
                at += 2;
            }
            ['ํ', tone, 'า', ..] if is_tone_mark(tone) => {
                out.extend([tone, 'ำ']);
                at += 3;
            }
            ['เ', 'เ', ..] => {
                out.push('แ');
                at += 2;
            }
            [c, ..] => {
                out.push(c);
                at += 1;
            }
            [] => break,
        }
    }
    out.into_iter().collect()
}

/// Drops every occurrence of the province that is a whole syllable run, not part of a longer syllable.
fn drop_province(key: &str, province: &str) -> String {
    if province.is_empty() {
        return key.to_string();
    }
    let mut out = String::with_capacity(key.len());
    let mut rest = key;
    while let Some(at) = rest.find(province) {
        let after = rest[at + province.len()..].chars().next();
        let before = if at == 0 {
            out.chars().next_back()
        } else {
            rest[..at].chars().next_back()
        };
        // A mark or a following vowel after it, or a leading vowel before it, means the
        // province's letters belong to a longer syllable.
        let inside_syllable = after.is_some_and(|c| is_thai_mark(c) || matches!(c, 'ะ' | 'า' | 'ำ' | 'ๅ'))
            || before.is_some_and(|c| matches!(c, 'เ' | 'แ' | 'โ' | 'ใ' | 'ไ'));
        if inside_syllable {
            let first_len = rest[at..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&rest[..at + first_len]);
            rest = &rest[at + first_len..];
        } else {
            out.push_str(&rest[..at]);
            rest = &rest[at + province.len()..];
        }
    }
    out.push_str(rest);
    out
}

/// "ทุกสำนัก/กอง ของ X" (every division of X) names X: drops the leading "ทุก…ของ" if a name remains.
fn strip_every_division(key: &str) -> &str {
    let Some(mut rest) = key.strip_prefix("ทุก") else {
        return key;
    };
    let mut words = 0;
    while let Some(next) = EVERY_DIVISION_WORDS.iter().find_map(|word| rest.strip_prefix(word)) {
        rest = next;
        words += 1;
    }
    if let Some(next) = EVERY_DIVISION_LINKS.iter().find_map(|link| rest.strip_prefix(link)) {
        rest = next;
    }
    if words == 0 || rest.is_empty() {
        key
    } else {
        rest
    }
}

// ---------------------------------------------------------------------------------------------
// Similarity

/// A key character with what its edit costs depend on.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Symbol {
    c: char,
    /// Cost of adding or dropping it.
    indel: u32,
    /// Its row and column in [`SUBSTITUTION`].
    class: u8,
    paiyannoi: bool,
}

/// Class of the characters in no look-alike group.
const CLASS_OTHER: u8 = 0;
/// Class of the Thai vowel and tone marks: one mark read as another is a typical OCR slip.
const CLASS_MARK: u8 = 1;
/// Class of the digits 0-9.
const CLASS_DIGIT: u8 = 12;
/// Class of ฯ.
const CLASS_PAIYANNOI: u8 = 13;
/// Number of classes.
const CLASSES: usize = 14;

/// The class of `c`: Thai letters that OCR confuses with each other share one (2..=11), so an
/// edit between two of them costs half; all Thai marks share [`CLASS_MARK`].
fn class_of(c: char) -> u8 {
    match c {
        '0'..='9' => CLASS_DIGIT,
        PAIYANNOI => CLASS_PAIYANNOI,
        _ if is_thai_mark(c) => CLASS_MARK,
        'บ' | 'ป' | 'ษ' => 2,
        'ด' | 'ต' | 'ค' => 3,
        'ข' | 'ช' | 'ซ' | 'ฃ' => 4,
        'ผ' | 'ฝ' | 'พ' | 'ฟ' => 5,
        'ถ' | 'ภ' | 'ฤ' => 6,
        'ฎ' | 'ฏ' => 7,
        'ศ' | 'ส' | 'ล' => 8,
        'อ' | 'ฮ' => 9,
        'ใ' | 'ไ' => 10,
        'ฑ' | 'ฒ' => 11,
        _ => CLASS_OTHER,
    }
}

/// Cost of reading a character of one class where a different character of another was written.
const SUBSTITUTION: [[u32; CLASSES]; CLASSES] = substitution_table();

/// Builds [`SUBSTITUTION`]: digits cost double, two look-alikes (or two marks) half, the rest full.
const fn substitution_table() -> [[u32; CLASSES]; CLASSES] {
    let mut table = [[COST_FULL; CLASSES]; CLASSES];
    let mut i = 0;
    while i < CLASSES {
        let mut j = 0;
        while j < CLASSES {
            table[i][j] = if i == CLASS_DIGIT as usize || j == CLASS_DIGIT as usize {
                COST_DIGIT
            } else if i == j && i != CLASS_OTHER as usize && i != CLASS_PAIYANNOI as usize {
                COST_NEAR
            } else {
                COST_FULL
            };
            j += 1;
        }
        i += 1;
    }
    table
}

/// The symbols of a key.
fn symbols(key: &str) -> Vec<Symbol> {
    key.chars()
        .map(|c| {
            let class = class_of(c);
            let indel = match class {
                CLASS_DIGIT => COST_DIGIT,
                CLASS_PAIYANNOI => COST_PAIYANNOI,
                CLASS_MARK => COST_MARK,
                _ => COST_FULL,
            };
            Symbol {
                c,
                indel,
                class,
                paiyannoi: class == CLASS_PAIYANNOI,
            }
        })
        .collect()
}

/// Cost of dropping every symbol of a key.
fn weight(key: &[Symbol]) -> u32 {
    key.iter().map(|s| s.indel).sum()
}

/// Similarity of two keys: one minus their distance over the cost of the longer key, in 0..=1.
fn score(a: &[Symbol], b: &[Symbol]) -> f64 {
    let longer = weight(a).max(weight(b));
    let d = distance_within(a, b, u32::MAX, &mut Vec::new()).unwrap_or(u32::MAX);
    score_of(d, longer)
}

/// The score for distance `d` between keys whose longer one costs `longer`.
fn score_of(d: u32, longer: u32) -> f64 {
    if longer == 0 {
        return 1.0;
    }
    (1.0 - f64::from(d) / f64::from(longer)).clamp(0.0, 1.0)
}

/// The largest distance that can still score `need` when the longer key costs `longer` (with a
/// unit of slack for rounding; the caller compares the exact score).
fn max_distance(need: f64, longer: u32) -> u32 {
    if need <= 0.0 {
        return u32::MAX;
    }
    ((1.0 - need) * f64::from(longer)).floor() as u32 + 1
}

/// Cost of the prefix and suffix two keys share: a cheap guess at how alike they are.
fn shared_ends(a: &[Symbol], b: &[Symbol]) -> u32 {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x.c == y.c).count();
    let (a_rest, b_rest) = (&a[prefix..], &b[prefix..]);
    let suffix = a_rest
        .iter()
        .rev()
        .zip(b_rest.iter().rev())
        .take_while(|(x, y)| x.c == y.c)
        .count();
    weight(&a[..prefix]) + weight(&a_rest[a_rest.len() - suffix..])
}

/// Weighted edit distance if it is at most `max`, else `None`: look-alikes and marks cost half,
/// digits double, and ฯ absorbs the rest of a name. `row` is scratch space.
fn distance_within<'k>(mut a: &'k [Symbol], mut b: &'k [Symbol], max: u32, row: &mut Vec<u32>) -> Option<u32> {
    let wildcard = a.iter().chain(b).any(|s| s.paiyannoi);
    if !wildcard {
        // A common prefix or suffix never changes the distance when no ฯ can absorb across it
        // (every cost obeys the triangle inequality), and Thai agency names share long ones.
        let prefix = a.iter().zip(b).take_while(|(x, y)| x.c == y.c).count();
        (a, b) = (&a[prefix..], &b[prefix..]);
        let suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(x, y)| x.c == y.c)
            .count();
        (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
        // Every edit costs at least the change in weight it makes.
        if weight(a).abs_diff(weight(b)) > max {
            return None;
        }
    }
    if a.len() < b.len() {
        (a, b) = (b, a);
    }
    // One row of the table: row[j] = distance between the part of `a` read so far and b[..j].
    row.clear();
    row.push(0);
    for y in b {
        let last = row[row.len() - 1];
        row.push(last + y.indel);
    }
    for &x in a {
        let costs = &SUBSTITUTION[usize::from(x.class)];
        let mut diagonal = row[0];
        row[0] += x.indel;
        let mut left = row[0];
        let mut lowest = left;
        for (cell, &y) in row[1..].iter_mut().zip(b) {
            let up = *cell;
            let substitution = u32::from(x.c != y.c) * costs[usize::from(y.class)];
            let mut best = (diagonal + substitution).min(up + x.indel).min(left + y.indel);
            if wildcard {
                if x.paiyannoi {
                    best = best.min(left + y.indel / PAIYANNOI_DISCOUNT);
                }
                if y.paiyannoi {
                    best = best.min(up + x.indel / PAIYANNOI_DISCOUNT);
                }
            }
            diagonal = up;
            *cell = best;
            left = best;
            lowest = lowest.min(best);
        }
        // Costs never go down along a path, so once a whole row is over, the end is too.
        if lowest > max {
            return None;
        }
    }
    Some(row[b.len()]).filter(|&d| d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn every_abbreviation_is_written_out_before_a_dot() {
        for (short, full) in ABBREVIATIONS {
            let key = normalize(&format!("{short}.ลำพูน"));
            assert_eq!(key, format!("{full}ลำพูน"), "{short}.");
        }
    }

    #[test]
    fn abbreviations_of_two_letters_or_more_are_written_out_between_spaces() {
        assert_eq!(normalize("สำนักปลัด อบต นาทราย"), "สำนักปลัดองค์การบริหารส่วนตำบลนาทราย");
        assert_eq!(normalize("ทต ศรีวิชัย"), "เทศบาลตำบลศรีวิชัย");
        // A one-letter abbreviation needs its dot.
        assert_eq!(normalize("อ เมือง"), "อเมือง");
    }

    #[test]
    fn abbreviations_in_seed_spellings_are_written_out() {
        assert_eq!(
            normalize("สนง.สวัสดิการและคุ้มครองแรงงาน จังหวัดลำพูน"),
            normalize("สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดลำพูน")
        );
        assert_eq!(normalize("กองการศึกษา ทต.ท่าทุ่งหลวง"), "กองการศึกษาเทศบาลตำบลท่าทุ่งหลวง");
        assert_eq!(normalize("รร.เทศบาล ๑ บ้านกลาง"), "โรงเรียนเทศบาล1บ้านกลาง");
        assert_eq!(normalize("สนง.ปภ.จ.ลำพูน"), "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดลำพูน");
        assert_eq!(normalize("รพ.สต.บ้านโฮ่ง"), "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านโฮ่ง");
        assert_eq!(normalize("สภ.อ.เมืองลำพูน"), "สถานีตำรวจภูธรอำเภอเมืองลำพูน");
    }

    #[test]
    fn the_longest_abbreviation_ending_at_a_dot_wins() {
        assert_eq!(normalize("สสจ.ลำพูน"), "สำนักงานสาธารณสุขจังหวัดลำพูน");
        assert_eq!(normalize("กองคลังทต.วังดิน"), "กองคลังเทศบาลตำบลวังดิน");
    }

    #[test]
    fn a_one_letter_abbreviation_glued_to_a_word_is_left_alone() {
        // "อำเภอ." with a stray dot must not become อำเภอ + อำเภอ.
        assert_eq!(normalize("สำนักงานพัฒนาชุมชนอำเภอ."), "สำนักงานพัฒนาชุมชนอำเภอ");
        assert_eq!(normalize("ประจำจ.ลำพูน"), "ประจำจลำพูน");
    }

    #[test]
    fn acronyms_that_are_names_keep_their_letters_without_dots() {
        assert_eq!(normalize("สำนักงาน ป.ป.ช. ประจำจังหวัด"), "สำนักงานปปชประจำจังหวัด");
        assert_eq!(normalize("สำนักงาน ปปช ประจำจังหวัด"), "สำนักงานปปชประจำจังหวัด");
        assert_eq!(normalize("สำนักงาน กศน. จังหวัดลำพูน"), "สำนักงานกศนจังหวัดลำพูน");
    }

    #[test]
    fn thai_digits_become_arabic_digits() {
        assert_eq!(normalize("สพป.ลำพูน เขต ๑"), normalize("สพป.ลำพูน เขต 1"));
        assert_eq!(normalize("โรงเรียนราชประชานุเคราะห์ ๒๖"), "โรงเรียนราชประชานุเคราะห์26");
    }

    #[test]
    fn zero_width_characters_are_removed() {
        let hidden = "สำนักงาน\u{200B}สถิติ\u{200C}จังหวัด\u{200D}ลำพูน\u{FEFF}\u{2060}\u{00AD}";
        assert_eq!(normalize(hidden), "สำนักงานสถิติจังหวัดลำพูน");
    }

    #[test]
    fn spaces_of_every_kind_are_removed() {
        let spaced = " สำนักงาน  เกษตรและ\tสหกรณ์\u{00A0}จังหวัด\nลำพูน ";
        assert_eq!(normalize(spaced), "สำนักงานเกษตรและสหกรณ์จังหวัดลำพูน");
    }

    #[test]
    fn punctuation_is_removed_but_paiyannoi_and_mai_yamok_stay() {
        assert_eq!(
            normalize("(สำนักงาน ป.ป.ช. - \"ส่วนกลาง\"), 'ลำพูน'"),
            "สำนักงานปปชส่วนกลางลำพูน"
        );
        assert_eq!(normalize("ทุกสำนัก/กอง"), "ทุกสำนักกอง");
        assert_eq!(normalize("กองการศึกษาฯ"), "กองการศึกษาฯ");
        assert_eq!(normalize("ต่าง ๆ"), "ต่างๆ");
    }

    #[test]
    fn latin_letters_are_lowercased() {
        assert_eq!(normalize("STRONG Club"), "strongclub");
    }

    #[test]
    fn the_province_is_dropped_only_when_given() {
        assert_eq!(
            normalize_in("สำนักงานจังหวัดลำพูน", Some("ลำพูน")),
            normalize("สำนักงานจังหวัด")
        );
        assert_eq!(normalize_in("สำนักงานจังหวัดลำพูน", Some("จังหวัดลำพูน")), "สำนักงานจังหวัด");
        assert_eq!(normalize_in("สำนักงานจังหวัด จ.ลำพูน", Some("ลำพูน")), "สำนักงานจังหวัดจังหวัด");
        assert_eq!(normalize("สำนักงานจังหวัดลำพูน"), "สำนักงานจังหวัดลำพูน");
    }

    #[test]
    fn the_province_is_not_cut_out_of_a_longer_syllable() {
        // "ตาก" must not be cut out of "ตากา…" nor "เตาก…".
        assert_eq!(normalize_in("บ้านตากา", Some("ตาก")), "บ้านตากา");
        assert_eq!(normalize_in("เตาก", Some("ตาก")), "เตาก");
        assert_eq!(normalize_in("ที่ว่าการอำเภอเมืองตาก", Some("ตาก")), "ที่ว่าการอำเภอเมือง");
    }

    #[test]
    fn thai_marks_are_put_in_one_order() {
        // ํ + า is ำ; เ + เ is แ; a tone typed before its vowel mark goes after it.
        assert_eq!(normalize("นํ้าดิบ"), normalize("น้ำดิบ"));
        assert_eq!(normalize("น้ําดิบ"), normalize("น้ำดิบ"));
        assert_eq!(normalize("เเม่ตื่น"), normalize("แม่ตื่น"));
        assert_eq!(normalize("ท่ีทำการ"), normalize("ที่ทำการ"));
        assert_eq!(normalize("ตุ้้ม"), normalize("ตุ้ม"));
    }

    #[test]
    fn municipality_written_twice_is_written_once() {
        assert_eq!(normalize("สำนักปลัดเทศบาล ทต.ศรีวิชัย"), normalize("สำนักปลัด ทต.ศรีวิชัย"));
        assert_eq!(normalize("สำนักปลัดเทศบาลเทศบาลตำบลวังดิน"), "สำนักปลัดเทศบาลตำบลวังดิน");
    }

    #[test]
    fn every_division_of_an_agency_names_the_agency() {
        assert_eq!(normalize("ทุกสำนัก/กอง ของ เทศบาลตำบลวังดิน"), "เทศบาลตำบลวังดิน");
        assert_eq!(normalize("ทุกกองงาน เทศบาลตำบลทาขุมเงิน"), "เทศบาลตำบลทาขุมเงิน");
        assert_eq!(normalize("ทุกสำนัก/กอง"), "ทุกสำนักกอง");
        assert_eq!(normalize("ทุ่งหัวช้าง"), "ทุ่งหัวช้าง");
    }

    #[test]
    fn a_name_that_is_only_punctuation_has_an_empty_key() {
        assert_eq!(normalize(" - ( ) . "), "");
        assert_eq!(normalize_in("ลำพูน", Some("ลำพูน")), "");
    }

    #[test]
    fn ocr_look_alikes_and_tone_marks_cost_less_than_other_letters() {
        let base = "เทศบาลตำบลทาขุมเงิน";
        let look_alike = similarity(base, "เทศบาลตำบลทาชุมเงิน");
        let tone = similarity(base, "เทศบาลตำบลท่าขุมเงิน");
        let other = similarity(base, "เทศบาลตำบลทางุมเงิน");
        assert!(look_alike > other && tone > other, "{look_alike} {tone} {other}");
    }

    #[test]
    fn a_digit_edit_costs_more_than_a_letter_edit() {
        let digit = similarity("สพป.ลำพูน เขต 1", "สพป.ลำพูน เขต 2");
        let letter = similarity("สพป.ลำพูน เขต 1", "สพป.ลำพูน เขน 1");
        assert!(digit < letter, "{digit} {letter}");
    }

    #[test]
    fn paiyannoi_absorbs_the_words_it_leaves_out() {
        let full = "กองการศึกษา ศาสนา และวัฒนธรรม อบต.ท่าตุ้ม";
        let short = similarity("กองการศึกษาฯ อบต.ท่าต้อม", full);
        let other = similarity("กองการศึกษาฯ อบต.ท่าต้อม", "กองการศึกษา อบต.เวียงกานต์");
        assert!(short > other, "{short} {other}");
    }

    #[test]
    fn similarity_is_one_for_equal_keys_and_zero_for_nothing_in_common() {
        assert_eq!(similarity("สำนักงาน ป.ป.ช.", "สำนักงานปปช"), 1.0);
        assert_eq!(similarity("กขค", "123"), 0.0);
        assert_eq!(similarity("", ""), 1.0);
    }

    #[test]
    fn an_exact_alias_is_the_same_unit() {
        let aliases = names(&["สำนักงานสาธารณสุขจังหวัดลำพูน", "สสจ.ลำพูน"]);
        let candidates = [Candidate { id: 7, names: &aliases }];
        assert_eq!(
            classify("สำนักงานสาธารณสุข จ.ลำพูน", Some("ลำพูน"), &candidates),
            Verdict::Same(7)
        );
        assert_eq!(classify("สสจ.", Some("ลำพูน"), &candidates), Verdict::Same(7));
    }

    #[test]
    fn a_near_name_is_only_suggested_best_first() {
        let health = names(&["สำนักงานสาธารณสุขจังหวัดลำพูน"]);
        let buddhism = names(&["สำนักงานพระพุทธศาสนาจังหวัดลำพูน"]);
        let candidates = [
            Candidate {
                id: 1,
                names: &buddhism,
            },
            Candidate { id: 2, names: &health },
        ];
        match classify("สำนักงานสาธารณสุซจังหวัดลำพูน", Some("ลำพูน"), &candidates)
        {
            Verdict::Likely(found) => {
                assert_eq!(found[0].id, 2);
                assert_eq!(found[0].matched_name, "สำนักงานสาธารณสุขจังหวัดลำพูน");
                assert!(found.windows(2).all(|pair| pair[0].score >= pair[1].score));
            }
            other => panic!("expected a suggestion, got {other:?}"),
        }
    }

    #[test]
    fn a_key_shared_by_two_units_is_never_mapped_automatically() {
        let first = names(&["กองคลัง"]);
        let second = names(&["กองคลัง", "กองคลัง เทศบาลตำบลวังดิน"]);
        let candidates = [
            Candidate { id: 'a', names: &first },
            Candidate {
                id: 'b',
                names: &second,
            },
        ];
        match classify("กองคลัง", None, &candidates) {
            Verdict::Likely(found) => {
                assert_eq!(
                    found.iter().map(|m| (m.id, m.score)).collect::<Vec<_>>(),
                    [('a', 1.0), ('b', 1.0)]
                );
            }
            other => panic!("expected both units suggested, got {other:?}"),
        }
    }

    #[test]
    fn a_name_close_to_nothing_is_new() {
        let school = names(&["โรงเรียนเทศบาลจามเทวี"]);
        let candidates = [Candidate { id: 1, names: &school }];
        assert_eq!(
            classify("สำนักงานขนส่งจังหวัดลำพูน", Some("ลำพูน"), &candidates),
            Verdict::New
        );
        assert_eq!(classify("", Some("ลำพูน"), &candidates), Verdict::New);
        assert_eq!(classify::<u8>("โรงเรียนเทศบาลจามเทวี", None, &[]), Verdict::New);
    }

    #[test]
    fn best_matches_keeps_one_entry_per_unit_and_the_limit() {
        let one = names(&["เทศบาลตำบลวังดิน", "ทต.วังดิน"]);
        let two = names(&["เทศบาลตำบลริมปิง"]);
        let three = names(&["เทศบาลตำบลป่าซาง"]);
        let candidates = [
            Candidate { id: 1, names: &one },
            Candidate { id: 2, names: &two },
            Candidate { id: 3, names: &three },
        ];
        let found = best_matches("เทศบาลตำบลวังดิน", None, &candidates, 2);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].id, found[0].score), (1, 1.0));
        assert_eq!(found[0].matched_name, "เทศบาลตำบลวังดิน");
        assert!(best_matches("เทศบาลตำบลวังดิน", None, &candidates, 0).is_empty());
    }
}
