"""Screenshots of the open tray menu only: ``scripts/screenshots.py --scene tray_menu`` (same options).

Run: ``python3 scripts/screenshot_tray.py`` (needs Xvfb, trayer and ImageMagick's ``import``); writes
``screenshots/<lang>-<scheme>-<scale>/tray_menu.png`` for every language, scheme and scale, or those
named with ``--lang``, ``--scheme`` and ``--scale``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import screenshots

if __name__ == "__main__":
    if "--scene" not in sys.argv:
        sys.argv += ["--scene", "tray_menu"]
    screenshots.main()
