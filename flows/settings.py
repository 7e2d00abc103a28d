"""The sources file's run-wide tables: ``[pipeline]`` and ``[warehouse]``.

Per-source ``[[source]]`` tables are :mod:`flows.config`'s. This module imports
only the standard library, so a command that only needs to know where the
warehouse is (``status`` without ``--db``) reads it cheaply.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pressroom.errors import ConfigError

# The optional [pipeline] table: settings of a whole run, not of one source.
PIPELINE_KEYS = frozenset({"parse_workers"})
# The optional [warehouse] table: where the warehouse is (what --db and --data-path say).
WAREHOUSE_KEYS = frozenset({"db", "data_path"})
MAX_PARSE_WORKERS = 64
# What the top level of a sources file holds: [[source]] tables and the two run-wide ones.
TOP_LEVEL = {"source": "[[source]]", "pipeline": "[pipeline]", "warehouse": "[warehouse]"}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def check_top_level(data: Mapping[str, Any], file: Path) -> None:
    """One line for a top-level key the file does not take, as TOML spells it, with the
    known one it is closest to: ``unknown table [[sources]] in FILE; did you mean
    [[source]]?`` (u54: a file of ``[[sources]]`` said "no [[source]] tables", and a
    ``[pipline]`` table or a stray ``foo = 1`` was read as if absent)."""
    for key, value in data.items():
        if key in TOP_LEVEL:
            continue
        name = key if _BARE_KEY.fullmatch(key) else json.dumps(key)
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            said = f"unknown table [[{name}]]"
        elif isinstance(value, dict):
            said = f"unknown table [{name}]"
        else:
            said = f"unknown key {name}"
        close = difflib.get_close_matches(key.lower(), list(TOP_LEVEL), n=1, cutoff=0.6)
        hint = (f"did you mean {TOP_LEVEL[close[0]]}?" if close
                else "a sources file takes " + ", ".join(TOP_LEVEL.values()))
        raise ConfigError(f"{said} in {file}; {hint}")


def check_parse_workers(value: object, where: str, *, text: bool = True) -> int:
    """A parse worker count: a whole number from 1 to :data:`MAX_PARSE_WORKERS`.

    ``value`` may be a string only when it comes from text (an option or an
    environment variable); anything else (0, negative, 1.5, "two", true, a TOML
    string) is a :class:`ConfigError` naming ``where``.
    """
    number: object = value
    if isinstance(value, str) and text:
        digits = value.strip()
        number = int(digits) if digits.lstrip("+-").isdigit() and digits.isascii() else value
    if isinstance(number, bool) or not isinstance(number, int) or not (
        1 <= number <= MAX_PARSE_WORKERS
    ):
        raise ConfigError(f"{where} must be a whole number of parse worker processes from 1 "
                          f"to {MAX_PARSE_WORKERS}, not {value!r}")
    return number


def check_lock_timeout(value: object, where: str) -> float:
    """A lock wait: 0 or more seconds, finite (``nan`` and ``inf`` waited for ever).

    What ``--lock-timeout`` takes, for a value that did not come through the CLI (a
    flow run's parameter, set by a trigger); else a :class:`ConfigError` naming ``where``.
    """
    if isinstance(value, bool) or not isinstance(value, int | float) or not (
        0 <= value < float("inf")  # also refuses nan
    ):
        raise ConfigError(f"{where} must be 0 or a finite number of seconds, not {value!r}")
    return float(value)


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    """The sources file's optional ``[pipeline]`` table (None: not set there)."""

    parse_workers: int | None = None


def parse_pipeline(data: Mapping[str, Any], file: Path) -> PipelineSettings:
    """The ``[pipeline]`` table of parsed TOML ``data``, validated."""
    raw = _table(data, "pipeline", PIPELINE_KEYS, file)
    workers = raw.get("parse_workers")
    return PipelineSettings(
        parse_workers=None if workers is None
        else check_parse_workers(workers, f"{file}: [pipeline] 'parse_workers'", text=False))


# A sources file of 10,000 sources is about 3 million characters.
MAX_SOURCES_CHARS = 16_000_000


def read_toml(file: Path) -> dict[str, Any]:
    """The sources file as TOML; one :class:`ConfigError` line when it cannot be read.

    Read up to :data:`MAX_SOURCES_CHARS`: a device or an endless pipe given by mistake
    (``--sources /dev/zero``) grew the process until the kernel's OOM killer took it and
    others with it (k49a); a pipe holding a real file (``<(cat s.toml)``) still reads."""
    try:
        with file.open(encoding="utf-8") as stream:
            text = stream.read(MAX_SOURCES_CHARS + 1)
        if len(text) > MAX_SOURCES_CHARS:
            raise ConfigError(f"sources file {file} is longer than {MAX_SOURCES_CHARS:,} "
                              "characters: not a sources file")
        return tomllib.loads(text)
    except FileNotFoundError as exc:
        raise ConfigError(f"sources file not found: {file}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read sources file {file}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file} is not valid TOML: {exc}") from exc


@dataclass(frozen=True, slots=True)
class WarehouseSettings:
    """The sources file's optional ``[warehouse]`` table (None: not set there)."""

    db: str | None = None
    data_path: str | None = None


def parse_warehouse(data: Mapping[str, Any], file: Path) -> WarehouseSettings:
    """The ``[warehouse]`` table of parsed TOML ``data``, validated."""
    raw = _table(data, "warehouse", WAREHOUSE_KEYS, file)
    for key, value in raw.items():
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{file}: [warehouse] {key!r} must be a non-empty string")
    return WarehouseSettings(db=raw.get("db"), data_path=raw.get("data_path"))


def load_warehouse_settings(path: str | Path) -> WarehouseSettings:
    """The ``[warehouse]`` table of a sources file; empty when the file does not exist."""
    file = Path(path)
    try:
        missing = not file.exists()
    except OSError:  # a name too long (ENAMETOOLONG, k49a): read_toml says so in one line
        missing = False
    if missing:
        return WarehouseSettings()
    data = read_toml(file)
    check_top_level(data, file)
    return parse_warehouse(data, file)


def load_pipeline_settings(path: str | Path) -> PipelineSettings:
    """The ``[pipeline]`` table of a sources file, validated."""
    file = Path(path)
    return parse_pipeline(read_toml(file), file)


def _table(data: Mapping[str, Any], name: str, keys: frozenset[str], file: Path) -> dict[str, Any]:
    """The optional ``[name]`` table of ``data`` (empty when absent): a table of ``keys`` only."""
    raw = data.get(name, {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{file}: [{name}] must be a table")
    unknown = set(raw) - keys
    if unknown:
        raise ConfigError(f"{file}: [{name}]: unknown key(s): {', '.join(sorted(unknown))}")
    return raw
