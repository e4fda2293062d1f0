"""A least-recently-used cache bounded by entries and by memory.

The API caches parsed documents and cost estimates by query text. Counting entries alone lets
a few distinct multi-megabyte texts (comments only, say) hold hundreds of megabytes for ever;
here each entry is weighed (its text's size, and what was computed from it, taken as
proportional) and the oldest go first once the byte budget is spent. An entry heavier than the
whole budget is computed and returned, never kept.
"""

from __future__ import annotations

import sys
from collections import OrderedDict
from collections.abc import Callable, Hashable


def text_weight(text: str) -> int:
    """What a cached text costs: the string itself, and a parsed result about as large."""
    return 2 * sys.getsizeof(text)


class BoundedCache[K: Hashable, V]:
    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get_or_compute(self, key: K, compute: Callable[[], V], weight: int) -> V:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
            return found[0]
        value = compute()
        self.put(key, value, weight)
        return value

    def get(self, key: K) -> V | None:
        found = self._entries.get(key)
        if found is None:
            return None
        self._entries.move_to_end(key)
        return found[0]

    def put(self, key: K, value: V, weight: int) -> None:
        """Keep `value` (unless it weighs more than the whole budget), dropping the oldest."""
        if weight > self.max_bytes:
            return
        previous = self._entries.pop(key, None)
        if previous is not None:
            self.bytes -= previous[1]
        self._entries[key] = (value, weight)
        self.bytes += weight
        while len(self._entries) > self.max_entries or self.bytes > self.max_bytes:
            _, (_, dropped) = self._entries.popitem(last=False)
            self.bytes -= dropped

    def clear(self) -> None:
        self._entries.clear()
        self.bytes = 0


class ByIdentity[V]:
    """What was worked out from some objects (a parsed document's nodes), by their identity:
    each value is kept with its objects, so their ids cannot be reused while it is; at most
    `max_entries` at once (all dropped when full: documents come and go with the parser's
    cache)."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: dict[tuple[int, ...], tuple[tuple[object, ...], V]] = {}

    def get_or_compute(self, objects: tuple[object, ...], compute: Callable[[], V]) -> V:
        key = tuple(id(o) for o in objects)
        found = self._entries.get(key)
        if found is not None and all(a is b for a, b in zip(found[0], objects, strict=True)):
            return found[1]
        value = compute()
        if len(self._entries) >= self.max_entries:
            self._entries.clear()
        self._entries[key] = (objects, value)
        return value
