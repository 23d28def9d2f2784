import pytest

from vertelpunt.kit.retry import run_until_stopped


def test_backs_off_exponentially_on_outages_and_resets_after_success() -> None:
    outcomes = iter([ConnectionError, ConnectionError, ConnectionError, None, ConnectionError, None])
    sleeps: list[float] = []
    resets: list[int] = []
    steps = 0

    def step() -> None:
        nonlocal steps
        steps += 1
        outcome = next(outcomes)
        if outcome:
            raise outcome("broker away")

    run_until_stopped(step, lambda: steps >= 6, ConnectionError, "retry", max_backoff=1.5,
                      on_error=lambda: resets.append(1), sleep=sleeps.append)

    assert sleeps == [0.5, 1.0, 1.5, 0.5]
    assert len(resets) == 4


def test_other_errors_are_not_swallowed() -> None:
    def step() -> None:
        raise ValueError("a bug")

    with pytest.raises(ValueError):
        run_until_stopped(step, lambda: False, ConnectionError, "retry", sleep=lambda _: None)
