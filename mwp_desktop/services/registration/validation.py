"""Checking what people type: names, sex, age or birth year, phone numbers and dates.

Each `clean_*` function takes what was typed (or read from a spreadsheet) and returns the value
to store, or raises `ValueError` with one plain sentence that the form shows next to the field.
`FieldErrors` gathers them so a form reports every mistake at once, not one at a time.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from ...errors import ValidationError

MIN_AGE = 15
MAX_AGE = 99
COUNTRY_CODE = "232"
LOCAL_DIGITS = 8  # a Sierra Leone number is +232 and eight digits: +232 76 123456

_SEX_WORDS = {
    "m": "M",
    "male": "M",
    "man": "M",
    "men": "M",
    "boy": "M",
    "f": "F",
    "female": "F",
    "woman": "F",
    "women": "F",
    "girl": "F",
}
_SPACES = re.compile(r"\s+")
_PHONE_ALLOWED = re.compile(r"^[\d\s\-./()+]*$")
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y", "%Y/%m/%d")


class FieldErrors:
    """Collects the reason each field is wrong; `raise_if_any` raises one ValidationError."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def check(self, name: str, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ValueError as exc:
            self.fields.setdefault(name, str(exc))
            return None

    def add(self, name: str, reason: str) -> None:
        self.fields.setdefault(name, reason)

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationError(self.fields)


# Half of a UTF-16 pair on its own cannot be stored (or printed); pasted text can carry one.
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    return _LONE_SURROGATES.sub("", text)


def tidy(text: object) -> str:
    """Trimmed, with runs of spaces (and tabs, line breaks) made one space."""
    if text is None:
        return ""
    return _SPACES.sub(" ", without_lone_surrogates(str(text))).strip()


def clean_name(text: object, what: str = "Name", required: bool = True) -> str:
    name = tidy(text)
    if not name:
        if required:
            raise ValueError(f"{what} is required.")
        return ""
    if len(name) > 120:
        raise ValueError(f"{what} is too long (at most 120 letters).")
    if not any(ch.isalpha() for ch in name):
        raise ValueError(f"{what} must contain letters.")
    return name


# Beside letters of any script (and their accents): the marks names are written with.
_NAME_MARKS = frozenset(" '’ʼ‘-‐‑.")


def clean_person_name(text: object, what: str = "Name", required: bool = True) -> str:
    """A person's name: letters of any script, spaces, apostrophes, hyphens and dots. Anything
    else (a spreadsheet formula, a number, an e-mail address) is refused, naming what is wrong,
    rather than put on the register and the printed sheets."""
    name = clean_name(text, what, required)
    wrong = []
    for ch in name:
        if ch not in _NAME_MARKS and unicodedata.category(ch)[0] not in "LM" and ch not in wrong:
            wrong.append(ch)
    if wrong:
        raise ValueError(
            f"{what} may hold only letters, spaces, apostrophes, hyphens and dots, "
            f"not {' '.join(wrong)}."  # a sentence: the import joins a row's reasons
        )
    return name


def name_key(first_name: str, last_name: str) -> str:
    """Lower-cased, accent-free "first last": how names are searched and compared."""
    text = unicodedata.normalize("NFKD", f"{first_name} {last_name}")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return tidy(text).casefold()


def search_key(text: str) -> str:
    """What someone typed in a search box, made comparable with `name_key`."""
    return name_key(text, "")


def clean_sex(text: object) -> str:
    word = tidy(text).casefold().rstrip(".")
    if not word:
        raise ValueError("Sex is required: M or F.")
    if word in _SEX_WORDS:
        return _SEX_WORDS[word]
    raise ValueError(f"'{tidy(text)}' is not a sex: use M (male) or F (female).")


def birth_year_from_age(age: int, today: date) -> int:
    return today.year - age


def age_in(birth_year: int | None, today: date) -> int | None:
    return None if birth_year is None else today.year - birth_year


def clean_birth_year(text: object, today: date) -> int | None:
    """Age (15–99) or a birth year; blank when unknown. Returns the birth year."""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    value = tidy(text)
    if not value:
        return None
    if value.endswith(".0"):  # spreadsheets store 34 as 34.0
        value = value[:-2]
    if not value.isdigit():
        raise ValueError(f"'{value}' is not an age or a year of birth.")
    number = int(value)
    if len(value) == 4:
        age = today.year - number
        if age < MIN_AGE:
            raise ValueError(f"Born in {number}, he is under {MIN_AGE}.")
        if age > MAX_AGE:
            raise ValueError(f"Born in {number} is over {MAX_AGE} years ago.")
        return number
    if MIN_AGE <= number <= MAX_AGE:
        return birth_year_from_age(number, today)
    raise ValueError(f"Age must be between {MIN_AGE} and {MAX_AGE} (or give the year of birth).")


def clean_phone(text: object) -> str | None:
    """A Sierra Leone phone number as typed, stored as "+232" and eight digits; None if blank.

    Accepts 076 123 456, 76123456, +232 76 123456, 00232 76 123456, 23276123456 …
    """
    if isinstance(text, float) and text.is_integer():
        text = int(text)  # a spreadsheet cell holding 76123456 as a number
    raw = tidy(text)
    if not raw:
        return None
    if not _PHONE_ALLOWED.match(raw):
        raise ValueError(f"'{raw}' is not a phone number: only digits, spaces and + are allowed.")
    if "+" in raw[1:]:
        raise ValueError(f"'{raw}': a + belongs only at the start of a phone number.")
    digits = re.sub(r"\D", "", raw)
    international = raw.startswith("+") or digits.startswith("00")
    if digits.startswith("00"):
        digits = digits[2:]
    if international:
        if not digits.startswith(COUNTRY_CODE):
            raise ValueError(f"'{raw}' is not a Sierra Leone number (those start +232).")
        digits = digits[len(COUNTRY_CODE) :]
    elif len(digits) == LOCAL_DIGITS + len(COUNTRY_CODE) and digits.startswith(COUNTRY_CODE):
        digits = digits[len(COUNTRY_CODE) :]
    elif digits.startswith("0"):
        digits = digits[1:]  # the trunk 0 of 076 123 456
    if len(digits) < LOCAL_DIGITS:
        raise ValueError(f"'{raw}' has too few digits for a Sierra Leone number (e.g. 076 123456).")
    if len(digits) > LOCAL_DIGITS:
        raise ValueError(f"'{raw}' has too many digits for a Sierra Leone number.")
    if digits[0] in "01":
        raise ValueError(f"'{raw}' cannot be right: no Sierra Leone number starts {digits[:2]}.")
    return f"+{COUNTRY_CODE}{digits}"


def display_phone(phone: str | None) -> str:
    """+23276123456 as "076 123 456", the way people in the office read it."""
    if not phone or not phone.startswith("+232") or len(phone) != 12:
        return phone or ""
    local = "0" + phone[4:]
    return f"{local[:3]} {local[3:6]} {local[6:]}"


def phone_digits_for_search(text: str) -> str:
    """The local digits someone typed (076 12 → 7612), to search stored "+232…" numbers."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("00232"):
        digits = digits[5:]
    elif digits.startswith("232") and len(digits) > 3:
        digits = digits[3:]
    return digits.lstrip("0")


def parse_date(value: object) -> date | None:
    """A date typed as dd/mm/yyyy (the office's habit) or ISO, or given as a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = tidy(value)
    if not text:
        return None
    text = text.split(" ")[0]  # "12/03/2025 00:00:00" from a spreadsheet
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date: write it as dd/mm/yyyy.")


def clean_past_date(value: object, today: date, what: str = "Date") -> date | None:
    day = parse_date(value)
    if day is not None and day > today:
        raise ValueError(f"{what} cannot be in the future.")
    if day is not None and day.year < 2000:
        raise ValueError(f"{what} {day:%d/%m/%Y} is too long ago to be right.")
    return day


def split_full_name(text: object) -> tuple[str, str]:
    """ "Mohamed Sorie Kamara" → ("Mohamed Sorie", "Kamara"): the surname is the last word.

    "KAMARA, Mohamed" (surname first, with a comma) is understood too.
    """
    name = tidy(text)
    if "," in name:
        last, _, first = name.partition(",")
        return tidy(first), tidy(last)
    if " " not in name:
        return name, ""
    first, _, last = name.rpartition(" ")
    return first, last
