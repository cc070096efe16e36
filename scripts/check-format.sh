#!/usr/bin/env bash
# Fails when a C++ file of the repository is not formatted by the committed .clang-format (Debian
# 12's clang-format 14: another version formats some constructs differently). To format:
#     git ls-files '*.cpp' '*.h' | xargs clang-format-14 -i
set -euo pipefail
cd "$(dirname "$0")/.."
format=$(command -v clang-format-14 || true)
[ -n "$format" ] || { echo "check-format: clang-format-14 is missing (scripts/setup.sh installs it)" >&2; exit 2; }
unformatted=()
while IFS= read -r f; do
    "$format" --style=file "$f" | cmp -s - "$f" || unformatted+=("$f")
done < <(git ls-files '*.cpp' '*.h')
if [ ${#unformatted[@]} -gt 0 ]; then
    printf 'check-format: not formatted: %s\n' "${unformatted[@]}" >&2
    echo "check-format: run: git ls-files '*.cpp' '*.h' | xargs $format -i" >&2
    exit 1
fi
echo "check-format: $(git ls-files '*.cpp' '*.h' | wc -l) files formatted"
