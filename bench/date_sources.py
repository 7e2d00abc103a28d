"""Which date evidence is right when the sources disagree: per source, per set.

    uv run python bench/date_sources.py [--set url|fundus|fundus-printed|dev-singletons|all]
                                        [--show]

For every dated page of a set, the day each evidence source gives on its own, beside
ours (``parsers.extract``'s ``published_at``) and the truth:

- ``jsonld``: the main JSON-LD object's ``datePublished`` (else ``dateCreated``);
- ``meta``: the first published-date ``<meta>`` key (``metadata.PUBLISHED_KEYS``, then
  the ``published``-like ones);
- ``time``: the first ``<time datetime>`` value;
- ``printed``: the first date printed in the header (the lines around the headline
  that ``published_date`` reads);
- ``url``: the day the page's address spells (not on the URL-day set, whose address is
  hidden because it is the truth);
- ``modified``: the declared modification, shown apart (it is no publication evidence).

Each is parsed as ``published_date`` parses it (the page's zone, the page's numeric
order), from the very values ``parsers.extract`` hands to it: the bench wraps
``parsers.extract.published_date`` for the run and records its arguments, so the
evidence is the pipeline's own, not a second reading. Printed: per source, how often it
gives a day, is right and wrong; the same only on pages where it disagrees with another
source; which sources our answer agrees with; each pair's disagreements (A right / B
right / neither); with ``--show``, every wrong and missing page with its sources.

Sets: the URL-day set (``bench/dates_url_set.py``, address hidden), fundus as served and
printed only (``bench/dates_fundus_set.py``, no fetch time), and the dev pages whose
site (host without ``www.``) has one page in dev (the closest dev gets to unseen sites).
Day as in the benches: the truth's first ten characters against ours in its own offset.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import itertools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.dev_set import dev_set  # noqa: E402
from parsers.dates import date_from_url, find_date  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from parsers.metadata import PUBLISHED_KEYS, ld_text  # noqa: E402
from parsers.published import first_date  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

DEV = dev_set()
SOURCES = ("jsonld", "meta", "time", "printed", "url")
SETS = ("url", "fundus", "fundus-printed", "dev-singletons")
# (name, html, url given to the extractor, truth)
Page = tuple[str, str, str, str]


def url_pages() -> Iterator[Page]:
    from bench.dates_url_set import FAKE_URL, MERGED, pages

    for name, raw, gold in pages(MERGED):
        yield name, decode_html(raw), FAKE_URL, gold.isoformat()


def fundus_pages(printed: bool) -> Iterator[Page]:
    from bench.dates_fundus_set import FAKE_URL, FUNDUS, pages, printed_only

    for name, url, raw, gold, _ in pages(FUNDUS):
        html = decode_html(raw)
        yield (name, printed_only(html), FAKE_URL, gold) if printed else (name, html, url, gold)


def dev_singleton_pages() -> Iterator[Page]:
    records = []
    for path in sorted((DEV / "ground-truth").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        records.append((path.stem, record["url"], record["ground_truth"].get("publish_date")))
    hosts = Counter(_host(url) for _, url, _ in records)
    for key, url, gold in records:
        if gold and hosts[_host(url)] == 1:
            raw = gzip.decompress((DEV / "html" / f"{key}.html.gz").read_bytes())
            yield key, raw.decode("utf-8", errors="replace"), url, gold


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


@contextmanager
def recording() -> Iterator[dict[str, Any]]:
    """The arguments ``parsers.extract`` hands to ``published_date``, page by page."""
    module: Any = importlib.import_module("parsers.extract")
    original: Callable[..., datetime | None] = module.published_date
    seen: dict[str, Any] = {}

    def spy(*args: Any) -> datetime | None:
        names = ("meta", "scan", "header", "below", "trailer", "url", "tz", "fetched_at",
                 "modified", "day_first", "scripts")
        seen.update(zip(names, args, strict=False))
        return original(*args)

    module.published_date = spy
    try:
        yield seen
    finally:
        module.published_date = original


def _day(value: datetime | None) -> str | None:
    return value.date().isoformat() if value is not None else None


def evidence(pages: Iterator[Page]) -> list[dict[str, str | None]]:
    """One row per page: the truth's day, ours, and each source's."""
    from parsers import extract

    rows: list[dict[str, str | None]] = []
    with recording() as seen:
        for name, html, url, gold in pages:
            seen.clear()
            try:
                ours = _day(extract(html, url=url).published_at)
            except ParseError:
                ours = None
            row: dict[str, str | None] = {"key": name, "gold": gold[:10], "ours": ours}
            if seen:
                meta, tz, day_first = seen["meta"], seen["tz"], seen["day_first"]
                jsonld = [ld_text(meta.ld_main.get(k)) for k in ("datePublished", "dateCreated")]
                declared = [*meta.all(*PUBLISHED_KEYS), *meta.published_like()]
                times = [value for value, _ in seen["scan"].times]
                row |= {
                    "jsonld": _day(first_date(jsonld, tz, None, day_first)),
                    "meta": _day(first_date(declared, tz, None, day_first)),
                    "time": _day(first_date(times, tz, None, day_first)),
                    "printed": _day(find_date(seen["header"], tz, None, day_first, True)),
                    "url": None if "fakehost" in url else _day(date_from_url(url, tz)),
                    "modified": _day(seen["modified"]),
                }
            rows.append(row)
    return rows


def report(label: str, rows: list[dict[str, str | None]], show: bool) -> None:
    right = sum(r["ours"] == r["gold"] for r in rows)
    none = sum(r["ours"] is None for r in rows)
    print(f"== {label}: {len(rows)} dated pages; ours right {right}, none {none}, "
          f"wrong {len(rows) - right - none}")
    print(f"  {'source':9} {'gives':>5} {'right':>5} {'wrong':>5} | disagreeing: "
          f"{'pages':>5} {'right':>5} {'wrong':>5} | ours agrees, right/wrong")
    for source in (*SOURCES, "modified"):
        given = [r for r in rows if r.get(source)]
        others = [s for s in SOURCES if s != source]
        apart = [r for r in given if any(r.get(o) and r[o] != r[source] for o in others)]
        hits = sum(r[source] == r["gold"] for r in given)
        apart_hits = sum(r[source] == r["gold"] for r in apart)
        agree = [r for r in given if r[source] == r["ours"]]
        agree_hits = sum(r["ours"] == r["gold"] for r in agree)
        print(f"  {source:9} {len(given):5} {hits:5} {len(given) - hits:5} | {'':12}"
              f"{len(apart):5} {apart_hits:5} {len(apart) - apart_hits:5} | "
              f"{agree_hits}/{len(agree) - agree_hits}")
    print("  pairs that disagree: A right / B right / neither")
    for a, b in itertools.combinations(SOURCES, 2):
        apart = [r for r in rows if r.get(a) and r.get(b) and r[a] != r[b]]
        if apart:
            a_hits = sum(r[a] == r["gold"] for r in apart)
            b_hits = sum(r[b] == r["gold"] for r in apart)
            print(f"    {a:8} vs {b:8} {len(apart):3}: {a_hits} / {b_hits} / "
                  f"{len(apart) - a_hits - b_hits}")
    if show:
        for r in rows:
            if r["ours"] != r["gold"]:
                found = {s: r[s] for s in (*SOURCES, "modified") if r.get(s)}
                print(f"    {'none' if r['ours'] is None else 'MISS'} {r['key']:42} "
                      f"gold {r['gold']} ours {r['ours']} {found}")


def main(argv: list[str] | None = None) -> int:
    """Print the evidence table of each chosen set."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all")
    parser.add_argument("--show", action="store_true", help="every wrong and missing page")
    args = parser.parse_args(argv)
    loaders: dict[str, Callable[[], Iterator[Page]]] = {
        "url": url_pages,
        "fundus": lambda: fundus_pages(printed=False),
        "fundus-printed": lambda: fundus_pages(printed=True),
        "dev-singletons": dev_singleton_pages,
    }
    for name in SETS if args.set == "all" else (args.set,):
        report(name, evidence(loaders[name]()), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
