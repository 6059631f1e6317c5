"""A memo bounded by bytes, not entries: least recently used results go first once the results kept
weigh more than the budget.

`functools.lru_cache` bounds the number of entries; the text engine's results grow with the text
(a shaped run of 450 characters weighs about 100 KB), so an entry bound let one worker grow by
hundreds of megabytes under crafted requests. Here each entry's weight is estimated from its
arguments (measured with tracemalloc: see docs/performance.md), and the memo never holds more than
its stated budget. The engine's budgets: shaped runs 24 MB (`text.shaping.SHAPED_CACHE_BYTES`),
prepared paragraphs 16 MB (`text.fitting.PREPARED_CACHE_BYTES`): at most 40 MB of text results per
worker, whatever senders write. `ByteBoundedLRU` is the same bound for caches that weigh a value
once it is made: artwork 48 MB (`art.artwork.ART_CACHE_BYTES`), CMYK artwork 32 MB
(`press.art.PRESS_ART_CACHE_BYTES`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any


class ByteBoundedMemo:
    """Results of `function` by arguments, within `max_bytes` as estimated by `weigh(*args)`."""

    def __init__(self, function: Callable, max_bytes: int, weigh: Callable[..., int]):
        self.function = function
        self.max_bytes = max_bytes
        self.weigh = weigh
        self.bytes = 0
        self._entries: OrderedDict[tuple, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, *args):
        with self._lock:
            found = self._entries.get(args)
            if found is not None:
                self._entries.move_to_end(args)
                return found[0]
        result = self.function(*args)
        weight = self.weigh(*args)
        if weight > self.max_bytes:
            return result
        with self._lock:
            if args not in self._entries:
                self._entries[args] = (result, weight)
                self.bytes += weight
                while self.bytes > self.max_bytes:
                    _, (_, dropped) = self._entries.popitem(last=False)
                    self.bytes -= dropped
        return result

    def __len__(self) -> int:
        return len(self._entries)

    def cache_clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0


def byte_bounded(max_bytes: int, weigh: Callable[..., int]) -> Callable[[Callable], ByteBoundedMemo]:
    """Decorator: memoise a function of hashable arguments within `max_bytes`."""

    def decorate(function: Callable) -> ByteBoundedMemo:
        return wraps(function)(ByteBoundedMemo(function, max_bytes, weigh))

    return decorate


MB = 1024 * 1024


class ByteBoundedLRU:
    """A least-recently-used map within `max_bytes`, for callers that weigh each value once they
    have made it (the artwork caches: a file's weight is known only after it is read)."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return default
            self._entries.move_to_end(key)
            return found[0]

    def __contains__(self, key) -> bool:
        with self._lock:
            return key in self._entries

    def put(self, key, value, weight: int) -> None:
        """Keep `value` unless it alone is over the budget; drop the least recently used to make room."""
        if weight > self.max_bytes:
            return
        with self._lock:
            if key in self._entries:
                self.bytes -= self._entries.pop(key)[1]
            self._entries[key] = (value, weight)
            self.bytes += weight
            while self.bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.bytes -= dropped

    def __iter__(self):
        with self._lock:
            return iter(list(self._entries))  # a snapshot: other threads may add meanwhile

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0
