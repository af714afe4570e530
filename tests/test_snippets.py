import base64
import json
import secrets
import string
from urllib.parse import parse_qs, unquote, urlsplit

from openkey_gui import snippets
from openkey_gui.api.models import ChatLink, SiteStatus


def fake_key() -> str:
    return "sk-" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(48))


def test_base_url_and_env() -> None:
    key = fake_key()
    assert snippets.api_base_url("https://openkey.cloud") == "https://openkey.cloud/v1"
    assert snippets.env_block(key, "https://openkey.cloud") == (
        f"OPENAI_API_KEY={key}\nOPENAI_BASE_URL=https://openkey.cloud/v1\n"
    )


def test_curl_and_python_mention_key_and_base() -> None:
    key = fake_key()
    curl = snippets.curl_command(key, "https://openkey.cloud")
    assert "https://openkey.cloud/v1/chat/completions" in curl and f"Bearer {key}" in curl
    code = snippets.python_snippet(key, "https://openkey.cloud")
    compile(code, "<snippet>", "exec")
    assert repr(key) in code and "'https://openkey.cloud/v1'" in code


def test_client_links_one_api() -> None:
    key = fake_key()
    links = {link.name: link.url for link in snippets.client_links(key, "https://openkey.cloud", SiteStatus())}
    assert set(links) >= {"NextChat", "LobeChat", "Cherry Studio", "AMA", "OpenCat"}
    next_chat = json.loads(unquote(links["NextChat"].split("settings=", 1)[1]))
    assert next_chat == {"key": key, "url": "https://openkey.cloud"}
    assert links["AMA"].startswith("ama://set-api-key?server=https%3A%2F%2Fopenkey.cloud&key=")
    cherry = parse_qs(urlsplit(links["Cherry Studio"]).query)["data"][0]
    assert json.loads(base64.b64decode(cherry))["apiKey"] == key


def test_site_templates_are_added_and_local_default_address_ignored() -> None:
    status = SiteStatus(
        server_address="http://localhost:3000",
        chats=(ChatLink("AI as Workspace", "https://aiaw.app/set-provider?k={key}&u={address}/v1"),
               ChatLink("Weird", "x://a?{unknown}&{key}")),
    )
    links = {link.name: link.url for link in snippets.client_links("sk-k", "https://site.example", status)}
    assert links["AI as Workspace"] == "https://aiaw.app/set-provider?k=sk-k&u=https://site.example/v1"
    assert "Weird" not in links  # never offer a half-filled link


def test_env_lines_name_each_key_and_parse_back() -> None:
    from openkey_gui.snippets import env_lines

    text = env_lines([("ci-runner", "sk-a"), ("我的笔记本", "sk-b"), ("ci runner", "sk-c"), ("2fa", "sk-d")])
    pairs = {}
    comments = []
    for line in text.splitlines():
        if line.startswith("# "):
            comments.append(line[2:])
            continue
        name, _, value = line.partition("=")
        assert name.isidentifier() and name.isascii()
        pairs[name] = value
    assert pairs == {"CI_RUNNER": "sk-a", "TOKEN_2": "sk-b", "CI_RUNNER_2": "sk-c", "T_2FA": "sk-d"}
    assert comments == ["ci-runner", "我的笔记本", "ci runner", "2fa"]
