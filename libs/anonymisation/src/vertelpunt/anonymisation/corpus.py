"""A synthetic Dutch evaluation corpus: social-domain stories with planted identifiers of every type.

Every planted identifier is recorded with its span, so recall per type and the share of ordinary words that
survive can be measured exactly (`evaluate`). Deterministic for a seed. Names are drawn partly from outside the
anonymiser's gazetteers (UNSEEN_*), so recall on them measures the contextual cues, not list look-up.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from vertelpunt.anonymisation.anonymiser import AnonymiserConfig, find_entities
from vertelpunt.anonymisation.entities import EntityType
from vertelpunt.anonymisation.gazetteers import load_gazetteers

UNSEEN_FIRST = ["Tjitske", "Oyelaran", "Dzhennet", "Berhane", "Anouschka", "Radoslav", "Xiomara", "Feike",
                "Lamiae", "Kwabena", "Siham", "Jelmer", "Rukiye", "Ilyas", "Nnamdi", "Svenja"]
UNSEEN_LAST = ["Wijnberg", "Oyelowo", "Dzhabrailov", "Tsegaye", "Hoitink", "Brzęczek", "Oudejans",
               "Lamrabet", "Mensah", "Zijlstra", "Terpstra", "Aksoy", "Okafor", "Brinkhuis"]
TITLES = ["mevrouw", "meneer", "de heer", "mw.", "dhr.", "Mevrouw", "Meneer"]
STREETS = ["Kerk", "Molen", "Dorps", "School", "Stations", "Juliana", "Beatrix", "Oranje", "Eiken", "Berken",
           "Linden", "Prins Hendrik", "Van Karnebeek", "Thorbecke", "Zuider", "Assendorper", "Diezer", "Wilhelmina"]
STREET_SUFFIX = ["straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "dreef"]
BANKS = ["ABNA", "RABO", "INGB", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]

FILLER = [
    "De klant had grote schulden en durfde de post niet meer open te maken.",
    "We hebben samen een overzicht gemaakt van alle rekeningen en betalingsachterstanden.",
    "Via de Voedselbank kreeg het gezin de eerste weken hulp met boodschappen.",
    "Het UWV had de uitkering stopgezet omdat een formulier niet op tijd was ingeleverd.",
    "Budgetcoaching hielp om weer overzicht te krijgen over inkomsten en uitgaven.",
    "De werkcoach zocht samen met haar naar een passende baan via het Werkplein.",
    "Door de Participatiewet moest hij een tegenprestatie leveren, dat voelde eerst als straf.",
    "Na drie gesprekken was er weer vertrouwen en kwam er rust in huis.",
    "Het wijkteam en de schuldhulpverlening werkten goed samen, dat maakte het verschil.",
    "Ze vertelde dat ze zich schaamde om hulp te vragen bij de sociale dienst.",
    "De regels rond de toeslagen waren voor hem niet te begrijpen zonder hulp.",
    "Uiteindelijk vond hij werk in de zorg en kon hij de bijstand opzeggen.",
    "Taalles bleek belangrijker dan we dachten, want brieven van de gemeente waren te moeilijk.",
    "Het lukte niet om de huurachterstand op te lossen voordat de woningcorporatie dreigde met ontruiming.",
    "Met bijzondere bijstand konden we een wasmachine en een bed voor de kinderen regelen.",
    "De klantmanager nam de tijd en luisterde echt, zonder meteen naar de regels te wijzen.",
    "Een vrijwilliger van Humanitas hielp met de thuisadministratie, elke week een uur.",
    "De mantelzorg voor zijn moeder kostte veel energie en daardoor lukte solliciteren niet.",
    "Het contact met de Belastingdienst verliep moeizaam, maar de betalingsregeling kwam er.",
    "Ze had last van stress en slaapproblemen; de huisarts verwees haar naar de GGZ.",
    "In maart 2024 ging het mis met de huur van € 850 per maand.",
    "Na 2 jaar en 3 maanden was de schuld van € 12.450 helemaal afgelost.",
    "Op dinsdag om 10.30 uur had ze een afspraak bij het Juridisch Loket.",
    "Haar man werkt 32 uur per week bij Albert Heijn en verdient net te weinig.",
    "Een collega van Vluchtelingenwerk hielp met de inburgering en de DUO-lening.",
    "De Wmo-consulent kwam langs voor een keukentafelgesprek met het hele gezin.",
    "Het overzicht van het Nibud liet zien dat er € 140 per maand tekort was.",
    "Groen licht van de Kredietbank kwam pas na zes weken wachten.",
    "Tijdens de Ramadan was het lastig om afspraken in de ochtend te plannen.",
    "Bakker worden was altijd haar droom, maar eerst moest de schuld weg.",
    "Post van de Belastingdienst en het CJIB lag ongeopend in een la.",
    "Sinds de zomer van 2023 gaat het beter, ook met de kinderen op school.",
    "Visser zijn op de Noordzee kon hij niet meer door zijn rug.",
    "Koning Willem-Alexander kwam ter sprake toen we het over Koningsdag hadden.",
    "Hoop en vertrouwen kwamen terug toen de eerste 3 betalingen lukten.",
    "Met Nederlands op niveau B1 werd solliciteren een stuk makkelijker.",
]


@dataclass(frozen=True)
class Planted:
    start: int
    end: int
    type: EntityType
    origin: str = ""  # for people: the origin of the name (second corpus)


@dataclass(frozen=True)
class CorpusStory:
    id: str
    text: str
    planted: tuple[Planted, ...]


def _bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last <= 9:
            raw = "".join(map(str, digits)) + str(last)
            return rng.choice([raw, f"{raw[:4]}.{raw[4:6]}.{raw[6:]}", f"{raw[:3]} {raw[3:6]} {raw[6:]}",
                               f"{raw[:3]}-{raw[3:5]}-{raw[5:]}", f"{raw[:2]}.{raw[2:4]}.{raw[4:6]}.{raw[6:]}"])


def _iban(rng: random.Random) -> str:
    bank = rng.choice(BANKS)
    account = "".join(str(rng.randint(0, 9)) for _ in range(10))
    numeric = "".join(str(int(c, 36)) for c in f"{bank}{account}NL00")
    check = 98 - int(numeric) % 97
    iban = f"NL{check:02d}{bank}{account}"
    return rng.choice([iban, " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))])


def _phone(rng: random.Random) -> str:
    mobile = "".join(str(rng.randint(0, 9)) for _ in range(8))
    area, local = rng.choice([("20", 7), ("10", 7), ("38", 7), ("570", 6), ("36", 7), ("88", 7)])
    rest = "".join(str(rng.randint(0, 9)) for _ in range(local))
    return rng.choice([
        f"06-{mobile}", f"06 {mobile}", f"06 {mobile[:4]} {mobile[4:]}", f"06{mobile}", f"+31 6 {mobile}",
        f"+316{mobile}", f"0031 6 {mobile}", f"06 {mobile[:2]} {mobile[2:4]} {mobile[4:6]} {mobile[6:]}",
        f"+31 (0)6 {mobile}", f"0{area}-{rest}", f"0{area} {rest}", f"(0{area}) {rest}", f"+31 {area} {rest}",
        f"0800-{rest[:4]}",
    ])


def _person(rng: random.Random) -> tuple[str, str]:
    """(prefix kept in the text, the name itself)."""
    g = load_gazetteers()
    first = sorted(g.hand_first_names)
    last = list(g.hand_surnames)
    choice = rng.random()
    if choice < 0.3:
        return "", f"{rng.choice(first)} {rng.choice(last)}"
    if choice < 0.45:
        return "", rng.choice(first)
    if choice < 0.6:
        return rng.choice(TITLES) + " ", rng.choice(last)
    if choice < 0.75:
        return rng.choice(TITLES) + " ", f"{rng.choice(UNSEEN_FIRST)} {rng.choice(UNSEEN_LAST)}"
    if choice < 0.85:
        return rng.choice(TITLES) + " ", rng.choice(UNSEEN_LAST)
    if choice < 0.93:
        return "", f"{rng.choice('ABCDEFGHJKLMPRSTW')}. {rng.choice(last)}"
    return "", f"{rng.choice(first)} {rng.choice(UNSEEN_LAST)}"


def _date(rng: random.Random) -> str:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1950, 2025)
    return rng.choice([f"{d:02d}-{m:02d}-{y}", f"{d}-{m}-{y}", f"{d}/{m}/{y}", f"{y}-{m:02d}-{d:02d}",
                       f"{d} {MONTHS[m - 1]} {y}", f"{d} {MONTHS[m - 1]}", f"{d:02d}.{m:02d}.{y}"])


def _plate(rng: random.Random) -> str:
    def letters(n: int) -> str:
        return "".join(rng.choice("BDFGHJKLNPRSTVXZ") for _ in range(n))

    def digits(n: int) -> str:
        return "".join(str(rng.randint(0, 9)) for _ in range(n))

    return rng.choice([f"{letters(2)}-{digits(2)}-{digits(2)}", f"{digits(2)}-{letters(2)}-{digits(2)}",
                       f"{digits(2)}-{letters(3)}-{digits(1)}", f"{digits(1)}-{letters(3)}-{digits(2)}",
                       f"{letters(2)}-{digits(3)}-{letters(1)}", f"{letters(1)}-{digits(3)}-{letters(2)}",
                       f"{letters(3)}-{digits(2)}-{letters(1)}", f"{letters(2)}-{letters(2)}-{digits(2)}"])


def _case_number(rng: random.Random) -> tuple[str, str]:
    n = rng.randint(1000, 999999)
    return rng.choice([
        ("zaaknummer ", f"Z-{rng.randint(2019, 2026)}-{n:06d}"), ("dossiernummer ", f"{rng.randint(2019, 2026)}-{n}"),
        ("klantnummer: ", f"{n:07d}"), ("ons kenmerk ", f"SD/{rng.randint(2019, 2026)}/{n}"),
        ("", f"ZK{rng.randint(19, 26)}-{n:06d}"), ("cliëntnummer ", f"C{n:06d}"),
    ])


def _address(rng: random.Random) -> str:
    number = f"{rng.randint(1, 250)}{rng.choice(['', '', 'a', 'B', '-2', ' bis'])}"
    return f"{rng.choice(STREETS)}{rng.choice(STREET_SUFFIX)} {number}"


def _postcode(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCEGHJKLMNPRTVWXZ") for _ in range(2))
    return rng.choice([f"{rng.randint(1000, 9999)} {letters}", f"{rng.randint(1000, 9999)}{letters}"])


def _email(rng: random.Random) -> str:
    name = rng.choice(["j.jansen", "fatima.amrani", "m.yilmaz84", "budget-hulp", "kowalski.p", "info.klant"])
    return f"{name}@{rng.choice(['gmail.com', 'hotmail.nl', 'ziggo.nl', 'outlook.com', 'kpnmail.nl'])}"


def _url(rng: random.Random) -> str:
    return rng.choice(["www.zwolle.nl", "https://www.divosa.nl/nieuws", "facebook.com/fatima.amrani",
                       "http://mijn-blog.nl/verhaal", "www.instagram.com/m.yilmaz", "deventer.nl/schulden"])


# (type, sentence template with {x} for the identifier, value generator)
Generator = Callable[[random.Random], tuple[str, str]]
SLOTS: list[tuple[EntityType, str, Generator]] = [
    (EntityType.PERSON, "Ik sprak {p}{x} over de situatie thuis.", lambda r: _person(r)),
    (EntityType.PERSON, "Volgens {p}{x} was de brief van de gemeente onduidelijk.", lambda r: _person(r)),
    (EntityType.PERSON, "{p}{x} kwam samen met haar zoon naar het gesprek.", lambda r: _person(r)),
    (EntityType.BSN, "Zijn BSN is {x}, dat stond op de aanvraag.", lambda r: ("", _bsn(r))),
    (EntityType.BSN, "Ze gaf het nummer {x} door aan de balie.", lambda r: ("", _bsn(r))),
    (EntityType.IBAN, "Het geld werd overgemaakt naar {x}.", lambda r: ("", _iban(r))),
    (EntityType.PHONE, "Je kunt haar bellen op {x} als er iets is.", lambda r: ("", _phone(r))),
    (EntityType.EMAIL, "Hij mailde vanaf {x} met de vraag om uitstel.", lambda r: ("", _email(r))),
    (EntityType.URL, "Ze had alles gelezen op {x} voordat ze kwam.", lambda r: ("", _url(r))),
    (EntityType.ADDRESS, "Het gezin woont aan de {x} op de tweede verdieping.", lambda r: ("", _address(r))),
    (EntityType.POSTCODE, "Het nieuwe adres heeft postcode {x}.", lambda r: ("", _postcode(r))),
    (EntityType.PLACE, "Ze verhuisde vorig jaar naar {x} voor een nieuwe start.",
     lambda r: ("", r.choice(load_gazetteers().hand_places))),
    (EntityType.DATE, "Het eerste gesprek was op {x} bij ons op kantoor.", lambda r: ("", _date(r))),
    (EntityType.DATE, "Hij is geboren op {x}.", lambda r: ("", _date(r))),
    (EntityType.LICENCE_PLATE, "De auto met kenteken {x} moest worden verkocht.", lambda r: ("", _plate(r))),
    (EntityType.CASE_NUMBER, "In het systeem staat het onder {p}{x}.", lambda r: _case_number(r)),
]


def generate_corpus(count: int = 320, seed: int = 20261127) -> list[CorpusStory]:
    """Stories of 3 to 6 filler sentences and 3 to 6 planted identifiers; every type appears often."""
    rng = random.Random(seed)
    stories = []
    for index in range(count):
        parts: list[str] = []
        planted: list[Planted] = []
        slots = [SLOTS[(index + k) % len(SLOTS)] for k in range(rng.randint(3, 6))]
        sentences: list[tuple[EntityType, str, str] | str] = [rng.choice(FILLER) for _ in range(rng.randint(3, 6))]
        for entity_type, template, generator in slots:
            prefix, value = generator(rng)
            sentences.insert(rng.randint(0, len(sentences)), (entity_type, template, prefix + "\0" + value))
        for sentence in sentences:
            offset = sum(len(p) + 1 for p in parts)
            if isinstance(sentence, str):
                parts.append(sentence)
                continue
            entity_type, template, marked = sentence
            prefix, value = marked.split("\0")
            before, after = template.split("{x}")
            before = before.replace("{p}", prefix)
            if before == "" or (before.startswith(prefix) and template.startswith("{p}")):
                before = before[:1].upper() + before[1:] if before else before
                if not before and value:
                    value = value[:1].upper() + value[1:] if entity_type is EntityType.PERSON else value
            start = offset + len(before)
            planted.append(Planted(start, start + len(value), entity_type))
            parts.append(before + value + after)
        stories.append(CorpusStory(f"s{index:04d}", " ".join(parts), tuple(planted)))
    return stories


@dataclass(frozen=True)
class Evaluation:
    recall: dict[EntityType, float]
    planted: dict[EntityType, int]
    missed_examples: dict[EntityType, list[str]]
    words_kept: float
    words_total: int
    over_redacted_examples: list[str]
    recall_by_origin: dict[str, float] = field(default_factory=dict)
    planted_by_origin: dict[str, int] = field(default_factory=dict)

    @property
    def overall_recall(self) -> float:
        total = sum(self.planted.values())
        return sum(self.recall[t] * n for t, n in self.planted.items()) / total


WORD = re.compile(r"[^\W\d_]+")


def evaluate(stories: Sequence[CorpusStory], config: AnonymiserConfig | None = None) -> Evaluation:
    """Recall per type (and per name origin): a planted identifier counts as found when every letter and digit of
    it is inside a redacted span. Words kept: the share of words outside planted identifiers left alone."""
    hits: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    missed: dict[EntityType, list[str]] = defaultdict(list)
    kept_words = total_words = 0
    over: list[str] = []
    for story in stories:
        covered = bytearray(len(story.text) + 1)
        for e in find_entities(story.text, config):
            covered[e.start:e.end] = b"\x01" * (e.end - e.start)
        planted = bytearray(len(story.text) + 1)
        for p in story.planted:
            planted[p.start:p.end] = b"\x01" * (p.end - p.start)
            found = all(covered[i] or not story.text[i].isalnum() for i in range(p.start, p.end))
            for key in (p.type.value, f"origin:{p.origin}" if p.origin else ""):
                if key:
                    counts[key] += 1
                    hits[key] += found
            if not found and len(missed[p.type]) < 8:
                missed[p.type].append(story.text[p.start:p.end])
        for m in WORD.finditer(story.text):
            if any(planted[m.start():m.end()]):
                continue
            total_words += 1
            if not any(covered[m.start():m.end()]):
                kept_words += 1
            elif len(over) < 20:
                over.append(m.group(0))
    types = {t for t in EntityType if t.value in counts}
    origins = sorted(k.removeprefix("origin:") for k in counts if k.startswith("origin:"))
    return Evaluation(
        recall={t: hits[t.value] / counts[t.value] for t in types}, planted={t: counts[t.value] for t in types},
        missed_examples=dict(missed), words_kept=kept_words / total_words, words_total=total_words,
        over_redacted_examples=over,
        recall_by_origin={o: hits[f"origin:{o}"] / counts[f"origin:{o}"] for o in origins},
        planted_by_origin={o: counts[f"origin:{o}"] for o in origins},
    )
