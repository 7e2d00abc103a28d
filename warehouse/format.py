"""Render a QueryResult as an aligned text table, CSV or JSON (``--format``)."""

from __future__ import annotations

import base64
import csv
import io
import json
import math
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from warehouse.records import QueryResult

OutputFormat = Literal["table", "csv", "json"]
FORMATS: tuple[OutputFormat, ...] = ("table", "csv", "json")

_NULL = "NULL"
_ELLIPSIS = "…"


def to_jsonable(value: Any) -> Any:
    """A JSON-ready copy of a DuckDB value: ISO dates, lists as arrays, bytes as base64."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        # JSON has no NaN/Infinity; null is the one spelling every parser takes.
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return str(value)


def _text(value: Any) -> str:
    """One cell as text: scalars plainly, containers as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | set | frozenset | Mapping):
        return json.dumps(to_jsonable(value), ensure_ascii=False)
    if isinstance(value, timedelta):
        return str(value)  # "1 day, 2:00:00" reads better than seconds in a table
    plain = to_jsonable(value)
    return "" if plain is None else str(plain)


def _unique_names(columns: list[str]) -> list[str]:
    """Column names made unique (``a``, ``a_2``) so JSON objects keep every value."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for name in columns:
        count = seen.get(name, 0) + 1
        seen[name] = count
        out.append(name if count == 1 else f"{name}_{count}")
    return out


def render_json(result: QueryResult) -> str:
    """An array of objects, one per row."""
    names = _unique_names(result.columns)
    records = [
        {name: to_jsonable(value) for name, value in zip(names, row, strict=True)}
        for row in result.rows
    ]
    return json.dumps(records, ensure_ascii=False, indent=2)


def render_csv(result: QueryResult) -> str:
    """RFC 4180 CSV with a header row; NULL is an empty field."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([_text(v) for v in row])
    return buffer.getvalue()


# C0, DEL and C1: in a table they are a page's text, never the terminal's commands
# (ESC and CSI start sequences that recolour, clear, retitle or write the clipboard).
# The bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069)
# too: on a terminal that lays out bidirectional text they reverse what follows on
# the line, the next columns included (review k37).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(ch: str) -> str:
    code = ord(ch)
    return _NAMED.get(ch) or (f"\\x{code:02x}" if code <= 0xff else f"\\u{code:04x}")


def printable(text: str) -> str:
    """``text`` with control characters shown escaped (``\\n``, ``\\x1b``, ``\\u202e``),
    for a terminal."""
    return _CONTROLS.sub(lambda m: _escaped(m[0]), text)


def display_width(text: str) -> int:
    """Terminal columns taken by ``text`` (wide East Asian characters count twice)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, max_width: int) -> str:
    """Shorten to ``max_width`` columns, marking the cut."""
    if display_width(text) <= max_width:
        return text
    out: list[str] = []
    used = 0
    for ch in text:
        w = display_width(ch)
        if used + w > max_width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + _ELLIPSIS


def _cell(value: Any, max_width: int) -> str:
    if value is None:
        return _NULL
    if isinstance(value, bytes | bytearray | memoryview):
        # Page bodies are compressed bytes: their size says more than base64.
        return f"<{len(bytes(value))} bytes>"
    # Control characters would break the grid or drive the terminal; show them escaped.
    return clip(printable(_text(value)), max_width)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def render_table(result: QueryResult, *, max_width: int = 60) -> str:
    """An aligned text table: numbers right-aligned, long cells clipped, row count footer."""
    if not result.columns:
        return "(no result)"
    header = [clip(c, max_width) for c in result.columns]
    cells = [[_cell(v, max_width) for v in row] for row in result.rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells])
              for i, h in enumerate(header)]
    numeric = [
        bool(result.rows) and all(row[i] is None or _is_number(row[i]) for row in result.rows)
        for i in range(len(header))
    ]
    lines = [
        " | ".join(_pad(h, w, False) for h, w in zip(header, widths, strict=True)).rstrip(),
        "-+-".join("-" * w for w in widths),
    ]
    for row in cells:
        line = " | ".join(
            _pad(c, w, right) for c, w, right in zip(row, widths, numeric, strict=True)
        )
        lines.append(line.rstrip())
    count = len(result.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines)


def render(result: QueryResult, fmt: OutputFormat = "table") -> str:
    """Render ``result`` in one of ``FORMATS``."""
    if fmt == "table":
        return render_table(result)
    if fmt == "csv":
        return render_csv(result)
    if fmt == "json":
        return render_json(result)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
