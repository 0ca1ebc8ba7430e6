//! The WordprocessingML elements the walker acts on, recognised by namespace and local name
//! (any prefix; transitional and strict OOXML), and the kinds of parts it walks.

use quick_xml::name::ResolveResult;

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const NS_MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const NS_M: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";
const NS_M_STRICT: &str = "http://purl.oclc.org/ooxml/officeDocument/math";
const NS_VML: &str = "urn:schemas-microsoft-com:vml";

/// The kind of part walked, which names its expected root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum PartKind {
    Document,
    Header,
    Footer,
    Footnotes,
    Endnotes,
}

impl PartKind {
    pub(super) fn root(self) -> &'static str {
        match self {
            PartKind::Document => "document",
            PartKind::Header => "hdr",
            PartKind::Footer => "ftr",
            PartKind::Footnotes => "footnotes",
            PartKind::Endnotes => "endnotes",
        }
    }

    /// The part kind of a relationship type, for the furniture parts.
    pub fn of_relationship(kind: &str) -> Option<PartKind> {
        match kind {
            "header" => Some(PartKind::Header),
            "footer" => Some(PartKind::Footer),
            "footnotes" => Some(PartKind::Footnotes),
            "endnotes" => Some(PartKind::Endnotes),
            _ => None,
        }
    }
}

/// The elements that matter; everything else is walked through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    Other,
    P,
    PPr,
    R,
    RPr,
    T,
    Tab,
    Break,
    NoBreakHyphen,
    Sym,
    PStyle,
    /// Content imported from another part (HTML, text, another DOCX).
    AltChunk,
    NumPr,
    NumId,
    Ilvl,
    /// Hidden text, when in a run's properties.
    Vanish,
    /// A run's fonts (symbol fonts give their text a meaning of their own).
    RFonts,
    Tbl,
    Tr,
    TrPr,
    Tc,
    GridSpan,
    VMerge,
    GridBefore,
    TextBox,
    FldChar,
    /// A legacy check box form field (`w:ffData/w:checkBox`) and its state.
    CheckBox,
    Checked,
    Default,
    /// VML WordArt (`v:textpath`): its text is an attribute.
    TextPath,
    /// A content control; `true` once it is known to show its placeholder prompt.
    Sdt(bool),
    SdtPr,
    ShowingPlaceholder,
    SdtContent,
    /// `mc:AlternateContent`; `true` once a `mc:Choice` was read.
    Alternate(bool),
    Choice,
    Fallback,
    /// `w:del` / `w:moveFrom`: skipped, unless it marks a paragraph mark or a row as deleted.
    Deleted,
    /// A footnote or endnote.
    Note,
    /// Never text: deleted text, field codes, property-change records.
    Skipped,
}

pub(super) fn is_w(namespace: &str) -> bool {
    namespace == NS_W || namespace == NS_W_STRICT
}

pub(super) fn classify(ns: &ResolveResult<'_>, local: &str) -> Tag {
    let namespace = match ns {
        ResolveResult::Bound(n) => n.into_inner(),
        _ => "",
    };
    if is_w(namespace) {
        match local {
            "p" => Tag::P,
            "pPr" => Tag::PPr,
            "r" => Tag::R,
            "rPr" => Tag::RPr,
            "t" => Tag::T,
            "tab" | "ptab" => Tag::Tab,
            "br" | "cr" => Tag::Break,
            "noBreakHyphen" => Tag::NoBreakHyphen,
            "vanish" => Tag::Vanish,
            "rFonts" => Tag::RFonts,
            "pStyle" => Tag::PStyle,
            "altChunk" => Tag::AltChunk,
            "numPr" => Tag::NumPr,
            "numId" => Tag::NumId,
            "ilvl" => Tag::Ilvl,
            "sym" => Tag::Sym,
            "tbl" => Tag::Tbl,
            "tr" => Tag::Tr,
            "trPr" => Tag::TrPr,
            "tc" => Tag::Tc,
            "gridSpan" => Tag::GridSpan,
            "vMerge" => Tag::VMerge,
            "gridBefore" => Tag::GridBefore,
            "txbxContent" => Tag::TextBox,
            "fldChar" => Tag::FldChar,
            "checkBox" => Tag::CheckBox,
            "checked" => Tag::Checked,
            "default" => Tag::Default,
            "sdt" => Tag::Sdt(false),
            "sdtPr" => Tag::SdtPr,
            "showingPlcHdr" => Tag::ShowingPlaceholder,
            "sdtContent" => Tag::SdtContent,
            "del" | "moveFrom" => Tag::Deleted,
            "footnote" | "endnote" => Tag::Note,
            "delText" | "delInstrText" | "instrText" | "tblGridChange" | "rt" => Tag::Skipped,
            l if l.ends_with("PrChange") => Tag::Skipped,
            _ => Tag::Other,
        }
    } else if namespace == NS_MC {
        match local {
            "AlternateContent" => Tag::Alternate(false),
            "Choice" => Tag::Choice,
            "Fallback" => Tag::Fallback,
            _ => Tag::Other,
        }
    } else if (namespace == NS_M || namespace == NS_M_STRICT) && local == "t" {
        Tag::T
    } else if namespace == NS_VML && local == "textpath" {
        Tag::TextPath
    } else {
        Tag::Other
    }
}
