#!/bin/sh
# Installs every Debian (bookworm) package bodo needs to build, test and benchmark.
# Idempotent and non-interactive; run as root or with sudo. Installs only what is missing.
set -eu
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive

PACKAGES="
  g++ cmake make pkg-config ca-certificates
  libxapian-dev xapian-tools
  libicu-dev
  libcli11-dev catch2
  libsimdjson-dev libyaml-cpp-dev
  libarchive-dev libzstd-dev zstd
  libfmt-dev
  libjemalloc-dev
  nlohmann-json3-dev
  python3
  clang libclang-rt-14-dev
  libcpp-httplib-dev
  chromium chromium-driver python3-selenium fonts-nanum
  wrk
"
missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -n "$missing" ]; then
  echo "setup: installing$missing" >&2
  $SUDO apt-get update -q
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -q --no-install-recommends $missing
else
  echo "setup: all packages present" >&2
fi
