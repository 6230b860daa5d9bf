"""Finding the atomic clauses of a sentence and the roles inside each (claims).

A claim is one predicate with its arguments: "Rebels entered Hama and seized the prison" holds two.
The parse decides: a region's top predicate, plus every verb conjoined to it, each keeps its own
subtree minus the other predicates' subtrees. Passive participles that attach support to a noun
("rebels backed by Iran") become claims of their own because who backs whom is often the dispute.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .events import EVENT_TYPES

_SUPPORT = set(EVENT_TYPES["SUPPORT"])
_RELY = {"rely", "depend"}
_RELATIVE = {"which", "who", "that", "whom"}
_MEMBER_NOUNS = {"member", "part", "affiliate", "branch", "wing", "offshoot", "faction", "unit", "ally"}
_LINKED = {"linked", "affiliated", "allied", "aligned", "backed"}
_ADVERB_PARTICLES = {"back", "out", "away", "off", "over"}
_QUOTE_MARKS = {'"', "“", "”"}
_CLOSING_QUOTES = {'"', "”"}
_SECOND_FACT_MARKS = {"as", "while", "whereas", "although", "though"}
SPEECH_VERBS = {"say", "tell", "report", "announce", "state", "claim", "confirm", "deny", "add", "note", "admit",
           "insist", "warn", "write", "believe", "think", "know", "learn", "show"}
_CLAUSAL_DEPS = {"ROOT", "ccomp", "conj", "xcomp", "advcl", "parataxis"}
_NP_KEEP = {"compound", "amod", "det", "poss", "nummod", "nmod", "case", "quantmod", "npadvmod", "nn"}
_PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "them", "his", "her"}
_NEGATIONS = {"not", "n't", "never", "no", "neither", "nor", "without"}


@dataclass
class Clause:
    """One predicate of a sentence and the roles the parse gives it."""

    head: Token
    tokens: list[Token]
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    particle: str | None = None
    negated: bool = False
    passive: bool = False
    support_relation: bool = False  # a "X backed by Y" participle claim
    relation: str | None = None  # BELONG / FORMERLY for relations stated in passing

    @property
    def start_char(self) -> int:
        return self.tokens[0].idx

    @property
    def end_char(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last.text)


def noun_phrase(token: Token) -> str:
    """The noun phrase a token heads, without relative clauses or appositions ("the Syrian army")."""
    left = [t for t in token.subtree if t.i <= token.i and _within_np(t, token)]
    right = [t for t in token.rights if t.dep_ == "prep" and t.lower_ == "of"]
    words = left
    for prep in right:
        words += [t for t in prep.subtree if _within_of_phrase(t, prep)]
    words.sort(key=lambda t: t.i)
    start, end = words[0], words[-1]
    return token.doc[start.i : end.i + 1].text.strip(" ,.;:'\"")


def _within_np(t: Token, head: Token) -> bool:
    # spaCy makes a new Token object on every access: compare positions, never identity.
    while t.i != head.i:
        if t.dep_ not in _NP_KEEP or t.head.i == t.i:
            return False
        t = t.head
    return True


def _within_of_phrase(t: Token, prep: Token) -> bool:
    while t.i != prep.i:
        if t.dep_ not in _NP_KEEP and t.dep_ != "pobj":
            return False
        t = t.head
    return True


def conjuncts(token: Token) -> list[Token]:
    """The token and everything coordinated with it ("Russia and Iran" -> [Russia, Iran])."""
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


def _roles(head: Token) -> tuple[list[str], list[str], bool]:
    actors: list[str] = []
    targets: list[str] = []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
    for child in head.children:
        if child.dep_ in ("nsubj", "csubj") and not passive:
            actors += [noun_phrase(c) for c in conjuncts(child)]
        elif child.dep_ == "nsubjpass":
            targets += [noun_phrase(c) for c in conjuncts(child)]
        elif child.dep_ == "agent":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                actors += [noun_phrase(c) for c in conjuncts(pobj)]
        elif child.dep_ in ("dobj", "attr", "oprd"):
            targets += [noun_phrase(c) for c in conjuncts(child)]
    if head.lemma_ == "fall" and not any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in head.children):
        # "Hama fell to the rebels": the subject is the place taken, the "to" object the taker
        targets = actors
        actors = [noun_phrase(c) for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "to"
                  for pobj in prep.children if pobj.dep_ == "pobj" for c in conjuncts(pobj)]
    if head.dep_ == "relcl":
        # "the group, which launched ...": the relative pronoun stands for the noun it modifies
        actors = [noun_phrase(head.head) if a.lower() in _RELATIVE else a for a in actors]
    if head.lemma_ in _RELY:
        # "The government relies on support from Russia": the subject is the one supported
        subjects = [a for a in actors if a.lower() != "support"]
        actors = [t for t in targets if t.lower() != "support"]
        targets = subjects
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "on"):
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                for inner in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"):
                    for pobj in (c for c in inner.children if c.dep_ == "pobj"):
                        actors += [noun_phrase(c) for c in conjuncts(pobj)]
    if not actors and head.dep_ == "conj":
        # "Rebels entered Hama and seized the prison": the conjoined verb shares the subject
        first = head.head
        for child in first.children:
            if child.dep_ == "nsubj":
                actors += [noun_phrase(c) for c in conjuncts(child)]
    if not actors and head.dep_ in ("xcomp", "advcl") and head.head.pos_ in ("VERB", "AUX"):
        for child in head.head.children:
            if child.dep_ == "nsubj":
                actors += [noun_phrase(c) for c in conjuncts(child)]
    return _dedupe(actors), _dedupe(targets), passive


def _dedupe(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


def _is_negated(head: Token) -> bool:
    for child in head.children:
        if child.dep_ == "neg" or child.lower_ in ("never",):
            return True
        if child.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in child.children):
            return True
    return False


def find_clauses(region: list[Token]) -> list[Clause]:
    """The atomic clauses inside a run of tokens (a sentence or an attributed content span)."""
    if not region:
        return []
    inside = {t.i for t in region}
    tops = [t for t in region if t.head.i not in inside or t.head.i == t.i]
    heads: list[Token] = []
    for top in tops:
        heads.append(top)
        # Coordinated main predicates are separate claims; coordinated purposes ("to protect
        # civilians and prevent fighting") are one reason and stay together.
        heads += [t for t in top.conjuncts if t.i in inside and t.pos_ in ("VERB", "AUX")]
        # A finite adverbial clause with its own subject states a second fact ("as rebels advanced").
        heads += [t for t in top.children if t.i in inside and t.dep_ == "advcl" and t.pos_ in ("VERB", "AUX")
                  and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
                  and any(c.dep_ == "mark" and c.lower_ in _SECOND_FACT_MARKS for c in t.children)]
        # The small parser sometimes hangs a whole sentence under a later verb as ccomp; a
        # complement with its own subject under a non-speech verb is a claim of its own.
        if top.lemma_ not in SPEECH_VERBS:
            # ("helped it recapture": a pronoun subject marks a causative complement, not a new claim)
            heads += [t for t in top.children if t.i in inside and t.dep_ == "ccomp" and t.pos_ in ("VERB", "AUX")
                      and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _PRONOUNS for c in t.children)]
    support = [t for t in region if t.dep_ in ("acl", "relcl") and t.lemma_ in _SUPPORT and t.tag_ == "VBN"]
    head_ids = {h.i for h in heads}
    clauses: list[Clause] = []
    for head in heads:
        owned = _owned_by_others(head, head_ids)
        tokens = [t for t in head.subtree if t.i in inside and t.i not in owned]
        tokens = _trim(tokens)
        if not tokens or not any(t.is_alpha for t in tokens):
            continue
        actors, targets, passive = _roles(head)
        particle = _particle(head)
        clauses.append(Clause(head=head, tokens=tokens, actors=actors, targets=targets, particle=particle,
                              negated=_is_negated(head), passive=passive))
    for part in support:
        clauses.append(_support_clause(part))
    clauses += _membership_clauses(region, inside)
    return clauses


def _membership_clauses(region: list[Token], inside: set[int]) -> list[Clause]:
    """Relations stated in passing: "X, a member of Y" (BELONG), "X, formerly known as Y" (FORMERLY),
    "a Y-linked group" (BELONG). They feed the actor graph and can be disputed like any claim."""
    found: list[Clause] = []
    for token in region:
        if token.dep_ == "appos" and token.lemma_ in _MEMBER_NOUNS and token.head.i in inside:
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    found.append(_relation_clause(token.head, token, pobj, "BELONG"))
        elif token.dep_ == "acl" and token.lemma_ == "know" and token.head.i in inside and any(
                c.lower_ in ("formerly", "previously", "once") for c in token.children):
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "as"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    found.append(_relation_clause(token.head, token, pobj, "FORMERLY"))
        elif token.dep_ == "amod" and token.lower_ in _LINKED and token.i > 0 and token.head.i in inside:
            parts = [c for c in token.children if c.dep_ in ("npadvmod", "compound") and c.i < token.i]
            if parts:
                start = min(p.left_edge.i for p in parts)
                owner = token.doc[start : token.i].text.strip("- ")
                group = token.head
                tokens = [t for t in token.doc[group.left_edge.i : group.i + 1]]
                if token.lower_ == "backed":  # "Iran-backed militias": the owner is the backer
                    found.append(Clause(head=token, tokens=_trim(tokens), actors=[owner],
                                        targets=[noun_phrase(group)], support_relation=True))
                else:
                    found.append(Clause(head=token, tokens=_trim(tokens), actors=[noun_phrase(group)],
                                        targets=[owner], relation="BELONG"))
    return found


def _relation_clause(subject: Token, marker: Token, other: Token, relation: str) -> Clause:
    tokens = sorted({*subject.doc[subject.left_edge.i : subject.i + 1], *marker.subtree}, key=lambda t: t.i)
    return Clause(head=marker, tokens=_trim(tokens), actors=[noun_phrase(subject)], targets=[noun_phrase(other)],
                  relation=relation)


def _particle(head: Token) -> str | None:
    """The verb's particle; the small parser often tags "back" in "fell back" as advmod."""
    for child in head.children:
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.lower_ in _ADVERB_PARTICLES
                                   and child.i == head.i + 1):
            return child.text
    return None


def _support_clause(part: Token) -> Clause:
    """ "rebels backed by Iran": supporters are the agents, the supported is the modified noun."""
    noun = part.head
    actors: list[str] = []
    for child in part.children:
        if child.dep_ == "agent":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                actors += [noun_phrase(c) for c in conjuncts(pobj)]
    tokens = sorted({*[t for t in noun.doc[noun.left_edge.i : noun.i + 1]], *part.subtree}, key=lambda t: t.i)
    return Clause(head=part, tokens=_trim(tokens), actors=_dedupe(actors), targets=[noun_phrase(noun)],
                  negated=_is_negated(part), passive=True, support_relation=True)


def _owned_by_others(head: Token, head_ids: set[int]) -> set[int]:
    """Indices in `head`'s subtree that belong to another clause head's subtree below it."""
    below = [t for t in head.subtree if t.i in head_ids and t.i != head.i]
    return {d.i for other in below for d in other.subtree}


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc" or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc" or tokens[-1].is_space):
        if tokens[-1].text in _CLOSING_QUOTES and sum(t.text in _QUOTE_MARKS for t in tokens) % 2 == 0:
            break  # keep the mark that closes a quotation inside the claim
        tokens = tokens[:-1]
    return tokens


def is_pronoun(phrase: str) -> bool:
    return phrase.lower() in _PRONOUNS


def sentence_tokens(sent: Span, start: int, end: int) -> list[Token]:
    """Tokens of `sent` lying inside the character range [start, end)."""
    return [t for t in sent if t.idx >= start and t.idx + len(t.text) <= end]
