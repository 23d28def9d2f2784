"""The sector core framework every municipality starts from (shipped with the intake; ids never change)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from vertelpunt.intake.frameworks.models import Framework


@cache
def core_framework() -> Framework:
    text = resources.files("vertelpunt.intake.frameworks").joinpath("core_framework.json").read_text("utf-8")
    return Framework.model_validate(json.loads(text))


@cache
def core_question_ids() -> frozenset[str]:
    return frozenset(q.id for q in core_framework().questions)
