#!/usr/bin/env bash
# `npm test`: type checks, lint, unit and integration tests (real keychain, real emulators), the
# production build, end-to-end tests (Playwright + Chromium over the real services), and a tiny
# run of the benchmark that only checks it still works. Each step
# says what it runs; the last line sums up every test that ran.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> %s\n' "$*"; }
mkdir -p test-results e2e/artifacts

step "Type checks: tsconfig.node.json (main, preload, shared, e2e) and tsconfig.web.json (renderer)"
npx tsc --noEmit -p tsconfig.node.json
npx tsc --noEmit -p tsconfig.web.json

step "Lint (eslint, including the electron / raw-IPC import rules)"
npx eslint --max-warnings 0 .

step "Electron configuration audit (electronegativity; every finding justified next to its code)"
node scripts/electron-audit.mjs

step "Production build (electron-vite: main, sandboxed CommonJS preload, renderer; the tessera command)"
npx electron-vite build >/dev/null
node scripts/build-cli.mjs
node scripts/check-build.mjs

step "Unit and integration tests, then end-to-end tests, in a private keyring session"
status=0
scripts/with-keyring.sh bash -c '
  set -u
  rc=0
  echo "--- vitest (plain Node: services, providers, emulators; renderer stores over an in-memory bridge)"
  npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json || rc=1
  echo "--- playwright (Chromium + real bridge + real services; Electron spec skips without its binary)"
  npx playwright test || rc=1
  echo "--- benchmark smoke (npm run bench -- --quick: every scenario still runs; figures are not judged here)"
  npx tsx bench/run.ts --quick || rc=1
  exit $rc
' || status=1

node scripts/test-summary.mjs test-results/unit.json test-results/e2e.json
exit $status
