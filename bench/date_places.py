"""Where on a page a given day is written: the places ``bench/date_census.py`` sorts misses by.

``places(html, url, day)`` lists, in this order and each once, the places that spell
``day`` (``YYYY-MM-DD``):

- ``url <spelling>``: the page's address;
- ``meta[<key>]``: a ``<meta>`` tag's ``content`` (key: its ``name``, ``property``,
  ``itemprop`` or ``http-equiv``, lower-cased);
- ``jsonld:<key>``: a JSON-LD script's string value under that key;
- ``script:<key>``: another script's quoted value under that key, or ``script epoch``;
- ``<tag>@<attribute>``: another element's attribute (``time@datetime``, ``span@data-ts``);
- ``text <spelling>``: visible text, by spelling: ``iso``, ``compact``, ``d.m.y``,
  ``numeric 2-digit year``, ``cjk``, ``month word '<word>'`` (the word as the page writes
  it, lower-cased, so the language shows), ``<time> text`` when inside a ``<time>`` tag.

Bench code only (a census, not the parser): a spelling is a pattern of the day's numbers,
so a number that only looks like the day (a price, a count) may be listed; the census is
read by eye.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from lxml import etree
from lxml import html as lxml_html

KEY_VALUE_RE = re.compile(r'"([@\w:.-]{1,40})"\s*:\s*"([^"]{1,120})"')
EPOCH_RE = re.compile(r"(?<!\d)(1\d{9})(\d{3})?(?!\d)")
NAME_KEYS = ("name", "property", "itemprop", "http-equiv")
SKIPPED_ATTRIBUTES = frozenset({"href", "src", "srcset", "d", "points", "viewbox", "transform"})


def spellings(day: str) -> list[tuple[str, re.Pattern[str]]]:
    """(name, pattern) of every spelling of ``day`` the census looks for."""
    y, m, d = day.split("-")
    mm, dd = int(m), int(d)
    m_ = rf"0?{mm}" if mm < 10 else m
    d_ = rf"0?{dd}" if dd < 10 else d
    yy = y[2:]
    no = r"(?<![\d])"
    end = r"(?![\d])"
    word = r"([^\W\d_]{3,}\.?)"
    return [
        ("iso", re.compile(rf"{no}{y}[-/.]{m_}[-/.]{d_}{end}")),
        ("compact", re.compile(rf"{no}{y}{m}{d}{end}")),
        ("cjk", re.compile(rf"{y}\s*[年년]\s*{m_}\s*[月월]\s*{d_}\s*[日일]?")),
        ("d.m.y", re.compile(rf"{no}{d_}\s?[./-]\s?{m_}\s?[./-]\s?{y}{end}")),
        ("m/d/y", re.compile(rf"{no}{m_}\s?[./-]\s?{d_}\s?[./-]\s?{y}{end}")),
        ("numeric 2-digit year", re.compile(
            rf"{no}(?:{d_}[./-]{m_}|{m_}[./-]{d_})[./-]{yy}{end}|{no}{yy}[./-]{m_}[./-]{d_}{end}")),
        ("month word", re.compile(
            rf"{no}{d_}(?:st|nd|rd|th|er|º|\.)?\s*(?:de\s+)?{word},?\s*(?:de\s+)?{y}{end}"
            rf"|{word}\s+{d_}(?:st|nd|rd|th)?,?\s+{y}{end}", re.IGNORECASE)),
    ]


def _spelled(text: str, rules: list[tuple[str, re.Pattern[str]]]) -> str | None:
    for name, pattern in rules:
        found = pattern.search(text)
        if found:
            if name == "month word":
                return f"month word '{(found.group(1) or found.group(2)).casefold()}'"
            return name
    return None


def _epoch_day(text: str, day: str) -> bool:
    """Whether a Unix time in ``text`` falls within 14 hours of ``day``'s UTC span."""
    start = datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC)
    for found in EPOCH_RE.finditer(text):
        when = datetime.fromtimestamp(int(found.group(1)), UTC)
        if start - timedelta(hours=14) <= when < start + timedelta(hours=38):
            return True
    return False


def places(html: str, url: str, day: str) -> list[str]:
    rules = spellings(day)
    found: dict[str, None] = {}
    spelt = _spelled(url, rules)
    if spelt:
        found[f"url {spelt}"] = None
    try:
        root = lxml_html.fromstring(html.encode("utf-8", errors="replace"))
    except (etree.ParserError, ValueError):
        return list(found)
    texts: list[tuple[str, str]] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "meta":
            key = next((element.get(k) for k in NAME_KEYS if element.get(k)), "?")
            if _spelled(element.get("content") or "", rules):
                found[f"meta[{key.lower()}]"] = None
            continue
        if tag == "script":
            body = element.text or ""
            kind = "jsonld" if "ld+json" in (element.get("type") or "") else "script"
            for key, value in KEY_VALUE_RE.findall(body):
                if _spelled(value, rules):
                    found[f"{kind}:{key}"] = None
            if kind == "script" and _epoch_day(body, day):
                found["script epoch"] = None
            continue
        if tag in ("style", "noscript", "template"):
            continue
        for name, value in element.attrib.items():
            if name.lower() not in SKIPPED_ATTRIBUTES and _spelled(value, rules):
                found[f"{tag}@{name.lower()}"] = None
            elif name.startswith("data-") and _epoch_day(value, day):
                found[f"{tag}@{name.lower()} epoch"] = None
        if element.text and element.text.strip():
            texts.append(("<time> text" if tag == "time" else "text", element.text))
        if element.tail and element.tail.strip():
            texts.append(("text", element.tail))
    for label, body in texts:
        spelt = _spelled(body, rules)
        if spelt:
            found[f"{label} {spelt}"] = None
    # Spellings split over elements ("16" in one span, "November 2019" in the next).
    if not any(k.startswith(("text", "<time>")) for k in found):
        spelt = _spelled(" ".join(root.itertext()), rules)
        if spelt:
            found[f"text (across elements) {spelt}"] = None
    return list(found)
