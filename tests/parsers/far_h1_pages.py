"""A release page whose only ``<h1>`` sits in a hero far above the story (k57's and t58's tests)."""

from __future__ import annotations


def far_h1_page(h1: str, og: str, story: str) -> str:
    """``h1`` in a hero, 16 menu blocks, then ``story``; ``og`` as og:title and <title>."""
    menu = "".join(f"<div><a href='/s{i}'>Section {i} of the site</a></div>" for i in range(16))
    return (
        f"<html><head><title>{og} | Agency Example</title>"
        f'<meta property="og:title" content="{og}">'
        "<meta property='og:site_name' content='Agency Example'></head><body>"
        f"<div class='hero'><h1>{h1}</h1></div>{menu}<article>{story}</article></body></html>"
    )
