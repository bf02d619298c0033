"""Every user-visible output for the bundled agreements and a generated national set, written to a folder.

    .venv/bin/python benchmarks/outputs.py OUT [--agencies 12]
    diff -r OUT-before OUT-after          # after a change that must not change any output

Used to prove that a speed change is a pure speed change: record the outputs before,
change the code, record again, compare byte for byte. Written through the CLI (click's
CliRunner, exactly as a user gets them) and `zieldsl.api.render_document`:

* `vereinbarungen/*.ziel` with their data and evidence, at the default month and at
  2026-03 and 2026-06: `evaluate` (text and `--json`), `explain` of every target, and
  drafts (every kind as Markdown and HTML);
* a generated national set (`generate.national`, `--agencies` agencies) twice: complete,
  and with every 41st data row removed (missing months, missing groups): `evaluate`
  over all agreements (text with the overview, and `--json`), `explain` of every target of
  the first three agencies, and the Feststellung of every agency as Markdown and HTML.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from click.testing import CliRunner

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import national  # noqa: E402

from zieldsl.api import evaluate_files, load_agreements, render_document  # noqa: E402
from zieldsl.cli.main import main  # noqa: E402

MONTHS = (None, "2026-03", "2026-06")
KINDS = ("feststellung", "zwischenbericht", "vereinbarung")


def _cli(args: list[str]) -> bytes:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return f"exit {result.exit_code}\n".encode() + result.stdout_bytes


def _write(out: Path, name: str, body: bytes) -> None:
    path = out / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)


def _drafts(out: Path, prefix: str, results, kinds=KINDS) -> None:
    for result in results:
        for kind in kinds:
            for output_format in ("md", "html"):
                body = render_document(result, kind, output_format)
                _write(out, f"{prefix}/{result.agreement_id}.{kind}.{output_format}", body)


def bundled(out: Path) -> None:
    for agreement in sorted((REPO / "vereinbarungen").glob("*.ziel")):
        stem = agreement.stem
        for month in MONTHS:
            extra = ["--as-of", month] if month else []
            tag = f"{stem}/{month or 'standard'}"
            _write(out, f"{tag}/evaluate.txt", _cli(["evaluate", str(agreement), *extra]))
            _write(out, f"{tag}/evaluate.json", _cli(["evaluate", str(agreement), "--json", *extra]))
            for checked in load_agreements(agreement):
                for flat in checked.targets:
                    _write(out, f"{tag}/explain-{flat.target.id}.txt",
                           _cli(["explain", str(agreement), flat.target.id, *extra]))
            _drafts(out, tag, evaluate_files([agreement], as_of=month))


def national_set(out: Path, folder: Path, agencies: int) -> None:
    _csv, agreements, _rows = national(folder / "voll", agencies)
    agreements = [p.relative_to(folder) for p in agreements]
    holes = folder / "luecken"
    holes.mkdir(parents=True, exist_ok=True)
    lines = (folder / "voll" / "national.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (holes / "national.csv").write_text(lines[0] + "".join(l for i, l in enumerate(lines[1:]) if i % 41 != 40),
                                        encoding="utf-8")
    for tag, data in (("national-voll", Path("voll/national.csv")), ("national-luecken", Path("luecken/national.csv"))):
        paths = [str(p) for p in agreements]
        base = ["--data", str(data)]
        _write(out, f"{tag}/evaluate.txt", _cli(["evaluate", *paths, *base]))
        _write(out, f"{tag}/evaluate.json", _cli(["evaluate", *paths, *base, "--json"]))
        for agreement in agreements[:3]:
            for checked in load_agreements(agreement):
                for flat in checked.targets:
                    _write(out, f"{tag}/{agreement.stem}/explain-{flat.target.id}.txt",
                           _cli(["explain", str(agreement), flat.target.id, *base]))
        results = evaluate_files(agreements, [data], evidence_paths=[])
        _drafts(out, tag, results, kinds=("feststellung",))


def main_(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--agencies", type=int, default=12)
    args = parser.parse_args(argv)
    import tempfile

    args.out.mkdir(parents=True, exist_ok=True)
    bundled(args.out)
    out = args.out.resolve()
    with tempfile.TemporaryDirectory(prefix="zieldsl-outputs-") as temp:
        os.chdir(temp)  # relative paths: the outputs name the files, and must not name a random folder
        national_set(out, Path("."), args.agencies)
    count = sum(1 for p in args.out.rglob("*") if p.is_file())
    print(json.dumps({"files": count}))
    return 0


if __name__ == "__main__":
    sys.exit(main_(sys.argv[1:]))
