"""Publication dates on a broad unseen set of news and blog pages: the day in each page's own URL.

    uv run python bench/dates_url_set.py [--only pressroom|htmldate] [--show] [--misses FILE]

No public date set at hand was both broad and unreserved, so this one takes its
truth from the pages' addresses: every page of the merged HTML-cleaning corpora
(j-szulc/html-cleaning-dataset-merged: Dragnet's news and blog pages of 2012,
CleanPortalEval's news portals of 2012-2013 in English and Hungarian, CleanEval's
pages of 2002-2006, Readability's test pages) whose original URL (a ``<text id>``
wrapper, ``rel=canonical``, ``og:url``, ``<base href>``) spells a full day,
``/2012/07/24/`` or ``-20120724``, is a dated page; that day is the truth (the
site's own date for the story; a silver truth, off by a day where a site dates its
paths in another zone than the one it prints).

The URL is hidden from both extractors: each occurrence of it (and of its path) in
the page is replaced by Readability's harness URL, and both are called with that
URL, so the day must come from the page itself. Compared: ``parsers.extract``
(``published_at`` read in its own offset) and htmldate (trafilatura's date
library, ``original_date=True``, default extensive search).

Licences: the merged repository states none of its own and points to each source
(Dragnet: none stated; CleanPortalEval: none stated; CleanEval: research use;
Readability: Apache-2.0). The pages are read in place from the mirror's git
objects; nothing of theirs is copied into this project. None of them is a reserved
set (WCXB test split, scrapinghub benchmark, htmldate's evaluation pages,
trafilatura's realworld tests).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.rivals import chosen, rival_parser  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

MERGED = Path("/work/.mirror/j-szulc+html-cleaning-dataset-merged/repo")
FAKE_URL = "http://fakehost/test/page.html"
URL_RE = re.compile(
    rb'(?:<text id="|rel="canonical" href="|property="og:url" content="|<base href=")'
    rb'(https?://[^"\s>]+)',
    re.IGNORECASE,
)
DAY_RES = (
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?=[/_.-]|$)"),
    re.compile(r"[/_-](?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?=[/_.-]|$)"),
)


def url_day(url: str) -> date | None:
    """The full day a URL's path spells, if any."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    for pattern in DAY_RES:
        for match in pattern.finditer(path):
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
    return None


def pages(repo: Path) -> list[tuple[str, bytes, date]]:
    """(corpus/name, page bytes with the URL hidden, the URL's day) of every dated page."""
    listing = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "-r", "HEAD"], check=True, capture_output=True
    ).stdout.decode()
    wanted = []
    for line in listing.splitlines():
        meta, path = line.split("\t", 1)
        if "/input/" in path and path.endswith(".html"):
            wanted.append((meta.split()[2], path))
    batch = subprocess.Popen(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert batch.stdin is not None and batch.stdout is not None
    found = []
    for sha, path in wanted:
        batch.stdin.write(sha.encode() + b"\n")
        batch.stdin.flush()
        size = int(batch.stdout.readline().split()[2])
        data = batch.stdout.read(size)
        batch.stdout.read(1)
        match = URL_RE.search(data)
        day = url_day(match.group(1).decode("latin-1")) if match else None
        if match is None or day is None:
            continue
        hidden = data
        # Every spelling of the page's own address (the wrapper's and the canonical
        # may differ), and its path: htmldate reads rel=canonical, for one.
        for url in {m.group(1) for m in URL_RE.finditer(data)}:
            hidden = hidden.replace(url, FAKE_URL.encode()).replace(
                url.replace(b"&", b"&amp;"), FAKE_URL.encode()
            )
            path_part = url.split(b"/", 3)[-1]
            if len(path_part) > 12:
                hidden = hidden.replace(path_part, b"test/page.html")
        name = path.split("/")[0].split("-")[0] + "/" + path.rsplit("/", 1)[1]
        found.append((name, hidden, day))
    batch.stdin.close()
    batch.wait()
    return found


def ours(html: str) -> date | None:
    try:
        value = extract(html, url=FAKE_URL).published_at
    except ParseError:
        return None
    return value.date() if value is not None else None


def theirs(html: str) -> date | None:
    from htmldate import find_date

    found = find_date(html, original_date=True, outputformat="%Y-%m-%d")
    return date.fromisoformat(found) if found else None


def main(argv: list[str] | None = None) -> int:
    """Print same-day accuracy per extractor and corpus."""
    parser = rival_parser(__doc__, MERGED, "htmldate")
    parser.add_argument("--show", action="store_true", help="one line per page")
    parser.add_argument("--misses", type=Path, help="write pressroom's misses here")
    args = parser.parse_args(argv)
    runs = chosen(args, {"pressroom": ours, "htmldate": theirs}, "merged corpus")
    if runs is None:
        return 1
    dated = pages(args.repo)
    hits: Counter[tuple[str, str]] = Counter()
    nones: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    miss_lines = []
    for name, raw, gold in dated:
        html = decode_html(raw)
        corpus = name.split("/")[0]
        totals[corpus] += 1
        for label, run in runs.items():
            value = run(html)
            ok = value == gold
            hits[label, corpus] += ok
            hits[label, "all"] += ok
            nones[label] += value is None
            if args.show:
                print(f"{label:9} {'ok  ' if ok else 'MISS'} {name:40} gold {gold} got {value}")
            if label == "pressroom" and not ok:
                miss_lines.append(f"{name}\tgold {gold}\tgot {value}")
    total = sum(totals.values())
    print(f"pages whose URL spells a day: {total} ({dict(sorted(totals.items()))})")
    for label in runs:
        per = ", ".join(f"{c} {hits[label, c]}/{n}" for c, n in sorted(totals.items()))
        share = hits[label, "all"] / max(total, 1)
        print(
            f"{label:9} same day {hits[label, 'all']}/{total} ({share:.1%}); "
            f"no date {nones[label]}; by corpus: {per}"
        )
    if args.misses:
        args.misses.write_text("\n".join(miss_lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
