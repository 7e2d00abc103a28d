"""Long fuzz run of the parser properties in ``tests/security/properties.py``.

The CI property tests run 200 examples each; this runs many more::

    uv run python bench/fuzz.py                  # 20,000 examples per property
    uv run python bench/fuzz.py -n 2000 extract  # one property, fewer examples

Each property is a Hypothesis test with no deadline (the check itself enforces
the time limit) and no example database, so runs are independent. Prints one
line per property: examples, seconds, and the shrunk failing input if any.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security import properties as p


def _properties(n: int) -> dict[str, Callable[[], None]]:
    """The checks wrapped as Hypothesis tests with ``n`` examples each."""
    cfg = settings(max_examples=n, deadline=None, database=None, print_blob=True,
                   suppress_health_check=list(HealthCheck))
    profiles = st.sampled_from([None, "belta", "un_press", "mfa_by"])
    return {
        "extract": cfg(given(p.html_docs, profiles)(p.check_extract)),
        "feed": cfg(given(p.feed_docs)(p.check_feed)),
        "normalize_url": cfg(given(p.url_texts, p.base_urls)(p.check_normalize)),
        "parse_date": cfg(given(p.date_texts)(p.check_parse_date)),
        "feed_date": cfg(given(p.date_texts)(p.check_feed_date)),
        "equivalent_urls": cfg(given(p.equivalent_urls())(p.check_equivalent)),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the chosen properties; exit 1 when any found a failing input."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--examples", type=int, default=20_000)
    parser.add_argument("names", nargs="*", help="properties to run (default: all)")
    args = parser.parse_args(argv)
    props = _properties(args.examples)
    failed = 0
    for name in args.names or list(props):
        t0 = time.monotonic()
        try:
            props[name]()
        except Exception as exc:  # report every property, not just the first failure
            failed += 1
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            print(f"{name}: FAILED after {time.monotonic() - t0:.0f}s\n{detail}", flush=True)
            continue
        print(f"{name}: ok, {args.examples} examples in {time.monotonic() - t0:.0f}s",
              flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
