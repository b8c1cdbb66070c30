"""Untrusted text (from a report, a file name or a pack) made safe to show.

A report, a file name or a pack may carry control characters: an escape sequence that moves the
cursor, recolours the terminal, or writes the clipboard (OSC 52); a carriage return that hides
what came before; bidi overrides that reorder what is shown. And a file name unzipped from a
Windows archive may not be UTF-8: Python decodes its bytes to lone surrogates, which no encoder
accepts. Such characters are shown as visible escapes (\\x1b, \\u202e), never sent as they are.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata

# C0 controls but tab and newline, DEL, C1 controls (\x9b is CSI on 8-bit terminals), bidi
# embeddings/overrides/isolates and marks, line/paragraph separators, lone surrogates.
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_IN_LINE = re.compile(f"[{_UNSAFE}\n]")
_UNSAFE_IN_BLOCK = re.compile(f"[{_UNSAFE}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# What a pack field may not contain (rules lint): the same characters but line breaks and tabs.
PACK_CONTROL = re.compile(f"[{_UNSAFE.replace(chr(0xD800) + '-' + chr(0xDFFF), '')}]")


def visible_escape(char: str) -> str:
    """\\xNN for a byte-sized character or an undecodable byte of a file name, else \\uNNNN."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte that could not be decoded
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def shown_name(text: str) -> str:
    """A file name with its undecodable bytes shown as \\xNN (encodable in every output format)."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: visible_escape(m.group()), text)


def terminal_safe(text: object, newlines: bool = False) -> str:
    """`text` with every control character, escape sequence start, bidi control and undecodable
    byte made visible; tabs kept, and line breaks when `newlines` (a multi-line block)."""
    text = str(text)
    unsafe = _UNSAFE_IN_BLOCK if newlines else _UNSAFE_IN_LINE
    if newlines:
        text = text.replace("\r\n", "\n")
    return unsafe.sub(lambda m: visible_escape(m.group()), text)


def pack_control(text: str) -> str | None:
    """The first control character a pack field may not contain, as U+XXXX, or None."""
    found = PACK_CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


# --- consoles in a legacy encoding --------------------------------------------------------------

FALLBACK_ERRORS = "fzcheck-fallback"
# Marks that GBK and other legacy encodings lack, as characters they have.
_STAND_INS = {"✓": "√", "✗": "×", "✅": "√", "❌": "×", "⚠": "!", "️": "", "━": "-", "┃": "|"}


def stand_in(char: str, encoding: str) -> str:
    """A character (or a few) the encoding has, for one it has not."""
    for candidate in (_STAND_INS.get(char), unicodedata.normalize("NFKC", char)):
        if candidate is not None and candidate != char and encodable(candidate, encoding):
            return candidate
    if 0xD800 <= ord(char) <= 0xDFFF:
        return visible_escape(char)
    return "?"


def encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeError:
        return False
    return True


def fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: stand-ins for what the stream's encoding cannot write."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(stand_in(ch, exc.encoding) for ch in exc.object[exc.start : exc.end]), exc.end


def use_fallback_on(stream: object) -> None:
    """Make a text stream write stand-ins instead of failing on what its encoding lacks."""
    try:
        codecs.lookup_error(FALLBACK_ERRORS)
    except LookupError:
        codecs.register_error(FALLBACK_ERRORS, fallback)
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a closed or unusual stream: left as it is
            reconfigure(errors=FALLBACK_ERRORS)
