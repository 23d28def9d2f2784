"""Closed word classes of Dutch that the name, place and address recognisers use as cues (folded keys)."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words, auxiliaries and chat words: never a name, whatever the name lists say.
STOP = _words("""
de het een en of maar want dus dat die dit deze wat wie waar wanneer hoe waarom welke wiens ik jij je u hij zij ze
wij we jullie hun hen haar hem mij me mijn jouw zijn ons onze uw er hier daar niet geen wel ook nog al toch nu dan
toen als zoals om te tot met van voor na naar in op uit aan bij door over onder tegen zonder tussen sinds tijdens
is was waren ben bent zijn heb hebt heeft hebben had hadden word wordt worden werd werden kan kun kunt kon konden
wil wilt wilde zal zult zou zouden moet moest mag mocht ga gaat ging gingen kom komt kwam doe doet deed zeg zegt zei
ja nee oke ok oké okee jawel hoor nou zo heel erg veel weinig meer minder alles niks niets iets iemand niemand elke
ieder alle beide andere ander even eens weer steeds altijd nooit soms vaak echt gewoon misschien ff effe idd wss gwn
mn zn dr m k kzei kheb kben tis da nie ni lol haha hihi xd thx tnx pls plz sws btw ivm mbt ipv tov bijv evt enz enzo
oid ofzo wrm wnr egt mss tog bsn iban tel pc nr zn mn dm ov poh wmo vve kvk svp aub ajb wa app
toch the and you to of for it is sorry yes no please thanks okay nice cool
meneer mevrouw heer juf juffrouw meester dokter collega buurman buurvrouw
net boven beneden binnen buiten achter langs rond weg thuis terug samen alleen pas juist zelfs bijna best goed
slecht mooi fijn leuk lief blij boos bang moe ziek klaar vrij open dicht vol leeg nieuw oud groot klein lang kort
hoog laag snel langzaam vroeg laat morgen gisteren vandaag straks daarna eerst later ooit overal nergens ergens
zeker vast wellicht mogelijk eigenlijk natuurlijk inderdaad helaas gelukkig meteen direct even weer nogmaals
""")

# Words that start an organisation's name: the capitalised words after them are the organisation, not a person
# ("Woonstichting De Key", "Basisschool De Regenboog"). Not "gemeente": "Gemeente Zwolle" names a place.
ORGANISATION_HEADS = _words("""
stichting woonstichting woningstichting woningcorporatie corporatie vereniging zorggroep zorginstelling ggz roc
mbo hogeschool universiteit ziekenhuis bureau centrum kerk moskee basisschool school praktijk huisartsenpraktijk
apotheek firma fonds coöperatie cooperatie kringloop kringloopwinkel buurthuis wijkcentrum
""")
# Titles and forms of address: what follows is a name, even in lower case or when it is also a word.
TITLES = _words("""
mevrouw mevr mvr mw meneer mijnheer mr dhr heer fam familie juffrouw juf meester dokter dr ds drs ir prof pastoor
imam dominee zuster broeder mej madame monsieur sir hr
""")
# People named by their relation to the storyteller or client: a capitalised word or a known name follows.
RELATIONS = _words("""
collega buurman buurvrouw buurjongen buurmeisje tante oom opa oma zoon dochter broer zus zusje broertje neef nicht
vriend vriendin partner echtgenoot echtgenote ex vader moeder schoonmoeder schoonvader schoonzus zwager klant
client cliënt cliente klantmanager consulent werkcoach budgetcoach vrijwilliger huisarts kind baby kleinzoon
kleindochter stiefvader stiefmoeder pleegmoeder pleegvader mentor maatje casemanager jongen meisje man vrouw
wijkagent agent advocaat bewindvoerder docent leraar lerares trainer coach begeleider begeleidster tolk
hulpverlener verpleegkundige wijkverpleegkundige jongerenwerker schuldhulpverlener jobcoach huisbaas verhuurder
werkgever baas leidinggevende zwager schoonzoon schoondochter
""")
# Relations too general to make a word that is also a name into one ("een man roos"): only unknown words follow.
GENERIC_RELATIONS = _words("man vrouw jongen meisje kind baby klant client cliënt cliente")
# Verbs that introduce or follow a person: "gebeld met X", "zei X", "X belde".
NAMING_VERBS = _words("""
heet heette genaamd noemt noemde zei zegt vroeg vraagt belde belt sprak spreekt mailde mailt appte appt vertelde
vertelt schreef stuurde sms'te gebeld gesproken gemaild geappt gezien ontmoet gehoord afgesproken geholpen
""")
PERSON_VERBS = _words("""
zei zegt belde belt vertelde vertelt vroeg vraagt kwam komt had heeft was is wil wilde kon kan moest moet ging gaat
liet mailde appte stuurde reageerde antwoordde schreef vond vindt woont woonde werkt werkte kreeg krijgt heeft
huilde lachte wist weet snapte begreep zat staat stond bleef zit loopt liep hoorde kwamen gaf geeft
""")
# Words that link parts of one name: tussenvoegsels and the particles of Arabic, Berber and Romance names.
PARTICLES = _words("""
van de der den het 't ten ter te in op el al ben bin ibn abu abou bou ait ould la le du da di dos das del della von
""")
# Infinitives with a person as object: "kun je X (even) terugbellen".
OBJECT_VERBS = _words("""
bellen terugbellen mailen appen sms'en vragen helpen spreken bezoeken ophalen uitnodigen doorverwijzen informeren
laten overleggen
""")
# Before a lower-case word that is no Dutch word, in a chat: a person (or a place) follows.
PERSON_PREPOSITIONS = _words("met bij voor aan van naar door tegen zonder via namens")
PLACE_CUES = _words("""
in naar uit te bij vanuit richting rond omgeving woont woon woonde wonen verhuisd verhuisde geboren opgegroeid
""")
STREET_SUFFIXES = ("straatweg", "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "dreef", "hof",
                   "pad", "steeg", "park", "ring", "markt", "plantsoen", "allee", "boulevard", "erf", "wal", "baan",
                   "burgwal", "haven", "dam", "zoom", "lei", "veld", "berg", "horst", "akker", "hoek", "tuin",
                   "donk", "hout", "weide", "oord", "polder", "promenade", "passage", "hoeve", "stede", "kamp")
# Suffixes that mark a street on their own, without a house number.
STRONG_STREET_SUFFIXES = ("straatweg", "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "dreef",
                          "steeg", "boulevard", "burgwal", "allee", "plantsoen")
# Words a street name can start with: "Laan van Poot 12", "Plein 1813", "Dokter van Stratenweg".
STREET_HEADS = _words("""
laan plein hof kade dreef singel weg straat markt park boulevard allee wal burgwal haven dijk steeg erf ring oord
gracht pad
""")
STREET_TITLES = _words("""
dokter burgemeester prins prinses koning koningin graaf gravin generaal professor pastoor pater sint oude nieuwe
korte lange hoge lage noord zuid oost west grote kleine eerste tweede derde binnen buiten achter voor heilige mr dr
ds een twee drie vier vijf zes zeven acht negen tien elf twaalf admiraal kapitein luitenant jonkheer baron
president minister wethouder kardinaal bisschop st
""")
HOUSE_NUMBER_WORDS = _words("nr nummer no huisnummer")
NUMBER_WORDS = {"nul": "0", "een": "1", "één": "1", "twee": "2", "drie": "3", "vier": "4", "vijf": "5", "zes": "6",
                "zeven": "7", "acht": "8", "negen": "9", "zero": "0", "oh": "0"}
