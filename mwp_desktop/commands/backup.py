"""`mwp-desktop backup --out FILE [--passphrase-file F]` and `mwp-desktop restore FILE`."""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from .credentials import signed_in
from .output import say


def add_parser(subparsers, common) -> None:
    backup = subparsers.add_parser(
        "backup", parents=[common], help="write a whole, checked copy of the database to a file"
    )
    backup.add_argument("--out", required=True, type=Path, help="the backup file to write")
    backup.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help="encrypt the backup with the passphrase on the first line of this file",
    )
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore",
        parents=[common],
        help="replace the records with a backup (the current ones are kept in the backups folder)",
    )
    restore.add_argument("file", type=Path, help="the backup file")
    restore.add_argument("--passphrase-file", type=Path, metavar="F", help="for encrypted backups")
    restore.set_defaults(handler=run_restore)


def read_passphrase(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        text = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise UserError(f"The passphrase file {path} cannot be read ({exc.strerror}).") from None
    except UnicodeDecodeError:
        raise UserError(
            f"The passphrase file {path} is not text: put the passphrase on its first line."
        ) from None
    if not text or not text[0]:
        raise UserError(f"The passphrase file {path} is empty.")
    return text[0]


def run_backup(args) -> int:
    from ..services.admin.backups import backup_now
    from ..services.admin.database import open_existing

    passphrase = read_passphrase(args.passphrase_file)
    db = open_existing(args.db)
    try:
        # A copy holds everything, password hashes included: only roles that may back up.
        target = backup_now(db, signed_in(db, "backup"), args.out, passphrase)
    finally:
        db.close()
    say(f"Backed up {db.describe()} to {target}" + (" (encrypted)" if passphrase else ""))
    return 0


def run_restore(args) -> int:
    from ..services.admin import instance_lock
    from ..services.admin.database import open_existing
    from ..services.admin.restore import restore_database

    passphrase = read_passphrase(args.passphrase_file)
    db = open_existing(args.db)
    try:
        actor = signed_in(db, "restore")
        # Never under an open window: its records would change beneath the person using it.
        lock = instance_lock.acquire(db.path, actor.username) if db.is_sqlite else None
        try:
            result = restore_database(db, args.file, actor, passphrase)
        finally:
            if lock:
                lock.release()
    finally:
        db.close()
    say(
        f"Restored {db.describe()} from {args.file}; the records it held are kept in "
        f"{result.kept_copy}"
    )
    return 0
