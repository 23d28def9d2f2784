from pathlib import Path

from scripts.generate_contracts import OUT, generate


def test_generated_code_matches_the_proto_files(tmp_path: Path) -> None:
    """Regenerate with `python scripts/generate_contracts.py` after changing proto/."""
    generate(tmp_path)
    fresh = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*_pb2.py*"))

    assert fresh
    for relative in fresh:
        assert (OUT / relative).read_text() == (tmp_path / relative).read_text(), relative
