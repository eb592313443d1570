"""'Did you mean …?' hints for misspelt keys, words outside a vocabulary and state codes."""

from __future__ import annotations

import difflib
import re
from typing import Any

import pycountry
from pydantic import BaseModel

from .fields import keys, model_at


def _closest(word: str, choices: list[str]) -> str | None:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not found:  # 'Mla_Central_Authority', 'DIRECT': the spelling is right, the case is not
        found = [c for c in choices if c.casefold() == word.casefold()]
    return found[0] if found else None


def country_code(value: str) -> str | None:
    """The ISO alpha-2 code an editor probably meant: from lower case, an alpha-3 code or a country's name."""
    try:
        return pycountry.countries.lookup(value.strip()).alpha_2
    except LookupError:
        names = {c.name: c.alpha_2 for c in pycountry.countries}
        names |= {c.common_name: c.alpha_2 for c in pycountry.countries if hasattr(c, "common_name")}
        name = _closest(value, list(names))
        return names[name] if name else None


def hint(model: type[BaseModel], error: dict[str, Any], loc: tuple[str | int, ...]) -> str | None:
    """A hint for one pydantic error at `loc` of a record validated against `model`, or None."""
    kind, got = error["type"], error.get("input")
    suggestion: str | None = None
    if kind == "extra_forbidden" and loc and isinstance(loc[-1], str):
        parent = model_at(model, loc[:-1])
        suggestion = _closest(loc[-1], keys(parent)) if parent else None
    elif kind == "literal_error" and isinstance(got, str):
        suggestion = _closest(got, re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", "")))
    elif kind == "value_error" and isinstance(got, str) and "ISO 3166-1" in error.get("msg", ""):
        suggestion = country_code(got)
    elif kind == "value_error" and isinstance(got, str) and "lower-case words joined by hyphens" in error.get("msg", ""):
        suggestion = re.sub(r"[^a-z0-9]+", "-", got.lower()).strip("-") or None
    return f"did you mean `{suggestion}`?" if suggestion and suggestion != got else None
