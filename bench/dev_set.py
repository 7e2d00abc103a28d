"""Where the development set lives: one answer for every bench script.

The shared folder sits beside the checkout (``../shared``), as in CI; a copy of the code
made elsewhere (``git archive`` into /tmp, a helper's scratch tree) names it with
``PRESSROOM_SHARED`` instead of a symlink.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """The read-only shared folder: ``$PRESSROOM_SHARED``, else ``../shared``."""
    named = os.environ.get("PRESSROOM_SHARED")
    return Path(named) if named else ROOT.parent / "shared"


def dev_set() -> Path:
    """The WCXB development split (711 pages, CC-BY-4.0)."""
    return shared_dir() / "datasets" / "wcxb-articles-dev"
