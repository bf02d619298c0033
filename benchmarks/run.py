"""zieldsl benchmarks: how fast, how much memory, against which floor.

    .venv/bin/python benchmarks/run.py            # full run (several minutes)
    .venv/bin/python benchmarks/run.py --quick    # smoke variant (well under a minute)
    .venv/bin/python benchmarks/run.py --nur kalt,parse   # only some parts

Prints one table: the median of several runs and the peak memory (maximum resident
set size of the measuring process) of

* cold start `zieldsl check vereinbarungen/leer-2026.ziel` against the floor of
  starting Python and importing lark, both as subprocesses, plus the heavy modules
  `check` imports (it must not import networkx, jinja2, docxtpl);
* parse + check of generated agreements with 100, 1.000 and 10.000 targets (time per
  target shows whether growth is linear);
* national scale: 404 agencies × 25 months × every raw series of the standard
  catalogue × 3 groups in one CSV, one agreement per agency (Leer's, with the
  agency's kennung), judged together through `zieldsl.api.evaluate_files`;
  the floor is a bare hand-written loop that reads the same CSV and computes the
  K2 and K3 year-end verdicts; both verdicts are compared agency by agency;
* drafting 404 HTML judgements (Feststellungen) through `zieldsl.documents.output`;
* the Land's year from the command line: `zieldsl bericht` (Landesübersicht) and
  `zieldsl draft … -o ORDNER/` (every Feststellung, overview, index) for a Land of 15 Kreise
  and for all 404 agencies, each a fresh process, wall and CPU time;
* a 50 MB CSV loaded by `zieldsl.inputs.csv_reader.load_data` (time and peak memory);
* the language service (`zieldsl.service`) as an editor uses it on every keystroke: a new
  snapshot of the text with one character changed, then its diagnostics, outline, hover,
  completion and quick fixes, on the Leer agreement and on a generated 1.000-target
  agreement; for Leer also judging the draft against the data beside it (data cached).

Every measurement runs in a fresh worker process (`run.py --worker …`), so each
peak-memory figure belongs to that measurement alone. Subprocesses get
byte-compiled modules (as an installed zieldsl has them; the byte code goes to a
temporary folder, not into the source tree) and a temporary grammar cache, which
the first (unmeasured) run fills. The goals are printed beside the figures.
No timing is asserted in the test suite; this script is where the figures live.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LEER = REPO / "vereinbarungen" / "leer-2026.ziel"
HEAVY_MODULES = ("networkx", "jinja2", "docxtpl", "docx", "babel", "yaml", "markupsafe", "hypothesis", "lxml")

sys.path.insert(0, str(HERE))


# ---------------------------------------------------------------- helpers


def python() -> str:
    return sys.executable


def zieldsl_command() -> list[str]:
    """The installed `zieldsl` console script beside this Python, else `python -m zieldsl`.

    With PYTHONPATH set (measuring another checkout, e.g. the state before a change) it is
    `python -m zieldsl`, so that the code on that path runs, not the installed script's.
    """
    script = Path(python()).with_name("zieldsl")
    use_script = script.exists() and not os.environ.get("PYTHONPATH")
    return [str(script)] if use_script else [python(), "-m", "zieldsl"]


def child_env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    env["ZIELDSL_CACHE"] = str(workdir / "cache")
    env["PYTHONHASHSEED"] = "0"
    return env


def run_measured(command: list[str], env: dict[str, str], cwd: Path = REPO) -> tuple[float, int, bytes, bytes]:
    """Run `command`; wall seconds, peak RSS in KiB (os.wait4), stdout, stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode not in (0,):
        raise RuntimeError(f"{command} endete mit {process.returncode}:\n{stderr.decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss, stdout, stderr


def worker(name: str, args: list[str], env: dict[str, str]) -> dict:
    """Run `run.py --worker name args…` and return its JSON line (plus its peak RSS)."""
    _elapsed, peak, stdout, _stderr = run_measured([python(), str(Path(__file__)), "--worker", name, *args], env)
    data = json.loads(stdout.decode().strip().splitlines()[-1])
    data["peak_kib"] = peak
    return data


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def german(value: float, places: int = 2) -> str:
    text = f"{value:,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def mib(kib: int) -> str:
    return f"{german(kib / 1024, 0)} MiB"


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def add(self, what: str, median: str, memory: str = "", goal: str = "", verdict: str = "") -> None:
        self.rows.append((what, median, memory, goal, verdict))
        print(f"  … {what}: {median} {memory} {verdict}", file=sys.stderr, flush=True)

    def render(self) -> str:
        header = ("Messung", "Median", "Spitze RSS", "Ziel", "erfüllt")
        widths = [max(len(r[i]) for r in self.rows + [header]) for i in range(5)]
        line = "  ".join("{:<%d}" % w for w in widths)
        out = [line.format(*header), line.format(*("-" * w for w in widths))]
        out += [line.format(*row) for row in self.rows]
        return "\n".join(out)


def machine() -> str:
    model = "?"
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                model = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        load = "?"
    import lark

    return (f"Rechner: {os.cpu_count()} CPUs (nproc), {model}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()} ({platform.python_implementation()}); lark {lark.__version__}; "
            f"Last (loadavg) beim Start: {load}")


# ---------------------------------------------------------------- workers (run in fresh processes)


def worker_parse(targets: int, runs: int) -> dict:
    from generate import agreement_text

    from zieldsl.api import check_text
    from zieldsl.language.parser import lark_parser

    from lark import Lark

    from zieldsl.resources import grammar_path

    OPTIONS = {"parser": "lalr", "lexer": "contextual", "propagate_positions": True, "maybe_placeholders": True}

    text = agreement_text(targets)
    check_text(agreement_text(3))  # grammar and catalogue loaded: measure the file, not the start
    times = timed(lambda: check_text(text, "gross.ziel"), runs)
    plain = Lark(grammar_path().read_text(encoding="utf-8"), **OPTIONS)  # Lark as it comes, same options
    plain.parse(agreement_text(3))
    lark_times = timed(lambda: plain.parse(text), max(1, runs // 2))
    tree_times = timed(lambda: lark_parser().parse(text), 1)
    return {"times": times, "lark_own": statistics.median(lark_times), "lark_only": tree_times[0],
            "chars": len(text)}


def _verdicts(results) -> dict[str, dict[str, str]]:
    """agency key → {"K2": status, "K3": status} of the judged gesamt conditions."""
    out = {}
    for result in results:
        found = {}
        for target in result.targets:
            for condition in target.conditions:
                if condition.group == "gesamt" and condition.indicator in ("K2", "K3"):
                    found.setdefault(condition.indicator, condition.status)
        out[result.agency_key] = found
    return out


def worker_national(folder: str, cache: str) -> dict:
    """One `evaluate_files` over the national agreements and CSV in a fresh process, as a user runs
    it: with the agreement cache `cache` (or `aus`); its time, verdicts and (in `peak_kib`) memory."""
    from zieldsl.api import evaluate_files
    import zieldsl.evaluation.engine  # noqa: F401 - imported before the clock starts, as the floor's modules
    import zieldsl.evaluation.judging_pool  # noqa: F401
    import zieldsl.inputs.csv_split  # noqa: F401

    folder_path = Path(folder)
    os.environ["ZIELDSL_CACHE"] = cache
    start = time.perf_counter()
    results = evaluate_files(sorted(folder_path.glob("jc-*.ziel")), [folder_path / "national.csv"], evidence_paths=[])
    return {"time": time.perf_counter() - start, "verdicts": _verdicts(results), "agencies": len(results)}


def worker_national_parts(folder: str) -> dict:
    """The national run split into its parts (one run each, as `evaluate_files` does them): agreements
    (parsed in worker processes), data, judging."""
    from zieldsl.collector import young_collections_only
    from zieldsl.inputs.csv_reader import load_data
    from zieldsl.evaluation.engine import evaluate
    from zieldsl.evaluation.from_files import load_agreement_files

    folder_path = Path(folder)
    agreements = sorted(folder_path.glob("jc-*.ziel"))
    import tracemalloc

    start = time.perf_counter()
    checked = [c for _path, group in load_agreement_files(agreements) for c in group]
    parsed = time.perf_counter()
    catalog = checked[0].catalog
    store = load_data([folder_path / "national.csv"], sorted(catalog.series), sorted(catalog.indicators))
    loaded = time.perf_counter()
    with young_collections_only():
        for item in checked:
            evaluate(item, store, None, None, [])
    judged = time.perf_counter()
    store = None
    tracemalloc.start()  # the store's own size: traced memory of a second load, after the caches are warm
    before = tracemalloc.get_traced_memory()[0]
    store = load_data([folder_path / "national.csv"], sorted(catalog.series), sorted(catalog.indicators))
    size = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return {"agreements": parsed - start, "data": loaded - parsed, "judging": judged - loaded,
            "bytes_per_value": size / len(store)}


def worker_agreement_cache(folder: str, runs: int) -> dict:
    """`load_agreement_files` over the national agreements without the cache of checked agreements,
    with an empty one (checked and written) and with a full one, alternating; wall seconds per run."""
    from zieldsl.evaluation.from_files import load_agreement_files

    agreements = sorted(Path(folder).glob("jc-*.ziel"))
    times: dict[str, list[float]] = {"off": [], "cold": [], "warm": []}
    with tempfile.TemporaryDirectory(prefix="zieldsl-vcache-") as temp:
        warm = str(Path(temp) / "warm")
        os.environ["ZIELDSL_CACHE"] = warm
        load_agreement_files(agreements)  # fills the warm cache (and this process's parser), not measured
        for run in range(runs):
            for mode in times:
                folder = {"off": "aus", "cold": str(Path(temp) / f"leer-{run}"), "warm": warm}[mode]
                os.environ["ZIELDSL_CACHE"] = folder
                start = time.perf_counter()
                load_agreement_files(agreements)
                times[mode].append(time.perf_counter() - start)
        size = sum(p.stat().st_size for p in Path(warm).rglob("*.pickle"))
    return {"times": times, "bytes": size}


def bare_loop(csv_path: Path) -> dict[str, dict[str, str]]:
    """The floor: K2 and K3 year-end verdicts (target 2026 vs 2025) by a hand-written loop.

    K2 = 100 × Σ integrationen(Jan…Dec) / mean elb(Dec of the year before … Nov);
    K3 = mean lzb(Jan…Dec); change = (this year / last year − 1) × 100, rounded half
    up to one decimal; K2 erreicht when ≥ 5,8, K3 when ≤ −2,3 (Leer's targets). Each
    value has one vintage in this data, so no vintage logic is needed.
    """
    wanted = {"integrationen": {}, "elb": {}, "lzb": {}}
    with open(csv_path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter=";")
        next(rows)
        for key, series, group, month, value, _vintage in rows:
            if group == "gesamt" and series in wanted:
                wanted[series].setdefault(key, {})[month] = int(value)

    def k2(key: str, year: int) -> Fraction:
        integrations = wanted["integrationen"][key]
        stock = wanted["elb"][key]
        total = sum(integrations[f"{year}-{m:02d}"] for m in range(1, 13))
        previous = [f"{year - 1}-12"] + [f"{year}-{m:02d}" for m in range(1, 12)]
        return 100 * Fraction(total) / (Fraction(sum(stock[m] for m in previous)) / 12)

    def k3(key: str, year: int) -> Fraction:
        stock = wanted["lzb"][key]
        return Fraction(sum(stock[f"{year}-{m:02d}"] for m in range(1, 13))) / 12

    def rounded(change: Fraction) -> Fraction:
        magnitude = abs(change) * 10
        whole = int(magnitude) + (1 if magnitude - int(magnitude) >= Fraction(1, 2) else 0)
        return Fraction(-whole if change < 0 else whole, 10)

    verdicts = {}
    for key in wanted["integrationen"]:
        change2 = rounded((k2(key, 2026) / k2(key, 2025) - 1) * 100)
        change3 = rounded((k3(key, 2026) / k3(key, 2025) - 1) * 100)
        verdicts[key] = {"K2": "erreicht" if change2 >= Fraction(58, 10) else "nicht_erreicht",
                         "K3": "erreicht" if change3 <= Fraction(-23, 10) else "nicht_erreicht"}
    return verdicts


def worker_bare(folder: str, runs: int) -> dict:
    path = Path(folder) / "national.csv"
    verdicts = None

    def run():
        nonlocal verdicts
        verdicts = bare_loop(path)

    times = timed(run, runs)
    return {"times": times, "verdicts": verdicts}


def worker_drafts(folder: str, runs: int) -> dict:
    from zieldsl.api import evaluate_files
    from zieldsl.documents.output import render_document, write_atomic

    folder_path = Path(folder)
    agreements = sorted(folder_path.glob("jc-*.ziel"))
    results = evaluate_files(agreements, [folder_path / "national.csv"], evidence_paths=[])
    out = folder_path / "entwuerfe"
    out.mkdir(exist_ok=True)

    def run():
        for result in results:
            body = render_document(result, "feststellung", "html")
            write_atomic(out / f"{result.agency_key}.feststellung.html", body)

    times = timed(run, runs)
    return {"times": times, "documents": len(results), "bytes": sum(p.stat().st_size for p in out.iterdir())}


def worker_bigcsv(path: str) -> dict:
    from zieldsl.language.catalog import standard_catalog
    from zieldsl.inputs.csv_reader import load_data
    from zieldsl.diagnostics import ZielError

    catalog = standard_catalog()
    start = time.perf_counter()
    try:
        store = load_data([path], sorted(catalog.series), sorted(catalog.indicators))
        outcome = f"{len(store)} Werte geladen"
    except ZielError as err:
        outcome = "abgelehnt: " + err.diagnostics[0].message
    return {"times": [time.perf_counter() - start], "outcome": outcome}


def worker_service(which: str, runs: int) -> dict:
    """Editor answers per keystroke: each run edits one character and asks a fresh snapshot."""
    from generate import agreement_text

    from zieldsl.service import Position, analyse

    if which == "leer":
        text, path, needle = LEER.read_text(encoding="utf-8"), LEER, "K2 steigt um 5,8 %"
    else:
        text, path, needle = agreement_text(int(which)), None, "K2 steigt um"
    at = text.index(needle)
    spot = text.rfind("\n", 0, at) + 1
    where = analyse(text).lines.position(at)
    analyse(text).problems  # grammar, catalogue and parser tables loaded: measure the text, not the start
    variants = [text[:spot] + text[spot:].replace(needle, needle.replace("um", "um "), 1) if i % 2 else text
                for i in range(runs)]

    questions = {}
    if path is not None:
        analyse(text, path).judged  # data loaded once, as the editor keeps them
        questions["judge"] = lambda s: s.judged
    questions |= {
        "outline": lambda s: s.outline(),
        "hover": lambda s: s.hover(Position(where.line, where.character + 1)),
        "completion": lambda s: s.completions(Position(where.line, where.character + 3)),
        "fixes": lambda s: s.quick_fixes(),
        "format": lambda s: s.formatted(),
    }
    result = {"chars": len(text), "diagnostics": [], **{key: [] for key in questions}}
    for variant in variants:
        # as the language server does: a new text is checked first (diagnostics are pushed) …
        start = time.perf_counter()
        snapshot = analyse(variant, path)
        snapshot.problems
        result["diagnostics"].append(time.perf_counter() - start)
        # … then the editor asks about that same text
        for key, question in questions.items():
            start = time.perf_counter()
            question(snapshot)
            result[key].append(time.perf_counter() - start)
    return result


def bench_service(table: Table, env: dict[str, str], runs: int) -> None:
    labels = {"diagnostics": "neuer Text: Meldungen (parse + check)",
              "judge": "danach: Bewertung des Entwurfs (Daten zwischengespeichert)",
              "outline": "danach: Gliederung",
              "hover": "danach: Erklärung einer Kennzahl (Hover)", "completion": "danach: Ergänzung",
              "fixes": "danach: Korrekturen", "format": "danach: Formatieren"}
    for which, title in (("leer", "Leer"), ("1000", "1.000 Ziele")):
        result = worker("service", [which, str(max(runs, 5))], env)
        table.add(f"Sprachdienst, {title} ({german(result['chars'] / 1000, 0)} Tsd. Zeichen), je Tastendruck", "",
                  mib(result["peak_kib"]))
        for key, label in labels.items():
            if key not in result:
                continue
            median = statistics.median(result[key])
            goal, verdict = "", ""
            if key == "diagnostics":
                limit = 0.2 if which == "leer" else 1.0
                goal, verdict = f"< {german(limit, 1)} s", "ja" if median < limit else "nein"
            table.add(f"  … {label}", f"{german(median * 1000, 0)} ms", "", goal, verdict)


SECTIONS = ("kalt", "parse", "national", "entwuerfe", "land", "csv", "dienst")
WORKERS = {"service": worker_service, "parse": worker_parse, "national": worker_national, "national_parts": worker_national_parts,
           "bare": worker_bare, "drafts": worker_drafts, "bigcsv": worker_bigcsv,
           "agreement_cache": worker_agreement_cache}


def run_worker(name: str, args: list[str]) -> None:
    converted = [int(a) if a.isdigit() else a for a in args]
    result = WORKERS[name](*converted)
    print(json.dumps(result, ensure_ascii=False))


# ---------------------------------------------------------------- the benchmark


def bench_cold_start(table: Table, env: dict[str, str], runs: int) -> None:
    check = [*zieldsl_command(), "check", str(LEER.relative_to(REPO))]
    floor = [python(), "-c", "import lark"]
    bare = [python(), "-c", "pass"]
    first_time, first_peak, _o, _e = run_measured(check, env)  # empty caches: byte code and grammar
    run_measured(floor, env)
    # interleaved, so that the virtual machine's drifting speed touches each command alike; the
    # ratio is the median of the ratios of neighbouring runs
    commands = {"floor": floor, "check": check, "python": bare}
    samples: dict[str, list] = {label: [] for label in commands}
    for _ in range(max(runs, 9)):
        for label, command in commands.items():
            samples[label].append(run_measured(command, env))
    measured = {label: (statistics.median(s[0] for s in got), max(s[1] for s in got)) for label, got in samples.items()}
    floor_time, check_time = measured["floor"][0], measured["check"][0]
    ratio = statistics.median(c[0] / f[0] for c, f in zip(samples["check"], samples["floor"]))
    table.add("Python starten (nur zum Vergleich)", f"{german(measured['python'][0], 3)} s", mib(measured["python"][1]))
    table.add("Boden: Python + import lark", f"{german(floor_time, 3)} s", mib(measured["floor"][1]))
    table.add("zieldsl check leer-2026.ziel (kalt)", f"{german(check_time, 3)} s", mib(measured["check"][1]),
              "≤ 1,6 × Boden", f"{'ja' if ratio <= 1.6 else 'nein'} ({german(ratio, 2)} ×)")
    table.add("  … allererster Start (Caches leer)", f"{german(first_time, 3)} s", mib(first_peak))
    # what `check` imports
    _t, _p, _out, err = run_measured([python(), "-X", "importtime", *check[1:]] if check[0] == python()
                                     else [python(), "-X", "importtime", "-m", "zieldsl", *check[1:]], env)
    modules = {line.split("|")[-1].strip() for line in err.decode(errors="replace").splitlines()
               if line.startswith("import time:")}
    heavy = sorted({m.split(".")[0] for m in modules if m.split(".")[0] in HEAVY_MODULES})
    table.add("  … schwere Module, die check importiert", ", ".join(heavy) if heavy else "keine", "",
              "kein networkx/jinja2/docxtpl",
              "ja" if not {"networkx", "jinja2", "docxtpl"} & set(heavy) else "nein")
    light = sorted({m.split(".")[0] for m in modules} & {"click", "lark"})
    table.add("  … click, lark beim Prüfen geladen", ", ".join(light) if light else "keines", "", "keines",
              "ja" if not light else "nein")


def bench_parse(table: Table, env: dict[str, str], sizes: list[int], runs: int) -> None:
    per_target = {}
    for size in sizes:
        result = worker("parse", [str(size), str(runs if size < 10_000 else max(1, runs // 2))], env)
        median = statistics.median(result["times"])
        per_target[size] = median / size
        ratio = median / result["lark_own"]
        goal, verdict = ("≤ 1,3 × Lark", f"{'ja' if ratio <= 1.3 else 'nein'} ({german(ratio, 2)} ×)") \
            if size == max(sizes) else ("", f"({german(ratio, 2)} ×)")
        table.add(f"parse + check, {german(size, 0)} Ziele", f"{german(median, 3)} s", mib(result["peak_kib"]),
                  goal, verdict)
        table.add(f"  … je Ziel ({german(size, 0)} Ziele)", f"{german(median / size * 1e6, 0)} µs")
        table.add("  … Lark selbst (Lark(…).parse, nur Baum)", f"{german(result['lark_own'], 3)} s")
        if size == max(sizes):
            table.add("  … davon zieldsls Parser (nur Baum, 1 Lauf)", f"{german(result['lark_only'], 3)} s")
    smallest, largest = min(sizes), max(sizes)
    growth = per_target[largest] / per_target[smallest]
    table.add("  … Wachstum je Ziel (größte / kleinste)", f"{german(growth, 2)} ×", "", "≈ 1 (linear)",
              "ja" if growth < 1.5 else "nein")


def bench_national(table: Table, env: dict[str, str], folder: Path, agencies: int, runs: int) -> None:
    from generate import national

    start = time.perf_counter()
    _csv, _agreements, rows = national(folder, agencies)
    size = (folder / "national.csv").stat().st_size
    table.add(f"Daten erzeugt: {german(agencies, 0)} Träger, {german(rows, 0)} Zeilen, "
              f"{german(size / 1e6, 1)} MB", f"{german(time.perf_counter() - start, 1)} s")
    # fresh processes, the floor and zieldsl by turns, so that the virtual machine's drifting speed
    # touches both alike; the ratio is the median of the ratios of neighbouring runs
    cache = str(folder.parent / "national-cache")
    uncached = worker("national", [str(folder), "aus"], env)
    filling = worker("national", [str(folder), cache], env)
    floors, ours_runs = [], []
    for _ in range(runs):
        floors.append(worker("bare", [str(folder), "1"], env))
        ours_runs.append(worker("national", [str(folder), cache], env))
    parts = worker("national_parts", [str(folder)], env)
    floor, zieldsl = floors[-1], ours_runs[-1]
    floor_time = statistics.median(f["times"][0] for f in floors)
    ours = statistics.median(r["time"] for r in ours_runs)
    ratio = statistics.median(r["time"] / f["times"][0] for r, f in zip(ours_runs, floors))
    peak = max(r["peak_kib"] for r in ours_runs)
    table.add("Boden: handgeschriebene Schleife (K2/K3)", f"{german(floor_time, 2)} s", mib(floor["peak_kib"]))
    table.add(f"evaluate_files, {german(agencies, 0)} Vereinbarungen (Urteile), Vereinbarungen aus dem Cache",
              f"{german(ours, 2)} s", mib(peak), "≤ 5 × Boden", f"{'ja' if ratio <= 5 else 'nein'} ({german(ratio, 1)} ×)")
    table.add("  … dasselbe ohne Cache (ZIELDSL_CACHE=aus: jede Vereinbarung geparst und geprüft)",
              f"{german(uncached['time'], 2)} s", mib(uncached["peak_kib"]), "",
              f"{german(uncached['time'] / floor_time, 1)} ×")
    table.add("  … dasselbe, Cache leer (prüfen und speichern)", f"{german(filling['time'], 2)} s")
    table.add("  … Vereinbarungen lesen und prüfen", f"{german(parts['agreements'], 2)} s")
    table.add("  … CSV laden und prüfen", f"{german(parts['data'], 2)} s")
    table.add("  … bewerten (Graph, Kennzahlen, Begründungen)", f"{german(parts['judging'], 2)} s")
    table.add("  … Werte im Speicher", f"{german(parts['bytes_per_value'], 0)} B je Wert", "", "≤ 60 B je Wert",
              "ja" if parts["bytes_per_value"] <= 60 else "nein")
    table.add("  … Spitze RSS bundesweit (größter der Läufe, je ein Prozess)", mib(peak), "", "≤ 200 MiB",
              "ja" if peak <= 200 * 1024 else "nein")
    # everything a user asks for, as a user runs it: a fresh `zieldsl evaluate --json` process
    agreements = sorted(str(p.relative_to(folder)) for p in folder.glob("jc-*.ziel"))
    command = [*zieldsl_command(), "evaluate", *agreements, "--daten", "national.csv", "--json"]
    run_cpu_measured(command, env, folder)  # byte code and grammar cache filled, not measured
    samples = [run_cpu_measured(command, env, folder) for _ in range(max(1, min(runs, 3)))]
    wall = statistics.median(s[0] for s in samples)
    cpu = statistics.median(s[1] for s in samples)
    table.add(f"zieldsl evaluate --json, {german(agencies, 0)} Vereinbarungen (mit Begründungen)",
              f"{german(wall, 2)} s (CPU {german(cpu, 1)} s)", mib(max(s[2] for s in samples)), "< 15 s",
              "ja" if wall < 15 else "nein")
    same = sum(1 for key, verdict in floor["verdicts"].items() if zieldsl["verdicts"].get(key) == verdict)
    counts = defaultdict(int)
    for verdict in floor["verdicts"].values():
        for code, status in verdict.items():
            counts[f"{code} {status}"] += 1
    spread = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
    table.add("  … Urteile K2/K3 gleich wie Boden", f"{same}/{len(floor['verdicts'])}", "", "alle",
              "ja" if same == len(floor["verdicts"]) == zieldsl["agencies"] else "nein")
    table.add(f"  … Verteilung ({spread})", "")
    bench_agreement_cache(table, env, folder, runs)


def bench_agreement_cache(table: Table, env: dict[str, str], folder: Path, runs: int) -> None:
    """The agreements part of a national run: without the cache of checked agreements, empty, full."""
    result = worker("agreement_cache", [str(folder), str(max(3, runs))], env)
    off, cold, warm = (statistics.median(result["times"][mode]) for mode in ("off", "cold", "warm"))
    table.add("  … Vereinbarungen lesen und prüfen, ohne Cache (ZIELDSL_CACHE=aus)", f"{german(off, 2)} s")
    table.add("  … dieselben, Cache leer (prüfen und speichern)", f"{german(cold, 2)} s")
    table.add("  … dieselben aus dem Cache", f"{german(warm, 2)} s", "", "≤ 0,3 s",
              f"{'ja' if warm <= 0.3 else 'nein'} ({german(off / warm, 1)} × schneller, "
              f"{german(result['bytes'] / 1e6, 0)} MB Cache)")


def bench_drafts(table: Table, env: dict[str, str], folder: Path, runs: int, agencies: int) -> None:
    try:
        result = worker("drafts", [str(folder), str(runs)], env)
    except RuntimeError as exc:
        table.add(f"{german(agencies, 0)} Feststellungen als HTML", "Fehler", "", "< 10 s", "nein")
        print(exc, file=sys.stderr)
        return
    median = statistics.median(result["times"])
    table.add(f"{german(result['documents'], 0)} Feststellungen als HTML entwerfen", f"{german(median, 2)} s",
              mib(result["peak_kib"]), "< 10 s", "ja" if median < 10 else "nein")
    table.add("  … je Dokument", f"{german(median / result['documents'] * 1000, 1)} ms")


def run_cpu_measured(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int]:
    """Run `command`; wall seconds, CPU seconds (user + system, children included) and peak RSS in KiB.

    On a shared machine the wall time depends on the others' load; the CPU time is what the run
    itself costs (for one process: about the wall time on an idle machine).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            raise RuntimeError(f"{command[:3]} endete mit {code}:\n{err.read().decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def bench_land(table: Table, env: dict[str, str], workdir: Path, runs: int, agencies: int) -> None:
    """The Land's year from the command line, as a ministry runs it (fresh processes).

    A Land of 15 Kreise and then every agency at once: `zieldsl bericht` (the Landesübersicht) and
    `zieldsl draft … -o ORDNER/` (agreements and the national CSV read, all judged, one Feststellung
    per agency, the overview and the index page, written all or nothing). Wall and CPU time.
    """
    from generate import national

    for label, count in (("Land, 15 Kreise", 15), (f"bundesweit, {german(agencies, 0)} Träger", agencies)):
        folder = workdir / f"land-{count}"
        national(folder, count)
        agreements = sorted(str(p.relative_to(folder)) for p in folder.glob("jc-*.ziel"))
        base = [*zieldsl_command()]
        commands = {
            "bericht": [*base, "bericht", *agreements, "--data", "national.csv", "-o", "landesuebersicht.html"],
            "draft": [*base, "draft", *agreements, "--data", "national.csv", "-o", "entwuerfe/"],
            "draft-md": [*base, "draft", *agreements, "--data", "national.csv", "--format", "md", "-o", "md/"],
        }
        run_cpu_measured(commands["bericht"], env, folder)  # byte code and grammar cache filled, not measured
        samples = {name: [run_cpu_measured(command, env, folder) for _ in range(runs)]
                   for name, command in commands.items()}
        written = len([p for p in (folder / "entwuerfe").iterdir() if p.suffix == ".html"]) - 2
        goal = "wenige Sekunden" if count == 15 else "deutlich < 60 s"
        for name, what in (("bericht", "Landesübersicht (bericht, HTML)"),
                           ("draft", f"{written} Feststellungen HTML + Übersicht + Startseite (draft)"),
                           ("draft-md", f"dasselbe als Markdown (draft --format md)")):
            wall = statistics.median(s[0] for s in samples[name])
            cpu = statistics.median(s[1] for s in samples[name])
            peak = max(s[2] for s in samples[name])
            idle = cpu / 2 if name != "bericht" else cpu  # draft renders in one process per core (2 here)
            ok = idle < 10 if count == 15 else idle < 45
            table.add(f"{label}: {what}", f"{german(wall, 1)} s (CPU {german(cpu, 1)} s)", mib(peak),
                      goal if name == "draft" else "", ("ja" if ok else "nein") if name == "draft" else "")
        shutil.rmtree(folder, ignore_errors=True)


def bench_bigcsv(table: Table, env: dict[str, str], folder: Path, megabytes: int) -> None:
    from generate import write_csv_of_size

    path = folder / "gross.csv"
    write_csv_of_size(path, megabytes)
    result = worker("bigcsv", [str(path)], env)
    table.add(f"CSV mit {german(path.stat().st_size / 1e6, 0)} MB laden ({result['outcome']})",
              f"{german(result['times'][0], 2)} s", mib(result["peak_kib"]),
              "begrenzter Speicher oder klare Ablehnung")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="kleiner und schneller (Rauchtest)")
    parser.add_argument("--runs", type=int, default=None, help="Läufe je Messung (Median)")
    parser.add_argument("--nur", default=",".join(SECTIONS),
                        help=f"nur diese Teile, durch Kommas getrennt (Standard: {','.join(SECTIONS)})")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        run_worker(args.worker[0], args.worker[1:])
        return 0
    quick = args.quick
    runs = args.runs or (3 if quick else 5)
    agencies = 40 if quick else 404
    sizes = [100, 1000] if quick else [100, 1000, 10_000]
    print(machine())
    print(f"Modus: {'--quick' if quick else 'voll'}; {runs} Läufe je Messung (Median); Spitze RSS = größter "
          "Arbeitsspeicher des messenden Prozesses.")
    if quick:
        print("Rauchtest: kleinere Eingaben (40 Träger, 5 MB); die Ziele gelten für den vollen Lauf.")
    table = Table()
    with tempfile.TemporaryDirectory(prefix="zieldsl-bench-") as temp:
        workdir = Path(temp)
        env = child_env(workdir)
        started = time.perf_counter()
        wanted = {part.strip() for part in args.nur.split(",")}
        unknown = wanted - set(SECTIONS)
        if unknown:
            parser.error(f"unbekannte Teile: {', '.join(sorted(unknown))}")
        if "kalt" in wanted:
            bench_cold_start(table, env, max(runs, 5) if not quick else runs)
        if "parse" in wanted:
            bench_parse(table, env, sizes, runs)
        national_dir = workdir / "national"
        if "national" in wanted:
            bench_national(table, env, national_dir, agencies, max(1, runs // 2) if not quick else 1)
        if "entwuerfe" in wanted:
            if not (national_dir / "national.csv").exists():
                from generate import national

                national(national_dir, agencies)
            bench_drafts(table, env, national_dir, 1, agencies)
        if "land" in wanted:
            bench_land(table, env, workdir, 1 if quick else 3, agencies)
        if "csv" in wanted:
            bench_bigcsv(table, env, workdir, 5 if quick else 50)
        if "dienst" in wanted:
            bench_service(table, env, runs)
        shutil.rmtree(national_dir, ignore_errors=True)
    print()
    print(table.render())
    print()
    print(f"Gesamtdauer {german(time.perf_counter() - started, 0)} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
