"""Two made-up council stories shared by the body tests: a tram plan in English and in German."""

from __future__ import annotations

TRAM_URL = "https://news.example.org/2024/05/02/tram-plan/"
TRAM_STORY = [
    "The city council on Monday approved a five-year plan that adds three tram lines to the "
    "eastern districts, after a debate that ran late into the night and split both parties.",
    "The plan also replaces the entire bus fleet with electric buses by 2028, officials said, "
    "and sets aside money for two new depots on land the city bought from the railway.",
    "Opposition members said the cost estimates were too optimistic and asked the state "
    "auditor to review them before the first contracts are signed later this year.",
    "Construction of the first line is due to start next spring, after a last round of "
    "consultation with the residents and shop owners along the planned route.",
]

STADTRAT_URL = "https://nachrichten.example.de/2024/05/02/stadtrat-strassenbahn/"
STADTRAT_STORY = [
    "Der Stadtrat hat am Montag einen Fünfjahresplan beschlossen, der drei neue "
    "Straßenbahnlinien in den Osten der Stadt bringt.",
    "Der Plan sieht außerdem vor, die gesamte Busflotte bis 2028 auf elektrische Busse "
    "umzustellen, teilten die Verantwortlichen mit.",
    "Die Opposition hält die Kostenschätzung für zu optimistisch und verlangt eine "
    "unabhängige Prüfung durch den Rechnungshof.",
    "Der Bau der ersten Linie soll im kommenden Frühjahr nach einer letzten Anhörung der "
    "Anwohner beginnen.",
]


def page(inner: str, title: str = "Council approves tram plan") -> str:
    """A story page: the title, an ``<h1>`` and ``inner`` as the article's body."""
    return (
        f"<html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1><div class='article-body'>{inner}</div>"
        "</article></body></html>"
    )


def paragraphs(lines: list[str]) -> str:
    """Each line its own ``<p>``."""
    return "".join(f"<p>{line}</p>" for line in lines)
