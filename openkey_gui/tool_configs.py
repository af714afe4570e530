"""The "Copy as" formats for the coding agents people use in 2026, each in the shape its tool reads.

Pure functions of a :class:`ToolContext` (key, site, model), like ``snippets``, so every format is tested
by the tool's own kind of parser (``tomllib``, ``json``, ``urllib.parse``) without Qt. Each builder names
the file of the tool's source or docs its shape was read from; the versions are in the README table.

Which formats a site can take depends on its relay routes (contract "Relay routes"): Claude Code speaks
only Anthropic's ``/v1/messages`` and recent Codex CLI only the Responses API, which New API serves and
One API does not. :func:`formats_for` leaves out what the site cannot serve, instead of handing the user
a configuration that fails on its first request.
"""

from __future__ import annotations

import enum
import json
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from openkey_gui.snippets import DEFAULT_MODEL

PROVIDER_ID = "openkey"
KEY_VARIABLE = "OPENKEY_API_KEY"


class FormatKind(str, enum.Enum):
    """How the menu groups the formats, most used first."""

    CODING_AGENT = "coding_agent"
    SWITCHER = "switcher"
    EDITOR = "editor"


class Needs(str, enum.Enum):
    """The relay route a tool needs beyond OpenAI's chat completions."""

    CHAT = "chat"  # every One API / New API site
    MESSAGES = "messages"  # Anthropic /v1/messages (New API)
    RESPONSES = "responses"  # OpenAI Responses /v1/responses (New API)
    GEMINI = "gemini"  # /v1beta/models/* (New API)


@dataclass(frozen=True)
class SiteRoutes:
    """What the site's relay serves; New API has all three, One API none (contract, relay routes)."""

    messages: bool = False
    responses: bool = False
    gemini: bool = False

    def serves(self, needs: Needs) -> bool:
        return needs is Needs.CHAT or getattr(self, needs.value)


@dataclass(frozen=True)
class ToolContext:
    """Everything a format may use; ``site_url`` is the address clients use (no ``/v1``)."""

    key: str = field(repr=False)
    site_url: str
    model: str = DEFAULT_MODEL
    models: tuple[str, ...] = ()
    site_name: str = "OpenKey"

    @property
    def base_v1(self) -> str:
        return self.site_url.rstrip("/") + "/v1"

    @property
    def model_list(self) -> list[str]:
        return list(self.models) or [self.model]


@dataclass(frozen=True)
class ToolFormat:
    """One menu item: ``tool`` and ``id`` are fixed names, what it produces is worded by the UI."""

    id: str
    tool: str
    kind: FormatKind
    needs: Needs
    build: Callable[[ToolContext], str]
    # A link (opened by the tool's URL scheme) rather than text to paste.
    is_link: bool = False


# --- Claude Code -------------------------------------------------------------------------------------------
# code.claude.com/docs/en/env-vars: ANTHROPIC_BASE_URL (the site; Claude Code appends /v1/messages) and
# ANTHROPIC_AUTH_TOKEN (sent as "Authorization: Bearer …", which both relays accept); settings.json "env".


def claude_code_env(ctx: ToolContext) -> str:
    return (f"export ANTHROPIC_BASE_URL={shlex.quote(ctx.site_url.rstrip('/'))}\n"
            f"export ANTHROPIC_AUTH_TOKEN={shlex.quote(ctx.key)}\n")


def claude_code_settings(ctx: ToolContext) -> str:
    env = {"ANTHROPIC_BASE_URL": ctx.site_url.rstrip("/"), "ANTHROPIC_AUTH_TOKEN": ctx.key}
    return json.dumps({"env": env}, indent=2, ensure_ascii=False) + "\n"


# --- OpenAI Codex CLI --------------------------------------------------------------------------------------
# developers.openai.com/codex/config-sample and openai/codex docs/config.md: a [model_providers.<id>] table
# with name, base_url, env_key (the variable holding the key: the key stays out of the file) and
# wire_api = "responses" (the only value Codex CLI 0.16x accepts), selected by model_provider.


def _toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, as long as non-ASCII stays literal (no surrogates)."""
    return json.dumps(value, ensure_ascii=False)


def codex_config(ctx: ToolContext) -> str:
    return (
        f"model_provider = {_toml_string(PROVIDER_ID)}\n"
        f"model = {_toml_string(ctx.model)}\n"
        "\n"
        f"[model_providers.{PROVIDER_ID}]\n"
        f"name = {_toml_string(ctx.site_name)}\n"
        f"base_url = {_toml_string(ctx.base_v1)}\n"
        f"env_key = {_toml_string(KEY_VARIABLE)}\n"
        'wire_api = "responses"\n'
    )


def codex_env(ctx: ToolContext) -> str:
    return f"export {KEY_VARIABLE}={shlex.quote(ctx.key)}\n"


# --- CC Switch -------------------------------------------------------------------------------------------
# farion1231/cc-switch src-tauri/src/deeplink/parser.rs and provider.rs: ccswitch://v1/import with
# resource=provider, app (claude | codex | gemini …), name (required), endpoint, apiKey, homepage, model.
# For claude the endpoint becomes ANTHROPIC_BASE_URL (the site), for codex the Responses base_url (…/v1).


def _ccswitch(app: str, endpoint: str, ctx: ToolContext, model: str | None) -> str:
    params = {"resource": "provider", "app": app, "name": ctx.site_name, "endpoint": endpoint,
              "apiKey": ctx.key, "homepage": ctx.site_url.rstrip("/")}
    if model:
        params["model"] = model
    return "ccswitch://v1/import?" + urlencode(params, quote_via=quote)


def ccswitch_claude(ctx: ToolContext) -> str:
    return _ccswitch("claude", ctx.site_url.rstrip("/"), ctx, None)


def ccswitch_codex(ctx: ToolContext) -> str:
    return _ccswitch("codex", ctx.base_v1, ctx, ctx.model)


def ccswitch_gemini(ctx: ToolContext) -> str:
    return _ccswitch("gemini", ctx.site_url.rstrip("/"), ctx, None)


# --- Claude Code Router ----------------------------------------------------------------------------------
# musistudio/claude-code-router docs/src/content/docs/en/configuration/provider-deeplink.md: the desktop app
# (which keeps its configuration in SQLite) imports ccr://provider?name&base_url&api_key&protocol&models.
# The 1.x CLI read ~/.claude-code-router/config.json: "Providers" [{name, api_base_url (the full
# chat/completions URL), api_key, models}] and "Router": {"default": "provider,model"} (its README).


def ccr_link(ctx: ToolContext) -> str:
    params = {"name": ctx.site_name, "base_url": ctx.base_v1, "api_key": ctx.key,
              "protocol": "openai_chat_completions", "models": ",".join(ctx.model_list)}
    return "ccr://provider?" + urlencode(params, quote_via=quote)


def ccr_config(ctx: ToolContext) -> str:
    config = {
        "Providers": [{"name": PROVIDER_ID, "api_base_url": ctx.base_v1 + "/chat/completions", "api_key": ctx.key,
                       "models": ctx.model_list}],
        "Router": {"default": f"{PROVIDER_ID},{ctx.model}"},
    }
    return json.dumps(config, indent=2, ensure_ascii=False) + "\n"


# --- OpenCode --------------------------------------------------------------------------------------------
# opencode.ai/docs/providers ("custom provider"): opencode.json "provider": {id: {npm:
# "@ai-sdk/openai-compatible", name, options: {baseURL, apiKey}, models: {id: {name}}}}; "$schema" names
# https://opencode.ai/config.json.


def opencode_config(ctx: ToolContext) -> str:
    config = {
        "$schema": "https://opencode.ai/config.json",
        "provider": {PROVIDER_ID: {
            "npm": "@ai-sdk/openai-compatible",
            "name": ctx.site_name,
            "options": {"baseURL": ctx.base_v1, "apiKey": ctx.key},
            "models": {name: {"name": name} for name in ctx.model_list},
        }},
        "model": f"{PROVIDER_ID}/{ctx.model}",
    }
    return json.dumps(config, indent=2, ensure_ascii=False) + "\n"


# --- Roo Code / Kilo Code / Cline ----------------------------------------------------------------------------
# RooCodeInc/Roo-Code src/core/config/importExport.ts (Kilo-Org/kilocode has the same file): "Import
# settings" reads {providerProfiles: {currentApiConfigName, apiConfigs: {name: ProviderSettings}}}; the
# OpenAI-compatible provider is apiProvider "openai" with openAiBaseUrl, openAiApiKey, openAiModelId.
# Cline (cline/cline src/shared/api.ts) uses the same three fields but has no settings import, so it gets
# the values to type into its "OpenAI Compatible" form.


def roo_settings(ctx: ToolContext) -> str:
    profile = {"apiProvider": "openai", "openAiBaseUrl": ctx.base_v1, "openAiApiKey": ctx.key,
               "openAiModelId": ctx.model, "id": PROVIDER_ID}
    config = {"providerProfiles": {"currentApiConfigName": ctx.site_name, "apiConfigs": {ctx.site_name: profile}}}
    return json.dumps(config, indent=2, ensure_ascii=False) + "\n"


def cline_fields(ctx: ToolContext) -> str:
    return ("API Provider: OpenAI Compatible\n"
            f"Base URL: {ctx.base_v1}\n"
            f"API Key: {ctx.key}\n"
            f"Model ID: {ctx.model}\n")


# --- Node ------------------------------------------------------------------------------------------------
# openai/openai-node README: new OpenAI({apiKey, baseURL}); client.chat.completions.create({model, messages}).


def node_snippet(ctx: ToolContext) -> str:
    return (
        'import OpenAI from "openai";\n\n'
        f"const client = new OpenAI({{ apiKey: {json.dumps(ctx.key)}, baseURL: {json.dumps(ctx.base_v1)} }});\n"
        "const reply = await client.chat.completions.create({\n"
        f"  model: {json.dumps(ctx.model)},\n"
        '  messages: [{ role: "user", content: "Hello" }],\n'
        "});\n"
        "console.log(reply.choices[0].message.content);\n"
    )


FORMATS: tuple[ToolFormat, ...] = (
    ToolFormat("claude_code_env", "Claude Code", FormatKind.CODING_AGENT, Needs.MESSAGES, claude_code_env),
    ToolFormat("claude_code_settings", "Claude Code", FormatKind.CODING_AGENT, Needs.MESSAGES, claude_code_settings),
    ToolFormat("codex_config", "Codex CLI", FormatKind.CODING_AGENT, Needs.RESPONSES, codex_config),
    ToolFormat("codex_env", "Codex CLI", FormatKind.CODING_AGENT, Needs.RESPONSES, codex_env),
    ToolFormat("opencode", "OpenCode", FormatKind.CODING_AGENT, Needs.CHAT, opencode_config),
    ToolFormat("ccswitch_claude", "CC Switch", FormatKind.SWITCHER, Needs.MESSAGES, ccswitch_claude, is_link=True),
    ToolFormat("ccswitch_codex", "CC Switch", FormatKind.SWITCHER, Needs.RESPONSES, ccswitch_codex, is_link=True),
    ToolFormat("ccswitch_gemini", "CC Switch", FormatKind.SWITCHER, Needs.GEMINI, ccswitch_gemini, is_link=True),
    ToolFormat("ccr_link", "Claude Code Router", FormatKind.SWITCHER, Needs.CHAT, ccr_link, is_link=True),
    ToolFormat("ccr_config", "Claude Code Router", FormatKind.SWITCHER, Needs.CHAT, ccr_config),
    ToolFormat("roo", "Roo Code / Kilo Code", FormatKind.EDITOR, Needs.CHAT, roo_settings),
    ToolFormat("cline", "Cline", FormatKind.EDITOR, Needs.CHAT, cline_fields),
)
NODE = ToolFormat("node", "Node.js", FormatKind.EDITOR, Needs.CHAT, node_snippet)


def formats_for(routes: SiteRoutes) -> list[ToolFormat]:
    """The formats whose tool can work with this site, in menu order."""
    return [f for f in FORMATS if routes.serves(f.needs)]


def format_by_id(format_id: str) -> ToolFormat:
    for candidate in (*FORMATS, NODE):
        if candidate.id == format_id:
            return candidate
    raise KeyError(format_id)


def pick_model(models: list[str] | tuple[str, ...]) -> str:
    """The model a snippet names: the usual default when the site has it, else the site's first one."""
    if not models or DEFAULT_MODEL in models:
        return DEFAULT_MODEL
    return models[0]
