//! The case card (案卡, spec §2): the model and its importers (card.json, CSV, XLSX).
//!
//! (Stub: the card model is being written.)
