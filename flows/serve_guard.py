"""A ``serve`` runs only its own project's runs (o55).

Prefect's runner in ``serve`` polls the deployments it registered by their ids, and
starts every scheduled run of them with the parameters the run was made with. Since n54
another project's ``serve`` or ``deploy --take-over`` keeps those ids and registers them
for its own sources file and warehouse: the first ``serve``, still running, went on
starting the runs, now the other project's, and wrote its warehouse (on one machine), a
file the other never reads (another container or host), or failed.

Two guards, both by the owner of :mod:`flows.owners` (the sources file and warehouse):

* ``serve`` puts its owner in its environment (``SERVED_FOR``), which Prefect hands to the
  process of each run it starts; the ingest flow refuses a deployment's run whose own
  parameters name another owner (:func:`refuse_foreign_run`), in one line, before reading
  or writing anything: no run of another project is ever done by this ``serve``. A run
  of no deployment (``pressroom ingest``) is no serve's, whatever its environment holds.
* :class:`TakeOverWatch` reads the served deployments every ``WATCH_EVERY`` s; when one
  now belongs to another owner it says so in one line and stops ``serve`` (exit 1), so
  the new owner's runs go to the new owner's ``serve`` or workers.

Two projects whose paths are the same (two containers of one image) are one owner to
both guards, as to :func:`flows.owners.claim`.

A ``serve`` outlives its Prefect server's restart: :mod:`flows.prefect_outage` (v55).
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any

from flows.owners import WHERE, describe, owner, where_of
from pressroom.errors import ConfigError, DeploymentTaken

SERVED_FOR = "PRESSROOM_SERVED_FOR"  # the serving process's sources file and warehouse
WATCH_EVERY = 5.0  # seconds between two reads of the served deployments


def serve_for_none() -> None:
    """This process serves nothing (a worker): its runs carry no serve's mark, also when
    the variable was left in the shell that started it (v55)."""
    os.environ.pop(SERVED_FOR, None)


def serve_for(parameters: dict[str, Any]) -> None:
    """Mark the runs this process starts from now on as ``parameters``'s owner's."""
    os.environ[SERVED_FOR] = json.dumps(where_of(parameters))


def refuse_foreign_run(parameters: dict[str, Any]) -> None:
    """Raise :class:`DeploymentTaken` when a ``serve`` started this run (``SERVED_FOR``)
    for another sources file or warehouse than the run's ``parameters`` name."""
    served = os.environ.get(SERVED_FOR)
    if not served or not _deployment_run():
        # Not started by a serve: a worker's run, `pressroom ingest` (k55a: also with the
        # variable left in its shell, or in a shell started from a served run's process)
        return
    ours = served_owner(served)
    if owner(ours) == owner(parameters):
        return
    raise DeploymentTaken(
        f"this run is for {describe(parameters)}, but the serve that started it serves "
        f"{describe(ours)}, and runs only that project's runs; nothing read or written "
        "(its deployment was taken over with --take-over, or a trigger named other paths)")


def served_owner(text: str) -> dict[str, Any]:
    """The owner ``serve_for`` wrote into ``SERVED_FOR`` (``text``); :class:`ConfigError`
    in one line when it is not that (c55: a garbled value, one typed or copied into a
    worker's environment, failed each deployment run with json's or an AttributeError's
    words, or a traceback)."""
    try:
        served = json.loads(text)
    except ValueError:
        served = None
    if (not isinstance(served, dict) or set(served) != set(WHERE)
            or not isinstance(served["db_path"], str)
            or not all(served[key] is None or isinstance(served[key], str) for key in WHERE)):
        raise ConfigError(
            f"{SERVED_FOR} is not what `pressroom serve` writes (a JSON object of "
            f"{', '.join(WHERE)}), but {text[:200]!r}; unset it in this "
            "process's environment (serve sets it for the runs it starts); nothing read "
            "or written")
    return served


def _deployment_run() -> bool:
    """Whether this flow run is a deployment's (a serve's runner starts only those)."""
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    run = context.flow_run if context is not None else None
    return run is not None and run.deployment_id is not None


class TakeOverWatch:
    """Stop this ``serve`` (SIGTERM to its main thread) when one of ``deployments`` is
    registered for another owner; ``taken`` is set first. It ends when ``leaving`` is set."""

    def __init__(self, deployments: Sequence[Any], *, leaving: threading.Event,
                 taken: threading.Event) -> None:
        self.names = [f"{d.flow_name}/{d.name}" for d in deployments]
        self.ours = deployments[0].parameters
        self.leaving = leaving
        self.taken = taken

    def start(self) -> None:
        # Prefect's settings (a local server's API URL) live in context variables.
        context = contextvars.copy_context()
        threading.Thread(target=context.run, args=(self._watch, threading.main_thread().ident),
                         name="pressroom-take-over-watch", daemon=True).start()

    def _watch(self, main: int | None) -> None:
        while not self.leaving.wait(WATCH_EVERY):
            try:
                foreign = asyncio.run(self._foreign())
            except Exception:  # a server blip: the runner says so itself
                continue
            if foreign:
                names = ", ".join(name for name, _ in foreign)
                print(f"pressroom: {names} now belong(s) to {describe(foreign[0][1])} (taken "
                      f"over with --take-over), not to this serve's {describe(self.ours)}: "
                      "serve stops, its runs would be that project's", file=sys.stderr,
                      flush=True)
                self.taken.set()
                if main is not None:
                    signal.pthread_kill(main, signal.SIGTERM)
                return

    async def _foreign(self) -> list[tuple[str, dict[str, Any]]]:
        from prefect.client.orchestration import get_client
        from prefect.exceptions import ObjectNotFound

        ours = owner(self.ours)
        foreign = []
        async with get_client() as client:
            for name in self.names:
                try:
                    registered = await client.read_deployment_by_name(name)
                except ObjectNotFound:
                    continue  # deleted: nothing of another's to run
                if owner(registered.parameters) != ours:
                    foreign.append((name, registered.parameters))
        return foreign

