"""Stage 4b of the body, line filters: a paywall's or login wall's access prompt (b57).

Decides whether one paragraph is the prompt a metered or members-only page prints where
the story stops or between its paragraphs, asking the reader to log in, register or
subscribe to go on: "Already a member? Login now", "Create an account or sign in to
continue with your reading experience.", "SUBSCRIBE TO UNLOCK MORE ARTICLES", "THIS
CONTENT IS RESERVED FOR SUBSCRIBERS ONLY", "Il vous reste 57% de cet article à lire".
Found on four measuring sets (dev: five sites; the second set's Google News pages; extra;
fundus's Postmedia, Nature, Le Monde) where no truth held one: a note about the
reader's access to the page, not a sentence of the story. (A box named for the paywall
goes whole already: labels.HARD_WORDS; these are the prompts left in unnamed markup.)

The whole paragraph must be the prompt (each form is anchored at both ends and bounded to
a clause), so a story about paywalls ("Readers must now create an account or log in to
read more than five stories a month.") stays: its subject comes before the action. A bare
action ("Login here!") or an action for another purpose ("Create an account ... to
bookmark topics") is left, as WCXB dev's and Dragnet's truths keep such lines; never a
paragraph opening with a quotation mark (someone's words: the caller's in_quote, and
``LEAD``).
"""

from __future__ import annotations

import re

from parsers.body.walls_languages import OTHER_LANGUAGE_FORMS

# The few characters a prompt may open with (a bullet, an arrow), never a quotation mark.
LEAD = r"^[^\w\"'“”‘’«»„‚‹›]{0,3}"
# The actions a wall asks for, in English.
ACTION = (
    r"(?:log ?in|sign ?in|register|join|subscribe|sign up|"
    r"create (?:an|a free|your(?: free)?) account)"
)
# A character of one clause: no sentence end (a dot inside a name, "HeraldTribune.com", is).
CLAUSE = r"(?:[^.!?]|\.(?=\w))"
# What the wall gates, after "to": going on reading, or this story, more stories, premium
# content, the reader's saved progress. k57: only these; "to continue the fight against
# trafficking", "to view the hearing online", "to access the reporting tool" are an issuing
# body's own call to action closing its press release, not a wall's prompt.
GATED = r"(?:article|articles|story|stories|piece|content|news|progress|favou?rites)"
PURPOSE = (
    rf"to (?:(?:continue|keep|finish) reading\b{CLAUSE}{{0,80}}|"
    rf"continue(?: with (?:your |the )?reading\b{CLAUSE}{{0,80}})?|"
    rf"(?:read|unlock|access|view|save) (?:[\w'’-]+ ){{0,3}}?{GATED}\b{CLAUSE}{{0,80}})"
)
# English and French forms. Each is one whole paragraph (a trailing stop or "!" and a
# closing arrow allowed); ``whole`` anchors them.
TWO_ACTIONS = (
    # "Join or sign in", "Log in or create an account to continue", after at most a short
    # question ("Trying to save your favourites? Log in, or create an account.").
    rf"(?:[^.!?]{{1,60}}\?\s+)?(?:please )?{ACTION}(?:,? (?:or|and|/) {ACTION})+"
    r"(?: (?:now|today|here|below|for free))?"
)
GATING_FORMS = [
    # "REGISTER / SIGN IN TO UNLOCK MORE ARTICLES", "Please create an account or login to
    # read this story".
    rf"{TWO_ACTIONS} {PURPOSE}",
    # One action with what it gates: "Log in to access premium content ...", "SUBSCRIBE TO
    # UNLOCK MORE ARTICLES", "Become a paid subscriber to Every to unlock this piece".
    rf"(?:please )?{ACTION}(?: now| today| here)? {PURPOSE}",
    rf"become a (?:paid )?(?:subscriber|member)(?: (?:to|of) [^.!?]{{1,40}}?)? {PURPOSE}",
    # "Already a member? Login now", "If you already have an account, simply login below."
    r"already (?:a|an) (?:member|subscriber|registered user)\?\s*"
    r"(?:log ?in|sign ?in)(?: now| here| below)?",
    r"if you (?:already )?have (?:already )?(?:an account|created an account|subscribed),? "
    rf"(?:simply |please )?(?:log ?in|sign ?in)(?: now| here| below)?(?: {PURPOSE})?",
    # Subscriber-only notices: "THIS CONTENT IS RESERVED FOR SUBSCRIBERS ONLY", "Unlock this
    # article — plus ...", "For free access to this article, you must be a member of X",
    # "Read more of this content when you subscribe today."
    r"(?:this )?(?:content|article|story) is (?:reserved|available|exclusive) (?:for|to) "
    r"(?:our )?(?:paid )?(?:subscribers|members)(?: only)?",
    r"unlock this (?:article|story|piece|content)\b[^.!?]{0,100}",
    r"for (?:free )?access to this (?:article|story|content), you (?:must|need to) "
    rf"(?:be|become) an? (?:member|subscriber)\b{CLAUSE}{{0,60}}",
    r"read (?:more|the rest) of this (?:content|article|story) (?:when|if) you "
    r"(?:subscribe|sign up|register)(?: today| now)?",
    # Le Monde's wall (French): "Article réservé aux abonnés", "Il vous reste 57.09% de cet
    # article à lire. La suite est réservée aux abonnés."
    r"article réservé (?:aux|à nos) abonnés",
    r"il vous reste [\d.,]+ ?% de cet article à lire\.?(?: la suite est réservée aux abonnés)?",
    *OTHER_LANGUAGE_FORMS,
]


def whole(forms: list[str]) -> re.Pattern[str]:
    """One pattern matching a whole paragraph that is one of ``forms``."""
    return re.compile(LEAD + "(?:" + "|".join(forms) + r")\W{0,3}$", re.IGNORECASE)


GATING_RE = whole(GATING_FORMS)
BARE_ACTIONS_RE = whole([TWO_ACTIONS])
ACCESS_PROMPT_MAX_CHARS = 200


def is_access_prompt(text: str) -> bool:
    """A paywall's or login wall's prompt, the whole paragraph (see the module's docstring)."""
    return len(text) < ACCESS_PROMPT_MAX_CHARS and (
        GATING_RE.match(text) is not None or BARE_ACTIONS_RE.match(text) is not None
    )


def names_what_it_gates(text: str) -> bool:
    """Whether an access prompt says what it gates (reading on, this story, members' content),
    not only the actions ("Create an account or log in."): a step of a procedure set in a
    table cell is the bare actions; a table layout's wall names what it gates (b58)."""
    return GATING_RE.match(text) is not None
