"""Benchmark: locator search index on 200 000 synthetic parcels, lease status for 10 000 leases.

Peers, on the same synthetic records:
* locator: a linear scan over pre-normalised (accent-free, case-folded) texts, which is what a
  simple QgsLocatorFilter does, and SQLite FTS5 (unicode61, remove_diacritics, prefix queries).
  Neither understands Greeklish: their hit counts for Greeklish queries show it.
* lease status: a pandas implementation of the same rules (in force / expiring / expired / vacant).

    .venv/bin/python bench/bench_property.py [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from municipal_gis.core.greek import plain_key  # noqa: E402
from municipal_gis.core.leases import Lease, lease_status, rent_roll  # noqa: E402
from municipal_gis.core.search_index import SearchIndex, SearchRecord  # noqa: E402

STREETS = ["Ερμού", "Μεραρχίας", "Δημογερόντων", "Νικολάου", "Ελευθερίου Βενιζέλου", "Βασιλέως Βασιλείου",
           "Καραμανλή", "Εξοχών", "Ραιδεστού", "Νικομηδείας", "Βιζυηνού", "Καλαμπάκα", "Δημητρίου Σπυρίδη",
           "Ανατολικής Θράκης", "Μεγάλου Αλεξάνδρου", "Κολοκοτρώνη", "Αγίου Νικολάου", "Ομονοίας", "Ειρήνης",
           "Εμπορίου", "Τσαλοπούλου", "Μητροπόλεως", "Κωνσταντινουπόλεως", "Φιλικής Εταιρείας", "Παπαναστασίου"]
SURNAMES = ["Παπαδόπουλος", "Γεωργίου", "Ιωαννίδης", "Αποστολίδης", "Θεοδωρίδου", "Χατζηγεωργίου", "Ξανθόπουλος"]
QUERIES = [
    ("greek street", "Μεραρχίας 12"), ("accents/case", "μεραρχιας 12"), ("greeklish", "Merarxias 12"),
    ("greeklish 2", "Dimogeronton"), ("typing prefix", "ερμ"), ("ΚΑΕΚ exact", None), ("ΚΑΕΚ prefix", None),
    ("Ο.Τ.", "Ο.Τ. 209Α"), ("lessee greeklish", "papadopoulos"), ("short", "κ"),
]


def make_records(n_parcels: int, seed: int = 7):
    rnd = random.Random(seed)
    records = []
    for i in range(n_parcels):
        street = rnd.choice(STREETS)
        kaek = f"4001{i // 1000:04d}{i % 1000:03d}1"[:12].ljust(12, "0")
        ot = f"{rnd.randint(1, 900)}{rnd.choice(['', '', 'Α', 'Β'])}"
        address = f"{street} {rnd.randint(1, 150)}"
        records.append(SearchRecord("parcel", i, kaek, (address,), (kaek, f"Ο.Τ. {ot}")))
    for j in range(n_parcels // 40):
        street = rnd.choice(STREETS)
        records.append(SearchRecord("municipal_property", j, f"ΔΑ-{j:05d} – Ακίνητο {street}",
                                    (f"{street} {rnd.randint(1, 150)}",), (f"ΔΑ-{j:05d}",)))
    for k in range(n_parcels // 20):
        records.append(SearchRecord("lease", k, f"Μ-{k:05d}", (f"{rnd.choice(SURNAMES)} {rnd.choice(STREETS)}",),
                                    (f"Μ-{k:05d}",)))
    return records


def time_queries(fn, queries, repeat=5):
    times, hits = {}, {}
    for name, query in queries:
        samples = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            result = fn(query)
            samples.append((time.perf_counter() - t0) * 1000)
        times[name] = statistics.median(samples)
        hits[name] = result
    return times, hits


def linear_peer(records):
    t0 = time.perf_counter()
    texts = [plain_key(" ".join((r.label, *r.texts, *r.codes))) for r in records]
    build = time.perf_counter() - t0

    def search(query):
        tokens = plain_key(query).split()
        return sum(1 for text in texts if all(t in text for t in tokens))

    return build, search


def fts_peer(records):
    t0 = time.perf_counter()
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE VIRTUAL TABLE r USING fts5(body, tokenize='unicode61 remove_diacritics 2')")
    except sqlite3.OperationalError:
        return None, None
    db.executemany("INSERT INTO r(rowid, body) VALUES (?, ?)",
                   ((i, " ".join((r.label, *r.texts, *r.codes))) for i, r in enumerate(records)))
    db.commit()
    build = time.perf_counter() - t0

    def search(query):
        tokens = re.findall(r"\w+", query.lower())  # FTS5 folds case and accents itself, not final sigma
        if not tokens:
            return 0
        match = " ".join(f'"{t}"*' for t in tokens)
        return db.execute("SELECT count(*) FROM (SELECT rowid FROM r WHERE r MATCH ? LIMIT 100000)",
                          (match,)).fetchone()[0]

    return build, search


def make_leases(n: int, seed: int = 11):
    rnd = random.Random(seed)
    n_props = max(n // 2, 1)
    props = [f"P{i:06d}" for i in range(n_props)]
    leases = []
    next_start = {p: dt.date(2012, 1, 1) + dt.timedelta(days=rnd.randint(0, 2000)) for p in props}
    for i in range(n):
        prop = rnd.choice(props)
        start = next_start[prop] + dt.timedelta(days=rnd.randint(-30, 400))  # some re-lets overlap
        end = None if rnd.random() < 0.05 else start + dt.timedelta(days=rnd.choice([365, 730, 1826]) - 1)
        next_start[prop] = (end or start) + dt.timedelta(days=1)
        leases.append(Lease(f"L{i:06d}", prop if rnd.random() > 0.01 else "PX", start, end,
                            float(rnd.randint(300, 20000)), rnd.choice(["shop", "kiosk", "parking", "farm"])))
    types = {p: rnd.choice(["land", "building", "facility"]) for p in props}
    return props, leases, types


def pandas_peer(props, leases, as_of, window):
    import pandas as pd

    df = pd.DataFrame({"code": [x.lease_code for x in leases], "prop": [x.property_code for x in leases],
                       "start": pd.to_datetime([x.start_date for x in leases]),
                       "end": pd.to_datetime([x.end_date for x in leases])})
    day = pd.Timestamp(as_of)
    df = df[df["prop"].isin(set(props)) & ~(df["end"] < df["start"])]
    in_force = df[(df["start"] <= day) & (df["end"].isna() | (df["end"] >= day))]
    current = in_force.sort_values(["prop", "start"]).groupby("prop").tail(1).set_index("prop")
    days = (current["end"] - day).dt.days
    out = pd.DataFrame(index=pd.Index(props, name="prop"))
    out["status"] = "vacant"
    past = df[df["start"] <= day]["prop"].unique()
    out.loc[out.index.isin(past), "status"] = "expired"
    out.loc[current.index, "status"] = "leased"
    out.loc[days[days <= window].index, "status"] = "expiring"
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n_parcels = 20_000 if args.quick else 200_000
    n_leases = 1_000 if args.quick else 10_000

    records = make_records(n_parcels)
    kaek = records[n_parcels // 2].codes[0]
    queries = [(name, q if q is not None else (kaek if "exact" in name else kaek[:9])) for name, q in QUERIES]

    t0 = time.perf_counter()
    index = SearchIndex.build(records)
    build = time.perf_counter() - t0
    ours, our_hits = time_queries(lambda q: index.search(q, limit=30), queries)
    lin_build, lin_search = linear_peer(records)
    lin, lin_hits = time_queries(lin_search, queries, repeat=1)
    fts_build, fts_search = fts_peer(records)
    fts, fts_hits = time_queries(fts_search, queries, repeat=3) if fts_search else ({}, {})

    print(f"\nLocator index: {len(records):,} records ({n_parcels:,} parcels + property + leases)")
    print(f"build: ours {build:.2f} s | linear scan prep {lin_build:.2f} s | SQLite FTS5 {fts_build or 0:.2f} s")
    print(f"{'query':<18}{'ours ms':>9}{'linear ms':>11}{'ratio':>8}{'FTS5 ms':>10}{'ratio':>8}"
          f"{'first hit (ours)':>30}{'linear n':>10}{'FTS5 n':>8}")
    rows = []
    for name, query in queries:
        first = our_hits[name][0].record.label[:28] if our_hits[name] else "—"
        f_ms = fts.get(name)
        print(f"{name:<18}{ours[name]:>9.2f}{lin[name]:>11.1f}{lin[name] / ours[name]:>7.0f}×"
              f"{(f_ms if f_ms is not None else float('nan')):>10.2f}"
              f"{(f_ms / ours[name] if f_ms else float('nan')):>7.1f}×{first:>30}{lin_hits[name]:>10}"
              f"{fts_hits.get(name, 0):>8}")
        rows.append({"query": name, "text": query, "ours_ms": ours[name], "linear_ms": lin[name],
                     "fts5_ms": f_ms, "ours_first": first, "linear_hits": lin_hits[name],
                     "fts5_hits": fts_hits.get(name)})
    mean_ours = statistics.mean(ours.values())
    mean_lin = statistics.mean(lin.values())
    print(f"mean ms/query: ours {mean_ours:.2f}, linear {mean_lin:.1f} ({mean_lin / mean_ours:.0f}× slower)"
          + (f", FTS5 {statistics.mean(fts.values()):.2f}" if fts else ""))

    props, leases, types = make_leases(n_leases)
    as_of = dt.date(2024, 6, 30)
    t0 = time.perf_counter()
    statuses, problems = lease_status(props, leases, as_of, 90)
    t_status = time.perf_counter() - t0
    t0 = time.perf_counter()
    rent_roll(leases, as_of, types)
    t_roll = time.perf_counter() - t0
    import pandas  # noqa: F401  (import time is not the peer's work)

    pandas_peer(props, leases[:10], as_of, 90)  # warm up
    t0 = time.perf_counter()
    peer = pandas_peer(props, leases, as_of, 90)
    t_peer = time.perf_counter() - t0
    ours_status = {s.property_code: s.status for s in statuses}
    overlap_props = {p.property_code for p in problems if p.problem == "overlap"}
    agree = sum(1 for p in props if ours_status[p] == peer.at[p, "status"])
    print(f"\nLease status: {n_leases:,} leases on {len(props):,} properties")
    print(f"ours: status {t_status * 1000:.1f} ms, rent roll {t_roll * 1000:.1f} ms, {len(problems)} problems "
          f"({len(overlap_props)} properties with overlapping leases)")
    print(f"pandas peer: status {t_peer * 1000:.1f} ms (ratio peer/ours {t_peer / t_status:.2f}×); "
          f"same status on {agree}/{len(props)} properties")

    out = {"records": len(records), "parcels": n_parcels, "build_s": build, "linear_build_s": lin_build,
           "fts5_build_s": fts_build, "queries": rows, "mean_ms": mean_ours, "linear_mean_ms": mean_lin,
           "leases": n_leases, "lease_status_ms": t_status * 1000, "rent_roll_ms": t_roll * 1000,
           "pandas_status_ms": t_peer * 1000, "status_agreement": agree / len(props), "quick": args.quick}
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "property.json").write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
