"""The agreement's framework and the input files, carried into the results for the documents.

Parties, sections, signatures, budgets, assumptions (with their wording),
considerations and legal changes; a legal change is `in_period` when it takes
effect between 1 January of the baseline year and the end of the as-of month,
i.e. inside the compared period (§ 3 (4) of the seed: to be considered).
"""

from __future__ import annotations

import datetime
import hashlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from zieldsl import german as fmt
from zieldsl.language import nodes as n
from zieldsl import results as r
from zieldsl.language.checker import CheckedAgreement
from zieldsl.months import Month
from zieldsl.wording import unit_word


def assumption_wording(item: n.Assumption) -> str:
    """"von 6,6 % auf 6,7 %" or "steigt um 0,1 %"."""
    if item.direction is None:
        return (f"von {fmt.number(item.value_from)} {unit_word(item.unit)} auf "
                f"{fmt.number(item.value_to)} {unit_word(item.unit_to or item.unit)}")
    return f"{item.direction} um {fmt.number(item.value)} {unit_word(item.unit)}"


_QUARTER_WORDS = {1: "ersten", 2: "zweiten", 3: "dritten", 4: "vierten"}


def dialogues_text(d: n.Dialogues) -> str:
    """"mindestens 2 im Jahr", "quartalsweise", "regelmäßig", "im zweiten und vierten Quartal"."""
    if d.quarters:
        return "im " + " und ".join(_QUARTER_WORDS[q] for q in d.quarters) + " Quartal"
    if d.rhythm:
        return d.rhythm
    return f"mindestens {d.minimum} im Jahr"


# sections I and II of the agreement: they stand before its §§
_PREAMBLE_SECTIONS = ("grundsaetze", "rahmenbedingungen")


def contract_order(a: n.Agreement) -> tuple[str, ...]:
    """The §§ of the agreement in the order the file gives them: its sections and the targets (where the
    first one stands). A review paragraph generated from `zieldialoge`, `bewertung`, … (no prose section
    `zielnachhaltung`) follows the targets, as in the agreements of the field."""
    order: list[str] = []
    for item in a.items:
        if isinstance(item, n.Section) and item.id not in _PREAMBLE_SECTIONS:
            part = item.id
        elif isinstance(item, n.Target):
            part = "ziele"
        else:
            continue
        if part not in order:
            order.append(part)
    if "ziele" not in order:
        order.append("ziele")
    if "zielnachhaltung" not in order:
        order.insert(order.index("ziele") + 1, "zielnachhaltung")
    return tuple(order)


def build_framework(checked: CheckedAgreement, as_of: Month) -> r.Framework:
    a = checked.agreement
    land, agency = a.first(n.PartyLand), a.first(n.PartyAgency)
    legal, regulation = a.first(n.LegalBasis), a.first(n.Regulation)
    final, dialogues = a.first(n.FinalEvaluation), a.first(n.Dialogues)
    start = datetime.date(checked.baseline_year, 1, 1)
    following = as_of.shift(1)
    end = datetime.date(following.year, following.month, 1) - datetime.timedelta(days=1)
    assumptions = []
    for item in a.of(n.Assumption):
        change = None
        if item.value is not None:
            change = item.value if item.direction == "steigt" else -item.value
        unit = "prozentpunkte" if (item.unit_to or item.unit) == "prozentpunkte" else "%"
        assumptions.append(r.AssumptionResult(item.id, item.title, assumption_wording(item), item.source,
                                              item.value_from, item.value_to, change, unit=unit))
    legal_changes = sorted(checked.catalog.legal_changes, key=lambda c: (c.effective, c.title))
    return r.Framework(
        land=r.Party(land.role, land.name, land.short) if land else None,
        parties=tuple(r.Party(p.role, p.name, p.short) for p in a.of(n.PartyLand)),
        contract_order=contract_order(a),
        agency=r.Party("traeger", agency.name, agency.short, agency.key, agency.genitive) if agency else None,
        legal_basis=legal.text if legal else None,
        regulation=regulation.text if regulation else None,
        basis=checked.basis,
        waiting_period=checked.waiting_period,
        vintage_policy=checked.vintage_policy,
        final_evaluation_year=final.year if final else None,
        dialogues_minimum=dialogues.minimum if dialogues else None,
        dialogues=dialogues_text(dialogues) if dialogues else None,
        trial_year=trial.text if (trial := a.first(n.TrialYear)) else None,
        sections=tuple(r.Section(s.id, s.title, s.text) for s in a.of(n.Section)),
        signatures=tuple(r.Signature(s.party, s.place, s.date, s.signatory, s.note) for s in a.of(n.Signature)),
        budgets=tuple(r.BudgetLine(b.id, b.title, b.amount) for b in a.of(n.Budget)),
        assumptions=tuple(assumptions),
        considerations=tuple(r.Section(c.id, c.id, c.text) for c in a.of(n.Consideration)),
        legal_changes=tuple(r.LegalChangeResult(c.title, c.effective, start <= c.effective <= end)
                            for c in legal_changes),
    )


def sha256_of(path: str | Path) -> str:
    """The file's SHA-256, read in blocks (inside `digests_once`: once per file)."""
    key = str(path)
    if _DIGESTS is not None and key in _DIGESTS:
        return _DIGESTS[key]
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if _DIGESTS is not None:
        _DIGESTS[key] = digest.hexdigest()
    return digest.hexdigest()


_DIGESTS: dict[str, str] | None = None


@contextmanager
def digests_once():
    """Hash each file once while judging many agreements against the same files.

    Judging 404 agreements against one national CSV names that file in every result;
    hashing its 30 MB anew each time cost more than the judging itself.
    """
    global _DIGESTS
    outer = _DIGESTS
    _DIGESTS = {} if outer is None else outer
    try:
        yield
    finally:
        _DIGESTS = outer


def role_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "nachweise"
    if suffix == ".ziel":
        return "vereinbarung"
    return "daten"


def input_files(checked: CheckedAgreement, files: Iterable[str | Path]) -> tuple[r.InputFile, ...]:
    """The agreement and every data/evidence file (directories: every file inside), with sha256."""
    agreement_path = Path(checked.source_name)
    if agreement_path.is_file():
        digest = sha256_of(agreement_path)
    else:
        digest = hashlib.sha256(checked.source_text.encode("utf-8")).hexdigest()
    out = [r.InputFile("vereinbarung", checked.source_name, digest)]
    for entry in files:
        role, path = entry if isinstance(entry, tuple) else (None, entry)
        path = Path(path)
        if path.is_dir():
            members = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".csv", ".yaml", ".yml"))
        else:
            members = [path]
        for member in members:
            if member.is_file():
                out.append(r.InputFile(role or role_of(member), str(member), sha256_of(member)))
    return tuple(out)
