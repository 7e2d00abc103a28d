"""lead54 (issue 17, on d54): a date label in another language is a date label.

d54 made a date after "Label: " the page's own only when the label is a date label
(``date_pieces.LABEL_WORDS``), so that an event's date ("Kick-off: 16 Nov 2019") no longer
outvotes a declared day printed nowhere. The list held English, German, French, Spanish,
Italian, Dutch and Polish publication words only: "Datum: 16.11.2019" over a page whose
declared day is a build stamp lost to the stamp, as an event's date would.

Category "a date label in the languages whose months the date words read": the words for
"date" and "published" in those languages.
"""

from __future__ import annotations

import pytest

from tests.parsers.published_day import story_day

# Each fails without lead54's words (after d54, 5d0fd23): the meta's 13th wins.
LABELS = [
    "Datum: 16.11.2019",
    "Fecha: 16 de noviembre de 2019",
    "Data: 16 novembre 2019",
    "Yayınlanma: 16 Kasım 2019",
    "Julkaistu: 16. marraskuuta 2019",
    "Publicerad: 16 november 2019",
    "Dátum: 2019. november 16.",
]


@pytest.mark.parametrize("line", LABELS)
def test_a_date_label_of_another_language_is_the_page_s_date(line: str) -> None:
    assert story_day(f"<p>{line}</p>") == 16


def test_an_event_label_still_leaves_the_declared_day() -> None:
    # d54's category holds in another language too: "Anstoß" (kick-off) is no date label.
    assert story_day("<p>Anstoß: 16.11.2019</p>") == 13
