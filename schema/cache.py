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
