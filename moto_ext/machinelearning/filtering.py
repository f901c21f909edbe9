"""Describe*'s filter: one FilterVariable compared with EQ/GT/LT/GE/LE/NE/Prefix, in the order of
the variable (a Catalog order kept sorted, so a page reads only its own entities)."""

from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import Any, TypeVar

from moto_ext.core.paging import Catalog

from .entities import Entity
from .exceptions import InvalidInputException

COMPARATORS = ("eq", "gt", "lt", "ge", "le", "ne", "prefix")
TIME_VARIABLES = {"CreatedAt", "LastUpdatedAt"}
#: filter variables whose value a read can change
MOVING_VARIABLES = {"Status", "LastUpdatedAt", "RealtimeEndpointStatus"}

E = TypeVar("E", bound=Entity)


def parse_time(value: str) -> datetime:
    # [UNVERIFIED] the API reference does not say how dates are written: accept epoch seconds
    # (how the API returns them) and ISO 8601.
    try:
        return datetime.fromtimestamp(float(value), timezone.utc)
    except (ValueError, OverflowError, OSError):
        pass
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInputException(f"{value} is not a date: use epoch seconds or ISO 8601.") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _matches(value: Any, comparator: str, operand: Any) -> bool:
    if comparator == "prefix":
        return str(value).startswith(operand)
    return {
        "eq": value == operand,
        "ne": value != operand,
        "gt": value > operand,
        "lt": value < operand,
        "ge": value >= operand,
        "le": value <= operand,
    }[comparator]


class Filter:
    """A Describe* request's filter and sort order."""

    def __init__(self, variable: str | None, comparisons: dict[str, str | None], sort_order: str | None) -> None:
        unknown = set(comparisons) - set(COMPARATORS)
        if unknown:
            raise TypeError(f"not comparators of Describe*: {sorted(unknown)}")
        self.variable = variable
        self.used = {name: operand for name, operand in comparisons.items() if operand is not None}
        if self.used and not variable:
            names = ", ".join("Prefix" if name == "prefix" else name.upper() for name in self.used)
            raise InvalidInputException(f"{names} needs a FilterVariable to compare.")
        self.descending = sort_order == "dsc"
        is_time = variable in TIME_VARIABLES
        # dates compare as dates, everything else as text
        self._operands = {
            name: parse_time(operand) if is_time and name != "prefix" else operand
            for name, operand in self.used.items()
        }
        self._is_time = is_time
        #: what a page token is bound to: the same filter and order
        self.scope = {**self.used, "v": variable, "o": sort_order}

    @property
    def moves(self) -> bool:
        """Whether the variable is one a read can change (so entities are read before selection)."""
        return self.variable in MOVING_VARIABLES

    def _value(self, entity: Entity) -> Any:
        value = entity.filter_values()[self.variable] if self.variable else None
        return value if self._is_time else str(value)

    def matches(self, entity: Entity) -> bool:
        return all(_matches(self._value(entity), name, operand) for name, operand in self._operands.items())

    def listing(self, store: Catalog[str, E]) -> tuple[Sequence[E], Callable[[E], bool] | None]:
        """The listed entities this filter may select, sorted by the variable (CreatedAt when none),
        ties by creation; and the test a page must still apply to them (None: all match).

        The comparisons that bound a range of the sort order (EQ, GT, GE, LT, LE, and Prefix on
        text) become positions found with bisect; NE, and Prefix on a date, are tested one by one.
        """
        order = self.variable or "CreatedAt"
        lo, hi = 0, len(store.view(order))
        rest: dict[str, Any] = {}
        try:
            for name, operand in self._operands.items():
                if name in ("eq", "ge", "gt"):
                    lo = max(lo, store.position(order, operand, after=name == "gt"))
                if name in ("eq", "le", "lt"):
                    hi = min(hi, store.position(order, operand, after=name != "lt"))
                if name == "prefix" and not self._is_time:
                    # the values with this prefix are the run of the order from the prefix itself
                    # to the first text past every such value
                    text = str(operand)
                    lo = max(lo, store.position(order, text))
                    if text and ord(text[-1]) < 0x10FFFF:
                        hi = min(hi, store.position(order, text[:-1] + chr(ord(text[-1]) + 1)))
                elif name in ("ne", "prefix"):
                    rest[name] = operand
        except TypeError:  # values that do not compare with the operand: test each one
            return store.view(order, descending=self.descending), self.matches
        span = store.span(order, lo, hi, descending=self.descending)
        if not rest:
            return span, None
        return span, lambda entity: all(_matches(self._value(entity), n, o) for n, o in rest.items())
