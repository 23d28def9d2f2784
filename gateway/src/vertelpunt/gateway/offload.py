"""Blocking work (OpenSearch calls) runs in a bounded pool of worker threads, never on the event loop, so
/health, /ready and other requests keep answering while a heavy query runs."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from vertelpunt.gateway.errors import Timeout

T = TypeVar("T")
_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None
_workers = 16

TIMEOUT_MESSAGE = "Dit deel van de vraag duurde te lang. Maak de vraag kleiner of probeer het later opnieuw."


def configure(workers: int) -> None:
    """Set the pool size; takes effect for a pool not yet started (the first request starts it)."""
    global _workers
    _workers = max(1, workers)


def executor() -> ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=_workers, thread_name_prefix="gateway-resolver")
        return _executor


async def run_blocking(function: Callable[..., T], *args: Any, timeout: float | None = None, **kwargs: Any) -> T:
    """`function(*args, **kwargs)` in a worker thread, with the caller's context variables (log context).

    After `timeout` seconds the caller gets a typed TIMEOUT error; the thread finishes on its own (OpenSearch
    calls have their own timeout), its result is dropped.
    """
    call = functools.partial(contextvars.copy_context().run, function, *args, **kwargs)
    future = asyncio.get_running_loop().run_in_executor(executor(), call)
    try:
        return await asyncio.wait_for(future, timeout)
    except TimeoutError:
        raise Timeout(TIMEOUT_MESSAGE) from None
