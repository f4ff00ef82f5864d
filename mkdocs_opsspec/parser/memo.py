"""The unit parsers remembering their answers: specs repeat the same values ("30 days",
"99.9%") thousands of times across a site."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from ..units import UnitError

_P = ParamSpec("_P")
_T = TypeVar("_T")
_SIZE = 4096  # answers kept per parser (all are forgotten when full)


def remembered(parse: Callable[_P, _T]) -> Callable[_P, _T]:
    """`parse` (a `units` parser: a pure function of its arguments) remembering its answers.
    The values are frozen dataclasses, so sharing them is safe; an error is raised anew, with
    the same message, each time."""
    answers: dict[object, tuple[_T | None, str | None, str | None]] = {}

    @functools.wraps(parse)
    def cached(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        key = (args, tuple(kwargs.items())) if kwargs else args
        answer = answers.get(key)
        if answer is None:
            try:
                answer = (parse(*args, **kwargs), None, None)
            except UnitError as exc:
                answer = (None, str(exc), exc.raw)
            if len(answers) >= _SIZE:
                answers.clear()
            answers[key] = answer
        value, error, raw = answer
        if error is not None:
            raise UnitError(error, raw)
        return value  # type: ignore[return-value]

    return cached
