from datetime import date

import pytest

from mwp_desktop.services.registration.validation import (
    clean_birth_year,
    clean_name,
    clean_past_date,
    clean_person_name,
    clean_phone,
    clean_sex,
    display_phone,
    name_key,
    phone_digits_for_search,
    split_full_name,
)

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    "typed",
    [
        "076 123 456",
        "076123456",
        "76123456",
        "+232 76 123456",
        "+23276123456",
        "23276123456",
        "00232 76 123 456",
        "(076) 123-456",
        "076.123.456",
        " 076  123 456 ",
        76123456,
        76123456.0,
    ],
)
def test_phone_forms_people_type_are_stored_one_way(typed):
    assert clean_phone(typed) == "+23276123456"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("07612345", "too few digits"),
        ("0761234567", "too many digits"),
        ("+44 7700 900123", "not a Sierra Leone number"),
        ("076 12345a", "only digits"),
        ("11234567", "cannot be right"),
        ("076 +123456", "only at the start"),
        ("232761234567", "too many digits"),
    ],
)
def test_impossible_phone_numbers_are_refused_with_a_reason(typed, reason):
    with pytest.raises(ValueError, match=reason):
        clean_phone(typed)


def test_blank_phone_is_unknown():
    assert clean_phone("") is None
    assert clean_phone("   ") is None
    assert clean_phone(None) is None


def test_phone_is_shown_as_people_read_it():
    assert display_phone("+23276123456") == "076 123 456"
    assert display_phone(None) == ""


def test_phone_search_digits_drop_trunk_zero_and_country_code():
    assert phone_digits_for_search("076 12") == "7612"
    assert phone_digits_for_search("+232 76") == "76"


@pytest.mark.parametrize(
    ("typed", "sex"),
    [("M", "M"), ("m", "M"), ("Male", "M"), (" male ", "M"), ("F", "F"), ("female", "F"),
     ("Woman", "F"), ("m.", "M")],
)  # fmt: skip
def test_sex_accepts_common_spellings(typed, sex):
    assert clean_sex(typed) == sex


@pytest.mark.parametrize("typed", ["", "x", "unknown", "2"])
def test_sex_refuses_anything_else(typed):
    with pytest.raises(ValueError):
        clean_sex(typed)


@pytest.mark.parametrize(
    ("typed", "year"),
    [("34", 1992), (34, 1992), ("15", 2011), ("99", 1927), ("1990", 1990), (1990.0, 1990),
     ("34.0", 1992), ("", None), (None, None)],
)  # fmt: skip
def test_age_or_birth_year_gives_birth_year(typed, year):
    assert clean_birth_year(typed, TODAY) == year


@pytest.mark.parametrize("typed", ["14", "100", "2020", "1900", "abc", "-3", "3 4"])
def test_impossible_age_is_refused(typed):
    with pytest.raises(ValueError):
        clean_birth_year(typed, TODAY)


def test_names_are_trimmed_and_required():
    assert clean_name("  Mohamed   Sorie ") == "Mohamed Sorie"
    with pytest.raises(ValueError, match="required"):
        clean_name("   ", "First name")
    with pytest.raises(ValueError, match="letters"):
        clean_name("123")


def test_name_key_is_lower_case_and_accent_free():
    assert name_key(" Abdul  ", "Kônéh") == "abdul koneh"


def test_consent_date_cannot_be_in_the_future():
    assert clean_past_date("01/03/2026", TODAY) == date(2026, 3, 1)
    assert clean_past_date("2026-03-02", TODAY) == TODAY
    assert clean_past_date("", TODAY) is None
    with pytest.raises(ValueError, match="future"):
        clean_past_date("03/03/2026", TODAY, "Consent date")
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        clean_past_date("31/02/2026", TODAY)


def test_full_names_split_on_the_last_word_or_a_comma():
    assert split_full_name("Mohamed Sorie Kamara") == ("Mohamed Sorie", "Kamara")
    assert split_full_name("KAMARA, Mohamed") == ("Mohamed", "KAMARA")
    assert split_full_name("Mohamed") == ("Mohamed", "")


@pytest.mark.parametrize(
    "typed",
    ["José O'Kelly-Mansaray", "Abdul Kônéh", "St. John", "Fatmata Ba’ Conteh", "محمد", "Ṣọlá"],
)
def test_a_persons_name_holds_letters_of_any_script_spaces_apostrophes_hyphens_and_dots(typed):
    assert clean_person_name(typed, "First name") == typed


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ('=HYPERLINK("http://example.invalid","click")', '= ( " : / , )'),
        ('"click")', '" )'),
        ("Mohamed 2", "2"),
        ("Kamara@gmail", "@"),
    ],
)
def test_anything_else_in_a_persons_name_is_refused_saying_what(typed, shown):
    with pytest.raises(ValueError) as refused:
        clean_person_name(typed, "First name")
    assert str(refused.value) == (
        f"First name may hold only letters, spaces, apostrophes, hyphens and dots, not {shown}."
    )
