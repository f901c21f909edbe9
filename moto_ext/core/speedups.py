"""Two behaviour-preserving speed-ups of moto's per-request path, applied by ``install()``.

Measured with benchmarks/bench_calls.py: moto spends a good share of each call listing the
response class's methods (a walk of its whole MRO with ``inspect``) and looking up each output
member through its alias machinery, which tries several spellings per member. Both answers are
the same every time for a given class, or for a dict that already holds the member's own name:

- ``method_names_from_class`` is cached per class (response classes do not grow methods at run
  time);
- the output value picker takes a dict's value straight away when the dict holds the member's
  model name and no response transformer applies; anything else goes through moto's picker, so
  objects, aliases and snake_case attributes behave exactly as before.
"""

from functools import lru_cache
from typing import Any

import moto.core.responses as moto_responses
from moto.core.serialize import AttributePickerContext, XFormedAttributePicker


class DirectDictPicker(XFormedAttributePicker):
    def __call__(self, context: AttributePickerContext) -> Any:
        obj = context.obj
        if type(obj) is dict and not self.response_transformers:
            value = obj.get(context.key, _MISSING)
            if value is not _MISSING:
                return value
        return super().__call__(context)


_MISSING = object()


def apply() -> None:
    if getattr(moto_responses, "_moto_ext_speedups", False):
        return
    moto_responses.method_names_from_class = lru_cache(maxsize=None)(moto_responses.method_names_from_class)
    moto_responses.XFormedAttributePicker = DirectDictPicker  # type: ignore[misc]
    moto_responses._moto_ext_speedups = True  # type: ignore[attr-defined]
