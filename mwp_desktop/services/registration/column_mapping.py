"""Which column of a participant list holds what: the header row and its many spellings.

Lists arrive with a title row or two above the header ("LEWAF MWP – Tombo group, March 2026"),
and headers spelt as each office likes: Name / Full Name / First Name + Surname, Sex / Gender,
Age / Year of Birth, Phone / Phone No. / Mobile / Tel, Community / Village / Town.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .table_reader import SheetRow

# field → what it means, for the mapping form
FIELD_TITLES = {
    "full_name": "Full name",
    "first_name": "First name",
    "last_name": "Surname",
    "sex": "Sex",
    "age": "Age",
    "birth_year": "Year of birth",
    "phone": "Phone",
    "community": "Community",
    "chiefdom": "Chiefdom",
    "district": "District",
    "consent_date": "Consent date",
    "joined": "Joined",
    "notes": "Notes",
}

_SPELLINGS = {
    "full_name": ("name", "names", "full name", "full names", "participant", "participant name",
                  "name of participant", "participants name", "name of participants"),
    "first_name": ("first name", "firstname", "first names", "given name", "given names",
                   "forename", "forenames", "other names", "other name"),
    "last_name": ("surname", "last name", "lastname", "family name", "second name"),
    "sex": ("sex", "gender", "m f", "sex m f", "gender m f"),
    "age": ("age", "age years", "age yrs", "age in years", "years"),
    "birth_year": ("year of birth", "birth year", "yob", "born", "year born", "date of birth",
                   "dob"),
    "phone": ("phone", "phone no", "phone number", "phone num", "mobile", "mobile no",
              "mobile number", "tel", "tel no", "telephone", "telephone no", "contact",
              "contact no", "contact number", "cell", "cell no", "mob", "phone contact"),
    "community": ("community", "village", "town", "community name", "village town",
                  "community village", "location", "address"),
    "chiefdom": ("chiefdom",),
    "district": ("district",),
    "consent_date": ("consent date", "date of consent", "consent", "consent given"),
    "joined": ("joined", "date joined", "joined on", "joining date", "date registered",
               "registered", "registered on", "registration date", "date of registration",
               "enrolled", "date enrolled", "enrolled on", "enrolment date", "enrollment date"),
    "notes": ("notes", "note", "remarks", "remark", "comments", "comment"),
}  # fmt: skip
_LOOKUP = {spelling: name for name, spellings in _SPELLINGS.items() for spelling in spellings}
HEADER_SEARCH_ROWS = 12


def normalise_header(text: str) -> str:
    """ "Phone No." → "phone no"; "Sex (M/F)" → "sex m f"; "S/N" stays recognisably itself."""
    words = re.sub(r"[^a-z0-9]+", " ", text.casefold()).split()
    return " ".join(words)


def field_for_header(text: str) -> str | None:
    return _LOOKUP.get(normalise_header(text))


def guess_mapping(header: Sequence[str]) -> dict[str, int]:
    """field → column index, for the columns whose header we recognise (first one wins)."""
    mapping: dict[str, int] = {}
    for index, text in enumerate(header):
        name = field_for_header(text)
        if name and name not in mapping:
            mapping[name] = index
    # "Name" beside "Surname" is the first name, not the full name.
    if "full_name" in mapping and "last_name" in mapping and "first_name" not in mapping:
        mapping["first_name"] = mapping.pop("full_name")
    return mapping


def find_header(rows: Sequence[SheetRow]) -> int | None:
    """Index (in `rows`) of the header: the first early row naming two or more known fields,
    one of them a name."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping = guess_mapping(row.cells)
        has_name = bool({"full_name", "first_name", "last_name"} & set(mapping))
        if has_name and len(mapping) >= 2:
            return index
    return None


def mapping_problems(mapping: dict[str, int], has_default_sex: bool = False) -> list[str]:
    """Why a mapping cannot be imported; empty when it can."""
    problems = []
    if "full_name" not in mapping and not {"first_name", "last_name"} <= set(mapping):
        problems.append("Choose the column with the full name, or both first name and surname.")
    if "sex" not in mapping and not has_default_sex:
        problems.append("Choose the column with each participant's sex (or import into a group).")
    columns = list(mapping.values())
    if len(columns) != len(set(columns)):
        problems.append("One column is chosen for two different things.")
    return problems
