"""Write a Pressroom sources file (TOML) pointing at a running ``PressSite``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tests.site import manifest as m
from tests.site.server import PressSite


def _q(value: str) -> str:
    """A TOML basic string (JSON escaping is valid TOML)."""
    return json.dumps(value, ensure_ascii=False)


def _list(values: Iterable[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def sources_toml(
    site: PressSite | str,
    *,
    names: Iterable[str] = ("belta", "fixture"),
    schedule: str = "*/30 * * * *",
    timezone: str = "Europe/Minsk",
    min_delay: float = 0.0,
    concurrency: int = 8,
    timeout: float = 1.0,
) -> str:
    """The sources file text for ``names`` (see ``manifest.SOURCES``) on ``site``.

    ``belta``: the BelTA-style section (``/politics/rss.xml``, ``/politics/sitemap-news.xml``
    and the 3-page ``/politics/`` listing) with ``profile = "belta"``.
    ``fixture``: the generic site (RSS 2.0, Atom, RDF, sitemap index) with no profile; its
    RSS also lists the fault routes (gone, flaky, busy, slow, private).
    """
    base = site if isinstance(site, str) else site.url
    base = base.rstrip("/")
    blocks = []
    for name in names:
        spec = m.source(name)
        lines = [
            "[[source]]",
            f"name = {_q(spec.name)}",
            f"feeds = {_list(base + path for path in spec.feeds)}",
        ]
        if spec.listings:
            listings = ", ".join(
                f"{{ url = {_q(base + listing.path)}, links = {_q(listing.selector)}, "
                f"pages = {listing.pages} }}"
                for listing in spec.listings
            )
            lines.append(f"listings = [{listings}]")
        lines += [
            f"schedule = {_q(schedule)}",
            f"timezone = {_q(timezone)}",
            "allow_private_network = true",
        ]
        if spec.profile:
            lines.append(f"profile = {_q(spec.profile)}")
        if spec.allowed_hosts:
            lines.append(f"allowed_hosts = {_list(spec.allowed_hosts)}")
        lines += [
            f"min_delay = {float(min_delay)!r}",
            f"concurrency = {int(concurrency)}",
            f"timeout = {float(timeout)!r}",
        ]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def write_sources_toml(
    site: PressSite | str,
    path: Path | str,
    *,
    names: Iterable[str] = ("belta", "fixture"),
    **options: Any,
) -> Path:
    """Write ``sources_toml(site, names=..., **options)`` to ``path`` (a file or a directory)."""
    target = Path(path)
    if target.is_dir():
        target = target / "sources.toml"
    target.write_text(sources_toml(site, names=names, **options), encoding="utf-8")
    return target
