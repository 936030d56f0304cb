"""An attitude-survey instrument: its numbered statements, which subscale each belongs to, which
are reverse-scored, and the bands a total falls in. The shipped GEM Scale is a file under
`resources/instruments/`; an office's adapted versions are stored as the same definition."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from ...errors import ValidationError
from ...resource_files import resource_path

SHIPPED_INSTRUMENT_FILE = "gem_scale_v1.json"
SUBSCALES = ("inequitable", "equitable")
RESPONSES = ((1, "Agree", "A"), (2, "Partially agree", "P"), (3, "Do not agree", "D"))
CODES = tuple(code for code, _label, _key in RESPONSES)


@dataclass(frozen=True)
class Item:
    number: int
    subscale: str
    statement: str
    reverse: bool  # Agree is the most equitable answer: the item scores 4 - code


@dataclass(frozen=True)
class Band:
    label: str
    lower: float  # a total at or above this falls in the band (up to the next band's lower)


@dataclass(frozen=True)
class Instrument:
    name: str
    version: int
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    source: str = ""
    note: str = ""

    @property
    def title(self) -> str:
        return f"{self.name} (version {self.version})"

    def item(self, number: int) -> Item | None:
        return next((item for item in self.items if item.number == number), None)


def shipped_instrument() -> Instrument:
    text = resource_path("instruments", SHIPPED_INSTRUMENT_FILE).read_text("utf-8")
    return instrument_from_definition(json.loads(text))


def instrument_from_definition(data: Mapping) -> Instrument:
    """The instrument a definition describes, or a ValidationError naming what is wrong."""
    problems: dict[str, str] = {}
    name = str(data.get("name", "")).strip()
    if not name:
        problems["name"] = "an instrument needs a name"
    items = _items(data.get("items") or [], problems)
    bands = _bands(data.get("bands") or [], problems)
    if problems:
        raise ValidationError(problems)
    return Instrument(
        name=name,
        version=int(data.get("version", 1)),
        items=items,
        bands=bands,
        source=str(data.get("source", "")),
        note=str(data.get("note", "")),
    )


def _items(rows: list, problems: dict[str, str]) -> tuple[Item, ...]:
    if not rows:
        problems["items"] = "an instrument needs at least one statement"
        return ()
    items, seen = [], set()
    for row in rows:
        number = int(row.get("number", 0))
        statement = str(row.get("statement", "")).strip()
        subscale = str(row.get("subscale", ""))
        if number < 1 or number in seen:
            problems["items"] = f"statement number {number} is missing or used twice"
        elif subscale not in SUBSCALES:
            problems["items"] = (
                f"statement {number} has no known subscale (inequitable or equitable)"
            )
        elif not statement:
            problems["items"] = f"statement {number} has no statement text"
        seen.add(number)
        items.append(Item(number, subscale, statement, bool(row.get("reverse", False))))
    return tuple(sorted(items, key=lambda item: item.number))


def _bands(rows: list, problems: dict[str, str]) -> tuple[Band, ...]:
    bands = tuple(Band(str(row["label"]).strip(), float(row["from"])) for row in rows)
    lowers = [band.lower for band in bands]
    if lowers != sorted(set(lowers)):
        problems["bands"] = "each band must start above the one before it (rising cut-offs)"
    if any(not band.label for band in bands):
        problems["bands"] = "every band needs a name"
    return bands


def definition_of(instrument: Instrument) -> dict:
    """The instrument as the JSON definition it is stored as."""
    return {
        "name": instrument.name,
        "version": instrument.version,
        "source": instrument.source,
        "note": instrument.note,
        "bands": [{"label": band.label, "from": band.lower} for band in instrument.bands],
        "items": [
            {"number": item.number, "subscale": item.subscale, "reverse": item.reverse,
             "statement": item.statement}
            for item in instrument.items
        ],
    }  # fmt: skip
