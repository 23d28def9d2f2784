"""A second evaluation corpus, generated differently from the first (`corpus`), to measure generalisation.

Differences on purpose:
- other sentence templates: chat messages (lower case, no punctuation, abbreviations), short case notes, and long
  stories of about 800 words in which identifiers recur;
- names from a hand-curated list by origin (below) that shares no word with the anonymiser's name lists
  (a unit test asserts it), written as people write them: lower case, first name alone, title plus surname,
  initials, double surnames, tussenvoegsels, diacritics;
- identifiers in looser formats: split by zero-width spaces, e-mail written as "naam at provider punt nl" or
  "x(at)y(dot)nl", phone numbers with wide separators or in words, compound street names with "bis", "-III",
  "huis", lower-case postcodes and plates;
- filler with organisations, brands, English and chat words that must survive.

Planted identifiers keep their span, type and (for people) origin, so `corpus.evaluate` measures recall per type
and per origin exactly. Deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from vertelpunt.anonymisation.corpus import CorpusStory, Planted
from vertelpunt.anonymisation.entities import EntityType

ZWSP = "\u200b"

# Hand-curated by origin; none of these words is in the anonymiser's lists (test_corpus_informal checks it).
NAMES_BY_ORIGIN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Nederlands": (("Wendelien", "Gerdien", "Jorieke", "Marijtje", "Hendrikje", "Geesje", "Sientje", "Femmigje",
                    "Teunis", "Wouterus", "Ruurd", "Arnoud", "Gijsbert", "Geurt", "Jozefien"),
                   ("Schuurhuis", "Veldkamp", "Brinkerink", "Hofsteenge", "Oldenkamp", "Wolterink", "Roelofsen",
                    "Eshuis", "Wanrooij", "Hulshof", "Kleinjan", "Mulderink", "Geerdink", "Lammertink", "Tijhuis",
                    "ter Haar", "van Wanrooij", "de Boerrigter", "Luttikhuis", "Haverkate")),
    "Fries": (("Jildou", "Tsjerk", "Wybren", "Hylke", "Jetske", "Freark", "Gjalt", "Sjirk", "Fetsje", "Wiepkje",
               "Lolkje", "Haitske", "Tjibbe", "Gatse", "Aafke"),
              ("Hoekema", "Wijnja", "Sybesma", "Posthumus", "Tjeerdsma", "Wiegersma", "Haisma", "Terpsma", "Rinsma",
               "Jorritsma", "Okkema", "Tilma", "Gerbrandy", "Fokkema")),
    "Turks": (("Ümit", "Sevgül", "Bünyamin", "Şerife", "Nevzat", "Gülizar", "Fikriye", "Döndü"),
              ("Karakuş", "Yeşilyurt", "Taşdemir", "Kılıçarslan", "Özdoğan", "Çakıroğlu", "Gündoğdu", "Karaağaç",
               "Yavuzer", "Türkoğlu", "Eroğlu", "Sarıkaya", "Tekinalp", "Yüceer", "Coşkuner", "Uysaler")),
    "Marokkaans": (("Mohssine", "Abdeslam", "Hafida", "Ouafae", "Boujemaa", "Fouad", "Rkia", "Nezha", "Abdelilah",
                    "Jaouad", "Mbarek", "Kaoutar", "Asmae", "Ouissal", "Chaimae", "Nouhaila", "Abdelghani"),
                   ("Boujdaini", "El Morabit", "Aharrouch", "Bouyakhrichan", "El Hadioui", "Amezian", "Bouchiba",
                    "El Khayari", "Azzaoui", "Lamkhantar", "Bouazzaoui", "Tajjiou", "El Ghoulbzouri", "Akhiyat",
                    "Bouharrou", "Moukhliss", "Abdelmalki")),
    "Surinaams": (("Roshnie", "Radjindre", "Chandrika", "Soenil", "Dewkoemarie", "Lachmie", "Ramkoemar", "Kavita",
                   "Dharmendra", "Khemradj", "Ginelle", "Shanaya", "Aarti", "Anoeskha"),
                  ("Ramsahai", "Jhagroe", "Bhagwandin", "Kisoensingh", "Doerga", "Ramdhani", "Tjoe-Awie",
                   "Karsoredjo", "Soekardi", "Pawirosoeroto", "Mohabier", "Moesai", "Djojokarso", "Ritfeld",
                   "Kasanmoentalib", "Sewgobind", "Parmessar", "Ramnath")),
    "Antilliaans": (("Jurmely", "Shurenska", "Churmeny", "Ruthsella", "Yurdy", "Dyonne", "Eddelaine", "Rusherly",
                     "Jeanaisa", "Ayrienne", "Jaïra", "Duvahny", "Shayra", "Ivanice", "Xandra"),
                    ("Pieternela", "Dirksz", "Girigori", "Marchena", "Mambi", "Koolman", "Wawoe", "Neuman")),
    "Pools": (("Krzysztofa", "Wiesława", "Kazimiera", "Bogusław", "Stanisława", "Bartłomiej", "Mieczysław"),
              ("Wiśniewska", "Szczepańska", "Jabłońska", "Wojciechowska", "Brzozowska", "Chmielewska", "Ziółkowska",
               "Sikorska")),
    "Syrisch": (("Mouhamad", "Abdulkader", "Ghiath", "Tarif", "Louay", "Mouaz", "Iyad", "Raneem", "Shahd", "Sidra",
                 "Ghofran", "Abdulrazzak", "Moutaz", "Yamen", "Wisam"),
                ("Al-Hariri", "Al-Masalmeh", "Hammoud", "Shaaban", "Al-Zoubi", "Khaddour", "Alhallak", "Aljasem",
                 "Al-Rifai", "Tlass", "Sheikho", "Kanjo", "Homsi", "Hourani", "Alsayed", "Arnaout")),
    "Eritrees": (("Ghenet", "Yordanos", "Aklilu", "Habtom", "Tsehaye", "Kibrom", "Mussie", "Zemichael", "Teklit",
                  "Yirgalem", "Nebiat", "Hagos", "Weyni", "Rezene", "Ermias", "Selamawit", "Temesghen"),
                 ("Tesfamichael", "Ghebremeskel", "Woldegiorgis", "Tekleab", "Habtemariam", "Okbazghi", "Ghirmay",
                  "Mengisteab", "Zeremariam", "Kiflom", "Asfaha", "Ghebrezgiabher", "Fessehaye", "Gebreslassie",
                  "Tewolde", "Hailemariam")),
    "Somalisch": (("Hodo", "Sucaad", "Cabdi", "Maxamed", "Faadumo", "Xaliimo", "Cawil", "Ayaanle", "Nimco",
                   "Qorane", "Canab", "Deeqa", "Bashiir", "Saciid", "Ubax", "Filsan"),
                  ("Cabdullaahi", "Xasan", "Maxamuud", "Cumar", "Cilmi", "Shirwac", "Faarax", "Guuleed", "Ciise",
                   "Jaamac", "Dhuux", "Axmed", "Abdiqadir", "Muuse", "Xirsi")),
    "Afghaans": (("Gulalai", "Zarghona", "Mirwais", "Shukria", "Ahmadullah", "Breshna", "Naqibullah", "Samiullah",
                  "Malalai", "Palwasha", "Rahmatullah", "Freshta", "Storai", "Yalda", "Khatera", "Wazhma"),
                 ("Nuristani", "Panjshiri", "Kohistani", "Shinwari", "Mohmand", "Zazai", "Tarakai", "Achakzai",
                  "Alokozai", "Niazi", "Ludin", "Baheer", "Paktiawal", "Logari", "Taniwal", "Jaghori")),
    "Oekraïens": (("Oleksandra", "Mykhailo", "Liudmyla", "Solomiia", "Zinoviy", "Orysia", "Yevhenia", "Anatolii"),
                  ("Shevchuk", "Kovalchuk", "Kravchenko", "Oliinyk", "Melnychuk", "Savchuk", "Rudenko", "Pavliuk",
                   "Sydorenko", "Marchenko")),
    "Indonesisch": (("Setiawati", "Purnomo", "Sulistyo", "Kusumawati", "Suharti", "Endang", "Tjahjono"),
                    ("Sastrowardoyo", "Tanudjaja", "Soedirman", "Hadiwidjojo", "Kusumadewi", "Prawirodirdjo",
                     "Sumodiharjo", "Soetomo", "Djajadiningrat", "Simatupang", "Nasution", "Manurung", "Pangaribuan",
                     "Tambunan")),
    "Chinees": (("Guilan", "Zhiqiang", "Yuxuan", "Zihan", "Haoran", "Jiayi", "Shuhua", "Meilan", "Weiming",
                 "Jianguo", "Xiaohong", "Lihua", "Zhenyu", "Qiuyue", "Dongmei", "Jiahao", "Ruoxi"),
                ("Ouyang", "Zhuge", "Murong", "Huangfu", "Shangguan", "Xiahou", "Duanmu", "Zhangsun", "Yuwen",
                 "Gongsun", "Linghu", "Zhongli", "Dongfang", "Nangong")),
    "West-Afrikaans": (("Oluwaseyi", "Chidinma", "Olumide", "Temitope", "Babajide", "Kehinde", "Ebunoluwa",
                        "Gbenga", "Ekua", "Mawuli", "Dzifa", "Senyo", "Selorm", "Komla"),
                       ("Oyebanji", "Oluwadamilare", "Akinwumi", "Okonjo", "Onyekachi", "Ikechukwu", "Agyepong",
                        "Frimpong", "Baffoe", "Dankwa", "Quaye", "Tetteh", "Kpodo")),
}
# Real Dutch places, some of them also ordinary words (Best, Echt), written as people write them.
PLACES = ("Hattem", "Wolvega", "Nieuw-Vennep", "Ter Apel", "Oss", "Den Helder", "Hoogezand", "Goes", "Uithoorn",
          "Makkum", "Emmen", "Sneek", "Lelystad", "Zaandam", "Kerkrade", "Veenendaal", "Tiel", "Harderwijk",
          "Roermond", "Vlissingen", "Meppel", "Steenwijk", "Winschoten", "Dokkum", "Coevorden", "Kampen", "Hoorn",
          "Purmerend", "Capelle aan den IJssel", "Spijkenisse", "Gorinchem", "Heerlen", "Venlo", "Helmond",
          "Oosterhout", "Roosendaal", "Terneuzen", "Zutphen", "Doetinchem", "Almelo", "Hengelo", "Oldenzaal")
PLACE_WORDS = ("Best", "Echt")
STREET_PARTS = ("Schaepman", "Thorbecke", "Rembrandt", "Vondel", "Kastanje", "Wilgen", "Zeven Provinciën",
                "Hendrik Kok", "Mesdag", "Ruysdael", "Aert van Nes", "Vermeer", "Jan Steen", "Huygens", "Duivendrecht",
                "Graaf Florisstraat")
STREET_SUFFIXES = ("straat", "laan", "weg", "plein", "kade", "singel", "dreef", "hof", "gracht", "dijk", "steeg")
HOUSE_SUFFIXES = ("", "", "", "a", "b", " bis", "-III", "-2", " huis", "-hs", "C")
PROVIDERS = ("gmail", "hotmail", "ziggo", "kpnmail", "outlook", "live", "icloud", "xs4all")
TLDS = ("nl", "com", "nl", "nl", "com", "net")
BANKS = ("ABNA", "RABO", "INGB", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
SHORT_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class Name:
    first: str
    last: str
    origin: str


@dataclass
class Builder:
    """Collects text pieces and the spans of the planted identifiers in them."""

    parts: list[str] = field(default_factory=list)
    planted: list[Planted] = field(default_factory=list)
    length: int = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def plant(self, value: str, entity_type: EntityType, origin: str = "") -> None:
        self.planted.append(Planted(self.length, self.length + len(value), entity_type, origin))
        self.add(value)

    def story(self, story_id: str) -> CorpusStory:
        return CorpusStory(story_id, "".join(self.parts), tuple(self.planted))


# --- identifiers ---------------------------------------------------------------------------------------------------
def _zero_width(rng: random.Random, value: str) -> str:
    """Split a value by zero-width spaces, as copy-pasting or a deliberate dodge does."""
    cut = rng.randint(1, len(value) - 1)
    return value[:cut] + ZWSP + value[cut:]


def _bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        last = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if last <= 9 and digits[0] != 0:
            raw = "".join(map(str, digits)) + str(last)
            return rng.choice([raw, f"{raw[:4]} {raw[4:6]} {raw[6:]}", f"{raw[:3]}.{raw[3:6]}.{raw[6:]}",
                               _zero_width(rng, raw), " ".join(raw), f"{raw[:3]}{ZWSP}{raw[3:6]}{ZWSP}{raw[6:]}"])


def _iban(rng: random.Random) -> str:
    bank = rng.choice(BANKS)
    account = "".join(str(rng.randint(0, 9)) for _ in range(10))
    numeric = "".join(str(int(c, 36)) for c in f"{bank}{account}NL00")
    iban = f"NL{98 - int(numeric) % 97:02d}{bank}{account}"
    spaced = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    return rng.choice([iban.lower(), spaced, _zero_width(rng, iban), spaced.lower(), iban])


DIGIT_WORDS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")


def _phone(rng: random.Random) -> str:
    m = "".join(str(rng.randint(0, 9)) for _ in range(8))
    landline = f"0{rng.choice(['13', '24', '26', '40', '43', '50', '53', '58', '70', '71', '73', '76'])}"
    rest = "".join(str(rng.randint(0, 9)) for _ in range(7))
    return rng.choice([
        f"06-{m[:4]} {m[4:]}", f"06 - {m[:2]} {m[2:4]} {m[4:6]} {m[6:]}", f"+31(0)6{m}", f"0031-6-{m}",
        f"06.{m[:2]}.{m[2:4]}.{m[4:6]}.{m[6:]}", f"06{ZWSP}{m}", f"(06) {m}", f"{landline} - {rest[:3]} {rest[3:]}",
        f"+31 {landline[1:]} {rest}", " ".join(DIGIT_WORDS[int(d)] for d in f"06{m}"), f"06 {m[:3]} {m[3:6]} {m[6:]}",
        f"{landline}{ZWSP}-{rest}",
    ])


def _email(rng: random.Random, name: Name) -> str:
    first, last = name.first.lower(), name.last.lower().replace(" ", "")
    local = rng.choice([f"{first}.{last}", f"{first[0]}.{last}", f"{first}{rng.randint(70, 99)}", f"{last}.{first}"])
    local = local.encode("ascii", "ignore").decode() or "klant"
    provider, tld = rng.choice(PROVIDERS), rng.choice(TLDS)
    spoken_local = local.replace(".", " punt ")
    return rng.choice([
        f"{local}@{provider}.{tld}", f"{spoken_local} at {provider} punt {tld}", f"{local}(at){provider}(dot){tld}",
        f"{local} [at] {provider} [punt] {tld}", f"{local} apenstaartje {provider} punt {tld}",
        f"{local.upper()}@{provider.upper()}.{tld.upper()}", f"{local} @ {provider} . {tld}",
    ])


def _url(rng: random.Random, name: Name) -> str:
    handle = (name.first + name.last).lower().replace(" ", "").encode("ascii", "ignore").decode() or "verhaal"
    return rng.choice([f"instagram.com/{handle}", f"https://www.facebook.com/{handle}.{rng.randint(1, 99)}",
                       f"www.{handle}.nl", f"https://linktr.ee/{handle}", f"tiktok.com/@{handle}",
                       f"http://{handle}.blogspot.com/2024/03/mijn-verhaal"])


def _date(rng: random.Random) -> str:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1940, 2025)
    return rng.choice([f"{d}-{m}-{y}", f"{d:02d}/{m:02d}/{str(y)[2:]}", f"{d} {SHORT_MONTHS[m - 1]} {y}",
                       f"{d} {MONTHS[m - 1]}", f"{y}-{m:02d}-{d:02d}", f"{d}e {MONTHS[m - 1]} {y}",
                       f"{d}.{m}.{y}", f"{d} {MONTHS[m - 1].capitalize()} {y}"])


def _plate(rng: random.Random) -> str:
    def letters(n: int) -> str:
        return "".join(rng.choice("BDFGHJKLNPRSTVXZ") for _ in range(n))

    def digits(n: int) -> str:
        return "".join(str(rng.randint(0, 9)) for _ in range(n))

    plate = rng.choice([f"{digits(1)}-{letters(3)}-{digits(2)}", f"{letters(2)}-{digits(3)}-{letters(1)}",
                        f"{letters(3)}-{digits(2)}-{letters(1)}", f"{digits(2)}-{letters(3)}-{digits(1)}",
                        f"{letters(1)}-{digits(3)}-{letters(2)}", f"{digits(3)}-{letters(2)}-{digits(1)}"])
    return plate.lower() if rng.random() < 0.3 else plate


def _case_number(rng: random.Random) -> tuple[str, str]:
    n = rng.randint(10000, 9999999)
    year = rng.randint(2018, 2026)
    return rng.choice([
        ("zaaknr. ", f"{year}-{n}"), ("dossier ", f"D{year}{n % 100000:05d}"), ("ons kenmerk: ", f"SZW/{year}/{n}"),
        ("klantnr ", f"{n}"), ("referentienummer ", f"REF-{n}"), ("aanvraagnummer ", f"AV{year}-{n % 10000:04d}"),
        ("", f"WIZ-{year}-{n % 1000000:06d}"),
    ])


def _street(rng: random.Random) -> str:
    part = rng.choice(STREET_PARTS)
    number = f"{rng.randint(1, 320)}{rng.choice(HOUSE_SUFFIXES)}"
    if part.endswith("straat"):
        return f"{part} {number}"
    form = rng.random()
    if form < 0.2:
        return f"Laan van {part} {number}"
    if form < 0.35:
        return f"Dokter {part}{rng.choice(STREET_SUFFIXES)} {number}"
    if form < 0.45:
        return f"{rng.choice(['Burgemeester', 'Prins', 'Generaal', 'Pastoor'])} {part}{rng.choice(STREET_SUFFIXES)} " \
               f"{number}"
    joined = part.replace(" ", "-") if " " in part and rng.random() < 0.5 else part
    return f"{joined}{rng.choice(STREET_SUFFIXES)} {number}"


def _postcode(rng: random.Random) -> str:
    digits = rng.randint(1000, 9999)
    letters = "".join(rng.choice("ABCEGHJKLMNPRTVWXZ") for _ in range(2))
    return rng.choice([f"{digits}{letters}", f"{digits} {letters}", f"{digits}{letters.lower()}"])


# --- names ---------------------------------------------------------------------------------------------------------
def _name(rng: random.Random) -> Name:
    origin = rng.choice(sorted(NAMES_BY_ORIGIN))
    firsts, lasts = NAMES_BY_ORIGIN[origin]
    last = rng.choice(lasts)
    if rng.random() < 0.12:
        last = f"{last}-{rng.choice(lasts)}"
    return Name(rng.choice(firsts), last, origin)


def _written(rng: random.Random, name: Name, lower: bool) -> tuple[str, str]:
    """(words kept before the name, the name as written)."""
    form = rng.random()
    title = rng.choice(["mevrouw ", "meneer ", "mw. ", "dhr. ", "mevr. ", "juf ", "collega ", "buurvrouw "])
    if form < 0.35:
        written, before = f"{name.first} {name.last}", ""
    elif form < 0.55:
        written, before = name.first, ""
    elif form < 0.75:
        written, before = name.last, title
    elif form < 0.85:
        written, before = f"{name.first} {name.last}", title
    else:
        initials = "".join(f"{c}." for c in rng.sample("ABDEFGHJKLMNPRSTW", rng.randint(1, 2)))
        written, before = f"{initials} {name.last}", ""
        lower = False  # initials are written as initials
    if lower:
        written = written.lower()
    elif name.last[:1].islower() and written.startswith(name.last):
        written = written[0].upper() + written[1:]
    return before, written


# --- text ----------------------------------------------------------------------------------------------------------
CHAT_FILLER = (
    "hoi", "oke top", "thx", "ff checken", "ik hoor het wel", "sorry voor de late reactie", "komt goed",
    "weet jij of het uwv al betaald heeft", "de voedselbank is dicht op maandag",
    "ze zit echt met haar handen in haar haar",
    "heb de aanvraag bijzondere bijstand doorgezet", "hij snapt die brieven van de belastingdienst niet",
    "morgen meeting met het wijkteam", "kan iemand de digid aanvraag checken", "zit vast in de wachtrij bij de ggd",
    "update volgt", "ze heeft weer een aanmaning van het cjib", "schuldhulp loopt nu via de kredietbank",
    "lol die printer doet het weer niet", "ik ben er vanaf 9 uur", "de energietoeslag is nog niet binnen",
    "ze wil graag een afspraak in de middag", "budgetbeheer is opgestart", "het gaat wel beter met de kids",
)
CHAT_TEMPLATES: tuple[tuple[str, str], ...] = (
    ("person", "gisteren met {x} gebeld over de huur"), ("person", "{x} zei dat de brief kwijt is"),
    ("person", "kun je {x} ff terugbellen"), ("person", "{x} belde net huilend op"),
    ("person", "heb {x} gesproken bij de balie"), ("person", "afspraak met {x} verzet naar donderdag"),
    ("person", "vroeg {x} of de toeslag al binnen was"), ("person", "{x} en haar dochter kwamen samen"),
    ("person", "had het er met {x} over"), ("person", "zei {x} dat het niet lukte"),
    ("bsn", "bsn {x} staat in het dossier"), ("bsn", "zn bsn is {x} klopt dat"),
    ("iban", "rekeningnummer {x} graag op de aanvraag"), ("iban", "storten op {x} svp"),
    ("phone", "tel {x} na 3 uur"), ("phone", "bereikbaar op {x}"), ("phone", "haar nummer {x} werkt niet meer"),
    ("email", "mailadres is {x}"), ("email", "stuur het naar {x} aub"),
    ("url", "ze heeft een inzamelactie op {x}"), ("url", "kijk even op {x}"),
    ("address", "ze woont nu op de {x} boven de bakker"), ("address", "adres {x} klopt niet meer"),
    ("postcode", "postcode {x} hoort bij de nieuwe woning"), ("postcode", "pc {x}"),
    ("place", "ze is verhuisd naar {x} vorige maand"), ("place", "hij komt oorspronkelijk uit {x}"),
    ("date", "geboren {x} volgens het paspoort"), ("date", "gesprek staat op {x}"),
    ("plate", "de auto {x} moet weg ivm de schuld"), ("plate", "kenteken {x} staat op haar naam"),
    ("case", "in het systeem onder {p}{x}"), ("case", "zie {p}{x} voor de historie"),
)
CHAT_TEXTS = frozenset(template for _, template in CHAT_TEMPLATES)
NOTE_TEMPLATES: tuple[tuple[str, str], ...] = (
    ("person", "Aanwezig bij het gesprek: {x} en de klantmanager."),
    ("person", "Cliënt {x} gaf aan dat het beter gaat."),
    ("person", "Volgens de verhuurder heeft {x} de sleutels ingeleverd."), ("person", "{x} vertelde over de schulden."),
    ("person", "Overleg gehad met {x} van het wijkteam."), ("person", "Telefonisch contact met {x}, zij belt terug."),
    ("bsn", "Burgerservicenummer: {x}."), ("iban", "Uitbetaling op rekening {x} na akkoord."),
    ("phone", "Contact via {x} (alleen ochtend)."), ("email", "Correspondentie per mail: {x}."),
    ("url", "Zie ook de pagina {x} die de cliënt zelf bijhoudt."), ("address", "Nieuw woonadres: {x}."),
    ("postcode", "Postcode woning {x}, tweede verdieping."), ("place", "Cliënt woont sinds kort in {x}."),
    ("date", "Datum intake: {x}."), ("plate", "Voertuig met kenteken {x} is verkocht."),
    ("case", "Bekend onder {p}{x}."),
)
STORY_FILLER = (
    "Het begon allemaal toen de huurtoeslag werd teruggevorderd.",
    "Niemand had haar verteld dat ze een wijziging moest doorgeven.",
    "De brieven stapelden zich op in de gang, ongeopend, want elke envelop voelde als een klap.",
    "Op een dinsdagochtend stond ze aan de balie van het Werkplein, met een plastic tas vol papieren.",
    "Samen met de budgetcoach hebben we alles uitgezocht en op volgorde gelegd.",
    "Het bleek om zeventien schuldeisers te gaan, van de zorgverzekeraar tot een webwinkel.",
    "De Kredietbank wilde pas een regeling treffen als alle schulden in beeld waren.",
    "Ondertussen liep de huurachterstand op en dreigde de woningcorporatie met een ontruiming.",
    "We hebben met de corporatie gebeld en uitstel gekregen, op voorwaarde van een betalingsregeling.",
    "Haar zoon zat in de examenklas en wilde niet dat zijn vrienden iets merkten.",
    "Via Stichting Leergeld kon hij toch mee op de werkweek.",
    "Het UWV had een WW-uitkering afgewezen omdat een formulier te laat binnen was.",
    "Bezwaar maken lukte pas met hulp van het Juridisch Loket.",
    "In de tussentijd kreeg ze een voedselpakket van de Voedselbank, wat ze heel moeilijk vond.",
    "Ze schaamde zich en zei dat ze nooit had gedacht dat het haar zou overkomen.",
    "De huisarts verwees haar naar de POH-GGZ vanwege slapeloosheid en somberheid.",
    "Na een paar maanden kwam er ruimte in haar hoofd om weer na te denken over werk.",
    "Ze volgde een training bij een re-integratiebureau en liep stage in een verpleeghuis.",
    "Daar bloeide ze op, de bewoners waren dol op haar.",
    "De Participatiewet maakte het ingewikkeld, want elke extra euro werd verrekend.",
    "Toch koos ze voor een contract van twintig uur, omdat ze weer ergens bij wilde horen.",
    "De regels rond de inkomstenvrijlating waren zelfs voor ons lastig uit te leggen.",
    "Met een overzicht op een A4'tje werd het voor haar duidelijk wat ze overhield.",
    "Het Nibud-budgethandboek hielp om de vaste lasten op een rij te zetten.",
    "Uiteindelijk kwam de schuldregeling er, voor drie jaar, en dat gaf rust.",
    "Een vrijwilliger van Humanitas kwam elke week langs voor de administratie.",
    "Zijn moeder sprak nauwelijks Nederlands, dus een tolk via de telefoon was nodig.",
    "Het Sociaal Wijkteam regelde ook hulp voor de jongste, die vaak boos was.",
    "In de zomer ging het even mis toen de wasmachine kapot ging en er geen buffer was.",
    "Met bijzondere bijstand hebben we een tweedehands exemplaar kunnen regelen via Kringloop.",
    "Wat het meest hielp was dat er één vast aanspreekpunt was, zei ze later.",
    "Ze hoefde haar verhaal niet telkens opnieuw te vertellen aan een ander loket.",
    "Achteraf had de gemeente veel eerder kunnen signaleren dat het misging, via de vroegsignalering.",
    "De energieleverancier gaf pas uitstel toen wij belden namens de gemeente.",
    "Op Koningsdag verkocht ze spullen op de vrijmarkt en was trots op wat ze verdiende.",
    "Het contact met DUO over de studieschuld verliep via MijnOverheid en DigiD.",
    "Toen de Belastingdienst de toeslagen herberekende kwam er zelfs geld terug.",
    "Ze zegt nu dat ze anderen wil helpen die in dezelfde situatie zitten.",
    "Wij hebben geleerd dat vertrouwen opbouwen tijd kost en dat je niet kunt haasten.",
    "Een warme overdracht naar de schuldhulpverlening werkte beter dan een verwijsbrief.",
)


def _identifier(rng: random.Random, kind: str, name: Name) -> tuple[str, str, EntityType, str]:
    """(text kept before it, the identifier, its type, origin for people)."""
    makers: dict[str, Callable[[], tuple[str, str, EntityType, str]]] = {
        "bsn": lambda: ("", _bsn(rng), EntityType.BSN, ""),
        "iban": lambda: ("", _iban(rng), EntityType.IBAN, ""),
        "phone": lambda: ("", _phone(rng), EntityType.PHONE, ""),
        "email": lambda: ("", _email(rng, name), EntityType.EMAIL, ""),
        "url": lambda: ("", _url(rng, name), EntityType.URL, ""),
        "address": lambda: ("", _street(rng), EntityType.ADDRESS, ""),
        "postcode": lambda: ("", _postcode(rng), EntityType.POSTCODE, ""),
        "place": lambda: ("", rng.choice(PLACES), EntityType.PLACE, ""),
        "date": lambda: ("", _date(rng), EntityType.DATE, ""),
        "plate": lambda: ("", _plate(rng), EntityType.LICENCE_PLATE, ""),
        "case": lambda: (*_case_number(rng), EntityType.CASE_NUMBER, ""),
    }
    return makers[kind]()


def _fill(builder: Builder, rng: random.Random, template: str, kind: str, name: Name, lower: bool) -> None:
    if kind == "person":
        prefix, value = _written(rng, name, lower)
        entity_type, origin = EntityType.PERSON, name.origin
    else:
        prefix, value, entity_type, origin = _identifier(rng, kind, name)
        if kind == "place" and lower:
            value = value.lower()
    before, after = template.split("{x}")
    before = before.replace("{p}", prefix) if "{p}" in before else before + prefix
    if not before and not lower and value[:1].islower() and entity_type is EntityType.PERSON:
        value = value[:1].upper() + value[1:]
    builder.add(before)
    builder.plant(value, entity_type, origin)
    builder.add(after)


def _chat(rng: random.Random, story_id: str) -> CorpusStory:
    """A few chat messages between colleagues: lower case, no punctuation, one message per line."""
    builder = Builder()
    name = _name(rng)
    lines = [("", t) for t in rng.sample(CHAT_FILLER, rng.randint(1, 3))]
    lines += [rng.choice(CHAT_TEMPLATES) for _ in range(rng.randint(1, 3))]
    rng.shuffle(lines)
    for index, (kind, template) in enumerate(lines):
        if index:
            builder.add("\n")
        if not kind:
            builder.add(template)
        else:
            _fill(builder, rng, template, kind, name if rng.random() < 0.6 else _name(rng), lower=True)
    return builder.story(story_id)


def _note(rng: random.Random, story_id: str) -> CorpusStory:
    builder = Builder()
    name = _name(rng)
    items = [rng.choice(NOTE_TEMPLATES) for _ in range(rng.randint(2, 5))]
    for index, (kind, template) in enumerate(items):
        builder.add(" " if index else "")
        _fill(builder, rng, template, kind, name if rng.random() < 0.5 else _name(rng), lower=False)
    return builder.story(story_id)


def _long_story(rng: random.Random, story_id: str, words: int = 800) -> CorpusStory:
    """About 800 words: filler paragraphs with identifiers spread through them, the main person recurring."""
    builder = Builder()
    main = _name(rng)
    count = 0
    while count < words:
        if rng.random() < 0.3:
            kind, template = rng.choice(NOTE_TEMPLATES if rng.random() < 0.6 else CHAT_TEMPLATES)
            if rng.random() < 0.4:
                kind, template = "person", rng.choice([t for k, t in NOTE_TEMPLATES if k == "person"])
            chat = template in CHAT_TEXTS
            start = builder.length
            _fill(builder, rng, template, kind, main if rng.random() < 0.5 else _name(rng), lower=False)
            if chat:
                builder.add(".")
            count += len("".join(builder.parts)[start:].split())
        else:
            sentence = rng.choice(STORY_FILLER)
            builder.add(sentence)
            count += len(sentence.split())
        builder.add("\n\n" if rng.random() < 0.15 else " ")
    return builder.story(story_id)


def generate_informal_corpus(count: int = 360, seed: int = 20261128) -> list[CorpusStory]:
    """Chat threads, case notes and (one in six) long stories of about 800 words."""
    rng = random.Random(seed)
    stories = []
    for index in range(count):
        story_id = f"i{index:04d}"
        if index % 6 == 5:
            stories.append(_long_story(rng, story_id))
        elif index % 2:
            stories.append(_chat(rng, story_id))
        else:
            stories.append(_note(rng, story_id))
    return stories
