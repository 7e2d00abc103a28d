"""Stage 4b of the body, line filters: a wall's access prompt in German, Spanish, Italian,
Portuguese, Russian and Dutch (b58), as data for ``walls``.

The same category as ``walls``' English forms (b57, k57): the whole short paragraph a
metered or members-only page prints where the story stops, gating reading itself ("Jetzt
weiterlesen mit BZ+", "Regístrate gratis para seguir leyendo", "Войдите, чтобы продолжить
чтение."), the "already a subscriber? log in" line beside it, or the notice that the piece
is for subscribers only. The wording is real sites' (the sources are named by each form):
fundus's saved pages of Börsen-Zeitung, Freie Presse, Kicker, El País and ABC, and public
scrapers' paywall marker lists (Spiegel, la diaria, Il Sole 24 Ore, letras.mus.br), and
for Russian and Dutch only reading apps', a book platform's and product specifications'
wall copy (k58a: no news site's page in either language was read).

Reading on is the purpose; where a form opens on it ("Para seguir leyendo ...", "Um
weiterzulesen, ...", "Чтобы продолжить чтение, ...") it reads on in this piece only (no
other object: "Para seguir leyendo el informe completo, ..." is a pointer) and its next
words ask for a wall's action (subscribe, log in, register, pay; ``_then``), so a pointer
to read on elsewhere ("Para seguir leyendo, consulte el Registro Oficial", "Per continuare
a leggere, accedi alla sezione Documenti") stays, as does an issuing body's own call to
action ("Regístrate para seguir la conferencia", "Meld je aan om deel te nemen").
A verb that also means going somewhere ("accedi", "entre", "ingrese") is an action only
closing the line or beside another action (k58a).
"""

from __future__ import annotations

# A character of one clause (a dot inside a name, "wort.lu", is one).
CLAUSE = r"(?:[^.!?]|\.(?=\w))"


# "Please" before the action, in the six languages.
PLEASE = r"(?:(?:bitte|por favor|per favore|пожалуйста),? )?"
# A verb that also means going somewhere ("accedi alla sezione", "entre no site") is a
# wall's action only closing the line, beside another action ("abbonati o accedi") or
# into the reader's account ("accede a tu cuenta").
ALONE_OR_PAIRED = (
    r"(?=\W*$|,? (?:o|ou|e|y|oder|или) |"
    r" (?:a tu cuenta|a su cuenta|na sua conta|al tuo account|con il tuo account)\W*$)"
)


def _then(actions: str) -> str:
    """The rest of a clause that opens on one of ``actions`` (whole words or stems) and
    holds a few words more ("melden Sie sich bitte an", "inicie sessão ou assine")."""
    return rf"{PLEASE}(?:{actions}){CLAUSE}{{0,40}}"


# German: "Jetzt weiterlesen mit BZ+" (Börsen-Zeitung, fundus), "Weiterlesen mit SPIEGEL+"
# and "anmelden und weiterlesen" (scrapers' marker lists), "Sie sind bereits Abonnent?"
# "Hier anmelden" (Freie Presse), "Bereits PUR-Abonnent? Hier anmelden" (Kicker),
# "exklusiv für Abonnenten" (a marker list); "Sind Sie schon Abonnent?" (an old shop's
# page, k58a).
DE_ACTIONS = r"(?:melden|loggen|registrieren|abonnieren|schließen|anmelden|einloggen)\b"
# The product a wall reads on with, its mark closing the line: "BZ+", "ESG PRO" (Börsen-
# Zeitung), "SPIEGEL+"; "Weiterlesen mit dem Jahresbericht 2024" is a pointer (k58a).
DE_PRODUCT = r"[^.!?]{0,25}?(?:\+|plus|\bpro|\bpur|\bpremium)"
DE = [
    rf"(?:jetzt )?(?:(?:diesen|den) artikel )?weiterlesen mit {DE_PRODUCT}",
    r"(?:jetzt )?(?:kostenlos )?(?:anmelden|registrieren|einloggen|abonnieren)"
    r"(?: (?:oder|und) (?:anmelden|registrieren|einloggen|abonnieren))? und weiterlesen",
    r"um (?:(?:den|diesen) (?:artikel|beitrag) )?"
    r"(?:weiterzulesen|(?:weiter|vollständig) zu lesen),? " + _then(DE_ACTIONS),
    r"(?:sie sind |sind sie )?(?:bereits|schon) [\w+-]*abonnent(?:in)?\?\s*(?:hier |jetzt )?"
    r"(?:anmelden|einloggen)",
    r"sie haben bereits ein (?:[\w-]+-)?abo(?:nnement)?\?\s*"
    r"(?:hier |jetzt )?(?:anmelden|einloggen)",
    r"(?:dieser|der) (?:artikel|inhalt|beitrag) ist (?:nur|exklusiv) für (?:unsere )?"
    r"abonnent(?:en|innen)(?: verfügbar| lesbar)?",
]
# Spanish: "Regístrate gratis para seguir leyendo", "Inicia sesión o regístrate gratis para
# continuar leyendo en incógnito" (El País, fundus), "Suscríbete para seguir leyendo" (a
# marker test), "Para seguir leyendo ingresá o suscribite" (la diaria), "Si ya estás
# suscrito, inicia sesión" (ABC, fundus), "Ya eres suscriptor?" (a marker test).
ES_ACTION = (
    r"(?:suscr[íi]bete|suscribite|reg[íi]strate(?: gratis)?|inicia sesi[óo]n|ingres[áa]|"
    r"hazte (?:socio|premium|suscriptor))"
)
ES_ACTIONS = (
    r"suscr[íi]b|reg[íi]str(?:ate|ese)\b|inici[ae] sesi[óo]n|hazte\b|"
    rf"(?:ingres[áae]|acced[ae])\b{ALONE_OR_PAIRED}"
)
ES = [
    rf"{ES_ACTION}(?:,? (?:o|y) {ES_ACTION})? para (?:seguir|continuar) leyendo\b{CLAUSE}{{0,60}}",
    r"para (?:seguir|continuar) leyendo(?: (?:este|el) (?:art[íi]culo|contenido))?,? "
    + _then(ES_ACTIONS),
    r"¿?ya eres (?:suscriptor|socio|miembro)(?:/a)?\??\s*(?:inicia sesi[óo]n|accede|ingresa)"
    r"(?: aqu[íi])?",
    r"si ya (?:estás suscrito|eres suscriptor)(?:/a)?,? (?:inicia sesi[óo]n|accede|ingresa)"
    r"(?: aqu[íi])?",
    r"(?:este )?(?:art[íi]culo|contenido) (?:es )?exclusivo para suscriptores",
]
# Italian: "per continuare a leggere", "abbonati per continuare/leggere", "sei già
# abbonato", "contenuto riservato agli abbonati" (scrapers' marker lists; Il Sole 24 Ore).
IT_ACTION = r"(?:abbonati|registrati(?: gratis)?|accedi)"
IT_ACTIONS = rf"abbonati\b|registrati\b|effettua il login|accedi\b{ALONE_OR_PAIRED}"
# What a wall gates when it asks to read, not read on: the piece, or its other pieces.
IT_GATED = (
    r"(?: (?:l'|tutto l'|questo )\s?articolo| (?:gli|tutti gli) articoli|"
    r" il resto(?: dell'articolo)?| (?:i|tutti i) contenuti(?: premium)?)?"
)
IT = [
    rf"{IT_ACTION}(?: (?:o|e) {IT_ACTION})? per "
    rf"(?:continuare a leggere\b{CLAUSE}{{0,60}}|leggere{IT_GATED})",
    r"per continuare a leggere(?: (?:questo|l')\s?articolo)?,? " + _then(IT_ACTIONS),
    r"sei già abbonato\??\s*(?:accedi|effettua il login|entra)(?: qui)?",
    r"(?:questo )?(?:articolo|contenuto) (?:è )?riservato agli abbonati",
]
# Portuguese: "Já é assinante? Faça login." (letras.mus.br), "Esse conteúdo é exclusivo
# para assinantes." (a Brazilian site's register wall); "conteúdo exclusivo para
# assinantes", "artigo exclusivo para assinantes" (scrapers' marker lists, one for Folha;
# k58a).
PT_ACTION = (
    r"(?:assine|inscreva-se|registe-se|cadastre-se|fa[çc]a (?:o )?(?:seu )?login|"
    r"inicie sess[ãa]o|entre)"
)
PT_ACTIONS = (
    r"assine\b|inscreva-se|registe-se|cadastre-se|fa[çc]a (?:o )?(?:seu )?login|"
    rf"inicie sess[ãa]o|entre\b{ALONE_OR_PAIRED}"
)
PT = [
    rf"{PT_ACTION}(?: (?:ou|e) {PT_ACTION})? para continuar (?:a ler|lendo)\b{CLAUSE}{{0,60}}",
    r"para continuar (?:a ler|lendo)(?: (?:este|esta|o|a) (?:artigo|mat[ée]ria|not[íi]cia))?,? "
    + _then(PT_ACTIONS),
    r"j[áa] (?:é|e|és) assinante\??\s*(?:fa[çc]a (?:o )?(?:seu )?login|entre|inicie sess[ãa]o)"
    r"(?: aqui)?",
    r"(?:(?:este|esse) )?(?:conte[úu]do|artigo) (?:é )?exclusivo para assinantes",
]
# Russian: "Чтобы продолжить чтение, пожалуйста, оплатите доступ." (scrapers of a web
# book platform's paid chapters), "Войдите, чтобы продолжить чтение." (reading apps' login
# screens). Both from book and reading sites, not a Russian news site's page (k58a).
RU_ACTION = r"(?:войдите|зарегистрируйтесь|подпишитесь|оформите подписку|авторизуйтесь)"
RU_ACTIONS = r"подпишитесь|оформите|войдите|зарегистрируйтесь|авторизуйтесь|оплатите"
RU_READING = (
    r"(?:продолжить чтение|читать дальше|прочитать (?:статью|материал) (?:полностью|целиком))"
)
RU = [
    rf"{RU_ACTION}(?:,? (?:или|и) {RU_ACTION})?,? чтобы {RU_READING}",
    rf"чтобы {RU_READING},? " + _then(RU_ACTIONS),
    r"уже (?:подписаны|подписчик|есть подписка)\??\s*(?:войдите|войти)",
    r"(?:этот )?(?:материал|статья|текст) доступ(?:ен|на) только (?:подписчикам|по подписке)",
]
# Dutch: "Al abonnee? Log in." (two product specifications' wall copy), "Al abonnee? Log
# hier in" (a members' site), "Maak een account en log in om verder te lezen." (a site's
# login pop-up, k58a). Not read off a Dutch news site's page.
NL_ACTION = (
    r"(?:log (?:hier |dan )?in|word abonnee|neem een abonnement|registreer(?: je)?(?: gratis)?|"
    r"maak (?:gratis )?een (?:gratis )?account)"
)
NL = [
    r"(?:ben je |bent u )?al abonnee\??\s*(?:log (?:hier |dan )?in|lees verder)",
    rf"{NL_ACTION}(?: (?:of|en) {NL_ACTION})? (?:om verder te lezen|en lees verder)",
    r"(?:dit|het) (?:artikel|stuk) is (?:alleen|exclusief) "
    r"(?:beschikbaar |te lezen )?voor abonnees",
]
OTHER_LANGUAGE_FORMS = [*DE, *ES, *IT, *PT, *RU, *NL]
