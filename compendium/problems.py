"""One format for every problem found in the data: `path:line:col: error: field: message [rule]`."""

from __future__ import annotations

from dataclasses import dataclass


MAX_MESSAGE = 400


@dataclass(frozen=True, order=True)
class Problem:
    """A problem in one data file, pinned to a line and column (1-based)."""

    path: str
    line: int
    column: int
    field: str
    message: str
    rule: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        # a value quoted in a message may be anything an editor (or an attacker) typed: keep the line readable
        message = self.message if len(self.message) <= MAX_MESSAGE else self.message[: MAX_MESSAGE - 1] + "…"
        text = f"{where}: error: {self.field or '(record)'}: {message} [{self.rule}]"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class DataError(Exception):
    """Raised once, after every problem has been collected."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        count = len(self.problems)
        lines.append(f"{count} error{'s' if count != 1 else ''} found; nothing was built.")
        return "\n".join(lines)


MAX_KEY = 60  # a field name longer than this is garbage or an attack: shown cut, so an error stays one readable line


def _key(part: str) -> str:
    return part if len(part) <= MAX_KEY else part[: MAX_KEY - 1] + "…"


def field_path(loc: tuple[str | int, ...]) -> str:
    """Render a location tuple as `authorities.authorities[1].email`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{_key(part)}" if out else _key(str(part))
    return out
