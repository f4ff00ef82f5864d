"""Work done in a forked child process while the caller goes on with something else.

An MkDocs build runs on one core. Part of the plugin's work is known as soon as the navigation
is (the HTML for the spec pages, the generated pages' tables, the report), but only needed page
by page later; a child process forked at that point does it on another core while MkDocs converts
the pages, and hands the result back through a pipe.

The result is the same either way: `result()` runs the work in this process when no child could
be forked (no `fork` on Windows, unsafe on macOS and in a process with other threads, such as
`mkdocs serve`) or the child failed (then the error, if any, is the one this process raises).
No MkDocs here.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

_OK, _FAILED = b"+", b"-"


def can_fork() -> bool:
    """Whether a child can be forked safely here: Linux-like systems (macOS' system libraries may
    crash in a forked child), and only this one thread (a lock another thread holds at the
    fork would stay locked in the child)."""
    return (
        hasattr(os, "fork")
        and sys.platform != "darwin"
        and sys.platform != "win32"
        and threading.active_count() == 1
    )


class Background(Generic[T]):
    """`work()` run in a forked child (when `fork` is true and `can_fork()`), else on demand here.

    `seconds` is the time the work took, wherever it ran (for the plugin's `profile` option);
    `in_child` says where that was."""

    def __init__(self, work: Callable[[], T], *, fork: bool = True) -> None:
        self._work = work
        self._pid: int | None = None
        self._fd: int | None = None
        self._done = False
        self._value: T | None = None
        self.seconds = 0.0
        self.in_child: bool | None = None  # where the work ran, once `result()` has it
        if fork and can_fork():
            self._start()

    def _start(self) -> None:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do the work, send it, leave without running any cleanup
            os.close(read_fd)
            _child(self._work, write_fd)
        os.close(write_fd)
        self._pid, self._fd = pid, read_fd

    def result(self) -> T:
        """The work's value: the child's (waiting for it if it is not done yet), or computed
        here."""
        if not self._done:
            value = self._from_child() if self._pid is not None else None
            if value is None:
                start = time.perf_counter()
                self._value = self._work()
                self.seconds = time.perf_counter() - start
                self.in_child = False
            else:
                self._value, self.seconds = value
                self.in_child = True
            self._done = True
        return self._value  # type: ignore[return-value]

    def _from_child(self) -> tuple[T, float] | None:
        assert self._fd is not None and self._pid is not None
        chunks = []
        with os.fdopen(self._fd, "rb") as pipe:
            self._fd = None
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        data = b"".join(chunks)
        if status != 0 or not data.startswith(_OK):
            return None  # the work is done again here, where an error surfaces as usual
        value: tuple[T, float] = pickle.loads(data[1:])
        return value

    def cancel(self) -> None:
        """Stop the child if its result is not wanted any more (a failed build)."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):  # it may have ended already
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._done = True


def _child(work: Callable[[], object], fd: int) -> None:
    """In the forked child: no cyclic GC (it would touch, and so copy, every page of the
    parent's memory), the value pickled to the pipe, then `os._exit` (no atexit handlers, no
    flushing of the parent's buffers)."""
    code = 0
    try:
        gc.disable()
        start = time.perf_counter()
        value = work()
        data = _OK + pickle.dumps((value, time.perf_counter() - start), pickle.HIGHEST_PROTOCOL)
    except BaseException:  # reported to the parent, which does the work again
        data, code = _FAILED, 1
    try:
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
    except BaseException:  # the parent is gone or stopped reading
        code = 1
    finally:
        os._exit(code)
