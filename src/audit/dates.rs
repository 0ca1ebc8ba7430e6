//! Date arithmetic of the law (domain-reference §3.3–3.5).
//!
//! * 期间 (CPL 105): the starting day is not counted, so a period of N days from day D ends at the
//!   end of D + N; a month runs from a day to the same day of the next month (clamped to the last
//!   day of a shorter month; from a month's last day to the next month's last day).
//! * A last day on a non-working day rolls forward to the next working day — not for a person in
//!   custody.
//! * 周岁 (刑法 17): a person is N 周岁 only from the day after the N-th birthday.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// The day one month (or `n` months) after `d`, with the month-end rules of CPL 105.
pub fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    let is_last = d.succ_opt().is_none_or(|next| next.month() != d.month());
    let Some(target) = d.checked_add_months(Months::new(n)) else { return d };
    if is_last {
        // From a month's last day to the target month's last day.
        let first_next = target.with_day(1).and_then(|f| f.checked_add_months(Months::new(1)));
        return first_next.and_then(|f| f.pred_opt()).unwrap_or(target);
    }
    target
}

/// `d` + `n` days (saturating at the calendar's end).
pub fn add_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// Whether a day is a working day: Monday–Friday unless a holiday, or a listed make-up day.
pub fn is_working_day(d: NaiveDate, holidays: &[NaiveDate], workdays: &[NaiveDate]) -> bool {
    if workdays.contains(&d) {
        return true;
    }
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&d)
}

/// Roll a last day forward to the next working day.
pub fn roll_forward(mut d: NaiveDate, holidays: &[NaiveDate], workdays: &[NaiveDate]) -> NaiveDate {
    for _ in 0..60 {
        if is_working_day(d, holidays, workdays) {
            break;
        }
        d = add_days(d, 1);
    }
    d
}

/// Working days after `from` up to and including `to` (0 when `to` ≤ `from`).
pub fn working_days_between(
    from: NaiveDate,
    to: NaiveDate,
    holidays: &[NaiveDate],
    workdays: &[NaiveDate],
) -> i64 {
    let mut n = 0;
    let mut d = from;
    while d < to {
        d = add_days(d, 1);
        if is_working_day(d, holidays, workdays) {
            n += 1;
        }
        if n > 100_000 {
            break;
        }
    }
    n
}

/// 已满周岁 at an event: the full years counted from the day after the birthday.
pub fn full_years_at(birth: NaiveDate, event: NaiveDate) -> i32 {
    let mut n = event.year() - birth.year();
    let before_birthday = (event.month(), event.day()) < (birth.month(), birth.day());
    if before_birthday {
        n -= 1;
    }
    let birthday_today = (event.month(), event.day()) == (birth.month(), birth.day())
        // A 29 February birthday is reached on 1 March of a common year.
        || (birth.month() == 2 && birth.day() == 29 && event.month() == 3 && event.day() == 1
            && !is_leap(event.year()));
    if birthday_today {
        n -= 1;
    }
    n.max(0)
}

fn is_leap(y: i32) -> bool {
    NaiveDate::from_ymd_opt(y, 2, 29).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_follow_the_month_end_rules() {
        assert_eq!(add_months(d(2023, 3, 15), 1), d(2023, 4, 15));
        assert_eq!(add_months(d(2023, 1, 31), 1), d(2023, 2, 28));
        assert_eq!(add_months(d(2023, 4, 30), 1), d(2023, 5, 31));
        assert_eq!(add_months(d(2024, 1, 30), 1), d(2024, 2, 29));
        assert_eq!(add_months(d(2023, 12, 31), 1), d(2024, 1, 31));
    }

    #[test]
    fn full_years_start_the_day_after_the_birthday() {
        let b = d(2007, 6, 10);
        assert_eq!(full_years_at(b, d(2023, 6, 9)), 15);
        assert_eq!(full_years_at(b, d(2023, 6, 10)), 15);
        assert_eq!(full_years_at(b, d(2023, 6, 11)), 16);
        let leap = d(2008, 2, 29);
        assert_eq!(full_years_at(leap, d(2024, 2, 29)), 15);
        assert_eq!(full_years_at(leap, d(2024, 3, 1)), 16);
        assert_eq!(full_years_at(leap, d(2023, 3, 1)), 14);
        assert_eq!(full_years_at(leap, d(2023, 3, 2)), 15);
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        // 2023-06-02 is a Friday.
        assert_eq!(working_days_between(d(2023, 6, 2), d(2023, 6, 5), &[], &[]), 1);
        assert_eq!(working_days_between(d(2023, 6, 2), d(2023, 6, 9), &[], &[]), 5);
        assert_eq!(roll_forward(d(2023, 6, 3), &[], &[]), d(2023, 6, 5));
        assert_eq!(roll_forward(d(2023, 6, 22), &[d(2023, 6, 22), d(2023, 6, 23)], &[]), d(2023, 6, 26));
        assert!(is_working_day(d(2023, 6, 25), &[], &[d(2023, 6, 25)]));
    }
}
