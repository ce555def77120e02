"""Extraction: from an Article to typed claims and mentions (an ExtractionResult).

It takes an `Article` and the reference `Vocabulary` and gives the claims (kind, provider, recipient,
funder, via, item, quantity, money, speaker, date, evidence) and the mentions the RDF mapping
needs. Stages, each one pass over the sentences, each reading the previous stage's output:

1. mentions (mentions.py, unlisted.py, money.py): actor, system, money and date spans from the
   vocabulary, names it lacks, amounts in the lexicon's currencies;
2. parse (parse.py): spaCy's statistical tagger, parser and lemmatizer, only for sentences
   where a trigger word and a mention meet;
3. frames (frames.py, frames.yaml): trigger lemma -> kind and roles by grammatical relation;
4. grammar (grammar.py): the relations of the tree -> the mentions that fill each role;
5. modality (modality.py): tense, aspect, modals, negation and governing verbs -> final kind;
6. attribution (attribution.py): who the article says made the claim;
7. discourse (discourse.py, claims.py, ellipsis.py): pronouns, references, lists, ellipsis, repeats;
8. funds (funds.py): money paid into funds and initiatives, their organisers and purchases;
   extractor.py runs the stages end to end.
"""
