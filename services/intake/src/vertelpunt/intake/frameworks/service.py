"""The framework in force for this municipality: the sector core plus the municipality's own questions."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from sqlalchemy.orm import Session

from vertelpunt.intake.frameworks.models import Framework, Question
from vertelpunt.intake.frameworks.repository import FrameworkExtensionRepository
from vertelpunt.kit.problem import Problem


@cache
def core_framework() -> Framework:
    text = resources.files("vertelpunt.intake.frameworks").joinpath("core_framework.json").read_text("utf-8")
    return Framework.model_validate(json.loads(text))


def extend(core: Framework, tenant: str, version: int, questions: tuple[Question, ...]) -> Framework:
    """Municipality questions are added after the core; core ids can never be changed or removed."""
    clashes = {q.id for q in questions} & {q.id for q in core.questions}
    if clashes:
        raise Problem(409, "kern-vraag", "Een vraag uit het kernkader kun je niet veranderen of verwijderen.",
                      f"Deze vraag-id's bestaan al in het kernkader: {', '.join(sorted(clashes))}")
    if not questions:
        return core
    return core.model_copy(update={
        "version": f"{core.version}+{tenant}.{version}",
        "questions": (*core.questions, *questions),
    })


# (database, tenant, extension version) -> the extended framework; published versions are immutable.
_EXTENDED: dict[tuple[str, str, int], Framework] = {}


class FrameworkService:
    def __init__(self, session: Session, tenant: str) -> None:
        self.tenant = tenant
        self.database = str(session.get_bind().url)
        self.extensions = FrameworkExtensionRepository(session, tenant)

    def current(self) -> Framework:
        # Every story asks for the framework in force: one indexed lookup of the latest version number; the
        # framework of a version never changes, so it is built once per process (_extended).
        latest = self.extensions.latest_version()
        if latest is None:
            return core_framework()
        return self._extended(latest)

    def by_version(self, version: str) -> Framework | None:
        core = core_framework()
        if version == core.version:
            return core
        prefix = f"{core.version}+{self.tenant}."
        if not version.startswith(prefix) or not version[len(prefix):].isdigit():
            return None
        return self._extended(int(version[len(prefix):]))

    def _extended(self, version: int) -> Framework | None:
        key = (self.database, self.tenant, version)
        framework = _EXTENDED.get(key)
        if framework is None:
            stored = self.extensions.get(version)
            if stored is None:
                return None
            framework = _EXTENDED.setdefault(key, extend(core_framework(), self.tenant, version, stored.questions()))
        return framework

    def publish_extension(self, questions: tuple[Question, ...]) -> Framework:
        version = (self.extensions.latest_version() or 0) + 1
        framework = extend(core_framework(), self.tenant, version, questions)  # validates before storing
        self.extensions.add(version, questions)
        return framework
