"""bench/body_rule_audit.py switches off every body rule family (a51): each module of
``parsers/body/`` holds a rule it switches, or is listed in ``EXEMPT`` with the reason, so
a rule added in a new module is not left on silently; and every name it patches still
exists. Before: ``install()`` stopped at ``elements._hidden_series`` (moved to
``hidden.py``), and bars' link bar, captions, highlights, credits' agency line, locale
labels, notices, CJK lines, parts, stories and posts were switched nowhere.

``install()`` replaces module attributes, so it runs in its own interpreter here."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import parsers.body
from bench import body_rule_audit

PROBE = """
import json, sys
sys.path.insert(0, {root!r})
from bench import body_rule_audit as audit
audit.install()
print(json.dumps({{"covered": sorted(audit.COVERED), "rules": audit.RULES}}))
"""


def body_modules() -> set[str]:
    return {"parsers.body"} | {
        f"parsers.body.{m.name}" for m in pkgutil.iter_modules(parsers.body.__path__)
    }


def installed() -> dict[str, list[str]]:
    code = PROBE.format(root=str(body_rule_audit.ROOT))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, list[str]] = json.loads(out.splitlines()[-1])
    return result


def test_every_body_module_is_switched_or_exempt_with_a_reason() -> None:
    got = installed()
    covered = set(got["covered"])
    assert body_modules() - covered - set(body_rule_audit.EXEMPT) == set()
    # An exempt module that gains a switched rule leaves the exempt list.
    assert covered & set(body_rule_audit.EXEMPT) == set()
    assert set(body_rule_audit.EXEMPT) <= body_modules()
    assert len(got["rules"]) == len(set(got["rules"]))
