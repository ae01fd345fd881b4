"""Ask an X window to close as a window manager's close button does (WM_DELETE_WINDOW), for
driving the app in a real window under Xvfb, where there is no window manager and xdotool's
windowclose destroys the window instead (the app never gets to ask about unsaved changes).

    DISPLAY=:71 python tools/wm_close.py "$(xdotool search --onlyvisible --name 'Contract Walk' | head -1)"

See tools/xwindow.sh for the rest of the driver.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import sys

CLIENT_MESSAGE = 33


class _ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("l", ctypes.c_long * 5)]


class _Event(ctypes.Union):
    _fields_ = [("xclient", _ClientMessage), ("pad", ctypes.c_long * 24)]


def close(window: int) -> None:
    """Send WM_DELETE_WINDOW to `window` on $DISPLAY."""
    x11 = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    for name in ("XFlush", "XCloseDisplay"):  # a pointer passed as a C int crashes: say what it is
        getattr(x11, name).argtypes = [ctypes.c_void_p]
    display = x11.XOpenDisplay(None)
    if not display:
        raise SystemExit("wm_close: cannot open the display ($DISPLAY)")
    event = _Event()
    event.xclient.type = CLIENT_MESSAGE
    event.xclient.window = window
    event.xclient.message_type = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
    event.xclient.format = 32
    event.xclient.l[0] = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
    x11.XSendEvent(display, window, 0, 0, ctypes.byref(event))
    x11.XFlush(display)
    x11.XCloseDisplay(display)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        raise SystemExit("usage: wm_close.py WINDOW-ID")
    close(int(sys.argv[1]))
