"""`zieldsl import`: published § 48a tables and a Land's own tables, built here with openpyxl.

Every fixture is written by the test itself in the shape a user has: the monthly
publication (wide, `_F/_M` columns, Land rows, Datenstand in the title, a sheet per
month) and a Land's own long table. Each trap of issue 11 is a case with its message;
the round trip Excel → import → evaluate gives the same verdicts as the hand-made CSV.
"""

from __future__ import annotations

import csv
import datetime
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from zieldsl.api import evaluate_files, import_tables
from zieldsl.cli.main import main
from zieldsl.diagnostics import ZielError

REPO = Path(__file__).resolve().parent.parent
LEER = REPO / "vereinbarungen" / "leer-2026.ziel"
LEER_DATA = REPO / "vereinbarungen" / "leer-2026.daten.csv"
LEER_EVIDENCE = REPO / "vereinbarungen" / "leer-2026.nachweise.yaml"
GERMAN_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                 "November", "Dezember"]


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    """Run in the test's folder, so file names in messages read as a user sees them."""
    monkeypatch.chdir(tmp_path)


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Write the workbook; return its name relative to the test folder (the working directory)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return Path(path.name)


def published_june(path: Path, code=3457) -> Path:
    """One sheet of the monthly publication (shortened)."""
    return workbook(path, {"Juni 2026": [
        ["Kennzahlen nach § 48a SGB II, Berichtsmonat Juni 2026"],
        ["Datenstand: 05.07.2026"],
        [],
        ["Regionalschlüssel", "Jobcenter", "K2", "K2_F", "K2_M", "K3", "INT", "INT_F", "INT_M", "ELB", "ELB_F",
         "ELB_M", "LZB"],
        ["03", "Niedersachsen", 20.1, 18.0, 22.3, -1.2, 41000, 17000, 24000, 410000, 200000, 210000, 190000],
        [code, "Landkreis Beispiel", 24.6, 21.9, 27.0, -1.8, 208, 88, 120, 9684, 4700, 4984, 2775],
        ["03454", "Landkreis Emsland", 23.4, "x", "x", -2.3, 260, 110, 150, 11200, 5400, 5800, "-"],
        ["D", "Deutschland", 21.0, 19.0, 23.0, -0.5, 800000, 330000, 470000, 3900000, 1900000, 2000000, 1500000],
        ["Quelle: Statistik der Bundesagentur für Arbeit"],
    ]})


def run(*args: str):
    return CliRunner().invoke(main, ["import", *map(str, args)])


def rows_of(text: str) -> list[list[str]]:
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [line.split(";") for line in lines[1:]]


# ---------------------------------------------------------------- the published shape


def test_published_table_becomes_zieldsl_csv_with_published_values_as_their_own_series(tmp_path):
    source = published_june(tmp_path / "kennzahlen.xlsx", code="03457")
    result = import_tables([source])
    rows = rows_of(result.csv_text)
    assert result.csv_text.splitlines()[2] == "traeger;reihe;gruppe;monat;wert;ladestand"
    assert ["03457", "K2_12monate", "frauen", "2026-06", "21,9", "2026-07-05"] in rows
    assert ["03457", "K3_veraenderung", "gesamt", "2026-06", "-1,8", "2026-07-05"] in rows
    assert ["03457", "lzb", "gesamt", "2026-06", "2775", "2026-07-05"] in rows
    assert ["03457", "integrationen", "maenner", "2026-06", "120", "2026-07-05"] in rows
    # never as the stock or the year-to-date figure
    assert not any(r[1] in ("K2", "K3", "K2_jfw", "K3_jfw") for r in rows)
    assert not any(r[1] == "lzb" and r[4].startswith("-") for r in rows)
    # region rows are skipped, missing cells kept as missing
    assert {r[0] for r in rows} == {"03454", "03457"}
    assert ["03454", "K2_12monate", "frauen", "2026-06", "x", "2026-07-05"] in rows
    assert ["03454", "lzb", "gesamt", "2026-06", "x", "2026-07-05"] in rows


def test_report_names_agencies_months_series_skipped_rows_and_missing_raw_series(tmp_path):
    report = "\n".join(import_tables([published_june(tmp_path / "k.xlsx", code="03457")]).report)
    assert "Träger (2): 03454, 03457" in report
    assert "Monate (1): 2026-06" in report
    assert "Gruppen: gesamt, frauen, maenner" in report
    assert "Ladestand: 2026-07-05 (aus dem Titel, " in report
    assert "k.xlsx:Juni 2026:5:1: Regionalzeile »03« (keine 5-stellige Trägerkennung)" in report
    assert "k.xlsx:Juni 2026:8:1: Regionalzeile »D« (keine 5-stellige Trägerkennung)" in report
    assert "k.xlsx:Juni 2026:9:1: keine Trägerkennung (»Quelle: Statistik der Bundesagentur für Arbeit«)" in report
    assert "K2_12monate (Wert der letzten zwölf Monate, wie veröffentlicht)" in report
    assert "K3_veraenderung (Veränderung gegenüber dem Vorjahresmonat in %, wie veröffentlicht)" in report
    assert "Fehlende Werte: 3" in report


def test_missing_raw_series_for_judged_figures_are_named(tmp_path):
    source = workbook(tmp_path / "k.xlsx", {"Juni 2026": [
        ["Regionalschlüssel", "K2", "INT"], ["03457", 24.6, 208]]})
    report = "\n".join(import_tables([source], vintage=datetime.date(2026, 7, 5)).report)
    assert "K2 (gesamt): es fehlen die Rohreihen elb" in report


def test_lost_leading_zero_is_restored_with_a_warning_naming_the_cell(tmp_path):
    result = import_tables([published_june(tmp_path / "k.xlsx", code=3457)])
    assert [str(w.span) for w in result.warnings] == ["k.xlsx:Juni 2026:6:1"]
    assert result.warnings[0].message == ("Trägerkennung »3457« hat eine Stelle zu wenig: als »03457« gelesen "
                                          "(führende Null ergänzt)")
    assert {v.agency for v in result.values} == {"03454", "03457"}


def test_cli_writes_the_csv_atomically_and_reports_on_stderr(tmp_path):
    source = published_june(tmp_path / "k.xlsx", code="03457")
    out = tmp_path / "daten.csv"
    result = run(source, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == import_tables([source]).csv_text
    assert "Geschrieben: " in result.output and "Importprofil: bmas-48a" in result.output


def test_same_input_gives_byte_identical_output(tmp_path):
    source = published_june(tmp_path / "k.xlsx")
    assert import_tables([source]).csv_text == import_tables([source]).csv_text


def test_month_from_sheet_name_and_vintage_option_win_over_nothing(tmp_path):
    source = workbook(tmp_path / "k.xlsx", {"2026-03": [["Regionalschlüssel", "LZB"], ["03457", 2790]],
                                            "Erläuterungen": [["Hinweise zur Tabelle"]]})
    result = import_tables([source], vintage=datetime.date(2026, 4, 5))
    assert rows_of(result.csv_text) == [["03457", "lzb", "gesamt", "2026-03", "2790", "2026-04-05"]]
    assert any("Erläuterungen" in line and "Blatt ohne Daten" in line for line in result.report)


# ---------------------------------------------------------------- a Land's own shape


LAND_PROFILE = """\
profil: land-nds
titel: Landesstatistik
form: lang
traeger:
  spalten: [Kreis]
berichtsmonat:
  aus: [spalte]
  spalten: [Monat]
ladestand:
  aus: [spalte]
  spalten: [Stand]
reihe:
  spalten: [Merkmal]
wert:
  spalten: [Anzahl]
gruppen:
  spalten: [Geschlecht]
  werte: {w: frauen, m: maenner, i: gesamt}
fehlend: ["-", "k. A."]
reihen:
  Integrationen: integrationen
  Bestand eLb: elb
"""


def test_a_land_writes_its_own_profile_for_a_long_table_without_python(tmp_path):
    profile = tmp_path / "land.yaml"
    profile.write_text(LAND_PROFILE, encoding="utf-8")
    source = workbook(tmp_path / "land.xlsx", {"Daten": [
        ["Kreis", "Merkmal", "Geschlecht", "Monat", "Stand", "Anzahl"],
        ["03457", "Integrationen", "w", datetime.datetime(2026, 1, 1), datetime.datetime(2026, 2, 5), 88],
        ["03457", "Integrationen", "m", datetime.datetime(2026, 1, 1), datetime.datetime(2026, 2, 5), 105],
        ["03457", "Bestand eLb", "i", "12/2025", "05.01.2026", 9756],
        ["03457", "Bestand eLb", "w", "12/2025", "05.01.2026", "k. A."],
    ]})
    result = import_tables([source], str(profile))
    assert rows_of(result.csv_text) == [
        ["03457", "elb", "gesamt", "2025-12", "9756", "2026-01-05"],
        ["03457", "elb", "frauen", "2025-12", "x", "2026-01-05"],
        ["03457", "integrationen", "frauen", "2026-01", "88", "2026-02-05"],
        ["03457", "integrationen", "maenner", "2026-01", "105", "2026-02-05"],
    ]
    assert result.report[0] == "Importprofil: land-nds – Landesstatistik"


def test_the_land_shape_also_reads_csv_tables(tmp_path):
    profile = tmp_path / "land.yaml"
    profile.write_text(LAND_PROFILE, encoding="utf-8")
    source = tmp_path / "land.csv"
    source.write_text("Kreis;Merkmal;Geschlecht;Monat;Stand;Anzahl\n03457;Integrationen;i;2026-01;2026-02-05;193\n",
                      encoding="utf-8")
    assert rows_of(import_tables([source], str(profile)).csv_text) == [
        ["03457", "integrationen", "gesamt", "2026-01", "193", "2026-02-05"]]


# ---------------------------------------------------------------- refusals, each with its position


def refusal(tmp_path, sheets, profile="bmas-48a", vintage=datetime.date(2026, 7, 5)):
    source = workbook(tmp_path / "t.xlsx", sheets)
    with pytest.raises(ZielError) as caught:
        import_tables([source], profile, vintage)
    return [(d.code, str(d.span), d.message) for d in caught.value.diagnostics if d.is_error]


def test_unmapped_column_is_refused_at_sheet_row_and_column(tmp_path):
    found = refusal(tmp_path, {"Juni 2026": [["Regionalschlüssel", "INT", "Quote neu"], ["03457", 208, 3.1]]})
    assert found == [("ZD705", "t.xlsx:Juni 2026:1:3", "Spalte »Quote neu« ist im Importprofil nicht zugeordnet "
                                                         "(Spalte C)")]


def test_text_in_a_value_cell_is_refused(tmp_path):
    found = refusal(tmp_path, {"Juni 2026": [["Regionalschlüssel", "INT"], ["03457", "rund 200"]]})
    assert found == [("ZD706", "t.xlsx:Juni 2026:2:2", "»rund 200« ist keine Zahl (Spalte B)")]


def test_a_rate_mapped_onto_a_stock_is_refused(tmp_path):
    profile = Path("falsch.yaml")
    profile.write_text("traeger: {spalten: [Regionalschlüssel]}\nreihen: {K3: lzb}\n", encoding="utf-8")
    found = refusal(tmp_path, {"Juni 2026": [["Regionalschlüssel", "K3"], ["03457", -1.8]]}, str(profile))
    assert found == [("ZD706", "t.xlsx:Juni 2026:2:2",
                      "Wert -1,8 für »lzb« ist negativ, aber die Reihe ist ein Bestand an Personen")]


def test_a_profile_may_not_map_a_column_to_a_bare_indicator_code(tmp_path):
    profile = Path("k2.yaml")
    profile.write_text("traeger: {spalten: [Regionalschlüssel]}\nreihen:\n  K2: K2\n", encoding="utf-8")
    with pytest.raises(ZielError) as caught:
        import_tables([published_june(tmp_path / "k.xlsx")], str(profile))
    (problem,) = caught.value.diagnostics
    assert (problem.code, problem.span.line) == ("ZD702", 2)
    assert problem.message == "»K2: K2« sagt nicht, welcher Wert von K2 gemeint ist"
    assert "K2_12monate oder K2_jfw" in problem.hint


def test_no_month_anywhere_is_refused(tmp_path):
    found = refusal(tmp_path, {"Tabelle1": [["Regionalschlüssel", "INT"], ["03457", 208]]})
    assert found[0][:2] == ("ZD707", "t.xlsx:Tabelle1:1:1")


def test_the_same_value_twice_with_different_numbers_is_refused(tmp_path):
    found = refusal(tmp_path, {"Juni 2026": [["Regionalschlüssel", "INT"], ["03457", 208]],
                               "2026-06": [["Regionalschlüssel", "INT"], ["03457", 209]]})
    assert found == [("ZD709", "t.xlsx:2026-06:2:2", "Derselbe Wert (03457, integrationen, gesamt, 2026-06) steht "
                                                       "schon in t.xlsx:Juni 2026:2:2 mit »208«, hier »209«")]


def test_a_table_without_agency_column_and_an_old_excel_file_are_refused(tmp_path):
    found = refusal(tmp_path, {"Juni 2026": [["Kreis", "INT"], ["03457", 208]]})
    assert found[0][:2] == ("ZD704", "t.xlsx:1:1")
    old = Path("alt.xls")
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    result = run(old)
    assert result.exit_code == 1
    assert "fehler ZD703: »alt.xls« ist keine Excel-Datei (.xlsx) und keine CSV-Datei" in result.output
    assert "Traceback" not in result.output


def test_only_region_rows_is_an_error_not_an_empty_file(tmp_path):
    found = refusal(tmp_path, {"Juni 2026": [["Regionalschlüssel", "INT"], ["03", 41000], ["D", 800000]]})
    assert [f[0] for f in found] == ["ZD713"]


def test_unknown_profile_and_broken_profile_exit_1_with_german_messages(tmp_path):
    source = published_june(tmp_path / "k.xlsx")
    result = run(source, "--profil", "bmas48a")
    assert result.exit_code == 1
    assert "bmas48a:1:1: fehler ZD700: Importprofil »bmas48a« nicht gefunden" in result.output
    assert "Meinten Sie »bmas-48a«?" in result.output
    broken = Path("kaputt.yaml")
    broken.write_text("form: quer\nreihen: {INT: integrationen}\ntraeger: {spalten: [X]}\nfarbe: rot\n",
                      encoding="utf-8")
    result = run(source, "--profil", broken)
    assert result.exit_code == 1
    assert f"{broken}:1:1: fehler ZD701: »form: quer« gibt es nicht" in result.output
    assert f"{broken}:4:1: fehler ZD701: Unbekannter Schlüssel »farbe« im Importprofil" in result.output


def test_nothing_is_written_when_the_import_fails(tmp_path):
    source = workbook(tmp_path / "t.xlsx", {"Juni 2026": [["Regionalschlüssel", "INT"], ["03457", "viel"]]})
    out = tmp_path / "daten.csv"
    out.write_text("alt\n", encoding="utf-8")
    assert run(source, "-o", out, "--ladestand", "2026-07-05").exit_code == 1
    assert out.read_text(encoding="utf-8") == "alt\n"


# ---------------------------------------------------------------- round trip


def leer_workbook(path: Path) -> Path:
    """The Leer example data as the monthly publication: one sheet per month, `_F/_M` columns,
    a Land row, Datenstand in the title, the agency code as Excel leaves it (a number)."""
    by_month: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(dict))
    vintages: dict[str, str] = {}
    catalog_series = set()
    from zieldsl.language.catalog import standard_catalog

    known = set(standard_catalog().series)
    with LEER_DATA.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter=";"):
        if row["reihe"] not in known:
            continue  # budget and assumption actuals are not in the § 48a tables
        suffix = {"gesamt": "", "frauen": "_F", "maenner": "_M"}[row["gruppe"]]
        number = Decimal(row["wert"].replace(".", "").replace(",", "."))
        by_month[row["monat"]][row["traeger"]][row["reihe"] + suffix] = \
            int(number) if number == number.to_integral_value() else float(number)
        vintages[row["monat"]] = row["ladestand"]
        catalog_series.add(row["reihe"] + suffix)
    headings = sorted(catalog_series)
    sheets = {}
    for month, agencies in sorted(by_month.items()):
        year, number = month.split("-")
        stand = datetime.date.fromisoformat(vintages[month]).strftime("%d.%m.%Y")
        rows = [[f"Kennzahlen nach § 48a SGB II – {GERMAN_MONTHS[int(number) - 1]} {year}"],
                [f"Datenstand: {stand}"], ["Regionalschlüssel", "Jobcenter", *headings],
                ["03", "Niedersachsen", *([1] * len(headings))]]
        for agency, values in agencies.items():
            rows.append([int(agency), "Landkreis Leer", *(values.get(h, "x") for h in headings)])
        sheets[f"{GERMAN_MONTHS[int(number) - 1]} {year}"] = rows
    return workbook(path, sheets)


def verdicts(result):
    return [(t.id, t.status, [(c.indicator, c.group, c.status, c.baseline, c.actual, c.change)
                              for c in t.conditions]) for t in result.targets]


def test_round_trip_excel_import_evaluate_gives_the_verdicts_of_the_hand_made_csv(tmp_path):
    source = leer_workbook(tmp_path / "leer.xlsx")
    out = tmp_path / "leer.daten.csv"
    assert run(source, "-o", out).exit_code == 0
    (by_hand,) = evaluate_files([LEER], [LEER_DATA], evidence_paths=[LEER_EVIDENCE])
    (imported,) = evaluate_files([LEER], [out], evidence_paths=[LEER_EVIDENCE])
    assert verdicts(imported) == verdicts(by_hand)
    assert imported.data_vintage == by_hand.data_vintage and imported.as_of == by_hand.as_of
    assert {t.status for t in imported.targets} >= {"erreicht"}


def test_three_commands_from_excel_to_a_feststellung(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "leer-2026.ziel").write_text(LEER.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "leer-2026.nachweise.yaml").write_text(LEER_EVIDENCE.read_text(encoding="utf-8"), encoding="utf-8")
    leer_workbook(tmp_path / "leer.xlsx")
    runner = CliRunner()
    assert runner.invoke(main, ["import", "leer.xlsx", "-o", "leer-2026.daten.csv"]).exit_code == 0
    evaluated = runner.invoke(main, ["evaluate", "leer-2026.ziel"])
    assert evaluated.exit_code == 0 and "erreicht" in evaluated.output
    drafted = runner.invoke(main, ["draft", "leer-2026.ziel", "-o", "feststellung.md"])
    assert drafted.exit_code == 0, drafted.output
    text = (tmp_path / "feststellung.md").read_text(encoding="utf-8")
    assert text.startswith("# Feststellung der Zielerreichung") or "Feststellung" in text.splitlines()[0]
    assert Decimal  # exact figures are checked by the round-trip test above
