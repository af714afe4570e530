"""The One API / New API client library: plain Python, no Qt, usable from any script.

>>> from openkey_gui.api import OpenKeyClient
>>> client = OpenKeyClient("https://openkey.cloud")        # doctest: +SKIP
>>> client.login("me", "password")                         # doctest: +SKIP
"""

from openkey_gui.api.client import OpenKeyClient
from openkey_gui.api.errors import (
    ApiError,
    AuthError,
    CaptchaRequired,
    NetworkError,
    RateLimitError,
    ServerError,
    TwoFactorRequired,
    ValidationError,
)
from openkey_gui.api.models import Account, ChatLink, Flavor, SiteStatus, Token, TokenDraft, TokenEdit, TokenStatus

__all__ = [
    "Account",
    "ApiError",
    "AuthError",
    "CaptchaRequired",
    "ChatLink",
    "Flavor",
    "NetworkError",
    "OpenKeyClient",
    "RateLimitError",
    "ServerError",
    "SiteStatus",
    "Token",
    "TokenDraft",
    "TokenEdit",
    "TokenStatus",
    "TwoFactorRequired",
    "ValidationError",
]
