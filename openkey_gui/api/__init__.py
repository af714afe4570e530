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
    SessionEnded,
    TwoFactorRequired,
    ValidationError,
)
from openkey_gui.api.models import (
    Account,
    AuthScheme,
    ChatLink,
    Flavor,
    LoginSession,
    SessionGrant,
    SiteStatus,
    Token,
    TokenDraft,
    TokenEdit,
    TokenStatus,
)

__all__ = [
    "Account",
    "ApiError",
    "AuthError",
    "AuthScheme",
    "CaptchaRequired",
    "ChatLink",
    "Flavor",
    "LoginSession",
    "NetworkError",
    "OpenKeyClient",
    "RateLimitError",
    "ServerError",
    "SessionEnded",
    "SessionGrant",
    "SiteStatus",
    "Token",
    "TokenDraft",
    "TokenEdit",
    "TokenStatus",
    "TwoFactorRequired",
    "ValidationError",
]
