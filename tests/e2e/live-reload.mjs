#!/usr/bin/env node
// `bantin serve` in a real browser: a page reloads by itself when a file it reads is saved,
// a page that does not read it stays as it is, a broken save shows the error overlay (at
// phone and desktop width) and the fix takes it away.
//
// usage: node tests/e2e/live-reload.mjs BANTIN_BINARY SITE_FOLDER
//   SITE_FOLDER  a copy of the example site this script may edit
//   SCREENSHOT_DIR=dir  also saves the overlay at 390 px as dir/serve-overlay-390.png
// Exit 1 on any failed check; last line: `live-reload: N passed, M failed`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { launch } from './lib.mjs';

const [bantin, site] = process.argv.slice(2);
if (!bantin || !site) {
  console.error('usage: node tests/e2e/live-reload.mjs BANTIN_BINARY SITE_FOLDER');
  process.exit(2);
}

const server = spawn(bantin, ['serve', '--port', '0', '--root', site, '--cache-dir', path.join(site, '.cache')], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const origin = await new Promise((resolve, reject) => {
  const lines = readline.createInterface({ input: server.stdout });
  lines.once('line', (line) => {
    const match = /^serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
    match ? resolve(match[1]) : reject(new Error(`unexpected first line: ${line}`));
    lines.on('line', () => {});
  });
  server.once('exit', (code) => reject(new Error(`bantin serve exited with ${code}`)));
});

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) {
    passed += 1;
    console.log(`ok: ${what}`);
  } else {
    failed += 1;
    console.log(`FAILED: ${what}`);
  }
}

async function attempt(what, fn) {
  try {
    await fn();
    check(true, what);
  } catch (e) {
    check(false, `${what}: ${e.message.split('\n')[0]}`);
  }
}

const data = path.join(site, 'content/data/nghe-an/2023.yaml');
const good = fs.readFileSync(data, 'utf8');
const browser = await launch();
try {
  const phone = await browser.context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  const desktop = await browser.context.newPage();
  const other = await browser.context.newPage();
  await phone.goto(`${origin}/vi/bulletins/2024-01-18-nghe-an/`);
  await desktop.goto(`${origin}/en/bulletins/2024-01-18-nghe-an/`);
  await other.goto(`${origin}/en/bulletins/2024-01-10-quang-binh/`);
  for (const page of [phone, desktop, other]) {
    // Survives only as long as the page is not reloaded.
    await page.evaluate(() => { window.__notReloaded = true; });
  }
  // Let each page's reload channel connect.
  await desktop.waitForTimeout(500);

  fs.writeFileSync(data, good.replace('ui-participants: 251742', 'ui-participants: 262742'));
  await attempt('the English page reloads by itself and shows 262,742', () =>
    desktop.waitForFunction(() => !window.__notReloaded && document.body.innerText.includes('262,742'), null, { timeout: 20000 }));
  await attempt('the Vietnamese page at 390 px reloads and shows 262.742', () =>
    phone.waitForFunction(() => !window.__notReloaded && document.body.innerText.includes('262.742'), null, { timeout: 20000 }));
  check(await other.evaluate(() => window.__notReloaded === true), 'a page that does not read the file is not reloaded');

  fs.writeFileSync(data, good.replace('{value: 5600000, qualifier: over}', '{value: 56'));
  for (const [name, page, width] of [['phone', phone, 390], ['desktop', desktop, 1280]]) {
    await attempt(`the error overlay shows on the ${name} page with the file and line`, async () => {
      const overlay = page.locator('#bantin-overlay');
      await overlay.waitFor({ state: 'visible', timeout: 20000 });
      const text = await overlay.innerText();
      if (!/content\/data\/nghe-an\/2023\.yaml:\d+/.test(text)) throw new Error(`overlay says: ${text.slice(0, 200)}`);
    });
    const fits = await page.evaluate((w) => {
      const el = document.getElementById('bantin-overlay');
      return el ? el.getBoundingClientRect().width <= w : false;
    }, width);
    check(fits, `the overlay fits a ${width} px wide screen`);
  }
  if (process.env.SCREENSHOT_DIR) {
    fs.mkdirSync(process.env.SCREENSHOT_DIR, { recursive: true });
    await phone.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, 'serve-overlay-390.png') });
  }

  fs.writeFileSync(data, good);
  await attempt('the fix takes the overlay away', () =>
    desktop.locator('#bantin-overlay').waitFor({ state: 'detached', timeout: 20000 }));
  await attempt('and the page shows the restored figure', () =>
    desktop.waitForFunction(() => document.body.innerText.includes('251,742'), null, { timeout: 20000 }));
} finally {
  fs.writeFileSync(data, good);
  await browser.close();
  server.kill();
}
console.log(`live-reload: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
