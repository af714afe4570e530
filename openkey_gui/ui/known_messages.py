"""The servers' own messages that the app recognises, so that it can say them in the UI's language.

One API answers in Chinese, New API in English or Chinese (contract §1, §2, §5 and the recorded
fixtures). Each known message, in every wording a server uses, is one :class:`Known` member; values
inside a message (a model, a limit) are captured. ``ErrorText`` words each member in the UI's language
and keeps the server's original in a details line. Pure Python, so the table is testable without Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

# New API appends "(request id: …)" to relay errors; it identifies the request, not the failure.
_REQUEST_ID = re.compile(r"\s*\(request id: [^)]*\)\s*$")


class Known(Enum):
    # -- signing in and being signed in -----------------------------------------------------------
    NO_CREDENTIAL = "no_credential"
    ACCESS_TOKEN_INVALID = "access_token_invalid"
    USER_ID_MISSING = "user_id_missing"
    USER_ID_MALFORMED = "user_id_malformed"
    USER_ID_MISMATCH = "user_id_mismatch"
    NOT_PERMITTED = "not_permitted"
    WRONG_LOGIN = "wrong_login"
    USER_BANNED = "user_banned"
    UNAUTHORIZED = "unauthorized"
    TWO_FACTOR_NEEDED = "two_factor_needed"
    TWO_FACTOR_WRONG = "two_factor_wrong"
    SIGN_IN_TIMED_OUT = "sign_in_timed_out"
    CAPTCHA_EMPTY = "captcha_empty"
    SESSION_REQUIRED = "session_required"
    ORIGIN_FORBIDDEN = "origin_forbidden"
    SESSION_NOT_FOUND = "session_not_found"
    SESSION_CONFLICT = "session_conflict"
    # -- said only by New API's auth codes (no message of their own) ------------------------------
    SIGN_IN_EXPIRED = "sign_in_expired"
    SESSION_REVOKED = "session_revoked"
    AUTH_CHECK_FAILED = "auth_check_failed"
    # -- managing tokens --------------------------------------------------------------------------
    NOT_FOUND = "not_found"
    NAME_TOO_LONG = "name_too_long"
    BAD_SUBNET = "bad_subnet"  # values: the refused entry
    QUOTA_NEGATIVE = "quota_negative"
    QUOTA_TOO_LARGE = "quota_too_large"  # values: the maximum
    TOO_MANY_TOKENS = "too_many_tokens"  # values: the limit
    CANNOT_ENABLE_EXPIRED = "cannot_enable_expired"
    CANNOT_ENABLE_EXHAUSTED = "cannot_enable_exhausted"
    INVALID_PARAMETERS = "invalid_parameters"
    ID_MISSING = "id_missing"
    SEARCH_ADJACENT_WILDCARDS = "search_adjacent_wildcards"
    SEARCH_TOO_MANY_WILDCARDS = "search_too_many_wildcards"
    SEARCH_TOO_SHORT = "search_too_short"
    SEARCH_EXACT_ONLY = "search_exact_only"
    CHECKED_IN_TODAY = "checked_in_today"
    CHECK_IN_DISABLED = "check_in_disabled"
    REDEEM_CODE_INVALID = "redeem_code_invalid"
    REDEEM_CODE_USED = "redeem_code_used"
    # -- using a key (relay routes) ---------------------------------------------------------------
    KEY_EXPIRED = "key_expired"
    KEY_EXHAUSTED = "key_exhausted"
    KEY_UNAVAILABLE = "key_unavailable"
    KEY_INVALID = "key_invalid"
    KEY_MISSING = "key_missing"
    KEY_MODEL_NOT_ALLOWED = "key_model_not_allowed"  # values: the model
    KEY_SUBNET_ONLY = "key_subnet_only"  # values: the allowed ranges, the caller's address
    KEY_IP_NOT_ALLOWED = "key_ip_not_allowed"
    MODEL_PRICE_MISSING = "model_price_missing"  # values: the model
    SITE_OVERLOADED = "site_overloaded"
    NO_SUCH_ROUTE = "no_such_route"  # values: the route


@dataclass(frozen=True)
class Recognised:
    known: Known
    values: tuple[str, ...] = ()


# Order matters where one wording contains another ("…或用户已被封禁" before "用户已被封禁").
PATTERNS: tuple[tuple[Known, re.Pattern[str]], ...] = tuple(
    (known, re.compile(pattern, re.IGNORECASE)) for known, pattern in (
        (Known.NO_CREDENTIAL, r"^(?:无权进行此操作，)?未登录且未提供 access token$"
                              r"|^Unauthorized, not logged in and no access token provided$"),
        (Known.ACCESS_TOKEN_INVALID, r"^(?:无权进行此操作，)?access token 无效$|^Unauthorized, invalid access token$"),
        (Known.USER_ID_MISSING, r"^(?:无权进行此操作，)?未提供 New-Api-User$"),
        (Known.USER_ID_MALFORMED, r"^(?:无权进行此操作，)?New-Api-User 格式错误$"),
        (Known.USER_ID_MISMATCH, r"^(?:无权进行此操作，)?New-Api-User 与登录用户不匹配$"),
        (Known.NOT_PERMITTED, r"^(?:无权进行此操作，)?权限不足$|^Unauthorized, insufficient privileges?$"),
        (Known.WRONG_LOGIN, r"^用户名或密码错误，或用户已被封禁$"
                            r"|^Username or password is incorrect, or user has been banned$"),
        (Known.USER_BANNED, r"^用户已被封禁$|^User has been banned$"),
        (Known.UNAUTHORIZED, r"^Unauthorized$|^无权进行此操作$"),
        (Known.TWO_FACTOR_NEEDED, r"^请输入两步验证码$|^Please enter two-factor authentication code$"),
        (Known.TWO_FACTOR_WRONG, r"^验证码或备用码(?:错误，请重试|不正确)$"
                                 r"|^(?:Invalid|Incorrect) (?:verification|authentication) code(?: or backup code)?"),
        (Known.SIGN_IN_TIMED_OUT, r"^会话已过期，请重新登录$|^Session expired, please log in again$"),
        (Known.CAPTCHA_EMPTY, r"^Turnstile token 为空$|^Turnstile token is empty$|^Turnstile 校验失败"),
        (Known.SESSION_REQUIRED, r"^a dashboard login session is required$"),
        (Known.ORIGIN_FORBIDDEN, r"^request origin is not allowed$"),
        (Known.SESSION_NOT_FOUND, r"^session not found$"),
        (Known.SESSION_CONFLICT, r"^Conflict$"),
        (Known.NOT_FOUND, r"^record not found$"),
        (Known.NAME_TOO_LONG, r"^(?:参数错误：)?令牌名称过长$|^Token name is too long$"),
        (Known.BAD_SUBNET, r"^参数错误：无效的网段：(?:.*: )?(.*)$"),
        (Known.QUOTA_NEGATIVE, r"^额度值不能为负数$|^Quota value cannot be negative$"),
        (Known.QUOTA_TOO_LARGE, r"^额度值超出有效范围，最大值为 ?(\S+)$"
                                r"|^Quota value exceeds valid range, maximum is (\S+)$"),
        (Known.TOO_MANY_TOKENS, r"^已达到最大令牌数量限制 ?\((\d+)\)$|^Maximum number of tokens reached \((\d+)\)$"),
        (Known.CANNOT_ENABLE_EXPIRED, r"^令牌已过期，无法启用|^Token has expired and cannot be enabled"),
        (Known.CANNOT_ENABLE_EXHAUSTED, r"^令牌可用额度已用尽，无法启用"
                                        r"|^Token quota is exhausted and cannot be enabled"),
        (Known.INVALID_PARAMETERS, r"^无效的参数$|^Invalid parameters$"),
        (Known.ID_MISSING, r"^id 或 userId 为空！?$"),
        (Known.SEARCH_ADJACENT_WILDCARDS, r"^搜索模式中不允许包含连续的 % 通配符$"),
        (Known.SEARCH_TOO_MANY_WILDCARDS, r"^搜索模式中最多允许包含 2 个 % 通配符$"),
        (Known.SEARCH_TOO_SHORT, r"^使用模糊搜索时，关键词长度至少为 2 个字符$"),
        (Known.SEARCH_EXACT_ONLY, r"^令牌数量超过上限，仅允许精确搜索"),
        (Known.CHECKED_IN_TODAY, r"^今日已签到$"),
        (Known.CHECK_IN_DISABLED, r"^签到功能未启用$"),
        (Known.REDEEM_CODE_INVALID, r"^(?:兑换失败，)?无效的兑换码$"),
        (Known.REDEEM_CODE_USED, r"^(?:兑换失败，)?该兑换码已被使用$"),
        (Known.KEY_EXPIRED, r"^该令牌已过期$"),
        (Known.KEY_EXHAUSTED, r"^(?:\[[^\]]*\] )?该令牌额度已用尽|^令牌 .+（#\d+）额度已用尽$"),
        (Known.KEY_UNAVAILABLE, r"^该令牌状态不可用$|^This token status is unavailable$"),
        (Known.KEY_INVALID, r"^无效的令牌$|^Invalid token$"),
        (Known.KEY_MISSING, r"^未提供令牌$"),
        (Known.KEY_MODEL_NOT_ALLOWED, r"^该令牌无权使用模型：(.+)$|^This token has no access to model (.+)$"),
        (Known.KEY_SUBNET_ONLY, r"^该令牌只能在指定网段使用：(.+)，当前 ip：(.+)$"),
        (Known.KEY_IP_NOT_ALLOWED, r"^您的 IP 不在令牌允许访问的列表中$"),
        (Known.MODEL_PRICE_MISSING, r"^模型 (\S+) (?:的价格|倍率或价格)未配置"),
        (Known.SITE_OVERLOADED, r"^system (?:cpu|memory|disk) overloaded"),
        (Known.NO_SUCH_ROUTE, r"^Invalid URL \((.+)\)$"),
    )
)


# New API's auth codes (contract §1.3, fixtures new-api-2026-08): each names one failure above. Match on
# the code, not on the words, which since 2026-07 default to English.
CODES: dict[str, Known] = {
    "AUTH_TOKEN_EXPIRED": Known.SIGN_IN_EXPIRED,
    "AUTH_SESSION_REVOKED": Known.SESSION_REVOKED,
    "AUTH_UNAUTHORIZED": Known.UNAUTHORIZED,
    "AUTH_SESSION_REQUIRED": Known.SESSION_REQUIRED,
    "AUTH_ORIGIN_FORBIDDEN": Known.ORIGIN_FORBIDDEN,
    "AUTH_SESSION_NOT_FOUND": Known.SESSION_NOT_FOUND,
    "AUTH_SESSION_MISMATCH": Known.SESSION_CONFLICT,
    "AUTH_USER_DISABLED": Known.USER_BANNED,
    "AUTH_INSUFFICIENT_PRIVILEGE": Known.NOT_PERMITTED,
    "AUTH_INTERNAL_ERROR": Known.AUTH_CHECK_FAILED,
}


def recognise_failure(code: str | None, message: str | None) -> Recognised | None:
    """What a refusal is, from New API's code when it names one, else from the words.

    A bare ``AUTH_UNAUTHORIZED`` says less than the words beside it ("invalid access token"), so there
    the words win when they are known.
    """
    by_words = recognise(message)
    by_code = CODES.get(code or "")
    if by_code is None or (by_code is Known.UNAUTHORIZED and by_words is not None):
        return by_words
    return Recognised(by_code)


def recognise(message: str | None) -> Recognised | None:
    """The known message ``message`` is, with the values it carries; None for words the app does not know."""
    if not message:
        return None
    text = _REQUEST_ID.sub("", message.strip())
    for known, pattern in PATTERNS:
        match = pattern.search(text)
        if match is not None:
            return Recognised(known, tuple(value for value in match.groups() if value is not None))
    return None
