"""A cluster slot whose lease the Prefect server lost (o58).

A run holds its source's one-slot limit (``pressroom-source-<name>``) with a lease
(:mod:`flows.concurrency`); a holder that dies, or whose give-back the server does not
answer (an outage, k56b), is freed when its lease expires: the server's repossessor
gives the slot back. But ``prefect server start`` keeps leases in memory (Prefect's
default lease storage): restarted while a slot was held, it has lost the lease and still
counts the slot, which nothing then gives back. Every later run of the source skipped
it, saying the lease lapses within 60 s, for good (measured: still held 142 s after the
restart; with the filesystem lease storage the slot was free 52 s after it).

So each run that takes a slot writes down, in a Prefect variable of the limit's
(:func:`holder_variable`), its lease, its flow run and the limit's ``updated`` time just
after the take. A run that finds the slot taken asks whether that record still
describes it: the limit not written since (nobody took or gave back a slot) and the
holder's flow run ended (final: its process is gone, or its worker said it Crashed).
Then no run owns the slot: the run gives it back through the recorded lease, as the
repossessor would once it lapsed; where the server no longer knows that lease (the
slot still counted), by a decrement of the limit, said in one line; then it takes the
slot as usual. Prefect's give-backs are not conditional: two runs that found the same
lost slot both decremented it, the second freeing the slot the first had just taken, two
runs of the source at once (k58c). So the run first claims the slot so found: it creates
a variable named after it (:func:`claim_variable`; Prefect creates a name once, any other
run is refused and keeps the slot) and deletes it once done. A run claiming it after
that finds the limit written since and gives nothing back. A holder whose flow run is
still running keeps it (its own renewal, refused by the restarted server, stops it; its
slot is given back by the run after that), so this never starts a twin beside a live
run. Any other answer, or no record (a run of a release before o58), keeps the slot as
it was: the source is skipped, as before.

A holder whose flow run stays Running for good (one machine, server and worker on it,
rebooted mid-run: the flow run row stays Running) kept the slot for good (k58c's left).
So the record also names the holder's process (:func:`process_identity`: host name and
machine id, boot id, pid and time namespaces, pid and the process's start time). A run
on the same host and in the same pid and time namespaces (k58e: the start time read is
shifted by the reader's time namespace) treats a Running holder as ended when the boot
id differs (the machine restarted) or no process has that pid and start time (r58);
the line it says gives the reason. Another host, or a record without that identity
(older runs, no /proc or machine id), keeps the slot as before.

Prefect is imported only inside the functions.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

_IDENTITY = ("host", "boot", "pid_ns", "time_ns", "pid", "started")


def holder_variable(limit: str) -> str:
    """The Prefect variable recording the lease that last took ``limit``'s slot."""
    return f"pressroom-lease-{limit}"


async def record_holder(client: Any, limit: str, lease_ids: set[Any]) -> None:
    """Write down this run's lease of ``limit`` (just taken) and the limit's ``updated``
    time. Best effort: without it, a slot the server loses stays taken, as before."""
    import httpx
    from prefect.client.schemas.actions import VariableCreate, VariableUpdate
    from prefect.context import FlowRunContext
    from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

    context = FlowRunContext.get()
    if len(lease_ids) != 1 or context is None or context.flow_run is None:
        return  # not in a flow run's concurrency context: no lease id known
    try:
        current = await client.read_global_concurrency_limit_by_name(limit)
        value = {"lease": str(next(iter(lease_ids))), "updated": str(current.updated),
                 "flow_run": str(context.flow_run.id), **process_identity()}
        try:
            await client.update_variable(VariableUpdate(name=holder_variable(limit),
                                                        value=value))
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code != 404:  # Prefect's answer for none yet
                raise
            await client.create_variable(VariableCreate(name=holder_variable(limit),
                                                        value=value))
    except (httpx.HTTPError, ValueError, ObjectNotFound, ObjectAlreadyExists):
        return  # (k58c: the limit deleted since the take; the record created meanwhile)


async def free_if_lost(client: Any, limit: str, current: Any) -> str | None:
    """Give back ``limit``'s slot (``current``: the limit as just read, full) when the
    lease recorded for it is one the server no longer holds: the line to say ("" for a
    lease that had only lapsed, the everyday case), or None when the slot is held (or
    nothing shows it is not)."""
    from contextlib import suppress
    from uuid import UUID

    import httpx
    from prefect.client.schemas.actions import VariableCreate
    from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

    try:
        record = await client.read_variable_by_name(holder_variable(limit))
        value = record.value if record is not None else None
        if not isinstance(value, dict) or value.get("updated") != str(current.updated):
            return None  # no record, or the slot was taken or given back since it
        lease = UUID(str(value.get("lease")))
        holder = await client.read_flow_run(UUID(str(value.get("flow_run"))))
        gone = None
        if holder.state is None or not holder.state.is_final():
            gone = process_gone(value)
            if gone is None:
                return None  # its run may still work: its own renewal's refusal stops it
        # One run gives the slot back (k58c): Prefect's give-backs are not conditional.
        claim = claim_variable(limit, current.updated)
        await client.create_variable(VariableCreate(name=claim, value=str(current.updated)))
    except (httpx.HTTPError, ValueError, ObjectNotFound, ObjectAlreadyExists):
        return None  # (already exists: another run gives this slot back)
    try:
        said = await _give_back(client, limit, current, lease)
        if gone is not None:  # still Running on the server: say why it was freed
            return f"{limit}: its run's process is gone: {gone}; its slot given back"
        return said
    except (httpx.HTTPError, ValueError, ObjectNotFound):
        return None
    finally:  # a run claiming it later finds the limit written since: it keeps the slot
        with suppress(httpx.HTTPError, ObjectNotFound):
            await client.delete_variable_by_name(claim)


def process_identity() -> dict[str, str]:
    """This process's identity, to tell later whether it is gone: {} where Linux's
    /proc, the boot id or the machine id are not there to read (a container's host name
    may be set alike on two machines: the name alone does not tell a host). Boot id,
    pid namespace and start ticks as a run's row keeps them (:mod:`warehouse.crashed_runs`)."""
    from warehouse.crashed_runs import pid_namespace
    from warehouse.crashed_runs import process_identity as boot_and_ticks

    pid, pid_ns, owner = os.getpid(), pid_namespace(), boot_and_ticks(os.getpid())
    try:
        machine = Path("/etc/machine-id").read_text().strip()
    except OSError:
        return {}
    if not machine or pid_ns is None or owner is None:
        return {}
    try:  # the start time read is shifted by the reader's time namespace (k58e)
        time_ns = os.readlink("/proc/self/ns/time")
    except OSError:
        time_ns = "none"  # before Linux 5.6: no time namespaces
    return {"host": f"{socket.gethostname()} {machine}", "boot": owner[0], "pid_ns": pid_ns,
            "time_ns": time_ns, "pid": str(pid), "started": str(owner[1])}


PID_MAX = 4_194_304  # Linux's PID_MAX_LIMIT: a larger recorded pid is no process's


def process_gone(value: dict[str, Any]) -> str | None:
    """Why the process a holder's record names is gone (on this host, in this pid and
    time namespace, its identity complete), or None: alive, elsewhere, or not known.
    /proc/PID/stat's start time is shifted by the reader's time namespace's boot-time
    offset: read from another one, a live holder's differs (k58e). The process is judged
    as a run's row's owner is (:func:`warehouse.crashed_runs.pid_alive`)."""
    from warehouse.crashed_runs import pid_alive

    mine = process_identity()
    theirs = {key: value.get(key) for key in _IDENTITY}
    if (not mine or not all(isinstance(v, str) and v.isascii() and v for v in theirs.values())
            or any(theirs[key] != mine[key] for key in ("host", "pid_ns", "time_ns"))
            or not str(theirs["pid"]).isdigit() or not str(theirs["started"]).isdigit()):
        return None  # another host or namespace, or an older or malformed record
    if theirs["boot"] != mine["boot"]:
        return "the machine restarted"
    pid = int(str(theirs["pid"]))
    if not 0 < pid <= PID_MAX:
        return None
    alive = pid_alive(pid, identity=(str(theirs["boot"]), int(str(theirs["started"]))))
    return None if alive else "it exited"


def claim_variable(limit: str, updated: Any) -> str:
    """The Prefect variable that the one run giving back ``limit``'s slot, found taken
    with the limit last written at ``updated``, creates first (Prefect creates a name
    once; the others are refused, 409)."""
    return f"pressroom-lost-{limit}-{round(updated.timestamp() * 1_000_000)}"


async def _give_back(client: Any, limit: str, current: Any, lease: Any) -> str:
    """Give back the slot of ``lease``, whose flow run has ended: the line to say."""
    from datetime import UTC, datetime

    # Its give-back was tried before its final state: a lease the server still holds is
    # given back as the repossessor would once it lapsed (the slot, then the lease); one
    # it lost is a no-op there.
    await client.release_concurrency_slots_with_lease(lease_id=lease)
    again = await client.read_global_concurrency_limit_by_name(limit)
    if again.updated != current.updated or again.active_slots < again.limit:
        return ""  # the lease had lapsed: given back through it
    # Prefect refuses an occupancy of 0 (422): the slot's, since its take.
    held = (datetime.now(UTC) - current.updated).total_seconds()
    await client.release_concurrency_slots(names=[limit], slots=1,
                                           occupancy_seconds=max(held, 1.0))
    return (f"{limit}: its slot was held by a lease the Prefect server no longer knows "
            "(restarted while a run held it, its leases kept in memory); given back")
