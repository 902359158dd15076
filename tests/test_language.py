"""Language detection: English passes, other languages are named, unclear text is not guessed."""

from __future__ import annotations

import pytest

from analyzers.ingest.language import detect_language, is_english, normalize_code, resolve_language

ENGLISH = (
    "The council voted on Tuesday to approve the budget, and the mayor said that it was a "
    "good day for the city because the plan will cut journey times for thousands of people."
)
LATIN_SAMPLES = {
    "de": "Der Stadtrat hat am Dienstag den Haushalt beschlossen, und der Bürgermeister sagte, "
    "dass es ein guter Tag für die Stadt sei, weil die Fahrzeiten nicht mehr so lang sind.",
    "fr": "Le conseil municipal a voté mardi le budget, et le maire a dit que c'était une bonne "
    "journée pour la ville, car le plan va réduire les temps de trajet des habitants.",
    "es": "El consejo municipal aprobó el martes el presupuesto, y el alcalde dijo que era un "
    "buen día para la ciudad, porque el plan va a reducir los tiempos de viaje de los vecinos.",
    "it": "Il consiglio comunale ha approvato martedì il bilancio, e il sindaco ha detto che è "
    "stata una buona giornata per la città, perché il piano ridurrà i tempi di viaggio.",
    "pt": "A câmara municipal aprovou na terça-feira o orçamento, e o prefeito disse que foi um "
    "bom dia para a cidade, porque o plano vai reduzir o tempo de viagem dos moradores.",
    "nl": "De gemeenteraad heeft dinsdag de begroting goedgekeurd, en de burgemeester zei dat het "
    "een goede dag voor de stad was, omdat het plan de reistijden van de inwoners verkort.",
}
SCRIPT_SAMPLES = {
    "ru": "Городской совет во вторник утвердил бюджет, и мэр сказал, что это хороший день.",
    "zh": "市议会周二批准了预算，市长表示这对城市来说是美好的一天。",
    "ja": "市議会は火曜日に予算を承認し、市長はこの計画で移動時間が短くなると述べた。",
    "ko": "시의회는 화요일에 예산을 승인했으며 시장은 좋은 날이라고 말했다.",
    "ar": "وافق مجلس المدينة يوم الثلاثاء على الميزانية وقال رئيس البلدية إنه يوم جيد.",
    "el": "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη τον προϋπολογισμό της πόλης.",
}


def test_english_prose_is_english() -> None:
    assert detect_language(ENGLISH) == "en"
    assert is_english(ENGLISH)


@pytest.mark.parametrize(("code", "text"), sorted(LATIN_SAMPLES.items()))
def test_latin_script_languages_by_function_words(code: str, text: str) -> None:
    assert detect_language(text) == code
    assert not is_english(text)


@pytest.mark.parametrize(("code", "text"), sorted(SCRIPT_SAMPLES.items()))
def test_other_scripts_by_unicode_script(code: str, text: str) -> None:
    assert detect_language(text) == code


def test_english_with_a_few_foreign_words_stays_english() -> None:
    text = ENGLISH + " Officials called it a « coup de maître », and the Kremlin said „nein“ (нет)."
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Breaking news",
        "Xi Jinping Vladimir Putin Joe Biden Emmanuel Macron Olaf Scholz Fumio Kishida "
        "Narendra Modi Jair Bolsonaro Justin Trudeau Boris Johnson Mario Draghi Pedro Sanchez",
        "12 345 67 89 2021 2022 1.00x 3 4 5 6 7 8 9 10 11 12",
    ],
)
def test_unclear_text_is_not_guessed(text: str) -> None:
    assert detect_language(text) is None


def test_urls_do_not_vote() -> None:
    links = " ".join(f"http://amzn.to/the-{n}-of-and www.the-to-of.com/{n}" for n in range(30))
    assert detect_language(LATIN_SAMPLES["it"] + " " + links) == "it"


@pytest.mark.parametrize(
    ("declared", "code"),
    [("en-GB", "en"), ("EN_us", "en"), (" fr ", "fr"), ("", None), (None, None), ("x1", None)],
)
def test_normalize_code(declared: str | None, code: str | None) -> None:
    assert normalize_code(declared) == code


def test_text_wins_over_a_wrong_declaration() -> None:
    assert resolve_language(ENGLISH, declared="de") == "en"
    assert resolve_language(LATIN_SAMPLES["de"], declared="en") == "de"


def test_declaration_decides_when_the_text_cannot() -> None:
    assert resolve_language("Breaking news", declared="fr-FR") == "fr"
    assert not is_english("Breaking news", declared="fr")
    assert is_english("Breaking news")


POLISH = (
    "Rada miasta we wtorek przyjęła budżet na transport publiczny po miesiącach debaty między "
    "burmistrzem a opozycją. Zwolennicy twierdzą, że plan skróci czas podróży w całym regionie, "
    "a krytycy ostrzegają, że podniesie ceny biletów dla najbiedniejszych mieszkańców. Budżet "
    "wejdzie w życie w styczniu, powiedzieli urzędnicy miejscy."
)


def test_long_text_in_an_unlisted_language_is_not_english() -> None:
    assert detect_language(POLISH) is None
    assert not is_english(POLISH)
