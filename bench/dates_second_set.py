"""Publication dates on a set the rules were not tuned on: Mozilla Readability's test pages.

    uv run python bench/dates_second_set.py [--repo DIR] [--show]

Data: Mozilla Readability (Apache-2.0), ``test/test-pages/*/``: ``source.html``
and ``expected-metadata.json``, of which 33 pages give a ``publishedTime``.
The pages are read in place from a git clone (``--repo``, default the mirror the
session's ``fetch`` tool writes); nothing of theirs is copied into this project.

Score: same local day, the day of ``publishedTime`` as written (in its own
offset) against the day of ``Article.published_at`` in the offset it carries,
as ``bench.metrics.date_matches`` compares them on the development set. A page
where we return no date counts as a miss; a wrong date is also counted apart.
Readability's own test harness extracts with the URL ``http://fakehost/test/page.html``;
the same URL is used here, so no date can come from a URL.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metrics import date_matches  # noqa: E402
from parsers import extract  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

DEFAULT_REPO = Path("/work/.mirror/mozilla+readability/repo")
PAGES_DIR = "test/test-pages"
FAKE_URL = "http://fakehost/test/page.html"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


def _read(repo: Path, path: str) -> str | None:
    """A file of the clone's HEAD (works on bare mirrors and on work trees)."""
    try:
        return _git(repo, "show", f"HEAD:{path}")
    except subprocess.CalledProcessError:
        return None


def pages(repo: Path) -> list[tuple[str, str, str]]:
    """(name, html, publishedTime) of every test page that declares a publication time."""
    found = []
    for name in _git(repo, "ls-tree", "--name-only", f"HEAD:{PAGES_DIR}").split():
        raw = _read(repo, f"{PAGES_DIR}/{name}/expected-metadata.json")
        if raw is None:
            continue
        published = json.loads(raw).get("publishedTime")
        html = _read(repo, f"{PAGES_DIR}/{name}/source.html") if published else None
        if published and html is not None:
            found.append((name, html, str(published)))
    return found


def main(argv: list[str] | None = None) -> int:
    """Print same-local-day accuracy on the pages (and each page with ``--show``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--repo", type=Path, default=DEFAULT_REPO)
    parser.add_argument("--show", action="store_true", help="one line per page")
    args = parser.parse_args(argv)
    if not args.repo.exists():
        print(f"no Readability clone at {args.repo}", file=sys.stderr)
        return 1
    dated = pages(args.repo)
    hits = wrong = none = 0
    for name, html, gold in dated:
        try:
            value = extract(html, url=FAKE_URL).published_at
        except ParseError:
            value = None
        ok = date_matches(value, gold)
        hits += ok
        none += value is None
        wrong += value is not None and not ok
        if args.show:
            mark = "ok  " if ok else ("none" if value is None else "MISS")
            shown = value.isoformat() if value else "-"
            print(f"{mark} {name:28} gold {gold[:25]:25} ours {shown}")
    total = len(dated)
    print(
        f"Readability test pages with publishedTime: {total}; same local day {hits}/{total} "
        f"({hits / max(total, 1):.1%}); no date {none}; wrong date {wrong}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
