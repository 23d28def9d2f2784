"""Trends: the measure form (views/measures.py) without servers: every problem at once, in Dutch, per field; who
is offered "change"; the audit trail in words."""

from __future__ import annotations

import pytest

from vertelpunt.gateway.workbench.views.measures import (
    CONFIRM,
    LABEL,
    ON,
    audit_text,
    check,
    may_change,
    stale_text,
)

pytestmark = pytest.mark.unit


def test_a_good_form_has_no_errors_and_is_trimmed() -> None:
    form = check("  Inloop in de bieb ", " 2026-10-05 ")
    assert (form.label, form.on, form.errors) == ("Inloop in de bieb", "2026-10-05", {})


@pytest.mark.parametrize(("label", "on", "errors"), [
    ("", "", {LABEL: "Vul de naam van de maatregel in.", ON: "Vul de startdatum in."}),
    ("a", "2026-02-30", {LABEL: "De naam moet tussen 2 en 200 tekens lang zijn.",
                         ON: "Vul een echte datum in, bijvoorbeeld 14-09-2026."}),
    ("z" * 201, "2026-01-01", {LABEL: "De naam moet tussen 2 en 200 tekens lang zijn."}),
    ("Goed", "1999-12-31", {ON: "Kies een datum tussen het jaar 2000 en 2100."}),
    ("Goed", "<script>", {ON: "Vul een echte datum in, bijvoorbeeld 14-09-2026."}),
])
def test_every_problem_is_named_at_once_per_field(label: str, on: str, errors: dict[str, str]) -> None:
    assert check(label, on).errors == errors


def test_an_error_without_a_field_is_added_to_the_summary() -> None:
    form = check("Goed", "2026-01-01").with_error(CONFIRM, "Vink aan.")
    assert form.errors == {CONFIRM: "Vink aan."} and form.label == "Goed"


@pytest.mark.parametrize(("roles", "tenant", "municipality", "allowed"), [
    ({"sector-analyst"}, None, None, True),
    ({"sector-analyst"}, None, "GM0193", False),
    ({"tenant-analyst"}, "GM0193", "GM0193", True),
    ({"tenant-admin"}, "GM0193", "GM0193", True),
    ({"tenant-analyst"}, "GM0150", "GM0193", False),
    ({"tenant-analyst"}, "GM0193", None, False),
    ({"storyteller"}, "GM0193", "GM0193", False),
])
def test_change_is_offered_to_the_role_that_may(roles: set[str], tenant: str | None, municipality: str | None,
                                                allowed: bool) -> None:
    assert may_change(frozenset(roles), tenant, municipality) is allowed


def test_the_audit_trail_in_words() -> None:
    assert audit_text({"createdBy": "analist.deventer", "createdAt": "2026-09-03T10:15:00+00:00",
                       "changedBy": "beheer.deventer", "changedAt": "2026-09-15T08:00:00+00:00"}) == (
        "Toegevoegd door analist.deventer op 3-9-2026. Laatst gewijzigd door beheer.deventer op 15-9-2026.")
    assert audit_text(None) == "" and audit_text({"createdBy": None, "changedBy": None}) == ""


def test_the_form_keeps_the_version_it_was_opened_at_also_with_errors() -> None:
    form = check("", "2026-13-01", " 1-42 ").with_error(CONFIRM, "Vink aan.")
    assert form.version == "1-42" and set(form.errors) == {LABEL, ON, CONFIRM}


def test_a_change_made_meanwhile_is_explained_with_the_measure_as_it_is_now() -> None:
    now = {"label": "Huiswerkbegeleiding in de wijk", "on": "2026-11-02"}
    assert stale_text(now) == (
        'Iemand anders heeft deze maatregel intussen gewijzigd. Nu heet hij "Huiswerkbegeleiding in de wijk" met '
        "startdatum 2-11-2026. Wat jij invulde staat nog in het formulier. Bekijk de nieuwe versie en sla opnieuw op.")
    assert "Hij is niet verwijderd." in stale_text(now, removing=True)
