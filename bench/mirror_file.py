"""One file of a mirrored repository, read at run time (the snippet benches' source)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def mirror_file(repo: Path, path: str) -> str:
    """``path`` as the mirror's HEAD holds it; one line and exit 1 when it cannot be read."""
    result = subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{path}"], capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"cannot read {path} from {repo}: {result.stderr.strip()[:200]}")
    return result.stdout
