"""The "Copy as …" texts: a key plus the site, in the forms users paste into their tools.

Pure functions of (key, site), so the formats are tested without Qt and the tray and the window copy
exactly the same text.

The chat-client links are partly the site's: One API's ``chat_link`` is the host of the NextChat and
LobeChat links, and New API's ``chats`` are whole URL templates. A site (or whoever took it over) could
make them ``javascript:``, ``file:`` or ``ms-msdt:`` links that carry the key, so a link is offered only
when its finished URL is https to a named host (plain http only to this machine) or one of the known
client apps' schemes. A link that sends the key to a web server in its address (the query string, not the
fragment a browser keeps to itself) is marked, so the menu can say whose server logs will hold it.
"""

from __future__ import annotations

import base64
import json
import shlex
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from openkey_gui.api.models import SiteStatus
from openkey_gui.api.urls import is_loopback_host

DEFAULT_MODEL = "gpt-4o-mini"
NEXTCHAT_DEFAULT = "https://app.nextchat.dev"
LOBECHAT_DEFAULT = "https://chat-preview.lobehub.com"
# Desktop and mobile chat apps that take a key by deep link (the built-in links and New API's defaults).
CLIENT_SCHEMES = frozenset({"cherrystudio", "ama", "opencat", "aionui"})
_MAX_NAME_CHARS = 60


@dataclass(frozen=True)
class ClientLink:
    """A deep link that opens a chat client with the key filled in.

    ``key_in_query`` is True when opening the link sends the key to a web server inside the address
    (path or query string, not the fragment): that server's logs will hold it. The menu should say so,
    with :attr:`warning`.
    """

    name: str
    url: str
    key_in_query: bool = False

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def warning(self) -> str:
        """A plain sentence for the menu or a tooltip; empty when the key stays on this machine."""
        if not self.key_in_query:
            return ""
        return f"The key is sent to {self.host} in the link's address; that site's server logs will keep it."


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
    """One API's built-in links, then the site's own templates (New API ``chats``), without duplicates.

    Only links that pass :func:`is_safe_link` once filled in are returned.
    """
    address = public_address(site_url, status)
    chat_link = (status.chat_link if status else "").strip().rstrip("/")
    if chat_link and not _is_web_link(chat_link):
        chat_link = ""  # a javascript:/file:/plain-http "chat host" is ignored: the official hosts stand in
    candidates = [
        (
            "NextChat",
            f"{chat_link or NEXTCHAT_DEFAULT}/#/?settings="
            + quote(json.dumps({"key": key, "url": address}, separators=(",", ":"))),
        ),
        (
            # LobeChat reads ?settings= from the query string only (not the fragment), so its host sees the key.
            "LobeChat",
            f"{chat_link or LOBECHAT_DEFAULT}/?settings="
            + quote(
                json.dumps(
                    {"keyVaults": {"openai": {"apiKey": key, "baseURL": address + "/v1"}}},
                    separators=(",", ":"),
                )
            ),
        ),
        ("Cherry Studio", _fill("cherrystudio://providers/api-keys?v=1&data={cherryConfig}", key, address)),
        ("AMA", f"ama://set-api-key?server={quote(address, safe='')}&key={quote(key, safe='')}"),
        ("OpenCat", f"opencat://team/join?domain={quote(address, safe='')}&token={quote(key, safe='')}"),
    ]
    links = [_link(name, url, key) for name, url in candidates if is_safe_link(url)]
    seen = {name.split()[0].lower() for name, _ in candidates}
    for chat in status.chats if status else ():
        name = _clean_name(chat.name)
        first_word = name.split()[0].lower() if name.split() else name
        if not name or first_word in seen:
            continue
        url = _fill(chat.template, key, address)
        # A template with placeholders we do not know is not offered half-filled, nor an unsafe one at all.
        if "{" not in url and is_safe_link(url):
            links.append(_link(name, url, key))
            seen.add(first_word)
    return links


def is_safe_link(url: str) -> bool:
    """https to a named host (http only to this machine), or a known client app's scheme; nothing else.

    The whole text is checked as it will be copied: no spaces, control or invisible characters (browsers
    drop leading ones, so ``\x01javascript:`` would still run), and no user-info part (``https://key@host``).
    """
    if not url or any(_is_invisible(c) for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme in CLIENT_SCHEMES:
        return url[: len(scheme) + 3].lower() == scheme + "://"
    return _is_web_link(url)


def _is_web_link(url: str) -> bool:
    if not url or any(_is_invisible(c) for c in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if url[: len(scheme) + 3].lower() != scheme + "://" or not host or "@" in parts.netloc:
        return False
    return scheme == "https" or (scheme == "http" and is_loopback_host(host))


def _link(name: str, url: str, key: str) -> ClientLink:
    before_fragment = url.split("#", 1)[0]
    web = urlsplit(url).scheme.lower() in ("http", "https")
    return ClientLink(name, url, key_in_query=web and bool(key) and key in before_fragment)


def _is_invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp", "Zs", "Co", "Cn"}


def _clean_name(name: str) -> str:
    """A site's link name as one plain line: no control or bidi characters, at most 60 characters."""
    visible = "".join(" " if _is_invisible(c) else c for c in name)
    cleaned = " ".join(visible.split())
    return cleaned if len(cleaned) <= _MAX_NAME_CHARS else cleaned[: _MAX_NAME_CHARS - 1] + "…"


def _fill(template: str, key: str, address: str) -> str:
    cherry = base64.b64encode(
        json.dumps({"id": "openkey", "baseUrl": address, "apiKey": key}, separators=(",", ":")).encode()
    ).decode()
    return (
        template.replace("{cherryConfig}", quote(cherry, safe=""))
        .replace("{key}", key)
        .replace("{address}", address)
    )
