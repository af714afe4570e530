""""Copy as" links: the site picks their scheme and host, so only https (and the known client apps'
schemes) are offered, and a link that puts the key where a third-party server logs it says so.

The site here is the hostile demo over real HTTP: a ``javascript:`` ``chat_link`` and ``chats`` templates
for ``javascript:``, ``file:``, ``ms-msdt:``, ``data:``, ``vbscript:``, a user-info part and control characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from openkey_gui import snippets
from openkey_gui.api import OpenKeyClient
from openkey_gui.api.models import ChatLink, SiteStatus
from openkey_gui.demo import DemoServer

ALLOWED = {"https", "cherrystudio", "ama", "opencat", "aionui"}
EVIL = ("javascript", "vbscript", "file", "data", "ms-msdt")


@pytest.fixture(params=["one-api", "new-api"])
def hostile_site(request: pytest.FixtureRequest) -> Iterator[tuple[DemoServer, SiteStatus, str]]:
    with DemoServer(flavor=request.param, tokens=4, hostile=True) as server:
        client = OpenKeyClient(server.url, timeout=5)
        client.login(server.username, server.password)
        token = client.list_tokens()[0]
        key = client.reveal_key(token.id) if not token.key or "*" in token.key else token.key
        yield server, client.status(), key
        client.close()


def test_only_https_and_known_client_schemes_are_offered(hostile_site: tuple[DemoServer, SiteStatus, str]) -> None:
    server, status, key = hostile_site
    links = snippets.client_links(key, server.url, status)
    assert links, "the built-in links are still offered"
    for link in links:
        scheme = urlsplit(link.url).scheme.lower()
        assert scheme in ALLOWED, (link.name, link.url)
        assert not any(link.url.lower().lstrip("\x00 \x01").startswith(evil + ":") for evil in EVIL), link
        assert "@" not in urlsplit(link.url).netloc, link
        assert not any(ord(c) < 32 or ord(c) == 127 for c in link.url), link
    names = {link.name for link in links}
    assert not any(name.startswith("Evil") for name in names), names


def test_a_hostile_chat_link_falls_back_to_the_official_hosts(hostile_site: tuple[DemoServer, SiteStatus, str]) -> None:
    server, status, key = hostile_site
    links = {link.name: link for link in snippets.client_links(key, server.url, status)}
    assert links["NextChat"].url.startswith(snippets.NEXTCHAT_DEFAULT + "/#/?settings=")
    assert links["LobeChat"].url.startswith("https://chat-preview.lobehub.com/?settings=")


def test_links_say_whether_the_key_reaches_a_web_server(hostile_site: tuple[DemoServer, SiteStatus, str]) -> None:
    server, status, key = hostile_site
    links = {link.name: link for link in snippets.client_links(key, server.url, status)}
    # NextChat reads its settings from the fragment: the key stays in the browser.
    assert links["NextChat"].key_in_query is False
    assert key in urlsplit(links["NextChat"].url).fragment
    # LobeChat reads ?settings= only (its ImportSettings reads the search params), so the key goes to its host.
    assert links["LobeChat"].key_in_query is True and "chat-preview.lobehub.com" in links["LobeChat"].warning
    for app in ("Cherry Studio", "AMA", "OpenCat"):
        assert links[app].key_in_query is False and links[app].warning == ""
    if server.flavor == "new-api":
        assert links["Query Chat"].key_in_query is True and "chat.evil.example" in links["Query Chat"].warning
        assert links["<b>Markup</b> Chat"].key_in_query is False


@pytest.mark.parametrize(
    ("template", "offered"),
    [
        ("https://chat.example/#/?key={key}", True),
        ("HTTPS://chat.example/?key={key}", True),
        ("http://localhost:3000/#/?key={key}", True),
        ("http://chat.example/?key={key}", False),  # plain http to another machine
        ("https://{key}@chat.example/", False),
        ("https://user@chat.example/?key={key}", False),
        ("https:///nohost?key={key}", False),
        (" https://chat.example/?key={key}", False),
        ("https://chat.example/?key={key}\n", False),
        ("https://chat.example/\u202e?key={key}", False),
        ("javascript://chat.example/%0aalert('{key}')", False),
        ("ms-msdt:/id PCWDiagnostic https://x/{key}", False),
        ("file:///C:/x.exe?{key}://", False),
        ("cherrystudio://providers/api-keys?v=1&data={cherryConfig}", True),
        ("opencat://team/join?domain={address}&token={key}", True),
        ("evilapp://steal?{key}", False),
    ],
)
def test_site_templates_are_checked_after_filling(template: str, offered: bool) -> None:
    status = SiteStatus(chats=(ChatLink("Site Chat", template),))
    names = {link.name for link in snippets.client_links("sk-test", "https://site.example", status)}
    assert ("Site Chat" in names) is offered, template


@pytest.mark.parametrize("chat_link", ["javascript:alert(1)//", "http://chat.example", "file:///tmp",
                                       "https://user:pw@chat.example", "data:text/html,x"])
def test_an_unsafe_chat_link_is_not_used_as_the_host(chat_link: str) -> None:
    links = {link.name: link.url for link in
             snippets.client_links("sk-test", "https://site.example", SiteStatus(chat_link=chat_link))}
    assert links["NextChat"].startswith(snippets.NEXTCHAT_DEFAULT + "/")


def test_a_safe_chat_link_is_still_used() -> None:
    status = SiteStatus(chat_link="https://chat.site.example/")
    links = {link.name: link for link in snippets.client_links("sk-test", "https://site.example", status)}
    assert links["NextChat"].url.startswith("https://chat.site.example/#/?settings=")
    assert links["LobeChat"].url.startswith("https://chat.site.example/?settings=")


def test_link_names_from_the_site_lose_control_and_bidi_characters() -> None:
    status = SiteStatus(chats=(ChatLink("Nice\u202e\x00 Chat\n" + "x" * 200, "https://chat.example/#{key}"),))
    names = [link.name for link in snippets.client_links("sk-test", "https://site.example", status)]
    site_names = [name for name in names if name.startswith("Nice")]
    assert len(site_names) == 1
    assert all(c.isprintable() and c not in "\u202e" for c in site_names[0]) and len(site_names[0]) <= 60
