"""Lease status, register problems and rent roll: hand-made cases for every status and edge."""

from __future__ import annotations

import datetime as dt

import pytest

from municipal_gis.core.leases import Lease, days_in_year_share, lease_status, rent_roll

D = dt.date


def L(code, prop, start, end, rent=1200.0, purpose="shop", status="active", lessee="Παπαδόπουλος"):
    return Lease(code, prop, start, end, rent, purpose, lessee, status, ref=code)


def status_of(props, leases, as_of, window=90):
    statuses, problems = lease_status(props, leases, as_of, window)
    return {s.property_code: s for s in statuses}, problems


def test_every_status():
    props = ["P1", "P2", "P3", "P4", "P5"]
    leases = [
        L("A", "P1", D(2020, 1, 1), D(2026, 12, 31)),  # leased, far from expiry
        L("B", "P2", D(2020, 1, 1), D(2024, 3, 31)),  # expiring within 90 days
        L("C", "P3", D(2015, 1, 1), D(2023, 12, 31)),  # expired
        L("D", "P5", D(2024, 6, 1), D(2030, 5, 31)),  # only a future lease -> vacant
    ]
    s, problems = status_of(props, leases, D(2024, 1, 15))
    assert problems == []
    assert (s["P1"].status, s["P1"].lease.lease_code, s["P1"].days_to_expiry) == ("leased", "A", 1081)
    assert (s["P2"].status, s["P2"].days_to_expiry) == ("expiring", 76)
    assert (s["P3"].status, s["P3"].lease.lease_code, s["P3"].days_to_expiry) == ("expired", "C", -15)
    assert s["P4"].status == "vacant" and s["P4"].lease is None and s["P4"].leases == 0
    assert s["P5"].status == "vacant" and s["P5"].next_lease.lease_code == "D"
    assert s["P1"].annual_rent_eur == 1200.0


def test_lease_ending_on_as_of_date_is_still_in_force():
    leases = [L("A", "P1", D(2020, 1, 1), D(2024, 5, 10))]
    s, _ = status_of(["P1"], leases, D(2024, 5, 10))
    assert (s["P1"].status, s["P1"].days_to_expiry) == ("expiring", 0)
    s, _ = status_of(["P1"], leases, D(2024, 5, 11))
    assert (s["P1"].status, s["P1"].days_to_expiry) == ("expired", -1)
    # window 0: ending today is still "expiring" (0 <= 0)
    s, _ = status_of(["P1"], leases, D(2024, 5, 10), window=0)
    assert s["P1"].status == "expiring"
    # lease starting on the as-of date is in force
    s, _ = status_of(["P2"], [L("B", "P2", D(2024, 5, 10), D(2029, 5, 9))], D(2024, 5, 10))
    assert s["P2"].status == "leased"


def test_window_boundary():
    leases = [L("A", "P1", D(2020, 1, 1), D(2024, 4, 10))]
    s, _ = status_of(["P1"], leases, D(2024, 1, 11))  # 90 days
    assert (s["P1"].status, s["P1"].days_to_expiry) == ("expiring", 90)
    s, _ = status_of(["P1"], leases, D(2024, 1, 10))  # 91 days
    assert s["P1"].status == "leased"


def test_leap_years():
    leases = [L("A", "P1", D(2020, 3, 1), D(2024, 2, 29))]
    s, _ = status_of(["P1"], leases, D(2024, 2, 28))
    assert s["P1"].days_to_expiry == 1
    s, _ = status_of(["P1"], leases, D(2023, 2, 28))
    assert s["P1"].days_to_expiry == 366  # 2023-02-28 -> 2024-02-29
    lease = L("B", "P2", D(2024, 2, 29), D(2025, 2, 28))
    assert days_in_year_share(lease, 2024) == pytest.approx(307 / 366)
    assert days_in_year_share(lease, 2025) == pytest.approx(59 / 365)
    full = L("C", "P3", D(2024, 1, 1), D(2024, 12, 31))
    assert days_in_year_share(full, 2024) == 1.0


def test_open_ended_lease():
    leases = [L("A", "P1", D(2010, 1, 1), None)]
    s, problems = status_of(["P1"], leases, D(2040, 1, 1))
    assert problems == []
    assert s["P1"].status == "leased" and s["P1"].days_to_expiry is None


def test_overlapping_leases_reported_latest_current():
    leases = [L("A", "P1", D(2020, 1, 1), D(2024, 12, 31), rent=1000),
              L("B", "P1", D(2024, 6, 1), D(2028, 5, 31), rent=1500),
              L("C", "P2", D(2020, 1, 1), D(2023, 12, 31)), L("D", "P2", D(2024, 1, 1), None)]  # touching, no overlap
    s, problems = status_of(["P1", "P2"], leases, D(2024, 7, 1))
    assert sorted((p.lease_code, p.problem, p.counted) for p in problems) == [
        ("A", "overlap", False), ("B", "overlap", False)]
    assert s["P1"].lease.lease_code == "B" and s["P1"].has_problem and not s["P2"].has_problem
    assert s["P2"].lease.lease_code == "D"
    # neither overlapping lease is counted in the roll
    total = [r for r in rent_roll(leases, D(2024, 7, 1), {"P1": "shop", "P2": "shop"}) if r.group_by == "total"]
    assert total[0].rent_eur == pytest.approx(1200.0)  # only D, whole 2024


def test_impossible_unknown_duplicate_and_missing():
    leases = [L("A", "P1", D(2024, 5, 1), D(2024, 4, 30)),  # end before start
              L("B", "PX", D(2020, 1, 1), None),  # unknown property
              L("C", "P1", None, D(2025, 1, 1)),  # no start
              L("D", "P2", D(2020, 1, 1), None, rent=None),  # missing rent
              L("D", "P2", D(2021, 1, 1), None),  # duplicate code
              L("E", "P3", D(2020, 1, 1), None, rent=-5.0)]
    s, problems = status_of(["P1", "P2", "P3"], leases, D(2024, 6, 1))
    found = sorted((p.lease_code, p.problem, p.counted) for p in problems)
    assert found == [("A", "invalid_dates", False), ("B", "unknown_property", False), ("C", "missing_start", False),
                     ("D", "duplicate_code", False), ("D", "missing_rent", True), ("E", "negative_rent", False)]
    assert s["P1"].status == "vacant"  # its only leases are impossible
    assert s["P2"].status == "leased" and s["P2"].lease.annual_rent_eur is None


def test_terminated_and_planned_leases_not_in_force():
    leases = [L("A", "P1", D(2020, 1, 1), D(2026, 1, 1), status="terminated"),
              L("B", "P2", D(2020, 1, 1), D(2026, 1, 1), status="planned")]
    s, problems = status_of(["P1", "P2"], leases, D(2024, 1, 1))
    assert s["P1"].status == "expired" and s["P2"].status == "vacant" and problems == []


def test_rent_roll_year_on_year_against_target():
    props = {"P1": "building", "P2": "land", "P3": "building"}
    community = {"P1": "Σέρρες", "P2": "Λευκώνας", "P3": "Σέρρες"}
    leases = [
        L("A", "P1", D(2020, 1, 1), D(2023, 12, 31), rent=1000, purpose="shop"),
        L("B", "P1", D(2024, 1, 1), D(2027, 12, 31), rent=1100, purpose="shop"),  # re-let +10 %
        L("C", "P2", D(2023, 7, 1), None, rent=730, purpose="kiosk"),  # half of 2023, all of 2024
        L("D", "P3", D(2023, 1, 1), D(2024, 6, 30), rent=366, purpose="shop"),  # ends mid-2024
    ]
    rows = rent_roll(leases, D(2024, 3, 1), props, community)
    by = {(r.group_by, r.group_value): r for r in rows}
    c23 = 730 * 184 / 365  # 1 Jul - 31 Dec 2023
    d24 = 366 * 182 / 366  # 1 Jan - 30 Jun 2024 (leap year)
    total = by[("total", "")]
    assert total.rent_prev_eur == pytest.approx(round(1000 + c23 + 366, 2))
    assert total.rent_eur == pytest.approx(round(1100 + 730 + d24, 2))
    assert total.leases == 3
    assert total.target_eur == pytest.approx(round((1000 + c23 + 366) * 1.05, 2))
    assert total.target_met
    building = by[("property_type", "building")]
    assert (building.rent_prev_eur, building.rent_eur) == (1366.0, 1282.0)
    assert not building.target_met and building.change_pct == pytest.approx(round((1282 - 1366) / 1366 * 100, 2))
    assert by[("community", "Λευκώνας")].change_pct == pytest.approx(round((730 - c23) / c23 * 100, 2))
    assert by[("purpose", "shop")].leases == 2 and by[("purpose", "kiosk")].leases == 1
    # exactly +5 % meets the target
    rows = rent_roll([L("E", "P1", D(2023, 1, 1), D(2023, 12, 31), rent=1000),
                      L("F", "P1", D(2024, 1, 1), D(2024, 12, 31), rent=1050)], D(2024, 1, 1), {"P1": "land"})
    total = [r for r in rows if r.group_by == "total"][0]
    assert total.change_pct == 5.0 and total.target_met and total.gap_eur == 0.0


def test_negative_window_rejected():
    with pytest.raises(ValueError):
        lease_status([], [], D(2024, 1, 1), -1)
