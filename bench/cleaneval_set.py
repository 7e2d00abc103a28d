"""Body F1 on a third set: CleanEval (dev and final) and CleanPortalEval, old code against new.

    uv run python bench/cleaneval_set.py [--code DIR] [--out PER_PAGE.json]
    uv run python bench/cleaneval_set.py --diff OLD.json NEW.json
    uv run python bench/cleaneval_set.py --trafilatura

The pages come from the mirror of ``j-szulc/html-cleaning-dataset-merged`` (read in
place, nothing copied into the project). No parser rule was tuned on them: they are
a check that a body rule measured on the dev and second sets does not cost elsewhere.
Their references differ from ours in one known way: CleanEval's annotators kept
reader comments as main text, ours and Dragnet's cut them, so a rule that cuts
comments loses here by design. Scores use ``bench.metrics`` as ``bench/extraction.py``
does. ``--code`` imports ``parsers`` from another checkout (old code); ``--diff``
lists the pages whose F1 changed between two ``--out`` files; ``--trafilatura``
scores trafilatura's plain text on the same pages instead.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MERGED = Path("/work/.mirror/j-szulc+html-cleaning-dataset-merged/repo")
FOLDERS = ("cleaneval-dev", "cleaneval-final", "CleanPortalEval-master")
URL_LINE_RE = re.compile(r"^URL:.*\n")
MARK_RE = re.compile(r"^\s*<(?:p|h|l)>", re.MULTILINE)  # CleanEval's paragraph marks
FAKE_URL = "http://fakehost/test/page.html"


def _f1(pair: list[float]) -> float:
    precision, recall = pair
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def _trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=FAKE_URL) or ""


def measure(
    code: Path, use_trafilatura: bool = False
) -> tuple[dict[str, object], dict[str, list[float]]]:
    """Per folder (pages, F1 of the mean precision and recall) and per page (P, R)."""
    sys.path.insert(0, str(code))
    from bench.metrics import body_precision_recall, f1_of_means
    from bench.second_set import tree

    extract = importlib.import_module("parsers").extract
    decode_html = importlib.import_module("parsers.decode").decode_html
    parse_error = importlib.import_module("pressroom.errors").ParseError
    summary: dict[str, object] = {}
    per_page: dict[str, list[float]] = {}
    for folder in FOLDERS:
        files = tree(MERGED, folder)
        pairs = []
        for name in sorted(n for n in files if n.startswith("input/") and n.endswith(".html")):
            stem = name.removeprefix("input/").removesuffix(".html")
            gold = files.get(f"GoldStandard/{stem}.txt")
            if gold is None:
                continue
            reference = MARK_RE.sub("", URL_LINE_RE.sub("", decode_html(gold)))
            html = decode_html(files[name])
            try:
                body = _trafilatura(html) if use_trafilatura else extract(html, url=FAKE_URL).body
            except parse_error:
                body = ""
            pair = body_precision_recall(body, reference)
            pairs.append(pair)
            per_page[f"{folder}/{stem}"] = list(pair)
        summary[folder] = summarize(pairs, f1_of_means)
    return summary, per_page


def pages(decode_html: Callable[[bytes], str]) -> Iterator[tuple[str, str, str]]:
    """Every page of the three folders as (folder/stem, html, reference text)."""
    from bench.second_set import tree

    for folder in FOLDERS:
        files = tree(MERGED, folder)
        for name in sorted(n for n in files if n.startswith("input/") and n.endswith(".html")):
            stem = name.removeprefix("input/").removesuffix(".html")
            gold = files.get(f"GoldStandard/{stem}.txt")
            if gold is not None:
                reference = MARK_RE.sub("", URL_LINE_RE.sub("", decode_html(gold)))
                yield f"{folder}/{stem}", decode_html(files[name]), reference


def summarize(
    pairs: list[tuple[float, float]],
    f1_of_means: Callable[[list[tuple[float, float]]], tuple[float, float, float]],
) -> dict[str, float]:
    """Pages, mean precision, mean recall and their F1 (``f1_of_means`` returns
    (F1, P, R): read in another order, the summary printed the mean recall as F1)."""
    f1, precision, recall = f1_of_means(pairs)
    return {
        "pages": len(pairs),
        "precision": round(precision, 5),
        "recall": round(recall, 5),
        "f1": round(f1, 5),
    }


def diff(old_path: Path, new_path: Path) -> None:
    """Print the pages whose body F1 moved, worst loss first."""
    old = json.loads(old_path.read_text())
    new = json.loads(new_path.read_text())
    moved = [(key, _f1(old[key]), _f1(new[key])) for key in old if key in new]
    moved = [row for row in moved if abs(row[2] - row[1]) > 1e-6]
    for key, before, after in sorted(moved, key=lambda row: row[2] - row[1]):
        print(f"{key:40} {before:.3f} -> {after:.3f}")
    print(f"{len(moved)} of {len(old)} pages moved")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose parsers run")
    parser.add_argument("--out", type=Path, help="write per-page precision and recall here")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("OLD", "NEW"))
    parser.add_argument("--trafilatura", action="store_true", help="score trafilatura instead")
    args = parser.parse_args()
    if args.diff:
        diff(*args.diff)
        return
    summary, per_page = measure(args.code.resolve(), args.trafilatura)
    label = "trafilatura" if args.trafilatura else str(args.code)
    print(json.dumps({"code": label, **summary}, indent=1))
    if args.out:
        args.out.write_text(json.dumps(per_page))


if __name__ == "__main__":
    main()
