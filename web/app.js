// 案管 anguan — the front end: plain JavaScript, hash routes, one JSON API (/api/...).
// Offsets from the API are character offsets (Unicode scalar values); JavaScript strings count
// UTF-16 units, so every text is split with Array.from before slicing.
"use strict";

const $app = document.getElementById("app");

// ---------- helpers ----------
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const enc = encodeURIComponent;

async function api(path, opts) {
  const res = await fetch(path, opts);
  let body = null;
  try { body = await res.json(); } catch (_) { /* not JSON */ }
  if (!res.ok) {
    const msg = body && body.message ? body.message : `请求失败（HTTP ${res.status}）`;
    const err = new Error(msg);
    err.code = body && body.code;
    throw err;
  }
  return body;
}

function showError(e) {
  $app.innerHTML = `<div class="error">${esc(e.message || e)}</div>`;
}

// Wrap character ranges of `text` in tags. `marks` = [{start, end, open, close}], may overlap:
// the text is cut at every boundary and each piece opens the tags covering it.
function markText(text, marks) {
  const chars = Array.from(text);
  const n = chars.length;
  const cuts = new Set([0, n]);
  const ms = marks.filter((m) => m.end > m.start && m.start < n).map((m) => ({ ...m, end: Math.min(m.end, n) }));
  ms.forEach((m) => { cuts.add(m.start); cuts.add(m.end); });
  const pts = [...cuts].sort((a, b) => a - b);
  let out = "";
  for (let i = 0; i + 1 < pts.length; i++) {
    const [a, b] = [pts[i], pts[i + 1]];
    const piece = esc(chars.slice(a, b).join(""));
    const cover = ms.filter((m) => m.start <= a && m.end >= b);
    out += cover.map((m) => m.open).join("") + piece + cover.map((m) => m.close).reverse().join("");
  }
  return out;
}

function highlightSnippet(sn) {
  return markText(sn.text, (sn.highlights || []).map(([s, e]) => ({ start: s, end: e, open: "<mark>", close: "</mark>" })));
}

const KIND_NAMES = { missing: "漏填", mismatch: "错填", invalid: "错填(无效)", logic: "逻辑错误", late: "迟填", overdue: "超期", conflict: "文书矛盾", checklist: "要素缺失" };
const SEV_NAMES = { error: "错误", warning: "警告", info: "提示" };
const VERDICT_NAMES = { supported: "已载明", missing: "缺失", contradicted: "矛盾" };
const EL_NAMES = { person: "人员", amount: "金额", item: "物品", tool: "工具", time: "时间", date: "日期", place: "地点", organization: "机构", id_number: "身份证号", birth_date: "出生日期", gender: "性别", ethnicity: "民族", education: "文化程度", occupation: "职业", domicile: "户籍地", address: "住址", measure: "强制措施", charge: "罪名", statute: "法条", plea: "认罪认罚", sentence: "量刑", doc_number: "文号", blood_alcohol: "血液酒精" };
const EL_CLASS = (t) => ["person", "amount", "date", "time", "place", "charge", "statute", "id_number", "birth_date", "gender", "measure", "sentence", "plea"].includes(t) ? t : "other";

const CARD_CASE = [["case_number", "部门受案号"], ["case_name", "案件名称"], ["procuratorate", "承办单位"], ["prosecutor", "承办检察官"], ["investigating_agency", "移送单位"], ["transfer_date", "移送审查起诉日期"], ["received_date", "受理日期"], ["transferred_charges", "移送案由"], ["returns", "退回补充侦查"], ["extended", "延长审查期限"], ["procedure", "建议适用程序"], ["closed_date", "审结日期"], ["indictment_number", "起诉书文号"], ["amount", "涉案金额(元)"]];
const CARD_PERSON = [["name", "姓名"], ["gender", "性别"], ["birth_date", "出生日期"], ["id_number", "公民身份号码"], ["ethnicity", "民族"], ["education", "文化程度"], ["occupation", "职业"], ["domicile", "户籍地"], ["address", "住址"], ["prior_record", "有无前科"], ["recidivist", "是否累犯"], ["measures", "强制措施"], ["charges", "起诉罪名"], ["statutes", "援引法条"], ["plea", "是否认罪认罚"], ["plea_date", "具结书签署日期"], ["sentencing", "量刑建议"], ["disposal", "审结处理情况"], ["circumstances", "量刑情节"], ["offense_date", "犯罪时间"], ["blood_alcohol", "血液酒精含量"]];

function fmtValue(v) {
  if (v === null || v === undefined || v === "") return '<span class="muted">（空）</span>';
  if (typeof v === "boolean") return v ? "是" : "否";
  if (Array.isArray(v)) {
    if (!v.length) return '<span class="muted">（空）</span>';
    return v.map((x) => (typeof x === "object" ? fmtObj(x) : esc(x))).join("；");
  }
  if (typeof v === "object") return fmtObj(v);
  return esc(v);
}
function fmtObj(o) {
  if (o.kind && "date" in o) return `${esc(o.kind)} ${esc(o.date || "")}`;
  if ("returned_date" in o) return `退补 ${esc(o.returned_date || "?")} → 重报 ${esc(o.resubmitted_date || "?")}`;
  if (o.penalty) {
    const m = o.min_months === o.max_months ? `${o.min_months ?? "?"}个月` : `${o.min_months ?? "?"}–${o.max_months ?? "?"}个月`;
    return `${esc(o.kind || "")} ${esc(o.penalty)} ${m}${o.probation ? "，缓刑" : ""}${o.fine ? `，罚金${o.fine}元` : ""}`;
  }
  return esc(JSON.stringify(o));
}

// ---------- router ----------
const routes = [
  [/^#\/?$/, () => searchPage(new URLSearchParams())],
  [/^#\/search\??(.*)$/, (m) => searchPage(new URLSearchParams(m[1]))],
  [/^#\/case\/([^?]+)\??(.*)$/, (m) => casePage(decodeURIComponent(m[1]), new URLSearchParams(m[2]))],
  [/^#\/audit\??(.*)$/, (m) => auditPage(new URLSearchParams(m[1]))],
  [/^#\/upload$/, () => uploadPage()],
];

function route() {
  const h = location.hash || "#/";
  document.querySelectorAll("[data-nav]").forEach((a) => a.classList.toggle("active", h.startsWith("#/" + (a.dataset.nav === "search" ? "search" : a.dataset.nav)) || (a.dataset.nav === "search" && (h === "#/" || h === "#"))));
  for (const [re, fn] of routes) {
    const m = h.match(re);
    if (m) { Promise.resolve(fn(m)).catch(showError); return; }
  }
  $app.innerHTML = '<div class="error">页面不存在。<a href="#/">返回检索</a></div>';
}
window.addEventListener("hashchange", route);

// ---------- search ----------
async function searchPage(params) {
  const q = params.get("q") || "";
  const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  $app.innerHTML = `
    <div class="panel">
      <form class="searchbar" id="sf"><input type="search" id="q" name="q" placeholder="输入检索词，如：醉驾 取保候审、帮信 银行卡 2023、&quot;携带凶器&quot;" value="${esc(q)}" autofocus><button>检索</button></form>
      <div class="hint">支持：词语、"短语"、AND / OR / NOT / -排除词、筛选 类型:起诉书 罪名:盗窃罪 院:朝阳 日期:2023-01-01..2023-06-30</div>
    </div>
    <div id="results"></div>`;
  document.getElementById("sf").addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = "#/search?q=" + enc(document.getElementById("q").value.trim());
  });
  const $r = document.getElementById("results");
  if (!q) {
    const cases = await api("/api/cases");
    $r.innerHTML = `<div class="panel"><h2>案件（${cases.cases.length}）</h2>${casesTable(cases.cases)}</div>`;
    return;
  }
  let res;
  try {
    res = await api(`/api/search?q=${enc(q)}&page=${page}`);
  } catch (e) {
    $r.innerHTML = `<div class="error">${esc(e.message)}</div>`;
    return;
  }
  const facets = res.facets || {};
  const facetNames = { type: "文书类型", charge: "罪名", year: "年份", court: "检察院/法院" };
  const facetField = { type: "类型", charge: "罪名", year: "日期", court: "院" };
  const facetHtml = Object.keys(facetNames).filter((k) => (facets[k] || []).length).map((k) => `
    <h3>${facetNames[k]}</h3><ul>${facets[k].map((f) => {
      const filt = k === "year" ? `${facetField[k]}:${f.value}-01-01..${f.value}-12-31` : `${facetField[k]}:${f.value}`;
      return `<li><a href="#/search?q=${enc(q + " " + filt)}"><span>${esc(f.value)}</span><span class="muted">${f.count}</span></a></li>`;
    }).join("")}</ul>`).join("");
  const size = res.size || 10;
  const pages = Math.max(1, Math.ceil(res.total / size));
  $r.innerHTML = `
    <div class="layout">
      <aside class="panel facet">${facetHtml || '<span class="muted">无分面</span>'}</aside>
      <section class="panel">
        <div class="muted">共 ${res.total} 篇文书，用时 ${res.took_ms} 毫秒</div>
        ${res.hits.map((h) => `
          <div class="hit">
            <a href="#/case/${enc(h.case)}?doc=${enc(h.file)}&q=${enc(q)}"><b>${esc(h.case)}</b> · ${esc(h.file)}</a>
            <div class="meta"><span class="tag">${esc(h.type || "未识别")}</span> 得分 ${Number(h.score).toFixed(2)} · <a href="#/search?q=${enc("")}" data-similar="${esc(h.case)}">类案</a></div>
            ${(h.snippets || []).map((s) => `<div class="snippet">${highlightSnippet(s)}</div>`).join("")}
          </div>`).join("") || '<p class="muted">没有找到结果。可尝试更短的词，或去掉筛选条件。</p>'}
        <div class="pager">${page > 1 ? `<a class="btn ghost" href="#/search?q=${enc(q)}&page=${page - 1}">上一页</a>` : ""}
          <span class="muted">第 ${page} / ${pages} 页</span>
          ${page < pages ? `<a class="btn ghost" href="#/search?q=${enc(q)}&page=${page + 1}">下一页</a>` : ""}</div>
      </section>
    </div>`;
  $r.querySelectorAll("[data-similar]").forEach((a) => a.addEventListener("click", (ev) => { ev.preventDefault(); showSimilar(a.dataset.similar); }));
}

async function showSimilar(caseKey) {
  const res = await api(`/api/similar?case=${enc(caseKey)}`);
  const $r = document.getElementById("results") || document.getElementById("similar");
  $r.innerHTML = `<div class="panel"><h2>与 ${esc(caseKey)} 相似的案件</h2>${res.hits.map((h) => `
    <div class="hit"><a href="#/case/${enc(h.case)}"><b>${esc(h.case)}</b></a> <span class="muted">相似度 ${Number(h.score).toFixed(2)}</span>
    ${(h.snippets || []).map((s) => `<div class="snippet">${highlightSnippet(s)}</div>`).join("")}</div>`).join("") || '<p class="muted">没有相似案件。</p>'}</div>`;
}

function casesTable(cases) {
  if (!cases.length) return '<p class="muted">还没有案件。可在“上传案件”页面上传。</p>';
  return `<table><thead><tr><th>案件</th><th>部门受案号</th><th>罪名</th><th>文书</th><th>问题</th></tr></thead><tbody>${cases.map((c) => `
    <tr><td><a href="#/case/${enc(c.case)}">${esc(c.case)}</a></td><td>${esc(c.case_number || "")}</td><td>${esc((c.charges || []).join("、"))}</td>
    <td>${c.documents}</td><td>${c.findings ? `<span class="kind sev-error">${c.findings}</span>` : '<span class="muted">0</span>'}</td></tr>`).join("")}</tbody></table>`;
}

// ---------- case ----------
async function casePage(caseKey, params) {
  const c = await api(`/api/cases/${enc(caseKey)}`);
  const findings = c.findings || [];
  const flagged = new Map();
  findings.forEach((f, i) => { if (f.field) (flagged.get(f.field) || flagged.set(f.field, []).get(f.field)).push(i); });
  const isFlagged = (path) => [...flagged.keys()].some((k) => k === path || k.startsWith(path + ".") || k.startsWith(path + "["));
  const card = c.card;
  let cardHtml = '<p class="muted">本案没有案卡（card.json）。</p>';
  if (card) {
    const row = (path, label, v) => `<tr class="${isFlagged(path) ? "flagged" : ""}" data-field="${esc(path)}"><th>${label}</th><td>${fmtValue(v)}</td></tr>`;
    cardHtml = `<table>${CARD_CASE.map(([k, l]) => row(k, l, card[k])).join("")}</table>` + (card.persons || []).map((p, i) => `
      <h3>犯罪嫌疑人/被告人 ${i + 1}：${esc(p.name)}</h3><table>${CARD_PERSON.map(([k, l]) => row(`persons[${i}].${k}`, l, p[k])).join("")}</table>`).join("");
  }
  const docs = c.documents || [];
  const current = params.get("doc") || (docs[0] && docs[0].file) || "";
  $app.innerHTML = `
    <h1>${esc(c.case)} <span class="muted" style="font-size:14px">${esc(c.case_number || "")}</span></h1>
    ${(c.errors || []).map((e) => `<div class="error">无法读取 ${esc(e.file)}：${esc(e.error)}</div>`).join("")}
    <div class="panel"><h2>发现的问题（${findings.length}）</h2>
      ${findings.map((f, i) => `<div class="finding ${esc(f.severity)}${(f.evidence || []).length ? " has-ev" : ""}" data-finding="${i}" title="${(f.evidence || []).length ? "点击查看文书中的证据" : ""}">
        <span class="kind sev-${esc(f.severity)}">${KIND_NAMES[f.kind] || esc(f.kind)}</span> ${esc(f.message)}
        <div class="vals">${f.field ? `项目 ${esc(f.field)}` : ""}${f.card_value !== undefined && f.card_value !== null ? ` · 案卡：${fmtValue(f.card_value)}` : ""}${f.document_value !== undefined && f.document_value !== null ? ` · 文书：${fmtValue(f.document_value)}` : ""} · <code>${esc(f.rule)}</code></div>
      </div>`).join("") || '<div class="ok">未发现问题：案卡与文书一致。</div>'}
      <div id="similar"></div>
      <p><button class="ghost" id="simbtn">查找类案</button></p>
    </div>
    <div class="layout-case">
      <section class="panel"><h2>案卡</h2>${cardHtml}</section>
      <section class="panel">
        <div class="tabs">${docs.map((d) => `<button data-doc="${esc(d.file)}" class="${d.file === current ? "active" : ""}">${d.type && !d.file.startsWith(d.type) ? `${esc(d.type)} · ` : ""}${esc(d.file)}</button>`).join("")}</div>
        <div class="legend">${["person", "amount", "date", "place", "charge", "statute", "id_number", "measure", "sentence"].map((t) => `<span class="el el-${t}">${EL_NAMES[t]}</span>`).join("")}<span class="ev">问题证据</span></div>
        <div id="doc"></div>
      </section>
    </div>`;
  document.getElementById("simbtn").addEventListener("click", () => showSimilar(caseKey).catch(showError));
  $app.querySelectorAll("[data-doc]").forEach((b) => b.addEventListener("click", () => { location.hash = `#/case/${enc(caseKey)}?doc=${enc(b.dataset.doc)}`; }));
  $app.querySelectorAll("[data-finding]").forEach((el) => el.addEventListener("click", () => gotoFinding(caseKey, findings, +el.dataset.finding, current)));
  if (current) await showDocument(caseKey, current, findings, params.get("q") || "");
  const focus = params.get("finding");
  if (focus !== null && findings[+focus]) gotoFinding(caseKey, findings, +focus, current);
}

async function showDocument(caseKey, file, findings, q) {
  const d = await api(`/api/cases/${enc(caseKey)}/documents/${enc(file)}${q ? `?q=${enc(q)}` : ""}`);
  const marks = [];
  (d.elements || []).forEach((e) => marks.push({ start: e.start, end: e.end, open: `<span class="el el-${EL_CLASS(e.type)}" title="${esc((EL_NAMES[e.type] || e.type) + (e.role ? "·" + e.role : "") + "：" + (typeof e.value === "object" ? JSON.stringify(e.value) : e.value))}">`, close: "</span>" }));
  findings.forEach((f, i) => (f.evidence || []).forEach((ev, j) => {
    if ((ev.file || file) === file) marks.push({ start: ev.start, end: ev.end, open: `<span class="ev" id="ev-${i}-${j}" title="${esc(f.message)}">`, close: "</span>" });
  }));
  (d.query_highlights || []).forEach(([s, e]) => marks.push({ start: s, end: e, open: "<mark>", close: "</mark>" }));
  const cl = d.checklist;
  const clHtml = cl && cl.elements && cl.elements.length ? `<h3>要素检查（${esc((cl.packs || []).join("、"))}）</h3><table>${cl.elements.map((e) => `
    <tr><td><span class="verdict v-${esc(e.verdict)}">${VERDICT_NAMES[e.verdict] || esc(e.verdict)}</span></td><td>${esc(e.name)}${e.required ? "" : ' <span class="muted">（可选）</span>'}<div class="muted" style="font-size:13px">${esc(e.reason || "")}</div></td></tr>`).join("")}</table>` : "";
  document.getElementById("doc").innerHTML = `
    <div class="muted">类型：${esc(d.type || "未识别")} · 文号：${esc(d.doc_number ? d.doc_number.text : "—")} · ${d.chars} 字${d.pages > 1 ? ` · ${d.pages} 页` : ""}</div>
    <div class="doctext" id="doctext">${markText(d.text, marks)}</div>${clHtml}`;
  if (q) {
    const m = document.querySelector("#doctext mark");
    if (m) m.scrollIntoView({ block: "center" });
  }
}

// Show finding `idx`'s first evidence span: switch to its document if needed, scroll, flash.
function gotoFinding(caseKey, findings, idx, current) {
  const ev = (findings[idx].evidence || [])[0];
  if (!ev) return;
  const target = ev.file || current;
  if (target !== current) {
    location.hash = `#/case/${enc(caseKey)}?doc=${enc(target)}&finding=${idx}`;
    return;
  }
  const el = document.getElementById(`ev-${idx}-0`);
  if (el) {
    el.scrollIntoView({ block: "center", behavior: "smooth" });
    el.classList.remove("flash"); void el.offsetWidth; el.classList.add("flash");
  }
}

// ---------- audit ----------
async function auditPage(params) {
  const a = await api("/api/audit");
  const all = a.cases.flatMap((c) => c.findings.map((f, idx) => ({ ...f, idx, case: c.case, charges: c.charges || [] })));
  const kind = params.get("kind") || "", sev = params.get("severity") || "", rule = params.get("rule") || "", text = params.get("q") || "";
  const count = (key) => all.reduce((m, f) => { (Array.isArray(key(f)) ? key(f) : [key(f)]).forEach((k) => m.set(k, (m.get(k) || 0) + 1)); return m; }, new Map());
  const bars = (m, name) => { if (!m.size) return `<h3>${name}</h3><p class="muted">暂无问题</p>`; const max = Math.max(1, ...m.values()); return `<h3>${name}</h3><div class="bars">${[...m.entries()].sort((x, y) => y[1] - x[1]).slice(0, 12).map(([k, v]) => `<div><span class="lbl" title="${esc(k)}">${esc(k || "（无）")}</span><span class="bar" style="width:${Math.round(160 * v / max)}px"></span>${v}</div>`).join("")}</div>`; };
  const shown = all.filter((f) => (!kind || f.kind === kind) && (!sev || f.severity === sev) && (!rule || f.rule === rule) && (!text || JSON.stringify(f).includes(text)));
  const qs = (o) => "#/audit?" + new URLSearchParams({ kind, severity: sev, rule, q: text, ...o }).toString();
  const byKind = count((f) => f.kind);
  $app.innerHTML = `
    <h1>案卡质量检查 <span class="muted" style="font-size:14px">${a.cases.length} 件案件，${all.length} 个问题</span></h1>
    <div class="counts">${Object.keys(KIND_NAMES).map((k) => `<a class="count ${kind === k ? "active" : ""}" href="${qs({ kind: kind === k ? "" : k })}"><b>${byKind.get(k) || 0}</b>${KIND_NAMES[k]}</a>`).join("")}</div>
    <div class="layout">
      <aside class="panel">${bars(count((f) => f.rule), "按规则")}${bars(count((f) => f.charges), "按罪名")}${bars(count((f) => f.case), "按案件")}</aside>
      <section class="panel">
        <div class="filters">
          <select id="fsev"><option value="">全部级别</option>${Object.keys(SEV_NAMES).map((s) => `<option value="${s}" ${s === sev ? "selected" : ""}>${SEV_NAMES[s]}</option>`).join("")}</select>
          <input type="text" id="ftext" placeholder="筛选：案件、规则、内容" value="${esc(text)}">
          <span style="flex:1"></span>
          <a class="btn ghost" href="/api/audit/export?format=csv">导出 CSV</a>
          <a class="btn ghost" href="/api/audit/export?format=xlsx">导出 Excel</a>
          <a class="btn ghost" href="/api/audit/export?format=html" target="_blank">导出 HTML 报告</a>
        </div>
        ${(a.errors || []).map((e) => `<div class="error">无法读取 ${esc(e.file)}：${esc(e.error)}</div>`).join("")}
        <table><thead><tr><th>案件</th><th>类型</th><th>问题</th><th>项目</th></tr></thead><tbody>
        ${shown.map((f) => `<tr><td><a href="#/case/${enc(f.case)}">${esc(f.case)}</a></td><td><span class="kind sev-${esc(f.severity)}">${KIND_NAMES[f.kind] || esc(f.kind)}</span></td><td>${(f.evidence || []).length ? `<a href="#/case/${enc(f.case)}?finding=${f.idx}">${esc(f.message)}</a>` : esc(f.message)}<div class="muted" style="font-size:12px">${esc(f.rule)}</div></td><td>${esc(f.field || "")}</td></tr>`).join("") || '<tr><td colspan="4" class="muted">没有符合条件的问题。</td></tr>'}
        </tbody></table>
      </section>
    </div>`;
  document.getElementById("fsev").addEventListener("change", (e) => { location.hash = qs({ severity: e.target.value }); });
  document.getElementById("ftext").addEventListener("change", (e) => { location.hash = qs({ q: e.target.value }); });
}

// ---------- upload ----------
function uploadPage() {
  $app.innerHTML = `
    <div class="panel"><h1>上传案件</h1>
      <p class="muted">上传一个案件文件夹的 .zip（内含 card.json 和文书），或选择若干文书（.docx / .pdf / .txt）和案卡，放入新案件或已有案件。上传后立即解析、建立索引并检查案卡。</p>
      <form id="uf">
        <div class="row"><label for="case">案件名称</label><input type="text" id="case" name="case" placeholder="如 2024-盗窃-101（上传 zip 时可留空）"></div>
        <div class="row"><label for="files">文件</label><input type="file" id="files" name="files" multiple accept=".zip,.docx,.pdf,.txt,.json"></div>
        <div class="drop" id="drop">也可以把文件拖到这里</div>
        <div class="row"><button id="upbtn">上传并检查</button><span id="upstatus" class="muted"></span></div>
      </form>
      <div id="upresult"></div>
    </div>`;
  const $files = document.getElementById("files");
  const $drop = document.getElementById("drop");
  let dropped = null;
  $drop.addEventListener("dragover", (e) => { e.preventDefault(); $drop.classList.add("over"); });
  $drop.addEventListener("dragleave", () => $drop.classList.remove("over"));
  $drop.addEventListener("drop", (e) => { e.preventDefault(); $drop.classList.remove("over"); dropped = e.dataTransfer.files; $drop.textContent = `已选择 ${dropped.length} 个文件`; });
  document.getElementById("uf").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const files = dropped && dropped.length ? dropped : $files.files;
    const $status = document.getElementById("upstatus");
    const $res = document.getElementById("upresult");
    if (!files.length) { $res.innerHTML = '<div class="error">请先选择文件。</div>'; return; }
    const fd = new FormData();
    const name = document.getElementById("case").value.trim();
    if (name) fd.append("case", name);
    for (const f of files) fd.append("files", f, f.name);
    $status.textContent = "正在上传、解析和检查…";
    try {
      const r = await api("/api/upload", { method: "POST", body: fd });
      $status.textContent = "";
      $res.innerHTML = `<div class="ok">已导入案件 <a href="#/case/${enc(r.case)}">${esc(r.case)}</a>：${r.documents} 篇文书，发现 ${r.findings.length} 个问题。</div>
        ${(r.errors || []).map((e) => `<div class="error">无法读取 ${esc(e.file)}：${esc(e.error)}</div>`).join("")}
        ${r.findings.map((f) => `<div class="finding ${esc(f.severity)}"><span class="kind sev-${esc(f.severity)}">${KIND_NAMES[f.kind] || esc(f.kind)}</span> ${esc(f.message)}</div>`).join("")}`;
    } catch (e) {
      $status.textContent = "";
      $res.innerHTML = `<div class="error">${esc(e.message)}</div>`;
    }
  });
}

route();
