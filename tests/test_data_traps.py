"""The traps between data and verdict (issue 11): each ends in a clear message, never a wrong sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from zieldsl.api import evaluate_files, render_document
from zieldsl.cli.main import main
from zieldsl.diagnostics import ZielError

HEADER = "traeger;reihe;gruppe;monat;wert;ladestand\n"


def agreement(key="03457", extra="", evaluation="", name="kreis") -> str:
    return f"""vereinbarung {name}_2026 "Zielvereinbarung 2026" {{
    träger "Landkreis Beispiel" kennung "{key}"
    zieljahr 2026
{evaluation}
    ziel 2 integration "Integration" {{
        K2 steigt um 5,8 %
    }}

    ziel 3 langzeitleistungsbezug "Langzeitleistungsbezug" {{
        K3 sinkt um 2,3 %
    }}
{extra}}}
"""


MILESTONES = """
    ziel 4 dms "Dokumentenmanagement" {
        schritt ist_analyse "IST-Analyse" frist 31.03.2026
        bedingung eingefuehrt "eingeführt"
    }
"""


def lzb_rows(key="03457", months=range(1, 13), values=(2860, 2790), vintage=True) -> str:
    rows = []
    for year, value in zip((2025, 2026), values):
        for month in months:
            stand = f"{year + (month == 12)}-{month % 12 + 1:02d}-05" if vintage else ""
            rows.append(f"{key};lzb;gesamt;{year}-{month:02d};{value};{stand}")
    return "\n".join(rows) + "\n"


def k2_rows(key="03457") -> str:
    rows = []
    for year, (integrations, stock) in zip((2025, 2026), ((200, 10000), (215, 10000))):
        for month in range(0, 13):
            stamp = f"{year - 1}-12" if month == 0 else f"{year}-{month:02d}"
            vintage = f"{year}-01-05" if month == 0 else f"{year + (month == 12)}-{month % 12 + 1:02d}-05"
            if month:
                rows.append(f"{key};integrationen;gesamt;{stamp};{integrations};{vintage}")
            rows.append(f"{key};elb;gesamt;{stamp};{stock};{vintage}")
    return "\n".join(rows) + "\n"


def files(tmp_path: Path, ziel: str, data: str, evidence: str | None = None) -> tuple[Path, Path]:
    ziel_path = tmp_path / "kreis.ziel"
    ziel_path.write_text(ziel, encoding="utf-8")
    data_path = tmp_path / "kreis.daten.csv"
    data_path.write_text(HEADER + data, encoding="utf-8")
    if evidence is not None:
        (tmp_path / "kreis.nachweise.yaml").write_text(evidence, encoding="utf-8")
    return ziel_path, data_path


def problems(tmp_path, ziel, data):
    ziel_path, data_path = files(tmp_path, ziel, data)
    with pytest.raises(ZielError) as caught:
        evaluate_files([ziel_path], [data_path])
    return caught.value.diagnostics


def test_a_bare_indicator_code_row_is_refused_never_read_as_a_stock(tmp_path):
    (problem,) = problems(tmp_path, agreement(), lzb_rows() + "03457;K3;gesamt;2026-12;-1,8;\n")
    assert problem.code == "ZD331"
    assert problem.message == "»K3« allein sagt nicht, welcher Wert gemeint ist"
    assert "K3_veraenderung" in problem.hint and "K3_jfw" in problem.hint and "lzb" in problem.hint


def test_a_published_rate_is_kept_but_never_judged(tmp_path):
    ziel_path, data_path = files(tmp_path, agreement(),
                                 "03457;K3_veraenderung;gesamt;2025-12;-2,0;\n"
                                 "03457;K3_veraenderung;gesamt;2026-12;-1,8;\n"
                                 "03457;K2_12monate;gesamt;2025-12;20,1;\n"
                                 "03457;K2_12monate;gesamt;2026-12;24,6;\n")
    (result,) = evaluate_files([ziel_path], [data_path], as_of="2026-12")
    assert [t.status for t in result.targets] == ["nicht_bewertbar", "nicht_bewertbar"]
    k3 = result.targets[1].conditions[0]
    assert k3.actual is None and k3.baseline is None


def test_a_rate_pasted_into_a_stock_is_refused(tmp_path):
    found = problems(tmp_path, agreement(), "03457;lzb;gesamt;2026-01;-1,8;\n03457;lzb;gesamt;2026-02;2,3;\n")
    assert [(d.code, d.span.line) for d in found] == [("ZD307", 2), ("ZD332", 3)]
    assert found[1].message == ("Wert 2,3 für die Reihe »lzb« ist keine ganze Zahl, aber die Reihe ist ein Bestand "
                                "an Personen")


def test_agency_without_rows_is_an_error_naming_the_codes_found(tmp_path):
    ziel_path, data_path = files(tmp_path, agreement(key="03452"), lzb_rows("03454") + lzb_rows("03459"))
    result = CliRunner().invoke(main, ["evaluate", str(ziel_path), "--data", str(data_path)])
    assert result.exit_code == 1
    assert ("fehler ZD330: Die Daten enthalten keine Zeile für den Träger »03452« der Vereinbarung »kreis_2026«; "
            "gefunden: 03454, 03459") in result.output


def test_a_lost_leading_zero_is_repaired_with_a_warning_naming_file_and_line(tmp_path):
    ziel_path, data_path = files(tmp_path, agreement(), lzb_rows("3457"))
    (result,) = evaluate_files([ziel_path], [data_path])
    assert result.targets[1].status == "erreicht"
    assert any(f"{data_path}:2:1: warnung ZD334: Trägerkennung »3457« hat eine Stelle zu wenig" in w
               for w in result.warnings)


def test_missing_evidence_leaves_milestones_open_never_missed(tmp_path):
    ziel_path, data_path = files(tmp_path, agreement(extra=MILESTONES), lzb_rows())
    result = CliRunner().invoke(main, ["evaluate", str(ziel_path)])
    assert result.exit_code == 0
    assert "nicht erreicht" not in result.output.split("Warnungen")[0].split("Dokumentenmanagement")[1]
    assert "Keine Nachweisdatei für die Vereinbarung »kreis_2026« gefunden" in result.output
    (judged,) = evaluate_files([ziel_path])
    milestone = judged.targets[2]
    assert milestone.status == "offen"
    assert any("offen – kein Nachweis vorgelegt" in r.text for r in milestone.reasons)
    document = render_document(judged, "feststellung", "md").decode("utf-8")
    assert "Keine Nachweisdatei" in document and "Frist verstrichen" not in document


def test_with_evidence_file_a_december_milestone_not_done_is_still_missed(tmp_path):
    ziel_path, _ = files(tmp_path, agreement(extra=MILESTONES), lzb_rows(),
                         evidence="ziele:\n  dms:\n    ist_analyse:\n      status: offen\n")
    (result,) = evaluate_files([ziel_path])
    assert result.targets[2].status == "nicht_erreicht"


def test_waiting_time_is_checked_against_the_ladestand(tmp_path):
    ziel = agreement(evaluation="    bewertung jahresfortschrittswerte mit wartezeit, gleicher ladestand\n")
    ziel_path, data_path = files(tmp_path, ziel, lzb_rows())  # December loaded on 5 January
    (result,) = evaluate_files([ziel_path], [data_path])
    assert result.framework.waiting_period_over is False
    assert any("nach Ablauf der Wartezeit (nach dem 31.03.2027)" in w for w in result.warnings)
    document = render_document(result, "feststellung", "md").decode("utf-8")
    assert "Jahresendwerte nach Ablauf der Wartezeit" not in document
    assert "vor Ablauf der Wartezeit geladen" in document


def test_waiting_time_over_is_not_warned(tmp_path):
    ziel = agreement(evaluation="    bewertung jahresfortschrittswerte mit wartezeit, gleicher ladestand\n")
    late = lzb_rows().replace("2027-01-05", "2027-04-05")
    ziel_path, data_path = files(tmp_path, ziel, late)
    (result,) = evaluate_files([ziel_path], [data_path], vintage_at_most=__import__("datetime").date(2027, 4, 5))
    assert result.framework.waiting_period_over is True
    assert not any("Wartezeit" in w for w in result.warnings)


def test_a_missing_value_affects_only_the_targets_and_agencies_that_need_it(tmp_path):
    data = lzb_rows() + k2_rows() + lzb_rows("03454") + k2_rows("03454")
    data = data.replace("03457;lzb;gesamt;2026-05;2790;2026-06-05", "03457;lzb;gesamt;2026-05;x;2026-06-05")
    ziel_path, data_path = files(tmp_path, agreement() + agreement(key="03454", name="nachbar"), data)
    first, second = evaluate_files([ziel_path], [data_path])
    assert [t.status for t in first.targets] == ["erreicht", "nicht_bewertbar"]
    reason = " ".join(r.text for r in first.targets[1].conditions[0].reasons)
    assert "lzb (gesamt): Mai 2026" in reason
    assert f"in den Daten als fehlend gekennzeichnet: »x« in {data_path}, Zeile" in reason
    assert [t.status for t in second.targets] == ["erreicht", "erreicht"]


def test_a_tenfold_jump_in_a_stock_is_a_warning_with_file_and_line(tmp_path):
    data = lzb_rows().replace("03457;lzb;gesamt;2026-06;2790", "03457;lzb;gesamt;2026-06;27900")
    ziel_path, data_path = files(tmp_path, agreement(), data)
    (result,) = evaluate_files([ziel_path], [data_path])
    assert any(w.startswith(f"{data_path}:19: Der Bestand »lzb« (gesamt) springt von 2.790 (Mai 2026) auf "
                            "27.900 (Juni 2026)") for w in result.warnings)
