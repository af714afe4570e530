"""Packaging: the generated icons are well-formed, and `pyinstaller build.spec` yields a working, small app.

The build test is the slow one (~20 s here, a minute or two on a cold machine): it builds the Linux
onedir into a temporary folder, runs the frozen binary's ``--self-test`` (also against a throwaway
Secret Service when gnome-keyring is installed), and checks the size and the trimming. Without
PyInstaller it skips locally and fails under CI (``OPENKEY_REQUIRE_ALL_TESTS=1``), like every test
that needs a tool.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.support import require_tools

ROOT = Path(__file__).resolve().parent.parent
MAX_BUNDLE_MB = 150
APP_NAME = "OpenKeyDesktop"


def _load_make_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "scripts" / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_icons = _load_make_icons()


def _png(width: int, height: int) -> bytes:
    """Just enough of a PNG for the containers: signature plus an IHDR chunk."""
    return make_icons.PNG_SIGNATURE + struct.pack(">I4sII", 13, b"IHDR", width, height) + b"\x08\x06\0\0\0" + b"crc!"


# -- icons ----------------------------------------------------------------------------------------------


def test_generated_icons_are_present_and_well_formed() -> None:
    """The committed .png/.ico/.icns exist with every size (run scripts/make_icons.py when this fails)."""
    assert make_icons.check() == []


def test_ico_container_round_trip() -> None:
    pngs = {size: _png(size, size) for size in make_icons.ICO_SIZES}
    data = make_icons.build_ico(pngs)
    assert make_icons.read_ico(data) == [(s, s) for s in sorted(make_icons.ICO_SIZES)]
    assert data[6] == 16 and data[6 + 16 * (len(pngs) - 1)] == 0  # 256 is stored as 0 in the directory


def test_icns_container_round_trip() -> None:
    sizes = {size for _, size in make_icons.ICNS_TYPES}
    data = make_icons.build_icns({size: _png(size, size) for size in sizes})
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    assert make_icons.read_icns(data) == {kind: (size, size) for kind, size in make_icons.ICNS_TYPES}


def test_ico_reader_rejects_a_lying_directory() -> None:
    data = bytearray(make_icons.build_ico({16: _png(16, 16)}, sizes=[16]))
    data[6] = 32  # the directory now claims 32x32 for a 16x16 image
    with pytest.raises(ValueError, match="holds"):
        make_icons.read_ico(bytes(data))


# -- installer recipes and the release workflow (static checks: the real builds run on Windows/macOS) ----


def test_dmgbuild_settings_describe_a_drag_to_install_window() -> None:
    settings: dict[str, object] = {"defines": {"app": "dist/OpenKey Desktop.app"}}
    source = (ROOT / "packaging" / "macos" / "dmgbuild_settings.py").read_text(encoding="utf-8")
    exec(compile(source, "dmgbuild_settings.py", "exec"), settings, settings)  # as dmgbuild loads it
    assert settings["files"] == ["dist/OpenKey Desktop.app"]
    assert settings["symlinks"] == {"Applications": "/Applications"}
    assert set(settings["icon_locations"]) == {"OpenKey Desktop.app", "Applications"}  # type: ignore[arg-type]
    assert Path(ROOT / str(settings["icon"])).is_file()


def test_inno_setup_script_installs_per_user_and_upgrades_in_place() -> None:
    iss = (ROOT / "packaging" / "windows" / "openkey.iss").read_text(encoding="utf-8")
    directives = dict(line.split("=", 1) for line in iss.splitlines() if re.match(r"^[A-Za-z]+=", line))
    assert directives["PrivilegesRequired"] == "lowest"
    assert directives["DefaultDirName"].startswith("{autopf}")
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", directives["AppId"])
    assert directives["AppVersion"] == "{#AppVersion}"
    assert (ROOT / "packaging" / "windows" / directives["SetupIconFile"].replace("\\", "/")).resolve().is_file()
    assert "Tasks: desktopicon" in iss and "{autoprograms}" in iss


def test_release_workflow_shape() -> None:
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the bare key "on" as True
    assert triggers["push"]["tags"] == ["v*"] and "workflow_dispatch" in triggers
    jobs = workflow["jobs"]
    assert {"test", "windows", "macos"} <= set(jobs)
    arches = {entry["arch"] for entry in jobs["macos"]["strategy"]["matrix"]["include"]}
    assert arches == {"arm64", "x86_64"}
    for name in ("windows", "macos"):
        steps = jobs[name]["steps"]
        assert any("--self-test" in str(step.get("run", "")) for step in steps), name
        assert any(str(step.get("uses", "")).startswith("actions/upload-artifact@") for step in steps), name


def test_release_workflow_passes_actionlint() -> None:
    """Runs where actionlint is installed (.ci/run installs it from PyPI; under CI a missing one fails)."""
    require_tools("actionlint")
    actionlint = shutil.which("actionlint")
    assert actionlint is not None
    result = subprocess.run([actionlint, ".github/workflows/release.yml"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("script", ["scripts/ci_frozen_smoke.sh", "packaging/macos/sign_and_notarize.sh"])
def test_shell_scripts_parse(script: str) -> None:
    result = subprocess.run(["bash", "-n", str(ROOT / script)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


def test_signing_script_skips_and_says_so_without_credentials(tmp_path: Path) -> None:
    dmg = tmp_path / "x.dmg"
    dmg.write_bytes(b"")
    env = {k: v for k, v in os.environ.items()
           if k not in ("MACOS_SIGN_IDENTITY", "MACOS_CERTIFICATE_P12_BASE64", "NOTARY_KEYCHAIN_PROFILE")}
    for command in (["sign-dmg", str(dmg)], ["notarize", str(dmg)], ["import-cert"]):
        result = subprocess.run(["bash", str(ROOT / "packaging" / "macos" / "sign_and_notarize.sh"), *command],
                                env=env, capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, result.stderr
        assert "skipped:" in result.stdout, result.stdout


# -- the frozen app -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Build once per module: dist/ and build/ go to a temporary folder, never into the checkout."""
    if not sys.platform.startswith("linux"):
        pytest.skip("checks the Linux onedir; the release workflow smoke-tests the Windows and macOS builds")
    require_tools("pyinstaller")
    out = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"), "--noconfirm", "--clean",
         "--log-level", "WARN", "--distpath", str(out / "dist"), "--workpath", str(out / "build")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    folder = out / "dist" / APP_NAME
    assert (folder / APP_NAME).is_file(), sorted(p.name for p in (out / "dist").iterdir())
    yield folder
    shutil.rmtree(out, ignore_errors=True)


def _self_test(app: Path, env: dict[str, str], wrap: list[str] | None = None) -> str:
    args = [*(wrap or []), str(app), "--self-test"]
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith("self-test ok: "), result.stdout
    return line


def _clean_env(**extra: str) -> dict[str, str]:
    """No PYTHONPATH or checkout on the path: the frozen app must live on what it bundled."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")
           and not k.startswith("OPENKEY_SELF_TEST_")}
    return {**env, "QT_QPA_PLATFORM": "offscreen", **extra}


@pytest.mark.timeout(900)
def test_frozen_app_passes_its_self_test(bundle: Path) -> None:
    line = _self_test(bundle / APP_NAME, _clean_env())
    assert "100 tokens listed" in line and "translations=zh_CN" in line


@pytest.mark.timeout(300)
@pytest.mark.secret_service
def test_frozen_app_stores_a_credential_in_a_real_secret_service(bundle: Path, tmp_path: Path) -> None:
    """The frozen keyring stack (entry points, secretstorage, jeepney, cryptography) works end to end."""
    require_tools("dbus-run-session", "gnome-keyring-daemon")
    (tmp_path / "run").mkdir(mode=0o700)
    env = _clean_env(
        HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_DATA_HOME=str(tmp_path / "data"), XDG_RUNTIME_DIR=str(tmp_path / "run"),
        OPENKEY_SELF_TEST_KEYRING_ROUNDTRIP="1",
    )
    wrap = ["dbus-run-session", "--", "sh", "-c",
            'echo -n unlock-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" "$@"']
    line = _self_test(bundle / APP_NAME, env, wrap=wrap)
    assert "keyring=SecretService.Keyring" in line, line


@pytest.mark.timeout(900)
def test_frozen_bundle_is_small_and_trimmed(bundle: Path) -> None:
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < MAX_BUNDLE_MB * 1024 * 1024, f"the onedir is {size / 2**20:.0f} MB; the limit is {MAX_BUNDLE_MB}"
    internal = bundle / "_internal"
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    # keyring finds its backends through this metadata: without it the frozen app has no keyring.
    assert any(n.startswith("keyring-") and n.endswith(".dist-info/entry_points.txt") for n in names)
    assert "resources/translations/openkey_zh_CN.qm" in names
    assert "resources/icons/openkey.svg" in names
    assert not any(n.endswith(".ts") for n in names), "translation sources are not shipped"
    plugins = {n.split("plugins/", 1)[1] for n in names if "/plugins/" in n and n.count("/") >= 4}
    for needed in ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                   "imageformats/libqsvg.so", "iconengines/libqsvgicon.so",
                   "platforminputcontexts/libibusplatforminputcontextplugin.so"):
        assert needed in plugins, f"{needed} was trimmed but the app needs it"
    for unused in ("platformthemes/libqgtk3.so", "platforms/libqvnc.so", "imageformats/libqjpeg.so"):
        assert unused not in plugins, f"{unused} should have been trimmed"
    qt_catalogues = {n.rsplit("/", 1)[1] for n in names if n.startswith("PySide6/") and n.endswith(".qm")}
    assert qt_catalogues == {"qtbase_zh_CN.qm"}
    assert not any("libgtk-3" in n for n in names), "the GTK stack came back"
    fonts = {n.rsplit("/", 1)[1] for n in names if n.startswith("qtawesome/fonts/")}
    assert fonts, "the icon font is missing"
    assert all(f.startswith("materialdesignicons6-webfont-") for f in fonts), f"unused icon fonts: {sorted(fonts)}"
    print(f"onedir: {size / 2**20:.1f} MB")
