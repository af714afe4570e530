"""The release pipeline's supply chain, statically: pinned actions, hash-locked build installs, no pip
cache, Authenticode and Apple signing that switch on with their secrets, SHA256SUMS with the release, and
a notarisation script that never puts a password on a command line."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
LOCK = ROOT / "packaging" / "requirements-build.txt"
SIGN_SCRIPT = ROOT / "packaging" / "macos" / "sign_and_notarize.sh"
BUILD_JOBS = ("windows", "macos")


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, step) for name, job in workflow["jobs"].items() for step in job["steps"]]


def test_every_action_is_pinned_by_full_commit_with_its_tag_in_a_comment() -> None:
    uses = [line.strip() for line in WORKFLOW.read_text(encoding="utf-8").splitlines()
            if re.match(r"\s*(-\s+)?uses:", line)]
    assert uses
    for line in uses:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*", line), line


def test_no_job_restores_a_pip_cache(workflow: dict[str, Any]) -> None:
    for job, step in _steps(workflow):
        assert "cache" not in (step.get("with") or {}), (job, step)
        assert "actions/cache" not in str(step.get("uses", "")), (job, step)


def test_build_jobs_install_only_the_hash_locked_requirements(workflow: dict[str, Any]) -> None:
    for job in BUILD_JOBS:
        installs = [line.strip() for _, step in _steps({"jobs": {job: workflow["jobs"][job]}})
                    for line in str(step.get("run", "")).splitlines() if "pip install" in line]
        assert installs, job
        locked = [line for line in installs if "--require-hashes" in line]
        assert locked and all("$env:BUILD_REQUIREMENTS" in line or '"$BUILD_REQUIREMENTS"' in line
                              for line in locked), installs
        others = [line for line in installs if line not in locked]
        assert all("--no-deps" in line and "--no-build-isolation" in line for line in others), others
    assert workflow["env"]["BUILD_REQUIREMENTS"] == "packaging/requirements-build.txt"


def test_the_lock_pins_every_requirement_with_hashes() -> None:
    text = LOCK.read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z])", "\n".join(line for line in text.splitlines() if not line.startswith("#")))
    names = set()
    for entry in (e.strip() for e in entries if e.strip()):
        head = entry.split("\\", 1)[0].strip()
        assert re.fullmatch(r"[a-z0-9-]+==[\w.]+( ; sys_platform == \"(win32|darwin)\")?", head), head
        hashes = re.findall(r"--hash=sha256:([0-9a-f]+)", entry)
        assert hashes and all(len(h) == 64 for h in hashes), entry
        names.add(head.split("==", 1)[0])
    # the app's runtime, the build tools, and each platform's extras
    assert {"pyside6-essentials", "shiboken6", "requests", "keyring", "pyinstaller", "setuptools", "wheel",
            "pywin32-ctypes", "pefile", "macholib", "dmgbuild"} <= names


def test_the_lock_matches_pyproject_pins() -> None:
    lock = LOCK.read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([a-z0-9-]+)==([\w.]+)", lock, flags=re.MULTILINE))
    assert pins["pyside6-essentials"].startswith("6.") and int(pins["pyside6-essentials"].split(".")[1]) < 12
    assert pins["shiboken6"] == pins["pyside6-essentials"]


def test_windows_signing_is_ready_and_keeps_the_password_off_command_lines(workflow: dict[str, Any]) -> None:
    steps = workflow["jobs"]["windows"]["steps"]
    runs = "\n".join(str(step.get("run", "")) for step in steps)
    assert "Import-PfxCertificate" in runs and "signtool" in runs.lower()
    signing = [line for line in runs.splitlines() if re.search(r"SIGNTOOL\b.*\bsign\b", line)]
    assert len(signing) >= 2, "the exe and the installer are both signed"
    assert all("/sha1" in line and "/tr" in line and "/p " not in line for line in signing), signing
    imports = [step for step in steps if "Import-PfxCertificate" in str(step.get("run", ""))]
    assert imports[0]["env"]["WINDOWS_CERTIFICATE_PFX_BASE64"] == "${{ secrets.WINDOWS_CERTIFICATE_PFX_BASE64 }}"
    assert "skipped:" in str(imports[0]["run"])
    names = [str(step.get("name", "")) for step in steps]
    assert names.index("Sign the app (skipped without secrets)") < names.index("Smoke-test the frozen (and signed) app")


def test_sha256sums_are_published_with_the_release(workflow: dict[str, Any]) -> None:
    publish = workflow["jobs"]["publish"]
    assert set(publish["needs"]) >= {"windows", "macos"}
    runs = "\n".join(str(step.get("run", "")) for step in publish["steps"])
    assert "sha256sum" in runs and "SHA256SUMS" in runs and "gh release create" in runs
    assert publish["permissions"] == {"contents": "write"}
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        if name != "publish":
            assert "permissions" not in job, name


def test_the_macos_job_checks_the_pasteboard_types(workflow: dict[str, Any]) -> None:
    runs = [str(step.get("run", "")) for step in workflow["jobs"]["macos"]["steps"]]
    assert any("tests/security/macos_pasteboard_check.py" in run for run in runs)
    assert (ROOT / "tests" / "security" / "macos_pasteboard_check.py").is_file()


def test_notarisation_uses_an_api_key_or_a_keychain_profile_never_a_password() -> None:
    script = SIGN_SCRIPT.read_text(encoding="utf-8")
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))
    assert "--password" not in code and "APPLE_APP_PASSWORD\" " not in code
    assert "--keychain-profile" in code and "--key-id" in code and "--issuer" in code
    assert "umask 077" in code and "mktemp" in code
    assert "> \"$tmp/openkey-cert.p12\"" not in code  # no fixed, guessable path for the certificate


def test_the_api_key_is_written_privately_and_removed(tmp_path: Path) -> None:
    """Runs the script's notarize step with a fake xcrun on PATH and checks what it was given."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "xcrun.log"
    fake = bin_dir / "xcrun"
    fake.write_text(
        "#!/usr/bin/env bash\n"
        f'echo "$*" >> "{log}"\n'
        'for ((i = 1; i <= $#; i++)); do if [ "${!i}" = --key ]; then j=$((i + 1)); '
        'python3 -c "import os, sys; print(oct(os.stat(sys.argv[1]).st_mode & 0o777)[2:])" "${!j}" '
        f'>> "{log}"; cat "${{!j}}" >> "{log}"; echo >> "{log}"; fi; done\n'
        'if [ "$2" = submit ]; then echo \'{"status": "Accepted", "id": "x"}\'; fi\n'
    )
    fake.chmod(0o755)
    dmg = tmp_path / "x.dmg"
    dmg.write_bytes(b"")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("APPLE_", "NOTARY_", "MACOS_"))},
           "PATH": f"{bin_dir}:{os.environ['PATH']}", "TMPDIR": str(tmp_path), "MACOS_SIGN_IDENTITY": "Dev ID",
           "APPLE_API_KEY_ID": "KEYID", "APPLE_API_ISSUER_ID": "ISSUER",
           "APPLE_API_KEY_P8_BASE64": "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t"}  # "-----BEGIN PRIVATE KEY-----"
    result = subprocess.run(["bash", str(SIGN_SCRIPT), "notarize", str(dmg)], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    calls = log.read_text()
    assert "--key-id KEYID --issuer ISSUER" in calls and "--password" not in calls
    assert "\n600\n-----BEGIN PRIVATE KEY-----" in calls  # private while it existed
    assert not list(tmp_path.glob("openkey-secret.*")), "the key file was left behind"
