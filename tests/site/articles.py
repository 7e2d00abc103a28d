"""The article pages of the fixture press site and what a correct crawl and parse gives.

BelTA-style pages (source "belta"), generic pages (source "fixture", one per way of
declaring title, date and encoding) and the fault routes that serve an article late or never.
"""

from __future__ import annotations

from tests.site.layout import (
    ATOM,
    BELTA_RSS,
    BELTA_SITEMAP,
    RDF,
    RSS,
    SITEMAP_NEWS,
    SITEMAP_PAGES,
    SPECIAL,
)
from tests.site.specs import BASE_PLACEHOLDER, ArticleSpec, Link

_B1 = "belarus-sponsored-resolution-against-human-trafficking-adopted-by-un-125887-2019"

ARTICLES: tuple[ArticleSpec, ...] = (
    # BelTA-style pages (source "belta", profile "belta").
    ArticleSpec(
        key="belta_un_trafficking",
        path=f"/politics/view/{_B1}/",
        file="belta_un_trafficking.html",
        title="Belarus-sponsored resolution against human trafficking adopted by UN",
        published="2019-11-16T10:45:00+03:00",
        first_sentence=(
            "MINSK, 16 November (BelTA) - On 15 November, the Third Committee of the 74th "
            "session of the UN General Assembly adopted, by consensus, the resolution "
            "“Improving the coordination of efforts against trafficking in persons” initiated "
            "by the Republic of Belarus, BelTA learned from the press service of the "
            "Belarusian Ministry of Foreign Affairs."
        ),
        source="belta",
        paragraphs=10,
        dateline="MINSK, 16 November (BelTA) - ",
        dateline_place="MINSK",
        dateline_agency="BelTA",
        tags=("UN", "Human trafficking"),
        section="Politics",
        canonical=f"https://eng.belta.by/politics/view/{_B1}/",
        links=(Link(BELTA_RSS, "?utm_source=rss&utm_medium=feed"), Link(BELTA_SITEMAP)),
        listing_page=1,
    ),
    ArticleSpec(
        key="belta_uzbekistan_education",
        path=(
            "/politics/view/belarus-uzbekistan-discuss-cooperation-in-education-and-science"
            "-128745-2020/"
        ),
        file="belta_uzbekistan_education.html",
        title="Belarus, Uzbekistan discuss cooperation in education and science",
        published="2020-03-03T12:15:00+03:00",
        first_sentence=(
            "MINSK, 3 March (BelTA) – Belarus and Uzbekistan discussed prospects for "
            "cooperation in education and science during consultations held in Minsk, BelTA "
            "learned from the press service of the Belarusian Foreign Ministry."
        ),
        source="belta",
        paragraphs=3,
        dateline="MINSK, 3 March (BelTA) – ",
        dateline_place="MINSK",
        dateline_agency="BelTA",
        tags=("Uzbekistan", "Education"),
        section="Politics",
        canonical=(
            "https://eng.belta.by/politics/view/belarus-uzbekistan-discuss-cooperation-in-"
            "education-and-science-128745-2020/"
        ),
        links=(Link(BELTA_RSS), Link(BELTA_SITEMAP)),
        listing_page=1,
    ),
    ArticleSpec(
        key="belta_hockey_tournament",
        path="/president/view/minsk-hosts-youth-ice-hockey-tournament-for-presidents-prize-125850-2019/",
        file="belta_hockey_tournament.html",
        title="Minsk hosts youth ice hockey tournament for President's Prize",
        published="2019-11-15T18:20:00+03:00",
        first_sentence=(
            "MINSK, 15 November (BelTA) - Sixteen youth teams from all regions of the country "
            "will compete in the ice hockey tournament for the President's Prize that opened "
            "in Minsk today."
        ),
        source="belta",
        paragraphs=3,
        dateline="MINSK, 15 November (BelTA) - ",
        dateline_place="MINSK",
        dateline_agency="BelTA",
        tags=("Sport", "Ice hockey"),
        section="President",
        canonical=(
            "https://eng.belta.by/president/view/minsk-hosts-youth-ice-hockey-tournament-"
            "for-presidents-prize-125850-2019/"
        ),
        links=(Link(BELTA_RSS), Link(BELTA_SITEMAP)),
        listing_page=2,
    ),
    ArticleSpec(
        key="belta_dairy_exports",
        path="/economics/view/belarus-dairy-exports-up-in-january-october-2019-125790-2019/",
        file="belta_dairy_exports.html",
        title="Belarus' dairy exports up in January-October 2019",
        published="2019-11-14T09:05:00+03:00",
        first_sentence=(
            "GRODNO, 14 November (BelTA) - Belarus increased exports of dairy products in "
            "January-October 2019, BelTA learned from the Agriculture and Food Ministry."
        ),
        source="belta",
        paragraphs=3,
        dateline="GRODNO, 14 November (BelTA) - ",
        dateline_place="GRODNO",
        dateline_agency="BelTA",
        tags=("Agriculture", "Exports"),
        section="Economics",
        canonical=(
            "https://eng.belta.by/economics/view/belarus-dairy-exports-up-in-january-"
            "october-2019-125790-2019/"
        ),
        links=(Link(BELTA_SITEMAP),),
        listing_page=2,
    ),
    ArticleSpec(
        key="belta_rare_books",
        path="/society/view/national-library-opens-exhibition-of-rare-books-125702-2019/",
        file="belta_rare_books.html",
        title="National Library opens exhibition of rare books",
        published="2019-11-12T20:40:00+03:00",
        first_sentence=(
            "MINSK, 12 November (BelTA) - The National Library of Belarus has opened an "
            "exhibition of rare books printed in the 16th-18th centuries."
        ),
        source="belta",
        paragraphs=2,
        dateline="MINSK, 12 November (BelTA) - ",
        dateline_place="MINSK",
        dateline_agency="BelTA",
        tags=("Culture",),
        section="Society",
        canonical=(
            "https://eng.belta.by/society/view/national-library-opens-exhibition-of-rare-"
            "books-125702-2019/"
        ),
        links=(),
        listing_page=3,
    ),
    # Generic pages (source "fixture", no profile).
    ArticleSpec(
        key="og_transport_plan",
        path="/news/2019/11/18/city-council-approves-transport-plan/",
        file="og_transport_plan.html",
        title="City council approves new public transport plan",
        published="2019-11-18T09:30:00+01:00",
        first_sentence=(
            "RIGA, 18 November (PRW) - The city council on Monday approved a five-year plan "
            "that adds three tram lines and replaces the entire bus fleet."
        ),
        source="fixture",
        paragraphs=3,
        dateline="RIGA, 18 November (PRW) - ",
        dateline_place="RIGA",
        dateline_agency="PRW",
        authors=("Anna Novak",),
        section="Cities",
        canonical=f"{BASE_PLACEHOLDER}/news/2019/11/18/city-council-approves-transport-plan/",
        links=(
            Link(RSS, "?utm_source=rss&utm_medium=feed"),
            Link(ATOM, "#comments"),
            Link(RDF),
            Link(SITEMAP_NEWS),
        ),
    ),
    ArticleSpec(
        key="time_port_expansion",
        path="/news/2019/11/19/port-expansion-enters-second-phase.html",
        file="time_port_expansion.html",
        title="Port expansion enters second phase",
        published="2019-11-19T14:05:00+00:00",
        first_sentence=(
            "Work on the second phase of the container port expansion began on Tuesday, "
            "the port authority said."
        ),
        source="fixture",
        paragraphs=3,
        links=(Link(RSS), Link(ATOM), Link(SITEMAP_NEWS)),
    ),
    ArticleSpec(
        key="jsonld_wind_farm",
        path="/stories/2019/11/20/wind-farm-tender-draws-bids",
        file="jsonld_wind_farm.html",
        title="Offshore wind farm tender draws record number of bids",
        published="2019-11-20T08:00:00-05:00",
        first_sentence=(
            "Eleven consortia have submitted bids in the tender for the offshore wind farm, "
            "the energy agency announced on Wednesday."
        ),
        source="fixture",
        paragraphs=3,
        authors=("Maria Lopez",),
        links=(Link(ATOM), Link(SITEMAP_NEWS)),
    ),
    ArticleSpec(
        key="bare_harbour_festival",
        path="/archive/harbour-festival.html",
        file="bare_harbour_festival.html",
        title="Harbour festival returns after renovation works",
        published="2019-11-21T17:10:00+03:00",
        first_sentence=(
            "The harbour festival will return next summer after two years of renovation "
            "works on the waterfront, the organisers said."
        ),
        source="fixture",
        paragraphs=3,
        links=(Link(RDF), Link(SITEMAP_PAGES)),
    ),
    ArticleSpec(
        key="un_gashc4283",
        path="/en/2019/gashc4283.doc.htm",
        file="un_gashc4283.html",
        title=(
            "Third Committee Approves Seven Draft Resolutions, Including Text on "
            "Trafficking in Persons"
        ),
        published="2019-11-15T00:00:00+03:00",
        date_only=True,
        first_sentence=(
            "UNITED NATIONS, 15 November – The Third Committee (Social, Humanitarian and "
            "Cultural) approved seven draft resolutions today, including a text on improving "
            "the coordination of efforts against trafficking in persons."
        ),
        source="fixture",
        # The closing "For information media. Not an official record." line counts:
        # the generic extractor keeps it, only the un_press profile drops it.
        paragraphs=4,
        dateline="UNITED NATIONS, 15 November – ",
        dateline_place="UNITED NATIONS",
        links=(Link(RDF), Link(SITEMAP_PAGES)),
    ),
    ArticleSpec(
        key="mfa_cp1251_meta",
        path="/en/press/news_mfa/d1a2b3c4.html",
        file="mfa_cp1251_meta.html",
        title="О принятии резолюции Третьего комитета Генеральной Ассамблеи ООН",
        published="2019-11-16T12:30:00+03:00",
        first_sentence=(
            "15 ноября в Нью-Йорке Третий комитет 74-й сессии Генеральной Ассамблеи ООН "
            "консенсусом принял резолюцию «Совершенствование координации усилий по борьбе "
            "с торговлей людьми», инициированную Республикой Беларусь."
        ),
        source="fixture",
        paragraphs=3,
        encoding="windows-1251",
        content_type="text/html",
        language="ru",
        links=(Link(RSS), Link(SITEMAP_NEWS)),
    ),
    ArticleSpec(
        key="mfa_cp1251_header",
        path="/en/press/news_mfa/e5f6a7b8.html",
        file="mfa_cp1251_header.html",
        title="О проведении выездного консульского приёма",
        published="2019-11-25T10:00:00+03:00",
        first_sentence=(
            "Посольство Республики Беларусь информирует о проведении выездного консульского "
            "приёма 2 декабря 2019 г. — приём ведётся по предварительной записи."
        ),
        source="fixture",
        paragraphs=2,
        encoding="windows-1251",
        content_type="text/html; charset=windows-1251",
        language="ru",
        links=(Link(RSS), Link(SITEMAP_NEWS)),
    ),
    # Fault routes that eventually (or never) serve an article.
    ArticleSpec(
        key="flaky",
        path=SPECIAL.flaky,
        file="flaky.html",
        title="Flaky server recovers on second attempt",
        published="2019-11-22T11:00:00+03:00",
        first_sentence="This story is served only after the first request fails with 500.",
        source="fixture",
        paragraphs=2,
        links=(Link(RSS),),
        route="flaky",
    ),
    ArticleSpec(
        key="busy",
        path=SPECIAL.busy,
        file="busy.html",
        title="Busy server asks clients to retry later",
        published="2019-11-22T12:00:00+03:00",
        first_sentence="This story is served only after a 429 answer with Retry-After: 1.",
        source="fixture",
        paragraphs=2,
        links=(Link(RSS),),
        route="busy",
    ),
    ArticleSpec(
        key="slow",
        path=SPECIAL.slow,
        file="slow.html",
        title="Slow server keeps clients waiting",
        published="2019-11-22T13:00:00+03:00",
        first_sentence="This story is sent only after the configured delay has passed.",
        source="fixture",
        paragraphs=2,
        links=(Link(RSS),),
        route="slow",
    ),
    ArticleSpec(
        key="private",
        path=SPECIAL.private,
        file="private.html",
        title="Private page that robots.txt forbids",
        published="2019-11-22T14:00:00+03:00",
        first_sentence="A polite crawler never fetches this page.",
        source="fixture",
        paragraphs=2,
        links=(Link(ATOM),),
        route="private",
    ),
)

GONE_LINKS: tuple[Link, ...] = (Link(RSS),)
"""Feeds that list ``SPECIAL.gone`` (which answers 404)."""
GONE_TITLE = "Story that was taken down"
