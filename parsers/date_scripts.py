"""Publication dates a page declares only where the tree does not look: scripts, comments.

The pruned markup the tree is built from has no scripts (other than JSON-LD) and no
comments, so these are read from the page's text before pruning, and only when asked:
most pages never need them (``PageScripts`` reads each kind at most once).

- Category "script config dates": CMS and analytics configs written as JavaScript
  carry the story's date under a publication key, quoted, in ISO form: SimpleReach's
  ``__reach_config = {date: '2013-05-11 14:37:49 UTC'}`` (msnbc.com's blogs, which
  print only "9:42 AM on 10/07/2012"), WordPress's ``post: {"post_date": "2012-08-09
  13:12:51"}``, ``window.__INITIAL_STATE__ = {..."datePublished":"..."}``. Keys for
  updates (``dateModified``, ``post_modified``) are not read.
- Category "Google PageMap": Google Custom Search's ``<PageMap>`` block, which sites
  (TechCrunch's WordPress VIP theme) put inside an HTML comment in the head:
  ``<DataObject type="document"><Attribute name="post_date">Monday, November 12th,
  2012</Attribute>``.
"""

from __future__ import annotations

import re

# A publication key (not a ``data-date`` attribute: the tree reads those), ``:`` or
# ``=``, then a quoted ISO date (time and zone optional).
SCRIPT_DATE_RE = re.compile(
    r"""(?<![\w.-])["']?(?:date|datePublished|date_published|publishDate|publish_date|publishedDate"""
    r"""|published_date|pubDate|pub_date|post_date|publishedAt|published_at|publicationDate"""
    r"""|firstPublished|first_published_at)["']?\s*[:=]\s*(["'])"""
    r"""(\d{4}-\d{2}-\d{2}"""
    r"""(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?UTC|Z|[+-]\d{2}:?\d{2})?)?)\1"""
)
# Script dates read per page: the story's config comes early; later ones are widgets'.
MAX_SCRIPT_DATES = 5
# Where a PageMap's document dates sit, and how far into the page it may start.
PAGEMAP_MARK = "<PageMap>"
PAGEMAP_END = "</PageMap>"
PAGEMAP_DATE_RE = re.compile(
    r"""<Attribute\s+name=["'](?:post_date|date|published|pubdate|datepublished)["']\s*>"""
    r"""\s*([^<]{6,60}?)\s*</Attribute>""",
    re.IGNORECASE,
)


class PageScripts:
    """The dates a page's scripts and PageMap comment declare, read on first use."""

    def __init__(self, raw: str) -> None:
        self._raw = raw
        self._scripts: list[str] | None = None
        self._pagemap: list[str] | None = None

    def script_dates(self) -> list[str]:
        """Category "script config dates": the first ISO dates under a publication key."""
        if self._scripts is None:
            found: list[str] = []
            for match in SCRIPT_DATE_RE.finditer(self._raw):
                found.append(match.group(2))
                if len(found) == MAX_SCRIPT_DATES:
                    break
            self._scripts = found
        return self._scripts

    def pagemap_dates(self) -> list[str]:
        """Category "Google PageMap": the document's date attributes, in page order."""
        if self._pagemap is None:
            start = self._raw.find(PAGEMAP_MARK)
            end = self._raw.find(PAGEMAP_END, start) if start >= 0 else -1
            block = self._raw[start:end] if end > start else ""
            self._pagemap = [m.group(1) for m in PAGEMAP_DATE_RE.finditer(block)]
        return self._pagemap
