"""Small measuring helpers: medians, percentiles, concurrent HTTP load."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def rss_mib(pid: int | None) -> float:
    """Resident set size of a process in MiB (from /proc), NaN when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, TypeError):
        pass
    return float("nan")


def cpu_seconds(pid: int | None) -> float:
    """User plus system CPU time a process has used so far (from /proc), NaN when it is gone. CPU time per request
    does not depend on how busy the rest of the machine is, unlike wall time, so it is the fair figure on 2 shared
    cores."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, TypeError, IndexError, ValueError):
        return float("nan")


def median_rate(count: int, run: Callable[[], None], repeats: int = 3) -> float:
    """Items per second: the median over `repeats` runs of `run` processing `count` items."""
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        rates.append(count / (time.perf_counter() - started))
    return statistics.median(rates)


@dataclass(frozen=True)
class Load:
    per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def http_load(requests: list[Callable[[httpx.Client], httpx.Response]], workers: int = 4) -> Load:
    latencies: list[float] = []
    errors = 0

    def one(client: httpx.Client, make: Callable[[httpx.Client], httpx.Response]) -> tuple[float, bool]:
        started = time.perf_counter()
        response = make(client)
        return (time.perf_counter() - started) * 1000, response.status_code < 400

    started = time.perf_counter()
    with httpx.Client(timeout=60) as client, ThreadPoolExecutor(workers) as pool:
        for latency, ok in pool.map(lambda make: one(client, make), requests):
            latencies.append(latency)
            errors += not ok
    wall = time.perf_counter() - started
    return Load(len(requests) / wall, percentile(latencies, 50), percentile(latencies, 99), errors)


def settle(pids: list[int | None], say: Callable[[str], None], idle_cores: float = 0.15, window: float = 2.0,
           limit: float = 180.0) -> float:
    """Wait until these processes together use less than `idle_cores` of CPU over `window` seconds (a platform
    that just started is still loading its seed stories through federation and indexer, which would take CPU from
    the scenario being measured). Returns the seconds waited; gives up after `limit` and says so."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        before = sum(cpu_seconds(p) for p in pids)
        time.sleep(window)
        busy = (sum(cpu_seconds(p) for p in pids) - before) / window
        if busy < idle_cores:
            return time.monotonic() - started
    say(f"the platform did not settle within {limit:.0f} s; measuring anyway")
    return time.monotonic() - started
