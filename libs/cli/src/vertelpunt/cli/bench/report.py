"""docs/benchmarks.md: every figure with the machine, versions and settings it was measured with."""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib.metadata import version
from typing import Any

from vertelpunt.cli.bench import second_check
from vertelpunt.cli.stack.settings import StackSettings


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    try:
        with open("/proc/meminfo") as meminfo:
            return int(meminfo.readline().split()[1]) / 1024 / 1024
    except OSError:
        return float("nan")


def _postgres() -> str:
    try:
        return subprocess.run(["psql", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "unknown"


def werkplaats_rows(w: dict[str, Any]) -> list[str]:
    """Per Werkplaats view: p50 and p95 of its load in headless Chromium (navigation start to chart and table)."""
    rows = []
    for view, figures in w["views"].items():
        failed = f", {figures['failed']} failed" if figures["failed"] else ""
        rows.append(f"| Werkplaats view {view} at {w['size']:,} stories, headless Chromium, navigation until chart "
                    f"and table are drawn ({figures['loads']} loads{failed}) | p50 {figures['p50']:.0f} ms, p95 "
                    f"{figures['p95']:.0f} ms | p95 <= 1 s at 1M |")
    return rows


def render(results: dict[str, Any], settings: dict[str, Any]) -> str:
    stack = StackSettings()
    a, i, p, ix, q, f = (results.get(k) for k in ("anonymiser", "intake", "pipeline", "indexer", "queries",
                                                   "freshness"))
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `vertelpunt bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Medians and percentiles over "
        "repeated runs; ratios are measured in the same run. Benchmarks only: no test asserts a timing.",
        "",
        "## Machine, versions, settings",
        f"- CPU: {_cpu()}, {os.cpu_count()} cores; memory {_memory_gib():.0f} GiB; {platform.platform()}",
        f"- Python {platform.python_version()}; Kafka {stack.kafka_version} (heap {stack.kafka_heap}); OpenSearch "
        f"{stack.opensearch_version} (heap {stack.opensearch_heap}, 1 shard, 0 replicas); Keycloak "
        f"{stack.keycloak_version}; {_postgres()}",
        f"- kafka-python {version('kafka-python')}, opensearch-py {version('opensearch-py')}, fastapi "
        f"{version('fastapi')}, strawberry-graphql {version('strawberry-graphql')}, "
        f"sqlalchemy {version('sqlalchemy')}, "
        f"deduce {version('deduce')}",
        f"- Settings: {', '.join(f'{k}={v}' for k, v in settings.items())}. All servers, services and the load "
        "generator share the same 2 cores, so every figure includes that contention.",
        f"- Load average (1, 5, 15 min) when the report was written: {', '.join(f'{x:.1f}' for x in os.getloadavg())}"
        " (other work on the machine shows here).",
        "",
        "## Results",
        "| what | measured | target (issue 14) |",
        "|---|---|---|",
    ]
    if a:
        lines += [
            f"| anonymiser, stories/s on one core ({a['stories']} stories, mean {a['mean_words']} words) | "
            f"{a['ours_per_s']:.0f} | >= 250 |",
            f"| deduce alone on the same stories, stories/s | {a['deduce_per_s']:.0f} (ours/deduce = "
            f"{a['ratio']:.1f}x) | ratio |"]
        if "worst_cpu_ms_per_10kb" in a:
            lines.append(
                f"| anonymiser worst case over {a['adversarial_inputs']} adversarial inputs (10 and 40 KB), ms per "
                f"10 KB | {a['worst_cpu_ms_per_10kb']:.0f} CPU, {a['worst_wall_ms_per_10kb']:.0f} wall "
                f"({a['worst_input']}) | <= 50 |")
    if i:
        s, t = i["stories"], i["trivial"]
        lines += [
            f"| intake, stories accepted/s (1 worker, PostgreSQL, 4 clients) | {s.per_second:.0f} "
            f"(p50 {s.p50_ms:.0f} ms, p99 {s.p99_ms:.0f} ms, {s.errors} errors) | >= 250 |",
            f"| same app, trivial endpoint /health | {t.per_second:.0f}/s (p50 {t.p50_ms:.1f} ms, p99 "
            f"{t.p99_ms:.1f} ms); stories/trivial = {i['ratio']:.2f} | >= 0.6 |"]
        if "cpu_ms_story" in i:
            lines.append(f"| intake process CPU time per request (independent of machine load) | story "
                         f"{i['cpu_ms_story']:.1f} ms, /health {i['cpu_ms_trivial']:.2f} ms: one core sustains "
                         f"{1000 / i['cpu_ms_story']:.0f} stories/s (ratio "
                         f"{i['cpu_ms_trivial'] / i['cpu_ms_story']:.2f}) | >= 250, >= 0.6 |")
    if p:
        lines += [
            f"| relay, events/s (backlog of {p['events']}) | {p['relay_per_s']:.0f} (backlog drained in "
            f"{p['relay_seconds']:.0f} s) | >= 3,000 |",
            f"| federation service, events/s (transactions, policy, PII check) | {p['federation_per_s']:.0f} "
            f"(drained in {p['federation_seconds']:.0f} s) | - |"]
    if ix:
        lines += [f"| indexer, documents/s in bulk backfill (batches of 1000) | {ix['backfill']:.0f} | >= 1,500 |",
                  f"| indexer, documents/s in steady state (batches of 50) | {ix['steady']:.0f} | - |"]
    if f:
        lines += [f"| end-to-end freshness, submission to searchable ({f['probes']} probes, background load) | "
                  f"p50 {f['p50']:.2f} s, p95 {f['p95']:.2f} s, p99 {f['p99']:.2f} s, slowest "
                  f"{max(f['delays'], default=float('nan')):.2f} s; not searchable within 60 s: "
                  f"{f.get('lost', 0)} | p95 <= 2 s, p99 <= 5 s |"]
        for name, mib in f.get("rss_mib", {}).items():
            lines.append(f"| resident memory of {name} after the freshness run | {mib:.0f} MiB | reported |")
    if q:
        for size, figures in q.items():
            if figures["bulk_index_per_s"] == figures["bulk_index_per_s"]:  # not NaN
                lines.append(f"| bulk indexing {size:,} stories straight into OpenSearch, docs/s | "
                             f"{figures['bulk_index_per_s']:.0f} | - |")
            for name in ("search", "whatWorks", "crossTab", "triadPattern", "trend", "compareGroups"):
                p50, p99 = figures[name]
                target = "p99 <= 100 ms at 1M"
                lines.append(f"| {name} through the gateway at {size:,} stories | p50 {p50:.0f} ms, p99 {p99:.0f} ms |"
                             f" {target} |")
            d50, d99 = figures["search_direct"]
            lines.append(f"| same search straight to OpenSearch at {size:,} (interleaved with the gateway's) | "
                         f"p50 {d50:.0f} ms, p99 {d99:.0f} ms | - |")
            if "overhead_ms" in figures:
                g50, _ = figures["search_pair"]
                lines.append(f"| gateway overhead at {size:,}: median of paired differences; gateway CPU per search | "
                             f"{figures['overhead_ms']:.1f} ms (ratio {g50 / d50:.2f}); "
                             f"{figures['gateway_cpu_ms_search']:.1f} ms CPU | overhead <= 3 ms |")
            lines.append(f"| resident memory of the gateway at {size:,} stories | "
                         f"{figures.get('gateway_rss_mib', float('nan')):.0f} MiB | reported |")
    lines += werkplaats_rows(results["werkplaats"]) if "werkplaats" in results else []
    lines += second_check.report_rows(results["second_check"]) if "second_check" in results else []
    lines += ["", "## How to read and reproduce",
              "Run `make bench` (or `vertelpunt bench --help` for sizes). The pattern queries include the "
              "disclosure control, which runs extra aggregations per filter dimension; the gateway overhead is the "
              "difference between the same search through GraphQL (token validation, schema, suppression of the "
              "total) and sent straight to OpenSearch.", ""]
    return "\n".join(lines)
