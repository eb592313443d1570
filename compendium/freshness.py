"""Sections not re-checked against their sources for a while: listed for editors by `compendium coverage`."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from .dataset import Dataset
from .models import Section
from .vocabulary import PROFILE_SECTIONS

DEFAULT_MONTHS = 12
_TITLES = {name: title for name, title, _ in PROFILE_SECTIONS}


@dataclass(frozen=True)
class StaleSection:
    record: str  # the state's or the treaty's name
    section: str
    file: str
    last_verified: dt.date | None


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the 31st becomes the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def stale(ds: Dataset, today: dt.date, months: int = DEFAULT_MONTHS) -> Iterator[StaleSection]:
    """Every sourced section (of a state or a treaty) last checked before the threshold, oldest first per record."""
    cutoff = months_before(today, months)
    for country in ds.countries.values():
        for name in type(country).model_fields:
            section = getattr(country, name)
            if isinstance(section, Section) and _is_stale(section, cutoff):
                yield StaleSection(country.name, _TITLES.get(name, name), f"data/countries/{country.id.lower()}.yml",
                                   section.last_verified)
    for treaty in ds.treaties.values():
        if _is_stale(treaty, cutoff):
            yield StaleSection(treaty.short_name, "treaty record", f"data/treaties/{treaty.id}.yml", treaty.last_verified)


def _is_stale(section: Section, cutoff: dt.date) -> bool:
    return section.status != "unknown" and (section.last_verified is None or section.last_verified < cutoff)


def as_text(sections: list[StaleSection], months: int) -> str:
    if not sections:
        return f"No sourced section is older than {months} months."
    lines = [f"Sections not re-checked for over {months} months ({len(sections)}):"]
    lines += [f"  {s.file}: {s.record} › {s.section}, last checked {s.last_verified or 'never'}" for s in sections]
    return "\n".join(lines)
