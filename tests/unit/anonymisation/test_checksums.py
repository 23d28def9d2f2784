import pytest

from vertelpunt.anonymisation.checksums import is_valid_bsn, is_valid_iban


@pytest.mark.parametrize("bsn", ["123456782", "111222333"])
def test_valid_bsns(bsn: str) -> None:
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize("number", ["123456789", "000000000", "12345678", "12345678a"])
def test_invalid_bsns(number: str) -> None:
    assert not is_valid_bsn(number)


def test_iban_mod97() -> None:
    assert is_valid_iban("NL91 ABNA 0417 1643 00")
    assert is_valid_iban("DE89370400440532013000")
    assert not is_valid_iban("NL91 ABNA 0417 1643 01")
    assert not is_valid_iban("NL91")
