// End-to-end tests of anguan's web app in headless Debian Chromium, driven by playwright-core.
// Starts `target/debug/anguan serve` on a fresh data folder (filled from corpus/) and a free
// loopback port, then walks the pages as a reviewer would. Screenshots go to screenshots/.
// Closing line: "N passed, N failed, N skipped".
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const bin = process.env.ANGUAN_BIN || path.join(repo, "target/debug/anguan");
const shots = path.join(here, "screenshots");
fs.mkdirSync(shots, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "anguan-e2e-"));

const results = { passed: 0, failed: 0, skipped: 0 };
class Skip extends Error {}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// A stored (uncompressed) zip of [name, Buffer] entries.
function zipStore(entries) {
  const locals = [], centrals = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, "utf8");
    const crc = zlib.crc32(data) >>> 0;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0x0800, 6); h.writeUInt16LE(0, 8);
    h.writeUInt32LE(0, 10); h.writeUInt32LE(crc, 14); h.writeUInt32LE(data.length, 18); h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(n.length, 26); h.writeUInt16LE(0, 28);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(0, 10); c.writeUInt32LE(0, 12); c.writeUInt32LE(crc, 16); c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(0, 30); c.writeUInt32LE(0, 34);
    c.writeUInt32LE(0, 38); c.writeUInt32LE(offset, 42);
    locals.push(h, n, data);
    centrals.push(c, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function startServer(port) {
  const data = path.join(tmp, "data");
  const child = spawn(bin, ["serve", "--data", data, "--corpus", path.join(repo, "corpus"), "--addr", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server not ready after 300 s\n" + stderr)), 300_000);
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/ready: (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); console.log(out.trim()); resolve(m[1]); }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited (${code})\n${stderr}`)); });
  });
  return { child, ready };
}

async function step(name, fn) {
  try {
    await fn();
    results.passed++;
    console.log(`ok    ${name}`);
  } catch (e) {
    if (e instanceof Skip) { results.skipped++; console.log(`skip  ${name}: ${e.message}`); return; }
    results.failed++;
    console.log(`FAIL  ${name}: ${e.stack || e}`);
  }
}

function assert(cond, msg) { if (!cond) throw new Error(msg); }

async function inViewport(page, selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });
}

const port = await freePort();
const server = startServer(port);
let context;
try {
  const base = await server.ready;
  context = await chromium.launchPersistentContext(path.join(tmp, "profile"), {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1366, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = context.pages()[0] || (await context.newPage());
  const consoleErrors = [];
  page.on("pageerror", (e) => consoleErrors.push(String(e)));

  await step("home lists the cases", async () => {
    await page.goto(`${base}/#/`);
    await page.waitForSelector("table a[href^='#/case/']");
    const n = await page.locator("table a[href^='#/case/']").count();
    assert(n >= 8, `expected the corpus's 8 cases, saw ${n}`);
    await page.screenshot({ path: path.join(shots, "01-home.png"), fullPage: true });
  });

  await step("search a term and see it highlighted", async () => {
    await page.fill("#q", "盗窃");
    await page.press("#q", "Enter");
    await page.waitForSelector(".hit .snippet mark");
    const marks = await page.locator(".hit .snippet mark").allTextContents();
    assert(marks.length > 0 && marks.every((m) => m === "盗窃"), `marks: ${marks}`);
    assert(await page.locator(".facet h3").count() > 0, "facets shown");
    await page.screenshot({ path: path.join(shots, "02-search.png"), fullPage: true });
  });

  await step("open a case from a hit: card beside the highlighted document", async () => {
    await page.locator(".hit a[href^='#/case/']").first().click();
    await page.waitForSelector("#doctext");
    await page.waitForSelector("#doctext mark");
    assert(await inViewport(page, "#doctext mark"), "the first query match is scrolled into view");
    assert(await page.locator("#doctext .el").count() > 0, "elements highlighted");
    assert(await page.locator("section.panel h2:text('案卡') + table tr").count() > 5, "card items shown");
    await page.screenshot({ path: path.join(shots, "03-case.png") });
  });

  await step("click a finding and land on its evidence", async () => {
    // Every case with a finding that points into a document, until one is found.
    const { cases } = await (await page.request.get(`${base}/api/audit`)).json();
    const target = cases.find((c) => c.findings.some((f) => (f.evidence || []).length));
    if (!target) throw new Skip("no finding with evidence in this collection");
    await page.goto(`${base}/#/case/${encodeURIComponent(target.case)}`);
    await page.waitForSelector("#doctext");
    const findings = page.locator("[data-finding].has-ev");
    const idx = await findings.first().getAttribute("data-finding");
    await findings.first().click();
    await page.waitForSelector(`#ev-${idx}-0`);
    await page.waitForTimeout(1000);
    assert(await inViewport(page, `#ev-${idx}-0`), "the evidence is in the viewport");
    await page.screenshot({ path: path.join(shots, "04-finding.png") });
  });

  await step("similar cases from a case", async () => {
    await page.click("#simbtn");
    await page.waitForSelector("#similar .hit, #similar p.muted");
    const n = await page.locator("#similar .hit").count();
    assert(n > 0, "similar cases listed");
  });

  await step("upload a case (zip) and see its result", async () => {
    const src = path.join(repo, "corpus", "2023-诈骗-001");
    const entries = fs.readdirSync(src).filter((f) => !f.endsWith(".pdf")).map((f) => [`2023-诈骗-001/${f}`, fs.readFileSync(path.join(src, f))]);
    const zipPath = path.join(tmp, "上传案件.zip");
    fs.writeFileSync(zipPath, zipStore(entries));
    await page.goto(`${base}/#/upload`);
    await page.fill("#case", "2024-上传-001");
    await page.setInputFiles("#files", zipPath);
    await page.click("#upbtn");
    await page.waitForSelector("#upresult .ok, #upresult .error", { timeout: 120_000 });
    const ok = await page.locator("#upresult .ok").textContent();
    assert(ok && ok.includes("2024-上传-001"), `result: ${ok}`);
    await page.screenshot({ path: path.join(shots, "05-upload.png"), fullPage: true });
    await page.click("#upresult .ok a");
    await page.waitForSelector("#doctext");
    await page.screenshot({ path: path.join(shots, "06-uploaded-case.png") });
  });

  await step("a refused upload shows a Chinese error", async () => {
    const evil = path.join(tmp, "evil.zip");
    fs.writeFileSync(evil, zipStore([["../../evil.txt", Buffer.from("x")]]));
    await page.goto(`${base}/#/upload`);
    await page.fill("#case", "2024-上传-002");
    await page.setInputFiles("#files", evil);
    await page.click("#upbtn");
    const msg = await (await page.waitForSelector("#upresult .error")).textContent();
    assert(/不安全/.test(msg), `message: ${msg}`);
  });

  await step("audit dashboard lists findings; CSV, XLSX and HTML export", async () => {
    await page.goto(`${base}/#/audit`);
    await page.waitForSelector(".counts");
    const n = await page.locator("tbody tr td a[href^='#/case/']").count();
    assert(n > 0, "findings listed");
    await page.screenshot({ path: path.join(shots, "07-audit.png"), fullPage: true });
    for (const format of ["csv", "xlsx", "html"]) {
      const res = await page.request.get(`${base}/api/audit/export?format=${format}`);
      assert(res.status() === 200, `export ${format}: HTTP ${res.status()}`);
      assert(/attachment/.test(res.headers()["content-disposition"] || ""), `export ${format} is an attachment`);
    }
  });

  await step("no script errors", async () => { assert(consoleErrors.length === 0, consoleErrors.join("\n")); });
} catch (e) {
  results.failed++;
  console.log(`FAIL  setup: ${e.stack || e}`);
} finally {
  if (context) await context.close().catch(() => {});
  server.child.kill("SIGINT");
  await new Promise((r) => { server.child.once("exit", r); setTimeout(r, 5000); });
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(results.failed ? 1 : 0);
