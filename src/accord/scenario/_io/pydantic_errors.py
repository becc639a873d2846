"""Turn pydantic validation errors into located, plain-words :class:`Problem` s."""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from accord.errors import Problem
from accord.scenario._io.yamlio import Document

__all__ = ["problems_from_validation"]


def _is_model_tag(tag: str) -> bool:
    """Is a union branch name that of a model (a mapping), e.g. 'ReservationSpec' or
    'function-after[_exactly_one(), ConditionSpec]', rather than a scalar or a list?"""
    if tag.startswith(("list[", "dict[")):
        return False
    inner = tag.rsplit(",", 1)[-1].strip(" ]")
    return inner[:1].isupper()


def _has(container: Any, part: str | int) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _strip(
    data: Any, loc: Sequence[str | int], kind: str = "missing"
) -> tuple[list[str | int], str | None]:
    """Keep the parts of ``loc`` that exist in ``data``; return the union tag skipped, if any."""
    path: list[str | int] = []
    tag: str | None = None
    cur = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if _has(cur, part):
            cur = cur[part]
            path.append(part)
        elif last and isinstance(cur, dict) and kind in ("missing", "extra_forbidden"):
            path.append(part)  # a missing or unknown key
        elif tag is None:
            tag = str(part)  # a union branch name such as 'float' or 'ReservationSpec'

    return path, tag


def _unwrap(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(tp):
            out.extend(_unwrap(arg))
        return out
    return [tp]


def _keys_at(model: type[BaseModel], path: Sequence[str | int]) -> list[str] | None:
    """Valid keys of the mapping at ``path`` when it is a model, else ``None``."""
    candidates: list[Any] = [model]
    for part in path:
        nxt: list[Any] = []
        for tp in candidates:
            for t in _unwrap(tp):
                origin = typing.get_origin(t)
                if isinstance(t, type) and issubclass(t, BaseModel) and isinstance(part, str):
                    for name, info in t.model_fields.items():
                        if part in (name, info.alias):
                            nxt.append(info.annotation)
                elif origin is list and isinstance(part, int):
                    nxt.append(typing.get_args(t)[0])
                elif origin is dict and isinstance(part, str):
                    nxt.append(typing.get_args(t)[1])
        candidates = nxt
    for tp in candidates:
        for t in _unwrap(tp):
            if isinstance(t, type) and issubclass(t, BaseModel):
                return [info.alias or name for name, info in t.model_fields.items()]
    return None


def _message(err: Any, model: type[BaseModel], path: list[str | int]) -> str:
    kind = err["type"]
    got = err.get("input")
    if kind == "extra_forbidden":
        valid = _keys_at(model, path[:-1])
        hint = f"; valid keys here: {', '.join(valid)}" if valid else ""
        return f"unknown key {path[-1]!r}{hint}"
    if kind == "missing":
        return f"missing required key {path[-1]!r}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = err.get("ctx", {})
        if len(path) >= 2 and path[-2] == "weights":
            return f"{got!r} is negative; weights must be >= 0"
        bound = {"ge": ">=", "le": "<=", "gt": ">", "lt": "<"}
        limits = [f"{op} {ctx[k]}" for k, op in bound.items() if k in ctx]
        if limits in (["<= 1.0"], [">= 0.0"], ["<= 1"], [">= 0"]):
            return f"{got!r} is outside [0, 1]; values must lie between 0 and 1"
        return f"{got!r} is out of range: it must be {' and '.join(limits)}"
    if kind == "string_pattern_mismatch":
        return (
            f"{got!r} is not a valid id: start with a letter, then use letters, digits, "
            "'_' or '-' (at most 64 characters)"
        )
    if kind == "literal_error":
        return f"{got!r} is not allowed; expected {err['ctx']['expected']}"
    if kind == "too_short":
        return "must not be empty"
    if kind == "finite_number":
        return f"{got!r} is not a finite number; use an ordinary number"
    if kind == "literal_error" and isinstance(got, bool):
        return f"{got!r} is not allowed; expected {err['ctx']['expected']}"
    if kind in ("float_type", "int_type", "int_from_float", "float_parsing", "int_parsing"):
        want = "a whole number" if kind.startswith("int") else "a number"
        if isinstance(got, bool):
            return (
                f"expected {want} but YAML read a boolean ({str(got).lower()}); numbers are "
                "written as digits (true/false, yes/no, on/off are booleans)"
            )
        if isinstance(got, str):
            return f"expected {want} but got the text {got!r}; write numbers without quotes"
        if kind == "int_from_float":
            return f"{got!r} is not a whole number"
    if kind == "bool_type" and not isinstance(got, bool):
        return f"expected true or false, got {got!r}"
    if isinstance(got, bool) and kind.startswith("string"):
        return (
            f'expected text but YAML read a boolean ({got}); quote it, e.g. "yes" '
            "(YAML reads yes/no/on/off/true/false unquoted as booleans)"
        )
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    shown = repr(got) in msg or (isinstance(got, float) and f"{got:g}" in msg)
    if got is not None and not isinstance(got, (dict, list)) and not shown:
        msg += f" (got {got!r})"
    return msg[0].lower() + msg[1:] if msg else msg


def problems_from_validation(
    exc: ValidationError, doc: Document, model: type[BaseModel]
) -> list[Problem]:
    """Located problems from a pydantic error, one per place, union noise removed."""
    grouped: dict[tuple[str | int, ...], list[tuple[str | None, Any]]] = {}
    for err in exc.errors():
        path, tag = _strip(doc.data, err["loc"], err["type"])
        grouped.setdefault(tuple(path), []).append((tag, err))

    def value_at(path: tuple[str | int, ...]) -> Any:
        value: Any = doc.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    # A mapping that failed a union's scalar branch and also has errors inside it: the
    # scalar branch is noise (the user clearly meant the mapping form).
    for key in list(grouped):
        if isinstance(value_at(key), (dict, list)) and any(
            len(other) > len(key) and other[: len(key)] == key for other in grouped
        ):
            kept = [(t, e) for t, e in grouped[key] if t is None or _is_model_tag(t)]
            if kept:
                grouped[key] = kept
            else:
                del grouped[key]
    problems: list[Problem] = []
    for key, errs in grouped.items():
        path = list(key)
        tags = {t for t, _ in errs if t is not None}
        chosen = errs
        if len(tags) > 1:
            want_model = isinstance(value_at(key), dict)
            keep = [(t, e) for t, e in errs if t is None or (_is_model_tag(t) == want_model)]
            chosen = keep or errs[:1]
        seen: set[str] = set()
        for _, err in chosen:
            msg = _message(err, model, path)
            if msg not in seen:
                seen.add(msg)
                problems.append(doc.problem(path, msg))
    return problems
