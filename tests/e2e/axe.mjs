#!/usr/bin/env node
// axe-core (WCAG 2.1 A/AA + best practice) in Debian's Chromium over a local
// static server.
//
// usage: node tests/e2e/axe.mjs [folder] [--all] [page.html ...]
//   folder   site root (default: <repo>/output)
//   --all    check every .html file instead of the representative sample
//   page     explicit pages (paths relative to folder) instead of the sample
// The sample is: index.html, and for each language folder L: L/index.html,
// the first L/bulletins/*/index.html and the first L/regions/*/index.html,
// plus 404.html.
// Exit 1 on any violation, on a page that does not answer 200, on console
// errors / uncaught exceptions, or on requests leaving 127.0.0.1.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { parseArgs, siteDir, serve, launch, blockExternal, samplePages, walk, pageUrl } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

const { flags, positional } = parseArgs(process.argv.slice(2));
const dir = siteDir(positional[0]);
let pages = positional.slice(1);
if (!pages.length) pages = flags.all ? walk(dir, (n) => n.endsWith('.html')) : samplePages(dir);
if (!pages.length) {
  console.error(`axe: no pages found under ${dir}`);
  console.log('axe: 0 pages, 0 violations');
  process.exit(1);
}

const srv = await serve(dir);
// bypassCSP so the injected axe script runs even under a strict CSP meta tag.
const browser = await launch({ bypassCSP: true });
let violationsTotal = 0;
let failures = 0;

try {
  const page = await browser.context.newPage();
  let problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}${m.location()?.url ? ` (${m.location().url})` : ''}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (!r.url().startsWith(srv.origin)) return; // reported by blockExternal
    problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.request().isNavigationRequest()) return;
    if (r.status() >= 400) problems.push(`subresource HTTP ${r.status()}: ${r.url()}`);
  });
  await blockExternal(browser.context, srv.origin, (u) => problems.push(`external request blocked: ${u}`));

  for (const rel of pages) {
    problems = [];
    const url = pageUrl(srv.origin, rel);
    let resp;
    try {
      resp = await page.goto(url, { waitUntil: 'load', timeout: 20000 });
    } catch (e) {
      problems.push(`navigation failed: ${e.message.split('\n')[0]}`);
    }
    // 404.html is served with 200 when requested directly, so every page must be 200.
    if (resp && resp.status() !== 200) problems.push(`HTTP ${resp.status()}`);

    let violations = [];
    if (resp) {
      try {
        await page.evaluate(() => document.fonts && document.fonts.ready);
        await page.addScriptTag({ content: AXE_SOURCE });
        const result = await page.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
          TAGS,
        );
        violations = result.violations;
      } catch (e) {
        problems.push(`axe failed to run: ${e.message.split('\n')[0]}`);
      }
    }

    const status = problems.length || violations.length ? 'FAIL' : 'ok';
    console.log(`${status.padEnd(4)} ${rel}  (${violations.length} violations${problems.length ? `, ${problems.length} load problems` : ''})`);
    for (const p of problems) console.log(`     load: ${p}`);
    for (const v of violations) {
      console.log(`     [${v.impact}] ${v.id}: ${v.help}  (${v.helpUrl.replace(/\?.*$/, '')})`);
      for (const n of v.nodes.slice(0, 10)) {
        console.log(`       - ${n.target.join(' ')}`);
        const why = (n.failureSummary || '').split('\n').slice(1, 3).map((s) => s.trim()).filter(Boolean);
        for (const w of why) console.log(`           ${w}`);
      }
      if (v.nodes.length > 10) console.log(`       … and ${v.nodes.length - 10} more nodes`);
    }
    violationsTotal += violations.length;
    if (problems.length) failures++;
  }
} finally {
  await browser.close();
  await srv.close();
}

if (failures) console.log(`axe: ${failures} page(s) failed to load cleanly`);
console.log(`axe: ${pages.length} pages, ${violationsTotal} violations`);
process.exit(violationsTotal || failures ? 1 : 0);
