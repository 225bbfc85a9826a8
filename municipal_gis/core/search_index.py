"""An in-memory search index for the locator: property, parcels, leases by code, address, name.

Each record carries a kind (``municipal_property``, ``parcel``, ``lease``, …), an id the caller
understands (a feature id), a label, free texts (address, name, lessee) and codes (ΚΑΕΚ,
Ο.Τ., property code). Texts are split into tokens and keyed phonetically
(`municipal_gis.core.greek`), so accents, case, final sigma and Greeklish do not matter.

Layout: the distinct token keys are one sorted Python list; the records of each key are a slice
of one numpy array (CSR). A query token is a prefix: two bisections give the range of keys that
start with it, and the union of their slices is the set of records. Several query tokens
intersect. Codes typed in full (``Ο.Τ. 209Α``, a ΚΑΕΚ) are also looked up in a dict and come
first.

Ranking, best first: a whole code typed exactly; more query tokens equal to a whole word (not
only a prefix); the query appearing in the label as typed (accent-free Greek); the kind order;
the label.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np

from municipal_gis.core.greek import compact_code, phonetic_key, plain_key, plain_tokens, query_token_variants

__all__ = ["SearchRecord", "SearchHit", "SearchIndex", "DEFAULT_KIND_ORDER"]

DEFAULT_KIND_ORDER = ("municipal_property", "lease", "parcel", "city_block", "street", "community")
_HIGH = "\U0010ffff"


@dataclass(frozen=True)
class SearchRecord:
    kind: str
    id: Any
    label: str
    texts: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    detail: str = ""


@dataclass(frozen=True)
class SearchHit:
    record: SearchRecord
    exact_code: bool
    exact_words: int


@dataclass
class SearchIndex:
    records: list[SearchRecord]
    kind_order: tuple[str, ...] = DEFAULT_KIND_ORDER
    _keys: list[str] = field(default_factory=list, repr=False)
    _starts: np.ndarray = field(default=None, repr=False)
    _postings: np.ndarray = field(default=None, repr=False)
    _codes: dict = field(default_factory=dict, repr=False)
    _kind_rank: np.ndarray = field(default=None, repr=False)
    _label_rank: np.ndarray = field(default=None, repr=False)
    _record_keys: list = field(default_factory=list, repr=False)  # forward index: record -> its keys

    @classmethod
    def build(cls, records: Iterable[SearchRecord], kind_order: tuple[str, ...] = DEFAULT_KIND_ORDER) -> SearchIndex:
        index = cls(list(records), tuple(kind_order))
        index._build()
        return index

    def __len__(self) -> int:
        return len(self.records)

    def _build(self) -> None:
        memo: dict[str, str] = {}
        text_memo: dict[str, list[str]] = {}  # addresses and names repeat a lot
        key_ids: dict[str, int] = {}
        pair_key: list[int] = []
        pair_rec: list[int] = []
        record_keys: list[tuple[str, ...]] = []
        codes: dict[str, list[int]] = {}
        for r, record in enumerate(self.records):
            seen = set()
            for text in (*record.codes, *record.texts, record.label):
                if not text:
                    continue
                if text.isdigit():
                    keys = (text,)
                else:
                    keys = text_memo.get(text)
                    if keys is None:
                        keys = []
                        for token in plain_tokens(text):
                            key = token if token.isdigit() else memo.get(token)
                            if key is None:
                                key = memo[token] = phonetic_key(token)
                            keys.append(key)
                        if len(text_memo) < 1_000_000:
                            text_memo[text] = keys
                for key in keys:
                    if key in seen:
                        continue
                    seen.add(key)
                    kid = key_ids.get(key)
                    if kid is None:
                        kid = key_ids[key] = len(key_ids)
                    pair_key.append(kid)
                    pair_rec.append(r)
            record_keys.append(tuple(seen))
            for code in record.codes:
                compact = code if code.isdigit() else compact_code(code)
                if compact:
                    codes.setdefault(compact, []).append(r)
        self._record_keys = record_keys
        keys = sorted(key_ids)
        rank = np.empty(len(key_ids), dtype=np.int64)
        rank[[key_ids[k] for k in keys]] = np.arange(len(keys))
        pair_rank = rank[np.asarray(pair_key, dtype=np.int64)] if pair_key else np.zeros(0, np.int64)
        order = np.argsort(pair_rank, kind="stable")
        self._keys = keys
        self._postings = np.asarray(pair_rec, dtype=np.int32)[order] if pair_rec else np.zeros(0, np.int32)
        counts = np.bincount(pair_rank, minlength=len(keys))
        self._starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self._codes = codes
        order_of_kind = {kind: i for i, kind in enumerate(self.kind_order)}
        self._kind_rank = np.asarray([order_of_kind.get(r.kind, len(order_of_kind)) for r in self.records],
                                     dtype=np.int32)
        labels = [plain_key(r.label) for r in self.records]
        label_order = sorted(range(len(labels)), key=labels.__getitem__)
        self._label_rank = np.empty(len(labels), dtype=np.int32)
        self._label_rank[label_order] = np.arange(len(labels), dtype=np.int32)

    def _key_range(self, prefix: str) -> tuple[int, int]:
        lo = bisect.bisect_left(self._keys, prefix)
        hi = bisect.bisect_left(self._keys, prefix + _HIGH, lo)
        return lo, hi

    def _records_for(self, variants: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(records with a word starting with one of `variants`, records with a word equal to one)."""
        prefix_parts, exact_parts = [], []
        for variant in variants:
            lo, hi = self._key_range(variant)
            if lo == hi:
                continue
            prefix_parts.append(self._postings[self._starts[lo]:self._starts[hi]])
            if self._keys[lo] == variant:
                exact_parts.append(self._postings[self._starts[lo]:self._starts[lo + 1]])
        prefix = np.unique(np.concatenate(prefix_parts)) if prefix_parts else np.zeros(0, np.int32)
        exact = np.unique(np.concatenate(exact_parts)) if exact_parts else np.zeros(0, np.int32)
        return prefix, exact

    def _postings_size(self, prefix: str) -> int:
        lo, hi = self._key_range(prefix)
        return int(self._starts[hi] - self._starts[lo])

    def _filter(self, candidates: np.ndarray, variants: list[str]) -> tuple[np.ndarray, np.ndarray]:
        keep, exact = [], []
        wanted = tuple(variants)
        for r in candidates.tolist():
            keys = self._record_keys[r]
            if any(key.startswith(wanted) for key in keys):
                keep.append(r)
                if any(key in wanted for key in keys):
                    exact.append(r)
        return np.asarray(keep, dtype=candidates.dtype), np.asarray(exact, dtype=np.int64)

    def search(self, query: str, limit: int = 30) -> list[SearchHit]:
        """Records matching every word of `query` (each as a prefix), best first."""
        tokens = plain_tokens(query)
        if not tokens or not self.records:
            return []
        code_hits = np.asarray(self._codes.get(compact_code(query), ()), dtype=np.int64)
        # most selective word first; once the candidates are few, the other words are checked on
        # each candidate's own keys instead of unioning their (possibly huge) posting lists
        variants = [query_token_variants(token) for token in tokens]
        sizes = [sum(self._postings_size(v) for v in vs) for vs in variants]
        order = sorted(range(len(tokens)), key=sizes.__getitem__)
        candidates = None
        exact_sets = []
        for k in order:
            if candidates is not None and candidates.size * 4 < sizes[k]:
                candidates, exact = self._filter(candidates, variants[k])
            else:
                prefix, exact = self._records_for(variants[k])
                candidates = prefix if candidates is None else np.intersect1d(candidates, prefix, assume_unique=True)
            exact_sets.append(exact)
            if candidates.size == 0:
                break
        candidates = np.union1d(candidates, code_hits).astype(np.int64)
        if candidates.size == 0:
            return []
        exact_words = np.zeros(candidates.size, dtype=np.int32)
        for exact in exact_sets:
            exact_words += np.isin(candidates, exact, assume_unique=True)
        is_code = np.isin(candidates, code_hits)
        order = np.lexsort((self._label_rank[candidates], self._kind_rank[candidates], -exact_words, ~is_code))
        # a short list is re-ranked by how literally the label contains the query
        shortlist = order[: max(limit * 3, limit)]
        typed = plain_key(query)

        def literal(i):
            return 0 if typed and typed in plain_key(self.records[candidates[i]].label) else 1

        shortlist = sorted(shortlist, key=lambda i: (not is_code[i], -exact_words[i], literal(i),
                                                      self._kind_rank[candidates[i]], self._label_rank[candidates[i]]))
        return [SearchHit(self.records[candidates[i]], bool(is_code[i]), int(exact_words[i])) for i in shortlist[:limit]]
