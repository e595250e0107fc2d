#!/usr/bin/env node
// Geometry of every page at phone (390 px) and desktop (1280 px) width, as a reader sees it:
//   - nothing scrolls sideways: document scrollWidth <= viewport width;
//   - no text is clipped: no element with visible text sticks out of the viewport, and no
//     element that hides overflow (overflow hidden/clip, text-overflow) cuts its own text;
//   - every chart shown at that width draws its smallest text at >= 11 CSS px
//     (font size x the SVG's on-screen scale), and the chart fits the viewport;
//   - exactly one drawing of each chart is shown (the wide or the narrow one).
// A full-page screenshot of each page at each width goes to the artifact folder.
//
// usage: node tests/e2e/layout.mjs [folder] [outdir] [page...]
//   folder  site root (default: <repo>/output)
//   outdir  screenshots, <width>/<page path with / as __>.png (default: <repo>/target/screenshots/layout)
//   page    pages relative to folder (default: every .html file)
// Exit 1 on any finding, 2 on a missing folder or browser.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, siteDir, serve, launch, blockExternal, walk, pageUrl, REPO_ROOT } from './lib.mjs';

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];
const MIN_CHART_TEXT_PX = 11;

const { positional } = parseArgs(process.argv.slice(2));
const dir = siteDir(positional[0]);
const outDir = path.resolve(positional[1] || path.join(REPO_ROOT, 'target', 'screenshots', 'layout'));
const pages = positional.length > 2 ? positional.slice(2) : walk(dir, (n) => n.endsWith('.html'));

const findings = [];
const fail = (msg) => { findings.push(msg); console.log(`FAIL ${msg}`); };

/** Runs in the page: every geometric finding, as strings. */
function measure(minText) {
  const out = [];
  const vw = document.documentElement.clientWidth;
  const sw = document.documentElement.scrollWidth;
  if (sw > vw) out.push(`scrolls sideways: scrollWidth ${sw} > viewport ${vw}`);

  const visible = (el) => {
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const describe = (el) => {
    const id = el.id ? `#${el.id}` : '';
    const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
  };
  const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  // Inside a closed <details>, or in a form control, text is not laid out for reading.
  const skipped = (el) => el.closest('details:not([open]) > :not(summary), textarea, svg, [aria-hidden="true"]');
  // Hidden for screen readers on purpose: a 1 px clipped box, or moved off the left edge
  // until focused (the skip link).
  const screenReaderOnly = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const r = e.getBoundingClientRect();
      const s = getComputedStyle(e);
      if (s.position === 'absolute' && ((r.width <= 1 && r.height <= 1) || r.right <= 0)) return true;
    }
    return false;
  };

  for (const el of document.body.querySelectorAll('*')) {
    if (skipped(el) || !ownText(el) || !visible(el) || screenReaderOnly(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right > vw + 0.5 || r.left < -0.5) {
      out.push(`text outside the viewport (${Math.round(r.left)}..${Math.round(r.right)} of ${vw}): ${describe(el)}`);
    }
    const s = getComputedStyle(el);
    const hides = ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY) || s.textOverflow === 'ellipsis';
    if (hides && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
      out.push(`text clipped (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}): ${describe(el)}`);
    }
  }

  const figures = [...document.querySelectorAll('figure.chart')];
  let charts = 0;
  for (const fig of figures) {
    const shown = [...fig.querySelectorAll('svg')].filter((svg) => !svg.closest('textarea') && visible(svg));
    if (shown.length !== 1) {
      out.push(`chart ${fig.id}: ${shown.length} drawings shown, expected 1`);
      continue;
    }
    charts++;
    const svg = shown[0];
    const r = svg.getBoundingClientRect();
    if (r.right > vw + 0.5 || r.left < -0.5) out.push(`chart ${fig.id} outside the viewport (${Math.round(r.left)}..${Math.round(r.right)} of ${vw})`);
    let smallest = Infinity;
    let which = '';
    for (const t of svg.querySelectorAll('text')) {
      const ctm = t.getScreenCTM();
      if (!ctm) continue;
      const scale = Math.hypot(ctm.a, ctm.b);
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < smallest) { smallest = px; which = t.textContent.trim().slice(0, 30); }
    }
    if (smallest < minText) out.push(`chart ${fig.id}: smallest text ${smallest.toFixed(1)} px ("${which}") < ${minText} px`);
  }
  return { out, charts };
}

if (!pages.length) fail(`no .html pages under ${dir}`);
fs.mkdirSync(outDir, { recursive: true });
const srv = await serve(dir);
const browser = await launch();
let checked = 0;
let chartsSeen = 0;
try {
  await blockExternal(browser.context, srv.origin, (u) => fail(`external request blocked: ${u}`));
  for (const viewport of WIDTHS) {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    const shotDir = path.join(outDir, String(viewport.width));
    fs.mkdirSync(shotDir, { recursive: true });
    for (const rel of pages) {
      const where = `${rel} @${viewport.width}px`;
      let resp = null;
      try {
        resp = await page.goto(pageUrl(srv.origin, rel), { waitUntil: 'load', timeout: 20000 });
      } catch (e) {
        fail(`${where}: navigation failed: ${e.message.split('\n')[0]}`);
        continue;
      }
      if (!resp || (resp.status() !== 200 && !rel.endsWith('404.html'))) {
        fail(`${where}: HTTP ${resp && resp.status()}`);
        continue;
      }
      await page.evaluate(() => document.fonts && document.fonts.ready);
      const { out, charts } = await page.evaluate(measure, MIN_CHART_TEXT_PX);
      for (const f of out) fail(`${where}: ${f}`);
      chartsSeen += charts;
      checked++;
      await page.screenshot({ path: path.join(shotDir, `${rel.replace(/\//g, '__')}.png`), fullPage: true });
    }
    await page.close();
  }
} finally {
  await browser.close();
  await srv.close();
}

console.log(`layout: ${checked} page views (${pages.length} pages x ${WIDTHS.length} widths), ${chartsSeen} charts measured, ${findings.length} findings; screenshots in ${path.relative(process.cwd(), outDir) || '.'}`);
process.exit(findings.length ? 1 : 0);
