"""The GEM Scale's scoring rule (Pulerwitz & Barker 2008), so that a higher score always means
more gender-equitable: an item scores its code (Agree 1 ... Do not agree 3), a reverse-scored
item 4 - code. A man's round is scored when at least 80% of the items are answered; the total is
then the mean of the answered item scores times the number of items, rounded to one decimal.

Sums and means are kept as exact fractions and rounded half up once at the end: a float of
47.15 is 47.1499..., and would round a man down."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .instruments import CODES, Instrument, Item

# At least four answered items in every five (80%), in whole numbers.
SCORED_SHARE = Fraction(4, 5)


@dataclass(frozen=True)
class Score:
    answered: int
    total: float | None  # None: too few answers, "not scored"
    inequitable: float | None
    equitable: float | None
    mean_item: float | None  # 1 to 3, comparable across versions with fewer items
    band: str | None

    @property
    def scored(self) -> bool:
        return self.total is not None


def item_score(item: Item, code: int) -> int:
    return 4 - code if item.reverse else code


def score(instrument: Instrument, answers: Mapping[int, int | None]) -> Score:
    """One man's round: `answers` maps a statement number to its code, None when refused or not
    known."""
    given = {item.number: item_score(item, answers[item.number]) for item in instrument.items
             if answers.get(item.number) in CODES}  # fmt: skip
    count = len(instrument.items)
    if len(given) < SCORED_SHARE * count:
        return Score(len(given), None, None, None, None, None)
    total = _prorated(given.values(), count)
    return Score(
        answered=len(given),
        total=total,
        inequitable=_subscale(instrument, given, "inequitable"),
        equitable=_subscale(instrument, given, "equitable"),
        mean_item=_rounded(Fraction(sum(given.values()), len(given)), "0.01"),
        band=band_of(instrument, total),
    )


def _subscale(instrument: Instrument, given: Mapping[int, int], subscale: str) -> float | None:
    numbers = [item.number for item in instrument.items if item.subscale == subscale]
    answered = [given[number] for number in numbers if number in given]
    return _prorated(answered, len(numbers)) if answered else None


def _prorated(item_scores: Iterable[int], count: int) -> float:
    scores = list(item_scores)
    return _rounded(Fraction(sum(scores), len(scores)) * count, "0.1")


def _rounded(value: Fraction, places: str) -> float:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal(places), rounding=ROUND_HALF_UP))


def band_of(instrument: Instrument, total: float | None) -> str | None:
    if total is None:
        return None
    reached = [band for band in instrument.bands if total >= band.lower]
    return reached[-1].label if reached else None
