"""Pages of the Settings panel, in tab order. Each module has
`create_page(context) -> QWidget` and a `TITLE`; add a page by adding its module here.
A module may also have `visible(context) -> bool`, to leave the page out for roles that
cannot use it."""

SETTINGS_PAGE_MODULES: tuple[str, ...] = (
    "organisation",
    "communities",
    "facilitators",
    "attendance_rules",
    "closed_days",
    "curricula",
    "survey_instruments",
    "referral_directory",
    "users",
    "backups",
    "audit_trail",
    "office_server",
    "about_data",
)
