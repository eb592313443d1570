"""Values that show a record's shape, not a fact: the record templates' placeholders, example domains, to-do marks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

# The placeholder values written in docs/contribute/*.yml (compared without case), and the usual stand-ins.
TEMPLATE_VALUES = frozenset(v.casefold() for v in (
    "City", "Title of the page or document as published", "Status page or text as published",
    "official postal address", "optional", "optional text", "optional official number", "optional practical notes",
    "optional remark, e.g. a disagreement between sources", "optional, in your words", "short phrases",
    "what it can be used for", "why, citing the words of the provision", "The definition in plain words, your own.",
    "which offences it covers and on what conditions, in your words", "in your own words", "YYYY-MM-DD",
    "unit@agency.go.th", "https://agency.go.th/", "n/a", "none", "tbc", "tbd", "todo", "...", "…",
))
_MARKS = re.compile(r"\b(?:TODO|TBD|TBC|FIXME|XXX)\b|lorem ipsum|\bin your (?:own )?words\b|\byour own\b", re.IGNORECASE)
# RFC 2606 reserves these names for examples: no real institution or source lives there.
_EXAMPLE_HOST = re.compile(r"(?:^|\.)example(?:\.(?:org|com|net|gov|edu))?$|\.example$|\.invalid$", re.IGNORECASE)
_ZEROS = re.compile(r"^\+?[0\s().-]+$")  # a telephone number with no digit but 0, like the template's


def reason(value: str) -> str | None:
    """Why `value` is a placeholder, or None when it may be a fact."""
    text = value.strip()
    if text.casefold() in TEMPLATE_VALUES:
        return "a placeholder from the record template"
    if mark := _MARKS.search(text):
        return f"a placeholder mark ({mark.group(0)!r})"
    if _ZEROS.match(text) and text.count("0") >= 4:  # "0" alone may be a number, "000 0000" is no telephone
        return "a placeholder telephone number"
    host = text.rsplit("@", 1)[1] if re.fullmatch(r"[^@\s/]+@[^@\s/]+", text) else None
    if text.startswith(("http://", "https://")):
        parts = urlsplit(text)
        host = parts.hostname or ""
        if host in ("", "...") or "..." in parts.path.split("/") or host.endswith("..."):
            return "a link left unfinished ('...')"
    if host is not None and _EXAMPLE_HOST.search(host):
        return f"an example domain ({host}), reserved for documentation"
    return None


def find(value: object, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Every placeholder in a record's dump, as (location, value, reason), in document order."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from find(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from find(item, (*loc, index))
    elif isinstance(value, str) and (why := reason(value)):
        yield loc, value, why
