"""CPU per feed of ``parse_feed`` on synthetic 50-item feeds of the shapes the zone rules see.

    uv run python bench/feed_shapes.py --rounds 7
    PYTHONPATH=/tmp/old uv run python bench/feed_shapes.py   # another checkout's parsers

Each shape is parsed ``--repeat`` times per round; the best round's CPU time (process time)
per feed is printed in microseconds. Shapes: RSS with GMT dates and no language, a Chinese
RSS feed with "CST" dates, the same with every item's own ``xml:lang`` (a multilingual feed:
an entry's zones set per item), items' ``<dc:language>``, Java-spelled dates, an Atom feed
with entries' ``xml:lang``, and a JSON Feed 1.1 with a language.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

from parsers.feeds import parse_feed

ITEMS = 50
RFC_GMT = "Mon, 05 Jan 2015 12:45:00 GMT"
RFC_CST = "Mon, 05 Jan 2015 12:45:00 CST"
JAVA_CST = "Mon Jan 05 12:45:00 CST 2015"


def _rss(date: str, channel: str = "", attrs: str = "", inner: str = "") -> bytes:
    items = "".join(
        f"<item{attrs}><title>Story {n}</title><link>https://example.cn/{n}.html</link>"
        f"{inner}<pubDate>{date}</pubDate><description>Text {n}</description></item>"
        for n in range(ITEMS)
    )
    return (
        "<?xml version='1.0'?><rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
        f"<channel><title>News</title>{channel}{items}</channel></rss>"
    ).encode()


def _atom(entry_lang: str) -> bytes:
    entries = "".join(
        f"<entry xml:lang='{entry_lang}'><title>Story {n}</title>"
        f"<link href='https://example.cn/{n}.html'/><published>{RFC_CST}</published></entry>"
        for n in range(ITEMS)
    )
    return f"<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='en'>{entries}</feed>".encode()


def _json(language: str) -> bytes:
    items = [
        {"id": str(n), "url": f"https://example.cn/{n}.html", "date_published": RFC_CST}
        for n in range(ITEMS)
    ]
    doc = {"version": "https://jsonfeed.org/version/1.1", "language": language, "items": items}
    return json.dumps(doc).encode()


SHAPES: dict[str, bytes] = {
    "rss, GMT, no language": _rss(RFC_GMT),
    "rss zh-cn, CST": _rss(RFC_CST, "<language>zh-cn</language>"),
    "rss zh-cn, CST, items' xml:lang zh-TW": _rss(
        RFC_CST, "<language>zh-cn</language>", " xml:lang='zh-TW'"
    ),
    "rss, CST, items' dc:language zh-cn": _rss(RFC_CST, inner="<dc:language>zh-cn</dc:language>"),
    "rss zh-cn, Java CST": _rss(JAVA_CST, "<language>zh-cn</language>"),
    "atom en, CST, entries' xml:lang zh-CN": _atom("zh-CN"),
    "json zh-CN, CST": _json("zh-CN"),
}


def _best(fn: Callable[[], object], repeat: int, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for _ in range(repeat):
            fn()
        best = min(best, (time.process_time() - t0) / repeat)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=200)
    args = ap.parse_args()
    for name, data in SHAPES.items():
        dated = sum(i.published_at is not None for i in parse_feed(data).items)
        cpu = _best(lambda data=data: parse_feed(data), args.repeat, args.rounds)  # type: ignore[misc]
        print(f"{name:40} {cpu * 1e6:8.0f} us/feed  ({dated}/{ITEMS} dated)")


if __name__ == "__main__":
    main()
