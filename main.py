"""Double-click entry point; all the work lives in :mod:`openkey_gui.app`."""

import sys

from openkey_gui.app import main

if __name__ == "__main__":
    sys.exit(main())
