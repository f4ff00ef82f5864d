"""Run one command in-process and print its wall time and peak memory as JSON.

python benchmarks/measure.py build -q -f mkdocs.yml      # `mkdocs build ...`
python benchmarks/measure.py /path/to/mkdocs-opsspec check docs
"""

from __future__ import annotations

import json
import os
import resource
import runpy
import sys
import time


def main() -> None:
    args = sys.argv[1:]
    t = time.perf_counter()
    code = 0
    try:
        if args and args[0] in ("build", "serve"):
            sys.argv = ["mkdocs", *args]
            runpy.run_module("mkdocs", run_name="__main__")
        else:
            sys.argv = args
            # `mkdocs-opsspec` ends with os._exit (no interpreter cleanup): in this process
            # that exit comes back here, to be reported, and this wrapper then leaves the
            # same way (its forked children, which also end with os._exit, just end)
            os._exit = _exit_here  # type: ignore[assignment]
            runpy.run_path(args[0], run_name="__main__")
    except SystemExit as exc:
        code = int(exc.code or 0) if not isinstance(exc.code, str) else 1
    except _Exited as exc:
        code = exc.code
    seconds = time.perf_counter() - t
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # worker processes (`check --jobs`): the largest one's peak; run.py samples their sum
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    sys.stdout.flush()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "max_rss_mb": round(rss_mb, 1),
                "max_rss_child_mb": round(children_mb, 1),
                "exit": code,
            }
        )
    )


class _Exited(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


_REAL_EXIT = os._exit
_MAIN_PID = os.getpid()


def _exit_here(code: int) -> None:
    if os.getpid() != _MAIN_PID:
        _REAL_EXIT(code)
    raise _Exited(code)


if __name__ == "__main__":
    main()
    if os._exit is _exit_here:  # as the command itself would have ended
        sys.stdout.flush()
        _REAL_EXIT(0)
