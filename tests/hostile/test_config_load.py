"""Configuration is validated before anything runs (issue 14).

Each bad sources file is given to the real CLI (``ingest --no-prefect`` and
``sources``): it must exit non-zero with exactly one line on stderr naming the
key and what is allowed, print no traceback, and create no database.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TIMEOUT = 120
GOOD = {
    "name": '"x"',
    "feeds": '["http://127.0.0.1:9/feed.xml"]',
}
# (key = value, words the error line must contain)
CASES = {
    "concurrency-nan": ("concurrency = nan", ["'concurrency'", "from 1 to 32", "nan"]),
    "concurrency-fraction": ("concurrency = 2.5", ["'concurrency'", "whole number from 1 to 32"]),
    "max_bytes-nan": ("max_bytes = nan", ["'max_bytes'", "from 1024 to 32000000"]),
    "max_bytes-over-parser-limit": (
        "max_bytes = 1e11", ["'max_bytes'", "from 1024 to 32000000", "parser's input limit"]),
    "max_articles-inf": ("max_articles = inf", ["'max_articles'", "from 1 to 1000000"]),
    "min_delay-inf": ("min_delay = inf", ["'min_delay'", "from 0 to 60"]),
    "min_delay-negative": ("min_delay = -1", ["'min_delay'", "from 0 to 60"]),
    "timeout-nan": ("timeout = nan", ["'timeout'", "from 0.05 to 300"]),
    "max_child_sitemaps-zero": ("max_child_sitemaps = 0", ["'max_child_sitemaps'", "from 1"]),
    "sitemap_max_age_days-inf": (
        "sitemap_max_age_days = inf", ["'sitemap_max_age_days'", "from 1 to 36500"]),
    "unknown-profile": ('profile = "nope"', ["unknown profile 'nope'", "belta"]),
    # Filled into articles that declare none: a word here became every such row's language.
    "language-word": ('language = "English"', ["'language'", "language tag", "'English'"]),
    "language-number": ('language = "1"', ["'language'", "language tag"]),
    "user_agent-crlf": ('user_agent = "bot\\r\\nX-Evil: 1"', ["'user_agent'", "control"]),
    # httpx sends header values as ASCII: anything else was a traceback at the first request.
    "user_agent-non-ascii": ('user_agent = "Pressroom Prés/1.0"', ["'user_agent'", "ASCII"]),
    "header-name-crlf": (
        'headers = { "X-A\\r\\nX-B" = { env = "TOKEN" } }', ["'headers'", "header names"]),
    # A Host of another name reaches another site on an allowed address; the others are
    # the fetcher's own (framing, the compression its size cap decodes, validators).
    "header-host": ('headers = { Host = { env = "TOKEN" } }', ["'headers'", "cannot set Host"]),
    "header-accept-encoding": ('headers = { "accept-encoding" = { env = "TOKEN" } }',
                               ["'headers'", "cannot set accept-encoding"]),
    "header-transfer-encoding": ('headers = { "Transfer-Encoding" = { env = "TOKEN" } }',
                                 ["'headers'", "cannot set Transfer-Encoding"]),
    # A 206 slice passed as 2xx and was stored as the whole article.
    "header-range": ('headers = { Range = { env = "TOKEN" } }', ["'headers'", "cannot set Range"]),
    # The Host check by other names (vhost routing, method and path overrides).
    "header-x-forwarded-host": ('headers = { "x-FORWARDED-host" = { env = "TOKEN" } }',
                                ["'headers'", "cannot set x-FORWARDED-host", "another host"]),
    "header-method-override": ('headers = { "X-HTTP-Method-Override" = { env = "TOKEN" } }',
                               ["'headers'", "cannot set X-HTTP-Method-Override"]),
    "feed-without-host": ('feeds = ["http://"]', ["'feeds' entry", "has no host"]),
    "feed-ftp": ('feeds = ["ftp://127.0.0.1/feed.xml"]', ["'feeds' entry", "http(s)"]),
    "listing-without-host": (
        'listings = [{ url = "https:///news", links = "a" }]', ["listing url", "has no host"]),
    "cron-never-fires": ('schedule = "0 0 30 2 *"', ["'schedule'", "never fires"]),
    "cron-invalid": ('schedule = "61 * * * *"', ["'schedule'", "not a valid cron"]),
    # Six fields: Prefect's cron engine reads the 6th as seconds, so this (hourly in
    # Quartz's seconds-first order) would fire every second of the minute after midnight.
    "cron-six-fields": ('schedule = "0 0 * * * *"', ["'schedule'", "5 fields"]),
    "cron-step-zero": ('schedule = "*/0 * * * *"', ["'schedule'", "not a valid cron"]),
    # Files of the zone database that are no zone name (review k37): zoneinfo reads
    # them, Prefect's schedules refuse them, so `serve` started its server and then
    # died in a traceback.
    "timezone-posixrules": ('timezone = "posixrules"', ["unknown timezone 'posixrules'"]),
    "timezone-right": ('timezone = "right/UTC"', ["unknown timezone 'right/UTC'"]),
}


def _write(tmp_path: Path, setting: str) -> Path:
    key = setting.split("=", 1)[0].strip()
    lines = ["[[source]]"] + [f"{k} = {v}" for k, v in GOOD.items() if k != key] + [setting]
    path = tmp_path / "bad.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pressroom", *args], capture_output=True, text=True,
        env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **(env or {})},
        timeout=TIMEOUT, check=False,
    )


def _assert_refused(proc: subprocess.CompletedProcess[str], words: list[str]) -> None:
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("pressroom: error: "), lines[0]
    assert "bad.toml" in lines[0] and "source #1 (x)" in lines[0], lines[0]
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_setting_is_refused_before_anything_runs(tmp_path: Path, case: str) -> None:
    setting, words = CASES[case]
    bad = _write(tmp_path, setting)
    db = tmp_path / "x.duckdb"
    _assert_refused(_cli("ingest", "--sources", str(bad), "--db", str(db), "--no-prefect"),
                    words)
    _assert_refused(_cli("sources", "--sources", str(bad)), words)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]  # no db, no spool


def test_crlf_in_a_header_secret_is_refused_before_anything_runs(tmp_path: Path) -> None:
    bad = _write(tmp_path, 'headers = { Authorization = { env = "PR_TOKEN" } }')
    proc = _cli("ingest", "--sources", str(bad), "--db", str(tmp_path / "x.duckdb"),
                "--no-prefect", env={"PR_TOKEN": "Bearer t\r\nX-Injected: 1"})
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "PR_TOKEN" in lines[0] and "control characters" in lines[0], lines[0]
    assert "X-Injected" not in proc.stderr  # the value itself is never echoed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


def test_non_ascii_header_secret_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nname = "x"\nfeeds = ["http://127.0.0.1:9/feed.xml"]\n'
                   'allow_private_network = true\n'
                   'headers = { Authorization = { env = "PR_TOKEN" } }\n', encoding="utf-8")
    proc = _cli("ingest", "--sources", str(bad), "--db", str(tmp_path / "x.duckdb"),
                "--no-prefect", env={"PR_TOKEN": "Bearer clé"})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "PR_TOKEN" in lines[0] and "ASCII" in lines[0], lines[0]
    assert "clé" not in proc.stderr  # the value itself is never echoed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


def test_allowed_hosts_take_the_form_urls_have(tmp_path: Path) -> None:
    """Hosts are compared in host_of's form: a Unicode, upper-case or trailing-dot
    entry used to match nothing (canonical links and redirects there were refused)."""
    from flows.config import load_sources
    from flows.discovery_records import source_hosts

    path = _write(tmp_path, 'allowed_hosts = ["ПРИМЕР.рф", "News.Example.COM.", "::1"]')
    (source,) = load_sources(path)
    assert source.allowed_hosts == ("xn--e1afmkfd.xn--p1ai", "news.example.com", "::1")
    assert {"xn--e1afmkfd.xn--p1ai", "news.example.com"} <= source_hosts(source)


@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_lock_timeout_must_be_a_finite_wait(tmp_path: Path, value: str) -> None:
    """``--lock-timeout nan`` or ``inf`` waited for ever on a held file (a scheduled
    job stuck for good, as ``min_delay = inf`` was); they are usage errors."""
    good = _write(tmp_path, 'schedule = "0 * * * *"')
    db = tmp_path / "x.duckdb"
    for args in (["ingest", "--sources", str(good), "--db", str(db), "--no-prefect"],
                 ["status", "--db", str(db)]):
        proc = _cli(*args, f"--lock-timeout={value}")
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr, proc.stderr
        assert "--lock-timeout" in proc.stderr.strip().splitlines()[-1], proc.stderr
    assert not db.exists()
