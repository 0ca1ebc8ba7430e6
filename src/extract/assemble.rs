//! Stub (being written).
use super::{CaseFacts, Ctx, Element, PersonFacts};
pub fn assemble(ctx: &Ctx<'_>, elements: &[Element]) -> (Vec<PersonFacts>, CaseFacts) { let _ = (ctx, elements); (Vec::new(), CaseFacts::default()) }
