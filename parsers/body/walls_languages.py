"""Stage 4b of the body, line filters: a wall's access prompt in German, Spanish, Italian,
Portuguese, Russian and Dutch (b58), as data for ``walls``.

The same category as ``walls``' English forms (b57, k57): the whole short paragraph a
metered or members-only page prints where the story stops, gating reading itself ("Jetzt
weiterlesen mit BZ+", "Regístrate gratis para seguir leyendo", "Войдите, чтобы продолжить
чтение."), the "already a subscriber? log in" line beside it, or the notice that the piece
is for subscribers only. The wording is real sites' (the sources are named by each form):
fundus's saved pages of Börsen-Zeitung, Freie Presse, Kicker, El País and ABC, and public
scrapers' paywall marker lists (Spiegel, la diaria, Il Sole 24 Ore, a Russian reader,
letras.mus.br, Dutch sites' "Al abonnee? Log in.").

Reading on is the purpose; where a form opens on it ("Para seguir leyendo ...", "Um
weiterzulesen, ...", "Чтобы продолжить чтение, ...") the rest must ask for a wall's action
(subscribe, log in, register, pay), so a pointer to read on elsewhere ("Para seguir
leyendo sobre la trata, consulte el informe anual.") stays, as does an issuing body's own
call to action ("Regístrate para seguir la conferencia", "Meld je aan om deel te nemen").
"""

from __future__ import annotations

# A character of one clause (a dot inside a name, "wort.lu", is one).
CLAUSE = r"(?:[^.!?]|\.(?=\w))"


def _rest_with(actions: str) -> str:
    """The rest of a clause that asks for one of ``actions`` (word stems)."""
    return rf"{CLAUSE}{{0,60}}?\b(?:{actions}){CLAUSE}{{0,60}}"


# German: "Jetzt weiterlesen mit BZ+" (Börsen-Zeitung, fundus), "Weiterlesen mit SPIEGEL+"
# and "anmelden und weiterlesen" (scrapers' marker lists), "Sie sind bereits Abonnent?"
# "Hier anmelden" (Freie Presse), "Bereits PUR-Abonnent? Hier anmelden" (Kicker),
# "exklusiv für Abonnenten" (a marker list).
DE_ACTIONS = r"anmeld|melden|einlogg|loggen|registrier|abonnier|abonnent|abo\b|abschließ"
DE = [
    r"(?:jetzt )?(?:(?:diesen|den) artikel )?weiterlesen mit [^.!?]{1,30}",
    r"(?:jetzt )?(?:kostenlos )?(?:anmelden|registrieren|einloggen|abonnieren)"
    r"(?: (?:oder|und) (?:anmelden|registrieren|einloggen|abonnieren))? und weiterlesen",
    r"um (?:(?:den|diesen) (?:artikel|beitrag) )?"
    r"(?:weiterzulesen|(?:weiter|vollständig) zu lesen),? " + _rest_with(DE_ACTIONS),
    r"(?:sie sind |sind sie )?bereits [\w+-]*abonnent(?:in)?\?\s*(?:hier |jetzt )?"
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
ES_ACTIONS = r"suscr|reg[íi]str|inicia|ingres|hazte|acced"
ES = [
    rf"{ES_ACTION}(?:,? (?:o|y) {ES_ACTION})? para (?:seguir|continuar) leyendo\b{CLAUSE}{{0,60}}",
    r"para (?:seguir|continuar) leyendo(?: (?:este|el) (?:art[íi]culo|contenido))?,? "
    + _rest_with(ES_ACTIONS),
    r"¿?ya eres (?:suscriptor|socio|miembro)(?:/a)?\??\s*(?:inicia sesi[óo]n|accede|ingresa)"
    r"(?: aqu[íi])?",
    r"si ya (?:estás suscrito|eres suscriptor)(?:/a)?,? (?:inicia sesi[óo]n|accede|ingresa)"
    r"(?: aqu[íi])?",
    r"(?:este )?(?:art[íi]culo|contenido) (?:es )?exclusivo para suscriptores",
]
# Italian: "per continuare a leggere", "abbonati per continuare/leggere", "sei già
# abbonato", "contenuto riservato agli abbonati" (scrapers' marker lists; Il Sole 24 Ore).
IT_ACTION = r"(?:abbonati|registrati(?: gratis)?|accedi)"
IT_ACTIONS = r"abbona|registra|accedi|accesso|login"
IT = [
    rf"{IT_ACTION}(?: (?:o|e) {IT_ACTION})? per (?:continuare a )?leggere\b{CLAUSE}{{0,60}}",
    r"per continuare a leggere(?: (?:questo|l')\s?articolo)?,? " + _rest_with(IT_ACTIONS),
    r"sei già abbonato\??\s*(?:accedi|effettua il login|entra)(?: qui)?",
    r"(?:questo )?(?:articolo|contenuto) (?:è )?riservato agli abbonati",
]
# Portuguese: "Já é assinante? Faça login." (letras.mus.br), "Esse conteúdo é exclusivo
# para assinantes." (a Brazilian site's register wall).
PT_ACTION = (
    r"(?:assine|inscreva-se|registe-se|cadastre-se|fa[çc]a (?:o )?(?:seu )?login|"
    r"inicie sess[ãa]o|entre)"
)
PT_ACTIONS = r"assin|inscrev|regist|cadastr|login|sess[ãa]o|entre\b"
PT = [
    rf"{PT_ACTION}(?: (?:ou|e) {PT_ACTION})? para continuar (?:a ler|lendo)\b{CLAUSE}{{0,60}}",
    r"para continuar (?:a ler|lendo)(?: (?:este|esta|o|a) (?:artigo|mat[ée]ria|not[íi]cia))?,? "
    + _rest_with(PT_ACTIONS),
    r"j[áa] (?:é|e|és) assinante\??\s*(?:fa[çc]a (?:o )?(?:seu )?login|entre|inicie sess[ãa]o)"
    r"(?: aqui)?",
    r"(?:este|esse) (?:conte[úu]do|artigo) (?:é )?exclusivo para assinantes",
]
# Russian: "Чтобы продолжить чтение, пожалуйста, оплатите доступ." (a Russian reader's
# paid pages), "Войдите, чтобы продолжить чтение." (a reader's login wall).
RU_ACTION = r"(?:войдите|зарегистрируйтесь|подпишитесь|оформите подписку|авторизуйтесь)"
RU_ACTIONS = r"подпис|войд|зарегистр|авториз|оплат"
RU_READING = (
    r"(?:продолжить чтение|читать дальше|прочитать (?:статью|материал) (?:полностью|целиком))"
)
RU = [
    rf"{RU_ACTION}(?:,? (?:или|и) {RU_ACTION})?,? чтобы {RU_READING}",
    rf"чтобы {RU_READING},? " + _rest_with(RU_ACTIONS),
    r"уже (?:подписаны|подписчик|есть подписка)\??\s*(?:войдите|войти)",
    r"(?:этот )?(?:материал|статья|текст) доступ(?:ен|на) только (?:подписчикам|по подписке)",
]
# Dutch: "Al abonnee? Log in." / "Al abonnee? Log hier in" (Dutch sites' walls).
NL_ACTION = (
    r"(?:log (?:hier |dan )?in|word abonnee|neem een abonnement|registreer(?: je)?(?: gratis)?)"
)
NL = [
    r"(?:ben je |bent u )?al abonnee\??\s*(?:log (?:hier |dan )?in|lees verder)",
    rf"{NL_ACTION}(?: (?:of|en) {NL_ACTION})? (?:om verder te lezen|en lees verder)",
    r"(?:dit|het) (?:artikel|stuk) is (?:alleen|exclusief) "
    r"(?:beschikbaar |te lezen )?voor abonnees",
]
OTHER_LANGUAGE_FORMS = [*DE, *ES, *IT, *PT, *RU, *NL]
