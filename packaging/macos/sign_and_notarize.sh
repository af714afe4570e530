#!/usr/bin/env bash
# Sign, notarise and staple the macOS build — each step runs only when its credentials are present,
# and says what it skipped, so the same workflow produces an unsigned test build on forks and a
# distributable one where the secrets exist.
#
#   packaging/macos/sign_and_notarize.sh import-cert          # CI: certificate (.p12) -> temporary keychain
#   packaging/macos/sign_and_notarize.sh sign-app "dist/OpenKey Desktop.app"
#   packaging/macos/sign_and_notarize.sh sign-dmg dist/OpenKeyDesktop-0.1.0-macos-arm64.dmg
#   packaging/macos/sign_and_notarize.sh notarize dist/OpenKeyDesktop-0.1.0-macos-arm64.dmg   # + staple
#
# Environment (none is ever printed):
#   MACOS_SIGN_IDENTITY          "Developer ID Application: Name (TEAMID)" — switches signing on
#   MACOS_CERTIFICATE_P12_BASE64 the Developer ID certificate and key, base64 (import-cert; CI only)
#   MACOS_CERTIFICATE_PASSWORD   its password
#   NOTARY_KEYCHAIN_PROFILE      a `notarytool store-credentials` profile — switches notarisation on, or:
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   an Apple ID with an app-specific password
#
# Why it matters beyond Gatekeeper: the Keychain ties a remembered sign-in to the app's code signature.
# Only an app signed again and again with the same identity keeps reading its keychain entries after an
# update without asking; an unsigned (ad-hoc signed) build is a "different app" after every update.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ENTITLEMENTS="$HERE/entitlements.plist"

say() { echo "sign_and_notarize: $*"; }
skip() { say "skipped: $*"; }

have_identity() { [ -n "${MACOS_SIGN_IDENTITY:-}" ]; }

notary_args() {
  # Prints nothing and fails when no notarisation credentials are set.
  if [ -n "${NOTARY_KEYCHAIN_PROFILE:-}" ]; then
    printf '%s\n' --keychain-profile "$NOTARY_KEYCHAIN_PROFILE"
  elif [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    printf '%s\n' --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" --password "$APPLE_APP_PASSWORD"
  else
    return 1
  fi
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
  local tmp keychain password
  tmp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
  keychain="$tmp/openkey-signing.keychain-db"
  password="$(uuidgen)"
  printf '%s' "$MACOS_CERTIFICATE_P12_BASE64" | base64 --decode > "$tmp/openkey-cert.p12"
  security create-keychain -p "$password" "$keychain"
  security set-keychain-settings -lut 21600 "$keychain"
  security unlock-keychain -p "$password" "$keychain"
  security import "$tmp/openkey-cert.p12" -k "$keychain" -P "${MACOS_CERTIFICATE_PASSWORD:-}" \
    -T /usr/bin/codesign -T /usr/bin/security >/dev/null
  rm -f "$tmp/openkey-cert.p12"
  # Let codesign use the key without a GUI prompt, and put the keychain on the search list.
  security set-key-partition-list -S apple-tool:,apple: -s -k "$password" "$keychain" >/dev/null
  # shellcheck disable=SC2046  # the existing list is one path per word, on purpose
  security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
  say "imported the signing certificate into a temporary keychain"
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
  local dmg="$1" args result status id
  [ -f "$dmg" ] || { say "no such disk image: $dmg" >&2; exit 1; }
  if ! have_identity; then
    skip "notarising $dmg (unsigned builds cannot be notarised; set MACOS_SIGN_IDENTITY)"
    return 0
  fi
  if ! args="$(notary_args)"; then
    skip "notarising $dmg (set NOTARY_KEYCHAIN_PROFILE, or APPLE_ID + APPLE_TEAM_ID + APPLE_APP_PASSWORD)"
    return 0
  fi
  local -a notary
  mapfile -t notary <<< "$args"
  say "submitting $dmg to Apple's notary service (this waits for the verdict)"
  # notarytool's exit status does not tell "Invalid" from "Accepted"; its JSON verdict does.
  result="$(xcrun notarytool submit "$dmg" "${notary[@]}" --wait --output-format json)" || true
  status="$(json_field status <<< "$result")"
  id="$(json_field id <<< "$result")"
  if [ "$status" != "Accepted" ]; then
    say "notarisation ${status:-failed} (submission ${id:-none}); Apple's log follows" >&2
    if [ -n "$id" ]; then
      xcrun notarytool log "$id" "${notary[@]}" >&2 || true
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
  *) echo "usage: $0 import-cert | sign-app APP | sign-dmg DMG | notarize DMG" >&2; exit 2 ;;
esac
