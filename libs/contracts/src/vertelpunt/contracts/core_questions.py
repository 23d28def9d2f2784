"""The questions of the sector core framework that the sector's analyses are built on, by their role.

The core framework (services/intake/.../frameworks/core_framework.json) is shared by every municipality, and its
ids never change; `tests/unit/contracts/test_core_questions.py` fails when these names drift from it.
"""

from __future__ import annotations

# Category "situation": what the story is about (multiple choice).
SITUATION = "situatie"
# Category "intervention": what was tried (multiple choice).
INTERVENTION = "interventie"
# Category "outcome": did it help? The option that counts as a positive outcome in "what works".
HELPED = "uitkomst-hielp"
HELPED_POSITIVE = "ja"

# Every question id of the core framework: the only ids that travel without a municipality's namespace
# (contracts/question_ids.py).
CORE_QUESTION_IDS = frozenset({
    "situatie", "interventie", "uitkomst-verandering", "uitkomst-hielp", "uitkomst-gevoel", "verschil", "houvast",
    "ruimte", "regie", "tempo", "rol", "ervaring", "leeftijd", "team",
})
