#!/usr/bin/env python3
"""Check a built site's Atom feeds (RFC 4287) the way a feed reader meets them.

usage: check_feeds.py SITE [--base-url URL] [--max-entries N]
Needs feedparser: run it with .venv-check/bin/python (scripts/setup.sh installs it).

For each language folder (<lang>/index.html) of SITE:
- <lang>/atom.xml exists and feedparser reads it as Atom 1.0 without complaint (bozo 0);
- the feed has an id (an absolute IRI), a title, an updated time in RFC 3339, a self link
  that is its own URL, an alternate link to a page of the site and an author name;
- every entry has an id (an absolute IRI, unique across all feeds), a title, a summary,
  updated and published times in RFC 3339 (published no later than updated), and an
  alternate link: absolute, under the base URL, naming a <lang>/bulletins/<slug>/ page of
  the same language that exists in the output, each page once;
- there are min(N, bulletin pages of the language) entries (N = --max-entries, 50): with no
  more bulletins than N, the entries are then exactly the language's bulletins;
- every .html page under <lang>/ announces the feed: a <link rel="alternate"
  type="application/atom+xml"> that resolves to <lang>/atom.xml.

The base URL is read from robots.txt's Sitemap line unless given.
Prints each problem, then `feeds: L languages, N entries, E errors`; exits 1 on any error.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_output import Site, base_url, languages  # noqa: E402

try:
    import feedparser
except ImportError:
    print("check_feeds: feedparser is missing: run scripts/setup.sh and use .venv-check/bin/python", file=sys.stderr)
    sys.exit(2)

# RFC 3339 date-time as RFC 4287 3.3 narrows it: an uppercase T, and Z or a numeric offset.
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
ATOM_TYPE = "application/atom+xml"


def rfc3339(value: str | None) -> datetime | None:
    if not value or not RFC3339.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:  # the right shape, but no such day or hour
        return None


def absolute_iri(value: str) -> bool:
    return bool(urlsplit(value).scheme)


class FeedLinks(HTMLParser):
    """The Atom feeds a page announces, and its <base href> if it has one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.feeds: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "base" and self.base is None and "href" in a:
            self.base = a["href"]
        if tag == "link" and "alternate" in a.get("rel", "").lower().split():
            if a.get("type", "").strip().lower() == ATOM_TYPE and a.get("href", "").strip():
                self.feeds.append(a["href"].strip())


def field(d: dict, key: str):
    """A value as the feed wrote it: plain dict access skips feedparser's fallbacks between keys."""
    return dict.get(d, key)


class Checker:
    def __init__(self, site: Site, max_entries: int):
        self.site = site
        self.max_entries = max_entries
        self.errors = 0
        self.entries = 0
        self.entry_ids: dict[str, str] = {}
        self.feed_ids: dict[str, str] = {}

    def error(self, where: str, message: str) -> None:
        self.errors += 1
        print(f"{where}: {message}")

    def check_time(self, where: str, what: str, value: str | None) -> datetime | None:
        if not value:
            self.error(where, f"no {what}")
            return None
        when = rfc3339(value)
        if when is None:
            self.error(where, f"{what} {value!r} is not an RFC 3339 date-time")
        return when

    def check_language(self, lang: str) -> None:
        rel = f"{lang}/atom.xml"
        path = self.site.root / rel
        if not path.is_file():
            self.error(rel, "missing")
        else:
            self.check_feed(lang, rel, path)
        self.check_discovery(lang)

    def check_feed(self, lang: str, rel: str, path: Path) -> None:
        d = feedparser.parse(path.read_bytes())
        if d.bozo:
            self.error(rel, f"feedparser: {d.bozo_exception}")
            return
        if d.version != "atom10":
            self.error(rel, f"not an Atom 1.0 feed (feedparser reads {d.version or 'nothing it knows'})")
            return
        feed = d.feed
        fid = field(feed, "id")
        if not fid:
            self.error(rel, "feed has no id")
        elif not absolute_iri(fid):
            self.error(rel, f"feed id {fid!r} is not an absolute IRI")
        elif fid in self.feed_ids:
            self.error(rel, f"feed id {fid} is also the id of {self.feed_ids[fid]}")
        else:
            self.feed_ids[fid] = rel
        if not (field(feed, "title") or "").strip():
            self.error(rel, "feed has no title")
        self.check_time(rel, "feed updated", field(feed, "updated"))
        links = field(feed, "links") or []
        selfs = [link.get("href", "") for link in links if link.get("rel") == "self"]
        if not selfs:
            self.error(rel, "feed has no link rel=\"self\"")
        elif selfs[0] != self.site.url_of(rel):
            self.error(rel, f"self link {selfs[0]} is not the feed's URL {self.site.url_of(rel)}")
        alternates = [link.get("href", "") for link in links if link.get("rel") == "alternate"]
        if not alternates:
            self.error(rel, "feed has no link rel=\"alternate\"")
        else:
            _, problem = self.site.file_for(alternates[0])
            if problem:
                self.error(rel, f"feed alternate link {alternates[0]}: {problem}")
        authors = field(feed, "authors") or []
        if not any((a.get("name") or "").strip() for a in authors):
            self.error(rel, "feed has no author name")

        bulletins = sorted(
            p.parent.name for p in (self.site.root / lang / "bulletins").glob("*/index.html")
        )
        pages: dict[str, str] = {}
        entries = d.entries
        self.entries += len(entries)
        for i, entry in enumerate(entries, 1):
            eid = field(entry, "id")
            where = f"{rel}: entry {i} ({eid or 'no id'})"
            if not eid:
                self.error(where, "no id")
            elif not absolute_iri(eid):
                self.error(where, "id is not an absolute IRI")
            elif eid in self.entry_ids:
                self.error(where, f"id also used by {self.entry_ids[eid]}")
            else:
                self.entry_ids[eid] = f"{rel}: entry {i}"
            if not (field(entry, "title") or "").strip():
                self.error(where, "no title")
            if not (field(entry, "summary") or "").strip():
                self.error(where, "no summary")
            updated = self.check_time(where, "updated", field(entry, "updated"))
            published = self.check_time(where, "published", field(entry, "published"))
            if updated and published and published > updated:
                self.error(where, f"published {published.isoformat()} after updated {updated.isoformat()}")
            self.check_entry_link(lang, where, entry, pages)
        want = min(self.max_entries, len(bulletins))
        if len(entries) != want:
            self.error(
                rel,
                f"{len(entries)} entries; expected {want} "
                f"(the newest of {len(bulletins)} bulletin pages, at most {self.max_entries})",
            )

    def check_entry_link(self, lang: str, where: str, entry, pages: dict[str, str]) -> None:
        hrefs = [link.get("href", "") for link in (field(entry, "links") or []) if link.get("rel") == "alternate"]
        if not hrefs:
            self.error(where, "no link rel=\"alternate\"")
            return
        href = hrefs[0]
        if not urlsplit(href).scheme:
            self.error(where, f"link {href!r} is not absolute")
            return
        target, problem = self.site.file_for(href)
        if problem:
            self.error(where, f"link {href}: {problem}")
            return
        page = self.site.rel(target)
        if not re.fullmatch(rf"{re.escape(lang)}/bulletins/[^/]+/index\.html", page):
            self.error(where, f"link {href} is {page}, not a bulletin page of {lang}/")
        elif page in pages:
            self.error(where, f"link {href} is also the link of {pages[page]}")
        else:
            pages[page] = where

    def check_discovery(self, lang: str) -> None:
        feed_url = self.site.url_of(f"{lang}/atom.xml")
        for path in sorted((self.site.root / lang).rglob("*.html")):
            rel = self.site.rel(path)
            links = FeedLinks()
            links.feed(path.read_text(encoding="utf-8", errors="replace"))
            page_url = urljoin(self.site.url_of(rel), links.base or "")
            found = [urljoin(page_url, href) for href in links.feeds]
            if not found:
                self.error(rel, f"no <link rel=\"alternate\" type=\"{ATOM_TYPE}\"> to {lang}/atom.xml")
            elif feed_url not in found:
                self.error(rel, f"its feed links {', '.join(found)}; none is {feed_url}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", type=Path, help="the output folder")
    ap.add_argument("--base-url", help="the base URL the site was built with (default: read robots.txt)")
    ap.add_argument("--max-entries", type=int, default=50, help="most entries a feed holds (default 50)")
    args = ap.parse_args()
    if not args.site.is_dir():
        print(f"check_feeds: site folder not found: {args.site}", file=sys.stderr)
        return 2

    base, problems = base_url(args.site, args.base_url)
    for p in problems:
        print(p)
    langs = languages(args.site)
    if base is None:
        print(f"feeds: {len(langs)} languages, 0 entries, 1 errors")
        return 1
    checker = Checker(Site(args.site, base), args.max_entries)
    if not langs:
        checker.error(str(args.site), "no language folders (<lang>/index.html)")
    for lang in langs:
        checker.check_language(lang)
    print(f"feeds: {len(langs)} languages, {checker.entries} entries, {checker.errors} errors")
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main())
