"""SQL that DuckDB's parser would work on for seconds to hours, refused before it does (k50s).

DuckDB parses a statement before it runs it, holding Python's lock: neither ``--timeout``
nor Ctrl-C stops it there (:mod:`warehouse.sql_scan` refuses what its scanner re-reads).
Past the scanner, DuckDB 1.5.5's transformer (``Transformer::TransformGroupBy``) builds
every grouping set of a ``GROUP BY`` as a copy: each item of the list is a cross product
with the sets so far, each set copied whole, so its work is about sets x entries x items.
``CUBE`` of 10 columns then 500 plain columns (2.4 KB of SQL) took 22 s, 5 KB 71 s;
``GROUP BY`` 4,000 plain columns 0.55 s (quadratic), ``ROLLUP`` of 32,700 columns ran out
of 4 GB. ``AND``/``OR`` chains are quadratic too (each step moves the chain so far):
26,000 ``OR`` 2.1 s, 32,700 (128 KiB of ``.1OR``) 2.3 s.

:func:`refuse_slow_parse` reads the tokens once (after :mod:`warehouse.sql_scan`'s check
they cost a linear scan) and bounds each ``GROUP BY``'s work from above: ``S x E x (N +
1)`` plus what each ``CUBE``/``ROLLUP`` builds, where N is its items (commas at its level
+ 1), E its entries (its commas + 1, and the commas of the rows in it: DuckDB's
``AddGroupByExpression`` spreads a row ``(a, b)`` or ``row(a, b)`` into two entries, and a
row in a row; a call ``f(a, b)``, a list after ``IN``, a subquery's select list are one
entry, their commas none: c51, k50s counted them and refused ``CUBE`` of 12 columns and a
``concat_ws`` of 5,000 arguments, 0.04 s of parse), S the product of ``s + 1`` over its
``CUBE`` (``s`` = 2^columns), ``ROLLUP`` (columns + 1) and ``GROUPING SETS`` (its
sets), at most 65,536 (DuckDB refuses more sets at once); all the lists of the text
summed. :data:`MAX_GROUPING_WORK` (20,000,000, about a second) holds ``CUBE`` of 15
columns and 10 more (10.3 M: 0.47 s) or 4,000 plain columns (16 M: 0.55 s); real SQL is
hundreds. More than :data:`MAX_BOOLEANS` (16,000: about 0.9 s) ``AND``/``OR`` in the text
are refused too (``pressroom sql --timeout 1`` ran 9.4 s on 32,700 ``OR`` before this).

Subqueries in a GROUP BY list cost more (k51c): the transformer's map of entries hashes a
subquery without its query (``SubqueryExpression`` has no hash of its own), so entries
holding one share a hash and each is compared with all before it, the whole expression
walked: 1,000 items ``(SELECT 1+1+...+1+k)`` of 55 terms (123 KB) took 15 s of parse,
4,000 of 9 terms (119 KB, within argv's 128 KiB) 45 s; a bound of 1 M and 16 M. Each list
adds :data:`QUERY_WEIGHT` x Q x T, Q its subqueries (one per ``(`` opening a query, those
inside a subquery not again), T its tokens: a pair costs at most the smaller entry's walk,
so all pairs at most Q x T (measured at most 0.13 microseconds a unit; real SQL is
thousands). A reserved word after ``.`` (``t.order``, ``s.limit``) is a name there, not
the end of the list (k51c: ``GROUP BY t.order, CUBE(14 columns), (a row of 2,000)`` was
bound 2, parse 6.5 s).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pressroom.errors import QueryRefused
from warehouse.sql_tokens import SqlText, Token, read_once

MAX_GROUPING_WORK = 20_000_000
MAX_BOOLEANS = 16_000
QUERY_WEIGHT = 2  # see the module doc: subqueries x tokens of a GROUP BY list
MAX_SETS = 65_536  # DuckDB refuses more than 65,535 grouping sets before it builds them
# Keywords that open a subquery after "(": (SELECT ...), (FROM t), (WITH ...), (VALUES ...).
_QUERY_START = frozenset({"select", "from", "with", "values", "table", "pivot", "unpivot",
                          "pivot_wider", "pivot_longer", "summarize", "describe", "show"})
# Keywords that end a GROUP BY list at its own level (none can stand inside an item there,
# but after "." any can: t.order is a column).
_CLAUSE_END = frozenset({"having", "window", "qualify", "order", "limit", "offset", "union",
                         "except", "intersect", "fetch", "returning", "using", "select"})


@dataclass(slots=True)
class _Clause:
    """One GROUP BY list being read: its items, entries and grouping constructs."""

    at: int
    items: int = 1
    entries: int = 1
    sets: int = 1  # the product of (s + 1), capped at MAX_SETS
    built: int = 0  # what its CUBEs and ROLLUPs build
    tokens: int = 0  # in its items, at any depth
    queries: int = 0  # subqueries in its items (not those inside a subquery)


@dataclass(slots=True)
class _Level:
    """One parenthesis level: what it is, its commas, the GROUP BY read at it."""

    kind: str = ""  # "cube", "rollup", "sets" (GROUPING SETS) or "" (any other)
    row: bool = True  # its commas part grouping entries (a row, a grouping list), not a call's
    commas: int = 0  # at this level and in the rows inside it
    own_commas: int = 0  # at this level
    constructs: list[tuple[int, int]] = field(default_factory=list)  # (s, built) inside
    clause: _Clause | None = None
    tokens: int = 0  # at this level and inside it
    queries: int = 0  # subqueries inside it, not counting those inside a subquery
    query: bool = False  # it opens a subquery: (SELECT ...), (FROM ...)


def refuse_slow_parse(sql: str | SqlText) -> None:
    """Raise QueryRefused if DuckDB's parser would work on ``sql`` for seconds (see the
    module doc). Cheap when the text holds no ``group`` and few ``and``/``or``."""
    text = read_once(sql)
    lowered = text.sql.lower()
    booleans_possible = lowered.count("and") + lowered.count("or") > MAX_BOOLEANS
    if "group" not in lowered and not booleans_possible:
        return
    tokens = text.tokens
    if booleans_possible:
        booleans = [t for t in tokens if t.kind == "keyword" and t.name in ("and", "or")]
        if len(booleans) > MAX_BOOLEANS:
            raise QueryRefused(
                f"refused: more than {MAX_BOOLEANS:,} AND/OR in one text (at character "
                f"{booleans[MAX_BOOLEANS].start + 1}): DuckDB's parser takes seconds on them, "
                "past --timeout; use IN (...) or a join")
    work, at = grouping_work(tokens)
    if work > MAX_GROUPING_WORK:
        raise QueryRefused(
            f"refused: a GROUP BY (at character {at + 1}) whose grouping sets DuckDB's parser "
            f"would build for seconds to hours, past --timeout (about {work:,} set entries, "
            f"more than {MAX_GROUPING_WORK:,}); group by fewer columns, subqueries or "
            "CUBE/ROLLUP/GROUPING SETS")


def grouping_work(tokens: list[Token]) -> tuple[int, int]:
    """An upper bound of the set entries DuckDB builds for all the GROUP BY lists in
    ``tokens`` together, and where the costliest starts (a character offset; 0 if none)."""
    levels = [_Level()]
    total, worst, worst_at = 0, 0, 0

    def close(level: _Level) -> None:
        nonlocal total, worst, worst_at
        clause, level.clause = level.clause, None
        if clause is not None:
            work = (clause.sets * clause.entries * (clause.items + 1) + clause.built
                    + QUERY_WEIGHT * clause.queries * clause.tokens)
            total += work
            if work > worst:
                worst, worst_at = work, clause.at

    for i, token in enumerate(tokens):
        level = levels[-1]
        level.tokens += 1
        if level.clause is not None:
            level.clause.tokens += 1
        # A name after "." (t.order, a struct's s.limit) is a column or field, never a clause
        # word: DuckDB reads reserved words there too (k51c: t.order ended the list early).
        word = token.name if token.kind in ("keyword", "word") and not (
            i and tokens[i - 1].is_symbol(".")) else ""
        if token.is_symbol("("):
            kind = ""
            if i and tokens[i - 1].kind in ("keyword", "word"):
                before = tokens[i - 1].name
                if before in ("cube", "rollup"):
                    kind = before
                elif before == "sets" and i > 1 and tokens[i - 2].name == "grouping":
                    kind = "sets"
            levels.append(_Level(kind=kind, row=bool(kind) or _opens_row(tokens, i)))
            if i + 1 < len(tokens) and tokens[i + 1].kind == "keyword" \
                    and tokens[i + 1].name in _QUERY_START:
                levels[-1].query = True
        elif token.is_symbol(")") and len(levels) > 1:
            close(level)
            levels.pop()
            _closed(level, levels[-1])
        elif token.is_symbol(","):
            level.commas += 1
            level.own_commas += 1
            if level.clause is not None:
                level.clause.items += 1
                level.clause.entries += 1
        elif token.is_symbol(";") or word in _CLAUSE_END:
            close(level)
        elif word == "by" and i and tokens[i - 1].kind == "keyword" \
                and tokens[i - 1].name == "group":
            close(level)
            level.clause = _Clause(at=tokens[i - 1].start)
    while levels:  # an unclosed parenthesis: DuckDB refuses it, after its parser ran
        level = levels.pop()
        close(level)
        if levels:
            _closed(level, levels[-1])
    return total, worst_at


def _opens_row(tokens: list[Token], i: int) -> bool:
    """Whether the parenthesis ``tokens[i]`` may open a row DuckDB spreads into grouping
    entries: ``row(`` or a bare one at the start of an item (after ``BY``, ``,`` or ``(``).
    One after a name is a call (``coalesce(a, b)``), after ``IN`` a list, after an
    operator part of an expression: one entry each. More rows than DuckDB spreads is
    fine (an upper bound); fewer is not."""
    if not i:
        return True
    before = tokens[i - 1]
    if before.kind in ("keyword", "word", "quoted"):
        return before.name in ("row", "by")
    return before.is_symbol(",") or before.is_symbol("(")


def _closed(child: _Level, parent: _Level) -> None:
    """Carry a closed level's commas (a row's) and grouping constructs to its parent."""
    constructs = child.constructs
    if child.kind:
        columns = child.own_commas + 1
        entries = child.commas + 1
        if child.kind == "cube":
            sets = 2 ** min(columns, 17)
        elif child.kind == "rollup":
            sets = columns + 1
        else:
            sets = columns
        constructs = [*constructs, (min(sets, MAX_SETS), sets * entries)]
    commas = child.commas if child.row else 0  # a call's arguments are one entry
    parent.commas += commas
    queries = 1 if child.query else child.queries  # one entry, whatever it holds
    parent.tokens += child.tokens
    parent.queries += queries
    clause = parent.clause
    if clause is not None:
        clause.tokens += child.tokens
        clause.queries += queries
    if clause is None:
        parent.constructs.extend(constructs)
        return
    clause.entries += commas
    for sets, built in constructs:
        clause.sets = min(clause.sets * (sets + 1), MAX_SETS)
        clause.built += built
