"""Which data vintage (Ladestand) a judgement reads: the first publication of the as-of month, or `--ladestand`."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from _evaluation_helpers import Data, agreement, write
from click.testing import CliRunner

from zieldsl.cli.main import main
from zieldsl.evaluation.engine import evaluate
from zieldsl.months import Month

K2 = """    ziel 2 integration "Integration" {
        K2 steigt um 5,8 %
    }"""


def first_publication(month: Month) -> str:
    """The 5th of the following month."""
    following = month.shift(1)
    return f"{following.year:04d}-{following.month:02d}-05"


def revised_data() -> Data:
    """Integrations January–June of both years, each first published on the 5th of the following month and revised.

    2025: first 100 a month, revised on 2025-08-05 to 102, final on 2026-01-05 at 104.
    2026: first 106 a month, revised on 2026-08-05 to 108. The eLb stock is 1000 throughout.
    """
    data = Data()
    month = Month(2024, 12)
    while month <= Month(2026, 6):
        data.add("elb", "gesamt", month, 1000, first_publication(month))
        month = month.shift(1)
    for m in range(1, 7):
        data.add("integrationen", "gesamt", Month(2025, m), 100, first_publication(Month(2025, m)))
        data.add("integrationen", "gesamt", Month(2025, m), 102, "2025-08-05")
        data.add("integrationen", "gesamt", Month(2025, m), 104, "2026-01-05")
        data.add("integrationen", "gesamt", Month(2026, m), 106, first_publication(Month(2026, m)))
        data.add("integrationen", "gesamt", Month(2026, m), 108, "2026-08-05")
    return data


def k2(result):
    return result.target("2").conditions[0]


def test_interim_as_of_june_reads_the_data_as_june_was_first_published():
    result = evaluate(agreement(K2), revised_data().store, as_of="2026-06")
    assert (str(result.data_vintage), str(result.data_vintage_baseline)) == ("2026-07-05", "2025-07-05")
    c = k2(result)
    # 2026: 6 × 106 (not the August revision); 2025 at the same maturity: 6 × 100
    assert (c.actual, c.baseline, c.change_rounded) == (Decimal("63.6"), Decimal("60"), Decimal("6.0"))
    used = {(p.month, p.data_vintage) for r in c.reasons for p in r.data if p.series == "integrationen"}
    assert used == {(str(Month(year, m)), datetime.date(year, m + 1, 5)) for year in (2025, 2026) for m in range(1, 7)}


@pytest.mark.parametrize("policy, at_most, vintages, actual, baseline, rounded", [
    # default V: the first publication of June 2026
    ("gleicher", None, ("2026-07-05", "2025-07-05"), "63.6", "60", "6.0"),
    ("gemeinsamer", None, ("2026-07-05", "2026-07-05"), "63.6", "62.4", "1.9"),
    # V set explicitly: the newest vintage up to 31 August 2026 is the revision of 5 August
    ("gleicher", datetime.date(2026, 8, 31), ("2026-08-05", "2025-08-05"), "64.8", "61.2", "5.9"),
    ("gemeinsamer", datetime.date(2026, 8, 31), ("2026-08-05", "2026-08-05"), "64.8", "62.4", "3.8"),
])
def test_a_revised_month_is_read_at_the_right_vintage_under_both_policies(policy, at_most, vintages, actual,
                                                                           baseline, rounded):
    result = evaluate(agreement(K2, policy=policy), revised_data().store, as_of="2026-06", vintage_at_most=at_most)
    assert (str(result.data_vintage), str(result.data_vintage_baseline)) == vintages
    c = k2(result)
    assert (c.actual, c.baseline, c.change_rounded) == (Decimal(actual), Decimal(baseline), Decimal(rounded))


def test_without_as_of_the_month_is_the_latest_the_data_had_at_the_given_vintage():
    result = evaluate(agreement(K2), revised_data().store, vintage_at_most=datetime.date(2026, 4, 20))
    assert result.as_of == "2026-03" and str(result.data_vintage) == "2026-04-05"
    assert k2(result).actual == Decimal("31.8")  # 3 × 106 / 1000


def test_a_vintage_before_all_data_reads_nothing_and_says_so():
    result = evaluate(agreement(K2), revised_data().store, as_of="2026-06",
                      vintage_at_most=datetime.date(2020, 1, 1))
    assert str(result.data_vintage) == "2020-01-01" and k2(result).status == "nicht_bewertbar"
    assert any("keinen Ladestand bis 01.01.2020" in w for w in result.warnings)


def test_data_without_ladestand_keep_naming_no_vintage():
    result = evaluate(agreement(K2), Data().k2().store, as_of="2026-06")
    assert result.data_vintage is None and k2(result).status == "erreicht"


# ---------------------------------------------------------------- the command line


def csv_of(data: Data, path):
    lines = ["traeger;reihe;gruppe;monat;wert;ladestand"]
    for o in data.store.observations():
        lines.append(f"{o.agency};{o.series};{o.group};{o.month};{o.value};{o.data_vintage or ''}")
    return write(path, "\n".join(lines) + "\n")


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_cli_interim_as_of_june_names_the_june_vintage(leer_path):
    result = run("evaluate", str(leer_path), "--as-of", "2026-06")
    assert result.exit_code == 0, result.output
    assert "Ladestand: 05.07.2026, Vergleichsjahr 05.07.2025 (gleicher Ladestand)" in result.output


def test_cli_ladestand_sets_the_vintage_for_evaluate_explain_and_draft(tmp_path):
    ziel = write(tmp_path / "test.ziel", agreement(K2).source_text)
    data = csv_of(revised_data(), tmp_path / "daten.csv")
    result = run("evaluate", str(ziel), "--data", str(data), "--as-of", "2026-06", "--ladestand", "2026-08-31")
    assert result.exit_code == 0, result.output
    assert "Ladestand: 05.08.2026, Vergleichsjahr 05.08.2025 (gleicher Ladestand)" in result.output
    assert "+5,9 %" in result.output
    explained = run("explain", str(ziel), "2", "--data", str(data), "--as-of", "2026-06", "--ladestand", "2026-08-31")
    assert explained.exit_code == 0, explained.output
    assert "Stand: Juni 2026 (vorläufig), Ladestand 05.08.2026" in explained.output
    assert "2026-01  integrationen (gesamt) = 108, Ladestand 2026-08-05" in explained.output
    drafted = run("draft", str(ziel), "--data", str(data), "--ladestand", "2026-08-31")
    assert drafted.exit_code == 0, drafted.output
    assert "Ladestand 5. August 2026" in drafted.stdout


@pytest.mark.parametrize("text, message", [("05.08.2026", "hier 2026-08-05"),
                                           ("2026-02-30", "Diesen Tag gibt es im Kalender nicht"),
                                           ("August", "JJJJ-MM-TT")])
def test_cli_a_wrong_ladestand_is_a_usage_error(leer_path, text, message):
    for command in (["evaluate", str(leer_path)], ["explain", str(leer_path), "2"], ["draft", str(leer_path)]):
        result = run(*command, "--ladestand", text)
        assert result.exit_code == 2 and "--ladestand" in result.output and message in result.output
        assert "Traceback" not in result.output


def test_cli_help_explains_the_ladestand_option():
    for command in ("evaluate", "explain", "draft"):
        result = run(command, "--help")
        assert "--ladestand JJJJ-MM-TT" in result.output and "zuerst geliefert" in result.output

