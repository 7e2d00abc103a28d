"""What normalising bodies in the parse workers moves out of the ingest process.

    uv run python bench/story_text.py [--passes 3]

On the dev bodies (``extract()`` of every WCXB dev page, as bench/devsite.py
serves them), thread CPU per body, the steps interleaved body by body:

- ``write_before``: what the write thread did per article before (normalise the
  body, hash its paragraphs, sign it): ``signature(body)``;
- ``write_now``: what it does with the worker's text: ``signature(body, text=...)``;
- ``worker``: what the parse worker now does in addition: ``story_text(body)``,
  and the pickled size of the text it sends back (beside the Article's);
- each write with no paragraph boilerplate (a source's first pages) and with every
  paragraph boilerplate (the same page again under another URL, as in
  bench/pipeline.py's 6,000-page run, where page ``i`` is dev page ``i % 711``).

Medians of per-pass means. CPU time, so other load moves it less than wall time.
Data: WCXB (Murrough Foley, 2026), CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.devsite import load_pages
from parsers import extract
from parsers.story_text import story_text
from warehouse import stories


def main() -> None:
    """Print the per-body CPU of each step (ms) and the pickled sizes (bytes)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    articles = [extract(p, url=f"http://127.0.0.1/p/{i}/") for i, p in enumerate(load_pages())]
    bodies = [a.body for a in articles if a.kind == "article" and a.body]
    texts = [story_text(b) for b in bodies]
    steps: dict[str, Callable[[int], object]] = {
        "write_before_no_boilerplate": lambda i: stories.signature(bodies[i]),
        "write_now_no_boilerplate": lambda i: stories.signature(bodies[i], text=texts[i]),
        "write_before_all_boilerplate": lambda i: stories.signature(bodies[i], texts[i].hashes),
        "write_now_all_boilerplate": lambda i: stories.signature(
            bodies[i], texts[i].hashes, text=texts[i]),
        "worker": lambda i: story_text(bodies[i]),
    }
    means: dict[str, list[float]] = {name: [] for name in steps}
    for p in range(args.passes):
        spent = dict.fromkeys(steps, 0)
        for i in range(len(bodies)):
            order = list(steps) if (i + p) % 2 == 0 else list(reversed(steps))
            for name in order:
                t0 = time.thread_time_ns()
                steps[name](i)
                spent[name] += time.thread_time_ns() - t0
        for name in steps:
            means[name].append(spent[name] / len(bodies) / 1e6)
    sizes_text = sorted(len(pickle.dumps(t)) for t in texts)
    sizes_article = sorted(len(pickle.dumps(a)) for a in articles)
    print(json.dumps({
        "bodies": len(bodies),
        "ms_per_body_median_of_passes": {k: round(statistics.median(v), 3)
                                         for k, v in means.items()},
        "ms_per_body_per_pass": {k: [round(x, 3) for x in v] for k, v in means.items()},
        "pickled_text_bytes_median": sizes_text[len(sizes_text) // 2],
        "pickled_article_bytes_median": sizes_article[len(sizes_article) // 2],
    }, indent=2))


if __name__ == "__main__":
    main()
