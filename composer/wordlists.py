"""Word lists: capitalised words that are not names (for grounding) and common words per language.

Everything is folded (lower case, no accents) so lookups can use `composer.text.fold` output.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _pairs(text: str) -> dict[str, str]:
    """'our=your my=your the=the' as a mapping; "_" stands for a space ("nostra=la_tua")."""
    return {key: value.replace("_", " ") for key, _, value in (pair.partition("=") for pair in text.split())}


# Capitalised at the start of a sentence or by convention, but never the name of a company, school or person.
NOT_NAMES = _words(
    """
    i im id ive ill me my we our us you your yours he she they their them it its this that these those
    hi hello hey dear hola buenos buenas bonjour bonsoir salut coucou hallo guten tag moin servus
    thanks thank cheers best regards kind warm warmest sincerely yours cordially all the greetings
    cordialement bien merci amicalement salutations sinceres gracias saludos un abrazo atentamente cordiales
    viele beste liebe grusse gruss freundliche freundlichen danke vielen herzliche mit
    ola bom dia boa tarde caro cara prezado prezada estimado estimada buongiorno buonasera salve gentile
    egregio egregia parabens congrats congratulations congratulazioni complimenti felicidades enhorabuena
    felicitations bravo gluckwunsch glueckwunsch herzlichen gratulation obrigado obrigada grazie cordiali
    lei le la sua suo suoi sue loro usted ustedes
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

# The grammar of a noun phrase, per language, for composer.topics. Folded, like everything here.
# Determiners map to the one the draft uses for the same thing: the lead's "our" is the reader's "your";
# "del", "du", "da" (a preposition fused with an article) give their article. "" means no determiner.
DETERMINERS: dict[str, dict[str, str]] = {
    "en": _pairs(
        """
        the=the a=a an=a our=your my=your this=the that=the these=the those=the their=the his=the
        her=the its=the your=the
        """
    ),
    "fr": _pairs(
        """
        le=le la=la les=les l=le un=un une=une du=le au=le aux=les des=les notre=votre nos=vos mon=votre
        ma=votre mes=vos ce=le cet=le cette=la ces=les
        """
    ),
    "es": _pairs(
        """
        el=el la=la los=los las=las un=un una=una unos=unos unas=unas del=el al=el nuestro=tu nuestra=tu
        mi=tu nuestros=tus nuestras=tus mis=tus este=el ese=el esta=la esa=la estos=los esos=los
        estas=las esas=las
        """
    ),
    "it": _pairs(
        """
        il=il lo=lo la=la l=l i=i gli=gli le=le un=un uno=uno una=una del=il al=il nel=il sul=il dal=il
        dello=lo allo=lo nello=lo sullo=lo della=la alla=la nella=la sulla=la dalla=la dell=l all=l
        nell=l sull=l dei=i ai=i nei=i sui=i dai=i degli=gli agli=gli negli=gli delle=le alle=le
        nelle=le sulle=le dalle=le nostro=il_tuo nostra=la_tua nostri=i_tuoi nostre=le_tue mio=il_tuo
        mia=la_tua miei=i_tuoi mie=le_tue questo=il questa=la
        """
    ),
    "pt": _pairs(
        """
        o=o a=a os=os as=as um=um uma=uma uns=uns umas=umas do=o no=o ao=o pelo=o da=a na=a pela=a
        dos=os nos=os aos=os pelos=os das=as nas=as pelas=as nosso=o_seu meu=o_seu nossa=a_sua
        minha=a_sua nossos=os_seus meus=os_seus nossas=as_suas minhas=as_suas este=o esta=a
        """
    ),
    "de": dict.fromkeys(
        _words(
            "der die das den dem des ein eine einen einem einer eines unser unsere unseren unserem unserer"
            " mein meine meinen meinem dieser diese dieses diesen jede jeder jedes jeden kein keine"
        ),
        "",
    ),
}

# Words that join two nouns into one phrase: "head of planning", "déchets d'emballage", "analista de
# previsão". The fused ones ("della", "do") join too when a noun follows.
NOUN_JOINERS = {
    "en": _words("of"),
    "fr": _words("de d du des"),
    "es": _words("de del"),
    "it": _words("di d del della dello dei degli delle dell"),
    "pt": _words("de da do das dos"),
    "de": frozenset(),
}
# Words before a noun phrase; with the determiners they tell a noun from a verb in es, fr, it, pt.
PREPOSITIONS = {
    "en": _words("about on in at for with from by into over under across to around through"),
    "fr": _words("a en avec sans pour par sur sous dans chez entre vers contre"),
    "es": _words("a en con sin para por sobre entre hacia hasta desde contra"),
    "it": _words("a in con senza per su tra fra da verso contro presso"),
    "pt": _words("a em com sem para por sobre entre ate desde contra"),
    "de": _words(
        "fur mit ohne von vom zu zum zur bei beim auf aus an am im in ins uber unter nach vor durch um"
    ),
}
# Conjunctions that open a clause; a short quote may start after one ("because order volumes swing").
# Per language, folded: Spanish "se" is a pronoun, Italian and Portuguese "e" may be "è" and "é".
CLAUSE_OPENERS_BY_LANGUAGE = {
    "en": _words("because since so and but when while if although"),
    "fr": _words("car quand lorsque mais et si"),
    "de": _words("weil da wenn als aber und dass denn"),
    "es": _words("porque cuando pero y si aunque"),
    "it": _words("perche quando ma se anche"),
    "pt": _words("porque quando mas se embora"),
}
CLAUSE_OPENERS = frozenset().union(*CLAUSE_OPENERS_BY_LANGUAGE.values())
# "and" and its kin: a clause after one stands alone only with its own subject (SUBJECTS).
COORDINATORS = {"en": _words("and but so"), "fr": _words("et mais"), "de": _words("und aber")}
SUBJECTS = {
    "en": _words("i we you he she it they our my their this that there"),
    "fr": _words("je nous vous il elle on ils elles notre nos c ce cela"),
    "de": _words("ich wir sie er es man unser unsere das dies"),
}
# Words that make a phrase say nothing: days, times and amounts ("jeden Montag Stunden").
TIME_WORDS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday morning mornings evening night hour hours
    minute minutes day days week weeks month months year years today yesterday tomorrow weekend
    lundi mardi mercredi jeudi vendredi samedi dimanche matin soir heure heures minute minutes jour jours
    semaine semaines mois an ans annee annees aujourd hui hier demain
    montag dienstag mittwoch donnerstag freitag samstag sonntag morgen abend stunde stunden minute minuten
    tag tage tagen woche wochen monat monate jahr jahre jahren heute gestern
    lunes martes miercoles jueves viernes sabado domingo manana tarde noche hora horas minuto minutos
    dia dias semana semanas mes meses ano anos hoy ayer
    lunedi martedi mercoledi giovedi venerdi sabato domenica mattina sera ora ore minuto minuti giorno
    giorni settimana settimane mese mesi anno anni oggi ieri domani
    segunda terca quarta quinta sexta manha hoje ontem amanha
    twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands dozen dozens
    vingt trente quarante cinquante cent cents mille zwanzig dreissig vierzig funfzig hundert tausend
    veinte treinta cuarenta cincuenta venti trenta quaranta cinquanta vinte trinta quarenta cinquenta
    """
)
# Common verbs the phrase files' stop lists do not hold: a noun phrase ends before them.
VERBS = _words(
    """
    run runs ran grew grow grows lead leads led oversee oversees oversaw coordinate coordinates coordinated
    manage manages managed launched launch launches increased improved improve improves delivered scaled
    created designed developed helped joined moved started founded opened closed raised hired building
    really quickly usually recently currently finally mostly nearly simply actually
    partir
    swing swings change changes changed cost costs need needs needed want wants think thinks know knows
    is are was were be been has have had do does did can could will would should may might must
    welcome welcomes welcomed take takes took taken spend spends spent wasted say says said
    tell tells told ship ships shipped move moves moved get gets got almost ever shrank shrink shrinks
    reste restent demeure faut
    serve servono bisogna occorre precisamos necesitamos
    gere dirige coordonne developpe lance avons ouvert ouvre fiers fieres coute coutent
    kostet verdoppelt
    duplico triplico crecio redujo cuesta cuestan
    duplicou triplicou cresceu reduziu custa custam
    raddoppiato raddoppiata triplicato costa costano
    leite leiten fuhre fuhren betreue betreuen entwickle entwickeln
    gestiono coordino dirijo lidero desarrollo estamos somos tenemos buscamos
    gestisco coordino dirigo guido sviluppo siamo abbiamo cerchiamo
    gerencio coordeno dirijo lidero desenvolvo estamos somos temos procuramos contratar
    """
)

# Verbs whose object is what a hiring post is about, with no article before it ("cerchiamo ingegneri").
HIRING_VERBS = {
    "fr": _words("recrutons recrute recruter cherchons cherche"),
    "es": _words("buscamos busco contratamos contratando contratar"),
    "pt": _words("procuramos procuro contratamos contratando contratar"),
    "it": _words("cerchiamo cerco assumiamo assumendo assumere cercando"),
}
# Two words that are one noun though the first is a stop word on its own ("supplier lead times").
COMPOUNDS = {"en": frozenset({("lead", "time"), ("lead", "times")})}

# A preposition fused with the article that follows it: "su" + "la" is "sulla", "de" + "le" is "du".
# Per language: preposition -> the article's fused forms, in the order of ARTICLE_ORDER[language].
ARTICLE_ORDER: dict[str, tuple[str, ...]] = {
    "fr": ("le", "les"),
    "es": ("el",),
    "it": ("il", "lo", "la", "l'", "i", "gli", "le"),
    "pt": ("o", "a", "os", "as"),
}
FUSED: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {"de": ("du", "des"), "à": ("au", "aux")},
    "es": {"de": ("del",), "a": ("al",)},
    "it": {
        "di": ("del", "dello", "della", "dell'", "dei", "degli", "delle"),
        "a": ("al", "allo", "alla", "all'", "ai", "agli", "alle"),
        "da": ("dal", "dallo", "dalla", "dall'", "dai", "dagli", "dalle"),
        "in": ("nel", "nello", "nella", "nell'", "nei", "negli", "nelle"),
        "su": ("sul", "sullo", "sulla", "sull'", "sui", "sugli", "sulle"),
    },
    "pt": {
        "de": ("do", "da", "dos", "das"),
        "em": ("no", "na", "nos", "nas"),
        "a": ("ao", "à", "aos", "às"),
        "por": ("pelo", "pela", "pelos", "pelas"),
    },
}
