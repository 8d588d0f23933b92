//! The plan CSV: the items of an action plan, one per row, nested by `parent`.
//!
//! Header (any order): `code,parent,dimension,sub_dimension,kind,name,indicator,target,budget,
//! q1,q2,q3,q4,org_unit`, plus `budget_<BE year>` columns for the per-year budgets of a
//! multi-year plan. Items nest (project → sub-activities with their own amounts) and the
//! documents often write a parent's total in the same cell as its first child, so money rolls
//! up from the leaves only: a parent's own cell is kept as what the document *stated*, shown
//! beside the computed sum so that a difference can be flagged, never added in.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};
use sujarit_thai::{Budget, Satang};

use crate::error::{CsvError, CsvErrorKind, CsvErrors};
use crate::sums::{add, check_not_negative, sum, ColumnSum};
use crate::table::{self, RowReader, YEAR_PREFIX};

/// The columns every plan CSV has, in the order the writer puts them.
pub const PLAN_COLUMNS: [&str; 14] = [
    "code",
    "parent",
    "dimension",
    "sub_dimension",
    "kind",
    "name",
    "indicator",
    "target",
    "budget",
    "q1",
    "q2",
    "q3",
    "q4",
    "org_unit",
];

/// What a plan item is: a project (โครงการ), an activity (กิจกรรม) or a measure (มาตรการ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// โครงการ.
    Project,
    /// กิจกรรม.
    Activity,
    /// มาตรการ.
    Measure,
}

impl ItemKind {
    /// Every kind.
    pub const ALL: [ItemKind; 3] = [Self::Project, Self::Activity, Self::Measure];

    /// The CSV and JSON name: "project", "activity", "measure".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Project => "project",
            Self::Activity => "activity",
            Self::Measure => "measure",
        }
    }

    /// The Thai label: "โครงการ", "กิจกรรม", "มาตรการ".
    pub fn label_th(self) -> &'static str {
        match self {
            Self::Project => "โครงการ",
            Self::Activity => "กิจกรรม",
            Self::Measure => "มาตรการ",
        }
    }

    /// The English label: "project", "activity", "measure".
    pub fn label_en(self) -> &'static str {
        self.as_str()
    }

    /// Reads the English name (any case) or the Thai label, surrounding spaces ignored.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text) || kind.label_th() == text)
    }
}

/// The CSV name.
impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of a plan CSV: one plan item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    /// The line in the file where the row starts.
    pub line: u64,
    /// The item's code, unique in the file (Thai digits folded to Arabic).
    pub code: String,
    /// The code of the enclosing item, for a sub-activity.
    pub parent: Option<String>,
    /// The dimension (มิติ) or goal the item serves.
    pub dimension: String,
    /// The sub-dimension or indicator heading the item is listed under.
    pub sub_dimension: Option<String>,
    /// Project, activity or measure.
    pub kind: ItemKind,
    /// The item's name.
    pub name: String,
    /// Its indicator (ตัวชี้วัด).
    pub indicator: Option<String>,
    /// The indicator's target (ค่าเป้าหมาย).
    pub target: Option<String>,
    /// Its budget, as the `budget` cell states it (for a parent: what the document stated).
    pub budget: Budget,
    /// The quarters of the fiscal year in which it is planned, Q1 (Oct–Dec) first.
    pub quarters: [bool; 4],
    /// The responsible agency, as written.
    pub org_unit: Option<String>,
    /// Per-year budgets of a multi-year plan as `(BE year, budget)`, by year.
    pub yearly_budgets: Vec<(i32, Budget)>,
}

/// A checked plan: codes unique, parents present and acyclic, sub-items in their parent's
/// dimension, and every column's amounts adding up without overflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSheet {
    rows: Vec<PlanRow>,
    /// The index of each row's parent.
    parents: Vec<Option<usize>>,
}

/// Item counts and money of a plan or part of it, counting each leaf once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlanTotals {
    /// Items that are no sub-item of another: what documents count as "projects".
    pub items: usize,
    /// Items without sub-items: they carry the money.
    pub leaves: usize,
    /// The sum of the leaves' amounts.
    pub budget: Satang,
    /// Leaves that need no budget.
    pub not_needed: usize,
    /// Leaves whose budget is not stated.
    pub not_stated: usize,
}

/// The totals of one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionTotals {
    /// The dimension, as written.
    pub dimension: String,
    /// Its totals.
    pub totals: PlanTotals,
}

/// A parent item's stated budget beside the sum of the leaves below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentTotal {
    /// The parent's code.
    pub code: String,
    /// The parent's line.
    pub line: u64,
    /// What the parent's own budget cell says.
    pub stated: Budget,
    /// The sum of the leaves below it.
    pub computed: Satang,
}

impl ParentTotal {
    /// Whether the stated budget disagrees with the computed one (nothing stated never does).
    pub fn differs(&self) -> bool {
        match self.stated {
            Budget::Amount(stated) => stated != self.computed,
            Budget::NotNeeded => self.computed != Satang::ZERO,
            Budget::NotStated => false,
        }
    }
}

/// The plan's money counted once per leaf, with every parent's stated total beside its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeafTotal {
    /// The sum of all leaves' amounts.
    pub computed: Satang,
    /// Every item with sub-items, in file order.
    pub parents: Vec<ParentTotal>,
}

impl LeafTotal {
    /// The parents whose stated budget disagrees with their leaves.
    pub fn differences(&self) -> impl Iterator<Item = &ParentTotal> {
        self.parents.iter().filter(|parent| parent.differs())
    }
}

/// Reads a plan CSV; any bad row makes the whole file an error listing every problem.
pub fn parse_plan_csv<R: Read>(reader: R) -> Result<PlanSheet, CsvErrors> {
    let mut errors = Vec::new();
    let Some((header, records)) = table::read(reader, PLAN_COLUMNS, true, &mut errors) else {
        return Err(CsvErrors::sorted(errors));
    };
    let [code, parent, dimension, sub_dimension, kind, name, indicator, target, budget, q1, q2, q3, q4, org_unit] =
        header.required;
    let mut rows = Vec::with_capacity(records.len());
    for record in &records {
        let mut cells = RowReader::new(record, &header, &mut errors);
        let row = PlanRow {
            line: cells.line(),
            code: cells.required_code(code),
            parent: cells.optional_code(parent),
            dimension: cells.required(dimension),
            sub_dimension: cells.optional(sub_dimension),
            kind: cells
                .parsed(kind, ItemKind::parse, |text| CsvErrorKind::BadKind { text })
                .unwrap_or(ItemKind::Activity),
            name: cells.required(name),
            indicator: cells.optional(indicator),
            target: cells.optional(target),
            budget: cells.money(budget),
            quarters: cells.quarters([q1, q2, q3, q4]),
            org_unit: cells.optional(org_unit),
            yearly_budgets: header
                .years
                .iter()
                .map(|(year, index, _)| (*year, cells.money(*index)))
                .collect(),
        };
        rows.push(row);
    }
    // Rows with bad cells stay in for the whole-file checks, so that their children do not
    // report a missing parent; any error at all rejects the file below.
    let parents = check_structure(&rows, &mut errors);
    if errors.is_empty() {
        Ok(PlanSheet { rows, parents })
    } else {
        Err(CsvErrors::sorted(errors))
    }
}

/// Writes a plan CSV that [`parse_plan_csv`] reads back to the same sheet (for clean text:
/// no HTML, no runs of whitespace, nothing at the ends; line numbers as written).
pub fn write_plan_csv<W: Write>(writer: W, sheet: &PlanSheet) -> io::Result<()> {
    let years = sheet.years();
    let mut header: Vec<String> = PLAN_COLUMNS.iter().map(|column| (*column).to_owned()).collect();
    header.extend(years.iter().map(|year| format!("{YEAR_PREFIX}{year}")));
    let rows = sheet.rows.iter().map(|row| {
        let mut cells = vec![
            table::text(&row.code),
            table::optional_text(row.parent.as_deref()),
            table::text(&row.dimension),
            table::optional_text(row.sub_dimension.as_deref()),
            row.kind.as_str().to_owned(),
            table::text(&row.name),
            table::optional_text(row.indicator.as_deref()),
            table::optional_text(row.target.as_deref()),
            row.budget.to_csv(),
        ];
        cells.extend(row.quarters.map(table::mark));
        cells.push(table::optional_text(row.org_unit.as_deref()));
        cells.extend(years.iter().map(|year| {
            row.yearly_budgets
                .iter()
                .find(|(row_year, _)| row_year == year)
                .map_or(String::new(), |(_, budget)| budget.to_csv())
        }));
        cells
    });
    table::write(writer, &header, rows)
}

impl PlanSheet {
    /// Checks rows built in code by the rules [`parse_plan_csv`] applies to a file.
    pub fn from_rows(rows: Vec<PlanRow>) -> Result<Self, CsvErrors> {
        let mut errors = Vec::new();
        check_cells(&rows, &mut errors);
        let parents = check_structure(&rows, &mut errors);
        if errors.is_empty() {
            Ok(Self { rows, parents })
        } else {
            Err(CsvErrors::sorted(errors))
        }
    }

    /// The rows, in file order.
    pub fn rows(&self) -> &[PlanRow] {
        &self.rows
    }

    /// The rows, given up.
    pub fn into_rows(self) -> Vec<PlanRow> {
        self.rows
    }

    /// The row with a code (Thai digits folded).
    pub fn get(&self, code: &str) -> Option<&PlanRow> {
        let code = sujarit_thai::to_arabic_digits(code);
        self.rows.iter().find(|row| row.code == code)
    }

    /// The direct sub-items of the item with a code, in file order.
    pub fn children<'a>(&'a self, code: &str) -> impl Iterator<Item = &'a PlanRow> + 'a {
        let code = sujarit_thai::to_arabic_digits(code);
        self.rows
            .iter()
            .filter(move |row| row.parent.as_deref() == Some(code.as_str()))
    }

    /// Which rows are leaves, by index.
    fn leaves(&self) -> Vec<bool> {
        let mut leaf = vec![true; self.rows.len()];
        for parent in self.parents.iter().flatten() {
            if let Some(slot) = leaf.get_mut(*parent) {
                *slot = false;
            }
        }
        leaf
    }

    /// The years of the `budget_<year>` columns, ascending.
    pub fn years(&self) -> Vec<i32> {
        self.rows
            .first()
            .map(|row| row.yearly_budgets.iter().map(|(year, _)| *year).collect())
            .unwrap_or_default()
    }

    /// The money counted once per leaf, with each parent's stated budget beside its leaves' sum.
    pub fn leaf_total(&self) -> LeafTotal {
        let leaf = self.leaves();
        let mut subtotal: Vec<Satang> = self
            .rows
            .iter()
            .zip(&leaf)
            .map(|(row, is_leaf)| match is_leaf {
                true => row.budget.amount().unwrap_or(Satang::ZERO),
                false => Satang::ZERO,
            })
            .collect();
        let computed = sum(leaf
            .iter()
            .zip(&subtotal)
            .filter(|(is_leaf, _)| **is_leaf)
            .map(|(_, amount)| *amount));
        // Children are deeper than their parents, so adding deepest first completes every subtotal.
        let depth = self.depths();
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by_key(|index| std::cmp::Reverse(depth.get(*index).copied().unwrap_or(0)));
        for index in order {
            if let Some(Some(parent)) = self.parents.get(index) {
                let amount = subtotal.get(index).copied().unwrap_or(Satang::ZERO);
                if let Some(slot) = subtotal.get_mut(*parent) {
                    *slot = add(*slot, amount);
                }
            }
        }
        let parents = self
            .rows
            .iter()
            .enumerate()
            .filter(|(index, _)| leaf.get(*index) == Some(&false))
            .map(|(index, row)| ParentTotal {
                code: row.code.clone(),
                line: row.line,
                stated: row.budget,
                computed: subtotal.get(index).copied().unwrap_or(Satang::ZERO),
            })
            .collect();
        LeafTotal { computed, parents }
    }

    /// How deep each row is: 0 for items without a parent.
    fn depths(&self) -> Vec<usize> {
        let mut depth: Vec<Option<usize>> = vec![None; self.rows.len()];
        for start in 0..self.rows.len() {
            let mut path = Vec::new();
            let mut current = Some(start);
            // The sheet is acyclic, so the walk ends; the bound only guards that promise.
            while let Some(index) = current.filter(|_| path.len() <= self.rows.len()) {
                if depth.get(index).copied().flatten().is_some() {
                    break;
                }
                path.push(index);
                current = self.parents.get(index).copied().flatten();
            }
            let base = current
                .and_then(|index| depth.get(index).copied().flatten())
                .map_or(0, |d| d + 1);
            for (offset, index) in path.into_iter().rev().enumerate() {
                if let Some(slot) = depth.get_mut(index) {
                    *slot = Some(base + offset);
                }
            }
        }
        depth.into_iter().map(|d| d.unwrap_or(0)).collect()
    }

    /// The totals of the whole plan.
    pub fn totals(&self) -> PlanTotals {
        self.totals_for(None, None)
    }

    /// The totals of the items in a dimension and sub-dimension; `None` means any.
    pub fn totals_for(&self, dimension: Option<&str>, sub_dimension: Option<&str>) -> PlanTotals {
        let leaf = self.leaves();
        let mut totals = PlanTotals::default();
        for ((row, parent), is_leaf) in self.rows.iter().zip(&self.parents).zip(leaf) {
            let in_dimension = dimension.is_none_or(|d| row.dimension == d);
            let in_sub_dimension = sub_dimension.is_none_or(|s| row.sub_dimension.as_deref() == Some(s));
            if !(in_dimension && in_sub_dimension) {
                continue;
            }
            if parent.is_none() {
                totals.items += 1;
            }
            if is_leaf {
                totals.leaves += 1;
                match row.budget {
                    Budget::Amount(amount) => totals.budget = add(totals.budget, amount),
                    Budget::NotNeeded => totals.not_needed += 1,
                    Budget::NotStated => totals.not_stated += 1,
                }
            }
        }
        totals
    }

    /// The totals of each dimension, in the order dimensions first appear.
    pub fn totals_by_dimension(&self) -> Vec<DimensionTotals> {
        let mut dimensions: Vec<&str> = Vec::new();
        for row in &self.rows {
            if !dimensions.contains(&row.dimension.as_str()) {
                dimensions.push(&row.dimension);
            }
        }
        dimensions
            .into_iter()
            .map(|dimension| DimensionTotals {
                dimension: dimension.to_owned(),
                totals: self.totals_for(Some(dimension), None),
            })
            .collect()
    }

    /// The leaves' per-year budgets summed by year, for a multi-year plan.
    pub fn yearly_totals(&self) -> Vec<(i32, Satang)> {
        let leaf = self.leaves();
        self.years()
            .into_iter()
            .map(|year| {
                let amounts = self
                    .rows
                    .iter()
                    .zip(&leaf)
                    .filter(|(_, is_leaf)| **is_leaf)
                    .flat_map(|(row, _)| row.yearly_budgets.iter())
                    .filter(|(row_year, _)| *row_year == year)
                    .filter_map(|(_, budget)| budget.amount());
                (year, sum(amounts))
            })
            .collect()
    }
}

/// Checks what the parser guarantees cell by cell, for rows built in code.
fn check_cells(rows: &[PlanRow], errors: &mut Vec<CsvError>) {
    let expected_years: Vec<i32> = rows
        .first()
        .map(|row| row.yearly_budgets.iter().map(|(year, _)| *year).collect())
        .unwrap_or_default();
    for row in rows {
        for (column, value) in [("code", &row.code), ("dimension", &row.dimension), ("name", &row.name)] {
            if value.is_empty() {
                errors.push(CsvError::at(row.line, column, CsvErrorKind::Required));
            }
        }
        check_not_negative(row.line, "budget", row.budget, errors);
        for (year, budget) in &row.yearly_budgets {
            check_not_negative(row.line, &format!("{YEAR_PREFIX}{year}"), *budget, errors);
        }
        let found: Vec<i32> = row.yearly_budgets.iter().map(|(year, _)| *year).collect();
        let ascending = found.windows(2).all(|pair| pair[0] < pair[1]);
        if found != expected_years || !ascending {
            errors.push(CsvError::line(
                row.line,
                CsvErrorKind::YearsDiffer {
                    expected: expected_years.clone(),
                    found,
                },
            ));
        }
    }
}

/// Checks the rules that span rows; returns each row's parent index.
fn check_structure(rows: &[PlanRow], errors: &mut Vec<CsvError>) -> Vec<Option<usize>> {
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    for (index, row) in rows.iter().enumerate() {
        if row.code.is_empty() {
            continue;
        }
        match index_of.entry(row.code.as_str()) {
            Entry::Occupied(first) => {
                let first_line = rows.get(*first.get()).map_or(0, |first| first.line);
                let kind = CsvErrorKind::DuplicateCode {
                    code: row.code.clone(),
                    first_line,
                };
                errors.push(CsvError::at(row.line, "code", kind));
            }
            Entry::Vacant(slot) => {
                slot.insert(index);
            }
        }
    }

    let mut parents = Vec::with_capacity(rows.len());
    for row in rows {
        let parent = row.parent.as_deref().and_then(|parent| {
            let found = index_of.get(parent).copied();
            if found.is_none() {
                let kind = CsvErrorKind::UnknownParent {
                    parent: parent.to_owned(),
                };
                errors.push(CsvError::at(row.line, "parent", kind));
            }
            found
        });
        parents.push(parent);
    }

    check_cycles(rows, &parents, errors);

    for (row, parent) in rows.iter().zip(&parents) {
        let Some(parent) = parent.and_then(|index| rows.get(index)) else {
            continue;
        };
        let pairs = [
            (
                "dimension",
                Some(row.dimension.as_str()),
                Some(parent.dimension.as_str()),
            ),
            (
                "sub_dimension",
                row.sub_dimension.as_deref(),
                parent.sub_dimension.as_deref(),
            ),
        ];
        for (column, own, expected) in pairs {
            // An empty required dimension is reported by the cell checks already.
            let both_known = column != "dimension" || (!row.dimension.is_empty() && !parent.dimension.is_empty());
            if own != expected && both_known {
                let kind = CsvErrorKind::NotInParentDimension {
                    parent: parent.code.clone(),
                    expected: expected.unwrap_or("").to_owned(),
                };
                errors.push(CsvError::at(row.line, column, kind));
            }
        }
    }

    let mut budget_sum = ColumnSum::new("budget".to_owned());
    let mut year_sums: Vec<(i32, ColumnSum)> = Vec::new();
    for row in rows {
        budget_sum.add(row.line, row.budget, errors);
        for (year, budget) in &row.yearly_budgets {
            let position = match year_sums.iter().position(|(y, _)| y == year) {
                Some(position) => position,
                None => {
                    year_sums.push((*year, ColumnSum::new(format!("{YEAR_PREFIX}{year}"))));
                    year_sums.len() - 1
                }
            };
            if let Some((_, column_sum)) = year_sums.get_mut(position) {
                column_sum.add(row.line, *budget, errors);
            }
        }
    }
    parents
}

/// Reports every cycle of parents once, at the first row of the cycle that a walk reaches.
fn check_cycles(rows: &[PlanRow], parents: &[Option<usize>], errors: &mut Vec<CsvError>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Visit {
        New,
        OnPath,
        Done,
    }
    let mut visit = vec![Visit::New; rows.len()];
    for start in 0..rows.len() {
        let mut path = Vec::new();
        let mut current = Some(start);
        while let Some(index) = current {
            if visit.get(index) != Some(&Visit::New) {
                break;
            }
            visit[index] = Visit::OnPath;
            path.push(index);
            current = parents.get(index).copied().flatten();
        }
        if let Some(index) = current.filter(|index| visit.get(*index) == Some(&Visit::OnPath)) {
            let from = path.iter().position(|step| *step == index).unwrap_or(0);
            let mut codes: Vec<String> = path[from..]
                .iter()
                .filter_map(|step| rows.get(*step))
                .map(|row| row.code.clone())
                .collect();
            if let Some(row) = rows.get(index) {
                codes.push(row.code.clone());
                errors.push(CsvError::at(row.line, "parent", CsvErrorKind::ParentCycle { codes }));
            }
        }
        for step in path {
            visit[step] = Visit::Done;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sujarit_thai::MoneyError;

    const HEADER: &str = "code,parent,dimension,sub_dimension,kind,name,indicator,target,budget,q1,q2,q3,q4,org_unit";

    fn parse(body: &str) -> Result<PlanSheet, CsvErrors> {
        parse_plan_csv(format!("{HEADER}\n{body}").as_bytes())
    }

    fn baht(amount: i64) -> Satang {
        Satang(amount * 100)
    }

    fn kinds(errors: &CsvErrors) -> Vec<(u64, Option<&str>, &CsvErrorKind)> {
        errors.iter().map(|e| (e.line, e.column.as_deref(), &e.kind)).collect()
    }

    #[test]
    fn a_good_row_becomes_a_typed_plan_row() {
        let sheet =
            parse("1.1-01,,มิติที่ ๑,ตัวชี้วัด ๑.๑,โครงการ,<p>อบรม</p>,ผู้เข้าร่วม,ร้อยละ ๘๐,\"๑๕,๐๐๐.-\",1,✓,,x,สำนักงาน ป.ป.ช.\n")
                .expect("a good plan");
        let row = &sheet.rows()[0];
        assert_eq!(row.line, 2);
        assert_eq!(row.code, "1.1-01");
        assert_eq!(row.parent, None);
        assert_eq!(row.sub_dimension.as_deref(), Some("ตัวชี้วัด ๑.๑"));
        assert_eq!(row.kind, ItemKind::Project);
        assert_eq!(row.name, "อบรม");
        assert_eq!(row.target.as_deref(), Some("ร้อยละ ๘๐"));
        assert_eq!(row.budget, Budget::Amount(baht(15_000)));
        assert_eq!(row.quarters, [true, true, false, true]);
        assert!(row.yearly_budgets.is_empty());
    }

    #[test]
    fn every_bad_cell_of_every_row_is_reported_and_nothing_is_imported() {
        let errors = parse(
            "A,,d,,project,a,,,\"12,5x\",2,,,,\n\
             B,,d,,thing,,,,-,,,,,\n\
             C,,d,,activity,c,,,100,,,,,\n",
        )
        .expect_err("bad rows");
        assert_eq!(
            kinds(&errors),
            vec![
                (
                    2,
                    Some("budget"),
                    &CsvErrorKind::Money(MoneyError::NotANumber {
                        text: "12,5x".to_owned()
                    })
                ),
                (2, Some("q1"), &CsvErrorKind::BadQuarter { text: "2".to_owned() }),
                (
                    3,
                    Some("kind"),
                    &CsvErrorKind::BadKind {
                        text: "thing".to_owned()
                    }
                ),
                (3, Some("name"), &CsvErrorKind::Required),
            ]
        );
        assert!(errors.message_en().contains("line 2, column budget: \"12,5x\""));
    }

    #[test]
    fn codes_must_be_unique() {
        let errors = parse("A,,d,,project,a,,,,,,,,\nA,,d,,project,b,,,,,,,,\n").expect_err("duplicate");
        assert_eq!(
            kinds(&errors),
            vec![(
                3,
                Some("code"),
                &CsvErrorKind::DuplicateCode {
                    code: "A".to_owned(),
                    first_line: 2
                }
            )]
        );
    }

    #[test]
    fn a_parent_must_be_a_code_in_the_file() {
        let errors = parse("A,B,d,,activity,a,,,,,,,,\n").expect_err("unknown parent");
        assert_eq!(
            kinds(&errors),
            vec![(
                2,
                Some("parent"),
                &CsvErrorKind::UnknownParent { parent: "B".to_owned() }
            )]
        );
    }

    #[test]
    fn a_child_of_a_row_with_a_bad_cell_does_not_also_report_a_missing_parent() {
        let errors = parse("A,,d,,project,a,,,abc,,,,,\nA.1,A,d,,activity,b,,,,,,,,\n").expect_err("bad budget");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors.0[0].column.as_deref(), Some("budget"));
    }

    #[test]
    fn parents_must_not_form_a_cycle() {
        let errors = parse(
            "A,C,d,,project,a,,,,,,,,\n\
             B,A,d,,project,b,,,,,,,,\n\
             C,B,d,,project,c,,,,,,,,\n\
             D,D,d,,project,d,,,,,,,,\n\
             E,A,d,,project,e,,,,,,,,\n",
        )
        .expect_err("cycles");
        assert_eq!(
            kinds(&errors),
            vec![
                (
                    2,
                    Some("parent"),
                    &CsvErrorKind::ParentCycle {
                        codes: vec!["A".into(), "C".into(), "B".into(), "A".into()]
                    }
                ),
                (
                    5,
                    Some("parent"),
                    &CsvErrorKind::ParentCycle {
                        codes: vec!["D".into(), "D".into()]
                    }
                ),
            ]
        );
    }

    #[test]
    fn a_sub_item_must_stay_in_its_parents_dimension() {
        let errors = parse("A,,d1,s,project,a,,,,,,,,\nA.1,A,d2,,activity,b,,,,,,,,\n").expect_err("moved");
        let columns: Vec<Option<&str>> = errors.iter().map(|e| e.column.as_deref()).collect();
        assert_eq!(columns, vec![Some("dimension"), Some("sub_dimension")]);
    }

    #[test]
    fn thai_digit_codes_match_arabic_digit_parents() {
        let sheet = parse("๑.๒,,d,,project,a,,,,,,,,\n1.2.1,๑.๒,d,,activity,b,,,,,,,,\n").expect("same codes");
        assert_eq!(sheet.children("1.2").count(), 1);
        assert_eq!(sheet.get("๑.๒").map(|row| row.line), Some(2));
    }

    #[test]
    fn a_parents_own_cell_is_stated_beside_its_leaves_and_never_added() {
        // A document row that holds a parent's total and its first child's cell together.
        let sheet = parse(
            "P,,d,,activity,parent,,,7250,,,,,\n\
             P.1,P,d,,activity,first,,,7250,,,,,\n\
             P.2,P,d,,activity,second,,,ไม่ใช้งบประมาณ,,,,,\n\
             Q,,d,,project,other,,,1000,,,,,\n\
             R,,d,,project,wrong,,,500,,,,,\n\
             R.1,R,d,,activity,r1,,,300,,,,,\n\
             R.1.1,R.1,d,,activity,r11,,,100,,,,,\n",
        )
        .expect("a nested plan");
        let total = sheet.leaf_total();
        assert_eq!(total.computed, baht(7_250 + 1_000 + 100));
        let differences: Vec<(&str, Budget, Satang)> = total
            .differences()
            .map(|p| (p.code.as_str(), p.stated, p.computed))
            .collect();
        assert_eq!(
            differences,
            vec![
                ("R", Budget::Amount(baht(500)), baht(100)),
                ("R.1", Budget::Amount(baht(300)), baht(100)),
            ]
        );
        assert_eq!(total.parents.len(), 3);
        let totals = sheet.totals();
        assert_eq!((totals.items, totals.leaves, totals.not_needed), (3, 4, 1));
    }

    #[test]
    fn no_budget_needed_on_a_parent_with_money_below_is_a_difference() {
        let parent = ParentTotal {
            code: "P".into(),
            line: 2,
            stated: Budget::NotNeeded,
            computed: baht(1),
        };
        assert!(parent.differs());
        assert!(!ParentTotal {
            stated: Budget::NotStated,
            ..parent.clone()
        }
        .differs());
        assert!(!ParentTotal {
            computed: Satang::ZERO,
            ..parent
        }
        .differs());
    }

    #[test]
    fn totals_per_dimension_keep_first_appearance_order_and_count_missing_budgets() {
        let sheet = parse(
            "A,,d2,,project,a,,,100,,,,,\n\
             B,,d1,,project,b,,,none,,,,,\n\
             C,,d2,,measure,c,,,,,,,,\n\
             D,,d2,,activity,d,,,0,,,,,\n",
        )
        .expect("plan");
        let by_dimension = sheet.totals_by_dimension();
        let names: Vec<&str> = by_dimension.iter().map(|d| d.dimension.as_str()).collect();
        assert_eq!(names, vec!["d2", "d1"]);
        assert_eq!(
            by_dimension[0].totals,
            PlanTotals {
                items: 3,
                leaves: 3,
                budget: baht(100),
                not_needed: 0,
                not_stated: 1
            }
        );
        assert_eq!(by_dimension[1].totals.not_needed, 1);
    }

    #[test]
    fn per_year_budget_columns_are_read_by_year_and_summed_over_leaves() {
        let text = "code,parent,dimension,sub_dimension,kind,name,indicator,target,budget,q1,q2,q3,q4,org_unit,budget_2567,budget_2566\n\
                    A,,d,,project,a,,,300,,,,,,200,100\n\
                    A.1,A,d,,activity,a1,,,300,,,,,,,\"๑๐๐\"\n\
                    B,,d,,project,b,,,50,,,,,,none,50\n";
        let sheet = parse_plan_csv(text.as_bytes()).expect("multi-year plan");
        assert_eq!(sheet.years(), vec![2566, 2567]);
        assert_eq!(
            sheet.rows()[1].yearly_budgets,
            vec![(2566, Budget::Amount(baht(100))), (2567, Budget::NotStated)]
        );
        assert_eq!(sheet.yearly_totals(), vec![(2566, baht(150)), (2567, Satang::ZERO)]);
    }

    #[test]
    fn amounts_that_cannot_be_added_up_reject_the_file() {
        let errors =
            parse("A,,d,,project,a,,,92233720368547758,,,,,\nB,,d,,project,b,,,1,,,,,\n").expect_err("overflow");
        assert_eq!(kinds(&errors), vec![(3, Some("budget"), &CsvErrorKind::TotalTooLarge)]);
    }

    #[test]
    fn a_plan_written_and_read_back_is_the_same() {
        let sheet = parse(
            "A,,มิติ ๑,,project,S&P &lt;p&gt; &amp;amp;,ตัวชี้วัด,ร้อยละ 80,\"1,034,655\",1,,,1,ป.ป.ช.\n\
             A.1,A,มิติ ๑,,activity,<br>sub,,,ไม่ใช้งบประมาณ,,,,,\n\
             A.2,A,มิติ ๑,,measure,sub 2,,,,,,,,\n",
        )
        .expect("plan");
        assert_eq!(sheet.rows()[0].name, "S&P <p> &amp;");
        let mut out = Vec::new();
        write_plan_csv(&mut out, &sheet).expect("written to memory");
        assert!(out.starts_with(b"\xEF\xBB\xBFcode,parent,"));
        assert_eq!(parse_plan_csv(out.as_slice()), Ok(sheet));
    }

    #[test]
    fn rows_built_in_code_are_checked_like_a_file() {
        let row = |code: &str, years: Vec<(i32, Budget)>| PlanRow {
            line: 2,
            code: code.to_owned(),
            parent: None,
            dimension: "d".into(),
            sub_dimension: None,
            kind: ItemKind::Measure,
            name: "n".into(),
            indicator: None,
            target: None,
            budget: Budget::Amount(Satang(-1)),
            quarters: [false; 4],
            org_unit: None,
            yearly_budgets: years,
        };
        let errors = PlanSheet::from_rows(vec![
            row("A", vec![(2566, Budget::NotStated)]),
            PlanRow {
                line: 3,
                ..row("", vec![])
            },
        ])
        .expect_err("bad rows");
        let found: Vec<(u64, Option<&str>)> = errors.iter().map(|e| (e.line, e.column.as_deref())).collect();
        assert_eq!(
            found,
            vec![(2, Some("budget")), (3, Some("code")), (3, Some("budget")), (3, None)]
        );
    }

    #[test]
    fn item_kinds_read_english_in_any_case_and_thai_labels() {
        assert_eq!(ItemKind::parse(" PROJECT "), Some(ItemKind::Project));
        assert_eq!(ItemKind::parse("กิจกรรม"), Some(ItemKind::Activity));
        assert_eq!(ItemKind::parse("มาตรการ"), Some(ItemKind::Measure));
        assert_eq!(ItemKind::parse("งาน"), None);
        assert_eq!(ItemKind::Measure.label_th(), "มาตรการ");
        assert_eq!(ItemKind::Project.to_string(), "project");
    }
}
