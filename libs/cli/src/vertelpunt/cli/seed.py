"""A synthetic corpus of signified stories with planted patterns an analyst can discover.

Planted patterns (documented in README and used by tests as ground truth):
1. Budget coaching helps in debt situations in Zwolle (about 75% "ja"), much less in Almere (about 30%);
   Deventer lies in between (about 55%).
2. A measure "Meer ruimte voor maatwerk" from MEASURE_WEEK on shifts the triad "verschil" from the rules corner
   towards the professional's approach, and the slider "ruimte" towards maatwerk.
3. Language support helps most for clients (role client) in language situations.
Deterministic for a seed; scales from a demo (hundreds) to benchmarks (a million, streamed).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

MUNICIPALITIES = {"GM0193": ("Zwolle", "Overijssel"), "GM0150": ("Deventer", "Overijssel"),
                  "GM0034": ("Almere", "Flevoland")}
BUDGET_HELPS = {"GM0193": 0.75, "GM0150": 0.55, "GM0034": 0.30}
FIRST_WEEK = date(2026, 5, 11)  # a Monday, ISO week 2026-W20
WEEKS = 28
MEASURE_WEEK = date(2026, 8, 31)  # 2026-W36
MEASURE_LABEL = "Meer ruimte voor maatwerk"

SITUATIONS = ["schulden", "inkomen", "werk", "wonen", "gezondheid", "taal", "gezin", "administratie", "netwerk"]
INTERVENTIONS = ["budgetcoaching", "schuldhulp", "bijzondere-bijstand", "doorverwijzing", "keukentafelgesprek",
                 "werkcoaching", "taalondersteuning", "maatwerk", "netwerkberaad", "vrijwilliger", "uitleg"]
SENTENCES = {
    "schulden": ["De klant had schulden bij de energieleverancier en de zorgverzekeraar.",
                 "Er lagen ongeopende brieven met aanmaningen en een deurwaarder stond op de stoep."],
    "inkomen": ["De uitkering was stopgezet omdat een formulier te laat was.",
                "Het inkomen schommelde elke maand door flexwerk."],
    "werk": ["Hij wilde graag werken maar kreeg geen reactie op sollicitaties.",
             "Na lange tijd thuis zitten was de stap naar werk groot."],
    "wonen": ["Er dreigde een huisuitzetting door huurachterstand.", "Het huis was te klein voor het gezin."],
    "gezondheid": ["Door rugklachten lukte fulltime werken niet meer.", "Stress hield haar 's nachts wakker."],
    "taal": ["De brieven van de gemeente waren in moeilijk Nederlands.", "Ze sprak nog weinig Nederlands."],
    "gezin": ["De zorg voor drie jonge kinderen kostte alle energie.", "Na de scheiding moest alles opnieuw."],
    "administratie": ["De administratie was een chaos van papieren en digitale post.",
                      "Hij begreep niet welke toeslagen hij moest aanvragen."],
    "netwerk": ["Ze had niemand om op terug te vallen.", "Hij voelde zich eenzaam sinds zijn verhuizing."],
}
ACTIONS = {
    "budgetcoaching": "Met budgetcoaching maakten we samen een overzicht van inkomsten en uitgaven.",
    "schuldhulp": "We meldden de klant aan bij de schuldhulpverlening.",
    "bijzondere-bijstand": "Met bijzondere bijstand konden de eerste kosten betaald worden.",
    "doorverwijzing": "We verwezen door naar het wijkteam.",
    "keukentafelgesprek": "Bij een huisbezoek aan de keukentafel kwam het hele verhaal op tafel.",
    "werkcoaching": "Een werkcoach ging mee naar gesprekken met werkgevers.",
    "taalondersteuning": "Een taalmaatje hielp met lezen en schrijven.",
    "maatwerk": "We weken af van de standaardregel omdat die hier niet paste.",
    "netwerkberaad": "We betrokken familie en buren bij een netwerkberaad.",
    "vrijwilliger": "Een vrijwilliger van de thuisadministratie kwam elke week langs.",
    "uitleg": "We legden rustig uit hoe de regels werken.",
}
RESULTS = {"ja": "Het hielp echt: er kwam rust en overzicht.", "deels": "Het hielp een beetje, maar niet genoeg.",
           "nee": "Het hielp helaas niet; de problemen bleven.", "weet-niet": "Het is nog te vroeg om te zeggen."}


@dataclass(frozen=True)
class SeedStory:
    tenant: str
    week: date
    title: str
    text: str
    channel: str
    role: str
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Follow-up stories (generate_threads): the thread they belong to and their number in it; "" and 0 otherwise.
    thread: str = ""
    thread_number: int = 0

    def iso_week(self) -> str:
        year, week, _ = self.week.isocalendar()
        return f"{year}-W{week:02d}"

    def story_create(self, story_key: str | None = None) -> dict[str, Any]:
        """The REST body for an intake service (POST /api/v1/stories); a thread's stories are told face to face
        (assisted), a follow-up with the key its first story gave."""
        body = {"title": self.title, "text": self.text, "channel": self.channel, "answers": self.answers,
                "consentToShare": True,
                "toldAt": datetime(self.week.year, self.week.month, self.week.day, 10, tzinfo=UTC).isoformat()}
        if self.thread:
            body["assisted"] = True
        if story_key:
            body["storyKey"] = story_key
        return body


def _triad(rng: random.Random, centre: tuple[float, float, float], spread: float = 12.0) -> list[float]:
    weights = [rng.gammavariate(max(c * spread, 0.3), 1.0) for c in centre]
    total = sum(weights)
    return [w / total for w in weights]


def generate(count: int, seed: int = 42, tenants: dict[str, tuple[str, str]] | None = None) -> Iterator[SeedStory]:
    rng = random.Random(seed)
    tenants = tenants or MUNICIPALITIES
    codes = sorted(tenants)
    for _ in range(count):
        tenant = rng.choice(codes)
        week = FIRST_WEEK + timedelta(weeks=rng.randrange(WEEKS))
        after_measure = week >= MEASURE_WEEK
        role = rng.choices(["staff", "client", "other"], weights=[6, 3, 1])[0]
        situations = sorted({rng.choice(SITUATIONS)} | ({rng.choice(SITUATIONS)} if rng.random() < 0.3 else set()))
        main = situations[0]
        if "schulden" in situations and rng.random() < 0.6:
            interventions = ["budgetcoaching"]
        elif "taal" in situations and rng.random() < 0.6:
            interventions = ["taalondersteuning"]
        else:
            interventions = [rng.choice(INTERVENTIONS)]
        if rng.random() < 0.25:
            interventions = sorted(set(interventions) | {rng.choice(INTERVENTIONS)})
        p_help = 0.5
        if "budgetcoaching" in interventions and "schulden" in situations:
            p_help = BUDGET_HELPS.get(tenant, 0.5)
        elif "taalondersteuning" in interventions and "taal" in situations:
            p_help = 0.8 if role == "client" else 0.55
        draw = rng.random()
        helped = "ja" if draw < p_help else "deels" if draw < p_help + 0.15 else "nee" if draw < 0.95 else "weet-niet"
        change = {"ja": rng.choice(["beter", "veel-beter"]), "deels": "gelijk",
                  "nee": rng.choice(["gelijk", "slechter"]), "weet-niet": "weet-niet"}[helped]
        centre = (0.3, 0.5, 0.2) if after_measure else (0.25, 0.2, 0.55)
        answers: dict[str, dict[str, Any]] = {
            "situatie": {"choices": situations}, "interventie": {"choices": interventions},
            "uitkomst-verandering": {"choices": [change]}, "uitkomst-hielp": {"choices": [helped]},
            "uitkomst-gevoel": {"choices": [rng.choice(["hoopvol", "opgelucht", "neutraal", "machteloos"])]},
            "verschil": {"triad": _triad(rng, centre)},
            "ruimte": {"dyad": min(1.0, max(0.0, rng.gauss(0.7 if after_measure else 0.35, 0.15)))},
            "regie": {"dyad": min(1.0, max(0.0, rng.gauss(0.5, 0.2)))},
            "rol": {"choices": [role]},
        }
        if rng.random() < 0.15:
            answers["houvast"] = {"notApplicable": True}
        else:
            answers["houvast"] = {"triad": _triad(rng, (0.4, 0.3, 0.3))}
        if role == "staff":
            answers["ervaring"] = {"choices": [rng.choice(["0-2", "3-5", "6-10", "10+"])]}
        text = " ".join([rng.choice(SENTENCES[main]), *(ACTIONS[i] for i in interventions), RESULTS[helped]])
        channel = rng.choices(["web", "phone", "tablet", "assisted", "api"], weights=[5, 3, 1, 2, 1])[0]
        yield SeedStory(tenant, week, f"{main.capitalize()}: {interventions[0]}", text, channel, role, answers)


def generate_threads(count: int, seed: int = 43, tenants: dict[str, tuple[str, str]] | None = None
                     ) -> list[list[SeedStory]]:
    """Clients followed over time: a first story told face to face, then one to three follow-ups three to nine
    weeks apart, in which budget coaching for debts helps more often and the room felt grows (so trajectories
    show in the demo). Independent of `generate`: its random stream, and so its planted patterns, are unchanged."""
    rng = random.Random(seed)
    codes = sorted(tenants or MUNICIPALITIES)
    threads = []
    for index in range(count):
        tenant = codes[index % len(codes)]
        week = FIRST_WEEK + timedelta(weeks=rng.randrange(WEEKS - 12))
        thread = f"demo-thread-{seed}-{index}"
        stories = []
        for number in range(1, 2 + rng.choice([1, 1, 2, 3])):
            p_help = 0.3 if number == 1 else 0.65
            draw = rng.random()
            helped = "ja" if draw < p_help else "deels" if draw < p_help + 0.2 else "nee"
            answers: dict[str, dict[str, Any]] = {
                "situatie": {"choices": ["schulden"]}, "interventie": {"choices": ["budgetcoaching"]},
                "uitkomst-hielp": {"choices": [helped]},
                "uitkomst-verandering": {"choices": [{"ja": "beter", "deels": "gelijk", "nee": "slechter"}[helped]]},
                "ruimte": {"dyad": min(1.0, max(0.0, rng.gauss(0.3 + 0.15 * (number - 1), 0.12)))},
                "rol": {"choices": ["client"]},
            }
            text = " ".join([rng.choice(SENTENCES["schulden"]), ACTIONS["budgetcoaching"], RESULTS[helped]])
            title = "Schulden: eerste gesprek" if number == 1 else f"Schulden: vervolg {number - 1}"
            stories.append(SeedStory(tenant, week, title, text, "assisted", "client", answers, thread, number))
            week += timedelta(weeks=rng.randint(3, 9))
        threads.append(stories)
    return threads


# The key the federation would hold for each seeded municipality: keyed story and thread ids as in the sector.
SEED_SECRET = b"vertelpunt-seeded-municipality-key"


@lru_cache(maxsize=1 << 16)
def _anonymised(title: str, text: str) -> tuple[str, str, str]:
    """(title, text, entities) as the intake anonymises them; the corpus repeats its sentences, so a benchmark
    of a million stories anonymises each distinct text once."""
    from vertelpunt.anonymisation import AnonymiserConfig
    from vertelpunt.intake.stories.models import Story
    from vertelpunt.intake.stories.service import anonymise_story

    story = Story(title=title, text=text)
    anonymise_story(story, AnonymiserConfig())
    return story.anonymised_title or "", story.anonymised_text or "", story.entities_json


def intake_event(story: SeedStory) -> Any:
    """The StoryShared event the municipality's intake makes of this story once its storyteller consented. The
    intake's own functions do the work: answers validated against the core framework, title and text
    anonymised and answers stored (`stories/service.py: anonymise_story, store_answers`), the event built
    (`stories/events.py: story_shared`). Nothing is stored: seeding never touches a municipality's tables."""
    from vertelpunt.anonymisation import AnonymiserConfig
    from vertelpunt.intake.frameworks.answers import Answer, validate_answers
    from vertelpunt.intake.frameworks.service import core_framework
    from vertelpunt.intake.stories.events import story_shared
    from vertelpunt.intake.stories.models import Story, StoryStatus
    from vertelpunt.intake.stories.service import store_answers, storyteller_role

    framework = core_framework()
    answers = {question: Answer.model_validate(answer) for question, answer in story.answers.items()}
    errors = validate_answers(framework, answers)
    if errors:
        raise ValueError(f"a seeded story the intake would refuse: {[(e.question_id, e.code) for e in errors]}")
    told_at = datetime(story.week.year, story.week.month, story.week.day, 10, tzinfo=UTC)
    anonymised_title, anonymised_text, entities = _anonymised(story.title, story.text)
    told = Story(id=str(uuid.uuid4()), tenant=story.tenant, status=StoryStatus.SUBMITTED, channel=story.channel,
                 language="nl", storyteller_role=storyteller_role(answers), title=story.title, text=story.text,
                 anonymised_title=anonymised_title, anonymised_text=anonymised_text, entities_json=entities,
                 framework_version=framework.version, consent_to_share=True, shared=True, told_at=told_at,
                 submitted_at=told_at, thread_number=story.thread_number or None,
                 # The intake's thread ids are random; one per seeded thread name here.
                 thread_id=str(uuid.uuid5(uuid.NAMESPACE_URL, story.thread)) if story.thread else None)
    store_answers(told, answers, AnonymiserConfig())
    return story_shared(told, framework, "")


def to_sector_envelope(story: SeedStory, region: str, *, second_check: bool = True) -> Any:
    """The story as it arrives on the sector topic, made by the real path: the intake's event (`intake_event`)
    through the federation's policy (`federation/policy.py: apply_policy`: checks, second PII check, keyed ids,
    week, region). `second_check=False` is for benchmark volumes only: the federation's `coarsen` without the
    checks (every sentence the corpus is made of passes the second check; a unit test keeps it so)."""
    from vertelpunt.contracts.envelopes import encode
    from vertelpunt.federation.policy import Forward, apply_policy, coarsen

    event = intake_event(story)
    if not second_check:
        return coarsen(event, story.tenant, SEED_SECRET, region).envelope
    outcome = apply_policy(encode(event), story.tenant, SEED_SECRET, region)
    if not isinstance(outcome, Forward):
        raise ValueError(f"the federation would not forward this seeded story: {outcome}")
    return outcome.envelope
