#!/usr/bin/env bash
# xwindow.sh: drive the app in a real window on a private virtual screen with the real pointer
# and keyboard (Xvfb + xdotool), as the QA walks do. Source it from the checkout:
#
#   . tools/xwindow.sh; xw_start 1024x640 [MAP]    # fresh HOME/XDG dirs, Xvfb, the app
#   xw_drag 100 125 560 300                         # press, move in steps, release (button 1)
#   xw_drag 700 300 500 200 2                       # the same with the middle button
#   xdotool key ctrl+z; xw_shot 01                  # -> $XW_DIR/01.png: open it and look
#   xw_close                                        # as a window manager's close button
#   xw_stop                                         # the app and the screen
#
# `xprop -id WIN WM_NORMAL_HINTS` shows a dialog's minimum size: there is no window manager (no
# title bar, dialogs at y=0), so a dialog that just fits here is cut on a laptop.
# Needs: xvfb xdotool imagemagick x11-utils, and Qt's xcb libraries (see PITFALLS.md).
XW_PY=${XW_PY:-python3}
xw_start() {
  local size=${1:-1366x768}; shift
  XW_W=${size%x*}; XW_H=${size#*x}
  XW_DIR=$(mktemp -d); export XW_DIR
  for n in $(seq 70 99); do [ -e /tmp/.X$n-lock ] || break; done
  export DISPLAY=:$n
  Xvfb "$DISPLAY" -screen 0 "${XW_W}x${XW_H}x24" >/dev/null 2>&1 & XW_XVFB=$!
  sleep 1
  env QT_QPA_PLATFORM=xcb HOME="$XW_DIR" XDG_RUNTIME_DIR="$XW_DIR" XDG_DATA_HOME="$XW_DIR/d" \
    XDG_CONFIG_HOME="$XW_DIR/c" "$XW_PY" main.py "$@" >"$XW_DIR/app.log" 2>&1 & XW_APP=$!
  sleep "${XW_WAIT:-6}"
  echo "xwindow: $DISPLAY ${XW_W}x${XW_H}, files in $XW_DIR"
}
xw_shot() { import -window root -crop "${XW_W}x${XW_H}+0+0" "$XW_DIR/$1.png"; }
xw_drag() {
  local b=${5:-1} i
  xdotool mousemove "$1" "$2"; sleep 0.2; xdotool mousedown "$b"; sleep 0.1
  for i in 1 2 3 4 5 6 7 8 9 10; do
    xdotool mousemove $(( $1 + ($3 - $1) * i / 10 )) $(( $2 + ($4 - $2) * i / 10 )); sleep 0.05
  done
  sleep 0.2; xdotool mouseup "$b"; sleep 0.4
}
xw_close() {
  "$XW_PY" "$(dirname "${BASH_SOURCE[0]}")/wm_close.py" \
    "$(xdotool search --onlyvisible --name "${1:-Contract Walk}" | head -1)"
}
xw_stop() { kill "$XW_APP" 2>/dev/null; sleep 1; kill "$XW_XVFB" 2>/dev/null; }
