"""Lets ``python -m openkey_gui`` start the app exactly as ``main.py`` does."""

import sys

from openkey_gui.app import main

sys.exit(main())
