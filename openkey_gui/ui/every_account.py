"""Quick access over every signed-in account: the palette's entries from each site, each copied by
that account's own client.

``quick_access`` knows nothing of accounts: it takes entries, each with the object that copies it. Here
the shown account's entries copy through the window's ``KeyCopier`` as any copy does, and another
account's through ``KeyCopier.copy_key_of`` with that account's session, without switching the window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from openkey_gui import snippets
from openkey_gui.accounts import AccountSet, AccountSlot
from openkey_gui.quick_access import Provider, QuickEntry, account_entries
from openkey_gui.ui.clipboard import Clipboard
from openkey_gui.ui.key_copier import KeyCopier
from openkey_gui.ui.settings import AppSettings
from openkey_gui.ui.token_controller import TokenController
from openkey_gui.ui.token_model import TokenTableModel


class SlotTarget:
    """Copies the keys and base URL of one account that may not be the one shown."""

    def __init__(self, copier: KeyCopier, clipboard: Clipboard, slot: AccountSlot) -> None:
        self._copier, self._clipboard, self._slot = copier, clipboard, slot

    def copy_key_for(self, token_id: int) -> None:
        self._copier.copy_key_of(self._slot, token_id)

    def copy_base_url(self) -> None:
        slot = self._slot
        site = slot.session.client.base_url if slot.session is not None else slot.server_url
        what = QCoreApplication.translate("SlotTarget", "the API base URL of {0}").format(slot.display_name)
        self._clipboard.copy_text(snippets.api_base_url(site), what)


def every_account(accounts: AccountSet, controller: TokenController, model: TokenTableModel,
                  settings: AppSettings, copier: KeyCopier, clipboard: Clipboard) -> Provider:
    """Every signed-in account's tokens, the shown account first; each account's pinned and recent
    tokens lead its own, and every entry names its site (with the user where two accounts share one)."""

    def entries() -> list[QuickEntry]:
        names = accounts.distinct_names()
        shown = controller.session
        found: list[QuickEntry] = []
        slots = sorted(accounts.accounts(), key=lambda s: not (shown is not None and s.session is shown))
        for slot in slots:
            if slot.session is None or slot.tokens is None:
                continue
            first = settings.pinned_tokens(slot.key) + settings.recent_copies(slot.key)
            site = slot.display_name if sum(1 for s in slots if s.display_name == slot.display_name) == 1 \
                else names.get(slot.key, slot.display_name)
            if slot.session is shown:
                found += account_entries(model.tokens(), site, copier, first=first)
            else:
                found += account_entries(slot.tokens, site, SlotTarget(copier, clipboard, slot), first=first)
        return found

    return entries
