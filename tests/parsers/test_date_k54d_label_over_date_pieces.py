"""k54d (issue 17, review of d54 and lead54): a date label in its own block over the date's pieces.

d54 (98d200d): in the build-stamp branch (declared published = modified, printed nowhere) the
header's earlier date counts only when the first line printing it is a date line or a
byline's date part (``date_printed.printed_as_date_line``), read over ``join_date_pieces``'s
lines. lead54 (65faf47) added "Datum", "Data", "Fecha", "Tarih" ... to
``date_pieces.LABEL_WORDS``, so a label in its own block over a calendar leaf ("Datum" over
"16" over "Nov" over "2019") is now joined to the pieces: "Datum 16 Nov 2019", a line
``is_date_line`` does not know (its date words are English and Russian), and the build stamp
won. "Veröffentlicht" over the pieces lost the same way since d54.

Category "a date label over a date's pieces": a joined line of only date labels and pieces
(``date_pieces.is_date_label``) is a date line. An event's label over the pieces is no piece
and is not joined.
"""

from __future__ import annotations

import pytest

from tests.parsers.published_day import story_day


def _day(blocks: list[str]) -> int | None:
    return story_day("".join(f"<div>{b}</div>" for b in blocks), build_stamp=True)


# Each fails on main c51da36 (the stamp's 20th); the first four passed before lead54 (b97d19f).
LABELLED = [
    ["Datum", "16", "Nov", "2019"],
    ["Data", "16", "November 2019"],
    ["Fecha", "16 de noviembre", "2019"],
    ["Tarih", "16 Kasım", "2019"],
    ["Veröffentlicht", "16", "Nov", "2019"],
]


@pytest.mark.parametrize("blocks", LABELLED)
def test_a_label_over_the_pieces_is_a_date_line(blocks: list[str]) -> None:
    assert _day(blocks) == 16


# Guards (hold on main): the leaf alone, an English label over it.
LEAVES = [["16", "Nov", "2019"], ["Date", "16", "Nov", "2019"], ["Published", "16", "Nov", "2019"]]


@pytest.mark.parametrize("blocks", LEAVES)
def test_the_pieces_without_or_with_an_english_label(blocks: list[str]) -> None:
    assert _day(blocks) == 16
