//! Agency name matching against the Lamphun seed, and property tests of the key and the score.
//!
//! The fixture lists every agency spelling found in the Lamphun 6-month report, grouped by the
//! agency a careful reader judges it to be. The rule under test is the product's: an import maps
//! a spelling automatically only to its own agency, suggests its own agency first when unsure,
//! and never creates a duplicate of a known agency without asking.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use sujarit_thai::agency::{
    classify, normalize, normalize_in, similarity, AgencyIndex, Candidate, Verdict, LIKELY_THRESHOLD,
};

const PROVINCE: &str = "ลำพูน";
const FIXTURE: &str = include_str!("../fixtures/lamphun_agencies.txt");

/// One agency of the fixture.
struct Group {
    /// Canonical name, then official short forms: what a registry holds from day one.
    names: Vec<String>,
    /// Spellings as the seed writes them.
    spellings: Vec<String>,
    /// Spellings that name the agency only through their context.
    by_context: Vec<String>,
}

fn groups() -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for line in FIXTURE
        .lines()
        .map(str::trim_end)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
    {
        if let Some(names) = line.strip_prefix("= ") {
            let names = names.split('|').map(|name| name.trim().to_string()).collect();
            groups.push(Group {
                names,
                spellings: Vec::new(),
                by_context: Vec::new(),
            });
            continue;
        }
        let group = groups
            .last_mut()
            .expect("the fixture starts a group before its spellings");
        match line.strip_prefix("? ") {
            Some(spelling) => group.by_context.push(spelling.to_string()),
            None => group.spellings.push(line.to_string()),
        }
    }
    groups
}

fn candidates(groups: &[Group]) -> Vec<Candidate<'_, usize>> {
    groups
        .iter()
        .enumerate()
        .map(|(id, group)| Candidate {
            id,
            names: &group.names,
        })
        .collect()
}

#[test]
fn the_fixture_holds_the_seeds_agencies() {
    let groups = groups();
    let spellings: usize = groups.iter().map(|group| group.spellings.len()).sum();
    assert!(groups.len() >= 55, "{} agencies", groups.len());
    assert!(spellings >= 108, "{spellings} spellings");
}

#[test]
fn every_seed_spelling_maps_to_its_agency_as_same_or_as_likely_first() {
    let groups = groups();
    let index = AgencyIndex::new(Some(PROVINCE), &candidates(&groups));
    let (mut same, mut likely_first, mut total) = (0, 0, 0);
    let (mut wrong_same, mut misses) = (Vec::new(), Vec::new());
    let mut lowest_right: Option<(f64, String)> = None;
    for (id, group) in groups.iter().enumerate() {
        for spelling in &group.spellings {
            total += 1;
            match index.classify(spelling) {
                Verdict::Same(found) if found == id => same += 1,
                Verdict::Same(found) => wrong_same.push(format!("{spelling} -> {}", groups[found].names[0])),
                Verdict::Likely(found) if found[0].id == id => {
                    likely_first += 1;
                    if lowest_right.as_ref().is_none_or(|(score, _)| found[0].score < *score) {
                        lowest_right = Some((found[0].score, spelling.clone()));
                    }
                }
                Verdict::Likely(found) => {
                    let rank = found
                        .iter()
                        .position(|m| m.id == id)
                        .map_or("not suggested".into(), |at| format!("suggested at rank {}", at + 1));
                    misses.push(format!(
                        "{spelling}: first {} ({:.3}), {} ({rank})",
                        found[0].matched_name, found[0].score, group.names[0]
                    ));
                }
                Verdict::New => misses.push(format!("{spelling}: New, expected {}", group.names[0])),
            }
        }
    }
    let correct = same + likely_first;
    println!(
        "seed spellings: {total}; Same {same}; Likely with the right agency first {likely_first}; \
         wrong {} ({:.1}% correct first, {} wrong Same)",
        wrong_same.len() + misses.len(),
        100.0 * correct as f64 / total as f64,
        wrong_same.len()
    );
    if let Some((score, spelling)) = &lowest_right {
        println!("  lowest score of a right first suggestion: {score:.3} ({spelling})");
    }
    for miss in &misses {
        println!("  miss: {miss}");
    }
    assert!(
        wrong_same.is_empty(),
        "mapped automatically to another agency: {wrong_same:#?}"
    );
    assert!(
        correct * 100 >= total * 95,
        "only {correct} of {total} correct first: {misses:#?}"
    );
}

#[test]
fn no_spelling_of_one_agency_is_ever_the_same_as_another_agency() {
    let groups = groups();
    let all = candidates(&groups);
    let (mut likely, mut new) = (0, 0);
    let mut highest: Option<(f64, String, String)> = None;
    for (id, group) in groups.iter().enumerate() {
        let others: Vec<_> = all.iter().filter(|candidate| candidate.id != id).cloned().collect();
        let index = AgencyIndex::new(Some(PROVINCE), &others);
        for name in group.names.iter().chain(&group.spellings).chain(&group.by_context) {
            match index.classify(name) {
                Verdict::Same(found) => panic!("{name} mapped to {}", groups[found].names[0]),
                Verdict::Likely(found) => {
                    likely += 1;
                    if highest.as_ref().is_none_or(|(score, ..)| found[0].score > *score) {
                        highest = Some((found[0].score, name.clone(), found[0].matched_name.clone()));
                    }
                }
                Verdict::New => new += 1,
            }
        }
    }
    // With its own agency unknown, a name is "new"; a suggestion then is a question a person
    // answers with "no", which is the price of never missing a variant.
    println!("names of an agency unknown to the index: {likely} suggested (Likely), {new} New");
    if let Some((score, name, other)) = highest {
        println!("  highest score against another agency: {score:.3} ({name} ~ {other})");
    }
}

#[test]
fn spellings_that_need_context_are_never_mapped_automatically() {
    let groups = groups();
    let index = AgencyIndex::new(Some(PROVINCE), &candidates(&groups));
    for spelling in groups.iter().flat_map(|group| &group.by_context) {
        assert!(!matches!(index.classify(spelling), Verdict::Same(_)), "{spelling}");
    }
}

#[test]
fn importing_every_spelling_one_by_one_never_creates_a_duplicate_silently() {
    let groups = groups();
    // Round robin over the agencies: first spellings of all, then second spellings, and so on.
    let depth = groups.iter().map(|group| group.spellings.len()).max().unwrap_or(0);
    let arrivals: Vec<(usize, &String)> = (0..depth)
        .flat_map(|at| {
            groups
                .iter()
                .enumerate()
                .filter_map(move |(id, group)| group.spellings.get(at).map(|s| (id, s)))
        })
        .collect();
    // The registry: per unit, the fixture agency it really is and the names it has learned.
    let mut registry: Vec<(usize, Vec<String>)> = Vec::new();
    let (mut same, mut confirmed, mut created, mut asked_then_created) = (0, 0, 0, 0);
    let (mut wrong_merges, mut silent_duplicates, mut unsuggested) = (Vec::new(), Vec::new(), Vec::new());
    for (agency, spelling) in arrivals {
        let units: Vec<Candidate<'_, usize>> = registry
            .iter()
            .enumerate()
            .map(|(id, (_, names))| Candidate { id, names })
            .collect();
        let known = registry.iter().any(|(real, _)| *real == agency);
        match classify(spelling, Some(PROVINCE), &units) {
            Verdict::Same(unit) if registry[unit].0 == agency => same += 1,
            Verdict::Same(unit) => wrong_merges.push(format!("{spelling} -> {}", registry[unit].1[0])),
            Verdict::Likely(found) => match found.iter().find(|m| registry[m.id].0 == agency) {
                // The person confirms the right suggestion: the spelling becomes an alias.
                Some(right) => {
                    confirmed += 1;
                    registry[right.id].1.push(spelling.clone());
                }
                None => {
                    if known {
                        unsuggested.push(spelling.clone());
                    } else {
                        asked_then_created += 1;
                    }
                    registry.push((agency, vec![spelling.clone()]));
                }
            },
            Verdict::New => {
                if known {
                    silent_duplicates.push(spelling.clone());
                } else {
                    created += 1;
                }
                registry.push((agency, vec![spelling.clone()]));
            }
        }
    }
    println!(
        "import one by one: {same} Same, {confirmed} confirmed suggestions, {created} created without a question, \
         {asked_then_created} created after declining suggestions, {} duplicates created silently, \
         {} duplicates because the right unit was not suggested",
        silent_duplicates.len(),
        unsuggested.len()
    );
    assert!(wrong_merges.is_empty(), "merged into another agency: {wrong_merges:#?}");
    assert!(
        silent_duplicates.is_empty(),
        "duplicates created without a question: {silent_duplicates:#?}"
    );
    assert!(
        unsuggested.is_empty(),
        "known agency not among the suggestions: {unsuggested:#?}"
    );
}

#[test]
fn different_agencies_of_one_kind_are_never_the_same_and_each_finds_itself_first() {
    let pairs = [
        ("สำนักงานสาธารณสุขจังหวัดลำพูน", "สำนักงานพระพุทธศาสนาจังหวัดลำพูน"),
        ("ที่ว่าการอำเภอเมืองลำพูน", "ที่ว่าการอำเภอบ้านโฮ่ง"),
        ("อำเภอเมืองลำพูน", "อำเภอบ้านโฮ่ง"),
        ("กศน.อำเภอเมืองลำพูน", "กศน.อำเภอบ้านธิ"),
        ("เทศบาลตำบลทาสบชัย", "เทศบาลตำบลทาสบเส้า"),
        ("เทศบาลตำบลวังดิน", "เทศบาลเมืองลำพูน"),
        ("เทศบาลตำบลริมปิง", "เทศบาลตำบลป่าซาง"),
        ("เทศบาลตำบลทาปลาดุก", "สำนักปลัด ทต.ทาปลาดุก"),
        ("สำนักปลัด อบต.น้ำดิบ", "อบต.น้ำดิบ"),
        ("สพป.ลำพูน เขต ๑", "สพป.ลำพูน เขต ๒"),
        ("สำนักงาน ป.ป.ช.", "สำนักงาน ป.ป.ท."),
        ("สำนักงานเกษตรจังหวัดลำพูน", "สำนักงานเกษตรและสหกรณ์จังหวัดลำพูน"),
        ("สำนักงานพัฒนาชุมชนจังหวัดลำพูน", "สำนักงานพัฒนาชุมชนอำเภอ"),
    ];
    for (a, b) in pairs {
        let (a_names, b_names) = (vec![a.to_string()], vec![b.to_string()]);
        for (name, own, other) in [(a, &a_names, &b_names), (b, &b_names, &a_names)] {
            let only_other = [Candidate { id: 2, names: other }];
            assert!(
                !matches!(classify(name, Some(PROVINCE), &only_other), Verdict::Same(_)),
                "{name} vs {other:?}"
            );
            let both = [Candidate { id: 2, names: other }, Candidate { id: 1, names: own }];
            assert_eq!(classify(name, Some(PROVINCE), &both), Verdict::Same(1), "{name}");
        }
    }
}

#[test]
fn one_name_against_five_hundred_units_takes_well_under_a_millisecond() {
    let divisions = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา", "กองสาธารณสุขและสิ่งแวดล้อม"];
    let kinds = [("เทศบาลตำบล", "ทต."), ("องค์การบริหารส่วนตำบล", "อบต.")];
    let places = [
        "วังดิน",
        "ทาขุมเงิน",
        "ทาปลาดุก",
        "ทาสบเส้า",
        "ทากาศ",
        "ทาทุ่งหลวง",
        "ทาแม่ลอบ",
        "ท่าตุ้ม",
        "น้ำดิบ",
        "เวียงกานต์",
        "นาทราย",
        "ทุ่งหัวช้าง",
        "ศรีวิชัย",
        "เวียงยอง",
        "แม่ตื่น",
        "ริมปิง",
        "ป่าซาง",
        "เหมืองง่า",
        "บ้านธิ",
        "ห้วยยาบ",
        "มะเขือแจ้",
        "ศรีบัวบาน",
        "บ้านแป้น",
        "ต้นธง",
        "ประตูป่า",
        "หนองช้างคืน",
        "อุโมงค์",
        "หนองหนาม",
        "บ้านกลาง",
        "เหมืองจี้",
        "ป่าสัก",
        "บ้านโฮ่ง",
        "ป่าพลู",
        "เหล่ายาว",
        "ศรีเตี้ย",
        "หนองปลาสะวาย",
        "ลี้",
        "ดงดำ",
        "ก้อ",
        "แม่ลาน",
        "บ้านเรือน",
        "มะกอก",
        "แม่แรง",
        "หนองล่อง",
        "วังผาง",
        "หนองยวง",
        "นครเจดีย์",
        "บ้านปวง",
        "ทุ่งยาว",
        "ศรีวิชัยใหม่",
    ];
    let mut names = Vec::new();
    for division in divisions {
        for (kind, short) in kinds {
            for place in places {
                names.push(vec![
                    format!("{division} {kind}{place}"),
                    format!("{division} {short}{place}"),
                ]);
            }
        }
    }
    let units: Vec<Candidate<'_, usize>> = names
        .iter()
        .enumerate()
        .map(|(id, names)| Candidate { id, names })
        .collect();
    assert_eq!(units.len(), 500);
    let index = AgencyIndex::new(Some(PROVINCE), &units);
    let query = "สำนักปลัด อบต.ทาชูมเงิน";
    let mut fastest = Duration::MAX;
    for _ in 0..20 {
        let started = Instant::now();
        let verdict = index.classify(query);
        fastest = fastest.min(started.elapsed());
        assert!(matches!(verdict, Verdict::Likely(_)), "{verdict:?}");
    }
    let started = Instant::now();
    let _ = classify(query, Some(PROVINCE), &units);
    let unindexed = started.elapsed();
    println!("one name against 500 units: {fastest:?} with an index, {unindexed:?} building the index first");
    if !cfg!(debug_assertions) {
        assert!(fastest < Duration::from_micros(500), "{fastest:?}");
    }
}

/// Text that looks like agency names: Thai letters and marks, abbreviations, digits, spaces,
/// punctuation, invisible characters, the province, and the phrases the key rules rewrite.
fn agency_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "ก",
        "ข",
        "ช",
        "ท",
        "ต",
        "จ",
        "อ",
        "ส",
        "น",
        "ม",
        "ร",
        "ล",
        "เ",
        "แ",
        "โ",
        "า",
        "ะ",
        "ำ",
        "ํ",
        "ั",
        "ิ",
        "ี",
        "ุ",
        "ู",
        "่",
        "้",
        "๊",
        "๋",
        "็",
        "์",
        "ฯ",
        "ๆ",
        "๑",
        "๒",
        "1",
        "2",
        " ",
        "  ",
        ".",
        ",",
        "(",
        ")",
        "-",
        "/",
        "\"",
        "'",
        "\u{200B}",
        "\u{FEFF}",
        "\u{00A0}",
        "\t",
        "อบต.",
        "ทต.",
        "ทต",
        "อบต",
        "จ.",
        "อ.",
        "ต.",
        "สนง.",
        "รพ.สต.",
        "สสจ.",
        "ป.ป.ช.",
        "ลำพูน",
        "จังหวัดลำพูน",
        "เทศบาล",
        "ทุก",
        "สำนัก",
        "กอง",
        "งาน",
        "ของ",
        "วังดิน",
        "A",
        "z",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn normalize_is_idempotent(name in agency_like()) {
        let key = normalize(&name);
        prop_assert_eq!(normalize(&key), key);
    }

    #[test]
    fn normalize_in_a_province_is_idempotent(name in agency_like()) {
        let key = normalize_in(&name, Some(PROVINCE));
        prop_assert_eq!(normalize_in(&key, Some(PROVINCE)), key);
    }

    #[test]
    fn normalize_is_idempotent_on_any_text(name in "\\PC*") {
        let key = normalize(&name);
        prop_assert_eq!(normalize(&key), key);
    }

    #[test]
    fn similarity_is_symmetric_and_between_zero_and_one(a in agency_like(), b in agency_like()) {
        let (ab, ba) = (similarity(&a, &b), similarity(&b, &a));
        prop_assert_eq!(ab, ba);
        prop_assert!((0.0..=1.0).contains(&ab), "{}", ab);
    }

    #[test]
    fn similarity_is_one_on_equal_keys(name in agency_like()) {
        prop_assert_eq!(similarity(&name, &name), 1.0);
        prop_assert_eq!(similarity(&name, &normalize(&name)), 1.0);
    }

    #[test]
    fn an_exact_alias_always_maps_automatically(name in agency_like()) {
        let names = vec![name.clone()];
        let verdict = classify(&name, Some(PROVINCE), &[Candidate { id: 1, names: &names }]);
        if normalize_in(&name, Some(PROVINCE)).is_empty() {
            prop_assert_eq!(verdict, Verdict::New);
        } else {
            prop_assert_eq!(verdict, Verdict::Same(1));
        }
    }

    #[test]
    fn the_index_ranks_exactly_as_comparing_every_name(
        name in agency_like(),
        units in prop::collection::vec(prop::collection::vec(agency_like(), 1..4), 0..12),
        limit in 1usize..6,
    ) {
        let candidates: Vec<Candidate<'_, usize>> =
            units.iter().enumerate().map(|(id, names)| Candidate { id, names }).collect();
        let found = AgencyIndex::new(None, &candidates).best_matches(&name, limit);
        // Every unit scored by its best name (the first of equal ones), best first, ties by unit order.
        let mut expected: Vec<(usize, f64, String)> = Vec::new();
        if !normalize(&name).is_empty() {
            for (id, names) in units.iter().enumerate() {
                let mut best: Option<(f64, &String)> = None;
                for other in names.iter().filter(|other| !normalize(other).is_empty()) {
                    let score = similarity(&name, other);
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, other));
                    }
                }
                if let Some((score, other)) = best {
                    expected.push((id, score, other.clone()));
                }
            }
        }
        expected.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        expected.truncate(limit);
        let found: Vec<(usize, f64, String)> = found.into_iter().map(|m| (m.id, m.score, m.matched_name)).collect();
        prop_assert_eq!(found, expected);
    }

    #[test]
    fn suggestions_are_best_first_and_above_the_threshold(name in agency_like(), others in prop::collection::vec(agency_like(), 1..8)) {
        let lists: Vec<Vec<String>> = others.into_iter().map(|other| vec![other]).collect();
        let units: Vec<Candidate<'_, usize>> = lists.iter().enumerate().map(|(id, names)| Candidate { id, names }).collect();
        if let Verdict::Likely(found) = classify(&name, Some(PROVINCE), &units) {
            prop_assert!(!found.is_empty());
            prop_assert!(found.iter().all(|m| m.score >= LIKELY_THRESHOLD));
            prop_assert!(found.windows(2).all(|pair| pair[0].score >= pair[1].score));
        }
    }
}
