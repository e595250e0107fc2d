#!/usr/bin/env node
// Full-page screenshots of each language's first bulletin, and a font check
// through the DevTools protocol (CSS.getPlatformFontsForNode):
//   - zh: the h1 and the first narrative paragraph must be drawn (at least
//     partly) by a CJK font;
//   - vi: the h1 must be drawn by a real font with glyphs (not LastResort);
//   - every language: <html lang> names the folder (zh/ must be "zh-Hans").
//
// usage: node tests/e2e/screenshots.mjs [folder] [outdir] [--narrative=CSS]
//   folder       site root (default: <repo>/output)
//   outdir       where bulletin-<lang>.png go (default: <repo>/target/screenshots)
//   --narrative  selector for narrative paragraphs (default: ".narrative p",
//                then "main p", then "article p"); the first paragraph that
//                contains a letter is probed
// Exit 1 on a failed assertion or a page that does not load.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, siteDir, serve, launch, blockExternal, languages, firstIn, pageUrl, REPO_ROOT } from './lib.mjs';

const CJK = /CJK|Han|Noto Sans SC|Noto Serif SC|Source Han|WenQuanYi|Droid Sans Fallback/i;
const BAD_FONT = /LastResort/i;

const { flags, positional } = parseArgs(process.argv.slice(2));
const NARRATIVE = flags.narrative ? [flags.narrative] : ['.narrative p', 'main p', 'article p'];
const dir = siteDir(positional[0]);
const outDir = path.resolve(positional[1] || path.join(REPO_ROOT, 'target', 'screenshots'));
fs.mkdirSync(outDir, { recursive: true });

const findings = [];
const fail = (msg) => { findings.push(msg); console.log(`FAIL ${msg}`); };

/** Platform fonts used for an element's text, including its descendants' text. */
async function fontsFor(cdp, rootId, selector) {
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: rootId, selector });
  if (!nodeIds.length) return null;
  const el = nodeIds[0];
  const { nodeIds: desc } = await cdp.send('DOM.querySelectorAll', { nodeId: el, selector: '*' });
  const agg = new Map();
  for (const id of [el, ...desc]) {
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: id });
    for (const f of fonts) {
      const key = `${f.familyName}${f.postScriptName ? ` (${f.postScriptName})` : ''}`;
      agg.set(key, (agg.get(key) || 0) + f.glyphCount);
    }
  }
  return [...agg.entries()].map(([name, glyphs]) => ({ name, glyphs })).sort((a, b) => b.glyphs - a.glyphs);
}

const fmt = (fonts) => (fonts && fonts.length ? fonts.map((f) => `${f.name}×${f.glyphs}`).join(', ') : '(none)');

const langs = languages(dir);
if (!langs.length) fail(`no language folders (<lang>/index.html) under ${dir}`);
for (const must of ['zh', 'vi']) if (!langs.includes(must)) fail(`no ${must}/ folder: its font check cannot run`);

const srv = await serve(dir);
const browser = await launch();
let shots = 0;
try {
  await blockExternal(browser.context, srv.origin, (u) => fail(`external request blocked: ${u}`));
  for (const lang of langs) {
    let rel = firstIn(dir, lang, 'bulletins');
    if (!rel) {
      rel = `${lang}/index.html`;
      console.log(`note ${lang}: no ${lang}/bulletins/*/index.html, using ${rel}`);
    }
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(`uncaught exception: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`console error: ${m.text()}`));
    let resp = null;
    try {
      resp = await page.goto(pageUrl(srv.origin, rel), { waitUntil: 'load', timeout: 20000 });
    } catch (e) {
      errors.push(`navigation failed: ${e.message.split('\n')[0]}`);
    }
    if (resp && resp.status() !== 200) errors.push(`HTTP ${resp.status()}`);
    for (const e of errors) fail(`${rel}: ${e}`);
    if (!resp) { await page.close(); continue; }
    await page.evaluate(() => document.fonts && document.fonts.ready);

    const file = path.join(outDir, `bulletin-${lang}.png`);
    await page.screenshot({ path: file, fullPage: true });
    shots++;

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const htmlLang = await page.evaluate(() => document.documentElement.getAttribute('lang'));

    const h1 = await fontsFor(cdp, root.nodeId, 'h1');
    // First non-empty narrative paragraph.
    let pSel = null;
    for (const sel of NARRATIVE) {
      // Skip paragraphs without letters (dates, figures): they say nothing about the script.
      const idx = await page.evaluate((s) => [...document.querySelectorAll(s)].findIndex((p) => /\p{L}/u.test(p.textContent)), sel);
      if (idx >= 0) { pSel = { sel, idx }; break; }
    }
    let pFonts = null;
    let pText = '';
    if (pSel) {
      // Mark the chosen paragraph so a CSS selector can find it through CDP.
      await page.evaluate(({ sel, idx }) => document.querySelectorAll(sel)[idx].setAttribute('data-bantin-probe', ''), pSel);
      const { root: r2 } = await cdp.send('DOM.getDocument', { depth: -1 });
      pFonts = await fontsFor(cdp, r2.nodeId, '[data-bantin-probe]');
      pText = await page.evaluate(() => document.querySelector('[data-bantin-probe]').textContent.trim().slice(0, 60));
    }
    console.log(`${lang}: ${rel} -> ${path.relative(process.cwd(), file)}  (html lang="${htmlLang}")`);
    console.log(`  h1 fonts: ${fmt(h1)}`);
    console.log(`  p  fonts: ${fmt(pFonts)}${pSel ? `  [${pSel.sel} #${pSel.idx}: "${pText}"]` : ''}`);

    // html lang must name the folder's language (zh is written zh-Hans on this site).
    const wantLang = lang === 'zh' ? /^zh-Hans$/ : new RegExp(`^${lang}(-|$)`, 'i');
    if (!wantLang.test(htmlLang || '')) fail(`${lang} ${rel}: <html lang="${htmlLang}"> does not match folder ${lang}/${lang === 'zh' ? ' (expected "zh-Hans")' : ''}`);
    if (lang === 'zh') {
      if (!h1) fail(`zh ${rel}: no <h1>`);
      else if (!h1.some((f) => CJK.test(f.name) && f.glyphs > 0)) fail(`zh ${rel}: h1 not drawn by a CJK font (${fmt(h1)})`);
      if (!pSel) fail(`zh ${rel}: no paragraph with text matching ${NARRATIVE.join(' / ')}`);
      else if (!pFonts.some((f) => CJK.test(f.name) && f.glyphs > 0))
        fail(`zh ${rel}: first narrative paragraph not drawn by a CJK font (${fmt(pFonts)}; text "${pText}")`);
    }
    if (lang === 'vi') {
      if (!h1) fail(`vi ${rel}: no <h1>`);
      else if (!h1.some((f) => f.glyphs > 0 && !BAD_FONT.test(f.name))) fail(`vi ${rel}: h1 has no real font with glyphs (${fmt(h1)})`);
      else if (h1.some((f) => BAD_FONT.test(f.name))) fail(`vi ${rel}: part of the h1 falls back to LastResort (${fmt(h1)})`);
    }
    await cdp.detach().catch(() => {});
    await page.close();
  }
} finally {
  await browser.close();
  await srv.close();
}

console.log(`screenshots: ${shots} screenshots in ${path.relative(process.cwd(), outDir) || '.'}, ${findings.length} findings`);
process.exit(findings.length ? 1 : 0);
