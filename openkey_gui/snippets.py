"""The "Copy as …" texts: a key plus the site, in the forms users paste into their tools.

Pure functions of (key, site), so the formats are tested without Qt and the tray and the window copy
exactly the same text.
"""

from __future__ import annotations

import base64
import json
import shlex
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from openkey_gui.api.models import SiteStatus
from openkey_gui.api.urls import is_loopback_host

DEFAULT_MODEL = "gpt-4o-mini"
NEXTCHAT_DEFAULT = "https://app.nextchat.dev"


@dataclass(frozen=True)
class ClientLink:
    """A deep link that opens a chat client with the key filled in."""

    name: str
    url: str


def api_base_url(site_url: str) -> str:
    """What OpenAI-compatible SDKs call ``base_url``."""
    return site_url.rstrip("/") + "/v1"


def env_block(key: str, site_url: str) -> str:
    return f"OPENAI_API_KEY={key}\nOPENAI_BASE_URL={api_base_url(site_url)}\n"


def env_lines(named_keys: list[tuple[str, str]]) -> str:
    """Several keys as ``NAME=key`` lines a shell or dotenv file accepts, each under its token's name.

    Token names are free text ("我的笔记本", "ci runner"), so each variable name is the name made into
    an identifier (``CI_RUNNER``), or ``TOKEN_1``… where nothing of it is usable; a comment line keeps
    the original name whenever the variable name differs, and repeats get ``_2``, ``_3``.
    """
    lines: list[str] = []
    used: set[str] = set()
    for number, (name, key) in enumerate(named_keys, start=1):
        base = _variable_name(name) or f"TOKEN_{number}"
        variable, suffix = base, 2
        while variable in used:
            variable, suffix = f"{base}_{suffix}", suffix + 1
        used.add(variable)
        if variable != name:
            lines.append(f"# {' '.join(name.split())}")
        lines.append(f"{variable}={key}")
    return "\n".join(lines) + "\n"


def _variable_name(name: str) -> str:
    """``ci-runner`` → ``CI_RUNNER``; characters outside A-Z, 0-9 become ``_``; "" if nothing is left."""
    chars = [c.upper() if c.isascii() and c.isalnum() else "_" for c in name]
    variable = "_".join(part for part in "".join(chars).split("_") if part)
    if variable and variable[0].isdigit():
        variable = "T_" + variable
    return variable


def curl_command(key: str, site_url: str, model: str = DEFAULT_MODEL) -> str:
    body = json.dumps({"model": model, "messages": [{"role": "user", "content": "Hello"}]})
    return (
        f"curl {shlex.quote(api_base_url(site_url) + '/chat/completions')} \\\n"
        f"  -H 'Content-Type: application/json' \\\n"
        f"  -H {shlex.quote('Authorization: Bearer ' + key)} \\\n"
        f"  -d {shlex.quote(body)}\n"
    )


def python_snippet(key: str, site_url: str, model: str = DEFAULT_MODEL) -> str:
    return (
        "from openai import OpenAI\n\n"
        f"client = OpenAI(api_key={key!r}, base_url={api_base_url(site_url)!r})\n"
        "reply = client.chat.completions.create(\n"
        f"    model={model!r},\n"
        '    messages=[{"role": "user", "content": "Hello"}],\n'
        ")\n"
        "print(reply.choices[0].message.content)\n"
    )


def public_address(site_url: str, status: SiteStatus | None) -> str:
    """The address the site advertises for clients (contract §6), unless it is an unset local default."""
    advertised = (status.server_address if status else "").rstrip("/")
    if advertised.startswith(("https://", "http://")):
        host = urlsplit(advertised).hostname or ""
        site_host = urlsplit(site_url).hostname or ""
        if not is_loopback_host(host) or is_loopback_host(site_host):
            return advertised
    return site_url.rstrip("/")


def client_links(key: str, site_url: str, status: SiteStatus | None) -> list[ClientLink]:
    """One API's built-in links, then the site's own templates (New API ``chats``), without duplicates."""
    address = public_address(site_url, status)
    chat_link = (status.chat_link if status else "").rstrip("/")
    links = [
        ClientLink(
            "NextChat",
            f"{chat_link or NEXTCHAT_DEFAULT}/#/?settings="
            + quote(json.dumps({"key": key, "url": address}, separators=(",", ":"))),
        ),
        ClientLink(
            "LobeChat",
            f"{chat_link or 'https://chat-preview.lobehub.com'}/?settings="
            + quote(
                json.dumps(
                    {"keyVaults": {"openai": {"apiKey": key, "baseURL": address + "/v1"}}},
                    separators=(",", ":"),
                )
            ),
        ),
        ClientLink("Cherry Studio", _fill("cherrystudio://providers/api-keys?v=1&data={cherryConfig}", key, address)),
        ClientLink("AMA", f"ama://set-api-key?server={quote(address, safe='')}&key={quote(key, safe='')}"),
        ClientLink("OpenCat", f"opencat://team/join?domain={quote(address, safe='')}&token={quote(key, safe='')}"),
    ]
    seen = {link.name.split()[0].lower() for link in links}
    for chat in status.chats if status else ():
        first_word = chat.name.split()[0].lower() if chat.name.split() else chat.name
        if first_word in seen:
            continue
        url = _fill(chat.template, key, address)
        if "{" not in url:  # a template with placeholders we do not know is not offered half-filled
            links.append(ClientLink(chat.name, url))
            seen.add(first_word)
    return links


def _fill(template: str, key: str, address: str) -> str:
    cherry = base64.b64encode(
        json.dumps({"id": "openkey", "baseUrl": address, "apiKey": key}, separators=(",", ":")).encode()
    ).decode()
    return (
        template.replace("{cherryConfig}", quote(cherry, safe=""))
        .replace("{key}", key)
        .replace("{address}", address)
    )
