"""Bytes of a page or a feed into text, in the encoding they were written in.

What is declared comes first (a byte-order mark, the HTTP header's charset, then the document's
own `<?xml encoding?>` or `<meta charset>`, read by w3lib), but a declaration is only believed
when the body reads as text in it: servers often send a default charset (UTF-8, ISO-8859-1) for
feeds written in EUC-JP or KOI8-R. A declaration that fails, or none, leaves it to detection
(charset-normalizer), which reads legacy encodings a fallback to UTF-8 or windows-1252 garbles.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

_UTF8 = "utf-8"
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def decode_body(body: bytes, content_type: str = "") -> str:
    """The body as text: its declared encoding when the body reads in it, else the detected one."""
    bom_encoding, bom = read_bom(body)
    if bom_encoding is not None and bom is not None:
        return body[len(bom) :].decode(bom_encoding, errors="replace")
    if body.isascii():
        return body.decode("ascii")
    for declared in _declared(body, content_type):
        text = _read_as(body, declared)
        if text is not None:
            return text
    text = _read_as(body, _UTF8)
    if text is not None:
        return text
    best = from_bytes(body).best()
    return str(best) if best is not None else body.decode(_UTF8, errors="replace")


def _declared(body: bytes, content_type: str) -> list[str]:
    found = [http_content_type_encoding(content_type), html_body_declared_encoding(body)]
    return [name for name in found if name is not None]


def _read_as(body: bytes, encoding: str) -> str | None:
    """The body in that encoding, if it decodes and reads as text; None if it does not."""
    name = resolve_encoding(encoding)
    if name is None:
        return None
    try:
        text = body.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None
    if codecs.lookup(name).name == _UTF8:
        return text  # bytes that decode as UTF-8 are UTF-8: no other encoding's text does
    # Single-byte encodings decode any bytes: whether the text is plausible is detection's call.
    return text if from_bytes(body, cp_isolation=[name]).best() is not None else None


def valid_char_refs(text: str) -> str:
    """XML text whose numeric character references each name a character XML allows; the others
    (`&#xD800;`, `&#0;`) read U+FFFD. XML readers fail the whole document, or raise on reading
    the element, over one of them."""
    return _CHAR_REF.sub(_valid_char_ref, text)


def _valid_char_ref(ref: re.Match[str]) -> str:
    code = int(ref[1], 16) if ref[1] else int(ref[2])
    allowed = code in (0x9, 0xA, 0xD) or 0x20 <= code < 0xD800 or 0xE000 <= code <= 0x10FFFF
    return ref[0] if allowed and code not in (0xFFFE, 0xFFFF) else "\ufffd"
