"""Publication-date census on every whole-page set with a known date: right, wrong, none, and where.

    uv run python bench/date_census.py [--sets dev,newspaper4k,...] [--show] [--out FILE]

Sets (each a page with a known publication day we may tune on):

- ``dev``: the development set's ``publish_date`` (the day as written);
- ``extra``: /work/sets/extra's ``publish_date``;
- ``newspaper4k``, ``readability``: the second set's two sources with a date
  (``bench/second_set.py``; newspaper4k's frozen ``publish_date``, Readability's
  ``publishedTime``, read with the harness URL);
- ``fourth``: Postlight's fixtures (``bench/postlight_set.py``; the local day where the page
  prints one, else the expected instant's UTC day);
- ``fifth``: goose3's fixtures (``bench/goose_set.py``; ``publish_date``'s day);
- ``fundus``: fundus's per-publisher pages (``bench/dates_fundus_set.py``; ``publishing_date``);
- ``seventh``: metascraper's integration pages (``bench/metascraper_set.py``; the UTC day of
  its ``date``; not-article pages and the dates ``LABELS`` marks ``wrong`` or
  ``convention``, the modification, left out: the "checked" dates);
- ``urlday``: the URL-day set (``bench/dates_url_set.py``: the day in each page's own
  address, a silver truth, the address hidden from the extractor).

Each page is read by ``parsers.extract(html, url=...)``; ours is ``published_at``'s day in
its own offset (on ``seventh``, its UTC day, as that set is scored). Printed per set: pages,
same day, wrong, none. Then each miss gets a category: WHERE on the page the truth's day is
(``bench/date_places.py``: the first of URL, ``<meta>`` key, JSON-LD key, other script key,
``<time>`` attribute or text, another element's attribute, visible text by spelling), and
for a wrong answer where our day is. Categories are counted over all sets and by set, so a
category that recurs on two sets (not one site) stands out. ``--show`` lists every miss;
``--out`` writes one JSON line per page (set, key, url, truth, ours, class, places).
``--printed-only`` takes the declared dates out (``bench/dates_fundus_set.printed_only``:
``<meta>``, scripts, ``datetime``/``content``/``title``/``data-*`` attributes) and hides the
URL, and keeps the pages that still print the truth's day: which printed spellings we read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.date_places import places  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

SETS = ("dev", "extra", "newspaper4k", "readability", "fourth", "fifth", "fundus", "seventh",
        "urlday")
DAY_RE = re.compile(r"\d{4}-\d\d-\d\d")
Case = tuple[str, str, str, str, bool]  # key, url, html, truth day, scored on the UTC day


def _wcxb(dataset: Path) -> Iterator[Case]:
    from bench.extraction import load

    for page in load(dataset, None):
        when = page.truth.get("publish_date")
        if when:
            yield page.key, page.url, page.html, str(when)[:10], False


def _second(source: str) -> Iterator[Case]:
    from bench import second_set

    repo = second_set.NEWSPAPER4K if source == "newspaper4k" else second_set.READABILITY
    read = second_set.newspaper4k if source == "newspaper4k" else second_set.readability
    for key, url, html, truth in read(repo):
        if truth.get("publish_date"):
            yield key, url, html, str(truth["publish_date"])[:10], False


def _folder(out: Path, field: str) -> Iterator[Case]:
    for path in sorted((out / "truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        day = truth.get("local_day") or truth.get(field)
        if truth.get("skipped") or not day:
            continue
        html = decode_html((out / "html" / f"{path.stem}.html").read_bytes())
        yield path.stem, truth["url"], html, str(day)[:10], False


def _fundus() -> Iterator[Case]:
    from bench.dates_fundus_set import FUNDUS, truth_pages

    for key, url, raw, truth in truth_pages(FUNDUS):
        when = truth.get("publishing_date")
        if when:
            yield key, url, decode_html(raw), str(when)[:10], False


def _seventh() -> Iterator[Case]:
    from bench.metascraper_set import LABELS, METASCRAPER, NOT_ARTICLES, pages

    for key, url, raw, truth in pages(METASCRAPER):
        when = truth.get("date")
        if not when or key.split("/")[0] in NOT_ARTICLES:
            continue
        if LABELS.get((key, "date"), ("",))[0] in ("wrong", "convention"):
            continue  # the snapshot's modified date, or a date the page contradicts
        day = datetime.fromisoformat(when.replace("Z", "+00:00")).astimezone(UTC).date()
        yield key, url, decode_html(raw), day.isoformat(), True


def _urlday() -> Iterator[Case]:
    from bench.dates_url_set import FAKE_URL, MERGED, pages

    for key, raw, day in pages(MERGED):
        yield key, FAKE_URL, decode_html(raw), day.isoformat(), False


def cases(name: str) -> Iterator[Case]:
    if name == "dev":
        from bench.extraction import DEFAULT_DATASET

        return _wcxb(DEFAULT_DATASET)
    if name == "extra":
        return _wcxb(Path("/work/sets/extra"))
    if name in ("newspaper4k", "readability"):
        return _second(name)
    if name == "fourth":
        return _folder(Path("/work/sets/fourth"), "date_day")
    if name == "fifth":
        return _folder(Path("/work/sets/fifth"), "date")
    if name == "fundus":
        return _fundus()
    if name == "seventh":
        return _seventh()
    if name == "urlday":
        return _urlday()
    raise SystemExit(f"unknown set {name!r}; one of {', '.join(SETS)}")


def our_day(html: str, url: str, utc: bool) -> str | None:
    try:
        value = extract(html, url=url).published_at
    except ParseError:
        return None
    if value is None:
        return None
    return (value.astimezone(UTC) if utc else value).date().isoformat()


def category(row: dict[str, Any]) -> str:
    """One line naming a miss: where the truth is, and (wrong) where ours is."""
    truth = row["truth_places"][0] if row["truth_places"] else "not on the page"
    if row["class"] == "none":
        return f"none; truth at {truth}"
    ours = row["our_places"][0] if row["our_places"] else "not found"
    return f"wrong; truth at {truth}; ours at {ours}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--show", action="store_true", help="list every miss")
    parser.add_argument("--out", type=Path, help="one JSON line per page")
    parser.add_argument("--printed-only", action="store_true",
                        help="declared dates taken out and the URL hidden: the printed spellings")
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    skipped: Counter[str] = Counter()
    for name in args.sets.split(","):
        for key, url, html, truth, utc in cases(name):
            if not DAY_RE.fullmatch(truth):
                skipped[name] += 1  # a month or a year is no day to score
                continue
            if args.printed_only:
                from bench.dates_fundus_set import FAKE_URL, printed_only

                html, url = printed_only(html), FAKE_URL
                if not any(p.startswith(("text", "<time>")) for p in places(html, url, truth)):
                    skipped[f"{name} (not printed)"] += 1
                    continue
            ours = our_day(html, url, utc)
            kind = "same" if ours == truth else "none" if ours is None else "wrong"
            row: dict[str, Any] = {"set": name, "key": key, "url": url, "truth": truth,
                                   "ours": ours, "class": kind}
            if kind != "same":
                row["truth_places"] = places(html, url, truth)
                row["our_places"] = places(html, url, ours) if ours else []
            rows.append(row)
    print(f"{'set':<12} {'pages':>5} {'same':>5} {'wrong':>5} {'none':>5}")
    totals: Counter[str] = Counter()
    for name in dict.fromkeys(r["set"] for r in rows):
        count = Counter(r["class"] for r in rows if r["set"] == name)
        totals.update(count)
        pages = sum(count.values())
        print(f"{name:<12} {pages:>5} {count['same']:>5} {count['wrong']:>5} {count['none']:>5}")
    print(f"{'all':<12} {sum(totals.values()):>5} {totals['same']:>5} "
          f"{totals['wrong']:>5} {totals['none']:>5}")
    if skipped:
        print("skipped (truth not a day): " + ", ".join(f"{s} {n}" for s, n in skipped.items()))
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["class"] != "same":
            by_category[category(row)].append(row)
    print("\nmisses by category (sets it recurs on):")
    for name, members in sorted(by_category.items(), key=lambda item: -len(item[1])):
        sets = Counter(r["set"] for r in members)
        print(f"{len(members):>4}  {name}  [{', '.join(f'{s} {n}' for s, n in sets.items())}]")
    if args.show:
        print("\nmisses:")
        for row in rows:
            if row["class"] != "same":
                print(f"{row['set']:<11} {row['key'][:44]:<44} truth {row['truth']} ours "
                      f"{row['ours']}  T: {'; '.join(row['truth_places'][:3])}"
                      f"  O: {'; '.join(row['our_places'][:2])}")
    if args.out:
        with args.out.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
