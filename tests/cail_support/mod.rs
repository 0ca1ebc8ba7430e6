//! Helpers of the CAIL2021 convention tests (`extract_cail_*.rs`): the elements the rules extract
//! from one invented sentence, as (type, role, text), and the texts of one type and role.
#![allow(dead_code)]

use anguan::extract::{Element, extract_text};

/// (type, role, text) of every element of `text`.
pub fn elements(text: &str) -> Vec<(String, Option<String>, String)> {
    let ex = extract_text(text);
    ex.elements.iter().map(|e: &Element| (e.kind.clone(), e.role.clone(), e.text.clone())).collect()
}

/// The texts of the elements of type `kind` (and role `role`, when given), in order.
pub fn texts(text: &str, kind: &str, role: Option<&str>) -> Vec<String> {
    elements(text)
        .into_iter()
        .filter(|(k, r, _)| k == kind && (role.is_none() || r.as_deref() == role))
        .map(|(_, _, t)| t)
        .collect()
}
