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

import hashlib
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
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


def to_sector_envelope(story: SeedStory, region: str) -> Any:
    """The story as it looks on the sector topic after federation (for benchmarks and gateway tests)."""
    from vertelpunt.contracts.channels import CHANNELS_BY_NAME
    from vertelpunt.contracts.envelopes import new_envelope
    from vertelpunt.contracts.v1 import events_pb2 as pb

    envelope = new_envelope(story.tenant, datetime(story.week.year, story.week.month, story.week.day, tzinfo=UTC))
    shared = pb.StoryShared(story_id=uuid.uuid4().hex, framework_id="sector-core", framework_version="1.0.0",
                            title=story.title, text=story.text, language="nl", channel=CHANNELS_BY_NAME[story.channel],
                            told_week=story.iso_week(), consent_to_share=True, region=region,
                            storyteller_role=story.role, thread_number=story.thread_number,
                            thread_id=hashlib.sha256(story.thread.encode()).hexdigest()[:32] if story.thread else "")
    for question, answer in sorted(story.answers.items()):
        item = pb.Answer(question_id=question, not_applicable=bool(answer.get("notApplicable")))
        if "triad" in answer:
            a, b, c = answer["triad"]
            item.triad.CopyFrom(pb.TriadAnswer(a=a, b=b, c=c))
        elif "dyad" in answer:
            item.dyad.CopyFrom(pb.DyadAnswer(position=answer["dyad"]))
        elif "choices" in answer:
            item.choice.CopyFrom(pb.ChoiceAnswer(option_ids=answer["choices"]))
        shared.answers.append(item)
    envelope.story_shared.CopyFrom(shared)
    return envelope
