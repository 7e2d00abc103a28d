"""Story-cluster benchmark: a labelled syndication set built from real article text.

    uv run python bench/stories.py [--dataset DIR] [--stories N] [--seed N] [--digests N]

Data: WCXB dev set (Murrough Foley, 2026), CC-BY-4.0: the reviewed main text of 711
real article pages. Each page is cut into chunks of consecutive paragraphs
(about 250-600 words, up to three per page): a chunk is one "release".

- ``--stories`` chunks (from distinct pages) become stories carried by 2 to 5
  sources. Each copy gets a random mix of what syndication does: a dateline
  with an agency credit added or dropped, a credit line appended, the last
  paragraph trimmed, the page's next paragraph added, a "Read also: <other
  headline>" line, the carrying site's own furniture paragraph (its
  newsletter blurb), another headline case and another host in the URL.
- Every other chunk is a distinct article, at least 1,000 of them; chunks of
  one page are different text on the same topic (the same-topic pairs), and
  the sibling chunks of a story's page are same-topic neighbours of that story.

Everything is written through ``Warehouse.write_batch`` into a real DuckDB file
in a shuffled order (batches of up to 40 articles per source), so clustering
runs exactly as in ingest. Pairwise precision and recall compare the stored
``articles.story_id`` with the labels; ``--rebuild`` is checked to give the same
clusters. The worst false merges (highest estimated Jaccard) are printed.

``--digests N`` adds N "News in brief" pages (of three digest sites), each
printing two or three chunks in full, at random places of the order, so some
come before the releases they print. Precision and recall are then counted
without them (a digest is no copy of one release), and ``digest_glued_pairs``
counts pairs of *different* releases put in one story that holds a digest.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.dev_set import dev_set  # noqa: E402
from parsers.article import Article  # noqa: E402
from warehouse import (  # noqa: E402
    Batch,
    open_warehouse,
    story_index,
)
from warehouse import stories as sig  # noqa: E402

DATASET = dev_set()
T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
AGENCIES = ["BelTA", "Reuters", "AP", "AFP", "TASS", "AzerTAC", "Xinhua", "dpa", "ANSA", "EFE"]
CITIES = ["MINSK", "BAKU", "GENEVA", "NEW YORK", "LONDON", "PARIS", "BERLIN", "ROME", "MADRID"]
SITES = [f"site{n:02d}" for n in range(15)]
FURNITURE_WORDS = [
    "subscribe", "newsletter", "morning", "edition", "follow", "telegram", "channel", "download",
    "mobile", "application", "podcast", "weekly", "digest", "exclusive", "interviews",
    "correspondents", "analysis", "daily", "briefing", "region", "country", "updates",
    "notifications", "support", "independent", "journalism", "donate", "membership",
]


@dataclass(frozen=True, slots=True)
class Doc:
    label: str
    source: str
    url: str
    title: str
    body: str
    published_at: datetime


def chunks(dataset: Path) -> list[tuple[str, str, list[str], list[str]]]:
    """(page id, title, chunk paragraphs, following paragraphs) for every page, in order."""
    out = []
    for path in sorted((dataset / "ground-truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8")).get("ground_truth", {})
        text = truth.get("main_content") or ""
        paras = [p.strip() for p in text.split("\n\n") if p.strip()]
        title = truth.get("title") or path.stem
        i, made = 0, 0
        while i < len(paras) and made < 3:
            j, words = i, 0
            while j < len(paras) and words < 250:
                words += len(paras[j].split())
                j += 1
            if words < 250 or j - i < 3:
                break
            out.append((f"{path.stem}-{made}", title, paras[i:j], paras[j : j + 1]))
            made += 1
            i = j
    return out


def furniture(rng: random.Random) -> str:
    return " ".join(rng.choice(FURNITURE_WORDS) for _ in range(40)).capitalize() + "."


def make_copy(rng: random.Random, paras: list[str], following: list[str], title: str,
              other_titles: list[str], furn: str, base_dateline: str | None) -> tuple[str, str]:
    body = list(paras)
    if base_dateline and rng.random() < 0.5:
        body[0] = body[0].removeprefix(base_dateline)  # dateline dropped
    elif rng.random() < 0.5:
        line = f"{rng.choice(CITIES)}, {rng.randint(1, 28)} January ({rng.choice(AGENCIES)}) - "
        body[0] = line + body[0].removeprefix(base_dateline or "")
    if rng.random() < 0.4 and len(body) > 3:
        body = body[:-1]  # last paragraph trimmed
    if rng.random() < 0.3 and following:
        body.append(following[0])  # a paragraph added
    if rng.random() < 0.4:
        body.append(f"Source: {rng.choice(AGENCIES)}")
    if rng.random() < 0.4:
        body.insert(rng.randint(1, len(body)), "Read also: " + rng.choice(other_titles))
    if rng.random() < 0.6:
        body.append(furn)
    case = rng.choice([str.title, str.upper, str.lower, lambda s: s])
    return case(title), "\n\n".join(body)


def build(dataset: Path, n_stories: int, seed: int, n_digests: int = 0) -> list[Doc]:
    rng = random.Random(seed)
    pieces = chunks(dataset)
    furn = {s: furniture(random.Random(f"{seed}-{s}")) for s in SITES}
    titles = [p[1] for p in pieces]
    pages: dict[str, list[int]] = defaultdict(list)
    for n, p in enumerate(pieces):
        pages[p[0].rsplit("-", 1)[0]].append(n)
    story_pages = rng.sample(sorted(pages), n_stories)
    story_chunks = {pages[p][0] for p in story_pages}
    docs: list[Doc] = []
    for n, (cid, title, paras, following) in enumerate(pieces):
        when = T0 + timedelta(minutes=n)
        if n not in story_chunks:
            src = rng.choice(SITES)
            body = "\n\n".join(paras + ([furn[src]] if rng.random() < 0.6 else []))
            docs.append(Doc(f"d{cid}", src, f"https://{src}.example/{cid}", title, body, when))
            continue
        dateline = f"{rng.choice(CITIES)}, 16 January ({rng.choice(AGENCIES)}) - " \
            if rng.random() < 0.5 else None
        base = [dateline + paras[0], *paras[1:]] if dateline else list(paras)
        k = rng.randint(2, 5)
        for c, src in enumerate(rng.sample(SITES, k)):
            if c == 0:
                t, body = title, "\n\n".join(base)
            else:
                t, body = make_copy(rng, base, following, title, titles, furn[src], dateline)
            scheme = rng.choice(["https://www.", "http://", "https://m."])
            docs.append(Doc(f"s{cid}", src, f"{scheme}{src}.example/{c}/{cid}.html", t, body,
                            when + timedelta(hours=c)))
    rng.shuffle(docs)
    add_digests(docs, pieces, n_digests, random.Random(f"{seed}-digests"))
    return docs


def add_digests(docs: list[Doc], pieces: list[tuple[str, str, list[str], list[str]]], n: int,
                rng: random.Random) -> None:
    """Insert ``n`` digest pages (labels ``g<n>``) at random places of ``docs``."""
    for g in range(n):
        items = rng.sample(pieces, 2 if rng.random() < 0.7 else 3)
        src = f"digest{rng.randrange(3)}"
        body = "\n\n".join(p for _, _, paras, _ in items for p in paras)
        docs.insert(rng.randrange(len(docs) + 1), Doc(
            f"g{g}", src, f"https://{src}.example/brief/{g}.html", "News in brief", body,
            T0 + timedelta(minutes=rng.randrange(5000))))


def write(db: Path, docs: list[Doc]) -> tuple[dict[str, str], float, float]:
    """Write in shuffled order; url -> label, seconds in write_batch and in clustering."""
    spent = 0.0
    clustering = [0.0]
    assign_written = story_index.assign_written

    def timed(con: Any, written: Any, now: datetime, *rest: Any) -> story_index.AssignResult:
        start = time.perf_counter()
        try:
            return assign_written(con, written, now, *rest)
        finally:
            clustering[0] += time.perf_counter() - start

    story_index.assign_written = timed  # type: ignore[assignment]
    with open_warehouse(db) as wh:
        for i in range(0, len(docs), 40):
            by_source: dict[str, list[Doc]] = defaultdict(list)
            for d in docs[i : i + 40]:
                by_source[d.source].append(d)
            for src, items in by_source.items():
                arts = tuple(Article(url=d.url, canonical_url=d.url, title=d.title, body=d.body,
                                     published_at=d.published_at) for d in items)
                start = time.perf_counter()
                wh.write_batch(Batch(run_id="bench", source=src, fetched_at=T0, articles=arts))
                spent += time.perf_counter() - start
    story_index.assign_written = assign_written  # type: ignore[assignment]
    return {d.url: d.label for d in docs}, spent, clustering[0]


def pairs(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for g in groups.values() for p in combinations(g, 2)}  # type: ignore[misc]


def evaluate(db: Path, labels: dict[str, str], top: int) -> dict[str, object]:
    with open_warehouse(db, read_only=True) as wh:
        rows = wh.query("SELECT a.url, a.story_id, a.title, m.minhash FROM articles AS a "
                        "LEFT JOIN story_members AS m USING (article_id)").rows
    truth: dict[str, list[str]] = defaultdict(list)
    pred: dict[str, list[str]] = defaultdict(list)
    info = {}
    digest_stories = set()
    everything: dict[str, list[str]] = defaultdict(list)
    for url, story, title, mh in rows:
        everything[story].append(url)
        info[url] = (title, sig.unpack(bytes(mh)) if mh else ())
        if labels[url].startswith("g"):  # a digest page: counted apart
            digest_stories.add(story)
            continue
        truth[labels[url]].append(url)
        pred[story].append(url)
    t, p = pairs(truth), pairs(pred)
    glued = {(a, b) for s in digest_stories for a, b in pairs({s: pred.get(s, [])})} - t
    false = sorted(((sig.jaccard(info[a][1], info[b][1]), a, b) for a, b in p - t), reverse=True)
    return {
        "articles": len(rows), "true_pairs": len(t), "predicted_pairs": len(p),
        "precision": len(p & t) / len(p) if p else 1.0,
        "recall": len(p & t) / len(t) if t else 1.0,
        "stories_true": len(truth), "stories_predicted": len(pred),
        "digest_glued_pairs": len(glued),
        "worst_false_merges": [
            {"jaccard": round(j, 3), "a": [labels[a], info[a][0]], "b": [labels[b], info[b][0]]}
            for j, a, b in false[:top]],
        "_clusters": {frozenset(g) for g in everything.values()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DATASET)
    parser.add_argument("--stories", type=int, default=330)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--top", type=int, default=5, help="worst false merges shown")
    parser.add_argument("--digests", type=int, default=0, help="digest pages added")
    args = parser.parse_args()
    docs = build(args.dataset, args.stories, args.seed, args.digests)
    labels = {d.label for d in docs}
    copies = defaultdict(int)
    for d in docs:
        copies[d.label] += 1
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        url_labels, spent, clustering = write(db, docs)
        result = evaluate(db, url_labels, args.top)
        with open_warehouse(db) as wh:
            start = time.perf_counter()
            wh.rebuild_stories()
            rebuild_s = time.perf_counter() - start
        again = evaluate(db, url_labels, 0)
    clusters = result.pop("_clusters")
    summary = {
        "stories": sum(1 for v in copies.values() if v > 1),
        "story_copies": sum(v for v in copies.values() if v > 1),
        "distinct_articles": sum(1 for k, v in copies.items() if v == 1 and k[0] != "g"),
        "digests": args.digests,
        "labels": len(labels),
        **result,
        "write_batch_seconds": round(spent, 2),
        "write_ms_per_article": round(1000 * spent / len(docs), 2),
        "clustering_seconds": round(clustering, 2),
        "clustering_ms_per_article": round(1000 * clustering / len(docs), 2),
        "rebuild_seconds": round(rebuild_s, 2),
        "rebuild_same_clusters": again.pop("_clusters") == clusters,
    }
    print(json.dumps(summary, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
