"""Every failure in the UI's language: each error kind, each auth code and each known server message.

The known messages come from three places that must agree: the contract's wording (the table in
``known_messages``), the recorded fixtures of both products, and the demo server's own messages.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from openkey_gui.api.errors import ApiError, AuthError, CreateOutcome, ErrorKind, ValidationError
from openkey_gui.credentials import KeyringProblem, KeyringUnavailable
from openkey_gui.demo import flavors
from openkey_gui.ui.error_text import ErrorText, describe, sign_in_helps
from openkey_gui.ui.i18n import switch_language
from openkey_gui.ui.known_messages import CODES, PATTERNS, Known, recognise

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path("/work/shared/fixtures")
CJK = re.compile(r"[\u4e00-\u9fff]")
# Failure messages in the fixtures that are no message of the product's but a routing accident: a path the
# build lacks fell through to ":id" and the server echoed Go's number parser. Shown as the server's words.
NOT_A_MESSAGE = re.compile(r"^strconv\.Atoi: ")
# One wording of each known message, as a server sends it (contract, fixtures, demo server).
SAMPLES = {
    Known.NO_CREDENTIAL: "无权进行此操作，未登录且未提供 access token",
    Known.ACCESS_TOKEN_INVALID: "无权进行此操作，access token 无效",
    Known.USER_ID_MISSING: "无权进行此操作，未提供 New-Api-User",
    Known.USER_ID_MALFORMED: "无权进行此操作，New-Api-User 格式错误",
    Known.USER_ID_MISMATCH: "无权进行此操作，New-Api-User 与登录用户不匹配",
    Known.NOT_PERMITTED: "无权进行此操作，权限不足",
    Known.WRONG_LOGIN: "用户名或密码错误，或用户已被封禁",
    Known.USER_BANNED: "用户已被封禁",
    Known.UNAUTHORIZED: "Unauthorized",
    Known.TWO_FACTOR_NEEDED: "请输入两步验证码",
    Known.TWO_FACTOR_WRONG: "验证码或备用码不正确",
    Known.SIGN_IN_TIMED_OUT: "会话已过期，请重新登录",
    Known.CAPTCHA_EMPTY: "Turnstile token 为空",
    Known.SESSION_REQUIRED: "a dashboard login session is required",
    Known.ORIGIN_FORBIDDEN: "request origin is not allowed",
    Known.SESSION_NOT_FOUND: "session not found",
    Known.SESSION_CONFLICT: "Conflict",
    Known.NOT_FOUND: "record not found",
    Known.NAME_TOO_LONG: "参数错误：令牌名称过长",
    Known.BAD_SUBNET: "参数错误：无效的网段：failed to parse subnet: invalid CIDR address: 10.9.9.9",
    Known.QUOTA_NEGATIVE: "Quota value cannot be negative",
    Known.QUOTA_TOO_LARGE: "Quota value exceeds valid range, maximum is 500000000000000",
    Known.TOO_MANY_TOKENS: "已达到最大令牌数量限制 (1000)",
    Known.CANNOT_ENABLE_EXPIRED: "令牌已过期，无法启用，请先修改令牌过期时间，或者设置为永不过期",
    Known.CANNOT_ENABLE_EXHAUSTED: "Token quota is exhausted and cannot be enabled. Please modify the remaining "
                                   "quota or set it to unlimited",
    Known.INVALID_PARAMETERS: "Invalid parameters",
    Known.ID_MISSING: "id 或 userId 为空！",
    Known.SEARCH_ADJACENT_WILDCARDS: "搜索模式中不允许包含连续的 % 通配符",
    Known.SEARCH_TOO_MANY_WILDCARDS: "搜索模式中最多允许包含 2 个 % 通配符",
    Known.SEARCH_TOO_SHORT: "使用模糊搜索时，关键词长度至少为 2 个字符",
    Known.SEARCH_EXACT_ONLY: "令牌数量超过上限，仅允许精确搜索，请勿使用 % 通配符",
    Known.CHECKED_IN_TODAY: "今日已签到",
    Known.CHECK_IN_DISABLED: "签到功能未启用",
    Known.REDEEM_CODE_INVALID: "兑换失败，无效的兑换码",
    Known.REDEEM_CODE_USED: "该兑换码已被使用",
    Known.KEY_EXPIRED: "该令牌已过期 (request id: 2026120121402495650176001110778)",
    Known.KEY_EXHAUSTED: "令牌 small-quota（#2）额度已用尽",
    Known.KEY_UNAVAILABLE: "This token status is unavailable",
    Known.KEY_INVALID: "Invalid token",
    Known.KEY_MISSING: "未提供令牌",
    Known.KEY_MODEL_NOT_ALLOWED: "该令牌无权使用模型：gpt-4o-mini",
    Known.KEY_SUBNET_ONLY: "该令牌只能在指定网段使用：10.9.9.9/32，当前 ip：127.0.0.1",
    Known.KEY_IP_NOT_ALLOWED: "您的 IP 不在令牌允许访问的列表中",
    Known.MODEL_PRICE_MISSING: "模型 claude-3-5-haiku 倍率或价格未配置，请联系管理员设置或开始自用模式",
    Known.SITE_OVERLOADED: "system cpu overloaded (current: 95.7%, threshold: 90%)",
    Known.NO_SUCH_ROUTE: "Invalid URL (POST /v1/messages)",
}


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    assert switch_language(qapp, "zh_CN"), "the Chinese catalogue did not load"
    yield
    switch_language(qapp, "en")


def _fixture_failures() -> list[tuple[str, str | None, str]]:
    """(file, code, message) of every refusal recorded from a real server, management and relay routes."""
    found = []
    for path in sorted(FIXTURES.rglob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        body = record.get("response", {}).get("body") if isinstance(record, dict) else None
        if not isinstance(body, dict):
            continue
        name = f"{path.parent.name}/{path.name}"
        if body.get("success") is False and isinstance(body.get("message"), str) and body["message"]:
            code = body.get("code") if isinstance(body.get("code"), str) else None
            found.append((name, code, body["message"]))
        error = body.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            found.append((name, None, error["message"]))
    return found


FIXTURE_FAILURES = _fixture_failures() if FIXTURES.is_dir() else []


def _refusal(message: str, code: str | None = None) -> ApiError:
    return ApiError(message, kind=ErrorKind.REFUSED, params={"host": "site.example"}, server_message=message,
                    code=code)


def test_every_known_message_has_a_sample_and_every_failure_a_way_to_be_known() -> None:
    assert set(SAMPLES) == {known for known, _ in PATTERNS}
    assert set(SAMPLES) | set(CODES.values()) == set(Known)


@pytest.mark.parametrize("known", list(SAMPLES), ids=lambda k: k.value)
def test_every_known_message_is_recognised_and_translated(qapp: QApplication, known: Known, request) -> None:
    sample = SAMPLES[known]
    assert recognise(sample) is not None and recognise(sample).known is known, sample
    english = describe(_refusal(sample))
    headline, details = english.split("\n")
    assert not CJK.search(headline) and details == f"Details: {sample}"
    request.getfixturevalue("chinese")
    chinese = describe(_refusal(sample))
    assert chinese != english and CJK.search(chinese.split("\n")[0]), chinese
    assert chinese.split("\n")[1] == f"详情：{sample}"


@pytest.mark.skipif(not FIXTURE_FAILURES, reason="the recorded fixtures are not on this machine")
@pytest.mark.parametrize("failure", FIXTURE_FAILURES, ids=lambda f: f[0])
def test_every_recorded_server_refusal_is_known(failure: tuple[str, str | None, str]) -> None:
    _, code, message = failure
    if code is not None:
        assert code in CODES, f"an auth code without a translation: {code}"
    elif not NOT_A_MESSAGE.match(message):
        assert recognise(message) is not None, f"a recorded server message the app does not know: {message!r}"


def test_every_demo_server_message_is_known() -> None:
    messages = [value for name, value in vars(flavors).items()
                if name.isupper() and isinstance(value, str) and (CJK.search(value) or " " in value)
                and name not in {"ALNUM"}]
    assert len(messages) > 20
    unknown = [m for m in messages if recognise(m.replace("{}", "7")) is None]
    assert unknown == []


@pytest.mark.parametrize("code", list(CODES))
def test_every_auth_code_has_its_own_text(qapp: QApplication, code: str, chinese: None) -> None:
    error = AuthError("x", kind=ErrorKind.AUTH_REFUSED, params={"host": "site.example"}, code=code,
                      server_message="Unauthorized, not logged in and no access token provided")
    text = describe(error)
    assert CJK.search(text.split("\n")[0]) and "详情：Unauthorized" in text


def test_a_more_specific_message_wins_over_a_bare_unauthorized_code(qapp: QApplication) -> None:
    error = AuthError("x", kind=ErrorKind.AUTH_REFUSED, params={"host": "h"}, code="AUTH_UNAUTHORIZED",
                      server_message="Unauthorized, invalid access token")
    assert "did not accept the access token" in describe(error)


def test_sign_in_again_only_where_it_helps(qapp: QApplication) -> None:
    def text(message: str, code: str | None = None) -> str:
        return describe(AuthError("x", kind=ErrorKind.AUTH_REFUSED, params={"host": "h"}, server_message=message,
                                  code=code)).split("\n")[0]

    assert "Sign in again" in text("无权进行此操作，未登录且未提供 access token")
    assert "Sign in again" in text("Unauthorized", "AUTH_TOKEN_EXPIRED")
    for no_help in ("用户名或密码错误，或用户已被封禁", "用户已被封禁", "无权进行此操作，权限不足",
                    "无权进行此操作，access token 无效"):
        assert "Sign in again" not in text(no_help), no_help


def test_an_unknown_server_message_is_shown_as_the_sites_words(qapp: QApplication, chinese: None) -> None:
    text = describe(_refusal("服务器开小差了"))
    assert text.split("\n") == ["site.example 拒绝了请求。", "站点原话：“服务器开小差了”"]


@pytest.mark.parametrize("kind", [k for k in ErrorKind if k is not ErrorKind.UNKNOWN], ids=lambda k: k.value)
def test_every_error_kind_has_a_chinese_text(qapp: QApplication, kind: ErrorKind, chinese: None) -> None:
    params = {"host": "site.example", "seconds": 5.0, "status": 502, "size": 8 * 1024 * 1024, "count": 10,
              "detail": "InvalidURL", "target": "https://elsewhere", "what": "token", "limit": 10, "used": 40,
              "highest": 10, "entry": "x", "scheme": "ftp", "token_name": "t", "retry_after": 20}
    text = describe(ApiError("English", kind=kind, params=params))
    assert CJK.search(text) and "English" not in text and "{" not in text, text
    fallback = describe(ApiError("English", kind=ErrorKind.REQUEST_FAILED, params={"host": "site.example"}))
    assert kind is ErrorKind.REQUEST_FAILED or text != fallback.replace("（）", "")


@pytest.mark.parametrize("outcome", list(CreateOutcome), ids=lambda o: o.value)
def test_every_create_outcome_is_said(qapp: QApplication, outcome: CreateOutcome, chinese: None) -> None:
    error = ApiError("x", kind=ErrorKind.TIMEOUT, params={"host": "h", "seconds": 5, "token_name": "新令牌"},
                     outcome=outcome)
    assert "“新令牌”" in ErrorText().outcome_text(error)


def test_a_field_check_made_by_the_ui_is_shown_as_written(qapp: QApplication) -> None:
    assert describe(ValidationError("已翻译的提示。", field="remain_quota")) == "已翻译的提示。"


def test_the_client_names_the_kind_of_every_failure_it_raises() -> None:
    """No error built in ``openkey_gui/api`` falls back to ``UNKNOWN``, which the UI would show in English."""
    errors = {"ApiError", "AuthError", "TwoFactorRequired", "CaptchaRequired", "NetworkError", "RateLimitError",
              "ServerError", "ValidationError", "ConnectFailed", "SessionEnded"}
    unnamed = []
    for path in sorted((ROOT / "openkey_gui" / "api").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in errors
                    and node.args and not any(k.arg in ("kind", None) for k in node.keywords)):
                unnamed.append(f"{path.name}:{node.lineno}")
    assert unnamed == []


@pytest.mark.parametrize("problem", list(KeyringProblem), ids=lambda p: p.value)
def test_a_keyring_problem_is_said_without_jargon(qapp: QApplication, problem: KeyringProblem, request) -> None:
    error = KeyringUnavailable("The system keyring refused the request (InitError).", problem)
    english = ErrorText().not_remembered(error)
    assert "InitError" not in english and "could not be remembered" in english
    request.getfixturevalue("chinese")
    chinese = ErrorText().not_remembered(error)
    english_words = re.search(r"[A-Za-z]{3,} [a-z]{3,}", chinese.replace("GNOME Keyring", ""))
    assert CJK.search(chinese) and not english_words, chinese


def test_sign_in_is_advised_only_where_it_can_help() -> None:
    def auth(message: str | None, code: str | None = None) -> AuthError:
        return AuthError("x", kind=ErrorKind.AUTH_REFUSED, server_message=message, code=code)

    assert sign_in_helps(auth("无权进行此操作，未登录且未提供 access token"))
    assert sign_in_helps(auth(None)) and sign_in_helps(auth("Unauthorized", "AUTH_TOKEN_EXPIRED"))
    assert not sign_in_helps(auth("用户已被封禁"))
    assert not sign_in_helps(auth("无权进行此操作，权限不足"))
    assert not sign_in_helps(auth("a dashboard login session is required", "AUTH_SESSION_REQUIRED"))
