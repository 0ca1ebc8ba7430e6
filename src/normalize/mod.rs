//! Normalisers: Chinese numerals, dates, times, amounts, terms, statute citations, ID numbers and
//! full-width characters → canonical values. Malformed input gives `None`, never a wrong value.
//!
//! (Stub: the normalisers are being written.)
