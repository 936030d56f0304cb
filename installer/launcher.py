"""The frozen program's entry point: the same `main` as the `mwp-desktop` command.

PyInstaller needs a plain script; `mwp_desktop/__main__.py` uses a relative import, which only
works when run as part of the package.
"""

import sys

from mwp_desktop.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False) and "--multiprocessing-fork" in sys.argv:
        # A worker process started by multiprocessing on Windows re-runs this .exe: let it
        # become the worker instead of opening a second window.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
