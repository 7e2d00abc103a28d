"""Story texts normalised in the parse workers give the stories the write gave itself."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from flows.config import load_sources
from flows.run import run_sources
from parsers import Article
from parsers.story_text import StoryText, story_text
from tests.crash.bulk_site import BulkSite
from warehouse import Batch, open_warehouse

PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title}</title>
<meta property="article:published_time" content="2024-03-05T10:00:00+00:00">
</head><body><article><h1>{title}</h1>{paras}</article></body></html>"""


def _releases() -> list[list[str]]:
    """Six releases of five paragraphs, 12-20 words each, from a fixed vocabulary."""
    rng = random.Random(15)
    vocab = [f"w{i}" for i in range(400)] + ["Ministry", "ﬁnance", "Straße", "ＡＢＣ", "naïve"]
    return [[" ".join(rng.choice(vocab) for _ in range(rng.randint(12, 20))) for _ in range(5)]
            for _ in range(6)]


def pages() -> list[tuple[str, list[str]]]:
    """(language, paragraphs) per page: releases, copies of them (a dateline added, a
    paragraph cut, one edited), a digest of two, a shared boilerplate line, Japanese."""
    r = _releases()
    furniture = "Subscribe to our newsletter for more news from the ministry every week"
    out: list[tuple[str, list[str]]] = [("en", [*rel, furniture]) for rel in r]
    out += [
        ("en", ["MINSK, 16 November (BelTA) - " + r[0][0], *r[0][1:]]),
        ("en", r[1][:4]),
        ("en", [r[2][0] + " added words here", *r[2][1:], furniture]),
        ("en", r[3] + r[4]),
        ("en", r[4][1:]),
        ("ja", ["政府は本日新しい経済対策を発表しました。国内の景気回復を目指します。" * 3] * 2),
        ("en", [r[5][2], r[5][0], r[5][1], r[5][3]]),
    ]
    return out


# Pages per source: the releases and the Japanese page; the copies; the digest. A
# source's own repeated paragraphs are boilerplate, so copies come from another source,
# and the digest, which repeats a copy's paragraphs, from a third: in one source with
# that copy, whichever of the two came first in the batch (an order that follows the
# URLs' hashes, so the test site's port) would leave the other without a signature.
SOURCE_PAGES = {"a": (0, 1, 2, 3, 4, 5, 11), "b": (6, 7, 8, 10, 12), "c": (9,)}


class StorySite(BulkSite):
    """:class:`BulkSite` serving :func:`pages` as ``/a/<i>/``, listed per source in
    ``/<source>.xml`` (:data:`SOURCE_PAGES`)."""

    def _body(self, path: str) -> tuple[int, str, bytes]:
        all_pages = pages()
        if path.endswith(".xml") and path[1:-4] in SOURCE_PAGES:
            ids = SOURCE_PAGES[path[1:-4]]
            urls = "".join(f"<url><loc>{self.url}/a/{i}/</loc></url>" for i in ids)
            xml = ('<?xml version="1.0" encoding="UTF-8"?>'
                   f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
            return 200, "application/xml", xml.encode()
        if path.startswith("/a/") and path.endswith("/") and path[3:-1].isdigit():
            lang, paras = all_pages[int(path[3:-1])]
            html = PAGE.format(lang=lang, title=f"Release {path}",
                               paras="".join(f"<p>{p}</p>" for p in paras))
            return 200, "text/html; charset=utf-8", html.encode()
        return 404, "text/plain", b"not found"

    def source(self, name: str) -> str:
        """Source ``name`` (a key of :data:`SOURCE_PAGES`), its own sitemap."""
        return self.sources_toml(name).replace("/sitemap.xml", f"/{name}.xml")


def members(db: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT article_id, story_id, n_shingles, minhash, paragraphs "
                           "FROM story_members ORDER BY article_id").fetchall()
    finally:
        con.close()


def test_stories_are_the_same_when_the_workers_normalise_the_bodies(tmp_path: Path) -> None:
    stored: dict[int, list[tuple[object, ...]]] = {}
    with StorySite(len(pages())) as site:
        for workers in (0, 2):  # 0: parsed in this process, the write normalises the bodies
            db = tmp_path / f"w{workers}.duckdb"
            for name in SOURCE_PAGES:  # one run each, so the batches come in one order
                sources = tmp_path / f"{name}.toml"
                sources.write_text(site.source(name), encoding="utf-8")
                asyncio.run(run_sources(load_sources(sources), db, as_tasks=False,
                                        parse_workers=workers))
            stored[workers] = members(db)
    assert len(stored[0]) == len(pages())
    assert stored[2] == stored[0]
    signed = [row for row in stored[0] if row[3] is not None]
    joined = [row for row in signed if row[0] != row[1]]
    assert len(signed) == len(pages()) and len(joined) >= 4  # copies compared and found


def test_the_write_uses_the_batch_story_texts_by_content_hash(tmp_path: Path) -> None:
    body = "\n\n".join(_releases()[0])
    article = Article(url="https://x.test/a/", canonical_url="https://x.test/a/",
                      title="A", body=body, source="x")
    other = story_text("\n\n".join(_releases()[1]))
    stray = StoryText(("nothing here",), (7,))
    with open_warehouse(tmp_path / "t.duckdb") as wh:
        wh.write_batch(Batch(run_id="r", source="x", fetched_at=datetime.now(UTC),
                             articles=(article,),
                             story_texts=((article.content_hash, other), ("f" * 64, stray))))
        got = wh.query("SELECT paragraphs FROM story_members").rows
    # The text given for the article's content hash was used, not its body's own.
    assert [list(r[0]) for r in got] == [list(other.hashes)]
    assert other.hashes != story_text(body).hashes
