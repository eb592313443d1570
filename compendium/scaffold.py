"""A new state's record: every section present and `unknown`, valid as it stands, in the canonical layout."""

from __future__ import annotations

import io

import pycountry
from ruamel.yaml import YAML

from .fields import field_name, models_in
from .fmt import format_text, key_order
from .models import Country, Section

ASEAN_MEMBERS = frozenset({"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"})


def country(code: str) -> str:
    """The YAML text of a new record for the state with ISO code `code` (capitals)."""
    entry = pycountry.countries.get(alpha_2=code)
    if entry is None:
        raise ValueError(f"expected an ISO 3166-1 alpha-2 code in capitals (e.g. TH), got {code!r}")
    known = {"id": code, "name": getattr(entry, "common_name", None) or entry.name,
             "region": "asean" if code in ASEAN_MEMBERS else "partner"}
    record: dict[str, object] = {}
    for key in key_order(Country):
        info = Country.model_fields[field_name(Country, key) or key]
        models = models_in(info.annotation)
        if models and issubclass(models[0], Section):
            record[key] = {"status": "unknown"}  # nothing sourced yet: the site says 'not yet verified'
        elif key in known:
            record[key] = known[key]
    out = io.StringIO()
    YAML().dump(record, out)
    header = (f"# {record['name']}: new record. Each section stays `status: unknown` until sourced; see\n"
              "# docs/contribute/country-template.yml for every field and CONTRIBUTING.md for the review steps.\n")
    return format_text(header + out.getvalue(), Country)
