"""Test-wide set-up: widget tests run offscreen unless a test asks for a real display."""

from __future__ import annotations

import os

# Set before any Qt import so that QApplication (created by pytest-qt) never needs a display.
# Tests that need a real X server (tray, screenshots) run in their own subprocess with DISPLAY set.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep the developer's own settings and keyring out of the tests.
os.environ.setdefault("OPENKEY_TESTING", "1")

# "Remember me" accepts only the operating system's keyrings when keyring picks the backend itself. The
# in-memory test keyring (tests/support.py) is registered with keyring and may be what it picks here, or
# what a test patches keyring.get_keyring to return: it counts as an OS keyring in the tests only.
from openkey_gui.credentials import trust_backend_for_tests
from tests.support import MemoryKeyring

trust_backend_for_tests(MemoryKeyring)
