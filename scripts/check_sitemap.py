#!/usr/bin/env python3
"""Check a built site's sitemap the way a search engine reads it.

usage: check_sitemap.py SITE [--base-url URL]

- robots.txt names <base>sitemap.xml (the base URL is read from there unless given);
- sitemap.xml is a <urlset>, valid against the sitemaps.org 0.9 schema with hreflang
  <xhtml:link> alternates (tests/schemas/sitemap.xsd, checked by xmllint), or a
  <sitemapindex> (tests/schemas/siteindex.xsd) whose every child sitemap is such a urlset;
- at most 50,000 URLs and 50 MB per file, the protocol's limits;
- every <loc> of a page, of a child sitemap and every alternate's href is under the base URL
  and names a file of the output folder; no page is listed twice;
- a <url> with alternates lists its own language version and x-default, each hreflang once.

Prints each problem, then `sitemap: N urls in M files, E errors`; exits 1 on any error.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_output import Site, base_url, robots_sitemaps  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "tests" / "schemas"
SITEMAP_XSD = SCHEMAS / "sitemap.xsd"
SITEINDEX_XSD = SCHEMAS / "siteindex.xsd"
# sitemap.xsd imports this from the npm package; name it when it is missing.
PROTOCOL_XSD = ROOT / "tests" / "e2e" / "node_modules" / "sitemap" / "schema" / "sitemap.xsd"

SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
MAX_URLS = 50_000
XMLLINT_ERROR = re.compile(r"^.*?:(?P<line>\d+): (?:element \S+: )?(?:Schemas validity|parser) error ?: (?P<message>.*)$")
MAX_BYTES = 50 * 1024 * 1024


@dataclass
class Alternate:
    line: int
    hreflang: str
    href: str


@dataclass
class Entry:
    """A <url> of a urlset or a <sitemap> of an index."""

    line: int
    loc: str = ""
    alternates: list[Alternate] = field(default_factory=list)


def read_entries(path: Path) -> tuple[str, list[Entry]]:
    """The root element's name and its <url>/<sitemap> children, with line numbers."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    root_name = ""
    entries: list[Entry] = []
    stack: list[str] = []
    text: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal root_name
        if not stack:
            root_name = name
        elif len(stack) == 1 and name in (f"{SM} url", f"{SM} sitemap"):
            entries.append(Entry(parser.CurrentLineNumber))
        elif len(stack) == 2 and entries and name == f"{XHTML} link":
            entries[-1].alternates.append(
                Alternate(parser.CurrentLineNumber, attrs.get("hreflang", ""), attrs.get("href", ""))
            )
        stack.append(name)
        text.clear()

    def end(name: str) -> None:
        stack.pop()
        if len(stack) == 2 and name == f"{SM} loc" and entries:
            entries[-1].loc = "".join(text).strip()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text.append
    with path.open("rb") as f:
        parser.ParseFile(f)
    return root_name, entries


class Checker:
    def __init__(self, site: Site):
        self.site = site
        self.errors = 0
        self.urls = 0
        self.files = 0
        self.pages: dict[str, str] = {}  # loc -> where it was first listed

    def error(self, where: str, message: str) -> None:
        self.errors += 1
        print(f"{where}: {message}")

    def xmllint(self, path: Path, schema: Path) -> None:
        rel = self.site.rel(path)
        proc = subprocess.run(
            ["xmllint", "--noout", "--nonet", "--schema", str(schema), str(path)],
            capture_output=True,
            text=True,
        )
        if proc.returncode == 0:
            return
        found = 0
        for line in proc.stderr.splitlines():
            # "<path>:<line>: element <name>: Schemas validity error : <message>"
            m = XMLLINT_ERROR.match(line)
            if m:
                found += 1
                self.error(f"{rel}:{m['line']}", m["message"])
            elif "error" in line.lower() and "fails to validate" not in line:
                found += 1
                self.error(rel, line.replace(str(path), rel))
        if not found:
            self.error(rel, f"xmllint exited with {proc.returncode}: {proc.stderr.strip()}")

    def parse(self, path: Path) -> tuple[str, list[Entry]] | None:
        rel = self.site.rel(path)
        if path.stat().st_size > MAX_BYTES:
            self.error(rel, f"{path.stat().st_size} bytes; a sitemap holds at most {MAX_BYTES}")
        try:
            return read_entries(path)
        except xml.parsers.expat.ExpatError as e:
            self.error(f"{rel}:{e.lineno}", f"not well-formed XML: {e}")
            return None

    def check_urlset(self, path: Path) -> None:
        rel = self.site.rel(path)
        self.files += 1
        self.xmllint(path, SITEMAP_XSD)
        parsed = self.parse(path)
        if parsed is None:
            return
        root_name, entries = parsed
        if root_name != f"{SM} urlset":
            self.error(rel, f"root element is {root_name!r}, not a sitemaps.org urlset")
            return
        if len(entries) > MAX_URLS:
            self.error(rel, f"{len(entries)} URLs; a sitemap holds at most {MAX_URLS}")
        self.urls += len(entries)
        for e in entries:
            where = f"{rel}:{e.line}"
            self.check_url(where, e.loc)
            if e.loc in self.pages:
                self.error(where, f"{e.loc} is listed twice (first at {self.pages[e.loc]})")
            else:
                self.pages[e.loc] = where
            if not e.alternates:
                continue
            langs: dict[str, str] = {}
            for a in e.alternates:
                awhere = f"{rel}:{a.line}"
                if a.hreflang in langs:
                    self.error(awhere, f"hreflang {a.hreflang!r} twice in one <url>")
                langs[a.hreflang] = a.href
                self.check_url(awhere, a.href)
            if "x-default" not in langs:
                self.error(where, f"{e.loc}: alternates without hreflang=\"x-default\"")
            # The language chooser is its cluster's x-default: that lists it too.
            if e.loc not in langs.values():
                self.error(where, f"{e.loc}: its alternates do not list the page itself")

    def check_url(self, where: str, url: str) -> None:
        _, problem = self.site.file_for(url)
        if problem:
            self.error(where, f"{url}: {problem}")

    def check_index(self, path: Path, entries: list[Entry]) -> None:
        rel = self.site.rel(path)
        self.files += 1
        self.xmllint(path, SITEINDEX_XSD)
        for e in entries:
            where = f"{rel}:{e.line}"
            child, problem = self.site.file_for(e.loc)
            if problem:
                self.error(where, f"{e.loc}: {problem}")
                continue
            if child == path.resolve():
                self.error(where, "the index lists itself")
                continue
            self.check_urlset(child)

    def run(self) -> None:
        sitemap = self.site.root / "sitemap.xml"
        named = robots_sitemaps(self.site.root)
        if named is None:
            self.error("robots.txt", "missing")
        elif self.site.url_of("sitemap.xml") not in named:
            found = ", ".join(named) or "no Sitemap: line"
            self.error("robots.txt", f"{found}; expected Sitemap: {self.site.url_of('sitemap.xml')}")
        if not sitemap.is_file():
            self.error("sitemap.xml", "missing")
            return
        parsed = self.parse(sitemap)
        if parsed is None:
            return
        root_name, entries = parsed
        if root_name == f"{SM} sitemapindex":
            self.check_index(sitemap, entries)
        else:
            self.check_urlset(sitemap)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", type=Path, help="the output folder")
    ap.add_argument("--base-url", help="the base URL the site was built with (default: read robots.txt)")
    args = ap.parse_args()
    if not args.site.is_dir():
        print(f"check_sitemap: site folder not found: {args.site}", file=sys.stderr)
        return 2
    if not shutil.which("xmllint"):
        print("check_sitemap: xmllint is missing: run scripts/setup.sh", file=sys.stderr)
        return 2
    if not PROTOCOL_XSD.is_file():
        print(f"check_sitemap: missing {PROTOCOL_XSD}: run scripts/setup.sh", file=sys.stderr)
        return 2

    base, problems = base_url(args.site, args.base_url)
    for p in problems:
        print(p)
    if base is None:
        print("sitemap: 0 urls, 1 errors")
        return 1
    checker = Checker(Site(args.site, base))
    checker.errors += len(problems)
    checker.run()
    print(f"sitemap: {checker.urls} urls in {checker.files} files under {base}, {checker.errors} errors")
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main())
