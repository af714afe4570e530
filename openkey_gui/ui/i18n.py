"""Chinese or English: the app's own translations plus Qt's (standard buttons, dialogs)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from openkey_gui.resources import resource_path

SUPPORTED = ("en", "zh_CN")


def choose_language(setting: str, system: QLocale | None = None) -> str:
    """The setting wins; otherwise any Chinese system locale gets Simplified Chinese, the rest English."""
    if setting in SUPPORTED:
        return setting
    locale = system or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load and install the translators; the list must stay referenced for as long as they are used."""
    if language == "en":
        return []
    installed = []
    ours = QTranslator(app)
    if ours.load(str(resource_path("translations", f"openkey_{language}.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def join_list(items: Iterable[str]) -> str:
    """Items of a list in a sentence: "a, b, c" in English, "a、b、c" in Chinese (the translation says)."""
    return QCoreApplication.translate("Lists", ", ", "between the items of a list; '、' in Chinese").join(items)
