"""A strict reader of JSON into dataclasses: every field present, every
value of its declared type (an int is no bool; a float may be written as an
integer, as JSON has one number type). What a client written from the
documentation expects, and nothing the sandbox happens to send."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

T = TypeVar("T")


class Mismatch(AssertionError):
    pass


def parse(cls: type[T], data: Any, path: str = "$") -> T:
    if not isinstance(data, dict):
        raise Mismatch(f"{path}: expected an object for {cls.__name__}, got {type(data).__name__}")
    hints = get_type_hints(cls)
    values = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        key = field.name
        if key not in data:
            raise Mismatch(f"{path}.{key}: missing ({cls.__name__})")
        values[field.name] = _value(hints[field.name], data[key], f"{path}.{key}")
    return cls(**values)


def _value(kind: Any, value: Any, path: str) -> Any:
    origin = get_origin(kind)
    if origin is list:
        if not isinstance(value, list):
            raise Mismatch(f"{path}: expected a list, got {value!r:.60}")
        (item,) = get_args(kind)
        return [_value(item, entry, f"{path}[{index}]") for index, entry in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise Mismatch(f"{path}: expected an object, got {value!r:.60}")
        return value
    if origin in (typing.Union, types.UnionType):
        for option in get_args(kind):
            try:
                return _value(option, value, path)
            except Mismatch:
                continue
        raise Mismatch(f"{path}: {value!r:.60} is none of {kind}")
    if kind is type(None):
        if value is not None:
            raise Mismatch(f"{path}: expected null")
        return None
    if dataclasses.is_dataclass(kind):
        return parse(kind, value, path)  # type: ignore[arg-type]
    if kind is bool:
        ok = isinstance(value, bool)
    elif kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif kind is str:
        ok = isinstance(value, str)
    else:
        raise TypeError(f"unsupported type {kind}")
    if not ok:
        raise Mismatch(f"{path}: expected {kind.__name__}, got {value!r:.60}")
    return value
