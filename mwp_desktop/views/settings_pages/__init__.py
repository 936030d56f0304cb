"""Pages of the Settings panel, in tab order. Each module has
`create_page(context) -> QWidget` and a `TITLE`; add a page by adding its module here."""

SETTINGS_PAGE_MODULES: tuple[str, ...] = ("communities", "facilitators", "about_data")
