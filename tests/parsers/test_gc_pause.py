"""The cyclic collector is paused while a page is extracted, and always restored."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from parsers import extract
from parsers.gc_pause import collector_paused
from pressroom.errors import ParseError

PAGE = "<html><body><article><h1>Title</h1><p>" + "Words of the story. " * 20 + "</p></article>"
URL = "https://news.example.org/a/"


@pytest.fixture
def collector_on() -> Iterator[None]:
    """Start each test with the collector on, and leave it on whatever the test did."""
    gc.enable()
    yield
    gc.enable()


def test_block_runs_paused_and_the_collector_is_back_on_after(collector_on: None) -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_is_back_on_after_an_error_in_the_block(collector_on: None) -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off(collector_on: None) -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_end_with_the_collector_on(collector_on: None) -> None:
    # The order two threads could take: the inner pause finds the collector off.
    outer = collector_paused()
    outer.__enter__()
    with collector_paused():
        pass
    assert not gc.isenabled()  # the outer block still runs
    outer.__exit__(None, None, None)
    assert gc.isenabled()


def test_extract_restores_the_collector(collector_on: None) -> None:
    assert extract(PAGE, url=URL).title == "Title"
    assert gc.isenabled()


def test_extract_restores_the_collector_when_the_page_is_refused(collector_on: None) -> None:
    with pytest.raises(ParseError):
        extract("", url=URL)
    assert gc.isenabled()


def test_no_collection_runs_while_a_page_is_extracted(collector_on: None) -> None:
    # Thousands of tags: with the collector on, this allocates enough to set off
    # dozens of automatic collections.
    items = "".join(f"<li><a href='/n/{i}'>Link {i}</a> <i>note</i></li>" for i in range(3000))
    page = PAGE.replace("</article>", f"<ul>{items}</ul></article>")
    runs: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            runs.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        extract(page, url=URL)
    finally:
        gc.callbacks.remove(count)
    # One young collection may run right after, when the collector is back on: the
    # walk over the finished page that the pause leaves for later.
    assert runs in ([], [0])



def test_a_pause_that_finds_the_collector_off_never_turns_it_off(
    collector_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The race between two threads, made to happen: block Y checks the collector
    # while block X holds it paused, and X ends right after Y's check. Had Y turned
    # the collector off then, nobody would turn it back on.
    outer = collector_paused()
    outer.__enter__()
    check = gc.isenabled

    def check_then_outer_ends() -> bool:
        state = check()
        outer.__exit__(None, None, None)
        return state

    monkeypatch.setattr(gc, "isenabled", check_then_outer_ends)
    with collector_paused():
        pass
    monkeypatch.undo()
    assert gc.isenabled()
