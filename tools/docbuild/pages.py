"""Docs pages at build time: real messages and real command output, never typed by hand.

The mkdocs hook passes every page through `process_page`. Besides the DSL checks
of `docbuild.examples` it understands three markers (HTML comments on a line
of their own):

    <!-- zieldsl: datei:PFAD -->          before any fenced block: write the block to PFAD
    <!-- zieldsl: datei:PFAD kodierung:latin-1 -->   … in another encoding than UTF-8
    <!-- zieldsl: datei:TABELLE.xlsx -->  … as an Excel workbook (see `write_workbook`)
    <!-- zieldsl: befehl zieldsl ARGS -->  run the command, show it with its output
    <!-- zieldsl: befehl zieldsl ARGS | zeilen 1-40 -->   … only these lines of the output
    <!-- zieldsl: befehl zieldsl ARGS | exit 2 -->        … expecting this exit code
                                           (without it 0 or 1; a usage error is a problem)
    <!-- zieldsl: zeige PFAD [zeilen A-B] -->  show a file the commands wrote
    <!-- zieldsl: zeige PFAD abschnitt TITEL -->  … only the Markdown section with this heading

A marked DSL block that also has `datei:` gets no automatic message block: the page
shows the messages through a `befehl` instead. Other markers on a line of their own
(`katalog`, `fehlercodes`, `module`) are left for the hook.

Commands run in a scratch folder per page that holds a copy of the repository's
`vereinbarungen/` (the bundled example and its data), so a page can write and
break files without touching the checkout. Files and commands run in page order.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import tempfile
from pathlib import Path

from docbuild.examples import _FENCE, MarkerError, extract, layout_problems, problems, rendered_output

_MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*zieldsl:\s*(?P<words>.*?)\s*-->\s*$")
_LANGUAGES = {".md": "markdown", ".json": "json", ".csv": "text", ".yaml": "yaml", ".yml": "yaml",
              ".ziel": "zieldsl", ".html": "html", ".mmd": "text", ".dot": "text", ".txt": "text"}
COLUMNS = "100"


def write_workbook(target: Path, text: str) -> None:
    """A page's table block as an .xlsx file, the way a user's Excel holds it.

    Lines are `;`-separated cells; `[Blatt NAME]` starts a sheet. Cells that look like
    numbers become numbers (`3457`, `5,21`, `-1,8`), so `03457` loses its zero as in
    Excel; a cell written `'03457` stays text (Excel's apostrophe), as does any other text.
    """
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    sheet = None
    for line in text.splitlines():
        heading = re.fullmatch(r"\[Blatt (.+)\]", line.strip())
        if heading:
            sheet = workbook.create_sheet(heading[1])
            continue
        if sheet is None:
            sheet = workbook.create_sheet("Tabelle1")
        sheet.append([_cell(cell) for cell in line.split(";")] if line.strip() else [])
    workbook.save(target)


def _cell(text: str):
    text = text.strip()
    if not text:
        return None
    if text.startswith("'"):
        return text[1:]
    if re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    if re.fullmatch(r"-?[0-9]+,[0-9]+", text):
        return float(text.replace(",", "."))
    return text


class Workspace:
    """A scratch folder with a copy of `vereinbarungen/`, where doc commands run."""

    def __init__(self, repo_root: Path):
        self._tmp = tempfile.TemporaryDirectory(prefix="zieldsl-doku-")
        self.root = Path(self._tmp.name)
        examples = repo_root / "vereinbarungen"
        if examples.is_dir():
            shutil.copytree(examples, self.root / "vereinbarungen")

    def path(self, relative: str) -> Path:
        target = (self.root / relative).resolve()
        if self.root.resolve() not in target.parents:
            raise ValueError(f"Pfad »{relative}« liegt außerhalb des Arbeitsordners")
        return target

    def write(self, relative: str, text: str, encoding: str = "utf-8") -> None:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix.lower() == ".xlsx":
            write_workbook(target, text)
            return
        target.write_bytes(text.encode(encoding))

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def run(self, args: list[str]) -> tuple[str, int, BaseException | None]:
        """Run `zieldsl ARGS` in-process in the workspace: (output, exit code, unexpected exception)."""
        from click.testing import CliRunner

        from zieldsl.cli.main import main

        previous = os.getcwd()
        os.chdir(self.root)
        try:
            result = CliRunner(env={"COLUMNS": COLUMNS, "NO_COLOR": "1"}).invoke(main, args, prog_name="zieldsl")
        finally:
            os.chdir(previous)
        unexpected = result.exception if result.exception and not isinstance(result.exception, SystemExit) else None
        output = result.output.replace(str(self.root) + os.sep, "").replace(str(self.root), ".")
        return output, result.exit_code, unexpected

    def close(self) -> None:
        self._tmp.cleanup()


def _fence_for(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    return "`" * max(3, longest + 1)


def _block(indent: str, lang: str, body: str, title: str | None = None) -> list[str]:
    fence = _fence_for(body)
    head = f"{fence}{lang}" + (f' title="{title}"' if title else "")
    lines = [head, *body.rstrip("\n").splitlines(), fence]
    return [indent + line if line else line for line in lines]


def _command_block(workspace: Workspace, words: str, indent: str, where: str, issues: list[str]) -> list[str]:
    words, *options = words.split(" | ")
    expected_exit = (0, 1)
    selection = ""
    for option in options:
        if re.fullmatch(r"exit \d+", option.strip()):
            expected_exit = (int(option.split()[1]),)
        else:
            selection = option
    argv = shlex.split(words)
    if not argv or argv[0] != "zieldsl":
        issues.append(f"{where}: »befehl« erwartet einen Aufruf von zieldsl, nicht »{words}«")
        return []
    args = []
    for arg in argv[1:]:  # a shell would expand `vereinbarungen/beispielland/*.ziel`: so do we, sorted
        matches = sorted(str(p.relative_to(workspace.root)) for p in Path(workspace.root).glob(arg)) \
            if any(ch in arg for ch in "*?[") else []
        args += matches or [arg]
    output, code, unexpected = workspace.run(args)
    if unexpected is not None:
        issues.append(f"{where}: »{words}« endete mit {type(unexpected).__name__}: {unexpected}")
    if code not in expected_exit:
        issues.append(f"{where}: »{words}« endete mit Exit-Code {code}, erwartet "
                      f"{' oder '.join(map(str, expected_exit))} (sonst »| exit {code}« angeben)")
    output = output.rstrip()
    if selection:
        output = _lines(output, selection.split(), where, issues)
    body = f"$ {words}\n{output}" + (f"\n$ echo $?\n{code}" if code else "")
    return _block(indent, "console", body)


def _lines(text: str, words: list[str], where: str, issues: list[str]) -> str:
    """`zeilen A-B`: lines A to B (counting from 1), with »…« where lines were left out."""
    match = re.fullmatch(r"(\d+)-(\d*)", words[1]) if len(words) == 2 and words[0] == "zeilen" else None
    if match is None:
        issues.append(f"{where}: erwartet »zeilen A-B«, nicht »{' '.join(words)}«")
        return text
    lines = text.rstrip("\n").splitlines()
    first, last = int(match.group(1)), int(match.group(2) or len(lines))
    shown = lines[first - 1:last]
    return "\n".join((["…"] if first > 1 else []) + shown + (["…"] if last < len(lines) else []))


def _section(text: str, title: str, where: str, issues: list[str]) -> str:
    """`abschnitt TITEL`: a Markdown section from its heading to the next heading of the same level."""
    lines = text.splitlines()
    for start, line in enumerate(lines):
        heading = re.match(r"(#+)\s+(.*)", line)
        if heading and heading.group(2).startswith(title):
            level = len(heading.group(1))
            end = next((i for i in range(start + 1, len(lines))
                        if (m := re.match(r"(#+)\s", lines[i])) and len(m.group(1)) <= level), len(lines))
            return "\n".join(["…"] * (start > 0) + lines[start:end]).rstrip() + ("\n…" if end < len(lines) else "")
    issues.append(f"{where}: keine Überschrift »{title}« in der Datei")
    return text


def _show_block(workspace: Workspace, words: str, indent: str, where: str, issues: list[str]) -> list[str]:
    parts = words.split()
    relative = parts[0] if parts else ""
    try:
        text = workspace.read(relative)
    except (OSError, ValueError) as exc:
        issues.append(f"{where}: »zeige {relative}«: Datei fehlt ({exc})")
        return []
    if len(parts) > 2 and parts[1] == "abschnitt":
        text = _section(text, " ".join(parts[2:]), where, issues) + "\n"
    elif len(parts) > 1:
        text = _lines(text, parts[1:], where, issues) + "\n"
    lang = _LANGUAGES.get(Path(relative).suffix, "text")
    return _block(indent, lang, text, title=relative)


def process_page(markdown: str, file: str, repo_root: Path) -> tuple[str, list[str]]:
    """The page as the site shows it, and every problem found (empty: all examples hold)."""
    try:
        examples = {example.line: example for example in extract(markdown, file)}
    except MarkerError as err:
        return markdown, [str(err)]
    issues = [problem for example in examples.values() for problem in problems(example) + layout_problems(example)]
    lines = markdown.splitlines()
    out: list[str] = []
    workspace: Workspace | None = None
    pending: str | None = None
    i = 0
    try:
        while i < len(lines):
            line = lines[i]
            marker = _MARKER.match(line)
            if marker:
                words, indent = marker.group("words"), marker.group("indent")
                head, _, rest = words.partition(" ")
                where = f"{file}:{i + 1}"
                if head in ("befehl", "zeige"):
                    workspace = workspace or Workspace(repo_root)
                    handler = _command_block if head == "befehl" else _show_block
                    out += handler(workspace, rest.strip(), indent, where, issues)
                    pending = None
                elif i + 1 < len(lines) and _FENCE.match(lines[i + 1]):
                    pending = words  # a block marker: its words apply to the next fence
                else:
                    out.append(line)  # a page marker for the mkdocs hook (katalog, fehlercodes …)
                i += 1
                continue
            fence = _FENCE.match(line)
            if not fence:
                out.append(line)
                pending = None
                i += 1
                continue
            opener, indent = fence.group("fence"), fence.group("indent")
            start = i
            i += 1
            while i < len(lines) and not (lines[i].strip().startswith(opener)
                                          and lines[i].strip().strip(opener[0]) == ""):
                i += 1
            block = lines[start:i + 1]
            out += block
            i += 1
            body = "\n".join(l[len(indent):] if l.startswith(indent) else l.lstrip() for l in block[1:-1]) + "\n"
            words = (pending or "").split()
            encoding = next((w[10:] for w in words if w.lower().startswith("kodierung:")), "utf-8")
            for word in words:
                if word.lower().startswith("datei:"):
                    workspace = workspace or Workspace(repo_root)
                    try:
                        workspace.write(word[6:], body, encoding)
                    except (OSError, ValueError, LookupError, UnicodeError) as exc:
                        issues.append(f"{file}:{start + 1}: {exc}")
            example = examples.get(start + 1)
            written = any(word.lower().startswith("datei:") for word in (pending or "").split())
            if example is not None and example.expects_output and not written:  # a `befehl` shows it
                out.append("")
                out += _block(indent, "text", rendered_output(example), title="Ausgabe von zieldsl check")
            pending = None
    finally:
        if workspace is not None:
            workspace.close()
    return "\n".join(out) + "\n", issues
