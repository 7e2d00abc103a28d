"""The second measuring set: public test pages other than the development set.

Read in place from git clones (the default paths are the mirrors the session's
``fetch`` tool writes; ``--second-root`` points elsewhere); nothing of theirs is
copied into this project, so the test suite never needs them. Sources, each page
given the ground truth in the development set's shape (``main_content``,
``title``, ``author``, ``publish_date``, plus ``language`` where known):

- ``readability``: Mozilla Readability's test pages (Apache-2.0),
  ``test/test-pages/*/source.html``; body from ``expected.html`` (block elements
  become line breaks, the rest is joined as a browser shows it), title, byline,
  ``publishedTime`` and ``lang`` from ``expected-metadata.json``. The byline counts
  as an author truth only when it reads as names (see ``clean_byline``): Readability's
  expectations record what it found, including "Follow Author" and dates.
  Readability's and newspaper4k's titles are the ``<title>`` or og:title those
  libraries took, often with the site's name ("How to Build a Terrarium | eHow") or,
  on Readability's synthetic pages, the test's name that the page never prints; so
  each also gets ``title_printed``, the reference as the page prints it as a heading
  (see ``printed_title``), scored beside the raw one.
- ``newspaper4k``: newspaper4k's test data (MIT), ``tests/data/html/*.html`` with
  ``tests/data/metadata/*.json``: title, authors, publish date, language and text as
  newspaper4k's maintainers froze them (a regression fixture, so a second opinion,
  not a human annotation). Its authors count only where the list reads as the
  story's byline (see ``fixture_authors``): some fixtures keep newspaper's mistakes
  (ten names from related-story links, "www.facebook.com", "on December").
- ``dragnet``: the Dragnet data set (``dragnet_data``, via
  j-szulc/html-cleaning-dataset-merged, no licence stated: read only, never copied),
  body only; the gold text stops at Dragnet's comment marker.
- ``googlenews``: the L3S Google News set (``page-signal-master`` in the same merged
  repository): body, the text the annotators marked headline or full text
  (``x-nc-sel1``, ``x-nc-sel2``), not supplemental, comments or related content;
  title, the first non-empty text marked headline (later ``x-nc-sel1`` marks are
  decks, sub-heads or a repeated headline). Human annotation of news pages, so a
  title truth that is not another library's output.

Dragnet and Google News are large (1,381 and 621 pages); ``per_source`` takes an
evenly spaced sample of each so one run stays within minutes on a shared core.
Pages with no URL get Readability's harness URL, so no field can come from a URL.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

from parsers.decode import decode_html

MIRRORS = Path("/work/.mirror")
READABILITY = MIRRORS / "mozilla+readability" / "repo"
NEWSPAPER4K = MIRRORS / "AndyTheFactory+newspaper4k" / "repo"
MERGED = MIRRORS / "j-szulc+html-cleaning-dataset-merged" / "repo"
FAKE_URL = "http://fakehost/test/page.html"
# Dragnet's gold files mark where the comments start; 21 of the 1,381 spell the
# marker with one or three spaces, or with a character dropped or doubled
# ("!@#$%^&*   COMMENTS", "!@ $%^&*()  COMMENTS"): one pattern takes them all.
COMMENTS_MARK_RE = re.compile(rb"!@[#$%^&*() ]{2,14}COMMENTS")
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
GOLD_CLASSES = ("x-nc-sel1", "x-nc-sel2")
# A Readability byline that is not a list of names: a date, a count, a label, a template.
NOT_NAMES_RE = re.compile(
    r"\d|\n|follow|updated|contributors|creator name|property|jane doe|organization|个人|個人",
    re.IGNORECASE,
)
BY_RE = re.compile(r"^(?:by|par|written by|von|por)\s+", re.IGNORECASE)
# Where a reference title splits into the headline and site or section labels.
TITLE_PARTS_RE = re.compile(r"\s+(?:[|·•»:~/>_@\-–—]|::)\s+|\s*[|_]\s*|:\s+|\s+\[|\]")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# A part this short ("Code", "eHow") only counts when a heading prints exactly it.
MIN_CONTAINED_WORDS = 3
# newspaper4k fixtures naming more people than this list a related-stories rail.
MAX_FIXTURE_AUTHORS = 4
NAME_PARTICLES = frozenset(
    {"de", "del", "della", "la", "le", "van", "von", "der", "da", "di", "du"}
)
FOLD_RE = re.compile(r"[\W_]+")

Sample = tuple[str, str, str, dict[str, Any]]  # key, url, html, truth


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True).stdout


def tree(repo: Path, folder: str) -> dict[str, bytes]:
    """Every file under ``folder`` in the clone's HEAD, by path below it (one ``git archive``)."""
    data = _git(repo, "archive", "--format=tar", "HEAD", folder)
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar.getmembers():
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is not None:
                files[member.name.removeprefix(folder).lstrip("/")] = handle.read()
    return files


def _spread(items: list[str], count: int | None) -> list[str]:
    """``count`` items evenly spaced over ``items`` (all of them when None or 0)."""
    if not count or count >= len(items):
        return items
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def _gold_pairs(files: dict[str, bytes], count: int | None,
                ) -> Iterator[tuple[str, bytes, bytes]]:
    """(stem, page, gold text) of ``count`` pages of a tree laid out as ``input/STEM.html``
    beside ``GoldStandard/STEM.txt`` (dragnet's, L3S Google News'); pages without a gold
    text are passed over."""
    names = sorted(n for n in files if n.startswith("input/") and n.endswith(".html"))
    for name in _spread(names, count):
        stem = name.removeprefix("input/").removesuffix(".html")
        gold = files.get(f"GoldStandard/{stem}.txt")
        if gold is not None:
            yield stem, files[name], gold


def html_text(fragment: str) -> str:
    """The text of an HTML fragment as a reader sees it: blocks on their own lines."""
    soup = BeautifulSoup(fragment, "lxml")
    parts: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                if child.name in SKIP_TAGS:
                    continue
                block = child.name in BLOCK_TAGS
                if block:
                    parts.append("\n")
                walk(child)
                if block:
                    parts.append("\n")
            elif isinstance(child, NavigableString) and type(child) is NavigableString:
                parts.append(str(child))

    walk(soup)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def clean_byline(byline: str | None) -> str | None:
    """A Readability byline as an author truth: "By X" is X; a non-name is no truth."""
    if not byline or NOT_NAMES_RE.search(byline):
        return None
    return BY_RE.sub("", byline.strip()) or None


def _fold(text: str) -> str:
    return FOLD_RE.sub("", text.casefold())


def printed_title(html: str, title: str | None) -> str | None:
    """The reference ``title`` as the page prints it as a heading; else ``title`` itself.

    The rule (one for all pages, never per page): the text of the first ``<h1>``–``<h6>``
    equal (folded: case, spaces, punctuation) to the whole title, else to its longest
    leading run of parts once site or section labels after ``|``, `` - ``, ``:``,
    ``_``, `` @ ``, ``[...]`` are cut ("How to Build a Terrarium | eHow"), else to
    another run of three or more words ("Site: The Headline Itself"); failing those,
    the shortest heading that contains such a run of three or more words (Readability
    cut "Outside the web: standalone ..." at the colon). When no heading prints it
    (a title only in ``<head>``, a synthetic test page's name), the title stays.
    """
    if not title:
        return title
    soup = BeautifulSoup(html, "lxml")
    printed = [
        (text, folded)
        for h in soup.find_all(HEADING_TAGS)
        if (folded := _fold(text := " ".join(h.get_text(" ").split())))
    ]
    parts = [p.strip() for p in TITLE_PARTS_RE.split(title) if p and p.strip()]
    spans = [(i, j) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)]
    # Leading runs first (the headline leads most titles), longest first; then the rest.
    spans.sort(key=lambda span: (span[0] != 0, -(span[1] - span[0])))
    joined = [(i, " ".join(parts[i:j])) for i, j in spans]
    runs = [title] + [run for i, run in joined if i == 0 or len(run.split()) >= MIN_CONTAINED_WORDS]
    for run in runs:
        folded = _fold(run)
        for text, folded_heading in printed:
            if folded and folded_heading == folded:
                return text
    for run in runs:
        folded = _fold(run)
        if len(run.split()) < MIN_CONTAINED_WORDS:
            continue
        holding = [text for text, f in printed if folded in f]
        if holding:
            return min(holding, key=len)
    return title


def fixture_authors(names: object) -> str | None:
    """newspaper4k's frozen ``authors`` as an author truth, or None.

    They count when the list names at most four people and every entry reads as a
    name (no URL, digit or lower-case word other than a particle such as "de": "on
    December", "updated");
    longer lists are related-story bylines the fixture kept.
    """
    if not isinstance(names, list) or not names or len(names) > MAX_FIXTURE_AUTHORS:
        return None
    for name in names:
        if not isinstance(name, str) or NOT_NAMES_RE.search(name) or "www." in name:
            return None
        if any(word.islower() and word not in NAME_PARTICLES for word in name.split()):
            return None
    return ", ".join(names)


def readability(repo: Path) -> Iterator[Sample]:
    """Readability's test pages with their expected text and metadata."""
    files = tree(repo, "test/test-pages")
    for name in sorted({path.split("/", 1)[0] for path in files}):
        source = files.get(f"{name}/source.html")
        expected = files.get(f"{name}/expected.html")
        meta_raw = files.get(f"{name}/expected-metadata.json")
        if source is None or expected is None or meta_raw is None:
            continue
        meta = json.loads(meta_raw)
        page = source.decode("utf-8", errors="replace")
        truth = {
            "main_content": html_text(expected.decode("utf-8", errors="replace")),
            "title": meta.get("title"),
            "title_printed": printed_title(page, meta.get("title")),
            "author": clean_byline(meta.get("byline")),
            "publish_date": meta.get("publishedTime"),
            "language": meta.get("lang"),
        }
        yield f"readability/{name}", FAKE_URL, page, truth


def newspaper4k(repo: Path) -> Iterator[Sample]:
    """newspaper4k's frozen test articles (those with a metadata file)."""
    files = tree(repo, "tests/data")
    for name in sorted(files):
        stem = name.removeprefix("metadata/").removesuffix(".json")
        html = files.get(f"html/{stem}.html")
        if not name.startswith("metadata/") or html is None:
            continue
        meta = json.loads(files[name])
        if not meta.get("text"):
            continue  # video_article_01's fixture holds another page's metadata
        date = meta.get("publish_date")
        page = decode_html(html)
        truth = {
            "main_content": meta["text"],
            "title": meta.get("title"),
            "title_printed": printed_title(page, meta.get("title")),
            "author": fixture_authors(meta.get("authors")),
            "publish_date": date if isinstance(date, str) and date[:4].isdigit() else None,
            "language": meta.get("language"),
        }
        yield f"newspaper4k/{stem}", meta.get("url") or FAKE_URL, page, truth


def dragnet(repo: Path, count: int | None) -> Iterator[Sample]:
    """Dragnet pages with their gold body (comments cut off)."""
    for stem, html, gold in _gold_pairs(tree(repo, "dragnet_data"), count):
        gold = COMMENTS_MARK_RE.split(gold, maxsplit=1)[0]
        truth = {"main_content": decode_html(gold), "title": None, "author": None}
        yield f"dragnet/{stem}", FAKE_URL, decode_html(html), truth


def headline(marked: list[Tag]) -> str | None:
    """The first non-empty text the annotators marked headline (``x-nc-sel1``)."""
    for mark in marked:
        if "x-nc-sel1" in (mark.get("class") or []):
            text = " ".join(mark.get_text(" ").split())
            if text:
                return text
    return None


def googlenews(repo: Path, count: int | None) -> Iterator[Sample]:
    """L3S Google News pages with the headline and full text the annotators marked."""
    for stem, html, gold in _gold_pairs(tree(repo, "page-signal-master"), count):
        soup = BeautifulSoup(decode_html(gold), "lxml")
        marked = soup.find_all(class_=GOLD_CLASSES)
        # Nested marks would count twice; keep the outermost.
        outer = [m for m in marked if not any(p in marked for p in m.parents)]
        text = "\n".join(html_text(str(m)) for m in outer)
        truth = {"main_content": text, "title": headline(marked), "author": None}
        yield f"googlenews/{stem}", FAKE_URL, decode_html(html), truth


def load_second(root: Path | None = None, per_source: int | None = 150) -> list[Sample]:
    """All four sources; ``root`` holds the clones as ``fetch`` names them."""
    base = root or MIRRORS
    found: list[Sample] = []
    found += readability(base / READABILITY.relative_to(MIRRORS))
    found += newspaper4k(base / NEWSPAPER4K.relative_to(MIRRORS))
    found += dragnet(base / MERGED.relative_to(MIRRORS), per_source)
    found += googlenews(base / MERGED.relative_to(MIRRORS), per_source)
    return found
