"""Body rule audit: each rule family of ``parsers.body`` disabled, on both measuring sets.

    uv run python bench/body_rule_audit.py [--per-source N] [--dataset NAME=PATH ...]
        [--rule WORDS ...]

Exact and cheap: a first pass over the dev set and the second set records, per
rule, the pages where it fired (gave an answer other than its "off" answer); a
page where a rule never fired extracts the same with it off, so only the fired
pages are extracted again with the rule disabled. Prints a Markdown table: body
F1 and title/date/author hits per set with each rule off, and the change. "sites
dev" counts the distinct hosts of the dev pages where the rule fired: a rule that
fires on one site is fitted to its template, not a category of pages; "helps" and
"hurts" count the pages per set whose body F1 is higher (lower) with the rule on
than off, by more than 0.001. ``--dataset extra=/work/sets/extra`` reads a further set
in the dev set's layout (WCXB: ground-truth/, html/) beside the two, with its own
columns (a52); ``--rule`` extracts again only the families whose name holds one of the
given words (the first pass still reads every page). Rules are
switched off by replacing module attributes, which only this script does.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import parsers.body as body  # noqa: E402
import parsers.body.bio as bio  # noqa: E402
import parsers.body.controls as controls  # noqa: E402
import parsers.body.elements as elements  # noqa: E402
import parsers.body.hidden as hidden  # noqa: E402
import parsers.body.lines as lines  # noqa: E402
import parsers.body.parts as parts  # noqa: E402
import parsers.body.score as score  # noqa: E402
import parsers.body.tail as tail  # noqa: E402
from bench.extraction import DEFAULT_DATASET, Page, load  # noqa: E402
from bench.metrics import (  # noqa: E402
    authors_match,
    body_precision_recall,
    date_matches,
    f1_of_means,
    title_matches,
)
from bench.second_set import load_second  # noqa: E402
from parsers import extract  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

# The module parsers.extract: the package's name ``extract`` is the function it exports.
EXTRACT = sys.modules["parsers.extract"]

CURRENT = [""]
FIRED: dict[str, set[str]] = {}
# The parsers.body modules whose rules install() switches (a51: tests/parsers/
# test_bench_body_rule_audit.py fails when a body module is neither here nor in EXEMPT).
COVERED: set[str] = set()
# Body modules with no rule family of their own to switch, and why.
EXEMPT = {
    "parsers.body": "the walk that asks the stages; its rules are switched where they live",
    "parsers.body.labels": "the class-word vocabulary every stage reads, not one rule family",
    "parsers.body.units": "a length measure (wide characters count twice), not a rule",
    "parsers.body.listing": "the listing flag is the page kind's; its item spans are the "
    "teaser stream's (streams.away_from_stream)",
    "parsers.body.walls_languages": "walls' access prompts in six more languages, as data: "
    "switched with walls.is_access_prompt",
}
OFF: set[str] = set()
RULES: list[str] = []
# A page's body F1 moved by more than this counts as helped or hurt by a rule.
MOVED = 0.001
Scores = tuple[float, float, bool | None, bool | None, bool | None]


class Pattern:
    """A compiled pattern that records matches and matches nothing when off."""

    def __init__(self, rule: str, pattern: Any) -> None:
        self.rule, self.pattern = rule, pattern
        RULES.append(rule)

    def _call(self, name: str, *args: Any) -> Any:
        if self.rule in OFF:
            return None
        found = getattr(self.pattern, name)(*args)
        if found is not None:
            FIRED.setdefault(self.rule, set()).add(CURRENT[0])
        return found

    def match(self, *args: Any) -> Any:
        return self._call("match", *args)

    def search(self, *args: Any) -> Any:
        return self._call("search", *args)


def patch(module: Any, name: str, rule: str, off: Callable[..., Any]) -> None:
    """Wrap ``module.name``: off it returns ``off(*args)``; records when it differs."""
    original = getattr(module, name)
    COVERED.add(original.__module__)
    if rule not in RULES:
        RULES.append(rule)

    def wrapper(*args: Any) -> Any:
        quiet = off(*args)
        if rule in OFF:
            return quiet
        answer = original(*args)
        if answer != quiet:
            FIRED.setdefault(rule, set()).add(CURRENT[0])
        return answer

    setattr(module, name, wrapper)


def patch_pattern(module: Any, name: str, rule: str) -> None:
    COVERED.add(_home(name, getattr(module, name)))
    setattr(module, name, Pattern(rule, getattr(module, name)))


def _home(name: str, value: Any) -> str:
    """The parsers.body module that defines the pattern ``name`` (not one importing it)."""
    for module_name, module in sorted(sys.modules.items()):
        if (
            module_name.startswith("parsers.body")
            and vars(module).get(name) is value
            and f"\n{name} = " in Path(module.__file__ or "").read_text(encoding="utf-8")
        ):
            return module_name
    return ""


def never(*_: Any) -> bool:
    return False


def nothing(*_: Any) -> list[Any]:
    return []


def install() -> None:
    """Every audited rule family, by the name it has in the table."""
    patch_pattern(body, "BOILERPLATE_RE", "line: boilerplate label (BOILERPLATE_RE)")
    patch(body, "is_date_line", "line: bare date line", never)
    patch_pattern(body, "NO_WORDS_RE", "line: no words (NO_WORDS_RE)")
    patch_pattern(body, "READING_TIME_RE", "line: reading time")
    patch(body, "is_post_meta", "line: published/contributors line", never)
    patch(body, "is_furniture_line", "line: furniture/tag line", never)
    patch(body, "is_disclosure", "line: affiliate disclosure", never)
    patch(body, "is_rights_notice", "line: rights notice", never)
    patch(body, "is_credited_caption", "line: credited caption", never)
    patch_pattern(body, "LEAD_COUNTER_RE", "lead: bare counter")
    patch(body, "is_lead_meta", "lead: date-and-author line", never)
    patch(body, "is_date_stamp", "lead: date stamp (date and clock)", never)
    patch_pattern(body, "CROSS_LINK_RE", "line: cross-link (Related: ...)")
    patch(body, "is_repeated_byline", "line: repeated byline", never)
    patch_pattern(body, "STANDFIRST_RE", "lead: standfirst class")
    patch(body, "is_subtitle", "lead: subtitle heading", never)
    patch(body, "repeats_title", "lead: headline repeated / above-headline lines", never)
    patch(body, "teaser_ranges", "elements: teaser cards", nothing)
    patch(body, "end_section_ranges", "elements: end-of-story heading sections", nothing)
    patch(body, "control_box_ranges", "elements: box around one on/off control (b44)", nothing)
    patch(hidden, "_hidden_series", "elements: hidden series kept (accordion)", never)
    patch(elements, "only_hidden", "elements: hidden-element rule", never)
    patch(elements, "hidden_drop", "elements: hidden element dropped", never)
    patch(hidden, "folded_tail", "elements: folded story tail kept", never)
    patch(controls, "folded_tail", "elements: folded story tail kept", never)
    patch(elements, "hidden_by_class", "elements: hidden by a utility class (b43)", never)
    patch(controls, "hidden_by_class", "elements: hidden by a utility class (b43)", never)
    patch(parts.StoryParts, "holds_part", "elements: story parts kept (r43)", never)
    patch(body, "caption_ranges", "elements: caption paragraphs (b45)", nothing)
    patch(body, "highlight_box_ranges", "elements: highlights box (p48)", nothing)
    patch(body, "is_link_bar", "line: link bar / reader tools", never)
    patch(body, "is_agency_credit", "line: agency credit line", never)
    patch(body, "follows_an_opener", "line: agency credit after an opener kept", never)
    patch(body, "is_locale_label", "line: labels in other languages (p50)", never)
    patch(body, "is_page_notice", "line: page notice (print edition, page age)", never)
    patch(body, "is_viewer_label", "line: picture viewer label", never)
    patch(body, "is_access_prompt", "line: paywall or login wall prompt (b57)", never)
    patch(
        body,
        "names_what_it_gates",
        "line: bare access actions in a table cell kept (b58)",
        lambda *_: True,
    )
    patch(lines, "is_cjk_furniture_line", "line: CJK furniture line", never)
    patch_pattern(body, "POST_FOOTER_RE", "line: post footer (POST_FOOTER_RE)")
    patch(body, "in_quote", "line: page notice inside a quote kept", never)
    patch(body, "story_beside_filler", "head: story beside placeholder filler", never)
    patch(body, "label_once", "lead: standfirst class named once (guard)", lambda *_: True)
    patch(body, "named_story", "score: story section named by the title", lambda *_: None)
    patch(
        EXTRACT,
        "under_own_headline",
        "score: picture post under its own headline (b26)",
        lambda _s, _u, c, _t: c,
    )
    patch(elements, "for_screen_readers", "elements: screen-reader-only text (b43)", never)
    patch(body, "heads_prose", "links: linked heading over prose kept", never)
    patch(elements, "heads_prose", "links: linked heading over prose kept", never)
    patch(body, "in_story_list", "links: link list inside story kept", never)
    patch(body, "in_mixed_list", "links: list with prose kept", never)
    patch(body, "in_data_row", "links: table row with data kept", never)
    patch(body, "is_date_data", "links: dates as data kept", never)
    patch(body, "heading_runs", "tail: headline runs", nothing)
    patch(body, "is_more_stories_label", "tail: more-stories label", never)
    patch(tail, "_is_author_posts", "tail: author post list", never)
    patch(tail, "_is_pitch", "tail: sign-up/follow pitch", never)
    patch(tail, "_press_sections_follow", "tail: press sections protect pitch", never)
    patch_pattern(tail, "END_HEADING_RE", "tail: end-heading words outside headings")
    patch(body, "card_tail_cut", "tail: unlinked teaser cards", lambda paras, _: len(paras))
    patch(body, "comment_label_cut", "tail: comment thread label", lambda paras, marks: len(paras))
    patch(
        body, "sponsored_runs", "tail: text ads under a sponsored-links label", lambda paras: set()
    )
    patch(body, "is_share_line", "line: share bar line", never)
    patch(bio, "_opens_bio", "bio: author bio cut", never)
    patch(
        score,
        "_copied_blocks",
        "score: second copy not counted",
        lambda scan: [False] * len(scan.blocks),
    )
    patch(score, "_inner_container", "score: inner container", lambda _s, _u, c: c)
    patch(body, "away_from_stream", "score: teaser stream beside the story", lambda _s, _u, c: c)
    patch(
        body,
        "out_of_sidebar",
        "score: sidebar or footer box beside a short post",
        lambda _s, _u, c: c,
    )


def one(page: Page) -> Scores:
    CURRENT[0] = page.key
    try:
        a = extract(page.html, url=page.url)
        text, title, date, authors = a.body, a.title, a.published_at, a.authors
    except ParseError:
        text, title, date, authors = "", None, None, ()
    truth = page.truth
    p, r = body_precision_recall(text, truth.get("main_content") or "")
    t = title_matches(title, truth["title"]) if truth.get("title") else None
    d = date_matches(date, truth["publish_date"]) if truth.get("publish_date") else None
    au = authors_match(authors, truth["author"]) if truth.get("author") else None
    return p, r, t, d, au


def summary(results: dict[str, Scores], keys: list[str]) -> str:
    rows = [results[k] for k in keys]
    f1 = f1_of_means((row[0], row[1]) for row in rows)[0]
    hits = " ".join(str(sum(1 for row in rows if row[i])) for i in (2, 3, 4))
    return f"{f1:.5f} | {hits}"


def _page_f1(row: Scores) -> float:
    return 2 * row[0] * row[1] / (row[0] + row[1]) if row[0] + row[1] else 0.0


def _moved(base: dict[str, Scores], off: dict[str, Scores], keys: set[str]) -> str:
    """Pages whose body F1 the rule raises / lowers (on against off), "helps/hurts"."""
    change = [_page_f1(base[key]) - _page_f1(off[key]) for key in keys]
    return f"{sum(1 for c in change if c > MOVED)}/{sum(1 for c in change if c < -MOVED)}"


def _named_set(value: str) -> tuple[str, Path]:
    """``NAME=PATH`` of a further set in the dev set's layout."""
    name, sep, path = value.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"expected NAME=PATH, got {value!r}")
    return name, Path(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-source", type=int, default=150)
    parser.add_argument(
        "--dataset",
        type=_named_set,
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="a further set in the dev set's layout (e.g. extra=/work/sets/extra)",
    )
    parser.add_argument(
        "--rule",
        action="append",
        default=[],
        metavar="WORDS",
        help="only the families whose name holds WORDS (repeatable)",
    )
    args = parser.parse_args(argv)
    dev = load(DEFAULT_DATASET, None)
    second = [Page(f"second:{s[0]}", *s[1:]) for s in load_second(None, args.per_source)]
    sets = {"dev": [p.key for p in dev], "second": [p.key for p in second]}
    pages = {page.key: page for page in dev + second}
    for name, path in args.dataset:
        further = [Page(f"{name}:{p.key}", *dataclasses.astuple(p)[1:]) for p in load(path, None)]
        sets[name] = [p.key for p in further]
        pages.update((p.key, p) for p in further)
    install()
    base = {key: one(page) for key, page in pages.items()}
    hosts = {page.key: urlsplit(page.url).hostname or "" for page in dev}
    others = [name for name in sets if name != "dev"]
    columns = ["rule family off", "fired dev", "sites dev"]
    columns += [f"fired {name}" for name in others]
    columns += [f"helps/hurts {name}" for name in sets]
    for name in sets:
        columns += [f"body F1 {name}", f"title date author {name}"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    blank = " |" * (2 + len(others) + len(sets))
    print("| (all on) |" + blank + "".join(f" {summary(base, keys)} |" for keys in sets.values()))
    chosen = [r for r in sorted(RULES) if not args.rule or any(w in r for w in args.rule)]
    for rule in chosen:
        fired = FIRED.get(rule, set())
        OFF.add(rule)
        results = dict(base)
        for key in fired:
            results[key] = one(pages[key])
        OFF.discard(rule)
        fired_dev = fired & set(sets["dev"])
        cells = [rule, str(len(fired_dev)), str(len({hosts[key] for key in fired_dev}))]
        cells += [str(len(fired & set(sets[name]))) for name in others]
        cells += [_moved(base, results, fired & set(keys)) for keys in sets.values()]
        cells += [summary(results, keys) for keys in sets.values()]
        print("| " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
