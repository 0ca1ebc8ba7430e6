//! The index schema: one tantivy document per case document.
//!
//! Identity and filters are raw strings (`key` = `case/file`, `case`, `file`, `type`, `charge`,
//! `court`, `doc_number`, `hash`) and numbers (`date` as YYYYMMDD, `year`), fast where facets or
//! ranges read them. The body is indexed twice — `words` (jieba words, positions) and `bigrams`
//! (character pairs, positions) — and stored once, with `words`: a tantivy document then carries
//! the text three times (words, bigrams, facts) instead of four, which is what the writer's queue
//! of documents in flight holds. Indexes built before this store the text in a separate `text`
//! field; they open as they are ([`fields_of`]: [`Fields::text`] is the stored field, whichever
//! it is) and the writer keeps filling their `text` field. `facts` holds the words of the
//! facts section (the whole body when there is none) for similar-case retrieval, reusing the
//! body's segmentation ([`super::tokenizer::FactsAnalyzer`]); `court_bigrams`
//! lets `院:朝阳` match 北京市朝阳区人民检察院.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::tokenizer::{BIGRAMS, FACTS, WORDS};

/// The fields, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub key: Field,
    pub case: Field,
    pub file: Field,
    pub doc_type: Field,
    pub doc_number: Field,
    pub charge: Field,
    pub court: Field,
    pub court_bigrams: Field,
    pub date: Field,
    pub year: Field,
    pub hash: Field,
    /// The field that stores the body: `words` (or `text` in an index of the first layout).
    pub text: Field,
    pub words: Field,
    pub bigrams: Field,
    pub facts: Field,
}

fn analysed(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default()
        .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(record))
}

/// Build the schema and its fields.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let positions = IndexRecordOption::WithFreqsAndPositions;
    let key = b.add_text_field("key", STRING | STORED);
    let case = b.add_text_field("case", STRING | STORED);
    let file = b.add_text_field("file", STRING | STORED);
    let doc_type = b.add_text_field("type", STRING | STORED | FAST);
    let doc_number = b.add_text_field("doc_number", STRING | STORED);
    let charge = b.add_text_field("charge", STRING | STORED | FAST);
    let court = b.add_text_field("court", STRING | STORED | FAST);
    let court_bigrams = b.add_text_field("court_bigrams", analysed(BIGRAMS, positions));
    let date = b.add_u64_field("date", INDEXED | STORED | FAST);
    let year = b.add_u64_field("year", INDEXED | FAST);
    let hash = b.add_text_field("hash", STRING | STORED);
    let words = b.add_text_field("words", analysed(WORDS, positions).set_stored());
    let bigrams = b.add_text_field("bigrams", analysed(BIGRAMS, positions));
    let facts = b.add_text_field("facts", analysed(FACTS, IndexRecordOption::WithFreqs));
    let fields = Fields {
        key,
        case,
        file,
        doc_type,
        doc_number,
        charge,
        court,
        court_bigrams,
        date,
        year,
        hash,
        text: words,
        words,
        bigrams,
        facts,
    };
    (b.build(), fields)
}

/// Resolve the fields of an existing index's schema; `None` if it is not an anguan index. The
/// body is stored in `text` where the index has that field (first layout), else in `words`.
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name: &str| schema.get_field(name).ok();
    let words = f("words")?;
    let text = f("text").unwrap_or(words);
    if !schema.get_field_entry(text).is_stored() {
        return None;
    }
    Some(Fields {
        key: f("key")?,
        case: f("case")?,
        file: f("file")?,
        doc_type: f("type")?,
        doc_number: f("doc_number")?,
        charge: f("charge")?,
        court: f("court")?,
        court_bigrams: f("court_bigrams")?,
        date: f("date")?,
        year: f("year")?,
        hash: f("hash")?,
        text,
        words,
        bigrams: f("bigrams")?,
        facts: f("facts")?,
    })
}
