//! The card items compared one to one with the documents: for each, how to read it from the card
//! and from a document's facts, and how its values are normalised. [`super::compare`] runs them.

use crate::card::{Card, Person};
use crate::extract::{Fact, PersonFacts};
use crate::span::Span;

use super::Doc;
use super::normal::{Norm, Val};

pub(crate) type Stated = Option<(Val, Vec<Span>)>;

pub(crate) fn text_of(f: &Option<Fact<String>>) -> Stated {
    f.as_ref()
        .filter(|f| !f.value.trim().is_empty())
        .map(|f| (Val::Text(f.value.clone()), vec![f.span.clone()]))
}
fn date_of(f: &Option<Fact<chrono::NaiveDate>>) -> Stated {
    f.as_ref().map(|f| (Val::Date(f.value), vec![f.span.clone()]))
}
fn bool_of(f: &Option<Fact<bool>>) -> Stated {
    f.as_ref().map(|f| (Val::Bool(f.value), vec![f.span.clone()]))
}
fn num_of(f: &Option<Fact<f64>>) -> Stated {
    f.as_ref().map(|f| (Val::Num(f.value), vec![f.span.clone()]))
}
fn list_of(fs: &[Fact<String>], keep: fn(&str) -> bool) -> Stated {
    let kept: Vec<&Fact<String>> = fs.iter().filter(|f| keep(&f.value)).collect();
    if kept.is_empty() {
        return None;
    }
    Some((
        Val::List(kept.iter().map(|f| f.value.clone()).collect()),
        kept.iter().map(|f| f.span.clone()).collect(),
    ))
}
fn sentence_of(p: &PersonFacts, get: fn(&crate::extract::SentenceFact) -> Option<Val>) -> Stated {
    let s = p.sentence.as_ref()?;
    get(&s.value).map(|v| (v, vec![s.span.clone()]))
}
fn any(_: &str) -> bool {
    true
}
fn criminal_law(s: &str) -> bool {
    super::normal::text(s).starts_with("刑法")
}
fn some_list(l: &[String], keep: fn(&str) -> bool) -> Option<Val> {
    let kept: Vec<String> = l.iter().filter(|s| keep(s)).cloned().collect();
    (!kept.is_empty()).then_some(Val::List(kept))
}

/// A person item compared one to one.
pub(crate) struct PersonItem {
    pub key: &'static str,
    pub how: Norm,
    pub card: fn(&Person) -> Option<Val>,
    pub doc: fn(&PersonFacts) -> Stated,
}

fn months(v: Option<u32>) -> Option<Val> {
    v.map(|m| Val::Num(f64::from(m)))
}

pub(crate) const PERSON_ITEMS: &[PersonItem] = &[
    PersonItem {
        key: "name",
        how: Norm::Name,
        card: |p| Some(Val::Text(p.name.clone())),
        doc: |f| text_of(&f.name),
    },
    PersonItem {
        key: "gender",
        how: Norm::Plain,
        card: |p| p.gender.clone().map(Val::Text),
        doc: |f| text_of(&f.gender),
    },
    PersonItem {
        key: "birth_date",
        how: Norm::Plain,
        card: |p| p.birth_date.map(Val::Date),
        doc: |f| date_of(&f.birth_date),
    },
    PersonItem {
        key: "id_number",
        how: Norm::Id,
        card: |p| p.id_number.clone().map(Val::Text),
        doc: |f| text_of(&f.id_number),
    },
    PersonItem {
        key: "ethnicity",
        how: Norm::Ethnicity,
        card: |p| p.ethnicity.clone().map(Val::Text),
        doc: |f| text_of(&f.ethnicity),
    },
    PersonItem {
        key: "education",
        how: Norm::Education,
        card: |p| p.education.clone().map(Val::Text),
        doc: |f| text_of(&f.education),
    },
    PersonItem {
        key: "occupation",
        how: Norm::Plain,
        card: |p| p.occupation.clone().map(Val::Text),
        doc: |f| text_of(&f.occupation),
    },
    PersonItem {
        key: "domicile",
        how: Norm::Plain,
        card: |p| p.domicile.clone().map(Val::Text),
        doc: |f| text_of(&f.domicile),
    },
    PersonItem {
        key: "address",
        how: Norm::Plain,
        card: |p| p.address.clone().map(Val::Text),
        doc: |f| text_of(&f.address),
    },
    PersonItem {
        key: "prior_record",
        how: Norm::Plain,
        card: |p| p.prior_record.map(Val::Bool),
        doc: |f| bool_of(&f.prior_record),
    },
    PersonItem {
        key: "recidivist",
        how: Norm::Plain,
        card: |p| p.recidivist.map(Val::Bool),
        doc: |f| bool_of(&f.recidivist),
    },
    PersonItem {
        key: "charges",
        how: Norm::Charge,
        card: |p| some_list(&p.charges, any),
        doc: |f| list_of(&f.charges, any),
    },
    PersonItem {
        key: "statutes",
        how: Norm::Statute,
        card: |p| some_list(&p.statutes, criminal_law),
        doc: |f| list_of(&f.statutes, criminal_law),
    },
    PersonItem { key: "plea", how: Norm::Plain, card: |p| p.plea.map(Val::Bool), doc: |f| bool_of(&f.plea) },
    PersonItem {
        key: "plea_date",
        how: Norm::Plain,
        card: |p| p.plea_date.map(Val::Date),
        doc: |f| date_of(&f.plea_date),
    },
    PersonItem {
        key: "sentencing.kind",
        how: Norm::Plain,
        card: |p| p.sentencing.as_ref()?.kind.clone().map(Val::Text),
        doc: |f| sentence_of(f, |s| s.kind.clone().map(Val::Text)),
    },
    PersonItem {
        key: "sentencing.penalty",
        how: Norm::Plain,
        card: |p| p.sentencing.as_ref()?.penalty.clone().map(Val::Text),
        doc: |f| sentence_of(f, |s| Some(Val::Text(s.penalty.clone())).filter(|_| !s.penalty.is_empty())),
    },
    PersonItem {
        key: "sentencing.min_months",
        how: Norm::Plain,
        card: |p| months(p.sentencing.as_ref()?.min_months),
        doc: |f| sentence_of(f, |s| months(s.min_months)),
    },
    PersonItem {
        key: "sentencing.max_months",
        how: Norm::Plain,
        card: |p| months(p.sentencing.as_ref()?.max_months),
        doc: |f| sentence_of(f, |s| months(s.max_months)),
    },
    PersonItem {
        key: "sentencing.probation",
        how: Norm::Plain,
        card: |p| p.sentencing.as_ref()?.probation.map(Val::Bool),
        // The facts cannot say "not stated": only a recommended 缓刑 is evidence.
        doc: |f| sentence_of(f, |s| s.probation.then_some(Val::Bool(true))),
    },
    PersonItem {
        key: "sentencing.fine",
        how: Norm::Plain,
        card: |p| p.sentencing.as_ref()?.fine.map(Val::Num),
        doc: |f| sentence_of(f, |s| s.fine.map(Val::Num)),
    },
    PersonItem {
        key: "offense_date",
        how: Norm::Plain,
        card: |p| p.offense_date.map(Val::Date),
        doc: |f| date_of(&f.offense_date),
    },
    PersonItem {
        key: "blood_alcohol",
        how: Norm::Plain,
        card: |p| p.blood_alcohol.map(Val::Num),
        doc: |f| num_of(&f.blood_alcohol),
    },
];

/// A case item compared one to one.
pub(crate) struct CaseItem {
    pub key: &'static str,
    pub how: Norm,
    pub card: fn(&Card) -> Option<Val>,
    pub doc: fn(&Doc<'_>) -> Stated,
}

pub(crate) const CASE_ITEMS: &[CaseItem] = &[
    CaseItem {
        key: "procuratorate",
        how: Norm::Plain,
        card: |c| c.procuratorate.clone().map(Val::Text),
        doc: |d| text_of(&d.ex.case.procuratorate),
    },
    CaseItem {
        key: "investigating_agency",
        how: Norm::Plain,
        card: |c| c.investigating_agency.clone().map(Val::Text),
        doc: |d| text_of(&d.ex.case.investigating_agency),
    },
    CaseItem {
        key: "transfer_date",
        how: Norm::Plain,
        card: |c| c.transfer_date.map(Val::Date),
        doc: |d| date_of(&d.ex.case.transfer_date),
    },
    CaseItem {
        key: "received_date",
        how: Norm::Plain,
        card: |c| c.received_date.map(Val::Date),
        doc: |d| date_of(&d.ex.case.received_date),
    },
    CaseItem {
        key: "transferred_charges",
        how: Norm::Charge,
        card: |c| some_list(&c.transferred_charges, any),
        doc: |d| {
            let facts: Vec<Fact<String>> =
                d.ex.persons
                    .iter()
                    .filter(|p| super::matching::is_suspect(p))
                    .flat_map(|p| p.charges.iter().cloned())
                    .collect();
            list_of(&facts, any)
        },
    },
    CaseItem {
        key: "extended",
        how: Norm::Plain,
        card: |c| c.extended.map(Val::Bool),
        doc: |d| bool_of(&d.ex.case.extended),
    },
    CaseItem {
        key: "procedure",
        how: Norm::Procedure,
        card: |c| c.procedure.clone().map(Val::Text),
        doc: |d| text_of(&d.ex.case.procedure),
    },
    CaseItem {
        key: "closed_date",
        how: Norm::Plain,
        card: |c| c.closed_date.map(Val::Date),
        doc: |d| date_of(&d.ex.case.date),
    },
    CaseItem {
        key: "indictment_number",
        how: Norm::DocNumber,
        card: |c| c.indictment_number.clone().map(Val::Text),
        doc: |d| {
            text_of(&d.ex.case.doc_number)
                .or_else(|| d.doc.doc_number.as_ref().map(|s| (Val::Text(s.text.clone()), vec![s.clone()])))
        },
    },
    CaseItem {
        key: "amount",
        how: Norm::Plain,
        card: |c| c.amount.map(Val::Num),
        doc: |d| num_of(&d.ex.case.amount),
    },
];
