//! Fonts: how the bytes of a shown string become codes, text and advance widths.
//!
//! A [`Font`] is built once per font dictionary. It splits a string into codes (one byte for
//! simple fonts; the code space of the Type0 font's CMap — Identity is two bytes, EUC/GBK one
//! or two), and gives each code its text and its advance (glyph space / 1000, from `/Widths`
//! or `/W` and `/DW`, `/W2`-less vertical fonts advance by `/DW2`'s second entry).
//!
//! Text comes from, in order: the ToUnicode CMap; the predefined CMap named by a Type0 font
//! (GBK, UCS-2, Big5 …; see [`super::encoding`]); GBK bytes for non-embedded Chinese simple
//! fonts without differences; the simple font's encoding table. A code with no text yields a
//! glyph with empty text (it still advances the pen).

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::cmap::{CMap, Code};
use super::encoding::{self, BaseEncoding, PredefinedCMap};
use super::walk::Budget;
use crate::ingest::IngestError;

/// One code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub text: String,
    /// Horizontal advance (vertical fonts: vertical advance, negative = down) in text space units
    /// per unit of font size.
    pub advance: f32,
    /// A single-byte code 32: word spacing applies to it.
    pub is_space_code: bool,
}

#[derive(Debug)]
enum Kind {
    /// One byte per code, text from the table (and ToUnicode).
    Simple { table: Vec<String>, widths: HashMap<u32, f32>, default_width: f32, gbk: bool },
    /// Type0 (CID) font.
    Composite {
        splitter: Splitter,
        widths: HashMap<u32, f32>,
        default_width: f32,
        vertical_advance: f32,
        /// Ordering `Identity`/`UCS`: codes ToUnicode does not map are taken as Unicode, as poppler does.
        codes_are_unicode: bool,
    },
}

#[derive(Debug)]
enum Splitter {
    Predefined(PredefinedCMap),
    Embedded(CMap),
}

/// A font ready to decode strings.
#[derive(Debug)]
pub struct Font {
    kind: Kind,
    to_unicode: Option<CMap>,
    /// Glyph space → text space scale (1/1000 except Type3 fonts' FontMatrix).
    scale: f32,
    pub vertical: bool,
}

fn number(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|f| f.is_finite())
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| deref(doc, o))
}

/// Read a stream's decoded content within the budget.
fn stream_bytes(doc: &Document, o: &Object, budget: &mut Budget) -> Result<Option<Vec<u8>>, IngestError> {
    match deref(doc, o) {
        Object::Stream(s) => budget.decode(s).map(Some),
        _ => Ok(None),
    }
}

/// Most CIDs given a width by one `/W` array, and most widths read from it (ranges may
/// overlap, so the CIDs kept do not bound the work).
const MAX_CID_WIDTHS: usize = 200_000;
const MAX_WIDTHS_READ: usize = 4 * MAX_CID_WIDTHS;

/// Parse `/W` arrays: `c [w1 w2 …]` and `cfirst clast w`.
fn cid_widths(w: &[Object], doc: &Document) -> HashMap<u32, f32> {
    let mut widths = HashMap::new();
    let mut read = 0usize;
    let mut i = 0;
    while let Some(first) = w.get(i).and_then(number) {
        let first = first as u32;
        let room = MAX_WIDTHS_READ.saturating_sub(read);
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().filter_map(number).take(room).enumerate() {
                    widths.insert(first.saturating_add(k as u32), v);
                }
                read += list.len();
                i += 2;
            }
            Some(o) => {
                let (Some(last), Some(v)) = (number(o), w.get(i + 2).and_then(number)) else { break };
                let last = (last as u32).min(first.saturating_add(0xFFFF));
                for c in (first..=last).take(room) {
                    widths.insert(c, v);
                }
                read += last.saturating_sub(first) as usize + 1;
                i += 3;
            }
            None => break,
        }
        if widths.len() > MAX_CID_WIDTHS || read >= MAX_WIDTHS_READ {
            break;
        }
    }
    widths
}

fn is_embedded(descriptor: Option<&Dictionary>) -> bool {
    descriptor.is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"))
}

impl Font {
    /// Build a font from its dictionary. Never fails on odd fonts (falls back to defaults); only
    /// the decompression budget can stop it.
    pub fn load(dict: &Dictionary, doc: &Document, budget: &mut Budget) -> Result<Font, IngestError> {
        let subtype = get(doc, dict, b"Subtype").and_then(|o| o.as_name().ok()).unwrap_or_default();
        let to_unicode = match dict.get(b"ToUnicode") {
            Ok(o) => stream_bytes(doc, o, budget)?.map(|b| CMap::parse(&b)).filter(|c| !c.unicode.is_empty()),
            Err(_) => None,
        };
        if subtype == b"Type0" {
            return Font::load_composite(dict, doc, budget, to_unicode);
        }
        let base_font = get(doc, dict, b"BaseFont").and_then(|o| o.as_name().ok()).unwrap_or_default();
        let descriptor = get(doc, dict, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        let default = if subtype == b"TrueType" { BaseEncoding::WinAnsi } else { BaseEncoding::Standard };
        let (table, has_differences) = encoding::simple_table(get(doc, dict, b"Encoding"), doc, default);
        let gbk = to_unicode.is_none()
            && !has_differences
            && !is_embedded(descriptor)
            && (encoding::is_chinese_font_name(base_font)
                || descriptor
                    .and_then(|d| get(doc, d, b"FontName"))
                    .and_then(|o| o.as_name().or_else(|_| o.as_str()).ok())
                    .is_some_and(encoding::is_chinese_font_name));
        let first = get(doc, dict, b"FirstChar").and_then(number).unwrap_or(0.0) as u32;
        let widths: HashMap<u32, f32> = get(doc, dict, b"Widths")
            .and_then(|o| o.as_array().ok())
            .map(|list| {
                list.iter()
                    .take(256)
                    .enumerate()
                    .filter_map(|(k, o)| Some((first.checked_add(k as u32)?, number(deref(doc, o))?)))
                    .collect()
            })
            .unwrap_or_default();
        let missing = descriptor.and_then(|d| get(doc, d, b"MissingWidth")).and_then(number);
        let scale = if subtype == b"Type3" {
            get(doc, dict, b"FontMatrix")
                .and_then(|o| o.as_array().ok())
                .and_then(|m| m.first())
                .and_then(number)
                .map_or(0.001, f32::abs)
        } else {
            0.001
        };
        // Without widths (standard 14 fonts) assume a typical Latin width.
        let default_width =
            missing.filter(|w| *w > 0.0).unwrap_or(if widths.is_empty() { 500.0 } else { 0.0 });
        let default_width = if scale == 0.001 { default_width } else { 500.0 * 0.001 / scale };
        Ok(Font {
            kind: Kind::Simple { table, widths, default_width, gbk },
            to_unicode,
            scale,
            vertical: false,
        })
    }

    fn load_composite(
        dict: &Dictionary,
        doc: &Document,
        budget: &mut Budget,
        to_unicode: Option<CMap>,
    ) -> Result<Font, IngestError> {
        let (splitter, vertical) = match dict.get(b"Encoding").map(|o| deref(doc, o)) {
            Ok(Object::Name(name)) => {
                let vertical = name.ends_with(b"-V");
                (
                    Splitter::Predefined(PredefinedCMap::from_name(name).unwrap_or(PredefinedCMap::Identity)),
                    vertical,
                )
            }
            Ok(o @ Object::Stream(s)) => {
                let vertical = s.dict.get(b"WMode").ok().and_then(number) == Some(1.0);
                let cmap = stream_bytes(doc, o, budget)?.map(|b| CMap::parse(&b)).unwrap_or_default();
                if cmap.codespace.is_empty() {
                    (Splitter::Predefined(PredefinedCMap::Identity), vertical)
                } else {
                    (Splitter::Embedded(cmap), vertical)
                }
            }
            _ => (Splitter::Predefined(PredefinedCMap::Identity), false),
        };
        let descendant = get(doc, dict, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o).as_dict().ok());
        let ordering = descendant
            .and_then(|d| get(doc, d, b"CIDSystemInfo"))
            .and_then(|o| o.as_dict().ok())
            .and_then(|info| get(doc, info, b"Ordering"))
            .and_then(|o| o.as_str().ok())
            .unwrap_or_default();
        let codes_are_unicode = matches!(ordering, b"Identity" | b"UCS");
        let (widths, default_width, vertical_advance) = match descendant {
            Some(d) => {
                let widths = get(doc, d, b"W")
                    .and_then(|o| o.as_array().ok())
                    .map(|w| cid_widths(w, doc))
                    .unwrap_or_default();
                let dw = get(doc, d, b"DW").and_then(number).unwrap_or(1000.0);
                let dw2 = get(doc, d, b"DW2")
                    .and_then(|o| o.as_array().ok())
                    .and_then(|a| a.get(1))
                    .and_then(number)
                    .unwrap_or(-1000.0);
                (widths, dw, dw2)
            }
            None => (HashMap::new(), 1000.0, -1000.0),
        };
        Ok(Font {
            kind: Kind::Composite { splitter, widths, default_width, vertical_advance, codes_are_unicode },
            to_unicode,
            scale: 0.001,
            vertical,
        })
    }

    /// Decode a shown string into glyphs.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Glyph> {
        match &self.kind {
            Kind::Simple { table, widths, default_width, gbk } => {
                let mut glyphs = Vec::with_capacity(bytes.len());
                let mut i = 0;
                while let Some(&b) = bytes.get(i) {
                    let width = |c: u8| widths.get(&u32::from(c)).copied().unwrap_or(*default_width);
                    if *gbk && b >= 0x81 && bytes.get(i + 1).is_some() {
                        let pair = bytes.get(i..i + 2).unwrap_or_default();
                        let advance = pair.iter().map(|&c| width(c)).sum::<f32>() * self.scale;
                        glyphs.push(Glyph {
                            text: encoding::decode_gbk(pair),
                            advance,
                            is_space_code: false,
                        });
                        i += 2;
                        continue;
                    }
                    let text = self.unicode((u32::from(b), 1)).or_else(|| table.get(usize::from(b)).cloned());
                    glyphs.push(Glyph {
                        text: text.unwrap_or_default(),
                        advance: width(b) * self.scale,
                        is_space_code: b == b' ',
                    });
                    i += 1;
                }
                glyphs
            }
            Kind::Composite { splitter, widths, default_width, vertical_advance, codes_are_unicode } => {
                let codes: Vec<(Code, &[u8])> = match splitter {
                    Splitter::Embedded(cmap) => {
                        let mut at = 0;
                        cmap.split_codes(bytes)
                            .into_iter()
                            .map(|code| {
                                let len = usize::from(code.1);
                                let raw = bytes.get(at..at + len).unwrap_or_default();
                                at += len;
                                (code, raw)
                            })
                            .collect()
                    }
                    Splitter::Predefined(p) => {
                        let mut out = Vec::with_capacity(bytes.len() / 2);
                        let mut i = 0;
                        while let Some(&lead) = bytes.get(i) {
                            let end = (i + p.code_len(lead)).min(bytes.len());
                            let raw = bytes.get(i..end).unwrap_or_default();
                            let value = raw.iter().fold(0u32, |acc, &c| (acc << 8) | u32::from(c));
                            out.push(((value, raw.len() as u8), raw));
                            i = end.max(i + 1);
                        }
                        out
                    }
                };
                codes
                    .into_iter()
                    .map(|(code, raw)| {
                        let cid = self.cid(code, splitter);
                        let text = self
                            .unicode(code)
                            .or_else(|| match splitter {
                                Splitter::Predefined(p) => p.text(raw),
                                Splitter::Embedded(_) => None,
                            })
                            .or_else(|| {
                                let c = char::from_u32(code.0).filter(|c| !c.is_control())?;
                                codes_are_unicode.then(|| c.to_string())
                            })
                            .unwrap_or_default();
                        let advance = if self.vertical {
                            *vertical_advance * self.scale
                        } else {
                            widths.get(&cid).copied().unwrap_or(*default_width) * self.scale
                        };
                        Glyph { text, advance, is_space_code: code == (32, 1) }
                    })
                    .collect()
            }
        }
    }

    fn unicode(&self, code: Code) -> Option<String> {
        let map = self.to_unicode.as_ref()?;
        map.unicode.get(&code).cloned().or_else(|| {
            // Some writers declare one-byte codes but map them as two bytes, or the reverse.
            let other_len = if code.1 == 1 { 2 } else { 1 };
            if code.0 < 256 { map.unicode.get(&(code.0, other_len)).cloned() } else { None }
        })
    }

    /// The CID of a code, for widths: Identity codes are CIDs; embedded CMaps say; for EUC-like
    /// predefined CMaps one-byte codes map to the proportional Latin CIDs (0x20 → 1).
    fn cid(&self, code: Code, splitter: &Splitter) -> u32 {
        match splitter {
            Splitter::Embedded(cmap) => cmap.cids.get(&code).copied().unwrap_or(code.0),
            Splitter::Predefined(PredefinedCMap::Identity) => code.0,
            Splitter::Predefined(_) if code.1 == 1 && code.0 >= 0x20 => code.0 - 0x1F,
            Splitter::Predefined(_) => u32::MAX,
        }
    }
}
