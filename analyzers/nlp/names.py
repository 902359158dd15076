"""How news text names the same actor in different ways: titles, possessives, abbreviations,
nationality adjectives and capitals standing for their governments.

These are pure functions over strings, kept apart from the spaCy component so that the rules
can be read and tested on their own.
"""

from __future__ import annotations

import re

# Words that may precede a person's name without being part of it. Compared lower-cased,
# without a trailing full stop.
TITLES = frozenset(
    """
    president vice-president president-elect prime premier minister chancellor king queen
    prince princess pope senator sen rep representative congressman congresswoman governor
    gov mayor secretary general gen admiral adm chairman chairwoman chair ceo dr mr mrs ms
    miss mx sir dame lord lady judge justice chief ambassador commissioner director professor
    prof rev reverend sheikh crown speaker leader lt col capt sgt colonel captain sergeant
    foreign defence defense finance interior state former late then deputy acting first
    supreme emperor empress sultan ayatollah archbishop bishop cardinal father sister brother
    saint st officer detective inspector coach
    """.split()
)

# Titles a person is known by when the name alone is one word: "Pope Francis", "King Charles",
# "Prince Harry" (not "Francis", "Charles", "Harry"). Kept in the name shown, never in its key.
STYLE_TITLES = frozenset(
    "pope king queen prince princess emperor empress sultan sheikh ayatollah".split()
)

# Capitals the small model tags as organisations that name things, not actors ("a new EV",
# "AWD", "the IPO", "AI"): never reported as entities.
COMMON_ABBREVIATIONS = frozenset(
    """
    EV EVS AWD RWD FWD 4WD SUV SUVS IPO AI GDP CEO CFO COO CTO PET ICU ICT RRP PR TV PC PCS GPS
    LED LCD USB HDMI DNA RNA ATM APP APPS FAQ PDF VR AR OS
    """.split()
)

NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

ORG_SUFFIXES = frozenset(
    {"inc", "corp", "corporation", "ltd", "llc", "plc", "co", "company", "ag", "sa", "gmbh"}
)

# Every spelling of a country that news copy uses, lower-cased, to one canonical name.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "United States",
    "usa": "United States",
    "u.s.": "United States",
    "u.s.a.": "United States",
    "u.s": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "prc": "China",
    "people's republic of china": "China",
    "mainland china": "China",
    "russian federation": "Russia",
    "uae": "United Arab Emirates",
    "u.a.e.": "United Arab Emirates",
    "dprk": "North Korea",
    "rok": "South Korea",
    "republic of korea": "South Korea",
    "eu": "European Union",
    "e.u.": "European Union",
    "west": "the West",
    "the west": "the West",
    "holland": "Netherlands",
}

# Nationality adjectives (spaCy NORP) that stand for their country.
DEMONYMS: dict[str, str] = {
    "american": "United States",
    "british": "United Kingdom",
    "english": "United Kingdom",
    "chinese": "China",
    "russian": "Russia",
    "ukrainian": "Ukraine",
    "french": "France",
    "german": "Germany",
    "italian": "Italy",
    "spanish": "Spain",
    "japanese": "Japan",
    "korean": "Korea",
    "south korean": "South Korea",
    "north korean": "North Korea",
    "indian": "India",
    "pakistani": "Pakistan",
    "iranian": "Iran",
    "iraqi": "Iraq",
    "israeli": "Israel",
    "palestinian": "Palestine",
    "syrian": "Syria",
    "turkish": "Turkey",
    "saudi": "Saudi Arabia",
    "egyptian": "Egypt",
    "afghan": "Afghanistan",
    "canadian": "Canada",
    "mexican": "Mexico",
    "brazilian": "Brazil",
    "argentine": "Argentina",
    "argentinian": "Argentina",
    "australian": "Australia",
    "taiwanese": "Taiwan",
    "vietnamese": "Vietnam",
    "polish": "Poland",
    "dutch": "Netherlands",
    "belgian": "Belgium",
    "swiss": "Switzerland",
    "swedish": "Sweden",
    "norwegian": "Norway",
    "finnish": "Finland",
    "danish": "Denmark",
    "greek": "Greece",
    "hungarian": "Hungary",
    "irish": "Ireland",
    "nigerian": "Nigeria",
    "south african": "South Africa",
    "kenyan": "Kenya",
    "ethiopian": "Ethiopia",
    "venezuelan": "Venezuela",
    "cuban": "Cuba",
    "filipino": "Philippines",
    "indonesian": "Indonesia",
    "thai": "Thailand",
    "malaysian": "Malaysia",
    "singaporean": "Singapore",
    "belarusian": "Belarus",
    "georgian": "Georgia",
    "european": "European Union",
    "western": "the West",
}

# Capitals that news copy uses for the country's government ("Washington warned ...").
CAPITALS: dict[str, str] = {
    "washington": "United States",
    "beijing": "China",
    "moscow": "Russia",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "london": "United Kingdom",
    "paris": "France",
    "berlin": "Germany",
    "rome": "Italy",
    "madrid": "Spain",
    "tokyo": "Japan",
    "seoul": "South Korea",
    "pyongyang": "North Korea",
    "new delhi": "India",
    "islamabad": "Pakistan",
    "tehran": "Iran",
    "baghdad": "Iraq",
    "damascus": "Syria",
    "ankara": "Turkey",
    "riyadh": "Saudi Arabia",
    "cairo": "Egypt",
    "kabul": "Afghanistan",
    "ottawa": "Canada",
    "canberra": "Australia",
    "taipei": "Taiwan",
    "hanoi": "Vietnam",
    "warsaw": "Poland",
    "minsk": "Belarus",
    "brussels": "European Union",
    "havana": "Cuba",
    "caracas": "Venezuela",
    "manila": "Philippines",
}

_POSSESSIVE = re.compile(r"['’]s$")
_SPACES = re.compile(r"\s+")


def clean_surface(text: str) -> str:
    """The mention as a reader would name it: no possessive, no leading article, one space."""
    text = _SPACES.sub(" ", text).strip(" \t\n\"'“”‘’,;:()[]")
    text = _POSSESSIVE.sub("", text)
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip()


def strip_titles(tokens: list[str]) -> list[str]:
    """Drop leading titles and honorifics ("President", "Mr.", "Prime Minister") from a name."""
    start = 0
    while start < len(tokens) - 1 and tokens[start].lower().rstrip(".") in TITLES:
        start += 1
    return tokens[start:]


def person_name(text: str) -> str:
    """A person's name as shown: titles dropped ("President Joe Biden" -> "Joe Biden"), but
    the style a one-word name goes by kept ("Pope Francis", not "Francis")."""
    tokens = text.split()
    kept = strip_titles(tokens)
    styled = len(kept) == 1 and len(tokens) >= 2 and tokens[-2].lower() in STYLE_TITLES
    return " ".join(tokens[-2:] if styled else kept)


def person_key(text: str) -> tuple[str, ...]:
    """Lower-cased name tokens without titles, middle initials or suffixes: 'Joe R. Biden Jr.'
    and 'President Joe Biden' both give ('joe', 'biden')."""
    tokens = strip_titles(clean_surface(text).split())
    kept = [t.lower().rstrip(".,") for t in tokens]
    kept = [t for t in kept if t and t not in NAME_SUFFIXES]
    core = [t for t in kept if len(t) > 1]
    return tuple(core or kept)


def org_key(text: str) -> tuple[str, ...]:
    """Lower-cased organisation name without a trailing company-form suffix ("Inc.", "plc")."""
    tokens = [t.lower().strip(".,") for t in clean_surface(text).split()]
    while len(tokens) > 1 and tokens[-1] in ORG_SUFFIXES:
        tokens.pop()
    return tuple(t for t in tokens if t)


def name_key(surface: str, label: str) -> tuple[str, ...]:
    """The words two names of one entity of type ``label`` share: titles dropped from a
    person's name, company forms from an organisation's, case from both; a country's every
    spelling gives the country ("U.S." and "America" are "united states")."""
    country = country_for(clean_surface(surface))
    if country is not None and label != "PERSON":
        return tuple(country.lower().split())
    if label == "PERSON":
        return person_key(surface)
    if label == "ORG":
        return org_key(surface)
    return tuple(clean_surface(surface).lower().split())


def country_for(text: str) -> str | None:
    """The canonical country (or bloc) a place name or abbreviation stands for, if any."""
    lowered = _SPACES.sub(" ", text.strip()).lower()
    return COUNTRY_ALIASES.get(lowered) or COUNTRY_ALIASES.get(lowered.removeprefix("the "))


def acronym(text: str) -> str | None:
    """'U.S.' -> 'US', 'NATO' -> 'NATO'; None for words that are not all capitals."""
    compact = text.replace(".", "").replace(" ", "")
    if 2 <= len(compact) <= 6 and compact.isalpha() and compact.isupper():
        return compact
    return None


def initials(name: str) -> str:
    """'United Nations' -> 'UN', 'North Atlantic Treaty Organization' -> 'NATO'."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isalpha()]
    return "".join(w[0].upper() for w in words if w.lower() not in {"of", "the", "and", "for"})


def is_part_of_name(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether a shorter person key names the same person as a full one: the surname alone
    ("Biden" of "Joe Biden"), the closing words ("Eriksson Ek" of "Joel Eriksson Ek"), or the
    first word of a two-word name (a given name, or a family name written first: "Xi" of
    "Xi Jinping"). Never two different full names: "Hunter Biden" is not part of "Joe Biden"."""
    if not short or len(short) >= len(full):
        return False
    if full[-len(short) :] == short:
        return True
    return len(short) == 1 and len(full) == 2 and short[0] == full[0]
