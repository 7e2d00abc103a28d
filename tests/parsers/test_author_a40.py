"""Authors on unseen pages (a40, issue 17): an analytics vendor's author key, and CJK names
in a byline element. The pages are made up; the forms are those of the fourth set's
japan.zdnet.com (cXense's key), japan.cnet.com and qdaily.com (the names)."""

from __future__ import annotations

import pytest

from parsers.author_cjk import is_cjk_name
from tests.parsers.budget_story import budget_authors


@pytest.mark.parametrize("attr", ["name", "property"])
def test_the_cxense_author_key_names_the_writer(attr: str) -> None:
    # Category "an analytics vendor's author key": cXense reads the writer from
    # "cXenseParse:author" (dev, the fourth and the fifth set). Fails without the key in
    # metadata.AUTHOR_KEYS: ().
    head = f"<meta {attr}='cXenseParse:author' content='Jane Doe'>"
    assert budget_authors("", head) == ("Jane Doe",)


def test_a_standard_author_key_comes_before_cxenses() -> None:
    # The vendor key is last: it names someone only where no standard key does.
    head = (
        "<meta name='cXenseParse:author' content='Example Staff'>"
        "<meta name='author' content='Jane Doe'>"
    )
    assert budget_authors("", head) == ("Jane Doe",)


@pytest.mark.parametrize(
    ("byline", "want"),
    [
        # japan.cnet.com's shape: the name alone in a writer element, the date beside it.
        (
            "<div class='meta'><span class='writer'>松村太郎</span>"
            "<span class='date'>2019年04月13日 09時00分</span></div>",
            ("松村太郎",),
        ),
        # qdaily.com's shape: the name, the time and a count in one author box.
        (
            "<div class='author'><span class='name'>谢若含</span>"
            "<span class='date'>2017-03-01 14:27:02</span><span>74</span></div>",
            ("谢若含",),
        ),
        (
            "<div class='byline'><span>신현주</span><span>2026.01.29</span></div>",
            ("신현주",),
        ),
    ],
)
def test_a_cjk_name_in_a_byline_element_is_the_writer(byline: str, want: tuple[str]) -> None:
    # Category "a CJK name in a byline element": written without spaces or capitals, the
    # name fails looks_like_person. Fails without author_cjk.is_cjk_name (a40: author_names) in
    # author_elements.names_from_strings: ().
    assert budget_authors(byline, lang="ja") == want


@pytest.mark.parametrize("word", ["记者", "編集部", "기자"])
def test_a_cjk_role_word_is_no_name(word: str) -> None:
    assert not is_cjk_name(word)
    assert budget_authors(f"<div class='author'><span>{word}</span></div>", lang="ja") == ()


@pytest.mark.parametrize("text", ["松", "松村太郎松村太郎", "Jane", "ASCII編集部"])
def test_a_cjk_name_is_two_to_four_characters_of_one_script(text: str) -> None:
    assert not is_cjk_name(text)
