"""Bodies against fundus's hand-written publisher parsers, per language, trafilatura beside.

    uv run python bench/fundus_body.py [--only pressroom|trafilatura] [--show]
        [--misses FILE] [--no-summary] [--repo DIR]

Data: flairNLP/fundus (MIT), read in place from the mirror's git objects as
``bench/dates_fundus_set.py`` reads it (``truth_pages``; nothing copied): ~180 publishers
in ~40 countries, each with one or a few saved article pages and what its
maintainer-checked parser extracts. The truth is that parser's ``body``: the summary,
then each section's headline and paragraphs, in order, one line each (``truth_body``).

fundus's convention (measured on these pages with ``bench/body_conventions.py measure
--sets fundus`` and the ``--misses`` lines, b42): the **summary** is the lead/teaser printed
over the story, the standfirst the other sets' golds mostly leave out (kept: 202 of the 258
pages have one); **section headlines** are the story's cross-heads (kept: 183 pages);
**paragraphs** are the story's text. Left out: the title; captions (under ``images``: the
truth holds a caption line on 6 pages, lacks one on 190) and picture credits (held on none);
the byline and the date stamp over the story (none of the 115 pages with a stamp holds it;
no byline line "Von/Par Jane Doe" is held); a line naming only an agency (0 of 12 pages);
list items and block quotes mostly (of the list items between the story's first and last
line, 37 held on 9 publishers, 258 lacked on 25; block quotes 8 held, 57 lacked); the text
after the story (bio, tags, related links, newsletter boxes).

Score: ``bench.metrics``'s body F1 (word 4-gram shingles, per-page precision and recall
averaged over pages, F1 of the means), as the extraction bench scores WCXB. ``\\w+``
tokens: Chinese and Japanese text, written without spaces, is cut at punctuation only,
so there a shingle is four clauses and a page scores near 0 or 1. Pages get their own
URL (``meta.info``), as the pipeline does. Both texts are scored as they read (r43,
``as_read``): in Unicode's composed form (NFC) and without invisible characters (soft
hyphens, zero-width spaces and joiners, BOM). A page written decomposed ("u" and a combining
diaeresis: Tageszeitung, Vogue DE) or with soft hyphens (Morgunbladid, taz, WAZ, junge Welt)
gives a truth so written, which ``\\w+`` cuts at every accent or hyphen, while
``parsers.extract`` composes its text and drops the invisible characters; scored as
written, such a page read whole counted half. Per language (``<html lang>``, else the
folder's country and a ``?``) and overall; pages whose fundus body is empty are not
scored. ``--no-summary`` scores against the truth without its summary: the other sets'
golds mostly leave a standfirst out (docs/BENCHMARKS.md: the dev gold leaves the dek out
on 36 of 52 pages with one), so this is the figure under their
convention. ``--show`` prints one line per page and extractor; ``--misses FILE`` writes, per
page, our lines the truth lacks (position and kind, ``bench.body_misses.extra_lines``)
and the truth's lines our body lacks (``missed_lines``) as JSON lines.
CPU: one extraction a page per extractor (258 pages, about 15 s for both).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.body_misses import extra_lines, missed_lines  # noqa: E402
from bench.dates_fundus_set import FUNDUS, page_language, truth_pages  # noqa: E402
from bench.metrics import body_precision_recall, f1_of_means  # noqa: E402
from bench.rivals import chosen, rival_parser  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

# Characters a reader does not see: soft hyphen, zero-width space, joiners, word joiner, BOM.
INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def as_read(text: str) -> str:
    """``text`` as both sides are scored: composed (NFC), invisible characters dropped."""
    return INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text))


def truth_body(truth: dict[str, Any], summary: bool = True) -> str:
    """fundus's body as text: summary (unless not ``summary``), then each section's
    headline and paragraphs, one line each, in order ("" when the parser extracted no
    body), as read (``as_read``)."""
    body = truth.get("body") or {}
    lines = [str(line) for line in body.get("summary") or []] if summary else []
    for section in body.get("sections") or []:
        lines.extend(str(line) for line in section.get("headline") or [])
        lines.extend(str(line) for line in section.get("paragraphs") or [])
    return as_read("\n".join(line.strip() for line in lines if line.strip()))


def publisher_of(name: str) -> str:
    """``country/Publisher`` of a page key ``country/Publisher_YYYY_MM_DD``."""
    return name.rsplit("_", 3)[0]


def body_pages(repo: Path, summary: bool = True) -> Iterator[tuple[str, str, str, str]]:
    """(country/file, url, decoded page, truth body) of every page with a body."""
    for name, url, raw, truth in truth_pages(repo):
        gold = truth_body(truth, summary)
        if gold:
            yield name, url, decode_html(raw), gold


def ours(html: str, url: str) -> str:
    try:
        return extract(html, url=url).body
    except ParseError:
        return ""


def theirs(html: str, url: str) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None or isinstance(doc, dict):
        return ""
    return doc.text or ""


def miss_row(name: str, url: str, language: str, body: str, gold: str) -> dict[str, Any]:
    """One page's misses: scores, our lines beyond the truth, the truth's lines we lack."""
    precision, recall = body_precision_recall(body, gold)
    return {
        "key": name,
        "publisher": publisher_of(name),
        "url": url,
        "lang": language,
        "p": round(precision, 3),
        "r": round(recall, 3),
        "extra": [[position, kind, line] for position, kind, line in extra_lines(body, gold)],
        "lost": missed_lines(body, gold),
    }


def main(argv: list[str] | None = None) -> int:
    """Print body F1 (P, R) per extractor, overall and per language."""
    parser = rival_parser(__doc__, FUNDUS, "trafilatura")
    parser.add_argument("--show", action="store_true", help="one line per page")
    parser.add_argument("--misses", type=Path, default=None, help="pressroom's misses (JSONL)")
    parser.add_argument("--no-summary", action="store_true", help="truth without the summary")
    args = parser.parse_args(argv)
    runs: dict[str, Callable[[str, str], str]] | None = chosen(
        args, {"pressroom": ours, "trafilatura": theirs}, "fundus"
    )
    if runs is None:
        return 1
    pairs: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    publishers: set[str] = set()
    handle = args.misses.open("w", encoding="utf-8") if args.misses else None
    for name, url, html, gold in body_pages(args.repo, not args.no_summary):
        language = page_language(html, name)
        groups = ("all", language)
        publishers.add(publisher_of(name))
        for group in groups:
            totals[group] += 1
        for label, run in runs.items():
            body = as_read(run(html, url))
            precision, recall = body_precision_recall(body, gold)
            for group in groups:
                pairs[label, group].append((precision, recall))
            if args.show:
                print(f"{label:11} P {precision:.3f} R {recall:.3f} {name:44} {language}")
            if handle and label == "pressroom":
                row = miss_row(name, url, language, body, gold)
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    if handle:
        handle.close()
    print(f"fundus test pages with a body: {totals['all']} ({len(publishers)} publishers)\n")
    print("| language | pages | " + " | ".join(f"{label} F1 (P, R)" for label in runs) + " |")
    print("|---|---|" + "---|" * len(runs))
    for group in ["all", *sorted(g for g in totals if g != "all")]:
        cells = []
        for label in runs:
            f1, precision, recall = f1_of_means(pairs[label, group])
            cells.append(f"{f1:.3f} ({precision:.3f}, {recall:.3f})")
        print(f"| {group} | {totals[group]} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
