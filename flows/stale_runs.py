"""Scheduled runs made for a deployment's earlier parameters, dropped before they run.

Prefect keeps a deployment's scheduled runs in its database (``$PREFECT_HOME``, shared
by every ``serve`` of the user, or a long-lived server), each with the parameters the
deployment had when the run was made. Registering the deployment again deletes only the
runs still in the future: the runs missed while ``serve`` was stopped (late, never
started) stay, and the next ``serve`` or worker runs them with the parameters they were
made with. ``serve`` restarted with another ``--db`` or ``--sources`` (or from another
clone, whose sources share a name) then ran them on the old warehouse (k52); since n54
that restart is refused unless ``--take-over`` (flows/owners.py). This module
deletes, for the deployments about to be served or deployed, every run not yet started
whose sources file or warehouse is not the deployment's now; runs made with the current
ones, and runs already started, are left as they are. It also retires the ``ingest``
deployments made for the same sources file and warehouse whose source is no longer
deployed, whose schedules went on making runs: a disabled source's is paused (d53), one
taken out of the file deleted (d52), also when no source is left enabled (d53).
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Sequence
from typing import Any

from flows.owners import owner, registered_as

# Deployments or runs read a call (at most the server's default limit, 200).
PAGE = 200


async def drop_stale_runs(deployments: Sequence[Any], *, take_over: bool = False) -> int:
    """Delete the not-yet-started scheduled runs of ``deployments`` (by flow and name, as
    registered before) made for another sources file or warehouse than each one's now
    (:func:`flows.owners.owner`); one stderr line per deployment that had any. A
    deployment registered for another file or warehouse is left alone unless
    ``take_over`` (:func:`flows.owners.claim` refused it before). Returns how many
    were deleted."""
    from prefect.client.orchestration import get_client

    dropped = 0
    async with get_client() as client:
        # a new deployment has no runs yet
        async for name, deployment, registered in registered_as(client, deployments):
            now = owner(deployment.parameters)
            if owner(registered.parameters) != now and not take_over:
                continue  # another project's (n54)
            stale = [run for run in await _scheduled_runs(client, registered.id)
                     if run.run_count == 0 and owner(run.parameters) != now]
            dropped += await _delete_runs(client, stale)
            if stale:
                print(f"pressroom: dropped {len(stale)} scheduled run(s) of {name} made for "
                      "another sources file or warehouse (not started; the schedule makes "
                      "new ones)", file=sys.stderr, flush=True)
    return dropped


async def _scheduled_runs(client: Any, deployment_id: Any) -> list[Any]:
    """Every scheduled run of the deployment, page by page, all before any is deleted
    (offsets stay true): the server answers at most 200 a call, and a source missed for
    days has more (d53)."""
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterDeploymentId,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    runs: list[Any] = []
    while True:
        page = await client.read_flow_runs(flow_run_filter=FlowRunFilter(
            deployment_id=FlowRunFilterDeploymentId(any_=[deployment_id]),
            state=FlowRunFilterState(type=FlowRunFilterStateType(
                any_=[StateType.SCHEDULED]))), limit=PAGE, offset=len(runs))
        runs += page
        if len(page) < PAGE:
            return runs


async def _delete_runs(client: Any, runs: Sequence[Any]) -> int:
    from prefect.exceptions import ObjectNotFound

    deleted = 0
    for run in runs:
        try:
            await client.delete_flow_run(run.id)
        except ObjectNotFound:  # started or deleted meanwhile
            continue
        deleted += 1
    return deleted


async def retire_sources(where: dict[str, Any], current: Collection[str],
                         disabled: Collection[str]) -> tuple[list[str], list[str]]:
    """Retire the registered ``ingest`` deployments made for the sources file and
    warehouse ``where`` (one owner, :func:`flows.owners.owner`) that are not in ``current``
    (the names about to be deployed; the manual ``all`` is always kept). A source in
    ``disabled`` (``enabled = false``, a switch flipped back) has its deployment paused
    and its runs not yet started dropped (a worker takes a paused deployment's late runs;
    enabling it again and the next ``deploy`` or ``serve`` resume it, d53); any other (taken
    out of the file) has it deleted, with its runs not yet started (d52). Deployments
    naming another sources file or warehouse (another clone sharing ``$PREFECT_HOME``, or
    a server) are not touched; finished runs stay in Prefect's history. One stderr line
    for each kind that had any; returns the names paused now and the names deleted."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName
    from prefect.exceptions import ObjectNotFound

    from flows.ingest import ingest_flow

    keep = {*current, "all"}
    paused: list[str] = []
    removed: list[str] = []
    async with get_client() as client:
        # Read page by page, all before any is deleted: the server answers at most
        # PREFECT_SERVER_API_DEFAULT_LIMIT (200) a call, so a file of more sources had
        # the removed ones past the first page kept (r52b).
        registered: list[Any] = []
        while True:
            page = await client.read_deployments(
                flow_filter=FlowFilter(name=FlowFilterName(any_=[ingest_flow.name])),
                limit=PAGE, offset=len(registered))
            registered += page
            if len(page) < PAGE:
                break
        for deployment in registered:
            if deployment.name in keep or owner(deployment.parameters) != owner(where):
                continue
            name = f"{ingest_flow.name}/{deployment.name}"
            try:
                if deployment.name not in disabled:
                    await client.delete_deployment(deployment.id)
                    removed.append(name)
                    continue
                if not deployment.paused:
                    await client.pause_deployment(deployment.id)
                    paused.append(name)
                await _delete_runs(client, [
                    run for run in await _scheduled_runs(client, deployment.id)
                    if run.run_count == 0])
            except ObjectNotFound:  # deleted meanwhile
                continue
    if paused:
        print(f"pressroom: paused {len(paused)} deployment(s) of sources disabled in "
              f"{where['sources_file']}: {', '.join(sorted(paused))} (their runs not yet "
              "started dropped; enable a source again and deploy or serve to resume it)",
              file=sys.stderr, flush=True)
    if removed:
        print(f"pressroom: removed {len(removed)} deployment(s) of sources no longer in "
              f"{where['sources_file']}: {', '.join(sorted(removed))} (their past runs are "
              "kept)", file=sys.stderr, flush=True)
    return sorted(paused), sorted(removed)
