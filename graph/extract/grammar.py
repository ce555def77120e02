"""Grammatical relations of a parse, read the way textacy reads subject-verb-object triples.

Pure functions over spaCy tokens: which words stand in which relation to a trigger verb (its
subject, passive subject and agent, object, dative, prepositional objects), who the subject of
an infinitive or participle is (control: "agreed to send", "urged Berlin to send"), and which
noun phrases a role word spans (conjuncts and appositions included). No vocabulary, no
mentions: graph/extract/claims.py pairs these tokens with mentions.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graph.extract.dates import TIME_NAMES

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Dependents that open a clause of their own: a role word's noun phrase stops there.
CLAUSAL = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "pcomp"})
# Links a verb's subject travels along: "agreed to send", "announced and sent", "by sending".
_CONTROL = frozenset({"xcomp", "conj", "advcl", "pcomp", "acomp", "prep", "ccomp"})
# "had an open mind about sending": a gerund's subject is that of the verb its noun hangs on
_NOUN_LINKS = frozenset({"dobj", "pobj"})
_LIST_LINKS = frozenset({"conj", "appos", "npadvmod"})
# subordinators of a clause about what may happen, not what is said or asked
_HYPOTHETICAL_MARKS = frozenset({"if", "unless", "before", "until", "once", "whether", "lest"})
_PREDICATE_ADJECTIVES = frozenset({"available"})
_PARTICLES = frozenset({"up", "off", "back", "over", "aside", "in", "out", "down", "away", "on"})
_EXAMPLE_PREPOSITIONS = frozenset({"like", "including", "as"})
# words that make a "with" name a partner in the act, not a thing: "together with Norway",
# "jointly with Denmark", "in cooperation with the United States"
_PARTNERSHIP_WORDS = frozenset({"together", "jointly", "along", "alongside", "cooperation", "partnership", "conjunction", "tandem"})
_RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})
# "agreed on Wednesday to add": a day or month after "on" is a time, never whom a verb calls on
_TIME_WORDS = TIME_NAMES | {"day", "date", "occasion"}


def relations(trigger: Token) -> Iterator[tuple[str, Token]]:
    """(relation, word) for each argument of `trigger`.

    Relations are dependency labels ("nsubj", "dobj", "dative", "nsubjpass", "poss",
    "compound") or the lemma of a preposition whose object is the word ("to", "from", "for");
    a passive agent ("by Germany") is "agent" with the object of "by".
    """
    for child in trigger.children:
        dep = child.dep_
        if dep in ("prep", "agent") or dep == "dative" and child.lower_ in ("to", "for"):
            # "asked for aircraft, for air defence and for artillery": the repeated preposition
            # hangs on the first as its conjunct
            repeated = [c for c in child.conjuncts if c.lower_ == child.lower_]
            objects = [grand for prep in (child, *repeated) for grand in prep.children if grand.dep_ in ("pobj", "pcomp")]
            relation = "agent" if dep == "agent" else child.lower_
            if relation in ("along", "alongside", "together"):
                # "delivered 40 Bushmasters, along with 14 M113 carriers": "with", a further item
                objects = objects or [g for c in child.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
                relation = "with"
            if relation == "on" and any(o.lower_ == "behalf" for o in objects):
                continue
            for word in objects:
                if word.dep_ == "pobj":
                    yield relation, word
        elif dep in ("nsubj", "nsubjpass", "dobj", "dative", "poss", "compound", "attr", "oprd"):
            yield dep, child


def infinitive_verbs(trigger: Token) -> list[Token]:
    """The verbs of the infinitive a verb takes: "send" of "urged Berlin to send", "help" and
    "find" of "asked London to help find"."""
    return [v for c in trigger.children if c.dep_ == "xcomp" for v in c.subtree if v.pos_ == "VERB"]


def particles(trigger: Token) -> frozenset[str]:
    """Particles of a phrasal verb ("hold up", "hand over") and "on hold" ("put on hold")."""
    found = {child.lower_ for child in trigger.children if child.dep_ in ("prt", "advmod") and child.lower_ in _PARTICLES}
    # "make 18 tanks available", "make available another system": the predicate adjective of a
    # light verb, wherever the parser hangs it (its complement, or a modifier of the object)
    found.update(word.lower_ for word in [*trigger.children, *(g for c in trigger.children if c.dep_ == "dobj" for g in c.children)]
                 if word.lower_ in _PREDICATE_ADJECTIVES and word.dep_ in ("ccomp", "acomp", "oprd", "xcomp", "amod"))
    for child in trigger.children:
        if child.dep_ == "prep" and not any(g.dep_ == "pobj" and (g.lower_ in _TIME_WORDS or g.like_num) for g in child.children):
            # "put 600 million into the fund"; "passed on Tuesday" has no particle
            found.add(child.lower_)
            found.update(f"{child.lower_} {grand.lower_}" for grand in child.children if grand.dep_ == "pobj")
    return frozenset(found)


def to_infinitive(clause: Token) -> bool:
    """A clause whose verb takes "to": "to send", "(urged Berlin) to send"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def infinitival(clause: Token) -> bool:
    """A clause of "to" and a verb without its own subject: "a position to send", "agreed to send"."""
    return to_infinitive(clause) and not any(c.dep_ in SUBJECTS for c in clause.children)


def examples(word: Token) -> list[Token]:
    """The nouns a word gives as examples: "countries like Germany", "the systems we provided,
    including 8,000 Javelins", "such as the 160 howitzers"."""
    return [g for c in word.children if c.dep_ == "prep" and c.lower_ in _EXAMPLE_PREPOSITIONS for g in c.children if g.dep_ == "pobj"]


def subject(trigger: Token, control_nouns: frozenset[str] = frozenset(), asking: frozenset[str] = frozenset()) -> Token | None:
    """The subject of `trigger`: its own, else the controller's.

    "Germany agreed to send": the subject of "send" is the subject of "agreed"; "urged Berlin to
    send": the object of "urged"; "called on NATO to send": the object of "on"; a relative
    clause whose pronoun is the subject ("Germany, which sent ...") has the noun it modifies;
    the infinitive of one of `control_nouns` has the noun's holder ("is in a position to send");
    the infinitive of one of the verbs of `asking` has whom they ask ("pleaded with Berlin to
    send", "appealed to allies to supply").
    """
    word: Token | None = trigger
    for _ in range(8):  # control chains are short; a parse loop must not run forever
        if word is None:
            return None
        own = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if own is not None:
            if own.lower_ in _RELATIVE_PRONOUNS and word.dep_ == "relcl":
                return word.head
            return own
        if word.dep_ in ("relcl", "acl") and infinitival(word) and word.head.lemma_.lower() in control_nouns:
            # "Oslo is in a position to send": the holder of the position sends
            possessor = next((c for c in word.head.children if c.dep_ == "poss"), None)
            if possessor is not None:
                return possessor
            by = next((g for c in word.head.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"), None)
            if by is not None:
                return by  # "a plan by Latvia to send howitzers"
            word = word.head
            continue
        if word.dep_ == "relcl" or word.dep_ == "acl":
            return None
        head = word.head
        if head.i == word.i or word.dep_ not in _CONTROL | _NOUN_LINKS:
            return None
        if word.dep_ == "xcomp":
            controller = object_controller(head)
            if controller is not None:
                return controller
        if word.dep_ in ("xcomp", "advcl") and infinitival(word) and head.lemma_.lower() in asking:
            asked = next((g for c in head.children if c.dep_ == "prep" and c.lower_ in ("with", "to") for g in c.children if g.dep_ == "pobj"), None)
            if asked is not None:
                return asked
        if word.dep_ == "pcomp" and head.lower_ == "for" and head.head.pos_ == "VERB":
            # "thanked the Slovakian government for providing": the thanked did it
            thanked = next((c for c in head.head.children if c.dep_ == "dobj"), None)
            if thanked is not None:
                return thanked
        word = head
    return None


def object_controller(verb: Token) -> Token | None:
    """The object that controls an infinitive: "urged Berlin to send", "called on NATO to send"."""
    for child in verb.children:
        if child.dep_ in ("dobj",):
            return child
        if child.dep_ == "prep" and child.lower_ == "on":
            found = next((g for g in child.children if g.dep_ == "pobj"), None)
            if found is not None and found.lower_ not in _TIME_WORDS and not found.like_num:
                return found
    return None


def phrase_heads(word: Token) -> list[Token]:
    """The heads of the noun phrases a role word stands for: itself and its conjuncts.

    "Denmark, Germany and the Netherlands" gives three heads; an apposition ("the country's
    leader, Olaf Scholz") adds its head too, and so do names the parser hung on each other as
    appositions ("Finland, Canada, Sweden").
    """
    heads = {word.i: word}
    stack = [word, *word.conjuncts]
    while stack:
        token = stack.pop()
        heads[token.i] = token
        # the parser often reads a list of names as appositions ("Finland, Canada, Sweden")
        stack.extend(c for c in token.children if c.dep_ in _LIST_LINKS and c.pos_ in ("PROPN", "NOUN") and c.i not in heads)
    return sorted(heads.values(), key=lambda token: token.i)


def phrase_tokens(word: Token) -> list[int]:
    """Indices of the noun phrase headed by `word`, without clauses attached to it.

    Conjuncts stay ("Stinger missiles and grenade launchers"); relative clauses, participles and
    other clauses do not ("the tanks Germany sent" is about the tanks, not Germany).
    """
    found: list[int] = []
    stack = [word]
    while stack:
        token = stack.pop()
        found.append(token.i)
        stack.extend(child for child in token.children if child.dep_ not in CLAUSAL)
    return sorted(found)


def misread_gerund(word: Token) -> bool:
    """"would not rule out supplying weapons": a gerund right after a verb (or its particle) that
    the parser read as an adjective of the verb's object; it is the verb's complement, and the
    noun its object. ("sent mine-clearing tanks" is an adjective: the verb does not touch it.)"""
    if word.dep_ != "amod" or word.tag_ != "VBG" or word.head.dep_ != "dobj" or word.i == 0:
        return False
    before = word.nbor(-1)
    verb = word.head.head
    return before.i == verb.i or before.dep_ == "prt" and before.head.i == verb.i


def path_up(trigger: Token, limit: int = 8) -> list[tuple[Token, str]]:
    """The words the trigger hangs under, each with the relation the path arrived by.

    The path climbs along infinitives, gerunds, prepositions, objects, conjunctions and
    adjectives ("is open to sending", "agreed to send", "announced the transfer of"), up to the
    clause's root; that is where governing verbs and hedges sit. A word reached by "conj" is a
    sibling of the one below it, not its governor.
    """
    path: list[tuple[Token, str]] = []
    word = trigger
    for _ in range(limit):
        gerund = word.i == trigger.i and misread_gerund(word)
        if word.dep_ not in (*_CONTROL, "pobj", "dobj", "nsubjpass", "nsubj", "attr", "acl") and not (
                word.dep_ == "relcl" and infinitival(word)) and not gerund or word.head.i == word.i:
            break
        path.append((word.head, word.dep_))
        word = word.head
    return path


def inquiry(verb: Token) -> bool:
    """"Asked about fighter jets, he said ...", "asked whether Berlin would send": a question put
    to someone, not a request for something."""
    if any(c.dep_ == "prep" and c.lower_ == "about" for c in verb.children):
        return True
    return any(c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ in ("whether", "if") for g in c.children)
               for c in verb.children)


# verbs of thanks: "thanked X for their deliveries" names X as the ones who delivered
_THANKING_VERBS = frozenset({"thank", "praise", "commend", "applaud", "hail"})


def partners(words: list[Token]) -> list[Token]:
    """The nouns named as partners of the act a verb, its subject or its object stands in:
    "Norway delivered the launchers together with the United States", "pledged 100 tanks jointly
    with Denmark", "Germany, together with the Czech Republic, paid", "in cooperation with Oslo",
    "alongside Washington". The parser hangs the "with" on any of these words, or on the adverb
    before it; callers keep the nouns that are actors (a "with" names equipment too)."""
    found: list[Token] = []
    for word in words:
        for child in word.children:
            links = [child, *(g for g in child.children if g.dep_ in ("prep", "pobj"))] if child.lower_ in _PARTNERSHIP_WORDS else [child]
            for link in links:
                if link.dep_ == "prep" and link.lower_ == "alongside":
                    found += [g for g in link.children if g.dep_ == "pobj"]
                elif link.dep_ == "prep" and link.lower_ == "with" and (link.head.lower_ in _PARTNERSHIP_WORDS or link.i > 0 and link.nbor(-1).lower_ in _PARTNERSHIP_WORDS):
                    found += [g for g in link.children if g.dep_ == "pobj"]
                elif link.dep_ == "prep" and link.lower_ == "in":
                    # "in cooperation with the United States"
                    found += [g for n in link.children if n.dep_ == "pobj" and n.lower_ in _PARTNERSHIP_WORDS
                              for w in n.children if w.dep_ == "prep" and w.lower_ == "with" for g in w.children if g.dep_ == "pobj"]
    return found


def has_relation(word: Token, relations_wanted: frozenset[str]) -> bool:
    """True when `word` has a dependent in one of the relations: a dependency label, a
    preposition's lemma ("called for jets"), or the subordinator of a clause it governs
    ("called for Berlin to send")."""
    return any(c.dep_ in relations_wanted or c.dep_ == "prep" and c.lower_ in relations_wanted
               or c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ in relations_wanted for m in c.children)
               for c in word.children)


def listed_among(noun: Token) -> list[Token]:
    """"Among the shipments held back are 40 Stinger missiles and 2,000 shells": the subject of
    the copula a noun is "among" names members of it; none otherwise."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "among" or noun.head.head.lemma_.lower() != "be":
        return []
    return [c for c in noun.head.head.children if c.dep_ in ("nsubj", "attr") and c.i > noun.i]


def modified_noun(clause: Token) -> Token:
    """The noun a participle or relative clause describes. Set off by a comma after a
    coordination, it describes every conjunct ("4,000 rifles and 900 grenades, delivered in
    March": the rifles too), so the first conjunct stands for the list."""
    noun = clause.head
    if clause.i > 0 and clause.nbor(-1).text == "," and clause.head.i < clause.i:
        while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
    return noun


def thanked_for(noun: Token) -> Token | None:
    """The object of "thank" when `noun` is what it is thanked for ("thanked Oslo for its
    deliveries"), else None."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for" or noun.head.head.lemma_.lower() not in _THANKING_VERBS:
        return None
    return next((c for c in noun.head.head.children if c.dep_ == "dobj"), None)


def hypothetical(verb: Token) -> bool:
    """"if Kyiv asks", "before Kyiv ever needs them", "should Kyiv ask for them": a clause of
    condition or time about a verb, or the inverted "should" of a condition."""
    if any(c.dep_ == "mark" and c.lower_ in _HYPOTHETICAL_MARKS for c in verb.children):
        return True
    subject_word = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject_word is not None and any(c.dep_ == "aux" and c.lower_ == "should" and c.i < subject_word.i for c in verb.children)
