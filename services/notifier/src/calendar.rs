//! Bangkok time and the working-day calendar the schedule counts in.
//!
//! Deadlines in the events are Bangkok calendar dates; instants are UTC. Thailand keeps UTC+7 all
//! year (no daylight saving), so converting is a fixed seven-hour shift and needs no time-zone
//! database.
//!
//! A working day is Monday to Friday and not a public holiday. The built-in list holds only the
//! Thai public holidays that fall on the same Gregorian date every year; the lunar ones (Makha
//! Bucha, Visakha Bucha, Asarnha Bucha, Khao Phansa), substitution days (วันหยุดชดเชย) and
//! holidays the cabinet declares are announced each year and are added as configuration
//! ([`Calendar::with_holidays`]).

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// Bangkok's offset from UTC, in hours (constant all year).
pub const BANGKOK_UTC_OFFSET_HOURS: i64 = 7;

/// The instant of a Bangkok wall-clock date and time.
pub fn bangkok_instant(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    (date.and_time(time) - Duration::hours(BANGKOK_UTC_OFFSET_HOURS)).and_utc()
}

/// The Bangkok calendar date of an instant.
pub fn bangkok_date(instant: DateTime<Utc>) -> NaiveDate {
    bangkok_local(instant).date()
}

/// The Bangkok wall-clock time of an instant.
pub fn bangkok_time(instant: DateTime<Utc>) -> NaiveTime {
    bangkok_local(instant).time()
}

fn bangkok_local(instant: DateTime<Utc>) -> chrono::NaiveDateTime {
    instant.naive_utc() + Duration::hours(BANGKOK_UTC_OFFSET_HOURS)
}

/// Thai public holidays on a fixed Gregorian date, as (month, day).
pub const FIXED_THAI_HOLIDAYS: [(u32, u32); 15] = [
    (1, 1),   // New Year's Day
    (4, 6),   // Chakri Memorial Day
    (4, 13),  // Songkran
    (4, 14),  // Songkran
    (4, 15),  // Songkran
    (5, 1),   // National Labour Day
    (5, 4),   // Coronation Day
    (6, 3),   // Queen Suthida's Birthday
    (7, 28),  // King Vajiralongkorn's Birthday
    (8, 12),  // Queen Mother's Birthday, Mother's Day
    (10, 13), // King Bhumibol Memorial Day
    (10, 23), // Chulalongkorn Day
    (12, 5),  // King Bhumibol's Birthday, Father's Day
    (12, 10), // Constitution Day
    (12, 31), // New Year's Eve
];

/// Public holidays; with weekends they decide which days are working days.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    /// Bangkok dates that are not working days (besides Saturdays and Sundays).
    pub holidays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// A calendar with no holidays: only weekends are days off.
    pub fn new() -> Self {
        Self::default()
    }

    /// The fixed-date Thai public holidays ([`FIXED_THAI_HOLIDAYS`]) of the given CE years; add
    /// the lunar and substitution holidays of those years with [`Calendar::with_holidays`].
    pub fn thailand(years: RangeInclusive<i32>) -> Self {
        let holidays = years
            .flat_map(|year| {
                FIXED_THAI_HOLIDAYS
                    .iter()
                    .filter_map(move |&(month, day)| NaiveDate::from_ymd_opt(year, month, day))
            })
            .collect();
        Calendar { holidays }
    }

    /// The calendar with more holidays (lunar holidays, substitution days, special days off).
    pub fn with_holidays(mut self, dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.holidays.extend(dates);
        self
    }

    /// Whether the date is a listed public holiday.
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains(&date)
    }

    /// Whether the date is a working day: Monday to Friday and not a holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.is_holiday(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn bangkok_is_seven_hours_ahead_of_utc_all_year() {
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        for day in [date(2026, 1, 15), date(2026, 7, 15)] {
            let instant = bangkok_instant(day, nine);
            assert_eq!(instant.naive_utc(), day.and_hms_opt(2, 0, 0).unwrap());
            assert_eq!((bangkok_date(instant), bangkok_time(instant)), (day, nine));
        }
        let late = bangkok_instant(date(2026, 7, 15), NaiveTime::from_hms_opt(23, 30, 0).unwrap());
        assert_eq!(late.date_naive(), date(2026, 7, 15));
        assert_eq!(bangkok_date(late + Duration::hours(1)), date(2026, 7, 16));
    }

    #[test]
    fn weekends_and_thai_fixed_holidays_are_not_working_days() {
        let calendar = Calendar::thailand(2026..=2026);
        assert!(!calendar.is_working_day(date(2026, 7, 28)), "the King's birthday");
        assert!(!calendar.is_working_day(date(2026, 4, 14)), "Songkran");
        assert!(!calendar.is_working_day(date(2026, 7, 18)), "a Saturday");
        assert!(calendar.is_working_day(date(2026, 7, 27)));
        assert!(calendar.is_working_day(date(2026, 7, 29)));
        let lunar = calendar.with_holidays([date(2026, 7, 29)]);
        assert!(!lunar.is_working_day(date(2026, 7, 29)), "a configured lunar holiday");
        assert_eq!(Calendar::thailand(2026..=2027).holidays.len(), 30);
    }
}
