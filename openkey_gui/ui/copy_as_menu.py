"""The "Copy as" menu: every format a key can be handed to a tool in, grouped by kind, most used first.

Coding agents, provider switchers, editor extensions, chat apps, then code. Each item says what it
produces (its text and tooltip); formats the site's relay cannot serve (Claude Code and Codex on One
API) are left out with a word in the section title, so nothing copied fails on its first request. The
text itself comes from ``tool_configs`` / ``snippets``; the key is fetched and copied by ``KeyCopier``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from openkey_gui import snippets, tool_configs
from openkey_gui.api import Flavor
from openkey_gui.tool_configs import FormatKind, SiteRoutes, ToolContext, ToolFormat
from openkey_gui.ui.actions import WindowActions
from openkey_gui.ui.key_copier import KeyCopier
from openkey_gui.ui.token_cells import plain_tooltip
from openkey_gui.ui.token_controller import TokenController
from openkey_gui.ui.token_view import TokenView


class CopyAsMenu(QObject):
    """Fills ``actions.copy_as_menu`` each time it opens, for the selected token and the signed-in site."""

    def __init__(self, actions: WindowActions, *, view: TokenView, copier: KeyCopier,
                 controller: TokenController, routes_found: Callable[[str], SiteRoutes | None] | None = None,
                 parent: QObject | None = None) -> None:
        """``routes_found`` tells what a key test found the site to serve (see ``KeyTester``)."""
        super().__init__(parent)
        self._actions = actions
        self._view = view
        self._copier = copier
        self._controller = controller
        self._routes_found = routes_found or (lambda _url: None)

    # -- words ------------------------------------------------------------------------------------------

    def _what(self, format_id: str) -> tuple[str, str]:
        """(menu text after the tool's name, tooltip) for one format."""
        words = {
            "claude_code_env": (self.tr("shell variables"), self.tr(
                "export ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN lines to paste into a terminal "
                "before running claude")),
            "claude_code_settings": (self.tr("settings.json env block"), self.tr(
                "The \"env\" block of ~/.claude/settings.json, so every claude session uses this key")),
            "codex_config": (self.tr("config.toml provider (no key)"), self.tr(
                "A [model_providers] table for ~/.codex/config.toml; the key is read from the "
                "OPENKEY_API_KEY variable, so it stays out of the file")),
            "codex_env": (self.tr("API key variable"), self.tr(
                "The export OPENKEY_API_KEY line the Codex config.toml provider reads the key from")),
            "opencode": (self.tr("opencode.json provider"), self.tr(
                "An OpenAI-compatible provider for opencode.json, with the key and the models")),
            "ccswitch_claude": (self.tr("link for Claude Code"), self.tr(
                "A ccswitch:// link that adds this site as a Claude Code provider in CC Switch")),
            "ccswitch_codex": (self.tr("link for Codex"), self.tr(
                "A ccswitch:// link that adds this site as a Codex provider in CC Switch")),
            "ccswitch_gemini": (self.tr("link for Gemini CLI"), self.tr(
                "A ccswitch:// link that adds this site as a Gemini CLI provider in CC Switch")),
            "ccr_link": (self.tr("import link"), self.tr(
                "A ccr://provider link the Claude Code Router desktop app imports after a preview")),
            "ccr_config": (self.tr("config.json (1.x CLI)"), self.tr(
                "Providers and Router entries for ~/.claude-code-router/config.json of the 1.x command-line tool")),
            "roo": (self.tr("settings import file"), self.tr(
                "JSON for Settings → Import in Roo Code or Kilo Code: an OpenAI-compatible profile with this key")),
            "cline": (self.tr("OpenAI Compatible fields"), self.tr(
                "Base URL, API key and model ID to type into Cline's OpenAI Compatible provider form")),
            "node": (self.tr("openai package"), self.tr(
                "A Node.js snippet using the openai package with this key and base URL")),
        }
        return words[format_id]

    def _sections(self, routes: SiteRoutes) -> dict[FormatKind, str]:
        agents = self.tr("Coding agents")
        if not routes.messages:
            agents = self.tr("Coding agents (Claude Code and Codex need the site's Anthropic and Responses "
                             "routes; Test key checks for them)")
        return {FormatKind.CODING_AGENT: agents, FormatKind.SWITCHER: self.tr("Provider switchers"),
                FormatKind.EDITOR: self.tr("Editor extensions")}

    # -- filling ----------------------------------------------------------------------------------------

    def fill(self) -> None:
        menu, session = self._actions.copy_as_menu, self._controller.session
        menu.clear()
        one = session is not None and len(self._view.selected_tokens()) == 1
        found = self._routes_found(session.client.base_url) if session is not None else None
        routes = found or site_routes(session.site.flavor if session is not None else None)
        sections = self._sections(routes)
        current: FormatKind | None = None
        for tool_format in tool_configs.formats_for(routes):
            if tool_format.kind is not current:
                current = tool_format.kind
                menu.addSection(sections[current])
            self._add(menu, tool_format, one)
        menu.addSection(self.tr("Chat apps"))
        self._add_client_links(menu, one)
        menu.addSection(self.tr("Code"))
        menu.addActions(list(self._actions.snippet_actions()))
        self._add(menu, tool_configs.NODE, one)

    def _add(self, menu: QMenu, tool_format: ToolFormat, enabled: bool) -> None:
        what, tip = self._what(tool_format.id)
        action = menu.addAction(f"{tool_format.tool} — {what}".replace("&", "&&"))
        action.setObjectName(f"copyAs_{tool_format.id}")
        action.setToolTip(plain_tooltip(tip))
        action.setStatusTip(tip)
        action.setEnabled(enabled)
        label = f"{tool_format.tool} — {what}"
        action.triggered.connect(lambda _=False, f=tool_format, w=label: self.copy(f, w))

    def _add_client_links(self, menu: QMenu, enabled: bool) -> None:
        session = self._controller.session
        links = snippets.client_links("sk-x", session.client.base_url if session else "https://example.invalid",
                                      session.site if session else None)
        for link in links:
            action = menu.addAction(self.tr("Link for {0}").format(link.name.replace("&", "&&")))
            action.setEnabled(enabled)
            if link.key_in_query:  # the key travels to that client's server in the address
                warning = self.tr("The key is sent to {0} in the link's address; that site's server logs "
                                  "will keep it.").format(link.host)
                action.setToolTip(plain_tooltip(warning))
                action.setStatusTip(warning)
            action.triggered.connect(
                lambda _=False, n=link.name: self._copier.copy_client_link(self._view.current_token(), n))

    def copy(self, tool_format: ToolFormat, what: str) -> None:
        """Copy ``tool_format`` for the selected token (its key fetched first where the list is masked)."""
        session = self._controller.session
        token = self._view.current_token()
        if session is None or token is None:
            return
        site = session.site
        address = snippets.public_address(session.client.base_url, site)
        models = tuple(self._controller.models)

        def make(key: str, _site_url: str) -> str:
            ctx = ToolContext(key=key, site_url=address, model=tool_configs.pick_model(models), models=models,
                              site_name=site.system_name or "OpenKey")
            return tool_format.build(ctx)

        self._copier.copy_snippet(token, make, what)


def site_routes(flavor: Flavor | None) -> SiteRoutes:
    """New API's relay serves the Anthropic, Responses and Gemini routes; One API's none of them."""
    if flavor is Flavor.NEW_API:
        return SiteRoutes(messages=True, responses=True, gemini=True)
    return SiteRoutes()
