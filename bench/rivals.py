"""What the benches that set Pressroom beside one other library share (authors,
titles and dates on fundus, dates on the URL set): their two options, the check
that the corpus clone is there, and the extractors ``--only`` keeps."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def rival_parser(doc: str, repo: Path, rival: str) -> argparse.ArgumentParser:
    """``--repo`` (the corpus clone, default ``repo``) and ``--only pressroom|rival``,
    described by the first paragraph of the bench's docstring ``doc``."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n", 1)[0])
    parser.add_argument("--repo", type=Path, default=repo)
    parser.add_argument("--only", choices=("pressroom", rival))
    return parser


def chosen(args: argparse.Namespace, runs: dict[str, T], corpus: str) -> dict[str, T] | None:
    """The extractors of ``runs`` that ``--only`` keeps; None, said in one line,
    when the ``corpus`` clone is missing."""
    if not args.repo.exists():
        print(f"no {corpus} clone at {args.repo}", file=sys.stderr)
        return None
    return {args.only: runs[args.only]} if args.only else runs
