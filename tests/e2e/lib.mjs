// Shared helpers for the bantin e2e checkers: a tiny static file server,
// Debian-Chromium launch via playwright-core, and page discovery.
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const KNOWN_LANGS = ['vi', 'en', 'zh', 'nb'];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.xsl': 'application/xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/** Resolve the site folder from argv (relative to cwd), default <repo>/output. */
export function siteDir(arg) {
  const dir = path.resolve(arg || path.join(REPO_ROOT, 'output'));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    console.error(`error: site folder not found: ${dir}`);
    process.exit(2);
  }
  return dir;
}

/** Parse `[folder] [--flag] [--key=value] [extra...]`. */
export function parseArgs(argv) {
  const flags = {};
  const positional = [];
  for (const a of argv) {
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=');
      flags[k] = v === undefined ? true : v;
    } else positional.push(a);
  }
  return { flags, positional };
}

/**
 * Serve `root` on 127.0.0.1 at `port` (0: a random free one), under the URL path `prefix`.
 * With a prefix other than '/', the folder is only reachable below it, as on a host that
 * publishes the site in a sub-folder: everything else is 404, and the prefix without its
 * trailing slash redirects to it.
 * Directories serve index.html (redirecting to a trailing slash first);
 * missing files get 404 (with 404.html as body when present).
 */
export async function serve(root, { headers = {}, prefix = '/', port = 0 } = {}) {
  const rootReal = fs.realpathSync(root);
  if (!prefix.startsWith('/')) prefix = '/' + prefix;
  if (!prefix.endsWith('/')) prefix += '/';
  const server = http.createServer(async (req, res) => {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (url.pathname + '/' === prefix) {
        res.writeHead(301, { Location: prefix + url.search }).end();
        return;
      }
      if (!url.pathname.startsWith(prefix)) {
        res.writeHead(404, { 'Content-Type': TYPES['.txt'] }).end(`not found: the site is under ${prefix}`);
        return;
      }
      let rel;
      try {
        rel = decodeURIComponent(url.pathname.slice(prefix.length - 1));
      } catch {
        res.writeHead(400).end('bad request');
        return;
      }
      let file = path.join(rootReal, path.normalize(rel));
      if (file !== rootReal && !file.startsWith(rootReal + path.sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let st = await fsp.stat(file).catch(() => null);
      if (st && st.isDirectory()) {
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { Location: url.pathname + '/' + url.search }).end();
          return;
        }
        file = path.join(file, 'index.html');
        st = await fsp.stat(file).catch(() => null);
      }
      if (!st || !st.isFile()) {
        const nf = path.join(rootReal, '404.html');
        const body = fs.existsSync(nf) ? await fsp.readFile(nf) : Buffer.from('not found');
        res.writeHead(404, { 'Content-Type': fs.existsSync(nf) ? TYPES['.html'] : TYPES['.txt'] });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      res.writeHead(200, {
        'Content-Type': contentType(file),
        'Content-Length': st.size,
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const bound = server.address().port;
  return {
    origin: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

export const CHROMIUM = process.env.BANTIN_CHROMIUM || '/usr/bin/chromium';

/** Launch Debian's Chromium (never a downloaded browser) with a throwaway profile. */
export async function launch(extra = {}) {
  const { chromium } = await import('playwright-core');
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`error: ${CHROMIUM} not found; run scripts/setup.sh (apt-get install chromium)`);
    process.exit(2);
  }
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'bantin-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    ...extra,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await fsp.rm(profile, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/**
 * Abort every request that does not go to our local server, recording it:
 * the site must be self-contained (and the machine has no network anyway).
 */
export async function blockExternal(context, origin, onBlocked) {
  await context.route(
    (url) => url.origin !== origin && !['data:', 'blob:', 'about:'].includes(url.protocol),
    (route) => {
      onBlocked?.(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
}

/** All files under dir (relative, '/'-separated, sorted). */
export function walk(dir, pred = () => true) {
  const out = [];
  const rec = (d) => {
    for (const ent of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, ent.name);
      if (ent.isDirectory()) rec(p);
      else if (ent.isFile() && pred(ent.name)) out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  rec(dir);
  return out.sort();
}

/** Language folders: top-level dirs holding index.html; known langs first. */
export function languages(dir) {
  const found = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'index.html')))
    .map((e) => e.name)
    .filter((n) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(n));
  const known = KNOWN_LANGS.filter((l) => found.includes(l));
  return [...known, ...found.filter((l) => !known.includes(l)).sort()];
}

/** First (sorted) `<lang>/<section>/*\/index.html`, or null. */
export function firstIn(dir, lang, section) {
  const base = path.join(dir, lang, section);
  if (!fs.existsSync(base)) return null;
  const subs = fs
    .readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(base, e.name, 'index.html')))
    .map((e) => e.name)
    .sort();
  return subs.length ? `${lang}/${section}/${subs[0]}/index.html` : null;
}

/** The representative page set: root + per-language index/first bulletin/first region + 404. */
export function samplePages(dir) {
  const pages = [];
  if (fs.existsSync(path.join(dir, 'index.html'))) pages.push('index.html');
  for (const l of languages(dir)) {
    pages.push(`${l}/index.html`);
    for (const s of ['bulletins', 'regions']) {
      const p = firstIn(dir, l, s);
      if (p) pages.push(p);
    }
  }
  if (fs.existsSync(path.join(dir, '404.html'))) pages.push('404.html');
  return pages;
}

/** URL for a page path relative to the site root. */
export function pageUrl(origin, rel) {
  return origin + '/' + rel.split('/').map(encodeURIComponent).join('/');
}
