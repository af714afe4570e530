"""A One API / New API compatible management server for ``--demo`` mode and for the tests.

Standard library only, so the demo runs wherever the app runs and tests need no network::

    with DemoServer(flavor="new-api", tokens=100, seed=1) as server:
        ...  # point the client at server.url, sign in with server.access_token
"""

from openkey_gui.demo.faults import Fault
from openkey_gui.demo.server import DemoServer

__all__ = ["DemoServer", "Fault"]
