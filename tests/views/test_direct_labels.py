"""Names at the ends of lines never overlap and stay near their lines (issue 16, item 19)."""

from hypothesis import given
from hypothesis import strategies as st

from mwp_desktop.views.dashboard.direct_labels import spread


def test_names_of_lines_ending_together_are_spread_around_them():
    ends = [0.62, 0.63, 0.63, 0.64, 0.80]  # four districts at about 63%, the 80% target
    placed = spread(ends, gap=0.075, low=0.03, high=1.02)
    ordered = sorted(placed)
    assert all(b - a >= 0.075 - 1e-9 for a, b in zip(ordered, ordered[1:], strict=False))
    assert sorted(range(5), key=placed.__getitem__) == sorted(range(5), key=ends.__getitem__)
    assert min(placed) < 0.62 < max(placed)  # the stack sits around the lines, not above them


@given(st.lists(st.floats(0, 1), min_size=1, max_size=8))
def test_spread_names_keep_their_gap_and_stay_inside(ends):
    placed = spread(ends, gap=0.075, low=0.03, high=1.02)
    ordered = sorted(placed)
    assert all(b - a >= 0.075 - 1e-9 for a, b in zip(ordered, ordered[1:], strict=False))
    if len(ends) * 0.075 <= 1.02 - 0.03:
        assert ordered[0] >= 0.03 - 1e-9 and ordered[-1] <= 1.02 + 1e-9
