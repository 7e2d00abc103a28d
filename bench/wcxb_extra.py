"""A third measuring set: WCXB's development articles that are not in the dev set.

    uv run python bench/wcxb_extra.py [--out DIR] [--mirror GIT_DIR] [--exclude DATASET]
    uv run python bench/extraction.py --set dev --dataset DIR --only pressroom --rounds 1 \\
        --memory-pages 0 --out /tmp/extra

WCXB (Murrough Foley, 2026, CC-BY-4.0) has 1,497 pages in its development split
(``dev/``). Our dev set is 711 of them (filtered by ``metadata.json``'s page type); the
ground-truth files themselves mark 82 more as articles
(``_internal.page_type.primary == "article"``) that no session measured. This writes those
82, less the ones with no URL field (the extractor needs one; 4547; 4129's empty one is
kept, as in the lead's first build, and is a miss on every field), into a folder of the
dev set's layout (``ground-truth/NNNN.json``, ``html/NNNN.html.gz``, bytes unchanged, plus
WCXB's LICENSE and a README crediting it), so ``bench/extraction.py --dataset`` reads it.

Read from the git mirror the session's ``fetch`` tool writes (no work tree: ``git
ls-tree`` and ``git cat-file``), and from ``dev/`` only: the test split is reserved for the
lead and is never listed or read. Nothing is copied into this project.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import DEFAULT_DATASET  # noqa: E402

MIRROR = Path("/work/.mirror/Murrough-Foley+web-content-extraction-benchmark/repo")
DEFAULT_OUT = Path("/tmp/wcxb-dev-extra")
SPLIT = "dev/"

README = """# WCXB development articles beyond the dev set

Pages of the development split of WCXB, the Web Content eXtraction Benchmark
by Murrough Foley (2026), licence CC-BY-4.0 (see LICENSE),
github.com/Murrough-Foley/web-content-extraction-benchmark, `dev/`: those whose
ground truth marks them as articles (`_internal.page_type.primary`) and that are not
in `{exclude}`. Files are unchanged. Built by Pressroom's
`bench/wcxb_extra.py` from the repository at {commit}.

Credit WCXB wherever this data is used or its results are quoted.
"""


def git(mirror: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(mirror), *args],
                          capture_output=True, check=True).stdout


def blobs(mirror: Path, folder: str) -> dict[str, str]:
    """File id (``0001``) -> blob id, for the files of one folder under ``dev/``."""
    if not folder.startswith(SPLIT):
        raise ValueError(f"{folder}: only the development split is read")
    listing = git(mirror, "ls-tree", "HEAD", folder).decode()
    found = {}
    for line in listing.splitlines():
        meta, _, path = line.partition("\t")
        name = path.rsplit("/", 1)[-1]
        found[name.split(".", 1)[0]] = meta.split()[2]
    return found


def read_blobs(mirror: Path, ids: list[str]) -> list[bytes]:
    """The contents of many blobs through one ``git cat-file --batch``."""
    out = git_batch(mirror, "".join(f"{i}\n" for i in ids).encode())
    contents, at = [], 0
    for _ in ids:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        contents.append(out[header_end + 1:header_end + 1 + size])
        at = header_end + 1 + size + 1
    return contents


def git_batch(mirror: Path, stdin: bytes) -> bytes:
    return subprocess.run(["git", "--git-dir", str(mirror), "cat-file", "--batch"],
                          input=stdin, capture_output=True, check=True).stdout


def is_extra(record: dict[str, object], key: str, excluded: set[str]) -> bool:
    """An article by its own ground truth, not in the excluded set, and with a URL field."""
    internal = record.get("_internal")
    page_type = internal.get("page_type") if isinstance(internal, dict) else None
    primary = page_type.get("primary") if isinstance(page_type, dict) else None
    return primary == "article" and key not in excluded and record.get("url") is not None


def build(mirror: Path, out: Path, exclude: Path) -> list[str]:
    """Write the extra pages to ``out``; return their ids."""
    excluded = {p.stem for p in (exclude / "ground-truth").glob("*.json")}
    truths = blobs(mirror, SPLIT + "ground-truth/")
    pages = blobs(mirror, SPLIT + "html/")
    keys = sorted(truths)
    chosen = []
    for key, raw in zip(keys, read_blobs(mirror, [truths[k] for k in keys]), strict=True):
        if key in pages and is_extra(json.loads(raw), key, excluded):
            chosen.append((key, raw))
    (out / "ground-truth").mkdir(parents=True, exist_ok=True)
    (out / "html").mkdir(exist_ok=True)
    htmls = read_blobs(mirror, [pages[key] for key, _ in chosen])
    for (key, raw), html in zip(chosen, htmls, strict=True):
        (out / "ground-truth" / f"{key}.json").write_bytes(raw)
        (out / "html" / f"{key}.html.gz").write_bytes(html)
    (out / "LICENSE").write_bytes(git(mirror, "show", "HEAD:LICENSE"))
    commit = git(mirror, "rev-parse", "HEAD").decode().strip()
    (out / "README.md").write_text(README.format(exclude=exclude.name, commit=commit),
                                   encoding="utf-8")
    return [key for key, _ in chosen]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--mirror", type=Path, default=MIRROR, help="the WCXB git directory")
    parser.add_argument("--exclude", type=Path, default=DEFAULT_DATASET,
                        help="a set in the same layout whose pages are left out (the dev set)")
    args = parser.parse_args(argv)
    keys = build(args.mirror, args.out, args.exclude)
    print(f"{len(keys)} pages written to {args.out} (WCXB dev, Murrough Foley, 2026, CC-BY-4.0)")


if __name__ == "__main__":
    main()
