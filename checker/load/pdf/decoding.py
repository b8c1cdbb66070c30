"""pdfminer.six's stream decoders, swapped while a file is read for ones that stop at a cap."""

from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Iterator
from typing import Any, NoReturn

from checker.errors import InputError

# Bytes one stream may decode to, and all streams of a file together. The largest streams of
# a real report are embedded Chinese fonts (10-20 MB when not subset) and page contents of
# some hundred kilobytes; a bomb is refused once it passes the cap, before more is inflated.
MAX_STREAM_MB = 64
MAX_DECODED_MB = 256

# pdfminer.six decodes a stream in PDFStream.decode with zlib.decompress (no size limit), falls
# back to decompress_corrupted (one byte at a time, concatenating bytes: quadratic), and has
# LZW and RunLength decoders that build the whole output too. PDFStream.decode looks these up
# as globals of pdfminer.pdftypes, so while a file is read they are swapped for versions that
# stop at a cap. Chosen over parsing in a child process under an address-space limit: the
# file is refused at the cap with its own message, before the memory is spent, rather than
# dying at some MemoryError; nothing is forked or pickled for each PDF, so normal files are as
# fast as before; and it works where RLIMIT_AS does not (Windows, macOS). Other filters only
# shrink their input (ASCII85, ASCIIHex, predictors) or are never decoded for text (images).
# Worker processes of a batch each read one file at a time, so the swap is never shared.


class StreamTooLarge(InputError):
    """A stream decoded past the cap; raised inside pdfminer, it reaches the user unchanged."""


class DecodingBudget:
    """Bytes that streams of one file may still decode to; a stream is refused past its share."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.left = MAX_DECODED_MB << 20
        self.refusal: StreamTooLarge | None = None

    def limit(self) -> int:
        """How many bytes the next stream may decode to."""
        return min(MAX_STREAM_MB << 20, self.left)

    def take(self, size: int) -> None:
        """Count a decoded stream; refuse the file once it is over the limit."""
        if size > self.limit():
            self.refuse()
        self.left -= size

    def refuse(self) -> NoReturn:
        if self.left < MAX_STREAM_MB << 20:
            problem = f"PDF 中的数据流解压后合计超过 {MAX_DECODED_MB} MB，已拒绝（可能是压缩炸弹）"
        else:
            problem = f"PDF 中有解压后过大的数据流（超过 {MAX_STREAM_MB} MB），已拒绝（可能是压缩炸弹）"
        self.refusal = StreamTooLarge(self.path, problem)
        raise self.refusal


class BoundedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes: decompress stops at the budget."""

    error = zlib.error

    def __init__(self, budget: DecodingBudget) -> None:
        self.budget = budget

    def decompress(self, data: bytes) -> bytes:
        return inflated(data, self.budget)

    @staticmethod
    def decompressobj() -> Any:  # only decompress_corrupted uses it, and that is replaced too
        return zlib.decompressobj()


def inflated(data: bytes, budget: DecodingBudget) -> bytes:
    """A zlib stream inflated, never past the budget (one byte more refuses the file).

    zlib.error, as zlib.decompress raises it, for a stream that is corrupt, truncated or
    fails its checksum; pdfminer then falls back to decompress_corrupted.
    """
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, budget.limit() + 1)
    if not inflater.eof and len(out) <= budget.limit():
        raise zlib.error("incomplete or truncated stream")
    budget.take(len(out))
    return out


def inflated_without_checksum(budget: DecodingBudget) -> Any:
    """pdfminer's decompress_corrupted, bounded and linear: a truncated stream as far as it goes,
    a stream failing its checksum without the checksum."""

    def decompress_corrupted(data: bytes) -> bytes:
        for candidate in (data, data[:-4]):
            inflater = zlib.decompressobj()
            try:
                out = inflater.decompress(candidate, budget.limit() + 1)
            except zlib.error:
                continue
            budget.take(len(out))
            return out
        raise zlib.error("corrupt stream")

    return decompress_corrupted


def bounded_lzw(budget: DecodingBudget) -> Any:
    """pdfminer's lzwdecode, stopped as soon as its output passes the budget."""
    from pdfminer.lzw import LZWDecoder

    def lzwdecode(data: bytes) -> bytes:
        out = bytearray()
        limit = budget.limit()
        for piece in LZWDecoder(io.BytesIO(data)).run():
            out += piece
            if len(out) > limit:
                budget.take(len(out))
        budget.take(len(out))
        return bytes(out)

    return lzwdecode


def bounded_run_length(budget: DecodingBudget) -> Any:
    """pdfminer's rldecode (runs of up to 128 bytes, 128 ends the data), stopped past the budget."""

    def rldecode(data: bytes) -> bytes:
        out = bytearray()
        limit = budget.limit()
        i = 0
        while i < len(data) and data[i] != 128:
            length = data[i]
            if length < 128:
                out += data[i + 1 : i + 2 + length]
                i += 2 + length
            else:
                out += data[i + 1 : i + 2] * (257 - length)
                i += 2
            if len(out) > limit:
                budget.take(len(out))
        budget.take(len(out))
        return bytes(out)

    return rldecode


@contextlib.contextmanager
def bounded_decoding(path: str) -> Iterator[None]:
    """pdfminer's stream decoders bounded while the block runs; a refusal wins over any error it caused."""
    from pdfminer import pdftypes

    budget = DecodingBudget(path)
    replacements = {
        "zlib": BoundedZlib(budget),
        "decompress_corrupted": inflated_without_checksum(budget),
        "lzwdecode": bounded_lzw(budget),
        "rldecode": bounded_run_length(budget),
    }
    saved = {name: getattr(pdftypes, name) for name in replacements}
    for name, replacement in replacements.items():
        setattr(pdftypes, name, replacement)
    try:
        yield
    except Exception:
        # pdfminer may have turned the refusal into an error of its own on the way out.
        if budget.refusal is not None:
            raise budget.refusal from None
        raise
    finally:
        for name, original in saved.items():
            setattr(pdftypes, name, original)
