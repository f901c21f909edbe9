"""Token pagination shared by the services: opaque tokens, stable order, bad tokens rejected.

A token encodes the position after the last item returned and a fingerprint of the request's
filters, so a token from one listing cannot be replayed against another (the real services
reject such tokens too).

A page costs O(page), not O(resources) (issue 14): a backend keeps its resources in a
``Catalog``, a dict that also keeps them in the sort orders its listings offer (sorted lists
kept with ``bisect``), so ``paginate`` slices a view of the order instead of a sorted copy of
everything; a filter that is not a range of an order reads the order only as far as the page
(``paginate_matching``); and a listing looks only at the resources whose status can move
(``Catalog.in_progress``), not at every one.
"""

import base64
import bisect
import hashlib
import itertools
import json
import threading
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, MutableMapping, Sequence, ValuesView
from functools import cache
from itertools import islice
from typing import Any, TypeVar, overload

from moto_ext.core import lifecycle

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


def _fingerprint(scope: Any) -> str:
    return hashlib.sha256(json.dumps(scope, sort_keys=True, default=str).encode()).hexdigest()[:16]


def encode_token(offset: int, scope: Any = None) -> str:
    raw = json.dumps({"o": offset, "s": _fingerprint(scope)}).encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode_token(token: str, scope: Any, invalid: Callable[[str], Exception]) -> int:
    try:
        decoded = json.loads(base64.urlsafe_b64decode(token.encode()))
        offset = decoded["o"]
        if not isinstance(offset, int) or offset < 0 or decoded["s"] != _fingerprint(scope):
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeError, AttributeError):
        raise invalid("The pagination token is invalid.") from None
    return offset


def paginate(
    items: Sequence[T],
    next_token: str | None,
    max_results: int | None,
    *,
    default_size: int,
    invalid: Callable[[str], Exception],
    scope: Any = None,
    keep: Callable[[T], bool] | None = None,
) -> tuple[list[T], str | None]:
    """One page of ``items`` and the token for the next page (None on the last page); with
    ``keep``, of the items it accepts (see ``paginate_matching``)."""
    if keep is not None:
        return paginate_matching(
            items, keep, next_token, max_results, default_size=default_size, invalid=invalid, scope=scope
        )
    start = decode_token(next_token, scope, invalid) if next_token else 0
    size = max_results or default_size
    page = list(items[start : start + size])
    end = start + len(page)
    return page, (encode_token(end, scope) if end < len(items) else None)


@cache
def page_size(boto3_service: str, operation: str) -> int:
    """The default page of a paginated operation: the largest page its limit member allows
    (the limit member is the one the model's paginators-1.json names)."""
    import botocore.loaders
    from moto.core.utils import get_service_model

    paginators = botocore.loaders.create_loader().load_service_model(boto3_service, "paginators-1")
    limit_key = paginators["pagination"][operation]["limit_key"]
    members = get_service_model(boto3_service).operation_model(operation).input_shape.members
    return int(members[limit_key].metadata["max"])


def paginate_matching(
    items: Iterable[T],
    keep: Callable[[T], bool],
    next_token: str | None,
    max_results: int | None,
    *,
    default_size: int,
    invalid: Callable[[str], Exception],
    scope: Any = None,
) -> tuple[list[T], str | None]:
    """``paginate`` over the items ``keep`` accepts, with the same tokens, reading ``items`` (in
    order) only as far as the page and one more match: O(skipped + page), not O(n)."""
    start = decode_token(next_token, scope, invalid) if next_token else 0
    size = max_results or default_size
    found = list(islice(filter(keep, items), start, start + size + 1))
    page = found[:size]
    return page, (encode_token(start + size, scope) if len(found) > size else None)


class OrderView(Sequence[V]):
    """Positions ``lo`` to ``hi`` of one order of a Catalog, ascending or descending: what
    ``paginate`` slices, in O(page)."""

    def __init__(self, catalog: "Catalog[Any, V]", order: "_Order", lo: int, hi: int, descending: bool) -> None:
        self._catalog, self._order = catalog, order
        self._lo, self._hi, self._descending = lo, max(lo, hi), descending

    def __len__(self) -> int:
        return self._hi - self._lo

    def __iter__(self) -> Iterator[V]:
        keys, data = self._order.keys, self._catalog._data
        positions = range(self._hi - 1, self._lo - 1, -1) if self._descending else range(self._lo, self._hi)
        return (data[keys[position][1]] for position in positions)

    @overload
    def __getitem__(self, index: int) -> V: ...
    @overload
    def __getitem__(self, index: slice) -> list[V]: ...
    def __getitem__(self, index: int | slice) -> V | list[V]:
        keys = self._order.keys
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            if self._descending:
                chosen = keys[self._hi - stop : self._hi - start][::-1]
            else:
                chosen = keys[self._lo + start : self._lo + stop]
            data = self._catalog._data
            return [data[key] for _, key in chosen]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        position = self._hi - 1 - index if self._descending else self._lo + index
        return self._catalog._data[self._order.keys[position][1]]


class _Order:
    """One sort order of a Catalog: (sort value, insertion number) pairs kept sorted with bisect,
    each paired with the catalog key it files."""

    def __init__(self, value: Callable[[Any], Any] | None) -> None:
        self.value = value
        self.keys: list[tuple[Any, Any]] = []  # ((value, seq), catalog key), sorted
        self.filed: dict[Any, tuple[Any, Any]] = {}  # catalog key -> its entry in keys

    def file(self, key: Any, item: Any, seq: int) -> None:
        sort_key = (self.value(item) if self.value else None, seq)
        entry = (sort_key, key)
        bisect.insort(self.keys, entry, key=lambda e: e[0])
        self.filed[key] = entry

    def unfile(self, key: Any) -> None:
        entry = self.filed.pop(key, None)
        if entry is not None:
            position = bisect.bisect_left(self.keys, entry[0], key=lambda e: e[0])
            del self.keys[position]


class Catalog(MutableMapping[K, V]):
    """A dict that also keeps its listed values in sort orders, so a list operation reads one page
    without sorting (or even visiting) the rest.

    - the insertion order is always kept; named ``orders`` (a value -> sort value function each) are
      built on first use and kept from then on; ties go by insertion;
    - ``listed`` says which values the orders hold (Describe* does not list a deleted entity that
      Get* still answers); the dict holds every value;
    - a value whose sort value or ``listed`` answer changes must be ``refile``d (its status hook);
    - ``lifecycles`` names each value's lifecycles, so ``in_progress()`` finds the values a list
      must look at (only in-progress statuses move on a look) without visiting settled ones.
    """

    def __init__(
        self,
        orders: dict[str, Callable[[V], Any]] | None = None,
        *,
        listed: Callable[[V], bool] | None = None,
        lifecycles: Callable[[V], Iterable[Any]] | None = None,
    ) -> None:
        self._data: dict[K, V] = {}
        self._seq: dict[K, int] = {}
        self._counter = itertools.count()
        self._order_values = dict(orders or {})
        self._orders: dict[str, _Order] = {"": _Order(None)}
        self._listed = listed
        self._lifecycles = lifecycles
        self._lifecycle_keys: dict[int, K] = {}  # id(lifecycle) -> key of its value
        self._kinds: set[str] = set()  # the lifecycle kinds of the values
        self._held: dict[K, list[Any]] = {}  # key -> its lifecycles (kept alive: their ids stay theirs)
        self._lock = threading.RLock()

    # --- the dict -------------------------------------------------------------------------------
    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __setitem__(self, key: K, value: V) -> None:
        with self._lock:
            if key in self._data:
                self._unfile(key)
            else:
                self._seq[key] = next(self._counter)
            self._data[key] = value
            self._file(key)

    def __delitem__(self, key: K) -> None:
        with self._lock:
            self._unfile(key)
            del self._data[key]
            del self._seq[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, key: K, default: Any = None) -> Any:
        return self._data.get(key, default)

    def keys(self) -> KeysView[K]:
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        return self._data.values()

    def items(self) -> ItemsView[K, V]:
        return self._data.items()

    # --- the orders -----------------------------------------------------------------------------
    def refile(self, key: K) -> None:
        """File the value under ``key`` again after its sort values or its ``listed`` answer changed."""
        with self._lock:
            if key in self._data:
                self._unfile(key)
                self._file(key)

    def view(self, order: str = "", lo: Any = None, hi: Any = None, *, descending: bool = False) -> OrderView[V]:
        """The listed values in ``order``, from the first whose sort value is at least ``lo`` to the
        last below ``hi`` (None: from the start, to the end)."""
        with self._lock:
            built = self._order(order)
            start = 0 if lo is None else bisect.bisect_left(built.keys, (lo,), key=lambda e: e[0])
            end = len(built.keys) if hi is None else bisect.bisect_left(built.keys, (hi,), key=lambda e: e[0])
            return OrderView(self, built, start, end, descending)

    def position(self, order: str, value: Any, *, after: bool = False) -> int:
        """Where sort value ``value`` is (or would be) in ``order``: the first position at it, or
        with ``after`` the first past every value equal to it."""
        with self._lock:
            built = self._order(order)
            probe = (value, _AFTER_ALL) if after else (value,)
            return bisect.bisect_left(built.keys, probe, key=lambda e: e[0])

    def span(self, order: str, lo: int, hi: int, *, descending: bool = False) -> OrderView[V]:
        """Positions ``lo`` to ``hi`` of ``order`` (see ``position``)."""
        with self._lock:
            return OrderView(self, self._order(order), lo, hi, descending)

    def having(self, order: str, value: Any) -> OrderView[V]:
        """The listed values whose sort value in ``order`` is ``value``, in insertion order."""
        with self._lock:
            return self.span(order, self.position(order, value), self.position(order, value, after=True))

    def ordered(self, keys: Iterable[K], *, descending: bool = False) -> list[V]:
        """The values of those ``keys`` the catalog holds, in insertion order (O(k log k))."""
        with self._lock:
            found = sorted((k for k in keys if k in self._data), key=self._seq.__getitem__, reverse=descending)
            return [self._data[k] for k in found]

    def in_progress(self) -> list[V]:
        """The values with a lifecycle in an in-progress status, in insertion order."""
        moving = lifecycle.moving(self._kinds)  # the engine's lock first, as its hooks (refile) take ours
        with self._lock:
            keys = {self._lifecycle_keys[id(lc)] for lc in moving if id(lc) in self._lifecycle_keys}
            return [self._data[key] for key in sorted(keys, key=self._seq.__getitem__)]

    def _order(self, name: str) -> _Order:
        built = self._orders.get(name)
        if built is None:
            if name not in self._order_values:
                raise KeyError(f"no order {name!r}; orders: {', '.join(self._order_values)}")
            built = self._orders[name] = _Order(self._order_values[name])
            entries = [
                ((built.value(v), self._seq[k]), k)  # type: ignore[misc]
                for k, v in self._data.items()
                if self._listed is None or self._listed(v)
            ]
            entries.sort(key=lambda e: e[0])
            built.keys = entries
            built.filed = {entry[1]: entry for entry in entries}
        return built

    def _file(self, key: K) -> None:
        value = self._data[key]
        if self._listed is None or self._listed(value):
            for built in self._orders.values():
                built.file(key, value, self._seq[key])
        if self._lifecycles is not None:
            held = list(self._lifecycles(value))
            self._held[key] = held
            for lc in held:
                self._lifecycle_keys[id(lc)] = key
                self._kinds.add(lc.kind.name)

    def _unfile(self, key: K) -> None:
        for built in self._orders.values():
            built.unfile(key)
        for lc in self._held.pop(key, ()):
            self._lifecycle_keys.pop(id(lc), None)


class _AfterAll:
    """Sorts after every insertion number: (value, _AFTER_ALL) follows every entry of that value."""

    def __lt__(self, other: object) -> bool:
        return False

    def __gt__(self, other: object) -> bool:
        return True


#: sorts after any value: (text, AFTER_ALL) follows every tuple that starts with that text
AFTER_ALL: Any = _AfterAll()
_AFTER_ALL = AFTER_ALL
