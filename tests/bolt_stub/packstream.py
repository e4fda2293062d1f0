"""PackStream v1, the value encoding Bolt messages use: just enough to speak to the driver.

Covers null, booleans, integers (every width), floats, strings, bytes, lists, maps and
structures (tag byte + fields). Messages themselves are structures: RUN is `Structure(0x10, ...)`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


class PackStreamError(ValueError):
    """Bytes that are not valid PackStream, or a value PackStream cannot carry."""


@dataclass(frozen=True, slots=True)
class Structure:
    tag: int
    fields: tuple[Any, ...]


# --- encoding ------------------------------------------------------------------------------------


def pack(value: Any) -> bytes:
    out = bytearray()
    _pack_into(out, value)
    return bytes(out)


def _pack_into(out: bytearray, value: Any) -> None:
    if value is None:
        out.append(0xC0)
    elif value is True:
        out.append(0xC3)
    elif value is False:
        out.append(0xC2)
    elif isinstance(value, int):
        _pack_int(out, value)
    elif isinstance(value, float):
        out += b"\xc1" + struct.pack(">d", value)
    elif isinstance(value, str):
        data = value.encode("utf-8")
        _pack_header(out, len(data), tiny=0x80, sized=(0xD0, 0xD1, 0xD2))
        out += data
    elif isinstance(value, bytes | bytearray):
        _pack_header(out, len(value), tiny=None, sized=(0xCC, 0xCD, 0xCE))
        out += value
    elif isinstance(value, list | tuple):
        _pack_header(out, len(value), tiny=0x90, sized=(0xD4, 0xD5, 0xD6))
        for item in value:
            _pack_into(out, item)
    elif isinstance(value, dict):
        _pack_header(out, len(value), tiny=0xA0, sized=(0xD8, 0xD9, 0xDA))
        for key, item in value.items():
            if not isinstance(key, str):
                raise PackStreamError(f"map keys must be strings, not {key!r}")
            _pack_into(out, key)
            _pack_into(out, item)
    elif isinstance(value, Structure):
        if len(value.fields) > 15:
            raise PackStreamError("a structure holds at most 15 fields")
        out += bytes((0xB0 + len(value.fields), value.tag))
        for item in value.fields:
            _pack_into(out, item)
    else:
        raise PackStreamError(f"cannot pack {type(value).__name__}")


def _pack_int(out: bytearray, value: int) -> None:
    if -16 <= value <= 127:
        out += struct.pack(">b", value)
    elif -(2**7) <= value < 2**7:
        out += b"\xc8" + struct.pack(">b", value)
    elif -(2**15) <= value < 2**15:
        out += b"\xc9" + struct.pack(">h", value)
    elif -(2**31) <= value < 2**31:
        out += b"\xca" + struct.pack(">i", value)
    elif INT64_MIN <= value <= INT64_MAX:
        out += b"\xcb" + struct.pack(">q", value)
    else:
        raise PackStreamError(f"{value} does not fit in 64 bits")


def _pack_header(
    out: bytearray, size: int, *, tiny: int | None, sized: tuple[int, int, int]
) -> None:
    if tiny is not None and size < 16:
        out.append(tiny + size)
    elif size < 2**8:
        out += bytes((sized[0], size))
    elif size < 2**16:
        out += bytes((sized[1],)) + struct.pack(">H", size)
    elif size < 2**32:
        out += bytes((sized[2],)) + struct.pack(">I", size)
    else:
        raise PackStreamError(f"{size} items is too many for PackStream")


# --- decoding ------------------------------------------------------------------------------------


def unpack(data: bytes) -> Any:
    """The one value `data` holds; trailing bytes are an error."""
    reader = _Reader(data)
    value = reader.value()
    if reader.pos != len(data):
        raise PackStreamError(f"{len(data) - reader.pos} bytes left after the value")
    return value


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise PackStreamError("value runs past the end of the data")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def number(self, fmt: str) -> Any:
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]

    def value(self) -> Any:
        marker = self.take(1)[0]
        high = marker & 0xF0
        if marker < 0x80 or marker >= 0xF0:  # tiny int
            return struct.unpack(">b", bytes((marker,)))[0]
        if high == 0x80:
            return self.take(marker & 0x0F).decode("utf-8")
        if high == 0x90:
            return [self.value() for _ in range(marker & 0x0F)]
        if high == 0xA0:
            return self.map(marker & 0x0F)
        if high == 0xB0:
            tag = self.take(1)[0]
            return Structure(tag, tuple(self.value() for _ in range(marker & 0x0F)))
        return self.sized(marker)

    def sized(self, marker: int) -> Any:
        fixed: dict[int, Any] = {0xC0: None, 0xC2: False, 0xC3: True}
        if marker in fixed:
            return fixed[marker]
        numbers = {0xC1: ">d", 0xC8: ">b", 0xC9: ">h", 0xCA: ">i", 0xCB: ">q"}
        if marker in numbers:
            return self.number(numbers[marker])
        widths = {0: ">B", 1: ">H", 2: ">I"}
        family, width = marker & 0xFC, marker & 0x03
        if width not in widths:
            raise PackStreamError(f"unknown marker 0x{marker:02X}")
        if family == 0xCC:
            return self.take(self.number(widths[width]))
        if family == 0xD0:
            return self.take(self.number(widths[width])).decode("utf-8")
        if family == 0xD4:
            return [self.value() for _ in range(self.number(widths[width]))]
        if family == 0xD8:
            return self.map(self.number(widths[width]))
        raise PackStreamError(f"unknown marker 0x{marker:02X}")

    def map(self, size: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for _ in range(size):
            key = self.value()
            if not isinstance(key, str):
                raise PackStreamError(f"map key {key!r} is not a string")
            result[key] = self.value()
        return result
