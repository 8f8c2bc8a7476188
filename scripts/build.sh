#!/bin/sh
# Installs the Debian packages (if missing) and builds bodo into build/ (Release with debug info).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBODO_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
