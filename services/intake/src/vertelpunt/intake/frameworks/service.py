"""The framework in force for this municipality: the sector core plus the municipality's own questions."""

from __future__ import annotations

import time
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vertelpunt.anonymisation import AnonymiserConfig
from vertelpunt.intake.database import Database
from vertelpunt.intake.frameworks import events
from vertelpunt.intake.frameworks.core import core_framework
from vertelpunt.intake.frameworks.labels import LabelFinding, identifiers_in_labels
from vertelpunt.intake.frameworks.models import Framework, Question
from vertelpunt.intake.frameworks.repository import FrameworkExtensionRepository
from vertelpunt.intake.outbox.repository import OutboxRepository
from vertelpunt.intake.text import catalogue
from vertelpunt.kit.db import make_engine
from vertelpunt.kit.i18n import DEFAULT_LOCALE
from vertelpunt.kit.logging import get_logger
from vertelpunt.kit.problem import Problem

log = get_logger(__name__)


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


def _kinds(finding: LabelFinding, locale: str) -> str:
    """"een naam en een telefoonnummer": what was seen, in words, never the text itself."""
    words = [catalogue.text(f"framework.labels.kind.{kind.value}", locale) for kind in finding.types]
    joined = ", ".join(words[:-1])
    return f"{joined} {catalogue.text('framework.labels.and', locale)} {words[-1]}" if joined else words[-1]


def identifying_labels(findings: Sequence[LabelFinding], locale: str = DEFAULT_LOCALE) -> Problem:
    """400 naming each label that looks like it names someone by its JSON pointer, in Dutch (or English when
    asked for): the sector would quarantine the whole definition, so it is refused here, before anything is
    stored. 400, not 422: refused input is a 400 under the Dutch API Design Rules (/core/error-handling/
    invalid-input, scripts/api-lint)."""
    return Problem(400, "persoonsgegevens-in-vragen", catalogue.text("framework.labels.title", locale),
                   catalogue.text("framework.labels.detail", locale, count=len(findings)),
                   invalidParams=[{"name": f.pointer, "pointer": f.pointer, "code": "persoonsgegeven",
                                   "types": [kind.value for kind in f.types],
                                   "reason": catalogue.text("framework.labels.reason", locale,
                                                            kinds=_kinds(f, locale))} for f in findings])


# (database, tenant, extension version) -> the extended framework; published versions are immutable.
_EXTENDED: dict[tuple[str, str, int], Framework] = {}
# (database, tenant) -> (latest extension version, monotonic time it was read), for current(max_age=...).
_LATEST: dict[tuple[str, str], tuple[int | None, float]] = {}
# How long telling a story may rely on the version number it read last: other workers see a newly published
# version within this time; a story answering its new questions sooner is checked again against the database.
RECENT_SECONDS = 2.0


class FrameworkService:
    def __init__(self, session: Session, tenant: str) -> None:
        self.tenant = tenant
        self.database = str(session.get_bind().url)
        self.extensions = FrameworkExtensionRepository(session, tenant)
        self.outbox = OutboxRepository(session)

    def current(self, max_age: float = 0.0) -> Framework:
        """The framework in force. The framework of a version never changes, so it is built once per process
        (_extended); with max_age the latest version number read in the last max_age seconds is reused, which
        saves the hot path (telling a story) a database round trip."""
        latest = self._latest_version(max_age)
        if latest is None:
            return core_framework()
        return self._extended(latest)

    def _latest_version(self, max_age: float) -> int | None:
        key, now = (self.database, self.tenant), time.monotonic()
        remembered = _LATEST.get(key)
        if remembered is not None and now - remembered[1] <= max_age:
            return remembered[0]
        latest = self.extensions.latest_version()
        _LATEST[key] = (latest, now)
        return latest

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

    def publish_extension(self, questions: tuple[Question, ...], anonymiser: AnonymiserConfig,
                          locale: str = DEFAULT_LOCALE) -> Framework:
        """A new version with these questions added to the core, announced to the sector in the same transaction.
        Its labels are checked with the municipality's anonymiser first: nothing is stored when one looks like
        it names someone."""
        findings = identifiers_in_labels(questions, anonymiser)
        if findings:
            raise identifying_labels(findings, locale)
        version = (self.extensions.latest_version() or 0) + 1
        framework = extend(core_framework(), self.tenant, version, questions)  # validates before storing
        self.extensions.add(version, questions)
        _LATEST.pop((self.database, self.tenant), None)
        self._announce(framework)  # the version is current now: the sector learns its definitions
        return framework

    def announce_all(self) -> int:
        """Tell the sector every framework version this municipality uses (the core, and each extension its
        stories may have answered), unless the outbox already holds that event; returns how many were added.
        Runs when the service starts and at onboarding, so a municipality is never without definitions."""
        versions = [core_framework(), *(self._extended(v) for v in self.extensions.versions())]
        return sum(self._announce(f) for f in versions if f is not None)

    def _announce(self, framework: Framework) -> bool:
        envelope = events.framework_published(self.tenant, framework)
        if self.outbox.has(envelope.event_id):
            return False
        self.outbox.add(envelope, events.definition_key(envelope))
        return True


def announce_frameworks(database_url: str, tenant: str) -> int:
    """`FrameworkService.announce_all` in a transaction of its own (service start, onboarding)."""
    engine = make_engine(database_url)
    try:
        with Database(engine).unit_of_work() as session:
            added = FrameworkService(session, tenant).announce_all()
    except IntegrityError:  # another replica starting at the same moment wrote the same event ids first
        log.info("frameworks_already_announced", tenant=tenant)
        return 0
    finally:
        engine.dispose()
    log.info("frameworks_announced", tenant=tenant, events=added)
    return added
