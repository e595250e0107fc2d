#!/usr/bin/env node
// Hostile-content check: the site ships no JavaScript, so no page may run any.
// Loads pages in Debian's Chromium with dialogs trapped and alert/confirm/
// prompt/print wrapped (window.__pwned), clicks javascript: links, hovers and
// focuses elements carrying on* attributes, and then asserts:
//   - no dialog opened, window.__pwned is still false, no uncaught exception;
//   - no <script> element, no attribute named on*, no javascript:/vbscript:/
//     data:text/html URL in any URL attribute, no <iframe srcdoc>, no
//     <object>/<embed>/<base>, no <meta http-equiv=refresh>.
//
// usage: node tests/e2e/hostile.mjs [folder] [page.html ...]
//   folder  site root (default: <repo>/output)
//   page    pages relative to folder (default: every .html under it)
// Exit 1 on any finding; last line: `hostile: N pages, M findings`.
import { parseArgs, siteDir, serve, launch, blockExternal, walk, pageUrl } from './lib.mjs';

const INIT = () => {
  window.__pwned = false;
  window.__pwnedBy = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    const orig = window[name];
    window[name] = function (...args) {
      window.__pwned = true;
      window.__pwnedBy.push(`${name}(${args.map(String).join(', ').slice(0, 80)})`);
      return orig ? orig.apply(this, args) : undefined;
    };
  }
};

// Runs in the page after load; returns static findings about the DOM.
const SCAN = () => {
  const out = [];
  const desc = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    return s;
  };
  const all = document.querySelectorAll('*');
  const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcset', 'ping', 'cite', 'codebase', 'lowsrc', 'dynsrc']);
  for (const el of all) {
    const tag = el.tagName.toLowerCase();
    // A JSON-LD data block is never run; it must still be JSON and nothing else.
    const dataBlock = tag === 'script' && el.getAttribute('type') === 'application/ld+json' && !el.src
      && (() => { try { JSON.parse(el.textContent); return true; } catch { return false; } })();
    if (tag === 'script' && !dataBlock) out.push(`<script> element present${el.src ? ` (src=${el.getAttribute('src')})` : ''}: ${el.outerHTML.slice(0, 100)}`);
    if (['object', 'embed', 'applet', 'base'].includes(tag)) out.push(`<${tag}> element present: ${el.outerHTML.slice(0, 100)}`);
    if (tag === 'iframe' && el.hasAttribute('srcdoc')) out.push(`<iframe srcdoc> present`);
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') || '')) out.push(`<meta http-equiv=refresh content="${el.getAttribute('content')}">`);
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on')) out.push(`event-handler attribute ${desc(el)}[${a.name}="${a.value.slice(0, 60)}"]`);
      if (URL_ATTRS.has(n) || n.endsWith(':href')) {
        const v = a.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
        if (/^(javascript|vbscript|livescript):/.test(v) || /^data:(text\/html|image\/svg|application\/xhtml)/.test(v))
          out.push(`script URL in ${desc(el)}[${a.name}="${a.value.slice(0, 60)}"]`);
      }
      if (n === 'style' && /expression\s*\(|javascript:|url\s*\(\s*['"]?\s*javascript:/i.test(a.value))
        out.push(`script in style attribute of ${desc(el)}: ${a.value.slice(0, 60)}`);
    }
  }
  return out;
};

const { positional } = parseArgs(process.argv.slice(2));
const dir = siteDir(positional[0]);
let pages = positional.slice(1);
if (!pages.length) pages = walk(dir, (n) => n.endsWith('.html'));

const srv = await serve(dir);
const browser = await launch(); // CSP left intact on purpose
let findingsTotal = 0;
try {
  await browser.context.addInitScript(INIT);
  let findings = [];
  await blockExternal(browser.context, srv.origin, (u) => findings.push(`external request attempted: ${u}`));
  const page = await browser.context.newPage();
  page.on('dialog', async (d) => {
    findings.push(`dialog opened: ${d.type()}("${d.message().slice(0, 80)}")`);
    await d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => findings.push(`uncaught exception (script ran): ${e.message.slice(0, 120)}`));
  page.on('console', (m) => {
    if (['error', 'warning', 'log'].includes(m.type()))
      findings.push(`console ${m.type()}: ${m.text().slice(0, 120)}`);
  });
  page.setDefaultTimeout(3000);

  for (const rel of pages) {
    findings = [];
    const url = pageUrl(srv.origin, rel);
    let resp = null;
    try {
      resp = await page.goto(url, { waitUntil: 'load', timeout: 20000 });
    } catch (e) {
      findings.push(`navigation failed: ${e.message.split('\n')[0]}`);
    }
    if (resp && resp.status() !== 200) findings.push(`HTTP ${resp.status()}`);
    if (resp) {
      let scan = [];
      try {
        scan = await page.evaluate(SCAN);
      } catch (e) {
        findings.push(`scan failed: ${e.message.split('\n')[0]}`);
      }
      findings.push(...scan);

      // Interact: javascript: links, then anything carrying an on* attribute.
      const jsLinks = await page.$$('a[href]');
      for (const a of jsLinks) {
        const href = ((await a.getAttribute('href').catch(() => '')) || '').replace(/[\u0000-\u0020]/g, '');
        if (!/^javascript:/i.test(href)) continue;
        await a.click({ force: true, noWaitAfter: true, timeout: 2000 }).catch(() => {});
      }
      const handlers = await page.evaluateHandle(() =>
        [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))),
      );
      const count = await handlers.evaluate((l) => l.length);
      for (let i = 0; i < Math.min(count, 50); i++) {
        const el = await handlers.evaluateHandle((l, j) => l[j], i);
        await el.asElement()?.hover({ force: true, timeout: 1000 }).catch(() => {});
        await el.asElement()?.focus().catch(() => {});
        await el.asElement()?.click({ force: true, noWaitAfter: true, timeout: 1000 }).catch(() => {});
      }
      await page.waitForTimeout(count ? 200 : 0);
      // The page may have navigated away after a click; only read state if we're still there.
      const state = await page
        .evaluate(() => ({ pwned: window.__pwned, by: window.__pwnedBy }))
        .catch(() => null);
      if (state && state.pwned) findings.push(`window.__pwned became true: ${state.by.join('; ')}`);
      if (state && state.pwned === undefined) findings.push(`window.__pwned was removed/overwritten by the page`);
    }
    const uniq = [...new Set(findings)];
    console.log(`${uniq.length ? 'FAIL' : 'ok  '} ${rel}${uniq.length ? `  (${uniq.length} findings)` : ''}`);
    for (const f of uniq.slice(0, 25)) console.log(`     ${f}`);
    if (uniq.length > 25) console.log(`     … and ${uniq.length - 25} more`);
    findingsTotal += uniq.length;
  }
} finally {
  await browser.close();
  await srv.close();
}
console.log(`hostile: ${pages.length} pages, ${findingsTotal} findings`);
process.exit(findingsTotal ? 1 : 0);
