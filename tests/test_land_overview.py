"""The Landesübersicht: the Land's figure from summed counts (checked by hand), the command, interim wording."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from zieldsl.api import evaluate_each, land_overview, render_overview
from zieldsl.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[1] / "vereinbarungen"

AGREEMENT = '''vereinbarung {ident} "Zielvereinbarung 2026 {name}" {{
    land "Ministerium des Testlandes" kurz "MT"
    träger "{name}" kurz "{short}" kennung "{key}"
    zieljahr 2026
    vergleichsjahr 2025
    bewertung jahresfortschrittswerte ohne wartezeit, gleicher ladestand
    ziel 2 integration "Verbesserung der Integration in Erwerbstätigkeit" {{
        K2 steigt um {threshold} %
    }}
}}
'''


def write_kreis(folder: Path, ident: str, name: str, short: str, key: str, threshold: str,
                integrations: dict[int, int], stock: int) -> Path:
    """A Kreis whose monthly integrations are constant per year and whose eLb stock never changes."""
    path = folder / f"{ident}.ziel"
    path.write_text(AGREEMENT.format(ident=ident, name=name, short=short, key=key, threshold=threshold),
                    encoding="utf-8")
    rows = ["traeger;reihe;gruppe;monat;wert"]
    rows.append(f"{key};elb;gesamt;2024-12;{stock}")
    for year in (2025, 2026):
        for month in range(1, 13):
            rows.append(f"{key};integrationen;gesamt;{year}-{month:02d};{integrations[year]}")
            rows.append(f"{key};elb;gesamt;{year}-{month:02d};{stock}")
    (folder / f"{ident}.daten.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def two_kreise(tmp_path):
    # Kreis A (small): 10 integrations a month in 2026, 9 in 2025, 1.000 eLb → K2 12,0 % after 10,8 %.
    # Kreis B (big): 100 a month in 2026, 80 in 2025, 4.000 eLb → K2 30,0 % after 24,0 %.
    a = write_kreis(tmp_path, "kreis_a", "Landkreis Klein", "Klein", "00001", "10", {2025: 9, 2026: 10}, 1000)
    b = write_kreis(tmp_path, "kreis_b", "Landkreis Groß", "Groß", "00002", "30", {2025: 80, 2026: 100}, 4000)
    return [a, b]


def test_land_figure_is_the_sum_of_numerators_over_the_sum_of_denominators(two_kreise):
    """By hand: Land 2026 = 100 × (120 + 1.200) / (1.000 + 4.000) = 26,4 %; 2025 = 100 × (108 + 960) / 5.000
    = 21,36 %; change = 26,4 / 21,36 − 1 = +23,6 %, or +5,0 percentage points (rounded 5,04).
    The mean of the two quotas would be 21,0 % and the mean of the changes +18,1 %: both wrong."""
    overview = land_overview(evaluate_each(two_kreise))
    (kind,) = overview.kinds
    assert kind.indicator == "K2"
    actuals = {row.result.agency: row.condition.actual for row in kind.rows}
    assert actuals == {"Landkreis Klein": Decimal("12"), "Landkreis Groß": Decimal("30")}
    (land,) = kind.land
    assert land.group == "gesamt" and land.kreise == 2
    assert land.actual == Decimal("26.4") and land.baseline == Decimal("21.36")
    assert land.change_rounded == Decimal("23.6") and land.points == Decimal("5.0")
    assert land.actual != sum(actuals.values()) / 2  # never the average of the quotas


def test_ranks_follow_the_distance_beyond_the_own_threshold(two_kreise):
    overview = land_overview(evaluate_each(two_kreise))
    rows = {row.result.agency: row for row in overview.kinds[0].rows}
    # Klein: +11,1 % against ≥ +10 % → +1,1; Groß: +25,0 % against ≥ +30 % → −5,0
    assert rows["Landkreis Klein"].rank == 1 and rows["Landkreis Groß"].rank == 2
    assert dict(overview.kinds[0].counts) == {"erreicht": 1, "nicht_erreicht": 1, "nicht_bewertbar": 0}


def test_the_overview_document_shows_the_land_figure_and_every_input_hash(two_kreise):
    text = render_overview(evaluate_each(two_kreise), "md").decode("utf-8")
    assert "| insgesamt | 21,4 % | 26,4 % | +23,6 % | +5,0 Prozentpunkte | 2 |" in text
    assert "| Groß | 24,0 % | 30,0 % | +25,0 % | ≥ +30,0 % | -5,0 Prozentpunkte | nicht erreicht | 2 |" in text
    for path in two_kreise:
        assert path.name in text
        assert path.with_name(path.stem + ".daten.csv").name in text
    assert text.count("`") >= 8  # four files, each hash in backticks


def test_interim_overview_speaks_of_course_not_of_achievement(two_kreise):
    text = render_overview(evaluate_each(two_kreise, as_of="2026-06"), "md").decode("utf-8")
    assert "Zwischenstand der Zielerreichung 2026" in text
    assert "auf Zielkurs: 1 · nicht auf Zielkurs: 1" in text
    assert "erreicht:" not in text.replace("nicht erreicht", "")


def test_bericht_command_writes_all_formats_and_reports_a_broken_file(two_kreise, tmp_path):
    broken = tmp_path / "kaputt.ziel"
    broken.write_text('vereinbarung kaputt "x" {\n    zieljahr 2026\n    K2 steigt\n}\n', encoding="utf-8")
    for suffix in ("md", "html", "docx"):
        out = tmp_path / f"land.{suffix}"
        result = CliRunner().invoke(main, ["bericht", *map(str, two_kreise), str(broken), "-o", str(out)])
        assert result.exit_code == 1, result.output
        assert out.is_file() and out.stat().st_size > 1000
        assert "kaputt.ziel:3:" in result.stderr and "1 von 3 Vereinbarungen nicht bewertet" in result.stderr
    html = (tmp_path / "land.html").read_text(encoding="utf-8")
    assert "<script>" in html and "sortierbar" in html  # sorting ships inline: no library, no network
    assert "<script src" not in html and 'href="http' not in html and "@import" not in html
    assert html.count("<svg") == 2  # one chart of all Kreise, one of small multiples
    assert "Nicht bewertet" in html


def test_bericht_without_any_good_file_writes_nothing(tmp_path):
    broken = tmp_path / "kaputt.ziel"
    broken.write_text("vereinbarung kaputt {\n", encoding="utf-8")
    out = tmp_path / "land.html"
    result = CliRunner().invoke(main, ["bericht", str(broken), "-o", str(out)])
    assert result.exit_code == 1
    assert "ZD550" in result.stderr and not out.exists()


# ---------------------------------------------------------------- golden overview documents of the Beispielland

from golden_files import assert_golden, docx_text, html_for_golden  # noqa: E402

BEISPIELLAND = sorted((EXAMPLES / "beispielland").glob("*.ziel"))


@pytest.mark.parametrize("output_format,as_of", [("md", None), ("html", None), ("docx", None), ("md", "2026-06")])
def test_beispielland_overview_matches_golden_file(output_format, as_of, monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)  # relative file names in the document, as a user calls it
    files = [p.relative_to(EXAMPLES.parent) for p in BEISPIELLAND]
    data = render_overview(evaluate_each(files, as_of=as_of), output_format)
    name = f"beispielland.landesuebersicht{'.' + as_of if as_of else ''}"
    if output_format == "docx":
        assert_golden(f"{name}.docx.txt", docx_text(data))
    elif output_format == "html":  # the charts' drawings are matplotlib's and shift between its versions
        assert_golden(f"{name}.html", html_for_golden(data.decode("utf-8")))
    else:
        assert_golden(f"{name}.{output_format}", data.decode("utf-8"))
