"""A second process for work that can run beside the build (the Whoosh index's second half, the browser's
index), where the machine has a second processor. If none can be started, or it fails, the caller does the
work itself: a second process only ever saves time."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
# No /dev/shm or semaphores (some containers), no fork or spawn (some platforms), a helper that died.
HELPER_FAILED = (OSError, NotImplementedError, ImportError, BrokenProcessPool)


def processors() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worth_it(count: int, least: int) -> bool:
    """Whether work on `count` items goes to a second process: enough of them to pay for starting it (`least`),
    and a second processor to run it on."""
    return count >= least and processors() > 1


def _end_quietly(signum: int, _frame: Any) -> None:
    os._exit(128 + signum)  # no traceback: the parent, told of the same Ctrl-C, says what happened


def _quiet_on_interrupt() -> None:
    """In the second process: Ctrl-C (sent to the terminal's whole process group) ends it at once, silently, so
    that the parent, which stops and reports, is not kept waiting for its work."""
    signal.signal(signal.SIGINT, _end_quietly)


class Beside(Generic[T]):
    """fn(*args) started in a new process (a fresh interpreter: nothing of the parent's state is shared).
    `result(here)` gives what it returned, or, when it could not start or failed, here(). None is started from
    a daemonic process (a worker of a process pool), which may not have children."""

    def __init__(self, fn: Callable[..., T], *args: Any) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.future: Future[T] | None = None
        if multiprocessing.current_process().daemon:
            return
        try:
            self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_quiet_on_interrupt)
            self.future = self.pool.submit(fn, *args)
        except HELPER_FAILED:
            self.stop()

    @property
    def started(self) -> bool:
        return self.future is not None

    def result(self, here: Callable[[], T], what: str) -> T:
        try:
            if self.future is not None:
                try:
                    return self.future.result()
                except HELPER_FAILED as err:
                    log.info("sotay: tiến trình phụ không %s được (%s); tiến trình chính làm tiếp", what, err)
            return here()
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop the process; a task already running is waited for (it may be writing files the caller is about
        to remove), its result dropped."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        self.pool = None
