"""`background.Background`: work done in a forked child, handed back through a pipe, or done in
this process when no child can be forked or the child failed.

Forking needs a process with a single thread, which a pytest process need not be (browser and
serve tests start threads), so the tests that fork run in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from mkdocs_opsspec.background import Background, can_fork

pytestmark = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="no safe fork")


def run(code: str) -> dict:
    """Run `code` in a new interpreter; it prints one JSON object as its last line."""
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_work_runs_in_a_child_and_its_value_comes_back() -> None:
    out = run(
        """
        import json, os
        from mkdocs_opsspec.background import Background, can_fork
        ready = can_fork()
        job = Background(lambda: {"pid": os.getpid(), "rows": [("a", 1), ("b", 2)] * 3})
        value = job.result()
        print(json.dumps({"ready": ready, "me": os.getpid(), "value": value,
                          "in_child": job.in_child, "again": job.result() is value}))
        """
    )
    assert out["ready"] is True
    assert out["in_child"] is True
    assert out["value"]["pid"] != out["me"]  # it ran in another process
    assert out["value"]["rows"] == [["a", 1], ["b", 2]] * 3
    assert out["again"] is True  # the result is kept, not asked for twice


def test_a_child_that_fails_means_the_work_is_done_here() -> None:
    out = run(
        """
        import json, os
        from mkdocs_opsspec.background import Background
        parent = os.getpid()

        def work():
            if os.getpid() != parent:
                raise RuntimeError("only in the child")
            return "made here"

        job = Background(work)
        print(json.dumps({"value": job.result(), "in_child": job.in_child}))
        """
    )
    assert out == {"value": "made here", "in_child": False}


def test_an_error_of_the_work_is_raised_here_as_without_a_child() -> None:
    out = run(
        """
        import json
        from mkdocs_opsspec.background import Background

        def work():
            raise ValueError("a bug in the work")

        job = Background(work)
        try:
            job.result()
        except ValueError as exc:
            print(json.dumps({"raised": str(exc)}))
        """
    )
    assert out == {"raised": "a bug in the work"}


def test_cancel_stops_a_child_that_is_still_working() -> None:
    out = run(
        """
        import json, os, time
        from mkdocs_opsspec.background import Background
        job = Background(lambda: time.sleep(30))
        pid = job._pid
        start = time.perf_counter()
        job.cancel()
        try:
            os.kill(pid, 0)
            alive = True
        except ProcessLookupError:
            alive = False
        print(json.dumps({"seconds": time.perf_counter() - start, "alive": alive,
                          "forked": pid is not None}))
        """
    )
    assert out["forked"] is True
    assert out["alive"] is False  # killed and reaped: no zombie left
    assert out["seconds"] < 5


def test_no_child_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert can_fork() is False
        job = Background(lambda: sum(range(10)))
        assert job._pid is None
        assert job.result() == 45
        assert job.in_child is False
    finally:
        stop.set()
        thread.join()


def test_fork_false_does_the_work_here_on_demand() -> None:
    calls: list[float] = []
    job = Background(lambda: calls.append(time.perf_counter()) or "value", fork=False)
    assert calls == []  # nothing done before it is asked for
    assert job.result() == "value"
    assert job.result() == "value"
    assert len(calls) == 1
    assert job.in_child is False
