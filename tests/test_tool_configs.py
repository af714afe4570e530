"""Every "Copy as" format for the coding agents, read back by the parser its tool uses.

A format that only looks right can still break the tool (a quote in a site name ends a TOML string, a
``+`` in a key turns into a space in a query string), so each is parsed with ``tomllib``, ``json``,
``urllib.parse`` or ``shlex`` and compared field by field, also with hostile names.
"""

from __future__ import annotations

import json
import shlex
from urllib.parse import parse_qs, urlsplit

import pytest

from openkey_gui import tool_configs as tc

KEY = "sk-" + "Ab3+/=" * 8
SITE = "https://openkey.example"
NAMES = ["OpenKey", 'Evil "name" \\ with\nnewline', "翻译 站点 😀", "a=b&c=d#e"]


def context(name: str = "OpenKey", models: tuple[str, ...] = ("gpt-4o", "gpt-4o-mini")) -> tc.ToolContext:
    return tc.ToolContext(key=KEY, site_url=SITE + "/", model="gpt-4o-mini", models=models, site_name=name)


def shell_exports(text: str) -> dict[str, str]:
    pairs = {}
    for line in text.splitlines():
        words = shlex.split(line)
        assert words[0] == "export" and len(words) == 2, line
        name, _, value = words[1].partition("=")
        pairs[name] = value
    return pairs


def query(url: str, scheme: str, host: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == (scheme, host), url
    values = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in values.values())
    return {k: v[0] for k, v in values.items()}


@pytest.mark.parametrize("name", NAMES)
def test_claude_code(name: str) -> None:
    ctx = context(name)
    assert shell_exports(tc.claude_code_env(ctx)) == {"ANTHROPIC_BASE_URL": SITE, "ANTHROPIC_AUTH_TOKEN": KEY}
    assert json.loads(tc.claude_code_settings(ctx)) == {"env": {"ANTHROPIC_BASE_URL": SITE,
                                                                 "ANTHROPIC_AUTH_TOKEN": KEY}}


@pytest.mark.parametrize("name", NAMES)
def test_codex_config_is_toml_and_keeps_the_key_out(name: str) -> None:
    tomllib = pytest.importorskip("tomllib")  # the standard library's since Python 3.11
    text = tc.codex_config(context(name))
    config = tomllib.loads(text)
    assert config["model_provider"] == tc.PROVIDER_ID and config["model"] == "gpt-4o-mini"
    provider = config["model_providers"][tc.PROVIDER_ID]
    assert provider == {"name": name, "base_url": SITE + "/v1", "env_key": tc.KEY_VARIABLE, "wire_api": "responses"}
    assert KEY not in text
    assert shell_exports(tc.codex_env(context(name))) == {tc.KEY_VARIABLE: KEY}


@pytest.mark.parametrize("name", NAMES)
def test_cc_switch_links(name: str) -> None:
    ctx = context(name)
    for builder, app, endpoint in ((tc.ccswitch_claude, "claude", SITE), (tc.ccswitch_codex, "codex", SITE + "/v1"),
                                   (tc.ccswitch_gemini, "gemini", SITE)):
        url = builder(ctx)
        assert urlsplit(url).path == "/import"
        params = query(url, "ccswitch", "v1")
        assert params["resource"] == "provider" and params["app"] == app
        assert (params["name"], params["endpoint"], params["apiKey"]) == (name, endpoint, KEY)
        assert params["homepage"] == SITE
        assert not any(c.isspace() for c in url)
    assert query(tc.ccswitch_codex(ctx), "ccswitch", "v1")["model"] == "gpt-4o-mini"


@pytest.mark.parametrize("name", NAMES)
def test_claude_code_router(name: str) -> None:
    ctx = context(name)
    params = query(tc.ccr_link(ctx), "ccr", "provider")
    assert params == {"name": name, "base_url": SITE + "/v1", "api_key": KEY, "protocol": "openai_chat_completions",
                      "models": "gpt-4o,gpt-4o-mini"}
    config = json.loads(tc.ccr_config(ctx))
    assert config["Providers"] == [{"name": tc.PROVIDER_ID, "api_base_url": SITE + "/v1/chat/completions",
                                    "api_key": KEY, "models": ["gpt-4o", "gpt-4o-mini"]}]
    assert config["Router"]["default"] == f"{tc.PROVIDER_ID},gpt-4o-mini"


@pytest.mark.parametrize("name", NAMES)
def test_opencode_roo_and_cline(name: str) -> None:
    ctx = context(name)
    opencode = json.loads(tc.opencode_config(ctx))
    provider = opencode["provider"][tc.PROVIDER_ID]
    assert provider["npm"] == "@ai-sdk/openai-compatible" and provider["name"] == name
    assert provider["options"] == {"baseURL": SITE + "/v1", "apiKey": KEY}
    assert set(provider["models"]) == {"gpt-4o", "gpt-4o-mini"}
    assert opencode["model"] == f"{tc.PROVIDER_ID}/gpt-4o-mini"
    roo = json.loads(tc.roo_settings(ctx))["providerProfiles"]
    assert roo["currentApiConfigName"] == name
    assert roo["apiConfigs"][name] == {"apiProvider": "openai", "openAiBaseUrl": SITE + "/v1", "openAiApiKey": KEY,
                                       "openAiModelId": "gpt-4o-mini", "id": tc.PROVIDER_ID}
    fields = dict(line.split(": ", 1) for line in tc.cline_fields(ctx).splitlines())
    assert fields == {"API Provider": "OpenAI Compatible", "Base URL": SITE + "/v1", "API Key": KEY,
                      "Model ID": "gpt-4o-mini"}


def test_node_snippet_quotes_its_strings_as_javascript() -> None:
    text = tc.node_snippet(context())
    assert f"apiKey: {json.dumps(KEY)}" in text and f"baseURL: {json.dumps(SITE + '/v1')}" in text
    assert text.startswith('import OpenAI from "openai";')


def test_one_api_sites_get_no_format_their_relay_cannot_serve() -> None:
    one_api = {f.id for f in tc.formats_for(tc.SiteRoutes())}
    new_api = {f.id for f in tc.formats_for(tc.SiteRoutes(messages=True, responses=True, gemini=True))}
    assert new_api == {f.id for f in tc.FORMATS}
    assert not any(i.startswith(("claude_code", "codex", "ccswitch")) for i in one_api)
    assert {"opencode", "ccr_link", "ccr_config", "roo", "cline"} <= one_api


def test_model_choice_and_lookup() -> None:
    assert tc.pick_model(["deepseek-chat", "gpt-4o-mini"]) == "gpt-4o-mini"
    assert tc.pick_model(["deepseek-chat"]) == "deepseek-chat"
    assert tc.pick_model([]) == "gpt-4o-mini"
    assert tc.format_by_id("node") is tc.NODE
    assert KEY not in repr(context())
