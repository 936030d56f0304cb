"""The most memory this process has held, in MB, on Windows and Unix alike."""

from __future__ import annotations

import sys


def peak_memory_mb() -> float:
    if sys.platform == "win32":  # Windows has no resource module; its peak working set
        import psutil

        return psutil.Process().memory_info().peak_wset / 2**20
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux counts in kilobytes, macOS in bytes.
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024
