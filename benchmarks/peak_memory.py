"""The most memory this process has held, in MB, on Windows and Unix alike."""

from __future__ import annotations

import sys


def peak_memory_mb() -> float:
    if sys.platform == "win32":  # Windows has no resource module; its peak working set
        import psutil

        return psutil.Process().memory_info().peak_wset / 2**20
    if sys.platform.startswith("linux"):
        # The high-water mark of this program's own memory. Linux's ru_maxrss also keeps the
        # size of the process it was started from (copied at fork, kept through exec): a
        # child of the harness after it had built the national demo reported 693 MB, not 194.
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux counts in kilobytes, macOS in bytes.
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024
