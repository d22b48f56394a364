"""Word lists: capitalised words that are not names (for grounding) and common words per language.

Everything is folded (lower case, no accents) so lookups can use `composer.text.fold` output.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised at the start of a sentence or by convention, but never the name of a company, school or person.
NOT_NAMES = _words(
    """
    i im id ive ill me my we our us you your yours he she they their them it its this that these those
    hi hello hey dear hola buenos buenas bonjour bonsoir salut coucou hallo guten tag moin servus
    thanks thank cheers best regards kind warm warmest sincerely yours cordially all the greetings
    cordialement bien merci amicalement salutations sinceres gracias saludos un abrazo atentamente cordiales
    viele beste liebe grusse gruss freundliche freundlichen danke vielen herzliche mit
    monday tuesday wednesday thursday friday saturday sunday
    lundi mardi mercredi jeudi vendredi samedi dimanche
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    lunes martes miercoles jueves viernes sabado domingo
    january february march april may june july august september october november december
    janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
    januar februar marz juni juli oktober dezember
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    english french german spanish italian portuguese dutch polish europe european emea dach latam
    anglais francais allemand espagnol englisch franzosisch deutsch spanisch ingles frances aleman espanol
    linkedin inmail inmails premium navigator sales recruiter
    ceo cto cfo coo cmo cpo cio vp svp evp hr it ai ml llm api apis kpi kpis okr okrs roi b2b b2c saas
    q1 q2 q3 q4 ps pps ok re fyi faq
    mr mrs ms dr prof herr frau madame monsieur senor senora
    a an and or but so if as at on in of for to with from by about after before
    le la les un une des du de et ou mais vous votre vos nous notre je tu il elle
    der die das ein eine einen und oder aber sie ihr ihre ihren ihrem ihnen ich wir du dein deine
    el los las una unos y o pero usted tu tus su sus nosotros yo
    p s
    """
)

# Lower-case words that may sit inside an organisation's name ("Bank of America", "Universidad de Chile").
NAME_CONNECTORS = _words("of the for de del la le les des du da do von van der den zu")

# Words that start a German sentence after "bei" and are not employers ("bei Fragen", "bei Interesse").
GERMAN_NOT_EMPLOYERS = _words(
    """
    fragen interesse bedarf gelegenheit gelegenheiten ihnen ihrem ihrer ihren uns euch dir mir projekten
    gesprach gesprachen problemen themen kunden teams unternehmen firmen gelegenheit planung
    """
)

# A full stop after these does not end a sentence: "e.g. forecasting", "Dr. Weber", "z.B. Routen".
# Titles are here because a name follows them; written without the final dot.
ABBREVIATIONS = _words(
    """
    e.g i.e cf vs viz approx ca mr mrs ms dr prof mme mlle p.ex z.b d.h u.a bzw vgl ggf nr hr
    sr sra srta dra p.ej ej ud uds aprox mio mrd tsd mill inkl evtl zb dh ua sig
    """
)

# These end a sentence only when a capital follows: "at Acme Inc. We grew" but "Acme Inc. and Globex".
FINAL_ABBREVIATIONS = _words("etc inc ltd co corp llc jr st usw")

# Common words per language, to tell which language a draft is written in.
COMMON_WORDS = {
    "en": _words(
        "the and to you your of a for in is on with i that it we this be are would could our have at "
        "about as can if my me not will an from what how just so"
    ),
    "fr": _words(
        "le la les et de des du vous votre vos je nous pour une un est sur avec que qui dans pas ce cette "
        "mais au aux ou plus tres bien merci bonjour"
    ),
    "de": _words(
        "der die das und ich sie ihr ihre ihren ihnen wir mit fur ein eine einen ist zu auf nicht den dem "
        "von bei wie auch uber gerne hallo viele grusse"
    ),
    "es": _words(
        "el la los las y de que en tu te un una con para por es se me mi nos al lo como mas pero muy hola "
        "gracias saludos tus"
    ),
}

LANGUAGE_NAMES = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "fi": "Finnish",
    "tr": "Turkish",
    "ja": "Japanese",
    "zh": "Chinese",
    "ko": "Korean",
    "ar": "Arabic",
    "hi": "Hindi",
    "ru": "Russian",
    "uk": "Ukrainian",
    "cs": "Czech",
    "ro": "Romanian",
    "el": "Greek",
    "he": "Hebrew",
}
