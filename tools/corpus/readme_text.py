"""The fixed parts of corpus/README.md (the table in between is generated from the cases)."""

HEAD = """# corpus/ — the bundled sample collection

Fictitious 审查起诉 case folders for anguan's commands and tests (spec `case-format.md` §1). Every name,
ID number, plate, address and number is invented; ID numbers are valid-format (GB 11643 checksum,
birth date and gender digit consistent) unless a case injects a typo on purpose.

**Generated — do not edit by hand.** Everything here is written by `tools/corpus/make_corpus.py` from the
case data in `tools/corpus/cases_a.py` and `cases_b.py` (one `Case` value per folder: facts, persons,
procedure, documents and injected errors). Run `python3 tools/corpus/make_corpus.py` (needs python-docx
and LibreOffice for the PDFs) and commit the result; the output is byte-for-byte reproducible.
`python3 tools/corpus/check_text.py` reads the documents back (python-docx, pdftotext) and checks that the
card values appear in them, except the items a truth finding names.

Each folder holds:

- the documents (起诉意见书, 起诉书, 量刑建议书, 认罪认罚具结书, 不起诉决定书, 刑事判决书) as DOCX (python-docx:
  centred bold titles, tables for evidence/量刑情节/扣押物品), PDF (LibreOffice from such a DOCX; the DOCX is
  not kept) or TXT (UTF-8, UTF-8 with BOM, or GBK with CRLF line ends);
- `card.json` — the case card (schema `anguan.card/1`), built from the same values as the documents, with
  the injected card errors applied;
- `truth.json` — `{"schema": "anguan.truth/1", "clean": bool, "findings": [{"kind", "field", "note"}]}`: every
  problem injected into the case, and nothing else. An audit of the folder should report exactly these
  (kind, field) pairs.

"""

TAIL = """
## Conventions the truth relies on

These are the readings of spec §2/§3 that the clean parts of the corpus follow; an auditor that reads
them differently will report false findings on clean items.

- **Clean means clean.** Every item a document states is on the card with the same value (after
  normalisation: `初中文化` = `初中`, `2023年6月13日` = `2023-06-13`, `人民币6,850元` = 6850, `第二百六十四条` =
  `刑法第264条`, `拘役二个月` = 2 months); dates are in order (犯罪 ≤ 拘留 ≤ 逮捕/取保 ≤ 移送 ≤ 受理 ≤ 具结书 ≤ 审结);
  审查起诉 ends within one month of 受理 (of the last 补查重报 after a 退补; +15 days when extended; 速裁 within
  10 days); every 退补 lasts at most one month; 受理 is the day of 移送 or the next day; every `recorded_at`
  timestamp is on the day of its event or the next day (the late ones are 14+ days late).
- `recorded_at` keys used: `transfer_date`, `received_date` (event: 受理 date), `persons[i].plea_date`,
  `closed_date`. Measures are not timestamped (they happen before the case reaches the procuratorate).
- `statutes`: the 刑法 articles the decisive document (起诉书 or 不起诉决定书) cites for that person, in citation
  order, normalised (`刑法第133条之一第1款第2项`, `刑法第25条第1款`, `刑法第67条第3款`); articles of the
  刑事诉讼法 (第15条, 第176条, 第177条) are not listed. 起诉意见书, 量刑建议书 and 判决书 cite the same 刑法 articles
  (except the police charge article in `2023-帮信-001`).
- `charges`: the 罪名 of the 起诉书 (or, for 不起诉, the 罪名 the person was examined for). Selective charges are
  written as the documents write them: `贩卖毒品罪`, `掩饰、隐瞒犯罪所得罪`. `transferred_charges` is the police
  charge of the 起诉意见书; in `2023-帮信-001` the police charged 诈骗罪 and the procuratorate 帮助信息网络犯罪
  活动罪 — a legitimate 改变定性, not a 文书矛盾.
- `amount`: the sum of the crime the documents name — the total written `共计…人民币X元` where there are several
  sums (theft value, fraud, 帮信 支付结算 amount, 掩隐 amount, gambling 违法所得/抽头渔利, drug proceeds, 强拿硬要),
  or the single sum where there is one (`2024-毒品-002`: 毒资1,200元). Other sums in the facts (a victim's part of
  the total, stakes, pay, seized cash) are not the card amount. Cases with no sum of the crime (危险驾驶, 交通肇事,
  故意伤害, `2023-寻衅滋事-001`) have no `amount`; their documents state compensation without a figure.
- `circumstances`: exactly those the 本院认为 paragraph states, from 累犯, 从犯, 自首, 坦白, 退赃退赔, 取得谅解, 认罪认罚.
- `blood_alcohol`: the **blood** result (`血液中乙醇含量为168.3mg/100ml`); a breath result (`呼气酒精含量…152mg/100ml`)
  is not the card value.
- `prosecutor` is written without spaces on the card; documents space two-character names in the signature
  (`检察官  陈  静`).
- `closed_date` is the date printed on the 起诉书 / 不起诉决定书; a 判决书 cites the same date as the 提起公诉 date
  and adopts the 量刑建议 exactly.
- When two documents disagree (kind `conflict`), the card agrees with the 起诉书; the truth lists the
  conflict only, not a `mismatch` against the odd document out.
- `invalid` findings on an ID: a typo that breaks the checksum is `invalid` on `id_number` (and `mismatch`
  against the documents); a wrong card birth date or gender with a valid ID is `invalid` on `birth_date` /
  `gender` (the ID contradicts it) and `mismatch` against the documents.
- `overdue` findings carry the field `closed_date` (the review ended too late).
- A date-order `logic` finding names the card item that is out of order; where the other date of the pair
  is confirmed by a document (`closed_date` = the date on the 起诉书, `received_date` = the day of the
  documents' 移送), the unconfirmed one is the wrong one: in `2024-交通肇事-002` the 具结书 date after 审结
  is reported on `persons[0].plea_date`, not on `closed_date`.
- `checklist` findings carry provisional element ids (`theft.amount`, `drunk_driving.blood_alcohol`,
  `traffic.responsibility`): rename them here when the checklist packs fix their ids. Charge checklists
  are meant for documents with a facts section (起诉意见书, 起诉书, 不起诉决定书, 判决书); 量刑建议书 and
  具结书 restate the charge and the recommendation, not the facts.
"""
