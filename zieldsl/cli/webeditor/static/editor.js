// zieldsl editor: the page side. All language answers come from the server (the language
// service); this script only paints the text, underlines problems, and shows what it is told.
"use strict";

const token = document.querySelector('meta[name="zieldsl-token"]').content;
const $ = (id) => document.getElementById(id);
const source = $("source");
const highlight = $("highlight");

const state = {
  base: "", // digest of the version on disk the editor started from
  saved: "", // the text as last loaded or saved
  problems: [],
  words: null,
  checkSeq: 0,
  evalSeq: 0,
  lastTable: null,
  lastPreviewKey: null,
  completion: null, // {items, active, chosen}
  conflict: false,
};

async function api(name, data) {
  const options = { headers: { "X-Zieldsl-Token": token } };
  if (data !== undefined) {
    options.method = "POST";
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(data);
  }
  const response = await fetch("/api/" + name, options);
  return response;
}

async function apiJson(name, data) {
  const response = await api(name, data);
  const body = await response.json();
  if (!response.ok) throw Object.assign(new Error(body && body.message), { status: response.status, body });
  return body;
}

// ------------------------------------------------------------------ text positions

function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function toOffset(starts, text, pos) {
  if (pos.line >= starts.length) return text.length;
  const end = pos.line + 1 < starts.length ? starts[pos.line + 1] - 1 : text.length;
  return Math.min(starts[pos.line] + pos.character, end);
}

function toPosition(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

// ------------------------------------------------------------------ highlighting

const TOKEN = /(#[^\n]*)|("""[\s\S]*?(?:"""|$))|("(?:[^"\\\n]|\\.)*"?)|(\d{1,2}\.\d{1,2}\.\d{4}(?![\d.,]))|(\d[\d.,]*[a-z]?)|(%)|([\p{L}_][\p{L}\p{N}_]*)/gu;

function wordClass(word) {
  const w = state.words;
  const lower = word.toLowerCase();
  if (/^K\d(E\d)?$/.test(word)) return "code";
  if (!w) return null;
  if (w.declarations.includes(lower)) return "decl";
  if (w.keywords.includes(lower)) return "keyword";
  if (w.operators.includes(lower)) return "op";
  if (w.groups.includes(lower)) return "group";
  if (w.units.includes(lower)) return "unit";
  if (w.constants.includes(lower)) return "const";
  return null;
}

function tokens(text) {
  const out = [];
  TOKEN.lastIndex = 0;
  let m;
  while ((m = TOKEN.exec(text)) !== null) {
    let kind = null;
    if (m[1]) kind = "comment";
    else if (m[2] || m[3]) kind = "string";
    else if (m[4]) kind = "date";
    else if (m[5] || m[6]) kind = m[6] ? "unit" : "number";
    else if (m[7]) kind = wordClass(m[7]);
    if (kind) out.push([m.index, m.index + m[0].length, kind]);
  }
  return out;
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function paint() {
  const text = source.value;
  const starts = lineStarts(text);
  const marks = state.problems.map((p) => {
    let start = toOffset(starts, text, p.range.start);
    let end = toOffset(starts, text, p.range.end);
    if (end <= start) end = Math.min(text.length, start + 1);
    return [start, end, p.severity];
  });
  const toks = tokens(text);
  const points = new Set([0, text.length]);
  for (const [s, e] of toks) { points.add(s); points.add(e); }
  for (const [s, e] of marks) { points.add(s); points.add(e); }
  const cuts = [...points].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  let html = "";
  let t = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i], b = cuts[i + 1];
    while (t < toks.length && toks[t][1] <= a) t++;
    const tokenKind = t < toks.length && toks[t][0] <= a ? toks[t][2] : null;
    const mark = marks.find(([s, e]) => s <= a && b <= e);
    const classes = [];
    if (tokenKind) classes.push("t-" + tokenKind);
    if (mark) classes.push("d-" + mark[2]);
    const piece = escapeHtml(text.slice(a, b));
    html += classes.length ? `<span class="${classes.join(" ")}">${piece}</span>` : piece;
  }
  highlight.innerHTML = html + "\n";
  syncScroll();
}

function syncScroll() {
  highlight.scrollTop = source.scrollTop;
  highlight.scrollLeft = source.scrollLeft;
}

// ------------------------------------------------------------------ checking while typing

let checkTimer = null;
let evalTimer = null;

function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, 200);
  updateDirty();
}

async function runCheck() {
  const seq = ++state.checkSeq;
  const text = source.value;
  let body;
  try {
    body = await apiJson("check", { text });
  } catch (error) {
    return toast(error.message || "Prüfung fehlgeschlagen.");
  }
  if (seq !== state.checkSeq) return; // the text changed meanwhile
  state.problems = body.problems;
  paint();
  showProblems();
  clearTimeout(evalTimer);
  evalTimer = setTimeout(() => runEvaluation(text), 150);
}

function showProblems() {
  const list = $("problems");
  list.innerHTML = "";
  const errors = state.problems.filter((p) => p.severity === "fehler").length;
  const warnings = state.problems.length - errors;
  const label = $("state");
  if (errors) {
    label.textContent = `${errors} Fehler` + (warnings ? `, ${warnings} Warnung${warnings > 1 ? "en" : ""}` : "");
    label.className = "state bad";
  } else {
    label.textContent = warnings ? `in Ordnung (${warnings} Warnung${warnings > 1 ? "en" : ""})` : "in Ordnung";
    label.className = "state ok";
  }
  $("problem-count").textContent = state.problems.length ? `(${state.problems.length})` : "– keine";
  for (const p of state.problems) {
    const li = document.createElement("li");
    li.className = p.severity;
    li.dataset.code = p.code;
    const where = `${p.range.start.line + 1}:${p.range.start.character + 1}`;
    li.innerHTML = `<span class="where">${where}</span><span class="code">${p.severity} ${p.code}</span>` +
      `<span class="message"></span>`;
    li.querySelector(".message").textContent = p.message;
    if (p.hint) {
      const hint = document.createElement("span");
      hint.className = "hint";
      hint.textContent = "Hinweis: " + p.hint;
      li.appendChild(hint);
    }
    for (const fix of p.fixes) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "fix";
      button.textContent = fix.title;
      button.addEventListener("click", (event) => { event.stopPropagation(); applyEdits(fix.edits); });
      li.insertBefore(button, li.querySelector(".hint"));
    }
    li.addEventListener("click", () => goTo(p.range.start));
    list.appendChild(li);
  }
}

function applyEdits(edits) {
  const text = source.value;
  const starts = lineStarts(text);
  const spans = edits.map((e) => [toOffset(starts, text, e.range.start), toOffset(starts, text, e.range.end), e.text])
    .sort((a, b) => b[0] - a[0]);
  source.focus();
  for (const [start, end, replacement] of spans) {
    source.setSelectionRange(start, end);
    // keeps the browser's undo history, unlike assigning .value
    if (!document.execCommand("insertText", false, replacement)) {
      source.setRangeText(replacement, start, end, "end");
    }
  }
  scheduleCheck();
}

function goTo(position) {
  const text = source.value;
  const offset = toOffset(lineStarts(text), text, position);
  source.focus();
  source.setSelectionRange(offset, offset);
  const lineHeight = parseFloat(getComputedStyle(source).lineHeight);
  source.scrollTop = Math.max(0, position.line * lineHeight - source.clientHeight / 3);
  syncScroll();
}

// ------------------------------------------------------------------ evaluation and preview

async function runEvaluation(text) {
  if (text !== source.value) return;
  const seq = ++state.evalSeq;
  let body;
  try {
    body = await apiJson("evaluate", { text });
  } catch (error) {
    return toast(error.message || "Bewertung fehlgeschlagen.");
  }
  if (seq !== state.evalSeq) return;
  const note = $("evaluation-note");
  const noteText = [body.note, ...body.data_problems].filter(Boolean).join("\n");
  note.hidden = !noteText;
  note.textContent = noteText;
  $("stand").textContent = body.stand ? `– Stand ${body.stand}` : "";
  if (body.default_kind && !state.kindChosen) {
    $("kind").value = body.default_kind;
    state.kindChosen = true;
  }
  $("results").classList.toggle("stale", !body.rows.length && !!state.lastTable);
  if (body.rows.length || !noteText) showTable(body);
  runPreview(text);
}

function statusClass(status) {
  return "s-" + status.replace(/ /g, "-");
}

function showTable(body) {
  const table = $("results");
  const key = JSON.stringify(body.rows);
  if (key === state.lastTable) return;
  state.lastTable = key;
  const right = new Set(["Vorjahr", "Ist", "Veränderung", "Zielwert", "Abstand"]);
  // the status right after the wording, so it stays in view in a narrow panel
  const status = body.columns.indexOf("Status");
  const order = body.columns.map((_, i) => i).filter((i) => i !== status);
  order.splice(2, 0, status);
  const columns = order.map((i) => body.columns[i]);
  let html = "<thead><tr>" + columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("") + "</tr></thead><tbody>";
  for (const full of body.rows) {
    const row = order.map((i) => full[i]);
    const isTarget = row[0] !== "";
    html += `<tr class="${isTarget ? "target" : ""}">` + row.map((cell, i) => {
      const column = columns[i];
      const classes = [];
      if (right.has(column)) classes.push("num");
      if (column === "Status" && cell) classes.push(statusClass(cell));
      const indent = cell.length - cell.trimStart().length;
      const style = indent ? ` style="padding-left:${6 + indent * 6}px"` : "";
      return `<td class="${classes.join(" ")}"${style}>${escapeHtml(cell.trim())}</td>`;
    }).join("") + "</tr>";
  }
  table.innerHTML = html + "</tbody>";
}

async function runPreview(text) {
  const kind = $("kind").value;
  const key = kind + "\u0000" + state.lastTable + "\u0000" + text;
  if (key === state.lastPreviewKey) return;
  let body;
  try {
    body = await apiJson("preview", { text, kind });
  } catch (error) {
    return toast(error.message || "Vorschau fehlgeschlagen.");
  }
  if (text !== source.value) return;
  state.lastPreviewKey = key;
  $("preview-kind").textContent = "– " + $("kind").selectedOptions[0].textContent;
  const note = $("preview-note");
  note.hidden = !body.note;
  note.textContent = body.note || "";
  if (body.html) $("preview").srcdoc = body.html;
}

// ------------------------------------------------------------------ hover

let hoverTimer = null;
let charWidth = null;

function measureChar() {
  const probe = document.createElement("span");
  probe.style.font = getComputedStyle(source).font;
  probe.style.position = "absolute";
  probe.style.visibility = "hidden";
  probe.textContent = "0".repeat(100);
  document.body.appendChild(probe);
  charWidth = probe.getBoundingClientRect().width / 100;
  probe.remove();
}

function positionAt(clientX, clientY) {
  const box = source.getBoundingClientRect();
  const style = getComputedStyle(source);
  const pad = parseFloat(style.paddingLeft);
  const lineHeight = parseFloat(style.lineHeight);
  if (!charWidth) measureChar();
  const line = Math.floor((clientY - box.top - parseFloat(style.paddingTop) + source.scrollTop) / lineHeight);
  const character = Math.floor((clientX - box.left - pad + source.scrollLeft) / charWidth);
  const lines = source.value.split("\n");
  if (line < 0 || line >= lines.length || character < 0 || character > lines[line].length) return null;
  return { line, character };
}

function markdown(text) {
  const inline = (s) => escapeHtml(s).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>").replace(/`([^`]+)`/g, "<code>$1</code>");
  return text.split(/\n\n/).map((block) => {
    const lines = block.split("\n");
    const items = lines.filter((l) => l.startsWith("- "));
    if (items.length && items.length === lines.length - (lines[0].startsWith("- ") ? 0 : 1)) {
      const head = lines[0].startsWith("- ") ? "" : `<p>${inline(lines[0])}</p>`;
      return head + "<ul>" + items.map((l) => `<li>${inline(l.slice(2))}</li>`).join("") + "</ul>";
    }
    return `<p>${lines.map(inline).join("<br>")}</p>`;
  }).join("");
}

function problemsAt(pos) {
  return state.problems.filter((p) => {
    const s = p.range.start, e = p.range.end;
    const after = pos.line > s.line || (pos.line === s.line && pos.character >= s.character);
    const before = pos.line < e.line || (pos.line === e.line && pos.character <= Math.max(e.character, s.character + 1));
    return after && before;
  });
}

async function showHover(clientX, clientY) {
  const pos = positionAt(clientX, clientY);
  const tip = $("tooltip");
  if (!pos) { tip.hidden = true; return; }
  const text = source.value;
  let html = problemsAt(pos).map((p) =>
    `<p class="problem"><strong>${p.severity} ${p.code}:</strong> ${escapeHtml(p.message)}` +
    (p.hint ? `<br>Hinweis: ${escapeHtml(p.hint)}` : "") + "</p>").join("");
  try {
    const found = await apiJson("hover", { text, ...pos });
    if (found) html += markdown(found.markdown);
  } catch (error) { /* the tooltip is a courtesy */ }
  if (!html || text !== source.value) { tip.hidden = true; return; }
  tip.innerHTML = html;
  tip.hidden = false;
  tip.style.left = Math.min(clientX + 12, window.innerWidth - tip.offsetWidth - 8) + "px";
  tip.style.top = Math.min(clientY + 16, window.innerHeight - tip.offsetHeight - 8) + "px";
}

source.addEventListener("mousemove", (event) => {
  clearTimeout(hoverTimer);
  $("tooltip").hidden = true;
  hoverTimer = setTimeout(() => showHover(event.clientX, event.clientY), 350);
});
source.addEventListener("mouseleave", () => { clearTimeout(hoverTimer); $("tooltip").hidden = true; });

// ------------------------------------------------------------------ completion

let completeTimer = null;

function caretCoordinates() {
  const text = source.value;
  const pos = toPosition(text, source.selectionStart);
  const box = source.getBoundingClientRect();
  const style = getComputedStyle(source);
  if (!charWidth) measureChar();
  const lineHeight = parseFloat(style.lineHeight);
  return {
    pos,
    x: box.left + parseFloat(style.paddingLeft) + pos.character * charWidth - source.scrollLeft,
    y: box.top + parseFloat(style.paddingTop) + (pos.line + 1) * lineHeight - source.scrollTop,
  };
}

async function openCompletion(explicit) {
  const text = source.value;
  const { pos, x, y } = caretCoordinates();
  let items;
  try {
    items = await apiJson("complete", { text, ...pos });
  } catch (error) { return; }
  if (text !== source.value) return;
  const list = $("completions");
  if (!items.length) { closeCompletion(); return; }
  state.completion = { items, active: 0, explicit };
  list.innerHTML = "";
  items.forEach((item, index) => {
    const li = document.createElement("li");
    li.setAttribute("role", "option");
    li.dataset.index = index;
    li.innerHTML = `<span class="label"></span><span class="detail"></span>`;
    li.querySelector(".label").textContent = item.label;
    li.querySelector(".detail").textContent = item.detail || "";
    li.addEventListener("mousedown", (event) => { event.preventDefault(); acceptCompletion(index); });
    list.appendChild(li);
  });
  list.style.left = x + "px";
  list.style.top = y + 2 + "px";
  list.hidden = false;
  markActive();
}

function markActive() {
  const c = state.completion;
  [...$("completions").children].forEach((li, i) => li.classList.toggle("active", i === c.active));
  const active = $("completions").children[c.active];
  if (active) active.scrollIntoView({ block: "nearest" });
}

function closeCompletion() {
  state.completion = null;
  $("completions").hidden = true;
}

function acceptCompletion(index) {
  const item = state.completion.items[index];
  closeCompletion();
  applyEdits([{ range: item.range, text: item.label }]);
}

source.addEventListener("keydown", (event) => {
  const c = state.completion;
  if ((event.ctrlKey || event.metaKey) && event.key === "s") {
    event.preventDefault();
    save(false);
    return;
  }
  if (event.ctrlKey && event.key === " ") {
    event.preventDefault();
    openCompletion(true);
    return;
  }
  if (!c) return;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    c.explicit = true;
    c.active = (c.active + (event.key === "ArrowDown" ? 1 : c.items.length - 1)) % c.items.length;
    markActive();
  } else if (event.key === "Tab" || (event.key === "Enter" && c.explicit)) {
    event.preventDefault();
    acceptCompletion(c.active);
  } else if (event.key === "Escape") {
    event.preventDefault();
    closeCompletion();
  }
});

source.addEventListener("input", (event) => {
  paint();
  scheduleCheck();
  clearTimeout(completeTimer);
  const typed = event.data || "";
  if (/^[\p{L}_ ]$/u.test(typed)) {
    completeTimer = setTimeout(() => openCompletion(false), 250);
  } else {
    closeCompletion();
  }
});
source.addEventListener("scroll", syncScroll);
source.addEventListener("blur", () => setTimeout(closeCompletion, 150));
source.addEventListener("click", closeCompletion);

// ------------------------------------------------------------------ go to definition (Strg+Klick)

source.addEventListener("mousedown", async (event) => {
  if (!(event.ctrlKey || event.metaKey)) return;
  const pos = positionAt(event.clientX, event.clientY);
  if (!pos) return;
  event.preventDefault();
  const found = await apiJson("definition", { text: source.value, ...pos });
  if (!found) return;
  if (found.here) goTo(found.range.start);
  else toast(`Definiert in ${found.file}, Zeile ${found.range.start.line + 1}.`);
});

// ------------------------------------------------------------------ files: load, save, external edits

function updateDirty() {
  document.title = (source.value !== state.saved ? "● " : "") + $("file-name").textContent + " – zieldsl editor";
}

async function load(notice) {
  const body = await apiJson("document");
  source.value = body.text;
  state.base = body.digest;
  state.saved = body.text;
  state.conflict = false;
  $("banner").hidden = true;
  $("file-name").textContent = body.name + (body.exists ? "" : " (neu)");
  paint();
  updateDirty();
  await runCheck();
  if (notice) toast(notice);
}

async function save(force) {
  const text = source.value;
  let body;
  try {
    body = await apiJson("save", { text, base: state.base, force });
  } catch (error) {
    if (error.status === 409) return showConflict(error.message);
    return toast(error.message || "Speichern fehlgeschlagen.");
  }
  state.base = body.digest;
  state.saved = text;
  state.conflict = false;
  $("banner").hidden = true;
  $("file-name").textContent = $("file-name").textContent.replace(" (neu)", "");
  updateDirty();
  toast(body.message);
}

function showConflict(message) {
  state.conflict = true;
  $("banner-text").textContent = message;
  $("banner").hidden = false;
}

async function watchDisk() {
  try {
    const body = await apiJson("disk");
    if (body.digest !== state.base && !state.conflict) {
      if (source.value === state.saved) {
        await load("Die Datei wurde außerhalb des Editors geändert und neu geladen.");
      } else {
        showConflict("Die Datei wurde außerhalb des Editors geändert; Ihre Fassung hat ungespeicherte Änderungen.");
      }
    }
  } catch (error) { /* server gone: nothing to watch */ }
}

$("banner-load").addEventListener("click", () => load("Fassung von der Festplatte geladen."));
$("banner-keep").addEventListener("click", () => save(true));
$("save").addEventListener("click", () => save(false));

$("format").addEventListener("click", async () => {
  try {
    const body = await apiJson("format", { text: source.value });
    if (body.text !== source.value) {
      source.focus();
      source.select();
      if (!document.execCommand("insertText", false, body.text)) source.value = body.text;
      paint();
      scheduleCheck();
    }
    toast("Formatiert.");
  } catch (error) {
    toast(error.message || "Formatieren fehlgeschlagen.");
  }
});

$("kind").addEventListener("change", () => { state.kindChosen = true; runPreview(source.value); });

$("word").addEventListener("click", async () => {
  const kind = $("kind").value;
  const response = await api("word", { text: source.value, kind });
  if (!response.ok) {
    const body = await response.json();
    return toast(body.message || "Word-Datei nicht erstellt.");
  }
  const blob = await response.blob();
  const disposition = response.headers.get("Content-Disposition") || "";
  const name = (disposition.match(/filename="([^"]+)"/) || [null, "entwurf.docx"])[1];
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  toast(`${name} heruntergeladen.`);
});

let toastTimer = null;
function toast(message) {
  const box = $("toast");
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, 5000);
}

window.addEventListener("beforeunload", (event) => {
  if (source.value !== state.saved) event.preventDefault();
});

(async function start() {
  state.words = await apiJson("words");
  await load();
  setInterval(watchDisk, 1500);
})();
