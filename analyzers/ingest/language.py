"""Which language a text is in, well enough to turn away articles the bot cannot analyse.

Why this approach: the analysis only has to know "English or clearly not", and that needs no
model. Writing systems settle most cases at once (Cyrillic, Greek, Arabic, Hebrew, Devanagari,
Thai, Hangul, kana, Han). Among Latin-script languages the most frequent function words differ
sharply: running text in any of them is 30-50% words like "the/of/and", "der/und/nicht",
"le/et/des", "el/y/los"... Counting those (a word shared by several lists counts for each
only in proportion) separates English from German, French, Spanish, Italian, Portuguese and
Dutch on a few dozen words, costs microseconds, and adds no dependency. When the text is too short
or no language clearly leads, :func:`detect_language` says so (``None``) instead of guessing; a
long text with almost no English function words is still "not English" to :func:`is_english`
(Polish, Indonesian...), though it gets no code.

Pages also declare a language (``<html lang>``); :func:`resolve_language` trusts the text over
the declaration, because templates often declare ``lang="en"`` for every edition of a site and
some English pages inherit another language from their CMS. The declaration decides only when the
text cannot.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _wordset(
        "the of and to in is was that for it with as on are be by at this from have has had "
        "not but or an they which their its were been would will who said he she his her "
        "we our after also more than about there when what can into"
    ),
    "de": _wordset(
        "der die das und ist nicht sich mit den dem des ein eine einen einem auch auf für "
        "von zu im wird werden wurde sind hat haben noch nach bei aus wie oder aber nur "
        "sie er wir ich es dass über vor zum zur"
    ),
    "fr": _wordset(
        "le la les et des du un une est dans pour que qui sur pas par au aux avec ce cette "
        "sont ont été il elle ils nous vous mais ou plus se sa son ses leur être fait comme "
        "aussi"
    ),
    "es": _wordset(
        "el la los las y de del que en un una es por con para se no su sus al lo como más "
        "pero fue ha han este esta son también entre sobre desde muy ya hay ser"
    ),
    "it": _wordset(
        "il lo la gli le di del della dei che e un una è per con non si da nel nella sono "
        "alla anche come più ma ha hanno questo questa dopo sul essere stato per su negli gli "
        "anni ci sua suo loro"
    ),
    "pt": _wordset(
        "o a os as de do da dos das que e um uma é para com não no na se por mais em ao "
        "foi como mas ser são também pelo pela seu sua ele ela já nos em você até após"
    ),
    "nl": _wordset(
        "de het een en van in is dat op te niet met voor zijn er aan ook als maar om door "
        "bij nog wordt werd naar dan hij ze zij heeft hebben uit over deze"
    ),
}

# Each word weighs 1 / (number of languages listing it): "de" or "a" hardly vote at all.
_LANGUAGES_OF: dict[str, set[str]] = {}
for _lang, _words in _STOPWORDS.items():
    for _word in _words:
        _LANGUAGES_OF.setdefault(_word, set()).add(_lang)

_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("CYRILLIC", "ru"),
    ("GREEK", "el"),
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("DEVANAGARI", "hi"),
    ("THAI", "th"),
    ("HANGUL", "ko"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("CJK", "zh"),
)

_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_URL_RE = re.compile(r"\S+://\S+|www\.\S+")
SAMPLE_CHARS = 20_000  # plenty to decide; keeps long pages cheap
MIN_WORDS = 12  # below this, function-word counts are noise
MIN_SHARE = 0.08  # prose runs at 0.2-0.5 (shared words weigh less); lists of names far lower
MIN_LEAD = 2.0  # the winner must score at least twice the runner-up
# English prose scores 0.2-0.5; a long text under 0.05 is some language not listed here.
FOREIGN_MIN_WORDS = 40
FOREIGN_MAX_ENGLISH = 0.05


def _script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    return next((code for script, code in _SCRIPTS if name.startswith(script)), "latin")


def _script_language(text: str) -> str | None:
    """The language a non-Latin script gives away, when letters of that script dominate."""
    scripts = Counter(_script_of(c) for c in text[:SAMPLE_CHARS] if c.isalpha())
    total = sum(scripts.values())
    if not total:
        return None
    kana, han = scripts["ja"], scripts["zh"]
    if kana + han > total / 2 and kana >= 0.1 * (kana + han):
        return "ja"  # Japanese mixes kana with Han characters; Chinese has none
    code, count = scripts.most_common(1)[0]
    return code if code != "latin" and count > total / 2 else None


def _stopword_scores(words: list[str]) -> list[tuple[str, float]]:
    """Languages by weighted function-word count, best first."""
    scores: dict[str, float] = {}
    for word in words:
        langs = _LANGUAGES_OF.get(word, set())
        for lang in langs:
            scores[lang] = scores.get(lang, 0.0) + 1 / len(langs)
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)


def _latin_words(text: str) -> list[str]:
    prose = _URL_RE.sub(" ", text[:SAMPLE_CHARS])
    return [w.casefold() for w in _WORD_RE.findall(prose)]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or ``None`` when the text does not say clearly."""
    script = _script_language(text)
    if script or not text:
        return script
    words = _latin_words(text)
    if len(words) < MIN_WORDS:
        return None
    ranked = _stopword_scores(words)
    if not ranked:
        return None
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if score / len(words) < MIN_SHARE or score < MIN_LEAD * runner_up:
        return None
    return best


def normalize_code(declared: str | None) -> str | None:
    """``"en-GB"``, ``"EN_us"``, ``" en "`` -> ``"en"``; empty or malformed -> ``None``."""
    if not declared:
        return None
    code = re.split(r"[-_]", declared.strip().lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def resolve_language(text: str, declared: str | None = None) -> str | None:
    """The text's own language when detection is sure, else what the page declared."""
    return detect_language(text) or normalize_code(declared)


def is_english(text: str, declared: str | None = None) -> bool:
    """True unless the text (or, when the text is unclear, the page) says another language.

    A long text with almost no English function words is not English even when its language
    is none of those listed (Polish, Indonesian, Swedish...).
    """
    language = resolve_language(text, declared)
    if language is not None:
        return language == "en"
    words = _latin_words(text)
    english = sum(1 for word in words if word in _STOPWORDS["en"])
    return len(words) < FOREIGN_MIN_WORDS or english / len(words) >= FOREIGN_MAX_ENGLISH
