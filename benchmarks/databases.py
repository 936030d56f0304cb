"""Demo databases for benchmarking, built once and cached in benchmarks/cache/."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import mwp_desktop.models
from mwp_desktop.models.database import SCHEMA_HEAD

CACHE = Path(__file__).with_name("cache")
MIGRATIONS = Path(mwp_desktop.models.__file__).with_name("migrations") / "versions"
# The oldest schema whose demo data is still the demo's: a cache made before it lacks data the
# demo now builds (attitude surveys since 0006), so it is built afresh rather than migrated.
DEMO_DATA_SINCE = "0006"


def cached_database(scale: str, seed: int = 1) -> tuple[Path, float | None]:
    """(path, seconds it took to build, or None when it came from the cache)."""
    from mwp_desktop.services.admin.database import open_for_use
    from mwp_desktop.services.demo.builder import build_demo

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{scale}-{seed}-{SCHEMA_HEAD}.sqlite3"
    if path.exists():
        return path, None
    building = path.with_suffix(".building")
    for leftover in CACHE.glob(building.name + "*"):
        leftover.unlink()
    # Only a schema this code's migrations know can be migrated: the cache is shared by working
    # copies whose newest migrations differ.
    known = {f.stem for f in MIGRATIONS.glob("0*.py")}
    older = sorted(
        p
        for p in CACHE.glob(f"{scale}-{seed}-*.sqlite3")
        if p.stem.split("-", 2)[2] >= DEMO_DATA_SINCE and p.stem.split("-", 2)[2] in known
    )
    if older:
        # The same demo data under an older schema: migrating it is much quicker than building.
        shutil.copyfile(older[-1], building)
        open_for_use(str(building)).close()
        shutil.move(building, path)
        return path, None
    start = time.perf_counter()
    db = open_for_use(str(building))
    try:
        build_demo(db, scale, seed)
    finally:
        db.close()
    seconds = time.perf_counter() - start
    shutil.move(building, path)
    return path, seconds


def working_copy(path: Path, folder: Path) -> Path:
    """A copy to change freely (attendance marks, imports) without spoiling the cache."""
    target = folder / path.name
    shutil.copyfile(path, target)
    return target
