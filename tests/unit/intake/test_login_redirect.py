import pytest

from vertelpunt.intake.web.endpoints import local_path


@pytest.mark.parametrize("target", [
    None, "", "//evil.example.org", "///evil.example.org", "/\\evil.example.org", "\\evil.example.org",
    "http://evil.example.org/vertel", "HTTPS://evil.example.org", "javascript:alert(1)", "vertel",
    "/%2f%2fevil.example.org", "%2F%2Fevil.example.org", "/%5Cevil.example.org", "/%252f%252fevil.example.org",
    "/%25252f%25252fevil.example.org", "/\x00/evil", "/\t/evil.example.org", "/%0d%0aSet-Cookie:x=y",
    "/%25%32%35%32%66%25%32%35%32%66evil",
])
def test_anything_but_a_local_path_falls_back_to_the_home_page(target: str | None) -> None:
    assert local_path(target) == "/"


@pytest.mark.parametrize("target", ["/", "/vertel", "/vertel?assisted=1", "/vertel/abc-DEF_123", "/a%20b"])
def test_local_paths_are_kept(target: str) -> None:
    assert local_path(target) == target
