#!/usr/bin/env python3
"""Fails on any Fluent syntax error (a Junk entry) in locales/**/*.ftl.

Usage: ftl_lint.py [ROOT]   (default: the repository root)
Prints one line per problem, as path:line:column: message, and exits 1 if there is any.
"""

import pathlib
import sys

from fluent.syntax import FluentParser, ast


def line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def lint(path: pathlib.Path, parser: FluentParser) -> list[str]:
    text = path.read_text(encoding="utf-8")
    problems = []
    for entry in parser.parse(text).body:
        if not isinstance(entry, ast.Junk):
            continue
        annotations = entry.annotations or [None]
        for annotation in annotations:
            start = annotation.span.start if annotation and annotation.span else entry.span.start
            line, column = line_col(text, start)
            message = annotation.message if annotation else "unparsable entry"
            problems.append(f"{path}:{line}:{column}: {message}")
    return problems


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent.parent)
    files = sorted((root / "locales").rglob("*.ftl"))
    if not files:
        print(f"ftl_lint: no .ftl files under {root / 'locales'}", file=sys.stderr)
        return 1
    parser = FluentParser(with_spans=True)
    problems = [p for f in files for p in lint(f, parser)]
    for problem in problems:
        print(problem)
    print(f"ftl_lint: {len(files)} files, {len(problems)} syntax error(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
