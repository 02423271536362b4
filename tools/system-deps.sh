#!/bin/sh
# Install the system packages the app and its tests need, when they are missing and we may
# (root with apt-get): the libraries Qt's xcb and offscreen platforms load, and the PostgreSQL
# server binaries (initdb, pg_ctl) with which the tests start a throwaway server for the
# PostgreSQL mode. Elsewhere print what is missing and carry on.
set -e
[ "$(uname -s)" = "Linux" ] || exit 0
LIBS="libEGL.so.1:libegl1 libGL.so.1:libgl1 libxkbcommon.so.0:libxkbcommon0 libfontconfig.so.1:libfontconfig1 libdbus-1.so.3:libdbus-1-3 libxkbcommon-x11.so.0:libxkbcommon-x11-0 libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-shape.so.0:libxcb-shape0 libxcb-image.so.0:libxcb-image0 libxcb-render-util.so.0:libxcb-render-util0 libxcb-randr.so.0:libxcb-randr0 libxcb-xinerama.so.0:libxcb-xinerama0 libxcb-xkb.so.1:libxcb-xkb1 libglib-2.0.so.0:libglib2.0-0 libfreetype.so.6:libfreetype6"
missing=""
for pair in $LIBS; do
  lib=${pair%%:*}; pkg=${pair##*:}
  if ! ldconfig -p 2>/dev/null | grep -q "$lib"; then missing="$missing $pkg"; fi
done
# PostgreSQL 15+: initdb on PATH or in Debian's versioned folder. runuser (util-linux) lets
# the tests run the server as an unprivileged user when they run as root (initdb refuses root).
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing="$missing postgresql"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages:$missing"
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "Note: Baton may need these system packages:$missing" >&2
fi
