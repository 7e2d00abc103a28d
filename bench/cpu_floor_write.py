"""The write side of bench/cpu_floor.py: the dev pages parsed once, the warehouse
write of a batch of 200 (floor against the gateway's session) and story clustering.

The floor is bench/write_floor.py's: one session with ``BATCH_SETTINGS`` (each
COMMIT checkpoints), plain Arrow inserts of the rows a new article needs
(``article_versions``, ``article_state``, ``seen_urls``, ``pages`` with the zstd
body, ``fetch_log``, ``http_cache``, the write token), no look-up of what is
stored, the Arrow tables (zstd included) counted. "Now" is the pipeline's own
session (``bench.write_scale.write_one``: the gateway, ``write_batch``), with story
clustering off and on; clustering's share is the difference. Its floor keeps the
stored signatures identical: the signature, band keys and packed MinHash of each
body from the story text its parse worker made, with its source's boilerplate
already known (no look-up, no rows stored); the story text itself (normalised in
the parse workers) is timed apart, the same in both. CPU is the process's (``RUSAGE_SELF``:
DuckDB's threads too); nothing else runs in this process meanwhile.
Data: WCXB (Murrough Foley, 2026), CC-BY-4.0.
"""

from __future__ import annotations

import os
import pickle
import resource
import shutil
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.devsite import load_pages
from bench.write_floor import write_floor
from bench.write_scale import write_one
from flows.config import SourceConfig
from flows.http_records import Fetched
from flows.parsepool import parse_fetched, story_text_of
from flows.source_records import cache_entry, page_record
from parsers import Article
from parsers.story_text import StoryText
from warehouse import stories
from warehouse.records import Batch, FetchRecord, SeenURL
from warehouse.story_sidecar import sidecar_path

BASE = "http://127.0.0.1:8000"
SOURCE = SourceConfig(name="bench")
HEADERS = {"content-type": "text/html; charset=utf-8"}
Parsed = list[tuple[bytes, Article, StoryText | None]]


def cpu() -> float:
    """CPU seconds of this process, every thread."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def fetched(i: int, body: bytes, at: datetime) -> Fetched:
    """Page ``i`` as the fetcher hands it on (the body hashed once)."""
    url = f"{BASE}/p/{i}/"
    return Fetched(url=url, final_url=url, status=200, headers=dict(HEADERS), body=body,
                   fetched_at=at, elapsed_ms=2.0)


def parsed_pages(cache: Path) -> Parsed:
    """Each dev page as served, its Article and story text (parsed once, kept in ``cache``)."""
    if cache.exists():
        loaded: Parsed = pickle.loads(cache.read_bytes())
        return loaded
    at = datetime(2026, 12, 3, tzinfo=UTC)
    out: Parsed = []
    for i, body in enumerate(load_pages()):
        art = parse_fetched(fetched(i, body, at), SOURCE, None)
        out.append((body, art, story_text_of(art)))
    cache.write_bytes(pickle.dumps(out))
    return out


def replica(parsed: Parsed, i: int, source: str) -> tuple[bytes, Article, StoryText | None]:
    """Page ``i`` of the bench site: dev page ``i % n`` under its own URL."""
    body, art, text = parsed[i % len(parsed)]
    url = f"{BASE}/p/{i}/"
    return body, replace(art, url=url, canonical_url=url, source=source), text


def batch_of(parsed: Parsed, start: int, size: int, at: datetime,
             source: str = SOURCE.name) -> Batch:
    """A pipeline batch of ``size`` new articles: pages, fetch log, seen URLs, validators."""
    reps = [replica(parsed, i, source) for i in range(start, start + size)]
    got = [fetched(i, body, at) for i, (body, _, _) in zip(range(start, start + size), reps,
                                                           strict=True)]
    arts = [a for _, a, _ in reps if a.kind == "article"]
    return Batch(
        run_id="bench-cpu-floor", source=source, fetched_at=at, articles=tuple(arts),
        pages=tuple(page_record(f, "article") for f in got),
        fetch_log=tuple(FetchRecord(f.url, at, 200, len(f.body), 2.0) for f in got),
        seen=tuple(SeenURL(a.url, "article", a.article_id) for a in arts),
        cache=tuple((f.url, cache_entry(f)) for f in got),
        story_texts=tuple({a.content_hash: t for _, a, t in reps if t is not None}.items()))


def seed(parsed: Parsed, db: Path, articles: int, size: int) -> int:
    """A file already holding ``articles`` pages written the pipeline's way; next page number."""
    if db.exists():
        return articles
    at = datetime(2026, 12, 1, tzinfo=UTC)
    for start in range(0, articles, size):
        write_one(db, batch_of(parsed, start, size, at + timedelta(seconds=start)), True, False)
    return articles


def copy_file(src: Path, dst: Path) -> None:
    """The file and its story sidecar."""
    shutil.copyfile(src, dst)
    if sidecar_path(src).exists():
        shutil.copyfile(sidecar_path(src), sidecar_path(dst))


def story_floor(batch: Batch, known: set[tuple[str, int]]) -> float:
    """CPU seconds of the signatures alone (see the module docstring); ``known``
    holds the (source, paragraph hash) pairs stored before, and takes the batch's."""
    texts = dict(batch.story_texts)
    docs = [(a, texts[a.content_hash]) for a in batch.articles if a.content_hash in texts]
    t0 = time.thread_time()
    for art, text in docs:
        skip = {h for h in text.hashes if (art.source or "", h) in known}  # a look-up's answer
        sig = stories.signature(art.body, skip, text=text)
        if not sig.short:
            stories.band_keys(sig.minhash)
            stories.pack(sig.minhash)
        known.update((art.source or "", h) for h in sig.paragraphs)
    return time.thread_time() - t0


def story_text_cpu(batch: Batch) -> float:
    """CPU seconds of the batch's story texts, as its parse workers make them (the
    normalising signatures need, the same now and at the floor)."""
    t0 = time.thread_time()
    for art in batch.articles:
        story_text_of(art)
    return time.thread_time() - t0


def write_rounds(parsed: Parsed, workdir: Path, rounds: int, size: int,
                 seeded: int) -> list[dict[str, Any]]:
    """Alternate the floor and the pipeline's session (clustering off, on) on copies
    of one seeded file, a new batch of ``size`` each round; round -1 warms up.

    Two kinds of batch, in turn: ``replicas``, from the seeded file's source, so
    (as in bench/pipeline.py, where the site repeats 711 pages) every paragraph is
    that source's boilerplate already and no body gets a signature; ``fresh``, from
    a source new to the file, so every body gets one (and finds its copies in the
    seeded source): what new press releases cost.
    """
    seed_db = workdir / "seed.duckdb"
    nxt = seed(parsed, seed_db, seeded, size)
    known = {(SOURCE.name, h) for _, _, t in parsed if t is not None for h in t.hashes}
    dbs = {way: workdir / f"{way}.duckdb" for way in ("floor", "off", "on")}
    for db in dbs.values():
        copy_file(seed_db, db)
    rows: list[dict[str, Any]] = []
    ways: Sequence[str] = tuple(dbs)
    at = datetime(2026, 12, 2, tzinfo=UTC)
    for rnd in range(-1, rounds):
        for kind in ("replicas", "fresh"):
            source = SOURCE.name if kind == "replicas" else f"fresh-{rnd + 1}"
            batch = batch_of(parsed, nxt, size, at + timedelta(seconds=nxt), source)
            nxt += size
            ways = (*ways[1:], ways[0])  # who goes first rotates
            row: dict[str, Any] = {"arm": kind, "round": rnd, "pages": size,
                                   "load": os.getloadavg()[0]}
            for way in ways:
                if way == "floor":
                    f = write_floor(dbs[way], batch)
                    row["floor_cpu_s"] = f.cpu + f.prep_cpu
                    row["floor_prep_cpu_s"] = f.prep_cpu
                else:
                    row[f"{way}_cpu_s"] = write_one(dbs[way], batch, way == "on", False).cpu
            row["story_floor_cpu_s"] = story_floor(batch, known)
            row["story_text_cpu_s"] = story_text_cpu(batch)
            if rnd >= 0:
                rows.append(row)
    return rows
