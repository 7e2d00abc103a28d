"""Output identity check for speed work: every field of every ``Article`` on both sets.

    uv run python bench/identity.py dump OUT.jsonl [--code DIR] [--per-source N] [--limit N]
    uv run python bench/identity.py diff OLD.jsonl NEW.jsonl

``dump`` runs ``parsers.extract`` (imported from ``--code``, a checkout of this
project, default this one) over the development set and the second set and writes
one line per page: the ``repr`` of every field of the record, or the error message.
Run it in an old and a new checkout and ``diff`` the two files: a change meant to
make extraction faster must report 0 differences. The second set is read whole by
default (``--per-source`` samples it as ``bench/extraction.py`` does).
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _records(code: Path, per_source: int | None, limit: int | None) -> list[tuple[str, str, str]]:
    sys.path.insert(0, str(ROOT))
    from bench.extraction import DEFAULT_DATASET, load
    from bench.second_set import load_second

    pages = [(f"dev/{p.key}", p.url, p.html) for p in load(DEFAULT_DATASET, limit)]
    pages += [(key, url, html) for key, url, html, _ in load_second(None, per_source)]
    # The code under test wins over this checkout's parsers from here on.
    sys.path.insert(0, str(code))
    stale = [m for m in sys.modules if m == "parsers" or m.startswith(("parsers.", "pressroom"))]
    for name in stale:
        del sys.modules[name]
    return pages


def dump(out: Path, code: Path, per_source: int | None, limit: int | None) -> int:
    """Write one JSON line per page: its key and every field's ``repr`` (or the error)."""
    pages = _records(code, per_source, limit)
    extract = importlib.import_module("parsers.extract").extract
    errors = importlib.import_module("pressroom.errors")
    loaded_from = Path(importlib.import_module("parsers").__file__ or "").parent.parent
    with out.open("w", encoding="utf-8") as handle:
        for key, url, html in pages:
            row: dict[str, Any] = {"key": key}
            try:
                article = extract(html, url=url)
            except errors.ParseError as exc:
                row["error"] = str(exc)
            else:
                for f in dataclasses.fields(article):
                    row[f.name] = repr(getattr(article, f.name))
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(pages)} pages from {loaded_from} -> {out}")
    return 0


def diff(old: Path, new: Path) -> int:
    """Print the pages and fields that differ; exit 1 when any does."""

    def read(path: Path) -> dict[str, dict[str, Any]]:
        with path.open(encoding="utf-8") as handle:
            return {row["key"]: row for row in map(json.loads, handle)}

    a, b = read(old), read(new)
    differences = 0
    for key in sorted(a.keys() | b.keys()):
        left, right = a.get(key), b.get(key)
        if left == right:
            continue
        differences += 1
        if left is None or right is None:
            print(f"{key}: only in {'new' if left is None else 'old'}")
            continue
        for name in sorted(left.keys() | right.keys()):
            if left.get(name) != right.get(name):
                old_value, new_value = left.get(name), right.get(name)
                print(f"{key} {name}:\n  old {old_value!s:.300}\n  new {new_value!s:.300}")
    print(f"{differences} differences on {len(a.keys() | b.keys())} pages")
    return 1 if differences else 0


def main(argv: list[str] | None = None) -> int:
    """``dump`` or ``diff`` (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--code", type=Path, default=ROOT, help="checkout whose parsers run")
    d.add_argument("--per-source", type=int, default=None, help="second set sample size")
    d.add_argument("--limit", type=int, default=None, help="first N dev pages only")
    c = sub.add_parser("diff")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        return dump(args.out, args.code.resolve(), args.per_source, args.limit)
    return diff(args.old, args.new)


if __name__ == "__main__":
    raise SystemExit(main())
