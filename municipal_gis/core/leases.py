"""Lease status of municipal property as of a date, problems in the lease register, rent roll.

Day conventions (all dates are calendar dates, no times):

* A lease runs from `start_date` to `end_date` **inclusive**: a lease ending on the as-of date
  is still in force that day, with 0 days to expiry. It has expired the day after.
* An open-ended lease (no `end_date`) never expires: status ``leased``, days to expiry empty.
* ``expiring``: in force and ending within the window, 0 ≤ days to expiry ≤ window.
* A lease whose start lies after the as-of date is *future*: it does not make the property
  leased, it is given as the next lease.
* Leases marked ``terminated``, ``planned`` or ``auction_announced`` in their own status field
  are not contracts in force and never make a property leased (terminated ones count as
  past leases; the rent roll counts them up to their recorded end date, so the office records
  the termination date as the end date).

Property status: ``leased`` (a lease in force, not expiring), ``expiring``, ``expired`` (no lease
in force but an earlier one exists), ``vacant`` (never leased, or only future leases).

Problems (each reported with the lease code; ``counted`` says whether the lease still counts):
``invalid_dates`` (end before start; not counted), ``missing_start`` (not counted),
``unknown_property`` (not counted), ``duplicate_code`` (later duplicates not counted),
``overlap`` (two leases of one property in force on a common day; both stay in the status
computation, the later-starting one being current, but neither is counted in the rent roll, so
the office resolves the register rather than the roll double counting), ``negative_rent``
(not counted), ``missing_rent`` (counted as 0 €).

Rent roll: the rent *contracted for* a calendar year is, for every counted lease,
``annual_rent × (days of the lease in that year) / (days in that year)`` (366 in leap years),
so a lease covering the whole year contributes its annual rent, whatever the year's length.
The as-of year is compared with the year before against the +5 % target.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

__all__ = [
    "Lease",
    "LeaseProblem",
    "PropertyStatus",
    "RentRollRow",
    "lease_status",
    "rent_roll",
    "days_in_year_share",
    "TARGET_GROWTH",
    "NOT_IN_FORCE",
]

TARGET_GROWTH = 0.05
NOT_IN_FORCE = frozenset({"terminated", "planned", "auction_announced"})
LEASED, EXPIRING, EXPIRED, VACANT = "leased", "expiring", "expired", "vacant"


@dataclass(frozen=True)
class Lease:
    lease_code: str
    property_code: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    annual_rent_eur: float | None = None
    purpose: str | None = None
    lessee: str | None = None  # personal data: only copied to outputs when asked for
    status: str | None = None
    ref: object = None  # the caller's handle (feature id)

    def in_force_on(self, day: dt.date) -> bool:
        return (self.start_date is not None and self.start_date <= day
                and (self.end_date is None or day <= self.end_date))


@dataclass(frozen=True)
class LeaseProblem:
    lease_code: str
    property_code: str | None
    problem: str
    detail: str
    counted: bool
    ref: object = None
    other_lease: str | None = None  # the other lease of an overlap or duplicate


@dataclass
class PropertyStatus:
    property_code: str
    status: str
    lease: Lease | None = None  # the current lease (in force), else the most recent past one
    days_to_expiry: int | None = None
    annual_rent_eur: float | None = None
    next_lease: Lease | None = None
    leases: int = 0
    has_problem: bool = False


@dataclass
class RentRollRow:
    group_by: str
    group_value: str
    leases: int
    rent_prev_eur: float
    rent_eur: float
    change_pct: float | None
    target_eur: float
    target_met: bool
    gap_eur: float


@dataclass
class _Checked:
    valid: list[Lease] = field(default_factory=list)  # usable for status
    counted: list[Lease] = field(default_factory=list)  # usable for the rent roll
    problems: list[LeaseProblem] = field(default_factory=list)


def _check(leases, property_codes) -> _Checked:
    out = _Checked()
    seen_codes = set()
    known = set(property_codes)
    for lease in leases:
        code = lease.lease_code
        if code in seen_codes:
            out.problems.append(LeaseProblem(code, lease.property_code, "duplicate_code",
                                             "lease code used more than once", False, lease.ref))
            continue
        seen_codes.add(code)
        if lease.property_code not in known:
            out.problems.append(LeaseProblem(code, lease.property_code, "unknown_property",
                                             f"property {lease.property_code!r} not in the property layer",
                                             False, lease.ref))
            continue
        if lease.start_date is None:
            out.problems.append(LeaseProblem(code, lease.property_code, "missing_start", "no start date",
                                             False, lease.ref))
            continue
        if lease.end_date is not None and lease.end_date < lease.start_date:
            out.problems.append(LeaseProblem(code, lease.property_code, "invalid_dates",
                                             f"ends {lease.end_date.isoformat()} before it starts "
                                             f"{lease.start_date.isoformat()}", False, lease.ref))
            continue
        if lease.annual_rent_eur is not None and lease.annual_rent_eur < 0:
            out.problems.append(LeaseProblem(code, lease.property_code, "negative_rent",
                                             f"annual rent {lease.annual_rent_eur}", False, lease.ref))
            out.valid.append(lease)
            continue
        if lease.annual_rent_eur is None and (lease.status or "") not in NOT_IN_FORCE:
            out.problems.append(LeaseProblem(code, lease.property_code, "missing_rent",
                                             "no annual rent (counted as 0 €)", True, lease.ref))
        out.valid.append(lease)
        if (lease.status or "") not in ("planned", "auction_announced"):
            out.counted.append(lease)
    # overlaps: same property, both contracts, intervals share a day
    by_property = defaultdict(list)
    for lease in out.valid:
        if (lease.status or "") not in NOT_IN_FORCE:
            by_property[lease.property_code].append(lease)
    overlapping = set()
    far = dt.date.max
    for code, group in by_property.items():
        group.sort(key=lambda item: (item.start_date, item.end_date or far))
        latest_end, latest = None, None
        for lease in group:
            if latest is not None and lease.start_date <= latest_end:
                for a, b in ((latest, lease), (lease, latest)):
                    out.problems.append(LeaseProblem(
                        a.lease_code, code, "overlap",
                        f"overlaps lease {b.lease_code} of the same property", False, a.ref, b.lease_code))
                overlapping.update((latest.lease_code, lease.lease_code))
            end = lease.end_date or far
            if latest_end is None or end > latest_end:
                latest_end, latest = end, lease
    if overlapping:
        out.counted = [lease for lease in out.counted if lease.lease_code not in overlapping]
    return out


def lease_status(property_codes, leases, as_of: dt.date, expiry_window_days: int = 90):
    """Status of every property as of `as_of`.

    Returns ``(statuses, problems)``: a list of `PropertyStatus` in the order of
    `property_codes`, and the `LeaseProblem` list (see the module doc).
    """
    if expiry_window_days < 0:
        raise ValueError("expiry window must not be negative")
    property_codes = list(property_codes)
    checked = _check(leases, property_codes)
    problem_props = {p.property_code for p in checked.problems}
    by_property = defaultdict(list)
    counts = defaultdict(int)
    for lease in checked.valid:
        by_property[lease.property_code].append(lease)
        counts[lease.property_code] += 1
    statuses = []
    for code in property_codes:
        candidates = by_property.get(code, [])
        contracts = [lease for lease in candidates if (lease.status or "") not in ("planned", "auction_announced")]
        in_force = [lease for lease in contracts
                    if (lease.status or "") != "terminated" and lease.in_force_on(as_of)]
        future = [lease for lease in contracts
                  if (lease.status or "") != "terminated" and lease.start_date > as_of]
        next_lease = min(future, key=lambda item: item.start_date) if future else None
        row = PropertyStatus(code, VACANT, next_lease=next_lease, leases=counts.get(code, 0),
                             has_problem=code in problem_props)
        if in_force:
            current = max(in_force, key=lambda item: (item.start_date, item.lease_code))
            row.lease = current
            row.annual_rent_eur = current.annual_rent_eur
            if current.end_date is None:
                row.status = LEASED
            else:
                row.days_to_expiry = (current.end_date - as_of).days
                row.status = EXPIRING if row.days_to_expiry <= expiry_window_days else LEASED
        else:
            past = [lease for lease in contracts if lease.start_date <= as_of]
            if past:
                far = dt.date.max
                row.lease = max(past, key=lambda item: (min(item.end_date or far, far), item.start_date))
                row.status = EXPIRED
                if row.lease.end_date is not None:
                    row.days_to_expiry = (row.lease.end_date - as_of).days
        statuses.append(row)
    return statuses, checked.problems


def days_in_year_share(lease: Lease, year: int) -> float:
    """Share of calendar year `year` covered by the lease (0..1), both ends inclusive."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    start = max(lease.start_date, first)
    end = min(lease.end_date or last, last)
    if end < start:
        return 0.0
    return ((end - start).days + 1) / ((last - first).days + 1)


def rent_roll(leases, as_of: dt.date, property_type: dict, community: dict | None = None,
              target_growth: float = TARGET_GROWTH):
    """Contracted rent of `as_of`'s year and the year before, by property type, community, purpose.

    `property_type` and `community` map property codes to group values (missing -> "").
    Only leases that pass the register checks and are not in an overlap are counted (call
    `lease_status` for the problems). Rows: one per group value for each grouping, then a
    ``total`` row.
    """
    property_codes = set(property_type) | set(community or {})
    checked = _check(leases, property_codes)
    year = as_of.year
    groupings = (("property_type", lambda lease: property_type.get(lease.property_code) or ""),
                 ("community", lambda lease: (community or {}).get(lease.property_code) or ""),
                 ("purpose", lambda lease: lease.purpose or ""),
                 ("total", lambda lease: ""))
    rows = []
    for name, key in groupings:
        totals = defaultdict(lambda: [0, 0.0, 0.0])
        for lease in checked.counted:
            rent = float(lease.annual_rent_eur or 0.0)
            now = days_in_year_share(lease, year)
            before = days_in_year_share(lease, year - 1)
            if now == 0 and before == 0:
                continue
            cell = totals[key(lease)]
            cell[0] += 1 if now > 0 else 0
            cell[1] += rent * before
            cell[2] += rent * now
        for value in sorted(totals):
            count, prev, cur = totals[value]
            target = prev * (1 + target_growth)
            change = (cur - prev) / prev * 100.0 if prev > 0 else None
            rows.append(RentRollRow(name, value, count, round(prev, 2), round(cur, 2),
                                    None if change is None else round(change, 2), round(target, 2),
                                    cur >= target - 0.005, round(cur - target, 2)))
    return rows
