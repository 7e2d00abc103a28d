"""Scheduled runs made for a deployment's earlier parameters, dropped before they run.

Prefect keeps a deployment's scheduled runs in its database (``$PREFECT_HOME``, shared
by every ``serve`` of the user, or a long-lived server), each with the parameters the
deployment had when the run was made. Registering the deployment again deletes only the
runs still in the future: the runs missed while ``serve`` was stopped (late, never
started) stay, and the next ``serve`` or worker runs them with the parameters they were
made with. ``serve`` restarted with another ``--db`` or ``--sources`` (or from another
clone, whose sources share a name) then ran them on the old warehouse (k52). This module
deletes, for the deployments about to be served or deployed, every run not yet started
whose sources file or warehouse is not the deployment's now; runs made with the current
ones, and runs already started, are left as they are. It also deletes the ``ingest``
deployments made for the same sources file and warehouse whose source is no longer
deployed (taken out of the file, or disabled), whose schedules went on making runs (d52).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

# The parameters that say where a run reads and writes; ``source_names`` (a manual
# trigger's choice) and ``cluster`` are not compared.
WHERE = ("sources_file", "db_path", "data_path")
# Deployments or runs read a call (at most the server's default limit, 200).
PAGE = 200


async def drop_stale_runs(deployments: Sequence[Any]) -> int:
    """Delete the not-yet-started scheduled runs of ``deployments`` (by flow and name, as
    registered before) whose ``WHERE`` parameters differ from each one's now; one stderr
    line per deployment that had any. Returns how many were deleted."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterDeploymentId,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.exceptions import ObjectNotFound

    dropped = 0
    async with get_client() as client:
        for deployment in deployments:
            name = f"{deployment.flow_name}/{deployment.name}"
            try:
                registered = await client.read_deployment_by_name(name)
            except ObjectNotFound:
                continue  # a new deployment has no runs yet
            now = {key: deployment.parameters.get(key) for key in WHERE}
            # Page by page, all before any is deleted (offsets stay true): the server
            # answers at most 200 a call, and a source missed for days has more (d53).
            runs: list[Any] = []
            while True:
                page = await client.read_flow_runs(flow_run_filter=FlowRunFilter(
                    deployment_id=FlowRunFilterDeploymentId(any_=[registered.id]),
                    state=FlowRunFilterState(type=FlowRunFilterStateType(
                        any_=[StateType.SCHEDULED]))), limit=PAGE, offset=len(runs))
                runs += page
                if len(page) < PAGE:
                    break
            stale = [run for run in runs if run.run_count == 0
                     and {key: run.parameters.get(key) for key in WHERE} != now]
            for run in stale:
                try:
                    await client.delete_flow_run(run.id)
                except ObjectNotFound:  # started or deleted meanwhile
                    continue
                dropped += 1
            if stale:
                print(f"pressroom: dropped {len(stale)} scheduled run(s) of {name} made for "
                      "another sources file or warehouse (not started; the schedule makes "
                      "new ones)", file=sys.stderr, flush=True)
    return dropped


async def drop_removed_sources(deployments: Sequence[Any]) -> list[str]:
    """Delete the registered deployments of the ``ingest`` flow made for the same sources
    file and warehouse as ``deployments`` (their ``WHERE`` parameters equal) that are not
    among them: a source taken out of the file, or disabled, whose schedule would go on
    making runs (d52). Deployments naming another sources file or warehouse (another clone
    sharing ``$PREFECT_HOME``, or a server) are not touched. Prefect deletes the deployment
    and its runs not yet started; finished runs stay in its history. One stderr line
    naming them; returns their names."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName
    from prefect.exceptions import ObjectNotFound

    from flows.ingest import ingest_flow

    ours = [d for d in deployments if d.flow_name == ingest_flow.name]
    if not ours:
        return []
    now = {key: ours[0].parameters.get(key) for key in WHERE}
    current = {d.name for d in ours}
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
            if deployment.name in current or {
                    key: (deployment.parameters or {}).get(key) for key in WHERE} != now:
                continue
            try:
                await client.delete_deployment(deployment.id)
            except ObjectNotFound:  # deleted meanwhile
                continue
            removed.append(f"{ingest_flow.name}/{deployment.name}")
    if removed:
        print(f"pressroom: removed {len(removed)} deployment(s) of sources no longer enabled "
              f"in {now['sources_file']}: {', '.join(sorted(removed))} (their past runs are "
              "kept)", file=sys.stderr, flush=True)
    return sorted(removed)
