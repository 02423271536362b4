"""Entry script of the PyInstaller bundle (see installer/baton.spec): the ``baton`` command."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
