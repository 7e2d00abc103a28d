"""The seed release (BelTA, 16 November 2019), its syndicated copies and look-alikes."""

from __future__ import annotations

from pathlib import Path

# Shared data sits beside the checkout (../shared); /work/shared when checked out elsewhere.
_SHARED = next((p for p in (Path(__file__).resolve().parents[3] / "shared", Path("/work/shared"))
                if p.is_dir()), Path("/work/shared"))
SEED = _SHARED / "seeds" / "000_3e1effd98bd41d56.txt"
TITLE = "Belarus-sponsored resolution against human trafficking adopted by UN"
DATELINE = "MINSK, 16 November (BelTA) - "


def seed_paragraphs() -> list[str]:
    """The release's paragraphs as BelTA printed them (the first carries the dateline)."""
    text = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def copies() -> dict[str, tuple[str, str]]:
    """Four sources' copies, source -> (title, body), as syndication changes them."""
    paras = seed_paragraphs()
    bare = [paras[0].removeprefix(DATELINE), *paras[1:]]
    return {
        # The original, dateline and agency credit included.
        "belta": (TITLE, "\n\n".join(paras)),
        # Mission site: no dateline, headline in title case, last paragraph trimmed.
        "mfa_mission": (TITLE.title(), "\n\n".join(bare[:-1])),
        # AzerNews: its own dateline, a credit line at the end.
        "azernews": (TITLE.upper(), "\n\n".join(
            ["Baku, November 16 (AzerNews) - " + bare[0], *bare[1:], "Source: BelTA"])),
        # MENAFN: wire prefix, last paragraph trimmed, a share line.
        "menafn": (TITLE.lower(), "\n\n".join(
            ["(MENAFN - Belarus News (BelTA)) " + paras[0], *paras[1:-1],
             "Share this article on social media"])),
    }


# Another release about the same resolution, by another ministry: same topic,
# many of the same names, different text.
SAME_TOPIC = "\n\n".join([
    "The Ministry of Internal Affairs of Belarus welcomed the adoption by the Third "
    "Committee of the UN General Assembly of the resolution on the coordination of efforts "
    "against trafficking in persons, saying that its officers will keep working with "
    "partners abroad.",
    "According to the ministry, in the first ten months of the year Belarusian police "
    "identified 112 victims of human trafficking and opened criminal cases against 47 "
    "suspected traffickers, most of them involved in labour exploitation schemes.",
    "Deputy Minister Nikolai Melchenko said that the international training centre for "
    "migration and combating trafficking in human beings in Minsk had trained more than "
    "5,000 specialists from 30 countries since it opened, and that new courses on online "
    "recruitment by traffickers will start next year.",
])
