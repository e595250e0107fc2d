"""What the gate checkers share about a built site: its base URL, its language folders,
and which file of the output folder a URL of the site names.

Imported by scripts/check_sitemap.py and scripts/check_feeds.py; standard library only.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

# A language folder: a BCP 47-like name holding index.html (as tests/e2e/lib.mjs reads it).
LANG_DIR = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")


def languages(root: Path) -> list[str]:
    return sorted(
        d.name
        for d in root.iterdir()
        if d.is_dir() and LANG_DIR.match(d.name) and (d / "index.html").is_file()
    )


def robots_sitemaps(root: Path) -> list[str] | None:
    """The `Sitemap:` URLs of robots.txt, or None when there is no robots.txt."""
    robots = root / "robots.txt"
    if not robots.is_file():
        return None
    found = []
    for line in robots.read_text(encoding="utf-8", errors="replace").splitlines():
        field, sep, value = line.partition(":")
        if sep and field.strip().lower() == "sitemap":
            found.append(value.split("#", 1)[0].strip())
    return found


def normalise_base(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def base_url(root: Path, given: str | None) -> tuple[str | None, list[str]]:
    """The site's base URL and the problems met finding it.

    The output names it itself: robots.txt's `Sitemap:` line is the base URL followed by
    `sitemap.xml`. A URL given on the command line (the one the site was built with) wins;
    then the output must use that one, which is what the checks find out.
    """
    if given:
        return normalise_base(given), []
    named = robots_sitemaps(root)
    if named is None:
        return None, ["no robots.txt to read the base URL from; pass --base-url"]
    for url in named:
        if url.endswith("/sitemap.xml") and urlsplit(url).scheme in ("http", "https"):
            return url[: -len("sitemap.xml")], []
    return None, ["robots.txt names no absolute …/sitemap.xml to read the base URL from; pass --base-url"]


class Site:
    """An output folder published at a base URL."""

    def __init__(self, root: Path, base: str):
        self.root = root.resolve()
        self.base = normalise_base(base)

    def url_of(self, rel: str) -> str:
        """The URL of a file given by its path relative to the output folder."""
        return self.base + rel

    def file_for(self, url: str) -> tuple[Path | None, str | None]:
        """The file a URL of the site serves, or why there is none.

        A folder URL serves its index.html; a folder named without its trailing slash only
        redirects, which a sitemap or feed must not send crawlers through.
        """
        if not url.startswith(self.base):
            return None, f"not under the base URL {self.base}"
        parts = urlsplit(url)
        path = parts.path
        base_path = urlsplit(self.base).path
        rel = unquote(path[len(base_path):])
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        target = (self.root / rel).resolve()
        if target != self.root and self.root not in target.parents:
            return None, "leaves the output folder"
        if target.is_dir():
            return None, "names a folder without its trailing slash (served only as a redirect)"
        if not target.is_file():
            return None, f"no such file in the output: {rel}"
        return target, None

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()
