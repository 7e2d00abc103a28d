"""d52's removal reads every registered ``ingest`` deployment, not the server's first page.

Prefect's server answers ``read_deployments`` with at most
``PREFECT_SERVER_API_DEFAULT_LIMIT`` (200) deployments when no limit is given: on a
sources file of more sources, the removed sources whose deployments sorted past the
first page kept their schedules, though README says ``deploy``/``serve`` delete them
(r52b). A fake client with the server's paging stands for Prefect here (a real server
would need 200+ deployments registered).
"""

from __future__ import annotations

import asyncio
import uuid
from types import SimpleNamespace
from typing import Any

import pytest

WHERE = {"sources_file": "/s/sources.toml", "db_path": "/s/w.duckdb"}


class _Client:
    """read_deployments as the server pages it (name order, default limit), delete."""

    def __init__(self, names: list[str], default_limit: int) -> None:
        self.rows = [SimpleNamespace(id=uuid.uuid4(), name=n,
                                     parameters={**WHERE, "source_names": [n]})
                     for n in sorted(names)]
        self.default_limit = default_limit

    async def __aenter__(self) -> _Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def read_deployments(self, *, flow_filter: Any = None, limit: int | None = None,
                               offset: int = 0) -> list[Any]:
        cap = min(limit or self.default_limit, self.default_limit)
        return list(self.rows[offset:offset + cap])

    async def delete_deployment(self, deployment_id: uuid.UUID) -> None:
        self.rows = [r for r in self.rows if r.id != deployment_id]


def test_removed_sources_past_the_servers_first_page_are_deleted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import prefect.client.orchestration as orchestration

    from flows import stale_runs
    from flows.ingest import ingest_flow

    kept = [f"s{i:03d}" for i in range(250)]
    client = _Client([*kept, "a-removed", "zz-removed"], default_limit=200)
    monkeypatch.setattr(orchestration, "get_client", lambda: client)
    ours = [SimpleNamespace(flow_name=ingest_flow.name, name=n,
                            parameters={**WHERE, "source_names": [n]}) for n in kept]
    removed = asyncio.run(stale_runs.drop_removed_sources(ours))
    assert removed == ["ingest/a-removed", "ingest/zz-removed"]
    assert sorted(r.name for r in client.rows) == kept
