"""Where to write the names at the ends of lines so that none overlaps another."""

from __future__ import annotations


def spread(heights: list[float], gap: float, low: float, high: float) -> list[float]:
    """Heights as close to `heights` as can be while at least `gap` apart and within
    low..high (when that many names fit); the returned list is in the order given.

    Lines that end together (five districts at about 65% at session 16) would put their names
    on top of each other: the names are stacked `gap` apart in the order of their lines, the
    stack is kept inside low..high, then moved back towards where the lines end, so that it
    sits around them rather than above them.
    """
    if not heights:
        return []
    order = sorted(range(len(heights)), key=lambda i: heights[i])
    wanted = [min(max(heights[i], low), high) for i in order]
    placed: list[float] = []
    for y in wanted:  # upwards from the lowest: each at least `gap` above the one below
        placed.append(max(y, placed[-1] + gap) if placed else y)
    placed[-1] = min(placed[-1], high)
    for k in range(len(placed) - 2, -1, -1):  # downwards from the top, if it went too high
        placed[k] = min(placed[k], placed[k + 1] - gap)
    drift = sum(p - y for p, y in zip(placed, wanted, strict=True)) / len(placed)
    drift = min(max(drift, placed[-1] - high), placed[0] - low)  # equal moves keep the gaps
    result = [0.0] * len(heights)
    for i, y in zip(order, placed, strict=True):
        result[i] = y - drift
    return result
