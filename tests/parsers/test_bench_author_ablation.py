"""bench/author_ablation.py switches off every author rule (k39): each module of the author
rules (``parsers/author*.py``, ``byline*.py``, ``name_trims.py``) is one it switches in, so
a rule added in a new module is not left on silently, and every named rule function it
lists still exists. Before: a38's ``byline_with`` and a39's ``author_declared`` and
``author_holders`` were missing (their patterns and ``without_holders``, ``beats_weak``,
``one_printed_name`` stayed on in every row of the table)."""

from __future__ import annotations

import importlib
from pathlib import Path

from bench import author_ablation

PARSERS = Path(author_ablation.ROOT) / "parsers"


def author_modules() -> set[str]:
    names = {p.stem for p in PARSERS.glob("*.py")}
    return {
        f"parsers.{n}" for n in names if n.startswith(("author", "byline")) or n == "name_trims"
    }


def test_every_author_rule_module_is_switched() -> None:
    switched = {m.__name__ for m in author_ablation.MODULES}
    assert author_modules() - switched == set()


def test_every_listed_rule_function_exists_and_is_switched_where_it_is_called() -> None:
    for name, _ in author_ablation.FUNCTIONS:
        assert any(hasattr(m, name) for m in author_ablation.MODULES), name
    labels = {label for label, places, _ in author_ablation.switches() if places}
    for name in ("without_holders", "beats_weak", "one_printed_name"):
        assert f"{name}()" in labels
    # Each of a39's patterns is switched in the module whose functions read it.
    holders = importlib.import_module("parsers.author_holders")
    places = {(m.__name__, a) for _, ps, _ in author_ablation.switches() for m, a in ps}
    for attr in ("RIGHTS_WORDS_RE", "PRINTED_RIGHTS_RE", "RESERVED_RE"):
        assert (holders.__name__, attr) in places
