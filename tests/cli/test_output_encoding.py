"""Output redirected on Windows is written in the console's code page (cp1252 in an office PC's
English Windows): a Sierra Leonean name in a path must not turn a healthy `check` into a crash."""

import os
import shutil
import subprocess
import sys

import pytest


@pytest.mark.sqlite_only
@pytest.mark.parametrize("stream_encoding", ["cp1252", "ascii"])
def test_check_on_a_folder_named_in_krio_prints_ok_through_a_narrow_code_page(
    template_database, tmp_path, stream_encoding
):
    folder = tmp_path / "Ŋgɔ"
    folder.mkdir()
    database = folder / "demo.sqlite3"
    shutil.copyfile(template_database, database)
    result = subprocess.run(
        [sys.executable, "-m", "mwp_desktop", "check", "--db", str(database)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": stream_encoding},
    )
    out = result.stdout.decode(stream_encoding)
    err = result.stderr.decode(stream_encoding)
    assert result.returncode == 0, err
    assert "Error" not in err
    # The letters the code page lacks are shown as "?", the rest of the line as it is.
    assert out.strip().endswith("demo.sqlite3: OK")
    assert "?g?" in out
