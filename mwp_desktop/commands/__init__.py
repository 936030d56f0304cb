"""Command-line subcommands. Each module has `add_parser(subparsers, common)` and its handler
set with `parser.set_defaults(handler=...)`; handlers return the exit code."""

COMMAND_MODULES: tuple[str, ...] = (
    "demo",
    "export",
    "check",
    "import_participants",
    "print_documents",
    "backup",
)
