"""`qr_scanner(on_scan=..., on_error=...)`: the phone's rear camera reading tickets at the door.

Wraps the `Scanner` of @yudiel/react-qr-scanner. It is browser-only (camera, WebAssembly), so it
is imported on the client after the page mounts and never prerendered.

Its decoder (zxing-wasm, through barcode-detector) would fetch its .wasm from a public CDN, which
our Content-Security-Policy (`connect-src 'self'`) refuses and a venue network may not reach; the
file is bundled by Vite instead and the decoder pointed at it before the first scan.
barcode-detector pins zxing-wasm exactly: bump the three pins together.

The camera needs a secure context (HTTPS or localhost) and a page whose Permissions-Policy allows
`camera=(self)`. When it cannot start, `on_error` gets the library's error kind
("permission-denied", "no-camera", "in-use", "insecure-context", ...) so the page can offer
typing the code instead.
"""

from __future__ import annotations

import json
from typing import Any

import reflex as rx
from reflex.vars.base import Var
from reflex.vars.object import ObjectVar

LIBRARY = "@yudiel/react-qr-scanner@2.6.0"
ZXING_WASM = "zxing-wasm/reader/zxing_reader.wasm"


def _first_code(codes: Var[list[dict[str, Any]]]) -> tuple[Var[str]]:
    # The library calls onScan only with at least one code; a ticket carries one.
    return (codes[0].rawValue.to(str),)


def _error_kind_and_message(error: ObjectVar[dict[str, Any]]) -> tuple[Var[str], Var[str]]:
    # The kind is stable and language-neutral; the message is English, for logs only.
    return (error.kind.to(str), error.message.to(str))


class QrScanner(rx.NoSSRComponent):
    """The camera view; each decoded code goes to `on_scan` as its text."""

    library = LIBRARY
    lib_dependencies: list[str] = ["barcode-detector@3.2.2", "zxing-wasm@3.1.3"]
    tag = "Scanner"
    alias = "PortalQrScanner"

    paused: Var[bool]
    constraints: Var[dict[str, Any]]
    formats: Var[list[str]]
    sound: Var[bool]
    # Without allow_multiple a code that stays in view is reported once and never again until
    # another code is seen; with it, a held code repeats every scan_delay ms, so a door
    # volunteer can retry a ticket after a network hiccup. Check-in must be idempotent anyway.
    allow_multiple: Var[bool]
    scan_delay: Var[int]

    on_scan: rx.EventHandler[_first_code]
    on_error: rx.EventHandler[_error_kind_and_message]

    @classmethod
    def create(cls, *children, **props) -> rx.Component:
        # Only preferences: the library's default asks for at least 640x640, and a camera that
        # cannot give it fails outright ("overconstrained") instead of scanning at 480p.
        props.setdefault("constraints", {"facingMode": "environment",
                                         "width": {"ideal": 720}, "height": {"ideal": 720}})
        props.setdefault("formats", ["qr_code"])  # fewer formats: faster, no false reads
        # The page shows each result; the beep is a data: URI that our CSP refuses anyway.
        props.setdefault("sound", False)
        props.setdefault("allow_multiple", True)
        props.setdefault("scan_delay", 1500)
        return super().create(*children, **props)

    def _get_dynamic_imports(self) -> str:
        # The overrides object must stay the same one: setting a different one makes the
        # decoder reload, and every mount of the scanner runs this loader again.
        library = json.dumps(LIBRARY.rpartition("@")[0])
        return f"""let portalQrScannerLoad;
const {self.alias} = ClientSide(() => (portalQrScannerLoad ??= Promise.all([
  import({library}), import({json.dumps(ZXING_WASM + "?url")}),
]).then(([mod, wasm]) => {{
  mod.setZXingModuleOverrides({{
    locateFile: (file, prefix) => (file.endsWith(".wasm") ? wasm.default : prefix + file),
  }});
  return mod.{self.tag};
}})), {json.dumps(self.alias)});"""


qr_scanner = QrScanner.create
