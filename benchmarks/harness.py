"""The benchmark harness: medians of repeated runs, beside a baseline taken in the same run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass
class Result:
    name: str
    median: float  # seconds, or MB for memory lines
    unit: str  # "ms", "s" or "MB"
    budget: str  # as written in the issue
    passed: bool
    baseline: float | None = None
    ratio: float | None = None
    runs: int = 1
    note: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def median_seconds(action: Callable[[], object], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def absolute(
    name: str, seconds: float, limit_seconds: float, runs: int, unit: str = "ms"
) -> Result:
    value = seconds * 1000 if unit == "ms" else seconds
    limit = limit_seconds * 1000 if unit == "ms" else limit_seconds
    return Result(
        name=name,
        median=value,
        unit=unit,
        budget=f"≤ {limit:g} {unit}",
        passed=seconds <= limit_seconds,
        runs=runs,
    )


def relative(name: str, seconds: float, baseline: float, max_ratio: float, runs: int) -> Result:
    ratio = seconds / baseline if baseline > 0 else float("inf")
    return Result(
        name=name,
        median=seconds * 1000,
        unit="ms",
        budget=f"≤ {max_ratio:g}× baseline",
        passed=ratio <= max_ratio,
        baseline=baseline * 1000,
        ratio=ratio,
        runs=runs,
    )


def format_table(results: list[Result]) -> str:
    header = f"{'what':<58} {'median':>12} {'baseline':>12} {'ratio':>7} {'budget':>18}  result"
    lines = [header, "-" * len(header)]
    for r in results:
        baseline = f"{r.baseline:,.1f} {r.unit}" if r.baseline is not None else "—"
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "—"
        lines.append(
            f"{r.name:<58} {r.median:>9,.1f} {r.unit:<2} {baseline:>12} {ratio:>7} {r.budget:>18}"
            f"  {'pass' if r.passed else 'FAIL'}{'  ' + r.note if r.note else ''}"
        )
    return "\n".join(lines)
