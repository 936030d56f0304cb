"""What each dashboard chart shows, said in one sentence.

A supervisor reads "attendance falls from 85% at session 1 to 62% at session 16" at a glance;
the same finding in a chart of five lines takes study, and is lost on whoever cannot tell two
colours apart. Each sentence comes from the same numbers the chart draws.
"""

from __future__ import annotations

from .dashboard import Dashboard


def _percent(value: float) -> str:
    return f"{value:.0%}"


def below_target(below: int, total: int, target: float, measure: str, noun: str) -> str:
    """How many are below the target, in words that fit the counts: "2 of 5 districts are
    below the 80% completion target". `noun` is singular and plural: "district/districts"."""
    one, many = noun.split("/")
    goal = f"the {_percent(target)} {measure} target"
    if total == 1:
        return f"The one {one} {'meets' if below == 0 else 'is below'} {goal}."
    if below == 0:
        return f"All {total} {many} meet {goal}."
    if below == total and total == 2:
        return f"Both {many} are below {goal}."
    if below == total:
        return f"All {total} {many} are below {goal}."
    return f"{below} of {total} {many} are below {goal}."


def weekly_sentence(board: Dashboard) -> str:
    weeks = [w for w in board.weeks if w.marks]
    if not weeks:
        return ""
    overall = sum(w.attended for w in weeks) / sum(w.marks for w in weeks)
    lowest = min(weeks, key=lambda w: (w.rate, w.week_start))
    return (
        f"Attendance was {_percent(overall)} over the period "
        f"(target {_percent(board.targets.attendance)}); lowest in the week of "
        f"{lowest.week_start:%d/%m/%Y} ({_percent(lowest.rate)})."
    )


def retention_sentence(board: Dashboard) -> str:
    if not board.retention:
        return ""
    points = [p for p in board.retention[0].points if p.share is not None]
    if len(points) < 2:
        return ""
    first, last = points[0], points[-1]
    way = "falls" if last.share < first.share else "rises" if last.share > first.share else "stays"
    if way == "stays":
        return f"Attendance stays at {_percent(first.share)} from session {first.number} to {last.number}."
    return (
        f"Attendance {way} from {_percent(first.share)} at session {first.number} "
        f"to {_percent(last.share)} at session {last.number}."
    )


def completion_sentence(board: Dashboard) -> str:
    bars = [b for b in board.completion if b.rate is not None]
    if not bars:
        return ""
    target = board.targets.completion
    below = sum(1 for b in bars if b.rate < target - 1e-9)
    lowest = min(bars, key=lambda b: (b.rate, b.label))
    places = "district/districts" if board.completion_by == "district" else "community/communities"
    return below_target(below, len(bars), target, "completion", places) + (
        f" Lowest: {lowest.label}, {_percent(lowest.rate)}."
        if len(bars) > 1
        else f" {lowest.label}: {_percent(lowest.rate)}."
    )


def facilitators_sentence(board: Dashboard) -> str:
    rows = [r for r in board.weakest_facilitators if r.rate is not None]
    if not rows:
        return ""
    target = board.targets.attendance
    below = sum(1 for r in rows if r.rate < target - 1e-9)
    return below_target(below, len(rows), target, "attendance", "facilitator/facilitators")


def status_mix_sentence(board: Dashboard) -> str:
    months = [m for m in board.status_mix if m.marks]
    if not months:
        return ""
    first, last = months[0], months[-1]
    if first is last:
        return f"Absent: {_percent(first.absent / first.marks)} of the marks in {first.label}."
    return (
        f"Absent: {_percent(first.absent / first.marks)} of the marks in {first.label}, "
        f"{_percent(last.absent / last.marks)} in {last.label}."
    )


def enrolment_sentence(board: Dashboard) -> str:
    if not board.enrolment:
        return ""
    last = board.enrolment[-1]
    return (
        f"{last.registered:,} people registered in total; "
        f"{last.enrolled:,} in a group at the end of {last.label}."
    )
