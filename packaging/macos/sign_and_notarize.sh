#!/usr/bin/env bash
# Sign, notarise and staple the macOS build — each step runs only when its credentials are present,
# and says what it skipped, so the same workflow produces an unsigned test build on forks and a
# distributable one where the secrets exist.
#
#   packaging/macos/sign_and_notarize.sh import-cert          # CI: certificate (.p12) -> temporary keychain
#   packaging/macos/sign_and_notarize.sh sign-app "dist/OpenKey Desktop.app"
#   packaging/macos/sign_and_notarize.sh sign-dmg dist/OpenKeyDesktop-0.1.0-macos-arm64.dmg
#   packaging/macos/sign_and_notarize.sh notarize dist/OpenKeyDesktop-0.1.0-macos-arm64.dmg   # + staple
#   packaging/macos/sign_and_notarize.sh cleanup              # CI: delete the temporary keychain
#
# Environment (none is ever printed, and no password or key is ever put on a command line of ours):
#   MACOS_SIGN_IDENTITY          "Developer ID Application: Name (TEAMID)" — switches signing on
#   MACOS_CERTIFICATE_P12_BASE64 the Developer ID certificate and key, base64 (import-cert; CI only)
#   MACOS_CERTIFICATE_PASSWORD   its password
#   Notarisation, one of:
#   NOTARY_KEYCHAIN_PROFILE      a `xcrun notarytool store-credentials` profile in the login keychain
#                                (a developer's machine: the credentials stay in the Keychain)
#   APPLE_API_KEY_ID + APPLE_API_ISSUER_ID and APPLE_API_KEY_P8_BASE64 (CI) or APPLE_API_KEY_PATH
#                                an App Store Connect API key (.p8), Developer role
#   An Apple ID with an app-specific password is not supported: notarytool would take it as --password.
#
# Why it matters beyond Gatekeeper: the Keychain ties a remembered sign-in to the app's code signature.
# Only an app signed again and again with the same identity keeps reading its keychain entries after an
# update without asking; an unsigned (ad-hoc signed) build is a "different app" after every update.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ENTITLEMENTS="$HERE/entitlements.plist"
KEYCHAIN="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/openkey-signing.keychain-db"
# Files holding secrets are created readable by this user only and removed when the script ends.
umask 077
SECRET_FILES=()
remove_secret_files() {
  local file
  for file in "${SECRET_FILES[@]+"${SECRET_FILES[@]}"}"; do
    rm -f -- "$file"
  done
}
trap remove_secret_files EXIT

say() { echo "sign_and_notarize: $*"; }
skip() { say "skipped: $*"; }

have_identity() { [ -n "${MACOS_SIGN_IDENTITY:-}" ]; }

secret_file() {
  # Prints the path of a new private temporary file (mode 0600); the caller adds it to SECRET_FILES
  # (this runs in a command substitution, a subshell) so that it is removed when the script exits.
  mktemp "${TMPDIR:-/tmp}/openkey-secret.XXXXXXXX"
}

NOTARY=()
notary_credentials() {
  # Fills NOTARY with notarytool's credential options; fails when none are set.
  if [ -n "${NOTARY_KEYCHAIN_PROFILE:-}" ]; then
    NOTARY=(--keychain-profile "$NOTARY_KEYCHAIN_PROFILE")
    return 0
  fi
  if [ -z "${APPLE_API_KEY_ID:-}" ] || [ -z "${APPLE_API_ISSUER_ID:-}" ]; then
    return 1
  fi
  local key="${APPLE_API_KEY_PATH:-}"
  if [ -z "$key" ]; then
    [ -n "${APPLE_API_KEY_P8_BASE64:-}" ] || return 1
    key="$(secret_file)"
    SECRET_FILES+=("$key")
    printf '%s' "$APPLE_API_KEY_P8_BASE64" | base64 --decode > "$key"
  fi
  [ -s "$key" ] || { say "the App Store Connect API key file is empty or missing" >&2; exit 1; }
  NOTARY=(--key "$key" --key-id "$APPLE_API_KEY_ID" --issuer "$APPLE_API_ISSUER_ID")
}

json_field() {
  python3 -c 'import json, sys
try:
    print(json.load(sys.stdin).get(sys.argv[1], ""))
except ValueError:
    print("")' "$1"
}

import_cert() {
  if [ -z "${MACOS_CERTIFICATE_P12_BASE64:-}" ]; then
    skip "certificate import (MACOS_CERTIFICATE_P12_BASE64 not set)"
    return 0
  fi
  local cert password
  cert="$(secret_file)"
  SECRET_FILES+=("$cert")
  printf '%s' "$MACOS_CERTIFICATE_P12_BASE64" | base64 --decode > "$cert"
  # A random password for a keychain that lives only for this job (cleanup deletes it).
  password="$(uuidgen)"
  security create-keychain -p "$password" "$KEYCHAIN"
  security set-keychain-settings -lut 21600 "$KEYCHAIN"
  security unlock-keychain -p "$password" "$KEYCHAIN"
  # `security import` takes the .p12 password only as -P; it is the certificate's own password, passed
  # in the environment to this step alone, and the process lives for a moment on a throwaway runner.
  security import "$cert" -k "$KEYCHAIN" -P "${MACOS_CERTIFICATE_PASSWORD:-}" \
    -T /usr/bin/codesign -T /usr/bin/security >/dev/null
  rm -f -- "$cert"
  # Let codesign use the key without a GUI prompt, and put the keychain on the search list.
  security set-key-partition-list -S apple-tool:,apple: -s -k "$password" "$KEYCHAIN" >/dev/null
  # shellcheck disable=SC2046  # the existing list is one path per word, on purpose
  security list-keychains -d user -s "$KEYCHAIN" $(security list-keychains -d user | tr -d '"')
  say "imported the signing certificate into a temporary keychain"
}

cleanup() {
  if [ -f "$KEYCHAIN" ]; then
    security delete-keychain "$KEYCHAIN" || true
    say "deleted the temporary keychain"
  else
    skip "cleanup (no temporary keychain)"
  fi
}

sign_app() {
  local app="$1"
  [ -d "$app" ] || { say "no such app: $app" >&2; exit 1; }
  if ! have_identity; then
    skip "signing $app (MACOS_SIGN_IDENTITY not set; it stays ad-hoc signed by PyInstaller)"
    return 0
  fi
  # --deep signs every nested library and framework the same way; the hardened runtime (--options
  # runtime) and a secure timestamp are what notarisation requires.
  codesign --force --deep --options runtime --timestamp --entitlements "$ENTITLEMENTS" \
    --sign "$MACOS_SIGN_IDENTITY" "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
  say "signed $app"
}

sign_dmg() {
  local dmg="$1"
  [ -f "$dmg" ] || { say "no such disk image: $dmg" >&2; exit 1; }
  if ! have_identity; then
    skip "signing $dmg (MACOS_SIGN_IDENTITY not set)"
    return 0
  fi
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
  codesign --verify --verbose=2 "$dmg"
  say "signed $dmg"
}

notarize() {
  local dmg="$1" result status id
  [ -f "$dmg" ] || { say "no such disk image: $dmg" >&2; exit 1; }
  if ! have_identity; then
    skip "notarising $dmg (unsigned builds cannot be notarised; set MACOS_SIGN_IDENTITY)"
    return 0
  fi
  if ! notary_credentials; then
    if [ -n "${APPLE_APP_PASSWORD:-}" ]; then
      say "APPLE_APP_PASSWORD is no longer used: set an App Store Connect API key or NOTARY_KEYCHAIN_PROFILE" >&2
    fi
    skip "notarising $dmg (set NOTARY_KEYCHAIN_PROFILE, or APPLE_API_KEY_ID + APPLE_API_ISSUER_ID + the key)"
    return 0
  fi
  say "submitting $dmg to Apple's notary service (this waits for the verdict)"
  # notarytool's exit status does not tell "Invalid" from "Accepted"; its JSON verdict does.
  result="$(xcrun notarytool submit "$dmg" "${NOTARY[@]}" --wait --output-format json)" || true
  status="$(json_field status <<< "$result")"
  id="$(json_field id <<< "$result")"
  if [ "$status" != "Accepted" ]; then
    say "notarisation ${status:-failed} (submission ${id:-none}); Apple's log follows" >&2
    if [ -n "$id" ]; then
      xcrun notarytool log "$id" "${NOTARY[@]}" >&2 || true
    fi
    exit 1
  fi
  xcrun stapler staple "$dmg"
  xcrun stapler validate "$dmg"
  say "notarised and stapled $dmg"
}

case "${1:-}" in
  import-cert) import_cert ;;
  sign-app) sign_app "${2:?usage: $0 sign-app APP}" ;;
  sign-dmg) sign_dmg "${2:?usage: $0 sign-dmg DMG}" ;;
  notarize) notarize "${2:?usage: $0 notarize DMG}" ;;
  cleanup) cleanup ;;
  *) echo "usage: $0 import-cert | sign-app APP | sign-dmg DMG | notarize DMG | cleanup" >&2; exit 2 ;;
esac
