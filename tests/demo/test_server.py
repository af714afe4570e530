"""The demo server against the recorded real answers: shapes, messages, status codes, semantics."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

import pytest

from openkey_gui.demo import DemoServer
from openkey_gui.demo.flavors import mask_like_new_api as mask_key
from tests.demo import shapes
from tests.demo.http_client import Answer, Client

NO_CREDENTIAL = "无权进行此操作，未登录且未提供 access token"
BAD_TOKEN = "无权进行此操作，access token 无效"
WRONG_LOGIN = "用户名或密码错误，或用户已被封禁"
EXPIRED_GUARD = "令牌已过期，无法启用，请先修改令牌过期时间，或者设置为永不过期"
EXHAUSTED_GUARD = "令牌可用额度已用尽，无法启用，请先修改令牌剩余额度，或者设置为无限额度"
OA_KEY = re.compile(r"[0-9A-Za-z]{16}[0-9A-F][0-9a-f]([0-9A-F][0-9a-f]){15}")
MASKED = re.compile(r"[0-9A-Za-z]{4}\*{10}[0-9A-Za-z]{4}")


def items(server: DemoServer, answer: Answer) -> list[dict[str, Any]]:
    """The token list of a list / search answer, whatever the flavour's envelope."""
    data = answer.data
    return data if server.flavor == "one-api" else data["items"]


def find(server: DemoServer, predicate: Any) -> dict[str, Any]:
    now = time.time()
    for row in server.tokens():
        if predicate(row, now):
            return row
    raise AssertionError("the seed lacks a row this test needs")


# --- fixtures themselves ------------------------------------------------------------------------------


@pytest.mark.skipif(shapes.fixtures_root() is None, reason="recorded fixtures not available")
@pytest.mark.parametrize(
    ("flavor", "fixture", "path", "expected"),
    [
        ("one-api", "01_status_GET_api_status.json", ("data",), shapes.OA_STATUS),
        ("one-api", "02_login_POST_api_user_login.json", ("data",), shapes.OA_USER),
        ("one-api", "04_user_self_GET_api_user_self.json", ("data",), shapes.OA_USER),
        ("one-api", "06_token_create_POST_api_token.json", ("data",), shapes.OA_TOKEN),
        ("new-api", "01_status.json", ("data",), shapes.NA_STATUS),
        ("new-api", "04_login.json", ("data",), shapes.NA_LOGIN),
        ("new-api", "06_user_self.json", ("data",), shapes.NA_USER),
        ("new-api", "14_token_get.json", ("data",), shapes.NA_TOKEN),
        ("new-api", "12_tokens_list_p1.json", ("data",), shapes.NA_PAGE),
    ],
)
def test_shapes_match_fixtures(flavor: str, fixture: str, path: tuple[str, ...], expected: set[str]) -> None:
    value = shapes.load_fixture(flavor, fixture)
    for step in path:
        value = value[step]
    assert set(value) == expected


@pytest.mark.skipif(shapes.fixtures_root() is None, reason="recorded fixtures not available")
def test_key_format_and_mask_match_the_recorded_keys() -> None:
    oa_key = shapes.load_fixture("one-api", "06_token_create_POST_api_token.json")["data"]["key"]
    assert OA_KEY.fullmatch(oa_key)
    masked = shapes.load_fixture("new-api", "14_token_get.json")["data"]["key"]
    revealed = shapes.load_fixture("new-api", "15_token_key_reveal.json")["data"]["key"]
    assert MASKED.fullmatch(masked) and mask_key(revealed) == masked


# --- status and login ---------------------------------------------------------------------------------


def test_status_has_the_recorded_key_set(server: DemoServer) -> None:
    answer = Client(server).get("/api/status")
    assert answer.status == 200
    assert set(answer.json()) == shapes.ENVELOPE
    data = answer.data
    assert set(data) == shapes.STATUS[server.flavor]
    assert data["server_address"] == server.url
    assert data["system_name"] == "OpenKey Demo"
    assert data["quota_per_unit"] == 500_000
    assert data["version"] == ("v0.6.11-demo" if server.flavor == "one-api" else "v0.0.0-demo")
    if server.flavor == "new-api":
        assert data["setup"] is True
        assert data["quota_display_type"] == "USD"
        assert data["chats"] and all(len(chat) == 1 for chat in data["chats"])


def test_login_by_username_or_email_sets_an_httponly_session_cookie(server: DemoServer) -> None:
    for login in ("demo", "demo@example.com"):
        client = Client(server)
        answer = client.login(login)
        assert answer.status == 200 and answer.json()["success"] is True
        assert set(answer.data) == shapes.LOGIN[server.flavor]
        assert answer.data["id"] == server.user_id and answer.data["username"] == "demo"
        cookie = answer.headers["Set-Cookie"]
        assert cookie.startswith("session=") and "HttpOnly" in cookie and "Path=/" in cookie
        assert client.get("/api/user/self").json()["success"] is True


def test_one_api_login_data_is_a_mostly_empty_user_row(oa: DemoServer) -> None:
    data = Client(oa).login().data
    assert data["quota"] == 0 and data["group"] == "" and data["password"] == "" and data["role"] == 1


def test_wrong_password_is_refused_with_http_200(server: DemoServer) -> None:
    for username, password in (("demo", "nope"), ("nobody", "demo-pass-123")):
        answer = Client(server).login(username, password)
        assert answer.status == 200
        assert answer.json() == {"success": False, "message": WRONG_LOGIN}
        assert "Set-Cookie" not in answer.headers


def test_login_with_an_unreadable_body(server: DemoServer) -> None:
    expected = "无效的参数" if server.flavor == "one-api" else "Invalid parameters"
    assert Client(server).post("/api/user/login", b"{nope").message == expected
    assert Client(server).post("/api/user/login", {"username": "demo"}).message == expected


def test_logout_ends_the_session(server: DemoServer) -> None:
    client = Client(server)
    client.login()
    session = client.cookie
    answer = client.get("/api/user/logout")
    assert answer.json() == {"success": True, "message": ""}
    client.cookie = session  # a client that kept the old cookie is still out
    answer = client.get("/api/user/self")
    assert (answer.status, answer.message) == (401, NO_CREDENTIAL)


# --- authentication -------------------------------------------------------------------------------------


@pytest.mark.parametrize("bearer", [True, False])
def test_access_token_works_bare_and_with_bearer(server: DemoServer, bearer: bool) -> None:
    answer = Client(server, token=server.access_token, bearer=bearer).get("/api/user/self")
    assert answer.status == 200
    assert set(answer.data) == shapes.USER[server.flavor]
    assert answer.data["id"] == 1 and answer.data["quota"] == 25_000_000


def test_no_credential_is_http_401(server: DemoServer) -> None:
    answer = Client(server).get("/api/token/?p=1")
    assert answer.status == 401
    assert answer.json() == {"success": False, "message": NO_CREDENTIAL}


def test_wrong_access_token_is_http_200(server: DemoServer) -> None:
    answer = Client(server, token="wrong-token").get("/api/token/?p=1")
    assert answer.status == 200
    assert answer.json() == {"success": False, "message": BAD_TOKEN}


def test_new_api_user_header_rules(na: DemoServer) -> None:
    token = na.access_token
    cases = [
        (None, 401, "无权进行此操作，未提供 New-Api-User"),
        ("abc", 401, "无权进行此操作，New-Api-User 格式错误"),
        ("999", 401, "无权进行此操作，New-Api-User 与登录用户不匹配"),
    ]
    for header, status, message in cases:
        answer = Client(na, token=token, user_header=header).get("/api/token/?p=1")
        assert (answer.status, answer.json()) == (status, {"success": False, "message": message})
    # Header names are case-insensitive; the browser UI sends New-API-User.
    answer = Client(na, token=token, user_header=None).get("/api/user/self", headers={"new-api-user": "1"})
    assert answer.json()["success"] is True
    # A wrong token is reported before the missing header.
    answer = Client(na, token="wrong", user_header=None).get("/api/user/self")
    assert (answer.status, answer.message) == (200, BAD_TOKEN)
    # A cookie session needs the header too.
    client = Client(na, user_header=None)
    client.login()
    assert client.get("/api/user/self").status == 401


def test_one_api_ignores_new_api_user_and_prefers_the_session(oa: DemoServer) -> None:
    assert Client(oa, token=oa.access_token, user_header="999").get("/api/user/self").json()["success"]
    client = Client(oa, token="wrong-token")
    client.login()
    assert client.get("/api/user/self").json()["success"] is True  # session wins over the header


def test_generating_an_access_token_rotates_it(server: DemoServer) -> None:
    old = server.access_token
    answer = Client(server, token=old).get("/api/user/token")
    new = answer.data
    pattern = r"[0-9a-f]{32}" if server.flavor == "one-api" else r"[0-9A-Za-z]{32}"
    assert re.fullmatch(pattern, new) and new != old and server.access_token == new
    assert Client(server, token=old).get("/api/user/self").message == BAD_TOKEN
    assert Client(server, token=new).get("/api/user/self").json()["success"] is True


def test_rotate_access_token_method(server: DemoServer) -> None:
    old = server.access_token
    new = server.rotate_access_token()
    assert new == server.access_token != old
    assert Client(server, token=old).get("/api/user/self").message == BAD_TOKEN
    assert Client(server, token=new).get("/api/user/self").json()["success"] is True


def test_expire_sessions_ends_cookies_and_the_access_token(server: DemoServer) -> None:
    cookie_client = Client(server)
    cookie_client.login()
    token = server.access_token
    server.expire_sessions()
    answer = cookie_client.get("/api/user/self")
    assert (answer.status, answer.message) == (401, NO_CREDENTIAL)
    assert Client(server, token=token).get("/api/user/self").message == BAD_TOKEN
    # Signing in again and generating a token works, like on a real site.
    cookie_client.login()
    fresh = cookie_client.get("/api/user/token").data
    assert Client(server, token=fresh).get("/api/user/self").json()["success"] is True


def test_set_user_quota_shows_in_self(client: Client) -> None:
    client.server.set_user_quota(1_234_567)
    assert client.get("/api/user/self").data["quota"] == 1_234_567


def test_model_lists(server: DemoServer) -> None:
    client = Client(server, token=server.access_token)
    own, other = "/api/user/available_models", "/api/user/models"
    if server.flavor == "new-api":
        own, other = other, own
    assert client.get(own).data == ["gpt-4o", "gpt-4o-mini", "claude-3-7-sonnet-20250219", "deepseek-chat",
                                    "text-embedding-3-small"]  # fmt: skip
    assert client.get(other).status == 404


def test_new_api_two_factor_login() -> None:
    with DemoServer(flavor="new-api", tokens=0, require_2fa=True) as na:
        client = Client(na)
        answer = client.login()
        assert answer.json() == {"success": True, "message": "请输入两步验证码", "data": {"require_2fa": True}}
        assert client.get("/api/user/self").status == 401  # the password alone signs nobody in
        assert client.post("/api/user/login/2fa", {"code": "000000"}).message == "验证码或备用码错误，请重试"
        answer = client.post("/api/user/login/2fa", {"code": "123456"})
        assert set(answer.data) == shapes.NA_LOGIN
        assert client.get("/api/user/self").json()["success"] is True
        # A backup code works once; without a pending login the session has "expired".
        assert Client(na).post("/api/user/login/2fa", {"code": "123456"}).message == "会话已过期，请重新登录"
        second = Client(na)
        second.login()
        assert second.post("/api/user/login/2fa", {"code": "backup-0001"}).json()["success"] is True
        third = Client(na)
        third.login()
        assert third.post("/api/user/login/2fa", {"code": "backup-0001"}).json()["success"] is False


def test_new_api_turnstile() -> None:
    with DemoServer(flavor="new-api", tokens=0, turnstile=True) as na:
        client = Client(na)
        assert client.get("/api/status").data["turnstile_check"] is True
        assert client.login().json() == {"success": False, "message": "Turnstile token 为空"}
        assert client.login(query="?turnstile=cf-token").json()["success"] is True


# --- listing ------------------------------------------------------------------------------------------------


def test_one_api_list_is_zero_based_ten_per_page(oa_client: Client) -> None:
    oa = oa_client.server
    stored = oa.tokens()
    pages = [oa_client.get(f"/api/token/?p={page}&size=100").data for page in range(4)]
    assert [len(page) for page in pages] == [10, 10, 5, 0]
    assert [row["id"] for row in pages[0]] == list(range(25, 15, -1))
    assert all(set(row) == shapes.OA_TOKEN for page in pages for row in page)
    assert [row["key"] for page in pages for row in page] == [row["key"] for row in stored]
    assert all(OA_KEY.fullmatch(row["key"]) for row in stored)
    assert oa_client.get("/api/token?p=0").data == pages[0]  # without the trailing slash too
    assert oa_client.get("/api/token/?p=-3").data == pages[0]


def test_one_api_list_orders(oa_client: Client) -> None:
    rows = [row for page in range(3) for row in oa_client.get(f"/api/token/?p={page}&order=remain_quota").data]
    assert [(row["unlimited_quota"], row["remain_quota"]) for row in rows] == sorted(
        ((row["unlimited_quota"], row["remain_quota"]) for row in rows), reverse=True
    )
    used = [row["used_quota"] for row in oa_client.get("/api/token/?p=0&order=used_quota").data]
    assert used == sorted(used, reverse=True)


def test_new_api_list_is_one_based_and_capped_at_100(na_client: Client) -> None:
    first = na_client.get("/api/token/?p=1&page_size=10").data
    assert set(first) == shapes.NA_PAGE
    assert (first["page"], first["page_size"], first["total"]) == (1, 10, 25)
    assert [row["id"] for row in first["items"]] == list(range(25, 15, -1))
    assert all(set(row) == shapes.NA_TOKEN for row in first["items"])
    assert na_client.get("/api/token/?p=0&page_size=10").data == first
    assert na_client.get("/api/token/").data == first
    third = na_client.get("/api/token/?p=3&page_size=10").data
    assert [row["id"] for row in third["items"]] == list(range(5, 0, -1))
    big = na_client.get("/api/token/?p=0&size=500&page_size=500").data
    assert (big["page_size"], len(big["items"])) == (100, 25)
    assert na_client.get("/api/token/?ps=7").data["page_size"] == 7
    assert na_client.get("/api/token/?size=3").data["page_size"] == 3


def test_new_api_masks_every_key_it_prints(na_client: Client) -> None:
    na = na_client.server
    stored = {row["id"]: row["key"] for row in na.tokens()}
    listed = na_client.get("/api/token/?p=1&page_size=100").data["items"]
    assert all(MASKED.fullmatch(row["key"]) and row["key"] == mask_key(stored[row["id"]]) for row in listed)
    assert MASKED.fullmatch(na_client.get("/api/token/3").data["key"])
    assert all(re.fullmatch(r"[0-9A-Za-z]{48}", key) for key in stored.values())


def test_empty_account() -> None:
    for flavor, empty in (("one-api", []), ("new-api", {"page": 1, "page_size": 10, "total": 0, "items": []})):
        with DemoServer(flavor=flavor, tokens=0) as server:
            assert Client(server, token=server.access_token).get("/api/token/?p=0").data == empty


# --- search -------------------------------------------------------------------------------------------------


def test_one_api_search_is_a_name_prefix_returning_everything(oa_client: Client) -> None:
    oa = oa_client.server
    for name in ("alpha-one", "alpha-two", "ALPHA-three", "beta-alpha"):
        assert oa_client.post("/api/token/", {"name": name, "remain_quota": 1}).json()["success"]
    found = oa_client.get("/api/token/search?keyword=alpha").data
    assert sorted(row["name"] for row in found) == ["ALPHA-three", "alpha-one", "alpha-two"]
    assert all(set(row) == shapes.OA_TOKEN for row in found)
    everything = oa_client.get("/api/token/search?keyword=").data
    assert len(everything) == len(oa.tokens()) == 29  # not paged: every token in one answer


def test_new_api_search_is_exact_unless_wildcard(na_client: Client) -> None:
    for name in ("desktop-test", "desktop-test-renamed", "my-desktop"):
        assert na_client.post("/api/token/", {"name": name, "unlimited_quota": True}).json()["success"]
    exact = na_client.get("/api/token/search?keyword=desktop").data
    assert exact == {"page": 1, "page_size": 10, "total": 0, "items": []}
    exact = na_client.get("/api/token/search?keyword=desktop-test").data
    assert [row["name"] for row in exact["items"]] == ["desktop-test"]
    prefix = na_client.get("/api/token/search?keyword=desktop%25").data
    assert [row["name"] for row in prefix["items"]] == ["desktop-test-renamed", "desktop-test"]
    both = na_client.get("/api/token/search?keyword=%25desktop%25&page_size=2").data
    assert (both["total"], len(both["items"]), MASKED.fullmatch(both["items"][0]["key"]) is not None) == (3, 2, True)
    assert na_client.get("/api/token/search?keyword=").data["total"] == 28
    key = na_client.server.tokens()[5]["key"]
    by_key = na_client.get(f"/api/token/search?token=sk-{key}").data
    assert [row["id"] for row in by_key["items"]] == [na_client.server.tokens()[5]["id"]]
    assert na_client.get(f"/api/token/search?token={key[:10]}").data["total"] == 0  # exact, not a prefix


@pytest.mark.parametrize(
    ("keyword", "message"),
    [
        ("de%%sk", "搜索模式中不允许包含连续的 % 通配符"),
        ("%a%b%", "搜索模式中最多允许包含 2 个 % 通配符"),
        ("a%", "使用模糊搜索时，关键词长度至少为 2 个字符"),
    ],
)
def test_new_api_search_refuses_bad_patterns(na_client: Client, keyword: str, message: str) -> None:
    answer = na_client.get("/api/token/search?keyword=" + keyword.replace("%", "%25"))
    assert answer.json() == {"success": False, "message": message}


def test_new_api_search_rate_limit() -> None:
    with DemoServer(flavor="new-api", tokens=3, search_rate_limit=(2, 60)) as na:
        client = Client(na, token=na.access_token)
        assert [client.get("/api/token/search?keyword=x").status for _ in range(2)] == [200, 200]
        limited = client.get("/api/token/search?keyword=x")
        assert (limited.status, limited.body) == (429, b"")
        assert client.get("/api/token/?p=1").status == 200  # the list is not limited


# --- get / create / update / delete ---------------------------------------------------------------------------


def test_get_one_token(client: Client) -> None:
    server = client.server
    stored = next(row for row in server.tokens() if row["id"] == 3)
    answer = client.get("/api/token/3")
    assert set(answer.data) == shapes.TOKEN[server.flavor]
    expected_key = stored["key"] if server.flavor == "one-api" else mask_key(stored["key"])
    assert answer.data == {**stored, "key": expected_key}
    assert client.get("/api/token/999").json() == {"success": False, "message": "record not found"}
    assert client.get("/api/token/abc").message == 'strconv.Atoi: parsing "abc": invalid syntax'
    assert client.get("/api/token/0").message == "id 或 userId 为空！"


def test_one_api_create_returns_the_full_token(oa_client: Client) -> None:
    before = int(time.time())
    answer = oa_client.post("/api/token/", {"name": "desktop-test", "remain_quota": 500000})
    data = answer.data
    assert set(answer.json()) == shapes.ENVELOPE and set(data) == shapes.OA_TOKEN
    assert OA_KEY.fullmatch(data["key"]) and data["id"] == 26 and data["status"] == 1
    assert (data["models"], data["subnet"], data["expired_time"]) == (None, None, -1)
    assert data["created_time"] == data["accessed_time"] >= before
    assert oa_client.get("/api/token/?p=0").data[0] == data  # newest first
    answer = oa_client.post("/api/token/", {"name": "x", "models": "", "subnet": "10.0.0.0/8, 192.168.1.1/24"})
    assert (answer.data["models"], answer.data["subnet"]) == ("", "10.0.0.0/8, 192.168.1.1/24")


def test_one_api_create_validation(oa_client: Client) -> None:
    assert oa_client.post("/api/token/", {"name": "翻" * 10}).json()["success"] is True  # 30 bytes
    assert oa_client.post("/api/token/", {"name": "翻" * 10 + "x"}).message == "参数错误：令牌名称过长"
    for subnet, bad in (("10.0.0.0/8,1.2.3.4", "1.2.3.4"), ("999.1.1.1/8", "999.1.1.1/8"), ("10.0.0.0/8, ", "")):
        answer = oa_client.post("/api/token/", {"name": "n", "subnet": subnet})
        assert answer.message == f"参数错误：无效的网段：failed to parse subnet: invalid CIDR address: {bad}"
    assert oa_client.post("/api/token/", {"name": "n", "subnet": "10.0.0.0/255.0.0.0"}).json()["success"] is False
    assert oa_client.post("/api/token/", {"name": "n", "subnet": "2001:db8::/32"}).json()["success"] is True
    # No check on quota or expiry values (contract §2.7).
    assert oa_client.post("/api/token/", {"name": "n", "remain_quota": -5, "expired_time": 1}).json()["success"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "EOF"),
        (b"{nope", "invalid character 'n' looking for beginning of object key string"),
        (b'{"name": ', "unexpected EOF"),
        (b"[]", "json: cannot unmarshal array into Go value of type model.Token"),
        (b'{"remain_quota": "5"}', "json: cannot unmarshal string into Go struct field Token.remain_quota of type"),
        (b'{"name": 5}', "json: cannot unmarshal number into Go struct field Token.name of type string"),
        (b'{"unlimited_quota": 1}', "json: cannot unmarshal number into Go struct field Token.unlimited_quota"),
    ],
)
def test_malformed_bodies_get_go_decoder_messages(client: Client, body: bytes, message: str) -> None:
    answer = client.post("/api/token/", body)
    assert answer.status == 200 and answer.json()["success"] is False
    assert answer.message.startswith(message)


def test_new_api_create_answers_nothing(na_client: Client) -> None:
    answer = na_client.post("/api/token/", {"name": "desktop-test", "remain_quota": 500000, "expired_time": -1})
    assert answer.json() == {"success": True, "message": ""}
    newest = na_client.get("/api/token/?p=1").data["items"][0]
    assert newest["name"] == "desktop-test" and newest["id"] == 26
    assert (newest["allow_ips"], newest["model_limits"], newest["group"], newest["DeletedAt"]) == ("", "", "", None)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"name": "y" * 51}, "Token name is too long"),
        ({"name": "翻" * 17}, "Token name is too long"),
        ({"name": "n", "remain_quota": -1}, "Quota value cannot be negative"),
        (
            {"name": "n", "remain_quota": 500_000_000_000_001},
            "Quota value exceeds valid range, maximum is 500000000000000",
        ),
    ],
)
def test_new_api_create_validation(na_client: Client, body: dict[str, Any], message: str) -> None:
    assert na_client.post("/api/token/", body).json() == {"success": False, "message": message}


def test_new_api_create_limits(na_client: Client) -> None:
    assert na_client.post("/api/token/", {"name": "y" * 50, "remain_quota": 1}).json()["success"] is True
    assert na_client.post("/api/token/", {"name": "n", "unlimited_quota": True, "remain_quota": -1}).json()["success"]
    with DemoServer(flavor="new-api", tokens=2, max_tokens=3) as na:
        client = Client(na, token=na.access_token)
        assert client.post("/api/token/", {"name": "third"}).json()["success"] is True
        assert client.post("/api/token/", {"name": "fourth"}).message == "已达到最大令牌数量限制 (3)"


def test_full_update_writes_missing_fields_as_zero(client: Client) -> None:
    server = client.server
    before = next(row for row in server.tokens() if row["id"] == 5)
    answer = client.put("/api/token/", {"id": 5, "name": "renamed", "remain_quota": 123456})
    after = next(row for row in server.tokens() if row["id"] == 5)
    assert set(answer.data) == shapes.TOKEN[server.flavor]
    written = ("name", "remain_quota", "expired_time", "unlimited_quota")
    assert [after[name] for name in written] == ["renamed", 123456, 0, False]  # 0 = "expired in 1970"
    unchanged = ("status", "key", "used_quota", "created_time", "accessed_time")
    assert [after[name] for name in unchanged] == [before[name] for name in unchanged]
    if server.flavor == "one-api":
        assert (after["models"], after["subnet"]) == (None, None)
        assert answer.data == after
    else:
        assert (after["allow_ips"], after["model_limits"], after["group"]) == (None, "", "")
        assert answer.data == {**after, "key": mask_key(after["key"])}


def test_update_validation(client: Client) -> None:
    if client.server.flavor == "one-api":
        assert client.put("/api/token/", {"id": 5, "name": "x" * 31}).message == "参数错误：令牌名称过长"
    else:
        answer = client.put("/api/token/", {"id": 2, "remain_quota": -5, "unlimited_quota": False})
        assert answer.message == "Quota value cannot be negative"
    assert client.put("/api/token/", {"id": 999, "name": "x"}).message == "record not found"
    assert client.put("/api/token/", {"name": "x"}).message == "id 或 userId 为空！"


def test_status_only_changes_only_the_status(client: Client) -> None:
    server = client.server
    target = find(server, lambda row, now: row["status"] == 1 and row["expired_time"] == -1)
    answer = client.put("/api/token/?status_only=true", {"id": target["id"], "status": 2})
    assert answer.data["status"] == 2
    after = next(row for row in server.tokens() if row["id"] == target["id"])
    assert after == {**target, "status": 2}
    assert client.put("/api/token/?status_only=1", {"id": target["id"], "status": 1}).data["status"] == 1


def test_enable_guards_use_the_stored_status(client: Client) -> None:
    server = client.server
    expired = find(server, lambda row, now: row["status"] == 3 and 0 < row["expired_time"] <= now)
    exhausted = find(server, lambda row, now: row["status"] == 4 and row["remain_quota"] <= 0)
    lazy = find(server, lambda row, now: row["status"] == 1 and 0 < row["expired_time"] <= now)
    enable = "/api/token/?status_only=true"
    assert client.put(enable, {"id": expired["id"], "status": 1}).message == EXPIRED_GUARD
    assert client.put(enable, {"id": exhausted["id"], "status": 1}).message == EXHAUSTED_GUARD
    assert client.put(enable, {"id": lazy["id"], "status": 1}).json()["success"] is True  # stored 1: allowed
    assert client.put(enable, {"id": expired["id"], "status": 2}).json()["success"] is True  # disabling is fine


def test_reviving_an_expired_token_takes_two_calls(client: Client) -> None:
    server = client.server
    expired = find(server, lambda row, now: row["status"] == 3 and 0 < row["expired_time"] <= now)
    body = {**expired, "expired_time": -1, "status": 1}
    assert client.put("/api/token/", body).message == EXPIRED_GUARD  # the guard reads the body's status
    body["status"] = 3
    assert client.put("/api/token/", body).data["expired_time"] == -1
    assert client.put("/api/token/?status_only=true", {"id": expired["id"], "status": 1}).data["status"] == 1


def test_delete(client: Client) -> None:
    answer = client.delete("/api/token/4")
    assert answer.json() == {"success": True, "message": ""}
    assert client.get("/api/token/4").message == "record not found"
    assert client.delete("/api/token/4").json() == {"success": False, "message": "record not found"}
    assert 4 not in {row["id"] for row in client.server.tokens()}


# --- New API only ---------------------------------------------------------------------------------------------------


def test_new_api_reveals_keys(na_client: Client) -> None:
    stored = {row["id"]: row["key"] for row in na_client.server.tokens()}
    assert na_client.post("/api/token/1/key").data == {"key": stored[1]}
    assert na_client.post("/api/token/999/key").json() == {"success": False, "message": "record not found"}
    answer = na_client.post("/api/token/batch/keys", {"ids": [1, 2, 999]})
    assert answer.data == {"keys": {"1": stored[1], "2": stored[2]}}
    for ids in ([], list(range(1, 102))):
        answer = na_client.post("/api/token/batch/keys", {"ids": ids})
        assert answer.json() == {"success": False, "message": "Invalid parameters"}


def test_new_api_batch_delete(na_client: Client) -> None:
    assert na_client.post("/api/token/batch", {"ids": [1, 2, 999]}).data == 2
    assert na_client.post("/api/token/batch", {"ids": []}).message == "Invalid parameters"
    assert len(na_client.server.tokens()) == 23


def test_one_api_has_no_new_api_routes(oa_client: Client) -> None:
    for path, body in (
        ("/api/token/1/key", None),
        ("/api/token/batch/keys", {"ids": [1]}),
        ("/api/token/batch", {"ids": [1]}),
    ):
        answer = oa_client.post(path, body)
        assert answer.status == 404
        assert answer.json()["error"]["message"] == f"Invalid URL (POST {path})"
    assert len(oa_client.server.tokens()) == 25


def test_unknown_api_path_is_404(client: Client) -> None:
    answer = client.get("/api/nothing-here")
    assert answer.status == 404 and answer.json()["error"]["type"] == "invalid_request_error"
    assert client.request("PATCH", "/api/token/").status == 404


# --- bookkeeping and concurrency -----------------------------------------------------------------------------


def test_requests_are_recorded(client: Client) -> None:
    server = client.server
    server.reset_requests()
    client.get("/api/token/?p=1&page_size=5")
    client.delete("/api/token/2")
    assert server.requests == [("GET", "/api/token/", "p=1&page_size=5"), ("DELETE", "/api/token/2", "")]
    server.reset_requests()
    assert server.requests == []


def test_concurrent_creates_get_distinct_ids(client: Client) -> None:
    server = client.server
    errors: list[BaseException] = []

    def create(index: int) -> None:
        try:
            answer = Client(server, token=server.access_token).post("/api/token/", {"name": f"t{index}"})
            assert answer.json()["success"] is True
        except BaseException as error:  # collected for the main thread
            errors.append(error)

    threads = [threading.Thread(target=create, args=(i,)) for i in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    ids = [row["id"] for row in server.tokens()]
    assert len(ids) == len(set(ids)) == 55
    assert {row["name"] for row in server.tokens() if row["id"] > 25} == {f"t{i}" for i in range(30)}
