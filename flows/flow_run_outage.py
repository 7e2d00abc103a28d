"""A flow run's own process through an outage of its Prefect server (o57).

``pressroom worker`` and ``serve`` bear an outage in one line each way
(:mod:`flows.prefect_outage`), but while a run was under way the process each starts for
it (Prefect's engine, ``python -m prefect.engine``; its output is the worker's) printed
Prefect's own lines (k56b): its suspension observer's websocket cut (with the
ConnectionClosedError's traceback), the events client's, the log shipper's '--- Error
logging to API ---', the deployment lease renewal's retries, and at its end the failed
report of its state: 'Encountered exception during execution: ConnectError(...)',
'Finished in state Running()' and "Execution of flow run '...' exited with unexpected
exception", the first and last with a traceback.

:func:`bear_outages_in_flow_run` (called at the flow's entry in a flow run's own
process) says it as the worker does: one line when the server stops answering, one when
it answers again, or one when the run ends before it does. Prefect's services are taken
as in the worker (:func:`flows.prefect_outage.bear_services`); the engine's end is taken
here. Only the outage's forms are dropped, each named where it is; a server that answers
with a refusal, and a failure of the run's own work, are said as before. The process
still exits 1 when its end could not be reported (its worker then reports the flow run
Crashed once the server answers); what the run stored is untouched.
"""

from __future__ import annotations

import logging
import os
import sys
from types import TracebackType

from flows.prefect_outage import _api_url, _Outage, bear_services, borne

OURS = ("flows", "pressroom", "warehouse", "parsers")  # this project's packages


def bear_outages_in_flow_run() -> None:
    """In a flow run's own process (``PREFECT__FLOW_RUN_ID``, set by the worker or
    runner that started it): bear an outage of the Prefect server in one line each way.
    Elsewhere (the CLI's process, a flow called in another program) nothing changes."""
    run_id = os.environ.get("PREFECT__FLOW_RUN_ID")
    if not run_id:
        return
    from prefect._internal import _observation_delivery

    if borne(_observation_delivery):
        return  # taken over already (a second flow in this process)
    bear_services(_Outage(f"flow run {run_id}", "running"))
    end = _EndUnreported(run_id)
    logging.getLogger("prefect.flow_runs").addFilter(end)
    logging.getLogger("prefect.engine").addFilter(end)


def prefect_unreachable(error: BaseException | None) -> bool:
    """``error`` is Prefect's API client failing to reach its server (a transport
    error raised through ``prefect/client``), not a failure of the run's own HTTP."""
    import httpx

    if not isinstance(error, httpx.TransportError):
        return False
    tb: TracebackType | None = error.__traceback__
    while tb is not None:
        if f"{os.sep}prefect{os.sep}client{os.sep}" in tb.tb_frame.f_code.co_filename:
            return True
        tb = tb.tb_next
    return False


class _EndUnreported(logging.Filter):
    """The engine's report of the run's end, failed with the server away: Prefect's
    three ERROR records (two with tracebacks) as one line of ours."""

    def __init__(self, run_id: str) -> None:
        super().__init__()
        self.run_id = run_id
        self.unreported = False  # a Prefect API call of the engine failed so, this run
        self.stopped_at = ""  # where the flow's own code stopped on such a call (k57b)

    def filter(self, record: logging.LogRecord) -> bool:
        said = str(record.msg)
        error = record.exc_info[1] if record.exc_info else None
        # 'Encountered exception during execution: ConnectError(...)': the flow's end
        # (or the summary artifact) could not reach the server; the engine then proposes
        # Failed, which says the error where the server answers by then, and fails again
        # where it does not (below). A run's own failure is said as before.
        if said.startswith("Encountered exception during execution"):
            if prefect_unreachable(error):
                self.unreported = True
                self.stopped_at = _our_last_frame(error)
                return False
            return True
        # 'Finished in state Running()': no final state could be proposed.
        if said.startswith("Finished in state Running(") and self.unreported:
            return False
        # "Execution of flow run '...' exited with unexpected exception": the engine's
        # last word, its report failed: one line, the process still exits 1.
        if said.startswith("Execution of flow run") and prefect_unreachable(error):
            print(f"pressroom: flow run {self.run_id} ended while the Prefect server at "
                  f"{_api_url()} did not answer ({type(error).__name__}); it could not "
                  f"report its end there{self._stopped()}", file=sys.stderr, flush=True)
            return False
        return True

    def _stopped(self) -> str:
        """The flow's own code stopped on a call to the server that did not answer (a
        failed run, not only an unreported end: k57b): where, as Prefect's dropped
        traceback said it."""
        if not self.stopped_at:
            return ""
        return f" (and the flow failed before its end: its call at {self.stopped_at} " \
            "to the server was not answered)"


def _our_last_frame(error: BaseException | None) -> str:
    """The innermost frame of this project's code in ``error``'s traceback, as
    'flows/ingest.py:76 (publish_artifact)'; "" where none is (the engine's own call)."""
    where = ""
    tb = error.__traceback__ if error is not None else None
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        if module.split(".")[0] in OURS:
            where = f"{module.replace('.', '/')}.py:{tb.tb_lineno} " \
                f"({tb.tb_frame.f_code.co_name})"
        tb = tb.tb_next
    return where
