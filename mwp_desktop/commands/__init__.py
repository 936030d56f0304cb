"""Command-line subcommands. Each module has `add_parser(subparsers, common)` and its handler
set with `parser.set_defaults(handler=...)`; handlers return the exit code.

A module imports the services it uses inside its handlers: the parser is built every time the
program starts, and the window must not wait for the database layer to load before it shows."""

COMMAND_MODULES: tuple[str, ...] = (
    "init",
    "demo",
    "export",
    "check",
    "import_participants",
    "print_documents",
    "backup",
    "verify",
)
