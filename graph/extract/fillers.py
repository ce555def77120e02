"""Role fillers: which words of a parse fill which role of a frame.

The trigger's own relations (graph/extract/grammar.py) mapped by the frame's role table, then
what the parse hides: the controller of an infinitive, a relative pronoun standing for its noun,
a hand-over noun in a subject slot that is the item, a participle's or relative clause's giver,
the noun a relative clause or participle modifies as its item, items a listing participle adds,
and the origin and destination of the item phrase itself. Pure function over spaCy tokens and
the sentence's mentions; graph/extract/claims.py turns the words into actors and items.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.frames import GOVERNING_SUBJECT, Frame, Inventory
from graph.extract.grammar import examples, infinitive_verbs, listed_among, misread_gerund, modified_noun, partners, phrase_tokens, relations, subject, thanked_for
from graph.extract.parsed import ParsedSentence
from graph.model import ActorType
from graph.vocabulary import Vocabulary

# participles that list more items of the claim: "..., listing rocket launchers and Gepard guns"
LISTING_VERBS = frozenset({"list", "include", "name", "cite", "mention"})
# verbs that say what a package holds: "The package includes ...", "aid which contains ..."
CONTENT_VERBS = frozenset({"include", "contain", "comprise"})


_POSSESSIVE_PRONOUNS = frozenset({"their", "its", "his", "her"})


def _closing_participle_verb(parsed: ParsedSentence, trigger: Token) -> Token | None:
    """The verb of the clause a past participle closes (", paid for by Denmark"): its head when
    the parser made it an adverbial clause, the verb of the preposition whose actor it was hung
    on ("to Kyiv, paid for by Denmark"); None for any other word."""
    if trigger.tag_ != "VBN" or not any(c.dep_ == "agent" for c in trigger.children):
        return None
    if trigger.dep_ == "advcl":
        return trigger.head
    head = trigger.head
    if trigger.dep_ == "acl" and head.i in parsed.actors and head.dep_ == "pobj" and head.head.head.pos_ == "VERB":
        return head.head.head
    return None


def role_fillers(parsed: ParsedSentence, trigger: Token, frame: Frame, inventory: Inventory, vocabulary: Vocabulary) -> dict[str, list[Token]]:
    """Role -> the words filling it, from the trigger's relations and its controller."""
    roles = set(frame.roles.values())
    fillers: dict[str, list[Token]] = {}
    found = list(relations(trigger))
    if not found and misread_gerund(trigger):
        # "would not rule out supplying weapons", read by the parser as weapons that supply: the
        # gerund's object is the noun, its subject the verb's
        found = [("dobj", trigger.head), *(("nsubj", s) for s in trigger.head.head.children if s.dep_ == "nsubj")]
    for relation, word in found:
        role = frame.roles.get(relation)
        if role is not None:
            # "Denmark, which gave Ukraine its Caesars": the relative pronoun is the noun it modifies
            relative = (trigger.dep_ == "relcl" and word.lower_ in ("which", "who") and role != "item"
                        and vocabulary.actor_type(parsed.actors[trigger.head.i].iri if trigger.head.i in parsed.actors else "") is ActorType.STATE)
            fillers.setdefault(role, []).append(trigger.head if relative else word)
    # (a past participle closing a clause, "..., paid for by the Netherlands", has no subject of
    # its own; the parser hangs it on the verb or on the actor the clause ends with)
    clause_verb = _closing_participle_verb(parsed, trigger)
    if not any(rel in ("nsubj", "nsubjpass") for rel, _ in found) and "nsubj" in frame.roles and clause_verb is None:
        controller = subject(trigger, inventory.control_nouns, inventory.governors.get("request", frozenset()))
        if controller is not None:
            # "launchers are to be supplied by Norway": a passive verb's subject is its object
            passive = any(c.dep_ == "auxpass" for c in trigger.children) and "nsubjpass" in frame.roles
            fillers.setdefault(frame.roles["nsubjpass" if passive else "nsubj"], []).append(controller)
    thanked = thanked_for(trigger)
    if thanked is not None and frame.roles.get("poss") and any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS for c in trigger.children):
        # "thanked Denmark, Norway and the Netherlands for their deliveries of F-16s": theirs are
        # the thanked (each of them: the role word's conjuncts count)
        fillers[frame.roles["poss"]] = [thanked]
    objects = [w for rel, w in found if rel == "dobj" and frame.roles.get("dobj") == "item"]
    if objects:
        # "have provided helicopters; coastal vessels, and counter-UAV systems": nouns the parser
        # hung on the verb past a semicolon after its object list more objects
        last = max(w.i for w in objects)
        fillers["item"] += [c for c in trigger.children if c.dep_ in ("conj", "npadvmod", "appos") and c.pos_ in ("NOUN", "PROPN")
                            and c.i > last and any(t.text == ";" for t in trigger.doc[last:c.i])]
    giver = frame.roles.get("nsubj")
    if giver in ("provider", "funder"):
        # "delivered the launchers together with the United States": the partner gives too
        # (and is no item, though "with" names items of "supply Kyiv with shells")
        joined = [w for w in partners([trigger, *fillers.get(giver, []), *fillers.get("item", [])])
                  if w.i in parsed.actors and vocabulary.actor_type(parsed.actors[w.i].iri) is ActorType.STATE]
        if joined:
            if "item" in fillers:
                fillers["item"] = [w for w in fillers["item"] if w not in joined]
            fillers.setdefault(giver, []).extend(joined)
    for role in ("provider", "funder"):
        for word in list(fillers.get(role, [])):
            if word.lemma_.lower() in inventory.nominal_lemmas and word.i not in parsed.actors:
                fillers[role].remove(word)  # "deliveries would resume": the hand-over is the item
                fillers.setdefault("item", []).append(word)
    if "item" in roles:
        # "funding for the refurbishment of 45 tanks": a "for" that names equipment, not a recipient
        for word in [w for rel, w in found if rel == "for" and frame.roles.get("for") == "recipient"]:
            if word.i not in parsed.actors and any(i in parsed.systems for i in phrase_tokens(word)):
                fillers["recipient"].remove(word)
                fillers.setdefault("item", []).append(word)
    agent_role = frame.roles.get("agent") or ("provider" if "provider" in roles else None)
    if agent_role is not None and agent_role not in fillers:
        # "18 tanks promised by Germany have been handed over": the participle's agent gave them
        # ("the last of the tanks promised by Washington": the noun of the part)
        nouns = [n for w in fillers.get("item", []) for n in [w, *(g for c in w.children if c.dep_ == "prep" and c.lower_ == "of"
                                                                  for g in c.children if g.dep_ == "pobj")]]
        # ("drones built by Baykar": a maker is no giver)
        fillers[agent_role] = [g for w in nouns for c in w.children if c.dep_ == "acl" and c.tag_ == "VBN"
                               and any(not f.particles for f in inventory.frames_for(c.lemma_.lower()))
                               for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        # "the 2,700 missiles Germany promised were held up": the relative clause's giver
        fillers[agent_role] += [g for w in fillers.get("item", []) for c in w.children if c.dep_ == "relcl" and inventory.frames_for(c.lemma_.lower())
                                for g in c.children if g.dep_ == "nsubj" and g.i in parsed.actors]
        if not fillers[agent_role]:
            del fillers[agent_role]
    named = any(i in parsed.systems for w in fillers.get("item", []) for i in phrase_tokens(w))
    participle = trigger.dep_ == "acl" and trigger.tag_ == "VBN"  # "4,000 launchers, delivered in March"
    if (trigger.dep_ == "relcl" or participle) and (any(w.lower_ in ("which", "that") for w in fillers.get("item", [])) or not named):
        fillers["item"] = [modified_noun(trigger)]  # "the tanks, which Germany has pledged", "the weapons the US has provided"
        fillers["item"] = listed_among(fillers["item"][0]) or fillers["item"]  # "Among the shipments held back are 40 Stingers"
        # "the systems we provided—like the 8,000 Javelins—": examples the clause gives are the items
        given = examples(trigger)
        if any(i in parsed.systems for w in given for i in phrase_tokens(w)):
            fillers["item"] = given
    # the speech verb that reports the trigger hosts the list as often as the trigger does
    hosts = [trigger, *([trigger.head] if trigger.dep_ == "ccomp" and trigger.head.lemma_.lower() in inventory.speech_verbs else []),
             *(c for c in trigger.children if c.dep_ == "parataxis" and c.lemma_.lower() in inventory.speech_verbs)]
    for clause in (c for host in hosts for c in host.children):
        if clause.dep_ == "advcl" and clause.lemma_.lower() in LISTING_VERBS and clause.tag_ == "VBG":
            # "is supplying Ukraine with artillery, listing rocket launchers, Gepard guns and ...":
            # what the participle lists are items of the claim too
            fillers.setdefault("item", []).extend(c for c in clause.children if c.dep_ == "dobj")
    if "item" in roles and "item" not in fillers and trigger.pos_ == "VERB" and trigger.dep_ not in ("relcl", "acl"):
        # "delivered more than 120 Bushmaster protected mobility vehicles": the parser read
        # the name's participle as a verb; the first system named after the verb is its object
        after = next((i for i in sorted(parsed.systems) if i > trigger.i and parsed.parse[i] in trigger.subtree), None)
        # (a verb of payments only, "add", claims nothing without a sum: it does not stand between)
        if after is not None and not any(parsed.parse[j].pos_ == "VERB" and any(not f.money_only for f in inventory.frames_for(parsed.parse[j].lemma_.lower()))
                                         for j in range(trigger.i + 1, after)):
            fillers["item"] = [parsed.parse[parsed.systems[after].token_end - 1 - parsed.sentence.tokens.start]]
    if frame.kind == "request" and not any(i in parsed.systems for w in fillers.get("item", []) for i in phrase_tokens(w)):
        # "asked London to help find more air defence systems": what the infinitive would get
        wanted = [o for v in infinitive_verbs(trigger) for o in v.children if o.dep_ == "dobj"]
        if wanted:
            fillers.setdefault("item", []).extend(wanted)
    for word in list(fillers.get("item", [])):
        listed = [o for c in word.children if c.dep_ == "relcl" and c.lemma_.lower() in CONTENT_VERBS for o in c.children if o.dep_ == "dobj"]
        if any(i in parsed.systems for o in listed for i in phrase_tokens(o)) and not any(i in parsed.systems and not parsed.systems[i].generic for i in phrase_tokens(word)):
            # "The aid, which includes 20 Leopard 1 tanks, will be delivered by Denmark": what it holds
            fillers["item"] = [w for w in fillers["item"] if w is not word] + listed
    if trigger.dep_ == "amod" and trigger.tag_ == "VBN" and agent_role is not None:
        # "the US-supplied launchers", "British-donated tanks": the participle describes its noun,
        # and the actor joined to it by the hyphen gave it
        givers = [c for c in trigger.children if c.dep_ in ("npadvmod", "compound", "nmod", "advmod", "amod") and c.i in parsed.actors]
        if givers:
            fillers["item"], fillers[agent_role] = [trigger.head], givers
    if clause_verb is not None and "item" in roles and not any(i in parsed.systems for w in fillers.get("item", []) for i in phrase_tokens(w)):
        # "will supply 25 tanks to Ukraine, paid for by the Netherlands": the participle closing
        # the clause is about the main verb's object
        main_objects = [c for c in clause_verb.children if c.dep_ == "dobj"]
        if main_objects:
            fillers["item"] = main_objects
    if trigger.dep_ == "acl" and "item" not in fillers:
        fillers["item"] = [modified_noun(trigger)]  # "the Patriot systems sent by Germany"
    # "shipments of Patriot interceptors to Ukraine", "a battery from Germany": the item
    # phrase's own origin and destination count
    for word in list(fillers.get("item", [])):
        noun = inventory.nominal_frame(word.lemma_.lower())
        noun_roles = noun.roles if noun is not None else {"from": "provider", "to": "recipient"}
        # "delivery of a batch of tanks from Poland": the nouns down the "of" chain count too
        chain = [word]
        while (inner_of := next((g for c in chain[-1].children if c.dep_ == "prep" and c.lower_ == "of"
                                 for g in c.children if g.dep_ == "pobj"), None)) is not None and len(chain) < 4:
            chain.append(inner_of)
        chain += [c for link in chain for c in link.children if c.dep_ == "conj"]  # "shells and interceptors from US stocks"
        for relation, inner in (pair for link in chain for pair in relations(link)):
            role = noun_roles.get(relation)
            if role not in (None, "item", GOVERNING_SUBJECT) and not fillers.get(role) and (role != "provider" or "provider" in roles):
                fillers.setdefault(role, []).append(inner)
    return fillers
