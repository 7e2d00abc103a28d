"""`pressroom stories` with numbers past what the warehouse can take (review of issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analyst.conftest import CliRunner


@pytest.mark.parametrize("option", ["--limit", "--min-sources"])
def test_a_number_too_large_is_a_usage_error(db: Path, cli: CliRunner, option: str) -> None:
    proc = cli("stories", "--db", str(db), option, str(2**63))
    assert proc.returncode == 2, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert option in last and "at most" in last and "Traceback" not in proc.stderr
    # The largest number taken still works.
    assert cli("stories", "--db", str(db), option, str(2**63 - 1)).returncode == 0
