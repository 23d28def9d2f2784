"""The sector policy for question ids and framework definitions (FrameworkPublished). Pure: no I/O.

Question ids: a core id travels as it is, a municipality's own question only under that municipality's
namespace (contracts/question_ids.py). An id in another municipality's namespace, or an unknown id without one,
is quarantined: otherwise two municipalities' questions could be counted as one.

Definitions: the shape the gateway relies on (a known type, a Dutch label, three corners for a triad, two poles
for a slider, two or more options for a choice, unique ids). Reasons name ids that passed the id pattern, never
other content. The labels' free text is checked for identifiers by the policy, like story text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from vertelpunt.contracts.core_questions import CORE_QUESTION_IDS
from vertelpunt.contracts.framework_document import LOCALE, QUESTION_TYPES
from vertelpunt.contracts.question_ids import PART_ID, QUESTION_ID, owner
from vertelpunt.contracts.v1 import events_pb2 as pb

FRAMEWORK_ID = re.compile(r"^[a-z0-9][a-z0-9\-]{0,62}$")
VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+\-]{0,63}$")
MAX_QUESTIONS = 200
MAX_TEXT = 1000
# How many parts each question type needs: (smallest, largest).
PARTS = {pb.QUESTION_TYPE_TRIAD: ("corners", 3, 3), pb.QUESTION_TYPE_DYAD: ("poles", 2, 2),
         pb.QUESTION_TYPE_SINGLE_CHOICE: ("options", 2, 100), pb.QUESTION_TYPE_MULTIPLE_CHOICE: ("options", 2, 100)}


def question_id_problem(question_id: str, tenant: str) -> str | None:
    """Why this question id may not enter the sector from this municipality; None when it may."""
    if not QUESTION_ID.match(question_id):
        return "schema: an answer or question without a valid question id"
    belongs_to = owner(question_id)
    if belongs_to is None and question_id not in CORE_QUESTION_IDS:
        return (f"namespace: question {question_id} is no core question and lacks the municipality's namespace "
                f"({tenant.lower()}.<id>)")
    if belongs_to is not None and belongs_to != tenant:
        return f"namespace: question {question_id} belongs to another municipality"
    return None


def first_problem(problems: Iterable[str | None]) -> str | None:
    return next((p for p in problems if p), None)


def _labels_problem(where: str, *labels: dict[str, str]) -> str | None:
    if not labels[0].get(LOCALE, "").strip():
        return f"schema: {where} has no Dutch label"
    for label in labels:
        if any(locale != LOCALE for locale in label):  # the identifier check reads Dutch; English words look like names
            return f"schema: {where} has a label in another language than Dutch"
        if any(len(text) > MAX_TEXT for text in label.values()):
            return f"schema: {where} has a label longer than {MAX_TEXT} characters"
    return None


def _parts_problem(question: pb.FrameworkQuestion) -> str | None:
    wanted, least, most = PARTS[question.type]
    given: dict[str, Sequence[pb.FrameworkOption]] = {
        "options": question.options, "corners": question.corners, "poles": question.poles}
    if not least <= len(given[wanted]) <= most or any(given[k] for k in given if k != wanted):
        return f"schema: question {question.id} needs {least}-{most} {wanted} and nothing else"
    ids = [part.id for part in given[wanted]]
    if any(not PART_ID.match(i) for i in ids) or len(set(ids)) != len(ids):
        return f"schema: question {question.id} has invalid or duplicate {wanted} ids"
    return first_problem(_labels_problem(f"question {question.id} {wanted[:-1]} {part.id}", dict(part.label),
                                         dict(part.client_label)) for part in given[wanted])


def _question_problem(question: pb.FrameworkQuestion, tenant: str) -> str | None:
    problem = question_id_problem(question.id, tenant)
    if problem:
        return problem
    if question.type not in QUESTION_TYPES:
        return f"schema: question {question.id} has no known type"
    return (_labels_problem(f"question {question.id}", dict(question.label), dict(question.client_label))
            or _parts_problem(question))


def framework_problem(framework: pb.FrameworkPublished, tenant: str) -> str | None:
    """Why this definition cannot enter the sector's registry; None when its shape is sound."""
    if not FRAMEWORK_ID.match(framework.framework_id) or not VERSION.match(framework.version):
        return "schema: framework without a valid id or version"
    _, _, extension = framework.version.partition("+")
    if extension and not extension.startswith(f"{tenant}."):
        return "schema: framework version of another municipality"
    if not 1 <= len(framework.questions) <= MAX_QUESTIONS:
        return f"schema: framework needs 1 to {MAX_QUESTIONS} questions"
    ids = [q.id for q in framework.questions]
    if len(set(ids)) != len(ids):
        return "schema: framework with duplicate question ids"
    return _labels_problem("framework title", dict(framework.title)) or first_problem(
        _question_problem(q, tenant) for q in framework.questions)
