//! Stub (being written).
#[derive(Debug, Clone)]
pub struct Charge;
#[derive(Debug, Clone)]
pub struct ChargeTable;
