"""Run the pressroom CLI and print the main process's CPU split by thread at exit.

    python bench/cpu_split.py [--root CHECKOUT] ingest --sources S --db D --no-prefect

Its last stderr line is ``main-cpu {json}``: the process's own CPU seconds
(``RUSAGE_SELF``: every thread of the ingest process, not its parse workers) and
per thread name, from ``/proc/self/task`` read every 0.2 s (a thread's CPU is
its last reading, so a thread that ended between two readings loses up to
0.2 s), and the cyclic collector's runs and seconds by generation. The parse
workers' CPU is the process tree's (``wait4``) minus this.
``--root`` runs another checkout's code (e.g. a worktree of an older commit,
with its own virtualenv's python) under the same measurement.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _thread_cpu(tid: int) -> float | None:
    try:
        fields = Path(f"/proc/self/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def _watch(seen: dict[int, tuple[str, float]], stop: threading.Event) -> None:
    while not stop.wait(0.2):
        for t in threading.enumerate():
            if t.native_id is None:
                continue
            cpu = _thread_cpu(t.native_id)
            if cpu is not None:
                seen[t.native_id] = (t.name, cpu)


def _time_gc(spent: dict[str, list[float]]) -> None:
    """Count the cyclic collector's runs by generation and their CPU (the CPU of
    the thread that triggered each one, which runs it)."""
    started = [0.0]

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.thread_time()
        else:
            gen = info["generation"]
            spent["collections"][gen] += 1
            spent["seconds"][gen] += time.thread_time() - started[0]

    gc.callbacks.append(callback)


def main() -> int:
    """Run the CLI with ``sys.argv[1:]``; print the split however it ends."""
    from pressroom.cli import main as cli

    collector: dict[str, list[float]] = {"collections": [0, 0, 0], "seconds": [0.0, 0.0, 0.0]}
    _time_gc(collector)
    seen: dict[int, tuple[str, float]] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(seen, stop), name="cpu-split", daemon=True)
    watcher.start()
    try:
        return cli(sys.argv[1:])
    finally:
        stop.set()
        watcher.join()
        by_name: dict[str, float] = {}
        for name, cpu in seen.values():
            # ThreadPoolExecutor threads are numbered: one name for the kind.
            kind = name.rsplit("_", 1)[0] if name.startswith("asyncio_") else name
            by_name[kind] = round(by_name.get(kind, 0.0) + cpu, 3)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print("main-cpu " + json.dumps({"total_s": round(usage.ru_utime + usage.ru_stime, 3),
                                        "user_s": round(usage.ru_utime, 3),
                                        "threads_s": by_name,
                                        "gc": {"collections": collector["collections"],
                                               "seconds": [round(x, 3) for x in
                                                           collector["seconds"]]}}),
              file=sys.stderr)


if __name__ == "__main__":
    # Only here: a spawned parse worker runs this file as __mp_main__ and must keep
    # the parent's sys.path (the checkout under test), not put this file's first.
    if sys.argv[1:2] == ["--root"]:
        sys.path.insert(0, str(Path(sys.argv[2]).resolve()))
        del sys.argv[1:3]
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
