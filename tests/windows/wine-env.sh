# Sourced by the scripts that run the Windows build under Wine.
#   need_windows_build FILE...   stop with a clear message when the Windows build is not there
#   wine_prefix DIR              a Wine prefix of its own in DIR (made now, ~5 s the first time)
#   wine_end                     stop this prefix's wineserver (call it from the script's EXIT trap)
#   wine_work DIR                DIR emptied, a prefix in DIR/wineprefix, wine_end on exit
wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver
need_windows_build() {
    local f
    for f in "$@"; do
        [ -f "$f" ] || { echo "$f is missing: build the Windows programs first (scripts/windows.sh)" >&2; exit 1; }
    done
}
wine_prefix() {
    export WINEPREFIX=$1 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
    mkdir -p "$WINEPREFIX"
    "$wine" wineboot -i >/dev/null 2>&1 || true
}
wine_end() {
    "$wineserver" -k 2>/dev/null || true
}
wine_work() {
    rm -rf "$1"; mkdir -p "$1"
    wine_prefix "$1/wineprefix"
    trap wine_end EXIT
}
