// dev helper: node peek.mjs folder page width out-prefix [selector] — screenshots each match of selector
import { serve, launch, pageUrl } from './lib.mjs';
const [dir, rel, width, out, sel = 'figure.chart, table, .cards, header'] = process.argv.slice(2);
const srv = await serve(dir); const b = await launch();
const p = await b.context.newPage(); await p.setViewportSize({ width: +width, height: 900 });
await p.goto(pageUrl(srv.origin, rel)); let i = 0;
for (const el of await p.$$(sel)) { if (await el.isVisible()) await el.screenshot({ path: `${out}-${i++}.png` }); }
console.log(i); await b.close(); await srv.close();
