"""``pressroom deploy --pool NAME``: the deployments of ``serve``, on a work pool.

The deployments are the ones ``serve`` runs in its own process (one per
enabled source, on its cron and timezone, plus the manual ``ingest/all``);
here they are registered with a Prefect *process* work pool instead, so that
``pressroom worker --pool NAME`` on any number of hosts runs them. Runs from a
pool coordinate through Prefect global limits (``cluster=True``, see
:mod:`flows.concurrency`), which this command also creates.

Every worker host must see the sources file and the warehouse at the paths
given here (a shared mount, or for a DuckLake the catalog server and the data
path), and reach ``PREFECT_API_URL``. The deployments' parameters name the
warehouse (:func:`warehouse.lake.deployment_parameters`): never a password.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from flows.config import SourceConfig, check_selectors, load_sources
from flows.runtime import check_secrets
from pressroom.errors import ConfigError, PrefectUnavailable
from warehouse.lake import Target, absolute, deployment_parameters, prepare_for_workers

POOL_TYPE = "process"


def build_deployments(sources_file: Path, db: Target, *, cluster: bool = False) -> list[Any]:
    """One ``RunnerDeployment`` per enabled source (its cron and timezone) plus ``all``."""
    from prefect.deployments.runner import EntrypointType  # type: ignore[attr-defined]
    from prefect.schedules import Cron

    from flows.ingest import ingest_flow

    sources = load_sources(sources_file)
    common = where_parameters(sources_file, db)
    if cluster:
        common["cluster"] = True
    deployments = [
        ingest_flow.to_deployment(
            name=source.name,
            schedule=Cron(source.schedule, timezone=source.timezone),
            parameters={**common, "source_names": [source.name]},
            concurrency_limit=1,  # a source never overlaps itself
            entrypoint_type=EntrypointType.MODULE_PATH,
            description=f"Ingest {source.name} on {source.schedule} ({source.timezone})",
        )
        for source in sources if source.enabled
    ]
    deployments.append(ingest_flow.to_deployment(
        name="all", parameters=common, concurrency_limit=1,
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="Manual trigger: every enabled source once",
    ))
    return deployments


def where_parameters(sources_file: Path, db: Target) -> dict[str, Any]:
    """The parameters naming the sources file and warehouse, as every deployment has them
    (flows/stale_runs.py compares them)."""
    return {"sources_file": absolute(sources_file),  # a link stays, and link/.. (o56)
            **deployment_parameters(db)}


async def retire(sources: Sequence[SourceConfig], sources_file: Path, db: Target) -> None:
    """Pause the deployments of this file's disabled sources, delete those of sources
    taken out of it (flows/stale_runs.py); every source disabled included."""
    from flows.owners import where_of
    from flows.stale_runs import retire_sources

    await retire_sources(where_of(where_parameters(sources_file, db)),
                         [s.name for s in sources if s.enabled],
                         [s.name for s in sources if not s.enabled])


def _index_deployment(db: Target) -> Any:
    """``index/all``: the search index, rebuilt by one host at a time (flows/steps.py)."""
    from prefect.deployments.runner import EntrypointType  # type: ignore[attr-defined]

    from flows.steps import index_flow

    return index_flow.to_deployment(
        name="all", parameters={**deployment_parameters(db), "cluster": True},
        concurrency_limit=1, entrypoint_type=EntrypointType.MODULE_PATH,
        description="Manual trigger: rebuild the search index (one host at a time)",
    )


def api_url() -> str:
    """The configured Prefect API, checked to answer; one line when it does not."""
    from flows.prefect_api import check_api, configured_api_url

    url = configured_api_url()
    if not url:
        raise PrefectUnavailable("PREFECT_API_URL is not set: work pools need a Prefect server "
                                 "(`prefect server start`); export PREFECT_API_URL=http://HOST:4200/api")
    return check_api(url)


async def read_pool(pool: str) -> Any | None:
    """The work pool called ``pool``, or None; refuses a pool of another type."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    async with get_client() as client:
        try:
            found = await client.read_work_pool(pool)
        except ObjectNotFound:
            return None
    if found.type != POOL_TYPE:
        raise ConfigError(f"work pool {pool!r} is of type {found.type!r}; pressroom needs a "
                          f"{POOL_TYPE!r} pool (pick another name)")
    return found


async def _create_pool(pool: str) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists
    from prefect.workers.process import ProcessWorker

    template = ProcessWorker.get_default_base_job_template()
    async with get_client() as client:
        with suppress(ObjectAlreadyExists):  # a concurrent deploy made it: checked below
            await client.create_work_pool(WorkPoolCreate(name=pool, type=POOL_TYPE,
                                                         base_job_template=template))


async def _deploy(sources_file: Path, db: Target, deployments: list[Any],
                  pool: str, take_over: bool) -> list[str]:
    from flows.concurrency import ensure_limits
    from flows.owners import claim
    from flows.stale_runs import drop_stale_runs

    # Another project's deployment of the same name: refused before the server changes.
    await claim(deployments, "deploy", take_over=take_over)
    if await read_pool(pool) is None:
        await _create_pool(pool)
        await read_pool(pool)
        print(f"pressroom: created work pool {pool!r} (type {POOL_TYPE})", file=sys.stderr)
    limits = await ensure_limits(load_sources(sources_file))
    # Runs made for an earlier --db or --sources (k52), taken over (n54).
    await drop_stale_runs(deployments, take_over=take_over)
    await retire(load_sources(sources_file), sources_file, db)  # disabled, taken out
    names = []
    for deployment in deployments:
        await deployment.aapply(work_pool_name=pool)
        names.append(f"{deployment.flow_name}/{deployment.name}")
    print(f"pressroom: {limits_line(limits)}", file=sys.stderr)
    return names


def limits_line(limits: Sequence[str]) -> str:
    """What :func:`flows.concurrency.ensure_limits` did, counted by kind: a host has a
    limit only when an enabled source on it has ``min_delay`` > 0."""
    from flows.concurrency import host_limit, source_limit, step_limit

    def count(prefix: str) -> int:
        return sum(1 for name in limits if name.startswith(prefix))

    return (f"created or updated {len(limits)} cluster limits on the Prefect server: "
            f"{count(source_limit(''))} source (one per source in the file), "
            f"{count(host_limit(''))} host (hosts of enabled sources with min_delay > 0), "
            f"{count(step_limit(''))} step")


def deploy(sources_file: Path, db: Target, pool: str, *, take_over: bool = False) -> int:
    """Register every deployment with work pool ``pool`` (created when missing); one
    registered for another sources file or warehouse is refused unless ``take_over``."""
    sources = load_sources(sources_file)  # fail on bad config before any network
    check_selectors(sources, sources_file)
    check_secrets(sources, unset_ok=True)  # a value set here that no run could send
    deployment_parameters(db)  # a --db with a password fails here, before any network
    url = api_url()
    if not any(s.enabled for s in sources):
        # What the file asks: every source stopped (d53: refused before, so their
        # deployments kept their schedules on the server).
        asyncio.run(retire(sources, sources_file, db))
        print(f"pressroom: no enabled source in {sources_file}: nothing deployed",
              file=sys.stderr)
        return 0
    prepare_for_workers(db)
    # Built outside the event loop: inside one, Prefect's to_deployment is a coroutine.
    deployments = [*build_deployments(sources_file, db, cluster=True), _index_deployment(db)]
    names = asyncio.run(_deploy(sources_file, db, deployments, pool, take_over))
    for name in names:
        print(name)
    print(f"pressroom: {len(names)} deployments on pool {pool!r} at {url}; start workers "
          f"with: PREFECT_API_URL={url} pressroom worker --pool {pool}", file=sys.stderr)
    return 0
