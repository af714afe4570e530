"""A private X server (Xvfb) and tray host (trayer) for the tests that need a real desktop."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def xvfb_display(with_tray: bool = True, size: str = "1280x800x24") -> Iterator[str]:
    """Start Xvfb on a free display (it picks the number itself) and, if asked, a tray host on it."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    tray = None
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        display = f":{number}"
        if with_tray:
            tray = subprocess.Popen(
                ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request", "--height", "28",
                 "--transparent", "false", "--tint", "0x303030", "--SetDockType", "true"],
                env={**os.environ, "DISPLAY": display}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            time.sleep(0.8)  # the tray selection owner must exist before Qt asks for it
        yield display
    finally:
        for process in (tray, xvfb):
            if process is not None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()


def pytest_on_x11(*arguments: str, with_tray: bool = False, timeout: float = 300,
                  environ: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run pytest with ``arguments`` in a child process on a private X server, with Qt's xcb platform.

    For what the offscreen platform cannot show: X11's key bindings, real drags, the tray, the X
    clipboard. The child's options are the arguments alone (``-o addopts=``); it runs in the checkout.
    """
    root = Path(__file__).resolve().parents[1]
    with xvfb_display(with_tray=with_tray) as display:
        env = {**os.environ, **(environ or {}), "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                               *arguments], cwd=root, env=env, capture_output=True, text=True, timeout=timeout)
