#!/bin/sh
# Runs a Windows program under Wine, in the prefix the caller chose (WINEPREFIX): the wrapper the
# Linux suites use for the Windows eascert.exe (EASCERT_TEST_CLI_WRAPPER).
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
exec /usr/lib/wine/wine64 "$@"
