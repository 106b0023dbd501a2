#!/usr/bin/env bash
# Lints spec/openapi.yaml with Spectral (spectral:oas, .spectral.yaml) and Redocly CLI
# (recommended, redocly.yaml); any finding, warnings included, fails. Both linters are
# installed into a temporary directory, not the project: they are large, and `npm ci`
# stays light for everything else.
set -euo pipefail
cd "$(dirname "$0")/.."

SPECTRAL_VERSION=6.16.3
REDOCLY_VERSION=2.77.0

tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
  "@stoplight/spectral-cli@$SPECTRAL_VERSION" "@redocly/cli@$REDOCLY_VERSION" >/dev/null

echo "spectral $SPECTRAL_VERSION (spectral:oas)"
"$tools/node_modules/.bin/spectral" lint --ruleset .spectral.yaml --fail-severity=warn spec/openapi.yaml
echo "redocly $REDOCLY_VERSION (recommended)"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$tools/node_modules/.bin/redocly" lint --config redocly.yaml --format=stylish spec/openapi.yaml
