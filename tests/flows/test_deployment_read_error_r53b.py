"""r53b: a run made from a deployment reads that deployment's own source names
(flows.ingest._deployments_names); when the Prefect API answers that read with an error
other than 'not found' (a 500, a refused connection), the run fails in one line
(PrefectUnavailable), not with httpx's traceback. Real loopback HTTP server, real Prefect
client; the flow run's context carries only the run (its deployment id)."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from prefect.client.schemas.objects import FlowRun
from prefect.context import FlowRunContext
from prefect.settings import PREFECT_API_URL, temporary_settings

from flows.ingest import _deployments_names
from pressroom.errors import PrefectUnavailable


class _Broken(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"detail": "internal error"}'
        self.send_response(500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def broken_api() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Broken)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api"
    finally:
        server.shutdown()
        server.server_close()


def _names_under(api: str) -> set[str] | None:
    run = FlowRun(flow_id=uuid.uuid4(), deployment_id=uuid.uuid4(),
                  parameters={"source_names": ["belta"]})
    context = FlowRunContext.model_construct(flow_run=run)
    with temporary_settings({PREFECT_API_URL: api}), context:
        return asyncio.run(_deployments_names())


def test_an_api_error_reading_the_deployment_is_one_line(broken_api: str) -> None:
    with pytest.raises(PrefectUnavailable, match="deployment") as caught:
        _names_under(broken_api)
    assert "\n" not in str(caught.value)
