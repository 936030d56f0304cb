#!/usr/bin/env python3
"""Measure every performance budget of MWP Desktop, each beside its baseline, in one run.

    python benchmarks/run.py            # office and national scale (about 10 minutes the first
                                        # time, while the national database is built and cached)
    python benchmarks/run.py --quick    # a smoke run on a small database, for CI
    python benchmarks/run.py --scale 4x # the national lines on four times national (building
                                        # and caching that database takes ~2 CPU-minutes)
    python benchmarks/run.py --only startup,memory

Prints a table, writes benchmarks/results.json (results-4x.json for --scale 4x,
results-quick.json for --quick) and exits 1
when a budget fails that no open issue owns (benchmarks/open_budgets.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import measures, open_budgets  # noqa: E402
from benchmarks.harness import format_table  # noqa: E402

RESULTS = Path(__file__).with_name("results.json")
QUICK_RESULTS = Path(__file__).with_name("results-quick.json")  # not kept in git
FOUR_TIMES_RESULTS = Path(__file__).with_name("results-4x.json")


def machine() -> dict:
    import psutil

    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "processor": platform.processor() or platform.machine(),
    }


def load_average() -> tuple[float, float, float] | None:
    """How busy the machine is (the 1, 5 and 15 minute load average); None on Windows, which
    does not keep one."""
    try:
        return os.getloadavg()
    except (AttributeError, OSError):
        return None


def describe_load(before: tuple | None, after: tuple | None) -> str:
    if before is None or after is None:
        return "load average: not known on this system"

    def three(values: tuple) -> str:
        return " ".join(f"{v:.2f}" for v in values)

    return f"load average (1, 5, 15 min) before {three(before)}, after {three(after)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small database, fewer runs (CI)")
    parser.add_argument("--only", help="comma-separated measure names: " + ", ".join(measures.ALL))
    parser.add_argument(
        "--scale", choices=("national", "4x"), default="national",
        help="the database of the national lines (office lines stay on the office database)",
    )  # fmt: skip
    parser.add_argument("--runs", type=int, help="repetitions per line (default 7, quick 3)")
    args = parser.parse_args(argv)

    names = args.only.split(",") if args.only else list(measures.ALL)
    unknown = [n for n in names if n not in measures.ALL]
    if unknown:
        parser.error(f"unknown measures: {', '.join(unknown)}")
    runs = args.runs or (3 if args.quick else 7)
    results = []
    with tempfile.TemporaryDirectory(prefix="mwp-bench-") as scratch:
        os.environ["MWP_DATA_DIR"] = scratch
        setup = measures.Setup(quick=args.quick, runs=runs, scratch=Path(scratch), big=args.scale)
        load_before = load_average()
        try:
            for name in names:
                print(f"… {name}", file=sys.stderr, flush=True)
                results.extend(measures.ALL[name](setup))
        finally:
            setup.close()
        load_after = load_average()
    print(format_table(results))
    for line in measures.PENDING.values():
        print(f"not measured yet: {line}")
    print(describe_load(load_before, load_after))
    target = QUICK_RESULTS if args.quick else RESULTS
    if args.scale == "4x" and not args.quick:
        target = FOUR_TIMES_RESULTS
    target.write_text(
        json.dumps(
            {
                "quick": args.quick,
                "scale": "small" if args.quick else args.scale,
                "date": datetime.now().isoformat(timespec="minutes"),
                "machine": machine(),
                # The machine may be shared: this says how busy it was around the run.
                "load_average": {"before": load_before, "after": load_after},
                "not_measured_yet": list(measures.PENDING.values()),
                "results": [r.as_dict() for r in results],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    code, said = open_budgets.verdict(results)
    for line in said:
        print(line)
    return code


if __name__ == "__main__":
    sys.exit(main())
