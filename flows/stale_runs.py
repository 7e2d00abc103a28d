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
ones, and runs already started, are left as they are.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

# The parameters that say where a run reads and writes; ``source_names`` (a manual
# trigger's choice) and ``cluster`` are not compared.
WHERE = ("sources_file", "db_path", "data_path")


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
            runs = await client.read_flow_runs(flow_run_filter=FlowRunFilter(
                deployment_id=FlowRunFilterDeploymentId(any_=[registered.id]),
                state=FlowRunFilterState(type=FlowRunFilterStateType(
                    any_=[StateType.SCHEDULED]))))
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
