"""Matching an actor named on the board against the lab's actors: exact, near (for review) or new.

An exact match is safe to attach an idea to as a proposed entry: the typed name equals one actor's
name, alias or given acronym once accents, case, punctuation, spacing, abbreviations ("U.",
"Fund.") and company forms ("S.A.S.") are set aside, and no other actor shares it. Anything
weaker is a near match with a score and a reason, for a person to confirm: never merged silently.
"""
import re
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process

from .normalise import compact, initials, is_distinctive, key_tokens, sorted_key, tokens

# Similarity (0-100, rapidfuzz) from which two spellings count as the same words mistyped.
SPELLING_CUTOFF = 88
# Spellings this similar are looked at word by word ("Barranca" for "Barrancabermeja").
LOOK_CLOSER_CUTOFF = 75
# Two words (5 letters or more) this similar are one word mistyped ("Bucaramnga", "Tecnoparke").
WORD_CUTOFF = 80
# Below this many letters a spelling score means little ("UTS" and "UIS").
SPELLING_MIN_LENGTH = 5
# A word cut short this long still names the longer one ("Barranca" for "Barrancabermeja").
PREFIX_MIN_LENGTH = 6
# Fixed scores for the reasons that are not a spelling distance, so the review queue sorts them.
# "UIS" typed for "Universidad Industrial de Santander" says more than a typed name whose initials
# happen to be an actor's acronym.
SCORES = {"ambiguous": 99.0, "same_words": 97.0, "initials": 92.0, "initials_of_typed": 80.0}
NEAR_LIMIT = 5
NAME_AND_ACRONYM = re.compile(r"([^()]+)\(([^()]+)\)")


class ActorEntry(NamedTuple):
    """What matching needs of an actor (a model instance with these attributes does as well)."""
    id: Hashable
    name: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """One actor an entered name may mean: why (a MATCH_REASONS key), how sure (0-100), through what."""
    actor_id: Hashable
    name: str
    score: float
    reason: str
    via: str


@dataclass(frozen=True)
class Match:
    """outcome "exact" (actor set), "near" (candidates to review) or "new" (no candidate)."""
    typed: str
    outcome: str
    actor: Candidate | None = None
    near: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class _Form:
    """One way an actor is written (its name, an alias, its acronym), precomputed."""
    actor: int
    text: str
    words: frozenset
    key: str
    digits: frozenset


class ActorIndex:
    """The lab's actors, normalised once, for matching many entered names quickly.

    Give it the actors a name may still be attached to: not those merged into another (their names
    live on as the target's aliases). `add` grows the index in place; an index shared between
    threads or green threads is best replaced by a new one when actors change.
    """

    def __init__(self, actors=()):
        self._actors = []
        self._forms = []
        self._keys = []
        self._exact = {}
        self._acronyms = {}
        self._initials = {}
        self._same_words = {}
        self._postings = {}
        for actor in actors:
            self.add(actor)

    def __len__(self):
        return len(self._actors)

    def add(self, actor: Any):
        """Index one more actor: anything with id, name, acronym and aliases."""
        position = len(self._actors)
        self._actors.append(actor)
        self._add_form(position, "name", actor.name)
        for alias in getattr(actor, "aliases", None) or ():
            self._add_form(position, "alias", alias)
        acronym = getattr(actor, "acronym", None)
        if acronym and compact(acronym):
            self._acronyms.setdefault(compact(acronym), set()).add(position)
            self._add_form(position, "acronym", acronym)

    def _add_form(self, position, kind, text):
        words = tokens(text)
        if not words:
            return
        if kind != "acronym":
            self._exact.setdefault(" ".join(words), set()).add(position)
            if initials(words):
                self._initials.setdefault(initials(words), set()).add(position)
        if len(words) == 1:  # a name that is an acronym ("SENA") answers a typed full name's initials
            self._initials.setdefault("=" + words[0], set()).add(position)
        form = _Form(position, text, frozenset(key_tokens(words)), sorted_key(words),
                     frozenset(w for w in words if any(c.isdigit() for c in w)))
        self._same_words.setdefault(form.key, set()).add(position)
        for word in form.words:
            self._postings.setdefault(word, []).append(len(self._forms))
        self._forms.append(form)
        self._keys.append(form.key)

    def match(self, typed: str, limit: int = NEAR_LIMIT) -> Match:
        """Exact, near or new for one entered name; near candidates best first, at most `limit`."""
        words = tokens(typed)
        if not words:
            return Match(typed, "new")
        exact = self._exact_hits(words, typed) or self._name_and_acronym(typed)
        found = {}
        if len(exact) > 1:
            for position, (_, via) in exact.items():
                self._offer(found, position, "ambiguous", SCORES["ambiguous"], via)
        self._near_hits(words, typed, found)
        if len(exact) == 1:
            (position, (reason, via)), = exact.items()
            chosen = self._candidate(position, reason, 100.0, via)
            others = tuple(c for c in self._ranked(found) if c.actor_id != chosen.actor_id)[:limit]
            return Match(typed, "exact", chosen, others)
        near = self._ranked(found)[:limit]
        return Match(typed, "near" if near else "new", None, near)

    def _exact_hits(self, words, typed):
        hits = {}
        for position in self._acronyms.get(compact(typed), ()):
            hits[position] = ("acronym", self._actors[position].acronym)
        if hits and len(words) == 1:  # "PTC": one park's acronym, and the initials of another with none
            for position in self._initials.get(compact(typed), ()):
                if position not in hits and not getattr(self._actors[position], "acronym", None):
                    hits[position] = ("initials", self._actors[position].name)
        for position in self._exact.get(" ".join(words), ()):
            hits[position] = self._exact_reason(position, words)
        return hits

    def _name_and_acronym(self, typed):
        """"Servicio Nacional de Aprendizaje (SENA)": exact when both parts name the same one actor."""
        parts = NAME_AND_ACRONYM.fullmatch(typed.strip())
        if not parts:
            return {}
        outside, inside = (self._exact_hits(tokens(part), part) for part in parts.groups())
        if len(outside) == 1 and outside.keys() == inside.keys():
            return outside
        return {}

    def _exact_reason(self, position, words):
        actor = self._actors[position]
        if tokens(actor.name) == words:
            return "name", actor.name
        alias = next(a for a in getattr(actor, "aliases", None) or () if tokens(a) == words)
        return "alias", alias

    def _near_hits(self, words, typed, found):
        key = sorted_key(words)
        for position in self._same_words.get(key, ()):
            self._offer(found, position, "same_words", SCORES["same_words"], self._actors[position].name)
        if len(words) == 1:
            for position in self._initials.get(compact(typed), ()):
                self._offer(found, position, "initials", SCORES["initials"], self._actors[position].name)
        for position in self._acronym_is_initials(words):
            self._offer(found, position, "initials", SCORES["initials_of_typed"], self._actors[position].name)
        typed_words = frozenset(key_tokens(words))
        digits = frozenset(w for w in words if any(c.isdigit() for c in w))
        for index, ratio in self._similar_forms(typed_words, key).items():
            form = self._forms[index]
            if form.digits != digits:  # "Comuna 13" is not "Comuna 12", however close the spelling
                continue
            judged = _compare(typed_words, key, form, ratio)
            if judged:
                self._offer(found, form.actor, judged[0], judged[1], form.text)

    def _acronym_is_initials(self, words):
        """Actors whose acronym (given, or their whole name) is the entered name's initials."""
        suggested = initials(words)
        if not suggested:
            return set()
        return self._acronyms.get(suggested, set()) | self._initials.get("=" + suggested, set())

    def _similar_forms(self, typed_words, key):
        """Forms sharing a telling word with the entered name, or spelled much like it: index ->
        spelling similarity when it is at least LOOK_CLOSER_CUTOFF, else None."""
        telling = [w for w in typed_words if is_distinctive(w)]
        if telling:
            indexes = set().union(*(self._postings.get(w, ()) for w in telling))
        elif len(typed_words) > 1:  # "Cámara de Comercio": every form with all these words
            indexes = set.intersection(*(set(self._postings.get(w, ())) for w in typed_words))
        else:
            indexes = set()
        forms = dict.fromkeys(indexes)
        if len(key) >= SPELLING_MIN_LENGTH:
            for _, ratio, index in process.extract(key, self._keys, scorer=fuzz.ratio, processor=None,
                                                   score_cutoff=LOOK_CLOSER_CUTOFF, limit=None):
                forms[index] = ratio
        return forms

    def _offer(self, found, position, reason, score, via):
        best = found.get(position)
        if best is None or score > best.score:
            found[position] = self._candidate(position, reason, score, via)

    def _candidate(self, position, reason, score, via):
        actor = self._actors[position]
        return Candidate(actor.id, actor.name, round(score, 1), reason, via)

    @staticmethod
    def _ranked(found):
        return tuple(sorted(found.values(), key=lambda c: (-c.score, c.name)))


def _compare(typed_words, key, form, ratio):
    """(reason, score) when a form is the entered name mistyped or one contains the other, else None.
    `ratio` is the spelling similarity of the two keys when already known to be high, else None."""
    if typed_words == form.words:
        return None  # same words: already offered as "same_words"
    smaller, larger = sorted((typed_words, form.words), key=len)
    if _aligned(smaller, larger):
        if len(smaller) == len(larger):
            return "spelling", ratio if ratio is not None else fuzz.ratio(key, form.key)
        if any(is_distinctive(w) for w in smaller) or len(smaller) > 1:
            coverage = sum(map(len, smaller)) / sum(map(len, larger))
            return "contains", 75 + 20 * coverage
        return None
    if ratio is not None and ratio >= SPELLING_CUTOFF and min(len(key), len(form.key)) >= SPELLING_MIN_LENGTH:
        return "spelling", ratio
    return None


def _aligned(smaller, larger):
    """Every word of the shorter name is in the longer one, but for one word that is a letter or two
    off or cut short (more typos than that are left to the spelling of the whole name)."""
    missing = smaller - larger
    if not missing:
        return True
    if len(missing) > 1:
        return False
    word = next(iter(missing))
    return _same_word(word, list(larger - smaller))


def _same_word(word, others):
    """Whether `word` is one of `others` mistyped or cut short."""
    if len(word) < SPELLING_MIN_LENGTH or word.isdigit():
        return False
    if any(_cut_short(word, other) for other in others):
        return True
    others = [other for other in others if len(other) >= SPELLING_MIN_LENGTH and not other.isdigit()]
    return process.extractOne(word, others, scorer=fuzz.ratio, processor=None,
                              score_cutoff=WORD_CUTOFF) is not None


def _cut_short(word, other):
    shorter, longer = sorted((word, other), key=len)
    return len(shorter) >= PREFIX_MIN_LENGTH and longer.startswith(shorter)


def match_name(typed: str, actors) -> Match:
    """One-off matching against a list of actors (build an ActorIndex to match many names)."""
    return ActorIndex(actors).match(typed)


__all__ = ["ActorEntry", "ActorIndex", "Candidate", "Match", "match_name"]
