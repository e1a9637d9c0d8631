#!/usr/bin/env bash
# The desktop entry and AppStream metadata pass Debian's validators.
set -euo pipefail
src="$1"
desktop-file-validate "$src/packaging/linux/io.github.ciopitfalls.CioPitfalls.desktop"
appstreamcli validate --no-net --pedantic "$src/packaging/linux/io.github.ciopitfalls.CioPitfalls.metainfo.xml"
echo "metadata valid"
