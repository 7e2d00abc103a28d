"""Redaction of secret header values from anything we log or store."""

from __future__ import annotations

from urllib.parse import quote, quote_plus

# The shortest secret (or word of one: the token of ``Bearer <token>``) that is masked:
# a shorter one would mask ordinary text (``t`` made every URL ``h******p://``), so
# flows.runtime refuses a header value whose longest word is shorter (q54).
MIN_SECRET = 8


def redact(text: str, secrets: tuple[tuple[str, str], ...]) -> str:
    """``text`` with every spelling of every secret value replaced by ``***``."""
    for _name, value in secrets:
        for form in secret_forms(value):
            text = text.replace(form, "***")
    return text


def secret_forms(value: str) -> list[str]:
    """The value, its URL-encoded spellings, and the token of ``Bearer <token>``.

    An echoing server may hand the secret back inside a URL (``+`` for space,
    ``%20``); redacting only the literal value would let it through.
    """
    forms = {value, quote(value, safe=""), quote_plus(value)}
    parts = value.split()
    if len(parts) > 1:
        forms.update(p for p in parts if len(p) >= MIN_SECRET)
    # Longest first, so a whole value is replaced before one of its parts.
    return sorted((f for f in forms if f), key=len, reverse=True)


def too_short(value: str) -> bool:
    """True when no word of ``value`` is long enough to be masked on its own."""
    return max(map(len, value.split()), default=0) < MIN_SECRET
