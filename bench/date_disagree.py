"""Where pressroom and the htmldate library disagree on a page's day, on every page we may read.

    uv run python bench/date_disagree.py [--sets dev,second,...] [--cache FILE] [--out FILE]
                                         [--show CLASS]

No labels needed: each page of the sets we may use (dev, the second set's 2,151 pages,
extra, fourth, fifth, fundus, seventh) is read by ``parsers.extract`` and by htmldate's
``find_date`` (``original_date=True``, with ``extensive_search`` on and off), and sorted:

- ``they_only``: htmldate gives a day, we give none;
- ``differ``: both give a day and the days differ (ours in the offset ``published_at``
  carries, theirs as htmldate prints it);
- ``we_only``: we give a day, htmldate none (counted, not listed);
- ``same``: the same day.

Classes are counted against htmldate with ``extensive_search`` on (its default: the page's
free text is searched too) and, in a second column, off (declared markup and URL only: the
stronger of its two opinions). A disagreement is a page to read, not a miss: the page's own
printed date and markup decide who is right (docs/BENCHMARKS.md, d43).

htmldate's answers do not change with our code, so ``--cache`` keeps them (JSON, keyed by
set and page) and a rerun after a parser change costs pressroom's time only. ``--out``
writes one JSON line per disagreement (set, key, url, class, ours, theirs, theirs_fast).
The test pages of the newspaper4k, goose3, postlight and Readability mirrors are read as
the second, fifth and fourth sets hold them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers import extract  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

SETS = ("dev", "second", "extra", "fourth", "fifth", "fundus", "seventh")
CLASSES = ("they_only", "differ", "we_only", "same", "neither")


def _folder_set(out: Path) -> Iterator[tuple[str, str, str]]:
    """Pages of a ``truth/`` + ``html/`` set (fourth, fifth) as built by its bench script."""
    for path in sorted((out / "truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        yield (
            path.stem,
            truth["url"],
            decode_html((out / "html" / f"{path.stem}.html").read_bytes()),
        )


def pages(name: str) -> Iterator[tuple[str, str, str]]:
    """(key, url, html) of every page of set ``name``."""
    if name in ("dev", "extra"):
        from bench.extraction import DEFAULT_DATASET, load

        dataset = DEFAULT_DATASET if name == "dev" else Path("/work/sets/extra")
        for page in load(dataset, None):
            yield page.key, page.url, page.html
    elif name == "second":
        from bench.second_set import load_second

        for key, url, html, _ in load_second(None, None):
            yield key, url, html
    elif name in ("fourth", "fifth"):
        yield from _folder_set(Path(f"/work/sets/{name}"))
    elif name == "fundus":
        from bench.dates_fundus_set import FUNDUS, truth_pages

        for key, url, raw, _ in truth_pages(FUNDUS):
            yield key, url, decode_html(raw)
    elif name == "seventh":
        from bench.metascraper_set import METASCRAPER
        from bench.metascraper_set import pages as seventh

        for key, url, raw, _ in seventh(METASCRAPER):
            yield key, url, decode_html(raw)
    else:
        raise SystemExit(f"unknown set {name!r}; one of {', '.join(SETS)}")


def ours(html: str, url: str) -> str | None:
    """Our day: ``published_at``'s date in the offset it carries."""
    try:
        value = extract(html, url=url).published_at
    except ParseError:
        return None
    return value.date().isoformat() if value is not None else None


def theirs(html: str, url: str, extensive: bool) -> str | None:
    from htmldate import find_date

    try:
        return find_date(
            html, url=url, original_date=True, extensive_search=extensive, outputformat="%Y-%m-%d"
        )
    except Exception:  # a library crash on a page is "no date" here
        return None


def sort(we: str | None, they: str | None) -> str:
    if they and not we:
        return "they_only"
    if we and not they:
        return "we_only"
    if not we:
        return "neither"
    return "same" if we == they else "differ"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/date-disagree-htmldate.json"))
    parser.add_argument("--out", type=Path, help="one JSON line per disagreement")
    parser.add_argument("--show", choices=("they_only", "differ"), help="print those pages")
    args = parser.parse_args(argv)
    cache: dict[str, list[str | None]] = (
        json.loads(args.cache.read_text()) if args.cache.exists() else {}
    )
    rows = []
    counts: dict[str, Counter[str]] = {}
    for name in args.sets.split(","):
        full, fast = (
            counts.setdefault(name, Counter()),
            counts.setdefault(name + " fast", Counter()),
        )
        for key, url, html in pages(name):
            slot = f"{name}/{key}"
            if slot not in cache:
                cache[slot] = [theirs(html, url, True), theirs(html, url, False)]
            they, they_fast = cache[slot]
            we = ours(html, url)
            full[sort(we, they)] += 1
            fast[sort(we, they_fast)] += 1
            kind = sort(we, they)
            if kind in ("they_only", "differ") or sort(we, they_fast) in ("they_only", "differ"):
                rows.append(
                    {
                        "set": name,
                        "key": key,
                        "url": url,
                        "class": kind,
                        "class_fast": sort(we, they_fast),
                        "ours": we,
                        "theirs": they,
                        "theirs_fast": they_fast,
                    }
                )
        args.cache.write_text(json.dumps(cache))
    print(f"{'set':<14}" + "".join(f"{c:>11}" for c in CLASSES) + f"{'pages':>8}")
    for name, counter in counts.items():
        print(
            f"{name:<14}"
            + "".join(f"{counter[c]:>11}" for c in CLASSES)
            + f"{sum(counter.values()):>8}"
        )
    if args.out:
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    if args.show:
        for row in rows:
            if row["class"] == args.show:
                print(
                    row["set"],
                    row["key"],
                    row["url"],
                    row["ours"],
                    row["theirs"],
                    row["theirs_fast"],
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
