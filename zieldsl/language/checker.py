"""Static checks: syntax tree → checked agreement, every problem reported at once.

The checker resolves names against the catalogue (standard prelude plus the
agreement's own definitions), enforces uniqueness and units, and warns where an
agreement is legal but probably not meant (a target against the indicator's
good direction, a baseline year that is not the year before).
"""

from __future__ import annotations

from dataclasses import field

from zieldsl.frozen import node_dataclass  # frozen classes that cost almost nothing at import
from zieldsl.language import nodes as n
from zieldsl.language.clause_text import condition_text, count_condition_text
from zieldsl.language.clause_text import number as dsl_number
from zieldsl.language.catalog import FUNCTIONS, Catalog, standard_catalog
from zieldsl.diagnostics import Diagnostic, DiagnosticBag, Source, Span, did_you_mean

GOOD_OPPOSITE = {"steigt": "sinkt", "sinkt": "steigt"}


@node_dataclass(frozen=True)
class FlatTarget:
    """A target or subtarget in document order, with its display number."""

    target: n.Target
    number: str  # "2", or "2.1" for the first subtarget of target 2
    parent: str | None  # parent target id


@node_dataclass(frozen=False)
class CheckedAgreement:
    """An agreement that passed the checks, with everything resolved that later phases need."""

    agreement: n.Agreement
    catalog: Catalog
    source_name: str
    source_text: str
    target_year: int
    baseline_year: int
    basis: str = "jahresfortschrittswerte"
    waiting_period: bool = False
    vintage_policy: str = "gleicher"
    warnings: list[Diagnostic] = field(default_factory=list)
    targets: list[FlatTarget] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.agreement.id

    @property
    def agency(self) -> n.PartyAgency | None:
        return self.agreement.first(n.PartyAgency)

    @property
    def land(self) -> n.PartyLand | None:
        return self.agreement.first(n.PartyLand)


def flatten_targets(agreement: n.Agreement) -> list[FlatTarget]:
    out: list[FlatTarget] = []
    for target in agreement.of(n.Target):
        out.append(FlatTarget(target, target.number or "", None))
        for index, sub in enumerate(target.of(n.Target), start=1):
            out.append(FlatTarget(sub, f"{target.number}.{index}", target.id))
    return out


def check_document(document: n.Document, source_text: str) -> list[CheckedAgreement]:
    """Check every agreement (and catalogue) in a parsed file; raise ZielError on errors."""
    bag = DiagnosticBag(Source(document.source_name, source_text))
    if not document.items:
        bag.add("ZD215", "Die Datei enthält keine Vereinbarung", Span(document.source_name, 1, 1),
                'Eine Vereinbarung beginnt mit »vereinbarung NAME "Titel" {«.')
    checked = []
    # Catalogues in the file extend the standard one for every agreement of the same file.
    file_catalog = standard_catalog() if document.source_name != "zieldsl/language/standard.ziel" else Catalog()
    for catalog_node in document.catalogs:
        _add_definitions(file_catalog, catalog_node.items, bag)
    for agreement in document.agreements:
        checked.append(_Checker(agreement, document.source_name, source_text, bag, file_catalog.copy()).run())
    bag.raise_if_errors()
    for item in checked:
        item.warnings = list(bag.warnings)
    return checked


def _add_definitions(catalog: Catalog, items, bag: DiagnosticBag) -> None:
    """Add `reihe`/`kennzahl` definitions to a catalogue, checking each formula."""
    standard = standard_catalog()
    for item in items:
        if isinstance(item, n.GroupDef):
            if item.id in catalog.groups:
                where = "im Standardkatalog" if item.id in standard.groups else "in dieser Datei"
                bag.add("ZD232", f"Gruppe »{item.id}« ist bereits {where} definiert", item.span,
                        f"Verwenden Sie die vorhandene Gruppe »{item.id}« oder wählen Sie einen anderen Namen.")
            else:
                codes = {g.code.lower(): g.name for g in catalog.groups.values()}
                code = (item.key or item.id).lower()
                if code in codes:
                    bag.add("ZD232", f"Die Kennung »{item.key or item.id}« gehört schon zur Gruppe »{codes[code]}«",
                            item.span, "Jede Gruppe braucht eine eigene Kennung für die Spalte »gruppe« der Daten.")
                catalog.add_group(item)
    for item in items:
        if isinstance(item, n.SeriesDef):
            if item.id in catalog.series:
                where = "im Standardkatalog" if item.id in standard.series else "in dieser Datei"
                bag.add("ZD223", f"Reihe »{item.id}« ist bereits {where} definiert", item.span,
                        "Wählen Sie einen anderen Namen für die eigene Reihe.")
            else:
                catalog.add_series(item)
    for item in items:
        if isinstance(item, n.IndicatorDef):
            if item.code in catalog.indicators:
                where = "im Standardkatalog" if item.code in standard.indicators else "in dieser Datei"
                bag.add("ZD223", f"Kennzahl »{item.code}« ist bereits {where} definiert", item.span,
                        "Wählen Sie einen anderen Namen für die eigene Kennzahl.")
                continue
            _check_formula(item, catalog, bag)
            catalog.add_indicator(item)
        elif isinstance(item, n.LegalChange):
            catalog.legal_changes.append(item)
    for item in items:
        if isinstance(item, n.IndicatorDef) and item.parent and item.parent not in catalog.indicators:
            bag.add("ZD224", f"Unbekannte Kennzahl »{item.parent}« nach »zu«", item.parent_span,
                    did_you_mean(item.parent, catalog.indicators))


def _check_formula(item: n.IndicatorDef, catalog: Catalog, bag: DiagnosticBag) -> None:
    formula = item.formula
    if formula is None:
        bag.add("ZD220", f"Kennzahl »{item.code}« hat keine Formel", item.span,
                "Geben Sie an, wie sie berechnet wird, z. B. »formel quote(integrationen, elb)«.")
        return
    if formula.function not in FUNCTIONS:
        bag.add("ZD221", f"Unbekannte Formel »{formula.function}«", formula.span,
                did_you_mean(formula.function, FUNCTIONS) or f"Erlaubte Formeln: {', '.join(sorted(FUNCTIONS))}.")
        return
    arity = FUNCTIONS[formula.function][0]
    if len(formula.args) != arity:
        example = "integrationen, elb" if arity == 2 else "llu"
        bag.add("ZD222", f"»{formula.function}« braucht {arity} Reihe{'n' if arity > 1 else ''}, "
                         f"angegeben {'ist' if len(formula.args) == 1 else 'sind'} {len(formula.args)}", formula.span,
                f"Schreiben Sie z. B. »formel {formula.function}({example})«.")
    for arg, span in zip(formula.args, formula.arg_spans):
        if arg not in catalog.series:
            bag.add("ZD202", f"Unbekannte Reihe »{arg}«", span,
                    did_you_mean(arg, catalog.series) or "Reihen definieren Sie mit »reihe NAME \"Titel\" anzahl«.")


class _Checker:
    def __init__(self, agreement: n.Agreement, source_name: str, source_text: str, bag: DiagnosticBag,
                 catalog: Catalog):
        self.a = agreement
        self.bag = bag
        self.source_name = source_name
        self.source_text = source_text
        self.catalog = catalog

    def run(self) -> CheckedAgreement:
        _add_definitions(self.catalog, self.a.items, self.bag)
        self._singletons()
        target_year, baseline_year = self._years()
        evaluation = self.a.first(n.Evaluation)
        checked = CheckedAgreement(
            agreement=self.a,
            catalog=self.catalog,
            source_name=self.source_name,
            source_text=self.source_text,
            target_year=target_year,
            baseline_year=baseline_year,
            basis=evaluation.basis if evaluation else "jahresfortschrittswerte",
            waiting_period=evaluation.waiting_period if evaluation else False,
            vintage_policy=evaluation.vintage_policy if evaluation else "gleicher",
            targets=flatten_targets(self.a),
        )
        self._unique_targets(checked.targets)
        for flat in checked.targets:
            self._target(flat.target, target_year)
        self._dates(target_year)
        self._unique_ids(n.Budget, "Mittel")
        self._unique_ids(n.Assumption, "Annahme")
        self._unique_ids(n.Section, "Abschnitt")
        self._unique_ids(n.Consideration, "Berücksichtigung")
        return checked

    # -- framework
    def _singletons(self) -> None:
        names = {
            n.PartyAgency: "träger", n.LegalBasis: "rechtsgrundlage",
            n.Regulation: "kennzahlenverordnung", n.TargetYear: "zieljahr", n.BaselineYear: "vergleichsjahr",
            n.Evaluation: "bewertung", n.FinalEvaluation: "abschluss", n.Dialogues: "zieldialoge",
            n.TrialYear: "erprobungsjahr",
        }
        for node_type, word in names.items():
            found = self.a.of(node_type)
            for extra in found[1:]:
                self.bag.add("ZD212", f"»{word}« steht mehrfach in der Vereinbarung", extra.span,
                             f"Die erste Angabe steht in Zeile {found[0].span.line}.")
        named: dict[str, n.PartyLand] = {}
        for party in self.a.of(n.PartyLand):
            if party.name in named:
                self.bag.add("ZD212", f"»{party.name}« steht mehrfach als Vereinbarungspartner", party.span,
                             f"Die erste Angabe steht in Zeile {named[party.name].span.line}.")
            named.setdefault(party.name, party)
        for dialogues in self.a.of(n.Dialogues):
            if len(set(dialogues.quarters)) != len(dialogues.quarters):
                self.bag.add("ZD212", "Ein Quartal steht mehrfach in »zieldialoge«", dialogues.span,
                             "Jedes Quartal einmal nennen, z. B. »zieldialoge im zweiten und vierten quartal«.")
        for agency in self.a.of(n.PartyAgency):
            seen = set()
            for key in agency.keys:
                if key in seen or not key:
                    self.bag.add("ZD234", f"Die Kennung »{key}« steht mehrfach nach »kennung«" if key else
                                 "Eine Kennung nach »kennung« ist leer", agency.span,
                                 "Mehrere Träger werden mit ihren Kennungen aufgezählt, jede einmal: "
                                 "»kennung \"03457\", \"03452\"«.")
                seen.add(key)
        for node_type, word, example in ((n.TargetYear, "zieljahr", "zieljahr 2026"),
                                         (n.PartyAgency, "träger", 'träger "Landkreis Leer" kennung "03457"')):
            if not found_any(self.a, node_type):
                self.bag.add("ZD211", f"Die Vereinbarung »{self.a.id}« nennt kein »{word}«", self.a.span,
                             f"Ergänzen Sie z. B. »{example}«.")

    def _years(self) -> tuple[int, int]:
        target = self.a.first(n.TargetYear)
        baseline = self.a.first(n.BaselineYear)
        target_year = target.year if target else 0
        if target and not 2000 <= target.year <= 2100:
            self.bag.add("ZD216", f"Zieljahr {target.year} ist nicht plausibel", target.span,
                         "Das Zieljahr ist ein Kalenderjahr, z. B. 2026.")
        if baseline is None:
            return target_year, target_year - 1
        if target and baseline.year != target.year - 1:
            self.bag.warn("ZD207", f"Vergleichsjahr {baseline.year} ist nicht das Vorjahr des Zieljahrs {target.year}",
                          baseline.span,
                          f"Verglichen wird üblicherweise mit dem Vorjahr: »vergleichsjahr {target.year - 1}«.")
        return target_year, baseline.year

    def _dates(self, year: int) -> None:
        if not year:
            return
        for signature in self.a.of(n.Signature):
            if signature.date.year not in (year - 1, year):
                self.bag.warn("ZD210", f"Unterschrift vom {signature.date:%d.%m.%Y} liegt weder im Zieljahr {year} "
                                       "noch im Jahr davor", signature.span,
                              "Vereinbarungen werden kurz vor oder zu Beginn des Zieljahrs unterzeichnet; "
                              "prüfen Sie das Datum.")
        final = self.a.first(n.FinalEvaluation)
        if final and final.year != year + 1:
            self.bag.warn("ZD210", f"Die Abschlussbewertung im Frühjahr {final.year} liegt nicht im Jahr nach dem "
                                   f"Zieljahr {year}", final.span,
                          f"Die Jahresendwerte liegen erst im Folgejahr vor; üblich ist »im frühjahr {year + 1}«.")

    def _unique_ids(self, node_type: type, label: str) -> None:
        seen: dict[str, n.Target] = {}
        for item in self.a.of(node_type):
            if item.id in seen:
                self.bag.add("ZD203", f"{label} »{item.id}« ist mehrfach vergeben", item.span,
                             f"Zuerst vergeben in Zeile {seen[item.id].span.line}.")
            else:
                seen[item.id] = item

    def _unique_targets(self, targets: list[FlatTarget]) -> None:
        ids: dict[str, n.Target] = {}
        numbers: dict[str, n.Target] = {}
        for flat in targets:
            target = flat.target
            if target.id in ids:
                self.bag.add("ZD203", f"Der Zielname »{target.id}« ist mehrfach vergeben", target.span,
                             f"Zuerst vergeben in Zeile {ids[target.id].span.line}; jedes Ziel und Teilziel "
                             "braucht einen eigenen Namen.")
            ids.setdefault(target.id, target)
            if target.number:
                if target.number in numbers:
                    self.bag.add("ZD204", f"Die Zielnummer {target.number} ist mehrfach vergeben", target.span,
                                 f"Zuerst vergeben in Zeile {numbers[target.number].span.line}; "
                                 "nummerieren Sie die Ziele fortlaufend.")
                numbers.setdefault(target.number, target)

    # -- targets
    def _group(self, name: str | None, span) -> None:
        """ZD230: a group that neither the language nor the catalogue knows."""
        if name is None or name in self.catalog.groups:
            return
        others = [g for g in self.catalog.groups if g not in ("gesamt", "frauen", "maenner")]
        hint = did_you_mean(name, list(self.catalog.groups))
        if hint is None and name in self.catalog.indicators:
            hint = (f"»{name}« ist eine Kennzahl; vor der Kennzahl steht nur eine Gruppe. Zwei Angaben gehören "
                    "in zwei Zeilen.")
        self.bag.add("ZD230", f"Unbekannte Gruppe »{name}«", span,
                     hint or f"Gruppen sind frauen, männer, gesamt und die Gruppen des Katalogs "
                             f"({', '.join(others)}); eine eigene definieren Sie mit "
                             f"»gruppe {name} \"Bezeichnung\" kennung \"…\"«.")

    def _indicator(self, code: str, span) -> bool:
        if code in self.catalog.indicators:
            return True
        same = [known for known in self.catalog.indicators if known.lower() == code.lower()]
        hint = f"Meinten Sie »{same[0]}«? Kennzahlen schreiben Sie wie im Katalog." if same else \
            did_you_mean(code, self.catalog.indicators)
        if code in self.catalog.series:
            hint = f"»{code}« ist eine Reihe, keine Kennzahl; Reihen zählt »anzahl {code} mindestens …«."
        self.bag.add("ZD201", f"Unbekannte Kennzahl »{code}«", span,
                     hint or "Bekannt sind die Kennzahlen K1 bis K3E4 des Standardkatalogs und jene, die die "
                             "Vereinbarung selbst mit »kennzahl« definiert.")
        return False

    def _target(self, target: n.Target, year: int) -> None:
        steps: dict[str, n.Step] = {}
        conditions: dict[str, n.MilestoneCondition] = {}
        for item in target.items:
            if isinstance(item, n.Condition):
                self._group(item.group, item.group_span or item.span)
                self._condition(item)
            elif isinstance(item, n.CountCondition):
                for part in item.parts:
                    self._group(part.group, part.span)
                self._count(item)
            elif isinstance(item, (n.Monitoring, n.GapMonitoring)):
                if isinstance(item, n.Monitoring):
                    self._group(item.group, item.group_span or item.span)
                else:
                    self._group(item.group_a, item.span)
                    self._group(item.group_b, item.span)
                known = self._indicator(item.indicator, item.indicator_span)
                if known and isinstance(item, n.Monitoring) and item.forecast \
                        and item.forecast.unit == "prozentpunkte":
                    self._points_fit(item.indicator, item.forecast.span)
                if isinstance(item, n.GapMonitoring) and item.group_a == item.group_b:
                    self.bag.add("ZD217", "Der Abstand braucht zwei verschiedene Gruppen", item.span,
                                 "Schreiben Sie z. B. »zwischen frauen und männern«.")
            elif isinstance(item, n.Supplementary):
                for code, span in zip(item.indicators, item.indicator_spans):
                    self._indicator(code, span)
            elif isinstance(item, (n.Step, n.MilestoneCondition)):
                pool = steps if isinstance(item, n.Step) else conditions
                if item.id in steps or item.id in conditions:
                    self.bag.add("ZD203", f"»{item.id}« ist in Ziel »{target.id}« mehrfach vergeben", item.span)
                pool[item.id] = item
                if item.deadline and year and item.deadline.year != year:
                    self.bag.warn("ZD210", f"Frist {item.deadline:%d.%m.%Y} liegt nicht im Zieljahr {year}", item.span,
                                  "Meilensteine werden im Zieljahr bewertet.")
        if target.kind == "grundsatz":
            judged = target.of(n.Condition) + target.of(n.CountCondition) + target.of(n.Step) \
                + target.of(n.MilestoneCondition) + target.of(n.Rule) + target.of(n.Target)
            for item in judged:
                self.bag.add("ZD218", "Ein Grundsatz wird nicht bewertet; er nennt nur, was beobachtet wird",
                             item.span, "Schreiben Sie daraus ein »ziel« oder nutzen Sie »beobachtung«.")
        if target.kind == "teilziel":
            for nested in target.of(n.Target):
                self.bag.add("ZD214", f"Teilziel »{nested.id}« steht in einem Teilziel", nested.span,
                             "Teilziele stehen direkt im Ziel; ein Teilziel hat keine eigenen Teilziele.")
        elif target.kind == "ziel" and not any(isinstance(item, _CONTENT) for item in target.items):
            self.bag.warn("ZD213", f"Ziel »{target.id}« enthält nichts, was bewertet oder beobachtet wird",
                          target.span, "Ergänzen Sie eine Bedingung wie »K2 steigt um 5,8 %«, eine »beobachtung« "
                                       "oder Schritte.")
        waivers = target.of(n.Waiver)
        for extra in waivers[1:]:
            self.bag.add("ZD212", f"Ziel »{target.id}« ist mehr als einmal »ausgesetzt«", extra.span,
                         f"Die erste Angabe steht in Zeile {waivers[0].span.line}.")
        if target.kind == "grundsatz":
            for waiver in waivers:
                self.bag.add("ZD235", "Ein Grundsatz wird nicht bewertet und kann daher nicht ausgesetzt werden",
                             waiver.span, "»ausgesetzt« steht in einem »ziel« oder »teilziel«.")
        rules = target.of(n.Rule)
        for extra in rules[1:]:
            self.bag.add("ZD212", f"Ziel »{target.id}« hat mehr als eine »erreicht wenn«-Regel", extra.span)
        for rule in rules[:1]:
            self._rule(target, rule, steps, conditions)

    def _rule(self, target: n.Target, rule: n.Rule, steps: dict, conditions: dict) -> None:
        has_judged = bool(target.of(n.Condition) or target.of(n.CountCondition) or conditions)
        subtargets = {t.id for t in target.of(n.Target)}
        for term in rule.terms:
            if term.kind == "all" and term.value == "schritte" and not steps:
                self.bag.add("ZD209", f"»alle schritte«, aber Ziel »{target.id}« hat keine Schritte", term.span,
                             "Ergänzen Sie »schritt NAME \"…\"« oder streichen Sie »alle schritte«.")
            elif term.kind == "all" and term.value == "teilziele" and not subtargets:
                self.bag.add("ZD209", f"»alle teilziele«, aber Ziel »{target.id}« hat keine Teilziele", term.span,
                             "Ergänzen Sie »teilziel NAME \"Titel\" { … }« oder streichen Sie »alle teilziele«.")
            elif term.kind in ("all", "any") and term.value == "bedingungen" and not has_judged:
                said = "alle bedingungen" if term.kind == "all" else "eine bedingung"
                self.bag.add("ZD209", f"»{said}«, aber Ziel »{target.id}« hat keine Bedingungen", term.span,
                             "Ergänzen Sie eine Bedingung wie »K2 steigt um 5,8 %« oder »bedingung NAME \"…\"«.")
            elif term.kind == "name" and term.value not in steps and term.value not in conditions \
                    and term.value not in subtargets:
                names = list(steps) + list(conditions) + sorted(subtargets)
                hint = did_you_mean(term.value, names)
                if hint is None:
                    hint = (f"Vorhanden sind: {', '.join(names)}." if names else
                            f"Ziel »{target.id}« hat keine benannten Schritte, Bedingungen oder Teilziele.")
                self.bag.add("ZD208", f"»{term.value}« ist kein Schritt, keine Bedingung und kein Teilziel von "
                                      f"Ziel »{target.id}«", term.span, hint)

    def _points_fit(self, code: str, span) -> None:
        indicator = self.catalog.indicators[code]
        if not indicator.is_ratio:
            self.bag.add("ZD205", f"»prozentpunkte« passt nicht zu »{code}«: {code} ist keine Quote, sondern "
                                  f"{_what(indicator)}", span,
                         "Prozentpunkte gibt es nur bei Quoten und Anteilen; die Veränderung einer Summe oder "
                         "eines Bestands schreiben Sie in »%«.")

    def _condition(self, c: n.Condition) -> None:
        if not self._indicator(c.indicator, c.indicator_span):
            return
        indicator = self.catalog.indicators[c.indicator]
        if c.unit == "prozentpunkte":
            self._points_fit(c.indicator, c.span)
        if c.measure == "level":
            self._level_unit(c, indicator)
        self._good_direction(c, indicator)
        self._plausible(c, indicator)
        if c.equivalent is not None:
            self._equivalent(c, indicator)
        if c.proposal is not None:
            self._proposal(c, indicator)

    def _proposal(self, c: n.Condition, indicator) -> None:
        """ZD233/ZD205: a proposed value is a number in the unit of the agreed one."""
        p = c.proposal
        if c.value is None:
            self.bag.add("ZD233", f"»{condition_text(c)}«: vor der Klammer steht kein Zielwert, zu dem es einen "
                                  "Vorschlag geben könnte", p.span,
                         "Ein Vorschlag aus dem Planungsverfahren steht neben einem Zielwert, etwa »K2 steigt um "
                         "3,0 % (vorschlag 2,0 %)«.")
        elif p.unit != c.unit:
            wanted = {"%": "%", "prozentpunkte": "prozentpunkte", "eur": "eur", None: ""}[c.unit]
            self.bag.add("ZD205", f"»{condition_text(c)}«: der Vorschlag steht in einer anderen Einheit als der "
                                  "vereinbarte Wert", p.span,
                         f"Schreiben Sie den Vorschlag wie den Zielwert: »(vorschlag {dsl_number(p.value)}"
                         f"{' ' + wanted if wanted else ''})«.")

    def _level_unit(self, c: n.Condition, indicator) -> None:
        """A level carries the indicator's unit: `%` for a quota, `eur` for an amount, a plain number otherwise."""
        wanted = _LEVEL_UNITS.get(indicator.unit)
        if c.unit == wanted:
            return
        example = f"{c.indicator} {'beträgt höchstens' if indicator.good == 'sinkt' else 'beträgt mindestens'} " \
                  f"{_LEVEL_EXAMPLES.get(wanted, '3.912')}"
        if wanted == "%" and c.unit is None:  # `K2 erreicht 31,1`: the % is missing after the number
            span = c.span
            self.bag.add("ZD108", "Nach dem Wert fehlt »%«", Span(span.file, span.end_line, span.end_column),
                         f"Ein erreichter Wert steht in Prozent, z. B. »{c.indicator} erreicht 31,1 %«.")
            return
        if c.unit == "%":
            message = (f"Ein erreichter Wert in % passt nicht zu »{c.indicator}«: {c.indicator} ist keine Quote, "
                       f"sondern {_what(indicator)}")
        elif wanted == "%":
            message = f"»{c.indicator}« ist eine Quote; ihr Wert steht in %"
        else:
            message = f"»{c.indicator}« ist {_what(indicator)}; der Wert steht {_UNIT_PHRASES[wanted]}"
        self.bag.add("ZD205", message, c.span,
                     f"Schreiben Sie z. B. »{example}« oder vereinbaren Sie die Veränderung zum Vorjahr, "
                     f"»{c.indicator} {indicator.good or 'steigt'} um 2 %«.")

    def _equivalent(self, c: n.Condition, indicator) -> None:
        """ZD233/ZD205: the figure in brackets must say something the binding figure implies."""
        e = c.equivalent
        said = condition_text(c)
        if e.indicator is not None:
            self.bag.add("ZD233", f"»{said}«: nach einer Bedingung über {c.indicator} nennt die Klammer keine "
                                  "weitere Kennzahl", e.series_span,
                         "Eine Quote in Klammern steht nach einer Anzahl: »anzahl integrationen mindestens 2.450 "
                         "(ca. 30,2 % K2)«; nach einer Bedingung »(auf …)« oder »(ca. … reihe)«.")
            return
        if c.value is None:
            self.bag.add("ZD233", f"»{said}«: vor der Klammer steht keine Zahl, zu der die Angabe passen könnte",
                         e.span, "Eine Angabe in Klammern erläutert einen Zielwert, etwa »K3 sinkt um 0,4 % "
                                 "(auf 3.912)«; streichen Sie sie oder nennen Sie den Zielwert.")
            return
        if e.series is None:
            if c.measure == "level":
                self.bag.add("ZD233", f"»{said}«: die Klammer nennt noch einmal den Wert der Kennzahl", e.span,
                             "Nach einem Niveau erläutert die Klammer eine Anzahl der Formel, z. B. "
                             f"»(ca. 2.450 {indicator.args[0] if indicator.args else 'integrationen'})«.")
                return
            wanted = _LEVEL_UNITS.get(indicator.unit)
            if e.unit != wanted:
                self.bag.add("ZD205", f"»{said}«: der Wert von »{c.indicator}« in der Klammer steht "
                                      f"{_UNIT_PHRASES[wanted]}", e.span,
                             f"Schreiben Sie »(auf {_LEVEL_EXAMPLES.get(wanted, '3.912')})«.")
            return
        series = self.catalog.find_series(e.series)
        if series is None:
            self.bag.add("ZD202", f"Unbekannte Reihe »{e.series}«", e.series_span,
                         did_you_mean(e.series, self.catalog.series)
                         or f"In der Klammer steht eine Reihe der Formel von {c.indicator}: "
                            f"{', '.join(indicator.args)}.")
            return
        if indicator.function not in _EQUIVALENT_FUNCTIONS or series != indicator.args[0]:
            if indicator.function in _EQUIVALENT_FUNCTIONS:
                hint = f"Zu {c.indicator} passt in der Klammer »{indicator.args[0]}«."
            else:
                hint = (f"{c.indicator} ist ein Durchschnitt von Monatsquoten ({indicator.function}); eine Anzahl "
                        "lässt sich daraus nicht ableiten. Schreiben Sie die Anzahl als »text«.")
            self.bag.add("ZD233", f"»{said}«: »{series}« lässt sich aus »{c.indicator}« nicht ableiten",
                         e.series_span, hint)

    def _plausible(self, c: n.Condition, indicator) -> None:
        """Warn about figures no real agreement states: a fall by more than 100 %, a quota above 100 %.

        Warnings, not errors: a rate can turn negative and a flow quota can in theory pass
        100 %; `check --streng` refuses them like errors.
        """
        if c.value is None:
            return
        shown = f"{c.value:,}".replace(",", "X").replace(".", ",").replace("X", ".")
        if c.measure == "change" and c.unit == "%" and c.verb == "sinkt" and c.value > 100:
            self.bag.warn("ZD123", f"»{c.indicator} sinkt um {shown} %« ist kaum möglich: ein Rückgang um mehr als "
                                   "100 % hieße, der Wert wird negativ", c.span,
                          "Gemeint sind vielleicht Prozentpunkte oder ein Rückgang um weniger als 100 %.")
        elif c.measure == "level" and indicator.is_ratio and c.value > 100:
            self.bag.warn("ZD124", f"»{c.indicator}« ist eine Quote; ein Wert von {shown} % liegt über 100 %",
                          c.span, "Prüfen Sie die Zahl; gemeint ist vielleicht ein Wert unter 100 %.")

    def _good_direction(self, c: n.Condition, indicator) -> None:
        """Warn where a condition asks for what the indicator counts as bad."""
        good = indicator.good
        if not good:
            return
        bad = GOOD_OPPOSITE[good]
        ceiling = c.qualifier in ("maximal", "höchstens", "nicht_mehr_als")
        said = condition_text(c)  # as the author wrote it
        where = f"bei »{c.indicator}« ({indicator.title}) ist {_GOOD_WORDS[good]} gut"
        if c.verb == bad and not ceiling:
            self.bag.warn("ZD206", f"»{said}« widerspricht der Zielrichtung: {where}", c.span,
                          f"Gemeint ist vielleicht »{c.indicator} {good} um …« oder eine Grenze "
                          f"»{c.indicator} {bad} um höchstens …«.")
        elif c.verb == good and ceiling:
            self.bag.warn("ZD206", f"»{said}« begrenzt eine gute Entwicklung: {where}", c.span,
                          f"Eine Obergrenze passt zu »{c.indicator} {bad} um höchstens …«; "
                          f"ein Mindestwert heißt »{c.indicator} {good} um mindestens …«.")
        elif c.verb == f"{good}_nicht":
            self.bag.warn("ZD206", f"»{said}« widerspricht der Zielrichtung: {where}", c.span,
                          f"Gemeint ist vielleicht »{c.indicator} {bad} nicht«.")
        elif c.measure == "level" and c.qualifier in ("mindestens", "höchstens"):
            if (c.qualifier == "mindestens") != (good == "steigt"):
                self.bag.warn("ZD206", f"»{said}« widerspricht der Zielrichtung: {where}", c.span,
                              "Bei dieser Kennzahl ist ein niedriger Wert gut; gemeint ist vielleicht "
                              "»beträgt höchstens …«." if good == "sinkt" else
                              "Bei dieser Kennzahl ist ein hoher Wert gut; gemeint ist vielleicht "
                              "»beträgt mindestens …«.")

    def _count_equivalent(self, c: n.CountCondition) -> None:
        """ZD233: after a count the bracket names a quota whose numerator is the counted series."""
        e = c.equivalent
        said = count_condition_text(c)
        if e.indicator is None:
            self.bag.add("ZD233", f"»{said}«: nach einer Anzahl nennt die Klammer die Quote, die sie ergibt",
                         e.span, f"Schreiben Sie z. B. »(ca. 30,2 % K2)« (Quote in % und Kennzahl).")
            return
        if not self._indicator(e.indicator, e.series_span):
            return
        indicator = self.catalog.indicators[e.indicator]
        if indicator.function not in ("quote", "anteil") or indicator.args[0] != c.series:
            quotas = [code for code, i in self.catalog.indicators.items()
                      if i.function in ("quote", "anteil") and i.args and i.args[0] == c.series]
            self.bag.add("ZD233", f"»{said}«: »{e.indicator}« ist keine Quote aus »{c.series}«", e.series_span,
                         f"Zu »{c.series}« passen: {', '.join(quotas)}." if quotas else
                         f"Keine Quote des Katalogs zählt »{c.series}«; die Quote gehört dann in einen »text«.")

    def _count(self, c: n.CountCondition) -> None:
        if c.series not in self.catalog.series:
            self.bag.add("ZD202", f"Unbekannte Reihe »{c.series}«", c.series_span,
                         did_you_mean(c.series, self.catalog.series))
            return
        kind = self.catalog.series[c.series].kind
        if kind != "anzahl":
            self.bag.add("ZD205", f"»anzahl« zählt Ereignisse wie Integrationen; »{c.series}« ist "
                                  f"{_SERIES_WORDS[kind]}", c.series_span,
                         "Gezählt werden Reihen der Art »anzahl«, z. B. »anzahl integrationen mindestens 612«.")
        if c.equivalent is not None:
            self._count_equivalent(c)
        if c.bound == "höchstens" and c.parts:
            self.bag.add("ZD236", "Nach einer Obergrenze (»anzahl … höchstens«) stehen keine Teile nach »davon«",
                         c.parts[0].span, "Teile gibt es nur bei Mindestzahlen; eine Obergrenze für eine Gruppe "
                                          "steht als eigene Zeile, z. B. »anzahl zugaenge_lzb höchstens 500«.")
            return
        groups = [p.group for p in c.parts]
        for part in c.parts:
            if part.group == "gesamt":
                self.bag.add("ZD217", "»davon gesamt« ist keine Teilgruppe", part.span,
                             "Nach »davon« stehen Teilgruppen wie »frauen«, »männer« oder »alleinerziehende«.")
            if groups.count(part.group) > 1:
                self.bag.add("ZD217", f"Gruppe »{part.group}« steht mehrfach nach »davon«", part.span)
                break
            if part.minimum > c.minimum:
                who = "alle" if part.group == "gesamt" else self.catalog.group_label(part.group)
                self.bag.add("ZD219", f"Der Wert für {who} ({part.minimum}) ist größer als die "
                                      f"Gesamtzahl ({c.minimum})", part.span,
                             "Die Werte nach »davon« sind Teile der Gesamtzahl davor.")


def found_any(agreement: n.Agreement, node_type: type) -> bool:
    return bool(agreement.of(node_type))


# What makes a target more than text: something judged, watched or to be done.
_CONTENT = (n.Condition, n.CountCondition, n.Monitoring, n.GapMonitoring, n.Step, n.MilestoneCondition, n.Target,
            n.Emphasis, n.Waiver)
# The unit a level of an indicator is written in (`beträgt 31,1 %`, `beträgt 1.000 eur`, `beträgt 3.912`).
_LEVEL_UNITS = {"%": "%", "EUR": "eur"}
_LEVEL_EXAMPLES = {"%": "31,1 %", "eur": "1.250.000 eur"}
_UNIT_PHRASES = {"%": "in %", "eur": "in Euro (»eur«)", None: "als Zahl ohne Einheit"}
# Formulas whose first series a bracket may name: its total follows from the figure (`ca. 2.450 integrationen`).
_EQUIVALENT_FUNCTIONS = ("quote", "anteil", "summe", "mittelwert")
_GOOD_WORDS = {"steigt": "ein Steigen", "sinkt": "ein Sinken"}
_SERIES_WORDS = {"anzahl": "eine Anzahl", "bestand": "ein Bestand (gezählt wird er nicht)",
                 "betrag": "ein Geldbetrag"}


def _what(indicator) -> str:
    """`ein Betrag in EUR` / `eine Anzahl`: what a non-ratio indicator measures."""
    if indicator.unit == "EUR":
        return "ein Betrag in Euro"
    if indicator.unit == "Anzahl":
        return "eine Anzahl"
    return f"ein Wert in {indicator.unit}"
