"""The fixture press site's HTTP behaviour: conditional GET, gzip, HEAD, fault routes (flaky,
busy, gone, slow, custom faults), the request log and reset (real HTTP over 127.0.0.1).
"""

from __future__ import annotations

import time

import httpx
import pytest

from tests.site import PressSite
from tests.site import manifest as m


@pytest.mark.parametrize(
    "path",
    [m.RSS, m.ATOM, m.SITEMAP_NEWS, m.LISTING.path, m.by_key("belta_un_trafficking").path],
)
def test_conditional_get(press_site: PressSite, client: httpx.Client, path: str) -> None:
    url = press_site.url + path
    first = client.get(url, headers={"Accept-Encoding": "identity"})
    etag, lastmod = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get(url, headers={"Accept-Encoding": "identity"})
    assert again.headers["etag"] == etag

    by_etag = client.get(url, headers={"If-None-Match": etag})
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_etag.headers["etag"]
    by_date = client.get(url, headers={"If-Modified-Since": lastmod})
    assert by_date.status_code == 304
    stale = client.get(url, headers={"If-None-Match": '"nope"', "If-Modified-Since": lastmod})
    assert stale.status_code == 200  # If-None-Match wins over If-Modified-Since
    old = client.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2018 00:00:00 GMT"})
    assert old.status_code == 200 and old.content == first.content


def test_gzip_when_asked(press_site: PressSite, client: httpx.Client) -> None:
    url = press_site.url + m.RSS
    with client.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as response:
        raw = b"".join(response.iter_raw())
    assert response.headers["content-encoding"] == "gzip"
    assert raw[:2] == b"\x1f\x8b"
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert zipped.content == plain.content
    refused = client.get(url, headers={"Accept-Encoding": "gzip;q=0"})
    assert "content-encoding" not in refused.headers
    etag = zipped.headers["etag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_head(calm_site: PressSite, client: httpx.Client) -> None:
    path = m.by_key("og_transport_plan").path
    url = calm_site.url + path
    head = client.head(url, headers={"Accept-Encoding": "identity"})
    get = client.get(url, headers={"Accept-Encoding": "identity"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["etag"] == get.headers["etag"]
    assert calm_site.hits(path, "HEAD") == 1 and calm_site.hits(path) == 1


def test_flaky_fails_once(press_site: PressSite, client: httpx.Client) -> None:
    url = press_site.url + m.SPECIAL.flaky
    assert client.head(url).status_code == 500  # HEAD does not use up the fault
    assert client.get(url).status_code == 500
    second = client.get(url)
    assert second.status_code == 200 and m.by_key("flaky").title in second.text
    assert press_site.hits(m.SPECIAL.flaky) == 2


def test_busy_asks_to_retry_later(press_site: PressSite, client: httpx.Client) -> None:
    url = press_site.url + m.SPECIAL.busy
    first = client.get(url)
    assert first.status_code == 429 and first.headers["retry-after"] == "1"
    assert client.get(url).status_code == 200


def test_gone_and_redirect(press_site: PressSite, client: httpx.Client) -> None:
    assert client.get(press_site.url + m.SPECIAL.gone).status_code == 404
    path = m.by_key("belta_un_trafficking").path
    moved = client.get(press_site.url + path.rstrip("/"))
    assert moved.status_code == 301 and moved.headers["location"] == press_site.url + path


def test_custom_faults(press_site: PressSite, client: httpx.Client) -> None:
    path = m.RSS
    press_site.fail(path, 503, times=2, headers={"Retry-After": "0"})
    assert [client.get(press_site.url + path).status_code for _ in range(3)] == [503, 503, 200]


def test_slow_route_hits_read_timeout_and_stop_does_not_hang() -> None:
    site = PressSite(slow_delay=60.0).start()
    try:
        with pytest.raises(httpx.ReadTimeout):
            httpx.get(site.url + m.SPECIAL.slow, timeout=httpx.Timeout(5.0, read=0.2))
        assert site.hits(m.SPECIAL.slow) == 1
    finally:
        started = time.monotonic()
        site.stop()
    assert time.monotonic() - started < 3.0


def test_slow_route_serves_after_delay(press_site: PressSite, client: httpx.Client) -> None:
    press_site.slow_delay = 0.05
    response = client.get(press_site.url + m.SPECIAL.slow)
    assert response.status_code == 200 and m.by_key("slow").title in response.text


def test_request_log_and_reset(press_site: PressSite, client: httpx.Client) -> None:
    path = m.by_key("time_port_expansion").path
    client.get(press_site.url + path + "?utm_source=x", headers={"X-Probe": "1"})
    client.get(press_site.url + "/politics/?page=2")
    method, raw, headers = press_site.requests[0]
    assert (method, raw, headers["x-probe"]) == ("GET", path + "?utm_source=x", "1")
    assert press_site.hits(path) == 1 and press_site.hits(path + "?utm_source=x") == 1
    assert press_site.hits("/politics/?page=2") == 1 and press_site.hits("/politics/?page=3") == 0

    original = press_site.get_page(path)
    press_site.set_page(path, b"<h1>changed</h1>")
    press_site.remove_page(m.by_key("jsonld_wind_farm").path)
    assert client.get(press_site.url + m.SPECIAL.flaky).status_code == 500
    press_site.reset()
    assert press_site.requests == []
    assert press_site.get_page(path) == original
    assert client.get(press_site.url + m.by_key("jsonld_wind_farm").path).status_code == 200
    assert client.get(press_site.url + m.SPECIAL.flaky).status_code == 500
