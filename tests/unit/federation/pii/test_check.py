import pytest

from vertelpunt.federation.pii import Finding, describe, find_identifiers


@pytest.mark.unit
def test_findings_name_the_kind_and_the_field_never_the_value() -> None:
    findings = find_identifiers([("title", "Nazorg Bogdan Wiśniewski"), ("text", "Bel 0612 345 670 of 06-31907754."),
                                 ("campaign_label", "Voorjaar 2026")])

    assert findings == [Finding("text", "phone"), Finding("title", "person")]
    reason = describe(findings)
    assert reason == "phone in text; person in title"
    assert "Wiśniewski" not in reason and "0631907754" not in reason


@pytest.mark.unit
def test_empty_and_clean_fields_give_no_findings() -> None:
    assert find_identifiers([("title", ""), ("text", "Budgetcoaching hielp: er kwam rust.")]) == []
