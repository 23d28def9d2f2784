"""The anonymiser stays linear in its input: no pattern can backtrack, and the token scans look a bounded
distance around each token. Checked by structure and by counting steps, never by a clock."""

import importlib
import pkgutil
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import vertelpunt.anonymisation as package
from vertelpunt.anonymisation import AnonymiserConfig, UnsupportedPattern, anonymise
from vertelpunt.anonymisation.adversarial import ADVERSARIAL
from vertelpunt.anonymisation.names import Scan
from vertelpunt.anonymisation.patterns import STRUCTURED_PATTERNS

try:  # Python 3.11 ships the parser as sre_parse; later versions as re._parser
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

MAXREPEAT = sre_parse.MAXREPEAT
REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT}


def module_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every compiled Python regular expression at module level in vertelpunt.anonymisation."""
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                yield f"{info.name}.{name}", value


def repeats(parsed: Any, depth: int = 0) -> Iterator[tuple[int, int, int]]:
    """(depth, min, max) of every repetition in a parsed pattern; depth counts enclosing variable repeats."""
    for op, argument in parsed:
        if op in REPEATS:
            low, high, body = argument
            yield depth, low, high
            yield from repeats(body, depth + (1 if high > 1 else 0))
        elif op is sre_parse.SUBPATTERN:
            yield from repeats(argument[-1], depth)
        elif op is sre_parse.BRANCH:
            for branch in argument[1]:
                yield from repeats(branch, depth)
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            yield from repeats(argument[1], depth)


def test_structured_recognisers_run_on_re2() -> None:
    assert STRUCTURED_PATTERNS
    assert all(type(p).__module__.startswith("re2") for p in STRUCTURED_PATTERNS.values())


def test_python_patterns_are_bounded_and_not_nested() -> None:
    patterns = dict(module_patterns())
    assert "tokens.TOKEN_GROUPS" in patterns and "names.HOUSE_NUMBER" in patterns
    for name, pattern in patterns.items():
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        found = list(repeats(parsed))
        # One repetition of one character class as the whole pattern ("[^\W\d_]+") fails at once where it fails.
        single_class_run = len(parsed) == 1 and parsed[0][0] in REPEATS and len(parsed[0][1][2]) == 1
        unbounded = [r for r in found if r[2] == MAXREPEAT and not single_class_run]
        nested = [r for r in found if r[0] > 0 and r[2] > 1]
        assert not unbounded, f"{name} repeats without bound: {pattern.pattern}"
        assert not nested, f"{name} nests repetitions: {pattern.pattern}"


def test_a_municipality_pattern_that_could_backtrack_is_refused() -> None:
    with pytest.raises(UnsupportedPattern, match="look-around"):
        AnonymiserConfig(case_number_patterns=(r"(?<=dossier )\d{6}",))
    assert AnonymiserConfig(case_number_patterns=(r"\bGM\d{6}\b",)).case_number_patterns


class StepCounter:
    """Counts calls of the scan's per-token methods: the work the recognisers do."""

    METHODS = ("_seed", "_part", "_particles_then", "joined", "cap_part", "lower_part", "initial",
               "_street_at", "_street_head_at", "_street_name_word", "previous_key")

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: Counter[str] = Counter()
        for method in self.METHODS:
            original = getattr(Scan, method)
            monkeypatch.setattr(Scan, method, self._counted(method, original))

    def _counted(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            return original(*args, **kwargs)
        return wrapper

    def steps(self, text: str) -> int:
        self.calls.clear()
        anonymise(text)
        return sum(self.calls.values())


@pytest.mark.parametrize("kind", sorted(ADVERSARIAL))
def test_steps_grow_linearly_on_adversarial_input(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = StepCounter(monkeypatch)
    small, large = ADVERSARIAL[kind](10_000), ADVERSARIAL[kind](40_000)

    small_steps, large_steps = counter.steps(small), counter.steps(large)

    assert large_steps <= 4.5 * small_steps + 100, (small_steps, large_steps)
    assert large_steps <= 60 * len(large)
