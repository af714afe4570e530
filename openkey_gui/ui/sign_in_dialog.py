"""Sign-in: by password (with a 2FA step when asked) or by the site's system access token.

The dialog stays open with everything typed while the sign-in runs in the background, and shows the
server's answer inline, so a wrong password costs one correction rather than a re-typed form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from openkey_gui.api import AuthScheme, CaptchaRequired, Flavor, SiteStatus, TwoFactorRequired
from openkey_gui.api.errors import ApiError, ErrorKind, ValidationError
from openkey_gui.api.urls import normalize_site_url
from openkey_gui.credentials import SignInMode
from openkey_gui.session import SignedIn, SignInRequest
from openkey_gui.ui.error_text import describe
from openkey_gui.ui.message_labels import Tone, Toner
from openkey_gui.ui.settings import AccountEntry
from openkey_gui.ui.tasks import TaskRunner

PASSWORD_TAB, TOKEN_TAB = 0, 1
# Lines kept free for the site check and for an inline error, so that neither pushes a field away from
# under the cursor when it appears; a longer message grows the dialog downwards instead.
SITE_INFO_LINES = 2
ERROR_LINES = 2


class SignInDialog(QDialog):
    """Collects a :class:`SignInRequest`, runs it with ``sign_in`` off the GUI thread, keeps the result."""

    def __init__(
        self,
        runner: TaskRunner,
        sign_in: Callable[[SignInRequest], SignedIn],
        *,
        recent_sites: Sequence[str],
        keyring_message: str = "",
        probe: Callable[[str], SiteStatus] | None = None,
        initial: AccountEntry | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._sign_in = sign_in
        self._probe = probe
        self._flavor: Flavor | None = None  # what the site check found; None until it answered
        # The site is checked only once the user has typed or picked an address: a prefilled one is not
        # theirs to have asked about (and in demo mode nothing may go to a site on the network).
        self._site_chosen = False
        self.signed_in: SignedIn | None = None
        self.setWindowTitle(self.tr("Sign in — OpenKey Desktop"))
        self.setMinimumWidth(480)

        self.site = QComboBox(self)
        self.site.setEditable(True)
        self.site.setObjectName("siteCombo")
        self.site.lineEdit().setObjectName("siteEdit")
        self.site.addItems(list(recent_sites))
        self.site.setToolTip(self.tr("The address of your One API or New API site, e.g. https://openkey.cloud"))
        self.site_info = QLabel(self)
        self.site_info.setObjectName("siteInfo")
        self.site_info.setTextFormat(Qt.TextFormat.PlainText)
        self.site_info.setWordWrap(True)
        self.site_info.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.site_info.setMinimumHeight(self.site_info.fontMetrics().lineSpacing() * SITE_INFO_LINES)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._password_page(), self.tr("&Password"))
        self.tabs.addTab(self._token_page(), self.tr("&Access token"))

        self.remember = QCheckBox(self.tr("&Remember me on this computer"), self)

        self.remember.setObjectName("rememberCheck")
        self.keyring_note = QLabel(self)
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setWordWrap(True)
        # Said when "Remember me" would keep the password itself: the access token is the safer thing
        # to remember, since it can be revoked on the site without changing the password.
        self.password_note = QLabel(self.tr(
            "Remember me keeps your password itself in the system keyring. Safer: sign in on the Access "
            "token tab, since a token can be revoked on the site without changing your password."), self)
        self.password_note.setObjectName("rememberPasswordNote")
        self.password_note.setTextFormat(Qt.TextFormat.PlainText)
        self.password_note.setWordWrap(True)
        self.password_note.hide()
        self.set_keyring_message(keyring_message)

        self.error = QLabel(self)
        self.error.setObjectName("signInError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # server messages must never render as HTML
        self.error.setWordWrap(True)
        self._toner = Toner(self)
        self._toner.set_tone(self.error, Tone.ERROR)  # a red readable on light and dark windows (>= 4.5:1)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing() * ERROR_LINES)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.progress.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        site_label = QLabel(self.tr("&Site:"), self)
        site_label.setBuddy(self.site)
        form.addRow(site_label, self.site)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.site_info)
        layout.addWidget(self.tabs)
        layout.addWidget(self.remember)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.password_note)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

        if self.site.lineEdit() is not None:
            self.site.lineEdit().editingFinished.connect(self._probe_site)
            self.site.lineEdit().textEdited.connect(lambda _: self._site_edited())
        self.site.activated.connect(lambda _: self._site_picked())
        for edit in (self.username, self.password, self.totp, self.access_token, self.user_id):
            edit.textEdited.connect(lambda _: self.show_error(""))  # the refusal was about what is changing
        self.finished.connect(lambda _: self.forget_secrets())
        self.remember.toggled.connect(lambda _: self._update_password_note())
        self.tabs.currentChanged.connect(lambda _: self._update_password_note())
        if initial is not None:
            self.prefill(initial)
        self.username.setFocus()

    # -- pages ------------------------------------------------------------------------------------

    def _password_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.username = QLineEdit(page)
        self.username.setObjectName("usernameEdit")
        self.username.setPlaceholderText(self.tr("user name or e-mail"))
        self.password = QLineEdit(page)
        self.password.setObjectName("passwordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.totp = QLineEdit(page)
        self.totp.setObjectName("totpEdit")
        self.totp.setPlaceholderText(self.tr("6-digit code or backup code"))
        self.totp_label = QLabel(self.tr("2FA &code:"), page)
        self.totp_label.setBuddy(self.totp)
        user_label = QLabel(self.tr("&User name:"), page)
        user_label.setBuddy(self.username)
        password_label = QLabel(self.tr("Pass&word:"), page)
        password_label.setBuddy(self.password)
        form.addRow(user_label, self.username)
        form.addRow(password_label, self._with_reveal(self.password, "showPasswordButton", page))
        form.addRow(self.totp_label, self.totp)
        self.totp.hide()
        self.totp_label.hide()
        return page

    def _token_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        help_text = QLabel(
            self.tr(
                "Sign in without your password: on the site open <b>Personal settings</b>, find "
                "<b>System access token</b> and click <b>Generate</b>, then paste it here. "
                "This also works when the site asks for a captcha, or when you signed up with "
                "GitHub / WeChat. New API sites also need your numeric user ID (shown on the same page)."
            ),
            page,
        )
        help_text.setObjectName("accessTokenHelp")
        help_text.setWordWrap(True)
        help_text.setTextFormat(Qt.TextFormat.RichText)
        self.access_token = QLineEdit(page)
        self.access_token.setObjectName("accessTokenEdit")
        self.access_token.setEchoMode(QLineEdit.EchoMode.Password)
        self.access_token.setPlaceholderText(self.tr("system access token (not an sk- key)"))
        self.user_id = QLineEdit(page)
        self.user_id.setObjectName("userIdEdit")
        self.user_id.setValidator(QIntValidator(0, 2_000_000_000, self.user_id))
        self._update_user_id_hint()
        token_label = QLabel(self.tr("Access &token:"), page)
        token_label.setBuddy(self.access_token)
        id_label = QLabel(self.tr("User &ID:"), page)
        id_label.setBuddy(self.user_id)
        form.addRow(help_text)
        form.addRow(token_label, self._with_reveal(self.access_token, "showTokenButton", page))
        form.addRow(id_label, self.user_id)
        return page

    def _with_reveal(self, edit: QLineEdit, name: str, parent: QWidget) -> QHBoxLayout:
        """``edit`` with a Show / Hide button beside it, for checking a pasted or typed secret."""
        button = QToolButton(parent)
        button.setObjectName(name)
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setText(self.tr("Show"))
        button.setToolTip(self.tr("Show or hide what you typed"))

        def toggled(shown: bool) -> None:
            edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
            button.setText(self.tr("Hide") if shown else self.tr("Show"))

        button.toggled.connect(toggled)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(button)
        return row

    # -- behaviour --------------------------------------------------------------------------------

    def _update_user_id_hint(self) -> None:
        """Say whether the user ID matters for the site the check found (New API wants it, One API not)."""
        if self._flavor is Flavor.NEW_API:
            hint = self.tr("your numeric user ID, from the site's personal settings")
        elif self._flavor is Flavor.ONE_API:
            hint = self.tr("optional for One API")
        else:
            hint = self.tr("needed by New API sites, optional for One API")
        self.user_id.setPlaceholderText(hint)

    def _site_picked(self) -> None:
        self._site_edited()
        self._probe_site()

    def _site_edited(self) -> None:
        """A new address: what was said about the old one (its check, its errors) no longer holds."""
        self._site_chosen = True
        self._flavor = None
        self._update_user_id_hint()
        self.site_info.setText("")
        self.show_error("")

    def prefill(self, entry: AccountEntry) -> None:
        self.site.setCurrentText(entry.server_url)
        if entry.mode is SignInMode.ACCESS_TOKEN:
            self.tabs.setCurrentIndex(TOKEN_TAB)
            if entry.user_id is not None:
                self.user_id.setText(str(entry.user_id))
        else:
            self.username.setText(entry.username)

    def set_keyring_message(self, message: str) -> None:
        """Explain (and turn off) "Remember me" when no keyring can hold the credential; "" means it can."""
        self._keyring_ok = not message
        self.remember.setChecked(self._keyring_ok)
        self.remember.setEnabled(self._keyring_ok)
        self.remember.setToolTip(message or self.tr("The credential is kept in the system keyring, never in a file."))
        self.keyring_note.setText(message)
        self.keyring_note.setVisible(bool(message))
        self._update_password_note()

    def note_not_remembered(self, message: str) -> None:
        """The last "Remember me" failed: start unticked and say why; the user may still tick it again."""
        self.remember.setChecked(False)
        self.keyring_note.setText(message)
        self.keyring_note.setVisible(True)
        self._update_password_note()

    def _update_password_note(self) -> None:
        showing = (self.remember.isChecked() and self.remember.isEnabled()
                   and self.tabs.currentIndex() == PASSWORD_TAB)
        self.password_note.setVisible(showing)

    def forget_secrets(self) -> None:
        """Empty the secret fields once the dialog is done, so a closed dialog holds no password."""
        self.password.clear()
        self.access_token.clear()
        self.totp.clear()

    def request(self) -> SignInRequest:
        """The form as a request; raises ``ValidationError`` for an unusable site address."""
        server_url = normalize_site_url(self.site.currentText())
        remember = self._keyring_ok and self.remember.isChecked()
        if self.tabs.currentIndex() == TOKEN_TAB:
            user_id = int(self.user_id.text()) if self.user_id.text().strip() else None
            return SignInRequest(server_url=server_url, mode=SignInMode.ACCESS_TOKEN,
                                 access_token=self.access_token.text().strip(), user_id=user_id, remember=remember)
        totp = self.totp.text().strip() if self.totp.isVisible() else None
        return SignInRequest(server_url=server_url, mode=SignInMode.PASSWORD, username=self.username.text().strip(),
                             password=self.password.text(), totp=totp or None, remember=remember)

    def submit(self) -> None:
        try:
            request = self.request()
        except ValidationError as exc:
            self.show_error(describe(exc))
            self.site.setFocus()
            return
        self._set_busy(True)
        self._runner.run(lambda: self._sign_in(request), on_success=self._succeeded, on_error=self._failed,
                         label="sign-in")

    def show_error(self, message: str) -> None:
        """An inline error in the space kept for it; "" clears it."""
        if message == self.error.text():
            return
        self.error.setText(message)
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Make room for a long message (the dialog grows downwards) rather than squeeze the fields.

        A top-level window ignores its word-wrapped labels' height for its width, so without this a long
        error would clip the access-token help above it.
        """
        if not self.isVisible():
            return

        def fit() -> None:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # nested layouts first
            layout = self.layout()
            if layout is not None:
                layout.activate()
            needed = self.heightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)

        QTimer.singleShot(0, fit)  # after the label has its new size hint

    def _succeeded(self, signed_in: SignedIn) -> None:
        self._set_busy(False)
        self.signed_in = signed_in
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, TwoFactorRequired):
            self.totp.show()
            self.totp_label.show()
            self.totp.setFocus()
            self.show_error(describe(exc))
            return
        if isinstance(exc, CaptchaRequired):
            self.tabs.setCurrentIndex(TOKEN_TAB)
            self.access_token.setFocus()
        elif isinstance(exc, ValidationError) and exc.field == "access_token":
            self.access_token.setFocus()
        elif isinstance(exc, ApiError) and exc.kind is ErrorKind.USER_ID_REQUIRED:
            self.user_id.setFocus()
        elif isinstance(exc, ValidationError) and exc.field == "username":
            self.username.setFocus()
        elif self.tabs.currentIndex() == PASSWORD_TAB:
            self.password.selectAll()
            self.password.setFocus()
        self.show_error(describe(exc))

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.site.setEnabled(not busy)
        self.tabs.setEnabled(not busy)
        self.remember.setEnabled(not busy and self._keyring_ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)
        if busy:
            self.show_error("")

    def _probe_site(self) -> None:
        """Tell the user early what kind of site this is, and steer to the access token on captcha sites."""
        if self._probe is None or not self._site_chosen:
            return
        self._site_chosen = False  # checked once per change, not on every pass through the field
        try:
            url = normalize_site_url(self.site.currentText())
        except ValidationError as exc:
            self.site_info.setText(describe(exc))
            self._grow_to_fit()
            return
        probe = self._probe

        def current() -> bool:  # the user may have typed another address while this one was checked
            try:
                return normalize_site_url(self.site.currentText()) == url
            except ValidationError:
                return False

        def show(status: SiteStatus) -> None:
            if not current():
                return
            self._flavor = status.flavor
            self._update_user_id_hint()
            name = status.system_name or url
            text = self.tr("{0} · {1} {2}").format(name, "One API" if status.flavor is Flavor.ONE_API
                                                    else "New API", status.version)
            if status.auth_scheme is AuthScheme.BEARER:
                text += "\n" + self.tr(
                    "This site keeps a sign-in for 30 days. With Remember me, the app renews it by itself "
                    "and a restart within those days asks for no password or code.")
            if status.turnstile_check:
                text += "\n" + self.tr(
                    "This site asks for a captcha on password sign-in; use the Access token tab.")
                self.tabs.setCurrentIndex(TOKEN_TAB)
            self.site_info.setText(text)
            self._grow_to_fit()

        def failed(exc: BaseException) -> None:
            if current():
                self.site_info.setText(describe(exc) if isinstance(exc, ApiError) else "")
                self._grow_to_fit()

        self._runner.run(lambda: probe(url), on_success=show, on_error=failed, label="probe")

    def changeEvent(self, event: QEvent) -> None:
        """Light / dark switched: the error red is taken from the new palette."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and hasattr(
                self, "_toner"):
            self._toner.repaint_all()
