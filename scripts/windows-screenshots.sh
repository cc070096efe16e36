#!/usr/bin/env bash
# Screenshots of the installed Windows wizard in a real window (docs/screenshots/windows-*.png): the
# MSI test (tests/installer/test-msi.sh) under Wine and Xvfb, walking the demo lab by keyboard.
# Run scripts/windows.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
EASCERT_SCREENSHOTS=$PWD/docs/screenshots tests/installer/test-msi.sh . build/windows build/windows-screenshots
