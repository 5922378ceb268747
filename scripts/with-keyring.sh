#!/usr/bin/env bash
# Runs a command against a private, unlocked Secret Service, so that tests use a real keychain
# but never a developer's own: a fresh D-Bus session, a throw-away HOME, and gnome-keyring-daemon
# unlocked with a throw-away password. It marks the session with TESSERA_KEYRING_READY=1, without
# which the tests refuse to start (test/support/keyring-guard.ts). On machines without
# them (macOS, Windows) the command runs as it is, and the tests start only with the explicit
# TESSERA_TEST_USER_KEYCHAIN=1: each then uses a per-run service name (test/support/real-stores.ts).
set -euo pipefail
if [ -n "${TESSERA_KEYRING_READY:-}" ] || ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi
tmp_home=$(mktemp -d -t tessera-home.XXXXXX)
trap 'rm -rf "$tmp_home"' EXIT
mkdir -p "$tmp_home/run" && chmod 700 "$tmp_home/run"
HOME="$tmp_home" XDG_DATA_HOME="$tmp_home/.local/share" XDG_RUNTIME_DIR="$tmp_home/run" \
  dbus-run-session -- bash -c '
    eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
    export GNOME_KEYRING_CONTROL TESSERA_KEYRING_READY=1
    exec "$@"' tessera-keyring "$@"
