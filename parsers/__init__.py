"""HTML in, Article out: pure parsing functions.

Nothing here does I/O, reads the clock or imports ``flows`` or ``warehouse``.
The names below load on first use, so code that only needs the
:class:`Article` record (the warehouse, the CLI) does not pay for BeautifulSoup.
"""

from __future__ import annotations

import importlib
import sys
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parsers.article import Article, article_id_for, content_hash_for
    from parsers.extract import extract
    from parsers.profiles import PROFILES, Profile, get_profile
    from parsers.urls import host_of, normalize_url

_HOMES = MappingProxyType({
    "Article": "parsers.article",
    "article_id_for": "parsers.article",
    "content_hash_for": "parsers.article",
    "extract": "parsers.extract",
    "PROFILES": "parsers.profiles",
    "Profile": "parsers.profiles",
    "get_profile": "parsers.profiles",
    "host_of": "parsers.urls",
    "normalize_url": "parsers.urls",
})


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'parsers' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


class _Package(ModuleType):
    """``parsers.extract`` is the function even after the submodule of that name loads.

    Importing a submodule sets it as an attribute of its package; this keeps
    the submodule out of the package namespace, as the eager import did.
    """

    @property
    def extract(self) -> Any:
        return importlib.import_module("parsers.extract").extract

    @extract.setter
    def extract(self, value: Any) -> None:
        if not isinstance(value, ModuleType):
            raise AttributeError("parsers.extract is read-only")


sys.modules[__name__].__class__ = _Package


__all__ = [
    "PROFILES",
    "Article",
    "Profile",
    "article_id_for",
    "content_hash_for",
    "extract",
    "get_profile",
    "host_of",
    "normalize_url",
]
