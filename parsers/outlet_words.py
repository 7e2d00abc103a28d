"""Words that name an outlet, not a person (rules as data): the articles that lead an
outlet's name ("The Daily Planet", "Le Monde", "Die Zeit") and the words that name a kind
of outlet ("News", "Times", "Tribune"). Read by ``parsers.author_outlets`` (a site name
that reads as a person's) and ``parsers.byline_with`` (an organisation after "with")."""

from __future__ import annotations

OUTLET_ARTICLES = frozenset(
    {"the", "a", "an", "le", "la", "les", "el", "los", "las", "il", "lo", "gli", "die", "der",
     "das", "de", "het", "o", "os", "as", "den", "det"}
)
OUTLET_WORDS = frozenset(
    {"news", "daily", "times", "post", "journal", "magazine", "blog", "media", "press",
     "review", "weekly", "online", "today", "network", "radio", "tv", "herald", "tribune",
     "gazette", "observer", "chronicle", "insider", "digest", "report", "zeitung", "diario",
     "noticias", "notizie", "gazzetta", "krant", "dagblad", "avis", "tidning", "gazeta",
     "group", "agency", "channel"}
)
