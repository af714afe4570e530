"""New API v1.0 sign-ins over real HTTP against the demo's ``new-api-v1`` flavour.

The demo's access tokens live a few seconds here, so each test goes through real expiries: the
client must renew silently, exactly once per expiry however many threads are calling, never send a
rotated refresh cookie again, and end the sign-in cleanly when the site no longer accepts it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from openkey_gui.api import (
    AuthError,
    AuthScheme,
    OpenKeyClient,
    RateLimitError,
    SessionEnded,
    TokenDraft,
    TokenStatus,
    TwoFactorRequired,
)
from openkey_gui.demo import DemoServer
from openkey_gui.demo.v1_sessions import Lifetimes

TTL = 2.0  # seconds an access token lives on these demo servers


def v1_server(**options: object) -> DemoServer:
    settings: dict[str, object] = {"tokens": 12, "seed": 4, "critical_rate_limit": None, "access_ttl": TTL,
                                   "access_leeway": 0.0}
    settings.update(options)
    return DemoServer(flavor="new-api-v1", **settings)  # type: ignore[arg-type]


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with v1_server() as demo:
        yield demo


@pytest.fixture
def client(server: DemoServer) -> Iterator[OpenKeyClient]:
    api = OpenKeyClient(server.url, timeout=5)
    api.login(server.username, server.password)
    yield api
    api.close()


def paths(server: DemoServer) -> list[str]:
    return [path for _method, path, _query in server.requests]


def no_replays(server: DemoServer) -> bool:
    return server.v1.counters.replays_in_grace == 0 and server.v1.counters.replays_after_grace == 0


def test_the_client_scenario_on_v1() -> None:
    """Sign in, list 1,000, create $2.50 / 7 days, reveal, disable, rename, enable, delete; access token;
    wrong credentials."""
    with v1_server(tokens=1000, seed=2, access_ttl=900.0) as server:
        client = OpenKeyClient(server.url, timeout=10)
        account = client.login(server.username, server.password)
        assert account.id == server.user_id and client.auth_scheme is AuthScheme.BEARER
        assert client.session_end is not None and client.session_end > datetime.now(timezone.utc) + timedelta(days=29)
        server.reset_requests()
        tokens = client.list_tokens()
        assert len(tokens) == 1000 and len(server.requests) <= 11
        week = datetime.now(timezone.utc) + timedelta(days=7)
        made = client.create_token(TokenDraft(name="v1-laptop", remain_quota=1_250_000, expires_at=week))
        stored = next(row for row in server.tokens() if row["id"] == made.id)
        assert made.key == "sk-" + stored["key"] and stored["remain_quota"] == 1_250_000
        assert client.reveal_key(made.id) == made.key
        client.set_token_enabled(made.id, False)
        assert client.get_token(made.id).status is TokenStatus.DISABLED
        assert client.update_token(made.id, name="v1-renamed").name == "v1-renamed"
        client.set_token_enabled(made.id, True)
        assert client.get_token(made.id).status is TokenStatus.ENABLED
        client.delete_token(made.id)
        assert all(row["id"] != made.id for row in server.tokens())
        assert "/api/user/logout" not in paths(server) and "/api/user/auth/refresh" not in paths(server)

        by_token = OpenKeyClient(server.url, timeout=10)
        assert by_token.use_access_token(server.access_token).id == server.user_id  # no user id needed on v1.0
        assert len(by_token.list_tokens()) == 1000
        with pytest.raises(AuthError, match=r"用户名或密码错误|incorrect"):
            OpenKeyClient(server.url).login(server.username, "wrong")
        with pytest.raises(AuthError) as wrong:
            OpenKeyClient(server.url).use_access_token("0" * 32)
        assert wrong.value.code == "AUTH_UNAUTHORIZED"


def test_calls_across_three_lifetimes_refresh_once_per_expiry(client: OpenKeyClient, server: DemoServer) -> None:
    for _ in range(3):
        time.sleep(TTL + 0.3)
        assert len(client.list_tokens()) == 12
    assert client.refresh_count == server.v1.counters.refreshes == 3
    assert no_replays(server)


def test_eight_threads_at_the_moment_of_expiry_share_one_refresh(client: OpenKeyClient, server: DemoServer) -> None:
    ids = [t.id for t in client.list_tokens()][:8]
    for round_number in range(1, 3):
        time.sleep(TTL + 0.2)
        start = threading.Barrier(8)
        failures: list[BaseException] = []
        threads = [threading.Thread(target=_get_after, args=(client, i, start, failures)) for i in ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        assert failures == []
        assert server.v1.counters.refreshes == round_number
    assert no_replays(server)


def _get_after(client: OpenKeyClient, token_id: int, start: threading.Barrier, failures: list[BaseException]) -> None:
    start.wait()
    try:
        client.get_token(token_id)
    except BaseException as exc:
        failures.append(exc)


def test_a_token_the_site_already_expired_is_renewed_on_its_401(client: OpenKeyClient, server: DemoServer) -> None:
    """The fallback: the site says AUTH_TOKEN_EXPIRED before the client expected it."""
    server.v1.lifetimes = Lifetimes(access=TTL, leeway=-TTL - 1)  # every token is already expired on arrival
    server.reset_requests()
    with pytest.raises(AuthError) as refused:
        # Renewed once on the 401; the renewed token is refused again, and the call is not sent a third time.
        client.list_tokens()
    assert refused.value.code == "AUTH_TOKEN_EXPIRED"
    assert paths(server).count("/api/user/auth/refresh") == 1
    assert paths(server).count("/api/token/") == 2
    server.v1.lifetimes = Lifetimes(access=TTL, leeway=0.0)


def test_the_fallback_renews_and_repeats_the_call_once(client: OpenKeyClient, server: DemoServer) -> None:
    """The site says AUTH_TOKEN_EXPIRED for a token the client thought good: one refresh, the call again."""
    client.list_tokens()
    server.v1.expire_access_tokens()
    server.reset_requests()
    assert len(client.list_tokens()) == 12
    assert paths(server) == ["/api/token/", "/api/user/auth/refresh", "/api/token/"]
    assert no_replays(server)


def test_a_lost_refresh_answer_is_retried_within_the_replay_window(client: OpenKeyClient,
                                                                    server: DemoServer) -> None:
    time.sleep(TTL + 0.2)
    server.fail_next(path="/api/user/auth/refresh", drop="mid")  # rotated on the server, answer cut
    assert len(client.list_tokens()) == 12
    assert server.v1.counters.replays_in_grace == 1  # the same cookie once more, at once: same successor
    time.sleep(TTL + 0.2)
    assert len(client.list_tokens()) == 12  # and the successor it got is the one it uses next
    assert server.v1.counters.replays_after_grace == 0


def test_a_revoked_session_ends_the_sign_in(client: OpenKeyClient, server: DemoServer) -> None:
    client.list_tokens()
    server.expire_sessions()  # e.g. "sign out everywhere" from the browser
    with pytest.raises(AuthError) as ended:
        client.list_tokens()
    assert ended.value.code == "AUTH_SESSION_REVOKED" and "Sign in again" in str(ended.value)
    time.sleep(TTL + 0.2)
    with pytest.raises(SessionEnded, match="Sign in"):
        client.list_tokens()
    assert client.session_grant is None


def test_a_session_past_its_end_is_not_refreshed() -> None:
    with v1_server(session_ttl=3.0) as server:
        client = OpenKeyClient(server.url, timeout=5)
        client.login(server.username, server.password)
        time.sleep(4.2)
        server.reset_requests()
        with pytest.raises(SessionEnded, match="30 days"):
            client.list_tokens()
        assert "/api/user/auth/refresh" not in paths(server)


def test_a_remembered_session_signs_a_2fa_account_in_without_a_code() -> None:
    with v1_server(require_2fa=True) as server:
        first = OpenKeyClient(server.url, timeout=5)
        with pytest.raises(TwoFactorRequired):
            first.login(server.username, server.password)
        first.login(server.username, server.password, totp="123456")
        grants = []
        first.on_grant = grants.append
        time.sleep(TTL + 0.2)
        first.list_tokens()  # one rotation: the callback hears of the new cookie
        assert len(grants) == 1 and grants[0] is not None
        grant = first.session_grant
        assert grant == grants[0]
        server.reset_requests()
        again = OpenKeyClient(server.url, timeout=5)  # "after a restart"
        assert again.resume_session(grant).id == server.user_id
        assert paths(server) == ["/api/status", "/api/user/auth/refresh"]
        assert len(again.list_tokens()) == 12
        assert no_replays(server)
        server.expire_sessions()
        with pytest.raises(SessionEnded):
            OpenKeyClient(server.url, timeout=5).resume_session(again.session_grant or grant)


def test_secure_cookie_sites_get_the_origin_on_refresh_and_logout() -> None:
    with v1_server(secure_cookies=True) as server:
        client = OpenKeyClient(server.url, timeout=5)
        client.login(server.username, server.password)
        time.sleep(TTL + 0.2)
        assert len(client.list_tokens()) == 12
        assert server.v1.counters.refreshes == 1
        client.logout()
        assert server.v1.live(server.user_id) == []


def test_a_rate_limited_refresh_says_when_to_try_again() -> None:
    with v1_server(critical_rate_limit=(1, 1200)) as server:
        client = OpenKeyClient(server.url, timeout=5)
        client.login(server.username, server.password)  # the one critical call allowed
        time.sleep(TTL + 0.2)
        with pytest.raises(RateLimitError) as limited:
            client.list_tokens()
        assert limited.value.retry_after == 1200 and "20 min" in str(limited.value)


def test_logout_revokes_the_session_on_the_site(client: OpenKeyClient, server: DemoServer) -> None:
    assert len(server.v1.live(server.user_id)) == 1
    server.reset_requests()
    client.logout()
    assert paths(server) == ["/api/user/auth/logout"]
    assert server.v1.live(server.user_id) == []
    assert server.v1.counters.logouts == 1


def test_an_access_token_sign_in_is_not_logged_out_on_the_site(server: DemoServer) -> None:
    client = OpenKeyClient(server.url, timeout=5)
    client.use_access_token(server.access_token)
    server.reset_requests()
    client.logout()
    assert paths(server) == []  # the token keeps working for the user's other tools
    assert OpenKeyClient(server.url).use_access_token(server.access_token).id == server.user_id


def test_signed_in_devices(client: OpenKeyClient, server: DemoServer) -> None:
    other = OpenKeyClient(server.url, timeout=5)
    other.login(server.username, server.password)
    third = OpenKeyClient(server.url, timeout=5)
    third.login(server.username, server.password)
    sessions = client.login_sessions()
    assert len(sessions) == 3 and sessions[0].current and not any(s.current for s in sessions[1:])
    client.revoke_login_session(sessions[1].sid)
    assert len(client.login_sessions()) == 2
    assert client.revoke_other_login_sessions() == 1
    assert [s.current for s in client.login_sessions()] == [True]
    with pytest.raises(AuthError):
        other.list_tokens()
    by_token = OpenKeyClient(server.url, timeout=5)
    by_token.use_access_token(server.access_token)
    with pytest.raises(AuthError) as refused:
        by_token.login_sessions()
    assert refused.value.code == "AUTH_SESSION_REQUIRED"
