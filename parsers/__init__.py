"""HTML in, Article out: pure parsing functions.

Nothing here does I/O, reads the clock or imports ``flows`` or ``warehouse``.
"""

from parsers.article import Article, article_id_for, content_hash_for
from parsers.extract import extract
from parsers.profiles import PROFILES, Profile, get_profile
from parsers.urls import host_of, normalize_url

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
