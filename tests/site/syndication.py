"""The seed BelTA release as three other sites carry it, served by a running ``PressSite``.

``install(site)`` adds, for each of ``mfa_mission``, ``azernews`` and ``menafn``, a
page with that site's own chrome (navigation, "most read" sidebar, share bar,
footer), the headline in another case, the agency credit dropped or added and
the last paragraph trimmed, plus an RSS feed listing it. The mission and
AzerNews feeds also list the same short notice (under 50 words). BelTA's own
copy is the fixture site's ``belta`` source. ``sources_toml`` gives the
``[[source]]`` blocks for the three sites.
"""

from __future__ import annotations

import html
import json

from tests.site.server import PressSite
from tests.warehouse.storytext import DATELINE, TITLE, seed_paragraphs

SITES = ("mfa_mission", "azernews", "menafn")
SHORT_NOTICE = ("The embassy will be closed on Monday, 18 November, for a national holiday. "
                "Consular appointments move to Tuesday.")

_CHROME = {
    "mfa_mission": ("Permanent Mission of Belarus to the UN",
                    ["About the Mission", "Statements", "Press releases", "Contacts"]),
    "azernews": ("AzerNews", ["Politics", "Business", "Region", "Analysis", "Sports"]),
    "menafn": ("MENAFN", ["Markets", "Press Releases", "Newswire", "Tenders", "Jobs"]),
}
_MOST_READ = [
    "Azerbaijan, Belarus discuss trade cooperation at intergovernmental commission",
    "Oil prices rise on hopes for trade deal between major economies",
    "New cargo terminal opens at the regional airport ahead of schedule",
]


def _body(site: str) -> tuple[str, list[str]]:
    paras = seed_paragraphs()
    bare = [paras[0].removeprefix(DATELINE), *paras[1:-1]]  # last paragraph trimmed
    if site == "mfa_mission":
        return TITLE.title(), bare  # no dateline, no credit
    if site == "azernews":
        return TITLE.upper(), [*bare, "Source: BelTA"]  # credit line added
    return TITLE.lower(), ["(MENAFN - Belarus News (BelTA)) " + paras[0], *paras[1:-1]]


def page(site: str, title: str, paragraphs: list[str], published: str) -> bytes:
    """An article page in ``site``'s chrome."""
    name, nav = _CHROME[site]
    links = "".join(f'<li><a href="/{site}/{n.lower().replace(" ", "-")}/">{n}</a></li>'
                    for n in nav)
    side = "".join(f'<li><a href="/{site}/read/{i}/">{html.escape(t)}</a></li>'
                   for i, t in enumerate(_MOST_READ))
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | {name}</title>
<meta property="article:published_time" content="{published}"></head><body>
<header><div class="logo">{name}</div><nav><ul>{links}</ul></nav></header>
<main><article><h1>{html.escape(title)}</h1><time datetime="{published}">{published[:10]}</time>
<div class="share">Share: Facebook Twitter Telegram</div>
<div class="article-body">{body}</div></article>
<aside><h3>Most read</h3><ul>{side}</ul></aside></main>
<footer><p>© 2019 {name}. All rights reserved. Reproduction only with a link.</p></footer>
</body></html>""".encode()


def _rss(site: str, base: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{base}{path}</link>"
        f"<pubDate>{date}</pubDate></item>" for t, path, date in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{_CHROME[site][0]}</title><link>{base}/{site}/</link>"
            f"{entries}</channel></rss>").encode()


def install(site: PressSite) -> None:
    """Serve the three copies, the short notices and one feed per site."""
    base = site.url.rstrip("/")
    for n, name in enumerate(SITES):
        title, paras = _body(name)
        published = f"2019-11-16T1{2 + n}:00:00+03:00"
        path = f"/{name}/news/un-trafficking-resolution-{n}.html"
        site.set_page(path, page(name, title, paras, published))
        items = [(title, path, f"Sat, 16 Nov 2019 1{2 + n}:00:00 +0300")]
        if name != "menafn":
            short = f"/{name}/news/holiday-notice.html"
            site.set_page(short, page(name, "Embassy closed on Monday", [SHORT_NOTICE],
                                      "2019-11-17T09:00:00+03:00"))
            items.append(("Embassy closed on Monday", short, "Sun, 17 Nov 2019 09:00:00 +0300"))
        site.set_page(f"/{name}/rss.xml", _rss(name, base, items),
                      "application/rss+xml; charset=utf-8")


def sources_toml(site: PressSite) -> str:
    """``[[source]]`` blocks for the three sites on ``site``."""
    base = site.url.rstrip("/")
    return "\n".join(
        f'[[source]]\nname = "{name}"\nfeeds = {json.dumps([f"{base}/{name}/rss.xml"])}\n'
        'timezone = "Europe/Minsk"\nallow_private_network = true\nmin_delay = 0.0\n'
        "timeout = 2.0\n" for name in SITES)
