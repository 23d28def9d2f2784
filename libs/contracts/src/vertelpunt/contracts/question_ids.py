"""Question ids as the sector sees them (docs/federation.md, "Framework definitions").

Core questions keep their id ("verschil"). A municipality's own question travels namespaced with the
municipality's lower-case CBS code ("gm0193.wachttijd"), in its stories' answers and in its framework
definitions alike: two municipalities may use the same local id for different questions, and the sector must
never count them together. Inside the municipality (its intake, API and database) the local id stays as it is.
"""

from __future__ import annotations

import re

LOCAL_ID = r"[a-z0-9][a-z0-9+\-]{0,62}"
# A core id, or a namespaced one. Also the form every question argument of the gateway must have.
QUESTION_ID = re.compile(rf"^(?:gm\d{{4}}\.)?{LOCAL_ID}$")
PART_ID = re.compile(rf"^{LOCAL_ID}$")  # options, triad corners, slider poles: unique within their question
_NAMESPACE = re.compile(r"^(gm\d{4})\.")


def namespaced(tenant: str, local_id: str) -> str:
    """The sector id of a municipality's own question: `namespaced("GM0193", "wachttijd")` is "gm0193.wachttijd"."""
    if not re.match(r"^GM\d{4}$", tenant) or not re.match(rf"^{LOCAL_ID}$", local_id):
        raise ValueError(f"cannot namespace {local_id!r} for {tenant!r}")
    return f"{tenant.lower()}.{local_id}"


def owner(question_id: str) -> str | None:
    """The CBS code of the municipality a question belongs to; None for a core question."""
    found = _NAMESPACE.match(question_id)
    return found.group(1).upper() if found else None
