"""The client over real HTTP against the demo server, in both flavours: every method, every error class."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from openkey_gui.api import (
    ApiError,
    AuthError,
    AuthScheme,
    CaptchaRequired,
    Flavor,
    NetworkError,
    OpenKeyClient,
    RateLimitError,
    ServerError,
    TokenDraft,
    TokenStatus,
    TwoFactorRequired,
    ValidationError,
)
from openkey_gui.demo import DemoServer

FLAVORS = ["one-api", "new-api", "new-api-v1"]


@pytest.fixture(params=FLAVORS)
def server(request: pytest.FixtureRequest) -> Iterator[DemoServer]:
    with DemoServer(flavor=request.param, tokens=12, seed=3, critical_rate_limit=None) as demo:
        yield demo


@pytest.fixture
def client(server: DemoServer) -> Iterator[OpenKeyClient]:
    api = OpenKeyClient(server.url, timeout=5)
    api.login(server.username, server.password)
    yield api
    api.close()


def in_days(days: float) -> datetime:
    return datetime.now(timezone.utc) + timedelta(days=days)


def test_the_twenty_line_script(server: DemoServer) -> None:
    """The issue's "must show" flow, using only the public interface."""
    client = OpenKeyClient(server.url)
    account = client.login(server.username, server.password)
    assert account.username == server.username
    made = client.create_token(TokenDraft(name="laptop-script", remain_quota=1_250_000, expires_at=in_days(7)))
    assert made.key.startswith("sk-") and len(made.key) == 51 and not made.key_is_masked
    listed = next(t for t in client.list_tokens() if t.id == made.id)
    assert listed.key == made.key and not listed.key_is_masked
    assert listed.remain_quota == 1_250_000 and not listed.unlimited
    assert listed.expires_at is not None and abs((listed.expires_at - in_days(7)).total_seconds()) < 5
    client.set_token_enabled(made.id, False)
    assert client.get_token(made.id).status is TokenStatus.DISABLED
    renamed = client.update_token(made.id, name="renamed")
    assert renamed.name == "renamed" and renamed.remain_quota == 1_250_000
    assert renamed.status is TokenStatus.DISABLED  # a full update never touches the status
    client.delete_token(made.id)
    assert made.id not in {t.id for t in client.list_tokens()}
    assert not any(t["id"] == made.id for t in server.tokens())


def test_flavor_is_detected(server: DemoServer) -> None:
    client = OpenKeyClient(server.url)
    assert client.flavor is (Flavor.ONE_API if server.flavor == "one-api" else Flavor.NEW_API)
    status = client.status()
    assert status.auth_scheme is (AuthScheme.BEARER if server.flavor == "new-api-v1" else AuthScheme.COOKIE)
    assert status.quota_per_unit == 500_000
    assert status.system_name


def test_list_returns_every_token(client: OpenKeyClient, server: DemoServer) -> None:
    tokens = client.list_tokens()
    assert [t.id for t in tokens] == sorted((t["id"] for t in server.tokens()), reverse=True)
    assert all(t.key.startswith("sk-") for t in tokens)
    masked = {t.key_is_masked for t in tokens}
    assert masked == ({False} if server.flavor == "one-api" else {True})


@pytest.mark.parametrize(("flavor", "most"), [("one-api", 2), ("new-api", 10)])
def test_listing_1000_tokens_takes_few_requests(flavor: str, most: int) -> None:
    with DemoServer(flavor=flavor, tokens=1000, seed=1) as server:
        client = OpenKeyClient(server.url)
        client.login(server.username, server.password)
        server.reset_requests()
        tokens = client.list_tokens()
        assert len(tokens) == 1000
        assert len({t.id for t in tokens}) == 1000
        assert len(server.requests) <= most, server.requests


def test_one_api_falls_back_to_pages_when_search_fails() -> None:
    with DemoServer(flavor="one-api", tokens=35, seed=2) as server:
        client = OpenKeyClient(server.url)
        client.login(server.username, server.password)
        server.fail_next(1, status=200, body=b'{"success":false,"message":"search disabled"}',
                         path="/api/token/search")
        tokens = client.list_tokens()
        assert len(tokens) == 35
        pages = [r for r in server.requests if r[1].rstrip("/") == "/api/token"]
        assert len(pages) == 4  # 10 + 10 + 10 + 5


def test_eleven_chinese_characters_refused_before_sending() -> None:
    with DemoServer(flavor="one-api", tokens=0) as server:
        client = OpenKeyClient(server.url)
        client.login(server.username, server.password)
        server.reset_requests()
        with pytest.raises(ValidationError, match="33 bytes") as error:
            client.create_token(TokenDraft(name="翻译助手客服机器人测试号"[:11]))
        assert error.value.field == "name"
        assert server.requests == []


def test_new_api_allows_longer_names(server: DemoServer, client: OpenKeyClient) -> None:
    name = "翻" * 16
    if server.flavor == "one-api":
        with pytest.raises(ValidationError):
            client.create_token(TokenDraft(name=name))
    else:
        assert client.create_token(TokenDraft(name=name)).name == name


def test_create_with_models_ips_and_unlimited(client: OpenKeyClient, server: DemoServer) -> None:
    draft = TokenDraft(name="restricted", unlimited=True, models=("gpt-4o", "deepseek-chat"),
                       allow_ips=("203.0.113.0/24", "10.1.2.3"))
    made = client.create_token(draft)
    assert made.unlimited and made.models == draft.models
    if server.flavor == "one-api":  # One API stores CIDR ranges only
        assert made.allow_ips == ("203.0.113.0/24", "10.1.2.3/32")
    else:
        assert made.allow_ips == draft.allow_ips
        assert made.to_draft() == draft


def test_update_keeps_unnamed_fields(client: OpenKeyClient) -> None:
    made = client.create_token(TokenDraft(name="keep", remain_quota=777, models=("gpt-4o",),
                                          allow_ips=("10.0.0.0/8",), expires_at=in_days(30)))
    updated = client.update_token(made.id, name="kept")
    assert updated.name == "kept"
    assert updated.models == ("gpt-4o",) and updated.allow_ips == ("10.0.0.0/8",)
    assert updated.remain_quota == 777 and updated.expires_at == made.expires_at
    unlimited = client.update_token(made.id, unlimited=True)
    assert unlimited.unlimited and unlimited.name == "kept"
    with pytest.raises(TypeError):
        client.update_token(made.id, colour="red")


def test_update_validates_before_sending(client: OpenKeyClient, server: DemoServer) -> None:
    made = client.create_token(TokenDraft(name="v", remain_quota=1))
    with pytest.raises(ValidationError, match="negative"):
        client.update_token(made.id, remain_quota=-5)
    with pytest.raises(ValidationError, match="past"):
        client.update_token(made.id, expires_at=in_days(-1))


def test_enable_guard_message_reaches_the_user(client: OpenKeyClient, server: DemoServer) -> None:
    expired = next((t for t in client.list_tokens() if t.status is TokenStatus.EXPIRED), None)
    assert expired is not None, "the demo seed has a stored-expired token"
    with pytest.raises(ApiError, match="令牌已过期"):
        client.set_token_enabled(expired.id, True)


def test_delete_missing_token(client: OpenKeyClient) -> None:
    with pytest.raises(ApiError, match="record not found") as error:
        client.delete_token(999_999)
    assert not isinstance(error.value, (AuthError, NetworkError))


def test_reveal_key(client: OpenKeyClient, server: DemoServer) -> None:
    stored = {t["id"]: t["key"] for t in server.tokens()}
    first = client.list_tokens()[0]
    assert client.reveal_key(first.id) == "sk-" + stored[first.id]
    server.reset_requests()
    assert client.reveal_key(first.id) == "sk-" + stored[first.id]
    assert server.requests == []  # cached: reveals are rate-limited on New API


def test_reveal_keys_in_one_batch(client: OpenKeyClient, server: DemoServer) -> None:
    stored = {t["id"]: t["key"] for t in server.tokens()}
    ids = [t.id for t in client.list_tokens()]
    server.reset_requests()
    keys = client.reveal_keys(ids)
    assert keys == {i: "sk-" + stored[i] for i in ids}
    if server.flavor == "new-api":
        assert [r[1] for r in server.requests] == ["/api/token/batch/keys"]


def test_reveal_rate_limit_is_reported() -> None:
    with DemoServer(flavor="new-api", tokens=3, critical_rate_limit=(2, 600)) as server:
        client = OpenKeyClient(server.url)
        client.use_access_token(server.access_token, server.user_id)  # login would use the budget
        ids = [t.id for t in client.list_tokens()]
        client.reveal_key(ids[0])
        client.reveal_key(ids[1])
        with pytest.raises(RateLimitError):
            client.reveal_key(ids[2])


def test_available_models(client: OpenKeyClient) -> None:
    models = client.available_models()
    assert "gpt-4o" in models and models == sorted(models)


def test_access_token_sign_in(server: DemoServer) -> None:
    client = OpenKeyClient(server.url)
    account = client.use_access_token(server.access_token, server.user_id)
    assert account.id == server.user_id
    assert len(client.list_tokens()) == 12
    bearer = OpenKeyClient(server.url)
    assert bearer.use_access_token("Bearer " + server.access_token, server.user_id).id == server.user_id


def test_access_token_without_user_id(server: DemoServer) -> None:
    client = OpenKeyClient(server.url)
    if server.flavor != "new-api":  # One API never wanted the id; New API v1.0 ignores New-Api-User
        assert client.use_access_token(server.access_token).id == server.user_id
        assert client.list_tokens()
    else:
        with pytest.raises(AuthError, match="user ID"):
            client.use_access_token(server.access_token)


def test_wrong_credentials(server: DemoServer) -> None:
    client = OpenKeyClient(server.url)
    with pytest.raises(AuthError, match="用户名或密码错误"):
        client.login(server.username, "wrong")
    with pytest.raises(AuthError, match="access token"):
        client.use_access_token("0" * 32, server.user_id)
    with pytest.raises(ValidationError, match="API key"):
        client.use_access_token("sk-" + "a" * 48)


def test_not_signed_in(server: DemoServer) -> None:
    with pytest.raises(AuthError) as error:
        OpenKeyClient(server.url).list_tokens()
    assert error.value.status_code == 401


def test_session_expired_mid_use(client: OpenKeyClient, server: DemoServer) -> None:
    client.list_tokens()
    server.expire_sessions()
    with pytest.raises(AuthError, match="Sign in again"):
        client.list_tokens()


def test_logout(client: OpenKeyClient) -> None:
    client.logout()
    with pytest.raises(AuthError):
        client.list_tokens()


def test_two_factor_sign_in() -> None:
    with DemoServer(flavor="new-api", tokens=2, require_2fa=True, critical_rate_limit=None) as server:
        client = OpenKeyClient(server.url)
        with pytest.raises(TwoFactorRequired):
            client.login(server.username, server.password)
        with pytest.raises(AuthError, match="验证码"):
            client.login(server.username, server.password, totp="000000")
        assert client.login(server.username, server.password, totp="123456").id == server.user_id
        assert len(client.list_tokens()) == 2


def test_turnstile_points_to_access_token() -> None:
    with DemoServer(flavor="new-api", tokens=0, turnstile=True) as server:
        client = OpenKeyClient(server.url)
        server.reset_requests()
        with pytest.raises(CaptchaRequired, match="access token"):
            client.login(server.username, server.password)
        assert [r[1] for r in server.requests] == ["/api/status"]  # no login attempt burnt


# -- faults ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_server_down() -> None:
    client = OpenKeyClient(f"http://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(NetworkError, match="Cannot reach"):
        client.status()


def test_tls_failure_is_a_network_error(server: DemoServer) -> None:
    """https against a plain-HTTP port fails the TLS handshake: verification is never skipped."""
    client = OpenKeyClient(server.url.replace("http://", "https://"), timeout=3)
    with pytest.raises(NetworkError, match=r"secure connection|Cannot reach"):
        client.status()


def test_plain_http_refused_for_remote_hosts() -> None:
    with pytest.raises(ValidationError, match="unencrypted"):
        OpenKeyClient("http://openkey.cloud")


def test_timeout(client: OpenKeyClient, server: DemoServer) -> None:
    slow = OpenKeyClient(server.url, timeout=0.3)
    server.fail_next(5, delay=1.5, path="/api/status")
    with pytest.raises(NetworkError, match="did not answer"):
        slow.status()


def test_http_500_is_not_retried_for_writes(client: OpenKeyClient, server: DemoServer) -> None:
    server.reset_requests()
    server.fail_next(1, status=500, path="/api/token", method="POST")
    with pytest.raises(ServerError, match="HTTP 500"):
        client.create_token(TokenDraft(name="once"))
    posts = [r for r in server.requests if r[0] == "POST"]
    assert len(posts) == 1
    assert not any(t["name"] == "once" for t in server.tokens())


def test_get_is_retried_after_502(client: OpenKeyClient, server: DemoServer) -> None:
    server.fail_next(1, status=502, html=True, path="/api/user/self")
    assert client.account().username == server.username


def test_html_error_page(client: OpenKeyClient, server: DemoServer) -> None:
    server.fail_next(5, status=502, html=True, path="/api/user/self")
    with pytest.raises(ServerError):
        client.account()


def test_html_page_with_200(client: OpenKeyClient, server: DemoServer) -> None:
    server.fail_next(1, status=200, body=b"<!DOCTYPE html><html><body>Login</body></html>",
                     path="/api/user/self")
    with pytest.raises(ServerError, match="web page"):
        client.account()


def test_malformed_json(client: OpenKeyClient, server: DemoServer) -> None:
    server.fail_next(1, body=b'{"success": tru', path="/api/user/self")
    with pytest.raises(ServerError, match="not valid JSON"):
        client.account()


def test_429_is_retried_for_reads_honouring_retry_after(client: OpenKeyClient, server: DemoServer) -> None:
    server.fail_next(1, status=429, retry_after=1, path="/api/user/self")
    assert client.account().username == server.username


def test_429_on_a_write(client: OpenKeyClient, server: DemoServer) -> None:
    server.fail_next(1, status=429, path="/api/token", method="DELETE")
    with pytest.raises(RateLimitError, match="too many requests"):
        client.delete_token(client.list_tokens()[0].id)


def test_connection_dropped_mid_answer(client: OpenKeyClient, server: DemoServer) -> None:
    server.fail_next(1, drop="mid", path="/api/token", method="PUT")
    token = client.list_tokens()[0]
    with pytest.raises(NetworkError, match=r"broke|Cannot reach"):
        client.set_token_enabled(token.id, False)


def test_connection_dropped_before_answer(client: OpenKeyClient, server: DemoServer) -> None:
    server.fail_next(5, drop="before", path="/api/user/self")
    with pytest.raises(NetworkError):
        client.account()
