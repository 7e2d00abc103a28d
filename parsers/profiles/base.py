"""The Profile: declarative, per-source hints for the extractor."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Profile:
    """CSS selectors and defaults for one source.

    Every selector is optional: a field a profile leaves ``None`` (or whose
    selector finds nothing on a page) is filled by the generic extractor.
    """

    name: str
    hosts: tuple[str, ...] = ()
    title: str | None = None
    body: str | None = None
    drop: tuple[str, ...] = ()
    published: str | None = None
    authors: str | None = None
    tags: str | None = None
    section: str | None = None
    timezone: str | None = None
    language: str | None = None
