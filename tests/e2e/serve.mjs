#!/usr/bin/env node
// Serve a folder on 127.0.0.1 at a random free port (for linkchecker etc.).
// Prints the origin (http://127.0.0.1:PORT) on the first line of stdout and
// runs until killed (SIGTERM/SIGINT) or until --max-seconds=N (default 900).
// --port=N listens on that port instead; --prefix=/bao-cao/ serves the folder only under
// that path, as a host publishing the site in a sub-folder does (404 everywhere else).
// usage: node tests/e2e/serve.mjs [folder] [--max-seconds=N] [--port=N] [--prefix=/path/]
import { parseArgs, siteDir, serve } from './lib.mjs';

const { flags, positional } = parseArgs(process.argv.slice(2));
// A `LinkChecker` response header lets linkchecker use the configured
// [checking] maxrequestspersecond instead of its 0.1–0.6 s per-request
// politeness delay (linkcheck/checker/httpurl.py), which is pointless on loopback.
const srv = await serve(siteDir(positional[0]), {
  headers: { LinkChecker: 'local' },
  prefix: typeof flags.prefix === 'string' ? flags.prefix : '/',
  port: Number(flags.port || 0),
});
process.stdout.write(srv.origin + '\n');
const stop = async () => { await srv.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setTimeout(stop, Number(flags['max-seconds'] || 900) * 1000).unref?.();
// Keep the process alive even though the timer is unref'd: the server holds the loop.
