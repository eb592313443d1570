"""The search index as it is shipped: lunr's serialized index, packed into flat arrays of numbers.

lunr's own format holds one small object per term, field and document ({"12": {}} for every posting) and a
named vector per document and field. Parsing and loading those objects was most of the time a reader waits for
search at 200 states (in Node, for one shard of 5 MB: 60-100 ms to parse, 20-40 ms to load). Packed, the same
index is a quarter smaller, parses in a fifth of the time, and search-engine.js ranks queries over these arrays
where they lie, with no object per posting at all.

A packed shard is a JSON object:

- ``version``: lunr's version; ``fields``: the field names, in order; ``pipeline``: the search pipeline;
- ``terms``: every term, sorted (lunr's token set is built from them); ``termIndex``: each term's position in
  the documents' vectors (lunr's ``_index``);
- ``postings``: per field, one flat list: for each term in order, the number of documents holding it in that
  field, then their refs;
- ``vectors``: per field, one flat list: for each document (refs are positions 0..n-1) the number of entries,
  then ``index, score`` pairs, as lunr's vector elements.
"""

from __future__ import annotations

from typing import Any

SCORE_DECIMALS = 2  # plenty to rank by; full floats made the vectors half again as large


def pack(index: dict[str, Any], refs: list[int]) -> dict[str, Any]:
    """Pack the documents `refs` of lunr's serialized index (from `Builder.build().serialize()`, refs "0".."n-1")
    as one shard, their refs renumbered 0.. in that order. The index is built over every document and cut into
    shards here, so each document's vector carries the whole site's statistics and scores from different shards
    compare (shards indexed apart ranked a section of one above a better page of the other)."""
    fields: list[str] = index["fields"]
    renumber = {str(ref): new for new, ref in enumerate(refs)}
    terms, term_index = [], []
    postings: list[list[int]] = [[] for _ in fields]
    for term, posting in index["invertedIndex"]:  # lunr serializes the terms sorted
        held = [sorted(renumber[ref] for ref in posting.get(field, {}) if ref in renumber) for field in fields]
        if not any(held):
            continue  # a term only other shards hold
        terms.append(term)
        term_index.append(posting["_index"])  # the whole index's term positions: the vectors use them
        for flat, mine in zip(postings, held, strict=True):
            flat += [len(mine), *mine]
    by_ref = dict(index["fieldVectors"])
    vectors: list[list[float]] = [[] for _ in fields]
    for field, flat in zip(fields, vectors, strict=True):
        for ref in refs:
            elements = by_ref.get(f"{field}/{ref}", [])
            flat.append(len(elements) // 2)
            flat += [round(x, SCORE_DECIMALS) if i % 2 else x for i, x in enumerate(elements)]
    return {"version": index["version"], "fields": fields, "pipeline": index["pipeline"], "terms": terms,
            "termIndex": term_index, "postings": postings, "vectors": vectors}


def unpack(packed: dict[str, Any]) -> dict[str, Any]:
    """lunr's serialized index again, for lunr.py's `Index.load` (the terminal search)."""
    fields: list[str] = packed["fields"]
    inverted = []
    offsets = [0] * len(fields)
    for term, position in zip(packed["terms"], packed["termIndex"], strict=True):
        posting: dict[str, Any] = {"_index": position}
        for f, field in enumerate(fields):
            flat, start = packed["postings"][f], offsets[f]
            count = flat[start]
            posting[field] = {str(ref): {} for ref in flat[start + 1 : start + 1 + count]}
            offsets[f] = start + 1 + count
        inverted.append([term, posting])
    vectors = []
    for field, flat in zip(fields, packed["vectors"], strict=True):
        at, ref = 0, 0
        while at < len(flat):
            count = flat[at]
            vectors.append([f"{field}/{ref}", flat[at + 1 : at + 1 + 2 * count]])
            at, ref = at + 1 + 2 * count, ref + 1
    return {"version": packed["version"], "fields": fields, "fieldVectors": vectors, "invertedIndex": inverted,
            "pipeline": packed["pipeline"]}
