"""The federation's second PII check: false alarms on clean stories as they arrive, recall on planted names and
addresses the anonymiser missed, warm-up and time per story.

Stories arrive anonymised by the intake's own anonymiser (the bench is an operator tool and may import it; the
check itself may not). Planted names come from hand lists written for this bench, of names common among people
living in the Netherlands, in the forms the issue found leaking (lower case, first name alone, title + surname,
initials); neither side was built from them.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from vertelpunt.cli.bench.measure import percentile
from vertelpunt.cli.seed import MUNICIPALITIES, SeedStory, generate, intake_event

Say = Callable[[str], None]
SECRET = b"bench-secret"
CAMPAIGNS = ["Najaar 2026", "Meetronde voorjaar", "Wijkteams Noord", "Schulden en werk, ronde 2", ""]
NAMES = {
    "Dutch": (["Gerdien", "Wouter", "Marieke", "Thijmen", "Annelies", "Bertus", "Lotte"],
              ["Oosterhuis", "van Wijngaarden", "Kamphuis", "de Groot", "Brouwer", "Veldkamp", "Scholten"]),
    "Turkish": (["Emine", "Mehmet", "Zeynep", "Burak", "Songül", "Hakan"],
                ["Yıldırım", "Öztürk", "Aydın", "Korkmaz", "Şahin", "Doğan"]),
    "Polish": (["Agnieszka", "Krzysztof", "Małgorzata", "Tomasz", "Ewa"],
               ["Nowak", "Wójcik", "Kamińska", "Lewandowski", "Zieliński"]),
    "Indonesian": (["Sri", "Budi", "Wulan", "Agus", "Ratna"], ["Wibowo", "Santoso", "Hartono", "Kusuma", "Pattinama"]),
    "Nigerian": (["Chinonso", "Adaeze", "Oluwaseun", "Funmilayo", "Emeka"],
                 ["Okonkwo", "Adeyemi", "Nwosu", "Balogun", "Eze"]),
    "Ghanaian": (["Kwame", "Akosua", "Yaw", "Efua", "Kojo"], ["Mensah", "Asante", "Owusu", "Boateng", "Appiah"]),
    "Romanian": (["Ionuț", "Andreea", "Mihai", "Ioana", "Florin"],
                 ["Popescu", "Ionescu", "Dumitru", "Stan", "Munteanu"]),
    "Moroccan": (["Youssef", "Khadija", "Said", "Naima", "Hamza", "Soufiane", "Latifa"],
                 ["Bouzid", "El Khattabi", "Ouali", "Ait Taleb", "Benali", "Chaara"]),
    "Surinamese": (["Rishi", "Sharmila", "Ravindra", "Chandni", "Marciano", "Jurgen"],
                   ["Ramdin", "Jagessar", "Sewdien", "Wongsodikromo", "Pinas", "Doelwijt"]),
    "Antillean": (["Shurandy", "Jurich", "Giselle", "Quincy", "Mireya"],
                  ["Martina", "Statia", "Isenia", "Rosaria", "Fecunda"]),
    "Syrian": (["Ahmad", "Rasha", "Bashar", "Lama", "Omar", "Nour"],
               ["Al-Hassan", "Haddad", "Khoury", "Al-Masri", "Darwish"]),
    "Eritrean": (["Mebrahtu", "Senait", "Yonas", "Freweini", "Tesfalem"],
                 ["Ghebreyesus", "Woldemichael", "Tekle", "Haile", "Berhe"]),
    "Somali": (["Abdirahman", "Hodan", "Faadumo", "Mahad", "Ayaan"],
               ["Warsame", "Farah", "Jama", "Abdullahi", "Egal"]),
    "Afghan": (["Farid", "Zarmina", "Habibullah", "Shabnam", "Wahid"],
               ["Popal", "Rahimi", "Noorzai", "Karimi", "Sultani"]),
    "Ukrainian": (["Oleksandr", "Nataliia", "Mykola", "Iryna", "Bohdan"],
                  ["Kovalenko", "Shevchuk", "Tkachenko", "Bondarenko", "Hrytsenko"]),
    "Chinese": (["Wei", "Xiaoling", "Jun", "Mei", "Zhiwei"], ["Zhang", "Liu", "Chen", "Huang", "Zhou"]),
    "Frisian": (["Sjoerd", "Wytske", "Hidde", "Froukje", "Tsjalling"],
                ["Hoekstra", "Dijkstra", "Wiersma", "Postma", "Bergsma"]),
}
TITLES = ["mevrouw", "meneer", "mw.", "dhr.", "de heer"]
STREET_ROOTS = ["Hazelaar", "Kievit", "Merel", "Populier", "Esdoorn", "Goudsbloem", "Zandvoort", "Vondel",
                "Rembrandt", "Schubert", "Tjalk", "Klaproos", "Wielewaal", "Ooievaar", "Buizerd", "Koekoek"]
STREET_SUFFIXES = ["straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dreef", "hof", "pad", "dijk"]
# (sentence with {t} for a title and {x} for the name, the form of the name): the forms the issue saw leak.
PERSON_TEMPLATES: list[tuple[str, Callable[[str, str], str]]] = [
    ("{x} belde ons maandag over de brief van de belastingen.", lambda f, s: f"{f} {s}"),
    ("Ik heb {t} {x} uitgelegd hoe de regeling werkt.", lambda f, s: s),
    ("we hebben vandaag nog met {x} gebeld over de aanvraag", lambda f, s: f.lower()),
    ("{x} kwam zonder afspraak langs op het spreekuur", lambda f, s: f"{f} {s}".lower()),
    ("{x} vertelde dat het thuis eindelijk rustiger werd.", lambda f, s: f),
    ("Haar buurvrouw {x} hielp met het invullen van de formulieren.", lambda f, s: f),
    ("De aanvraag van {t} {x} lag al weken op de stapel.", lambda f, s: s),
    ("{x} van de woningcorporatie reageerde gelukkig snel.", lambda f, s: f"{f[0]}. {s}"),
    ("ik sprak {t} {x} na afloop nog even", lambda f, s: s.lower()),
]
# Ordinary social-domain sentences that look like trouble: organisations, brands, laws, holidays, months,
# amounts, nationalities, loan words, chat style, surnames that are also words at the start of a sentence.
HARD_CLEAN = [
    "Via WhatsApp stuurde ze foto's van de brieven, want DigiD lukte niet.",
    "Het Werkplein en het Nibud gaven allebei een ander advies over het budget.",
    "Ze kreeg een naheffing van de Belastingdienst/Toeslagen van € 2.340,-.",
    "De zorgverzekering bij Zilveren Kruis was al drie maanden niet betaald.",
    "Eneco dreigde de energie af te sluiten, Vitens stuurde een aanmaning.",
    "Stichting Present kwam helpen met schilderen en opruimen.",
    "ff gebeld met de wmo, die komen volgende week langs",
    "idd lastig, ze appte dat t weer niet lukte met de huur",
    "Visser was hij vroeger, nu zit hij thuis met een burn-out.",
    "Kuiper van beroep, maar het werk in de haven is weg.",
    "Tijdens het Suikerfeest en rond Keti Koti waren er minder afspraken.",
    "Met Kerst en Pasen is het Sociaal Wijkteam beperkt bereikbaar.",
    "De Syrische en Eritrese klanten kregen les in het Nederlands op niveau A2.",
    "Op Marktplaats verkocht hij zijn laptop voor 150 euro.",
    "In januari, februari en maart was er elke maand € 85 tekort.",
    "Volgens de Participatiewet en de Jeugdwet kon dit niet zomaar.",
    "De Wet gemeentelijke schuldhulpverlening geeft ons vier weken de tijd.",
    "Veilig Thuis en de GGD werden ingeschakeld na het huisbezoek.",
    "Hij werkte via een uitzendbureau als orderpicker bij een distributiecentrum.",
    "De SVB betaalde de AOW te laat, het CAK rekende de eigen bijdrage wel af.",
    "Ze volgde een cursus bij Humanitas Thuisadministratie en het Taalhuis.",
    "MijnOverheid liet een bericht zien over de inkomensafhankelijke bijdrage.",
    "De Voedselbank vroeg om een verwijzing van de budgetcoach.",
    "Na het gesprek met de jobcoach ging het beter op de werkvloer.",
    "Op maandag 3 en dinsdag 4 november stonden de gesprekken gepland.",
    "De huur van € 732,15 werd via automatische incasso betaald.",
    "Groen licht kwam pas na een second opinion van de bedrijfsarts.",
    "Smit en zonen was zijn laatste werkgever voor hij ziek werd.",
    "Bij de Kredietbank Nederland liep nog een lening van 4.000 euro.",
    "Hun Poolse buren hielpen met de verhuizing naar een kleinere woning.",
    "Door de cao-verhoging viel hij net buiten de regeling.",
    "We gebruikten de Nibud-rekentool en het Geldfit-overzicht.",
    "Een vrijwilliger van SchuldHulpMaatje kwam elke dinsdagavond.",
    "De klant had een 0-urencontract en wisselende inkomsten.",
    "Ze zat in de wachtkamer van de GGZ en kon pas in week 12 terecht.",
    "Het UWV keurde de WIA-aanvraag af, bezwaar liep nog.",
]
ADDRESS_TEMPLATES = ["Het gezin woont sinds kort aan de {Street}.", "hij zit nu op de {street} bij zijn moeder",
                     "Het pakket werd bezorgd op {Street}, driehoog achter."]


@dataclass(frozen=True)
class Planted:
    kind: str  # person | address
    origin: str  # name origin, or "street"
    text: str  # the story with the identifier in it
    span: tuple[int, int]


def _street(rng: random.Random) -> str:
    number = f"{rng.randint(1, 240)}{rng.choice(['', '', 'a', 'B', '-II', ' bis', '-3', ' hs'])}"
    shape = rng.random()
    if shape < 0.6:
        return f"{rng.choice(STREET_ROOTS)}{rng.choice(STREET_SUFFIXES)} {number}"
    if shape < 0.8:
        return f"Laan van de {rng.choice(STREET_ROOTS)} {number}"
    return f"Burgemeester {rng.choice(['de Wit', 'van Heek', 'Haitsma'])}{rng.choice(STREET_SUFFIXES)} {number}"


def _plant(rng: random.Random, base: str, names: dict[str, tuple[list[str], list[str]]]) -> Planted:
    if rng.random() < 0.25:
        street = _street(rng)
        template = rng.choice(ADDRESS_TEMPLATES)
        value = street.lower() if "{street}" in template else street
        sentence = template.replace("{Street}", value).replace("{street}", value)
        kind, origin = "address", "street"
    else:
        origin = rng.choice(sorted(names))
        template, form = rng.choice(PERSON_TEMPLATES)
        value = form(rng.choice(names[origin][0]), rng.choice(names[origin][1]))
        sentence = template.replace("{t}", rng.choice(TITLES)).replace("{x}", value)
        kind = "person"
    sentences = base.split(". ")
    at = rng.randint(0, len(sentences))
    before = ". ".join(sentences[:at]) + (". " if at else "")
    text = before + sentence + (" " + ". ".join(sentences[at:]) if at < len(sentences) else "")
    start = text.index(value, len(before))
    return Planted(kind, origin, text, (start, start + len(value)))


def _arrived(story: SeedStory, title: str, text: str, campaign: str) -> bytes:
    """The event as the intake sends it (its own functions), with the title, text and campaign label given."""
    envelope = intake_event(story)
    envelope.story_shared.title, envelope.story_shared.text = title, text
    envelope.story_shared.campaign_label = campaign
    return bytes(envelope.SerializeToString())


GENERIC = {"burgemeester", "laan", "van", "de", "der", "den", "het", "bis", "hs", "ii", "iii"}


def _survived(planted: Planted, entities: Any) -> bool:
    """Whether an identifying part of the planted value is still there: a name word or the house number, not a
    "burgemeester de [ADRES-1]" or "[ADRES-1]-II" left over around a redaction."""
    start, end = planted.span
    covered = {i for e in entities for i in range(e.start, e.end)}
    parts = [m for m in re.finditer(r"[^\W_]+", planted.text[start:end]) if m.group(0).lower() not in GENERIC]
    return any(all(start + i not in covered for i in range(m.start(), m.end())) for m in parts)


def measure(say: Say, clean: int = 3000, planted: int = 1200, seed: int = 2027) -> dict[str, Any]:
    from vertelpunt.anonymisation import anonymise
    from vertelpunt.federation.pii import warm_up
    from vertelpunt.federation.policy import Quarantine, apply_policy

    say("second check: loading deduce's lookup structures and the word lists")
    warm = warm_up()
    rng = random.Random(seed)

    def verdict(story: SeedStory, title: str, text: str, campaign: str) -> tuple[Any, float]:
        data = _arrived(story, title, text, campaign)
        started = time.perf_counter()
        outcome = apply_policy(data, story.tenant, SECRET, MUNICIPALITIES[story.tenant][1])
        return outcome, (time.perf_counter() - started) * 1000

    say(f"second check: {clean} clean seeded stories, anonymised as the intake does")
    times, alarms, reasons = [], 0, Counter[str]()
    for story in generate(clean, seed=seed):
        outcome, ms = verdict(story, anonymise(story.title).text, anonymise(story.text).text, rng.choice(CAMPAIGNS))
        times.append(ms)
        if isinstance(outcome, Quarantine):
            alarms += 1
            reasons[outcome.reason] += 1

    say(f"second check: {clean} clean stories with hard ordinary sentences added")
    hard_alarms, hard_reasons = 0, Counter[str]()
    for story in generate(clean, seed=seed + 2):
        extra = rng.sample(HARD_CLEAN, rng.randint(2, 4))
        text = anonymise(" ".join([story.text, *extra])).text
        outcome, _ = verdict(story, anonymise(story.title).text, text, rng.choice(CAMPAIGNS))
        if isinstance(outcome, Quarantine):
            hard_alarms += 1
            hard_reasons[outcome.reason] += 1

    say(f"second check: {planted} stories with a planted name or address")
    names = NAMES
    missed = caught = raw_caught = 0
    per_origin: dict[str, list[int]] = {}
    for story in generate(planted, seed=seed + 1):
        plant = _plant(rng, story.text, names)
        raw, _ = verdict(story, story.title, plant.text, "")
        raw_caught += isinstance(raw, Quarantine)
        result = anonymise(plant.text)
        if not _survived(plant, result.entities):
            continue
        missed += 1
        outcome, _ = verdict(story, anonymise(story.title).text, result.text, "")
        caught += isinstance(outcome, Quarantine)
        per_origin.setdefault(plant.origin, [0, 0])[0] += 1
        per_origin[plant.origin][1] += isinstance(outcome, Quarantine)
    return {"warm_up_s": warm, "clean": clean, "false_alarms": alarms, "false_alarm_rate": alarms / clean,
            "alarm_reasons": dict(reasons.most_common(5)), "hard_false_alarm_rate": hard_alarms / clean,
            "hard_alarm_reasons": dict(hard_reasons.most_common(5)), "check_ms_mean": statistics.mean(times),
            "check_ms_p99": percentile(times, 99), "planted": planted, "raw_recall": raw_caught / planted,
            "anonymiser_missed": missed, "recall_on_missed": caught / missed if missed else float("nan"),
            "per_origin": per_origin}


def report_rows(r: dict[str, Any]) -> list[str]:
    """The rows for docs/benchmarks.md."""
    origins = ", ".join(f"{o} {c}/{n}" for o, (n, c) in sorted(r["per_origin"].items()))
    return [
        f"| federation second PII check: clean seeded stories quarantined ({r['clean']} stories, anonymised by the "
        f"intake's anonymiser; in brackets: with 2-4 hard ordinary sentences added) | {r['false_alarm_rate']:.2%} "
        f"({r['false_alarms']}) ({r['hard_false_alarm_rate']:.2%}) | <= 1% |",
        f"| second check: recall on planted names and addresses the anonymiser missed ({r['anonymiser_missed']} of "
        f"{r['planted']} planted; caught/missed: {origins}) | {r['recall_on_missed']:.3f} (on all {r['planted']} "
        f"before anonymisation: {r['raw_recall']:.3f}) | high |",
        f"| second check: policy time per story; warm-up at start (deduce's cached lookup structures, word lists) | "
        f"mean {r['check_ms_mean']:.1f} ms, p99 {r['check_ms_p99']:.1f} ms; warm-up {r['warm_up_s']:.1f} s | - |",
    ]
