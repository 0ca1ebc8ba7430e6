//! Normalisers: Chinese numerals, dates, times, amounts, terms, statute citations, ID numbers and
//! full-width characters → canonical values. Malformed input gives `None`, never a wrong value.
//!
//! Each normaliser is a pure function of its input text with no knowledge of where the text came
//! from; the extractors find candidate spans and call these. Scanners that need the context of a
//! whole text ([`dates::find_dates`] resolving 同年/次日, [`statutes::find_citations`] carrying a
//! law across 、) return character offsets.

pub mod amounts;
pub mod dates;
pub mod fullwidth;
pub mod idcard;
pub mod numerals;
pub mod statutes;
pub mod terms;

pub use amounts::{parse_amount, parse_number};
pub use dates::{DateMatch, find_dates, parse_date, parse_time};
pub use fullwidth::to_halfwidth;
pub use idcard::{IdError, IdInfo, check_id, parse_id};
pub use numerals::parse_int;
pub use statutes::{Citation, find_citations, normalize_article};
pub use terms::{Term, parse_duration_months, parse_term};
