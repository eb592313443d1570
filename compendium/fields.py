"""Walk the models' fields generically: which model describes the value at a location in a record."""

from __future__ import annotations

from types import UnionType
from typing import Annotated, Union, get_args, get_origin

from pydantic import BaseModel


def models_in(annotation: object) -> list[type[BaseModel]]:
    """The models a field's type may hold: `Source` for `list[Source]`, `Provision` for `Provision | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if get_origin(annotation) in (Annotated,):
        return models_in(get_args(annotation)[0])
    found: list[type[BaseModel]] = []
    if get_origin(annotation) in (list, tuple, Union, UnionType):
        for arg in get_args(annotation):
            found += models_in(arg)
    return found


def keys(model: type[BaseModel]) -> list[str]:
    """The keys a record may use for the model's fields, in the models' order (aliases where they are set)."""
    return [info.alias or name for name, info in model.model_fields.items()]


def field_name(model: type[BaseModel], key: str) -> str | None:
    """The field a key names (by alias or name)."""
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return name
    return None


def model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model describing the mapping at `loc` (list indexes are stepped over), or None past the models."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None:
            return None
        name = field_name(current, part)
        if name is None:
            return None
        found = models_in(current.model_fields[name].annotation)
        current = found[0] if found else None
    return current
