"""The GEM Scale's published scoring, at its edges: higher always means more gender-equitable.

An inequitable statement scores its code (Agree 1 ... Do not agree 3); an equitable one scores
4 - code. A man's round is scored when at least 80% of the items are answered: the total is then
the mean of the answered item scores times the number of items, rounded to one decimal."""

from __future__ import annotations

import pytest

from mwp_desktop.errors import ValidationError
from mwp_desktop.services.surveys.instruments import (
    instrument_from_definition,
    shipped_instrument,
)
from mwp_desktop.services.surveys.scoring import score

AGREE, PARTLY, DISAGREE = 1, 2, 3


@pytest.fixture(scope="module")
def gem():
    return shipped_instrument()


def every(instrument, code):
    return {item.number: code for item in instrument.items}


def test_the_shipped_scale_keeps_the_published_order_and_subscales(gem):
    numbers = [item.number for item in gem.items]
    assert numbers == list(range(1, len(numbers) + 1))
    inequitable = [i.number for i in gem.items if i.subscale == "inequitable"]
    equitable = [i.number for i in gem.items if i.subscale == "equitable"]
    assert inequitable == list(range(1, 18))
    assert equitable == list(range(18, len(numbers) + 1))
    assert all(i.reverse for i in gem.items if i.subscale == "equitable")
    assert not any(i.reverse for i in gem.items if i.subscale == "inequitable")
    assert gem.items[6].statement == "There are times when a woman deserves to be beaten."
    assert "Pulerwitz" in gem.source


def test_agreeing_with_everything_scores_low_on_inequitable_and_high_on_equitable(gem):
    result = score(gem, every(gem, AGREE))
    equitable_count = sum(1 for i in gem.items if i.reverse)
    assert result.inequitable == 17 * 1
    assert result.equitable == equitable_count * 3
    assert result.total == 17 + 3 * equitable_count
    assert result.answered == len(gem.items)


def test_disagreeing_with_everything_is_the_mirror(gem):
    result = score(gem, every(gem, DISAGREE))
    equitable_count = sum(1 for i in gem.items if i.reverse)
    assert result.inequitable == 17 * 3
    assert result.equitable == equitable_count * 1
    assert result.total == 51 + equitable_count


def test_the_most_equitable_man_scores_the_maximum(gem):
    answers = {i.number: (AGREE if i.reverse else DISAGREE) for i in gem.items}
    result = score(gem, answers)
    assert result.total == 3 * len(gem.items)
    assert result.mean_item == 3
    assert result.band == "High equity"


def test_the_least_equitable_man_scores_the_minimum(gem):
    answers = {i.number: (DISAGREE if i.reverse else AGREE) for i in gem.items}
    result = score(gem, answers)
    assert result.total == len(gem.items)
    assert result.mean_item == 1
    assert result.band == "Low equity"


def test_a_reverse_scored_item_counts_four_minus_its_code(gem):
    base = every(gem, PARTLY)  # every item scores 2 whichever way it is scored
    assert score(gem, base).total == 2 * len(gem.items)
    agreeing_to_equitable = {**base, 18: AGREE}
    agreeing_to_inequitable = {**base, 7: AGREE}
    assert score(gem, agreeing_to_equitable).total == 2 * len(gem.items) + 1
    assert score(gem, agreeing_to_inequitable).total == 2 * len(gem.items) - 1


def twenty_four_items():
    """The issue's 24-item shape (17 inequitable, 7 equitable), with test statements."""
    return instrument_from_definition(
        {
            "name": "Test scale",
            "version": 1,
            "items": [
                {"number": n, "subscale": "inequitable" if n <= 17 else "equitable",
                 "reverse": n > 17, "statement": f"Test statement {n}."}
                for n in range(1, 25)
            ],
            "bands": [{"label": "Low", "from": 1}, {"label": "Moderate", "from": 24},
                      {"label": "High", "from": 48}],
        }
    )  # fmt: skip


def test_at_80_percent_answered_the_round_is_scored_and_below_it_is_not():
    scale = twenty_four_items()
    twenty = {n: PARTLY for n in range(1, 21)}  # 20 of 24 = 83%
    nineteen = {n: PARTLY for n in range(1, 20)}  # 19 of 24 = 79%
    assert score(scale, twenty).total == 48.0
    assert score(scale, twenty).answered == 20
    not_scored = score(scale, nineteen)
    assert not_scored.total is None
    assert not_scored.inequitable is None and not_scored.equitable is None
    assert not_scored.band is None
    assert not_scored.answered == 19


def test_the_80_percent_rule_on_the_shipped_scale(gem):
    needed = -(-len(gem.items) * 4 // 5)  # the smallest count at or above 80%
    enough = {i.number: PARTLY for i in gem.items[:needed]}
    too_few = {i.number: PARTLY for i in gem.items[: needed - 1]}
    assert score(gem, enough).total is not None
    assert score(gem, too_few).total is None


def test_missing_answers_do_not_count_as_answered(gem):
    answers = every(gem, AGREE)
    answers.update({1: None, 2: None})
    assert score(gem, answers).answered == len(gem.items) - 2


def test_the_total_is_the_mean_of_answered_items_times_the_items_rounded_half_up():
    scale = twenty_four_items()
    # 20 answered (items 1-20), scores summing to 41: 41 / 20 * 24 = 49.2 exactly.
    answers = {n: PARTLY for n in range(1, 21)}
    answers.update({1: AGREE})  # item 1 scores 1: the sum is 39
    assert score(scale, answers).total == round(39 / 20 * 24, 1) == 46.8
    # 23 items, 20 answered summing to 41: 41 * 23 / 20 = 47.15 exactly, which rounds up to
    # 47.2 (a float of 47.15 would round down to 47.1).
    scale23 = instrument_from_definition(
        {"name": "Twenty-three", "version": 1,
         "items": [{"number": n, "subscale": "inequitable", "statement": f"S {n}."}
                   for n in range(1, 24)]}
    )  # fmt: skip
    sum41 = {n: PARTLY for n in range(1, 21)}
    sum41[1] = DISAGREE  # 19 * 2 + 3 = 41
    assert score(scale23, sum41).total == 47.2


def test_subscale_scores_follow_the_same_rule():
    scale = twenty_four_items()
    answers = {n: AGREE for n in range(1, 25)}
    answers.update({24: None, 23: None})  # 22 of 24 answered; 5 of 7 equitable items
    result = score(scale, answers)
    assert result.inequitable == 17
    assert result.equitable == 21.0  # mean 3 x 7 items
    assert result.total == round((17 + 15) / 22 * 24, 1)


def test_bands_are_taken_from_the_total():
    scale = twenty_four_items()
    assert score(scale, {n: PARTLY for n in range(1, 25)}).band == "High"  # 48
    low_middle = {n: PARTLY for n in range(1, 25)}
    low_middle.update({1: AGREE})
    assert score(scale, low_middle).band == "Moderate"  # 47


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"items": []}, "at least one"),
        ({"items": [{"number": 1, "subscale": "other", "statement": "S."}]}, "subscale"),
        ({"items": [{"number": 1, "subscale": "inequitable", "statement": ""}]}, "statement"),
        ({"items": [{"number": 1, "subscale": "equitable", "statement": "S."},
                    {"number": 1, "subscale": "equitable", "statement": "T."}]}, "twice"),
        ({"bands": [{"label": "Low", "from": 30}, {"label": "High", "from": 10}]}, "rising"),
    ],
)  # fmt: skip
def test_a_bad_instrument_is_refused_with_its_reason(change, reason):
    definition = {"name": "Bad", "version": 1,
                  "items": [{"number": 1, "subscale": "inequitable", "statement": "S."}]}  # fmt: skip
    definition.update(change)
    with pytest.raises(ValidationError, match=reason):
        instrument_from_definition(definition)
