"""Feed parsing against feedparser on a directory of feed files.

    uv run python bench/feeds.py /tmp/h17corpus/tests            # every file under it
    uv run python bench/feeds.py DIR --rounds 3 --show 20         # best of 3, list 20 mismatches

For every file (any extension, recursively) it runs ``parsers.feeds.parse_feed``
and ``feedparser.parse`` and prints:

- exceptions: anything ``parse_feed`` raised other than ``FeedError`` (target 0);
- accepted: files each parser turns into a feed (feedparser: a recognised
  ``version``; Pressroom: a ``Feed`` of kind rss, rdf, atom or json; sitemaps are
  Pressroom's own and not counted);
- agreement: on files both accept, the share whose sets of entry links are
  equal (Pressroom's ``item.url``, feedparser's ``entry.link``), both resolved
  against the same dummy base URL so relative links compare (target >= 95%);
- speed: files per second of each parser over the whole directory, best round;
- item dates (``--dates FILE``): every item's link, published and modified date as
  ``parse_feed`` reads them, one tab-separated line each, to ``diff`` between two checkouts
  (``PYTHONPATH`` to the other one's ``git archive``);
- safety (``--attacks``): the hostile feeds of tests/security/test_xml.py, as they
  are and with text before the root (so a strict parse fails first), through both
  parsers, with a real local server to catch fetches: seconds, whether the canary
  file's content came out, requests made.

feedparser is a dev dependency only: Pressroom does not use it at runtime.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import feedparser

from parsers.feeds import Feed, parse_feed
from pressroom.errors import FeedError

BASE = "http://bench.invalid/feed/"


def _ours(data: bytes) -> Feed | FeedError | BaseException:
    try:
        return parse_feed(data)
    except FeedError as exc:
        return exc
    except Exception as exc:  # counted: the target is none of these
        return exc


def _join(url: str) -> str:
    try:
        return urljoin(BASE, url.strip())
    except ValueError:  # "Invalid IPv6 URL" and the like: compare as written
        return url.strip()


def _theirs(data: bytes) -> set[str] | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = feedparser.parse(
            data,
            response_headers={"content-location": BASE},
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    if not parsed.get("version"):
        return None
    return {_join(e.link) for e in parsed.entries if e.get("link")}


def _links(feed: Feed) -> set[str]:
    return {_join(i.url) for i in feed.items}


def _iso(when: datetime | None) -> str:
    return "-" if when is None else when.isoformat()


def _timed(fn: object, blobs: list[bytes], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for blob in blobs:
            fn(blob)  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    return best


def _attacks() -> None:
    from tests.reliability.fault_server import FaultServer, ok
    from tests.security.test_xml import CANARY, attacks

    with tempfile.TemporaryDirectory() as tmp, FaultServer() as srv:
        canary = Path(tmp) / "canary.txt"
        canary.write_text(CANARY, encoding="utf-8")
        for path in ("/xxe", "/evil.dtd", "/ext.dtd"):
            srv.route(path, ok(b'<!ENTITY ext "' + CANARY.encode() + b'">', "text/plain"))
        print("attack | pressroom s, leaked, outcome | feedparser s, leaked, entries")
        for name, doc in attacks(canary).items():
            for variant, data in (("", doc), (" +junk", b"junk " + doc)):
                data = data.replace(b"{base}", srv.url.encode())
                t0 = time.perf_counter()
                ours = _ours(data)
                ours_s = time.perf_counter() - t0
                t0 = time.perf_counter()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    theirs = feedparser.parse(data)
                theirs_s = time.perf_counter() - t0
                outcome = type(ours).__name__ + (
                    f" ({ours})" if isinstance(ours, FeedError) else ""
                )
                print(
                    f"{name}{variant} | {ours_s:.3f}, {CANARY in repr(ours)}, {outcome:.60}"
                    f" | {theirs_s:.3f}, {CANARY in repr(theirs)}, {len(theirs.entries)}"
                )
        print(f"requests to the attack server: {len(srv.requests)}")


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 1 when ``parse_feed`` raised a foreign exception."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--show", type=int, default=0, help="print this many mismatching files")
    ap.add_argument("--attacks", action="store_true", help="also run the hostile-XML check")
    ap.add_argument("--dates", type=Path, help="write every item's dates to this file")
    args = ap.parse_args(argv)
    if args.attacks:
        _attacks()
    paths = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.suffix != ".py")
    blobs = [p.read_bytes() for p in paths]
    foreign: list[tuple[Path, BaseException]] = []
    ours_ok = theirs_ok = both = agree = 0
    mismatches: list[str] = []
    dated: list[str] = []
    for path, blob in zip(paths, blobs, strict=True):
        ours = _ours(blob)
        if isinstance(ours, Feed):
            dated += [
                f"{path.relative_to(args.corpus)}\t{i.url}\t{_iso(i.published_at)}\t"
                f"{_iso(i.modified_at)}"
                for i in ours.items
            ]
        theirs = _theirs(blob)
        if isinstance(ours, BaseException) and not isinstance(ours, FeedError):
            foreign.append((path, ours))
        accepted = isinstance(ours, Feed) and ours.kind in ("rss", "rdf", "atom", "json")
        ours_ok += accepted
        theirs_ok += theirs is not None
        if accepted and theirs is not None and isinstance(ours, Feed):
            both += 1
            mine = _links(ours)
            if mine == theirs:
                agree += 1
            else:
                mismatches.append(
                    f"{path}: ours-only {sorted(mine - theirs)[:3]} "
                    f"theirs-only {sorted(theirs - mine)[:3]}"
                )
        elif theirs is not None and not accepted:
            mismatches.append(f"{path}: refused by us ({ours!r:.120})")
    if args.dates is not None:
        args.dates.write_text("".join(f"{line}\n" for line in dated), encoding="utf-8")
        undated = sum(line.endswith("\t-\t-") for line in dated)
        print(
            f"item dates: {len(dated) - undated} of {len(dated)} items dated, "
            f"written to {args.dates}"
        )
    ours_s = _timed(_ours, blobs, args.rounds)
    theirs_s = _timed(_theirs, blobs, args.rounds)
    print(f"files: {len(paths)}")
    print(f"foreign exceptions from parse_feed: {len(foreign)}")
    for path, exc in foreign[:10]:
        print(f"  {path}: {type(exc).__name__}: {exc}")
    print(f"accepted: pressroom {ours_ok}, feedparser {theirs_ok}, both {both}")
    print(
        f"refused by pressroom, accepted by feedparser: "
        f"{sum(m.endswith(')') and 'refused by us' in m for m in mismatches)}"
    )
    share = agree / both if both else 0.0
    print(f"same entry-link set on files both accept: {agree}/{both} = {share:.1%}")
    ours_s, theirs_s = max(ours_s, 1e-9), max(theirs_s, 1e-9)
    print(
        f"speed (best of {args.rounds}): pressroom {len(blobs) / ours_s:,.0f} files/s "
        f"({ours_s:.2f}s), feedparser {len(blobs) / theirs_s:,.0f} files/s ({theirs_s:.2f}s)"
    )
    for line in mismatches[: args.show]:
        print("  " + line)
    return 1 if foreign else 0


if __name__ == "__main__":
    sys.exit(main())
