// The playground page: a thin view of the server's session (every number comes from it).
import uPlot from "./vendor/uPlot.esm.js";
import { TEXT } from "./i18n.js";
import { draw, toData } from "./draw.js";

const $ = (s) => document.querySelector(s);
const base = location.pathname.replace(/[^/]*$/, "");
const query = new URLSearchParams(location.search);
const state = { frame: null, points: null, facts: null, session: null, lang: "es", pending: null, drawn: 0, raf: 0, renderMs: 0, received: 0 };
window.__pg = state;  // read by the browser tests (frames drawn, animation frames)
let ws, plot, settings = {};
const fmt = (v) => (v === null || v === undefined ? "—" : typeof v === "number" ? +v.toPrecision(6) + "" : v === "inf" ? "∞" : v === "-inf" ? "−∞" : String(v));
let rid = 0, lastError = null;  // request ids of "set": a late frame never overwrites newer edits
let lastExport = null, exportKey = null;  // the export shown, and the run and update it was for
let hidden = new Set();  // what a classroom link hides (hide=...)
const said = (info) => (state.lang === "es" && info.message_es) || info.message;  // a server's words
const vec = (a) => "(" + a.map(fmt).join(", ") + ")";
const t = (k) => TEXT[state.lang][k] ?? k;

function applyLang() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  $("#lang").textContent = state.lang === "es" ? "EN" : "ES";
  $("#lang").setAttribute("aria-label", state.lang === "es" ? "English" : "Español");
  document.querySelectorAll("#dataset option").forEach((el) => { el.textContent = t("ds_" + el.value); });
  document.querySelector("[name=tol]").placeholder = t("none");
  if (!$("#file").files?.length) $("#fname").textContent = t("nofile");
  $("#play").textContent = state.frame?.playing ? t("pause") : t("play");
  if (state.frame) render(state.frame);
  if (lastError) showError(lastError);
  if (lastExport) showExportText(lastExport);
}

function send(msg) { if (ws && ws.readyState === 1) ws.send(JSON.stringify(msg)); }

function syncUrl() {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(settings)) q.set(k, v);
  q.set("lang", state.lang);
  const P = state.points, f = state.frame;
  // the rows added and removed by clicks, and weights set by hand: a reload gives them back
  if (P && (P.added || P.removed.length) && P.added <= 200) {
    if (P.added) q.set("add", JSON.stringify(P.added_points));
    if (P.removed.length) q.set("rm", P.removed.join(","));
  }
  if (f?.hand_edit) q.set("edit", [...f.hand_edit[0], f.hand_edit[1]].join(","));
  if (f) q.set("k", f.k);
  if (query.get("hide")) q.set("hide", query.get("hide"));
  history.replaceState(null, "", base + "?" + q.toString());
}

// an error: its kind's label and its text, both in the page's language
function errorText(info) {
  if (!info) return "";
  const a = { ...(info.args || {}) };
  if (a.key) a.key = t(a.key);  // the setting as the form names it
  const msg = info.code && TEXT[state.lang]["e_" + info.code] ? TEXT[state.lang]["e_" + info.code](a) : said(info);
  return `<b id="errkind">${t("kind_" + (info.kind || "settings"))}</b>: <span id="errmsg"></span>` + "\u0000" + msg;
}
function showError(info, safe) {
  const [html, msg] = errorText(info).split("\u0000");
  $("#error").hidden = !info;
  if (!info) return;
  $("#error").innerHTML = html + (safe && info.kind === "divergence" ? `<br>${t("stable")}: 0 < η ≤ <span id="esafe">${fmt(safe)}</span>` : "");
  $("#errmsg").textContent = msg;
}

function fillFeatures(names) {
  if (!names) return;
  for (const key of ["fx", "fy"]) {
    const el = document.querySelector(`[name=${key}]`);
    const text = names.map((n, i) => `${i}: ${n}`).join("|");
    if (el.dataset.names === text) continue;
    el.dataset.names = text;
    el.innerHTML = "";
    names.forEach((n, i) => el.add(new Option(n, String(i))));
  }
}

function fillForm(s) {
  settings = s;
  for (const [k, v] of Object.entries(s)) {
    const el = document.querySelector(`[name=${k}]`);
    if (!el || el === document.activeElement) continue;
    if (el.type === "checkbox") el.checked = !!v; else el.value = k === "tol" && v === "none" ? "" : v;
  }
}

// settings this run does not read (the rule of a non-perceptron, k outside minibatch, ...)
function greyOut(relevant) {
  if (!relevant) return;
  for (const [key, on] of Object.entries(relevant)) {
    document.querySelectorAll(`[name=${key}]`).forEach((el) => {
      el.disabled = !on;
      el.closest("label")?.classList.toggle("off", !on);
    });
  }
  $(".click").classList.toggle("regression", relevant.cls === false);
  const say = $(".click [data-t^=click]");  // a regression's click adds a point, of no class
  say.dataset.t = relevant.cls === false ? "click_reg" : "click";
  say.textContent = t(say.dataset.t);
}

function noticeText(n) {
  const a = { ...(n.args || {}) };
  if (a.model) a.model = t("o_" + a.model);
  return TEXT[state.lang]["n_" + n.code]?.(a) ?? said(n);
}

function ruleHtml(f) {
  const x = f.explain;
  if (!x) return `<p>${t("noupdate")}</p>`;
  const r = x.r === 1 ? "" : ` · ${fmt(x.r)}`;
  const tg = x.targets || [0, 1];
  const read = !f.neuron.startsWith("perceptron") ? "ŷ = σ(z)"
    : tg[0] === -1 ? "ŷ = sgn(z) = (z > 0 ? 1 : −1)" : "ŷ = [z > 0]";
  const head = x.n_rows > 1
    ? `<div class="num">${x.n_rows} ${t("rows")}: ${x.rows.join(", ")}${x.n_rows > x.rows.length ? ", …" : ""}; ${t("first")}:</div>` : "";
  const dw = x.n_rows > 1
    ? `Δw = η${r} Σ e·x = ${fmt(x.eta)}${r} · ${vec(x.sum_ex)} = <b>${vec(x.dw_rule)}</b>`
    : `Δw = η${r} e·x = ${fmt(x.eta)}${r} · ${fmt(x.error)} · ${vec(x.x)} = <b>${vec(x.dw_rule)}</b>`;
  const db = x.n_rows > 1 ? `Δb = η${r} Σ e = ${fmt(x.eta)}${r} · ${fmt(x.sum_e)} = <b>${fmt(x.db_rule)}</b>`
    : `Δb = η${r} e = <b>${fmt(x.db_rule)}</b>`;
  return `${head}<div class="num">x = ${vec(x.x)}, y = ${fmt(x.target)}</div>
    <div class="num">z = w·x + b = ${fmt(x.z)}</div>
    <div class="num">${read} = ${fmt(x.output)}</div>
    <div class="num">${f.neuron === "perceptron-margin" ? t("marginrule") + " ⇒"
      : `e = y − σ<sub>fit</sub>(z), σ<sub>fit</sub>(z) = ${f.sigma}:`} e = ${fmt(x.error)}</div>
    <div class="num">${dw}</div>
    <div class="num">${db} &nbsp; (<span id="pepoch">${t("epoch")} ${x.epoch}</span>, ${t("stepn")} s = ${x.t + 1})</div>
    <div class="num" id="engine">${t("engine")}: Δw = ${vec(x.dw)}, Δb = ${fmt(x.db)}</div>`;
}

function pseudo(f) {
  const margin = f.neuron === "perceptron-margin";
  const lines = [...(margin ? t("pseudomargin") : t("pseudoerror"))];
  if (f.hand_edit) lines[0] = t("handstart");
  const on = f.explain ? 5 : f.k === 0 ? 0 : 3;
  return lines.map((l, i) => `<span class="${i === on ? "on" : ""}">${l}</span>`).join("\n");
}

function factsHtml(f) {
  const F = f.facts || {}, out = [];
  if ("separable" in F) {
    out.push(`<div>${F.separable ? t("separable") : t("notseparable")}</div>`);
    if (F.separable && f.neuron.startsWith("perceptron")) {
      out.push(`<div>${t("margin")} = ${fmt(F.margin)}, ${t("radius")} = ${fmt(F.radius)}</div>`);
      out.push(`<div>${t("novikoff")} = ${fmt(F.mistake_bound)} ≥ ${t("updates")}: <b id="nk">${f.k}</b></div>`);
    }
  }
  if ("unit" in F) out.push(F.unit ? `<div>${t("unit")}: w = ${vec(F.unit.weights)}, θ = ${F.unit.threshold}</div>`
    : `<div>${t("nounit")}: <span id="why">${F.why_no_unit}</span></div>`);
  if (F.optimum) {
    const d = Math.hypot(...f.w.map((v, i) => v - F.optimum.w[i]), f.b - F.optimum.b);
    out.push(`<div>${t("optimum")}: w* = ${vec(F.optimum.w)}, b* = ${fmt(F.optimum.b)}; ${t("distance")} ${fmt(d)}</div>`);
  }
  if (F.mistake_driven) out.push(`<div id="peta">${t("perceptron_eta")}</div>`);
  else if (F.safe_rate) out.push(`<div>${t("stable")}: 0 < η ≤ <span id="safe">${fmt(F.safe_rate)}</span> (1/(cB))</div>`);
  return out.join("");
}

function curves(f) {
  const c = f.curves; if (!c || !c.epoch) return;
  const score = state.points?.task === "regression" ? t("r2") : t("accuracy");
  const series = [["train_loss", `${t("loss")} ${t("train")}`, "#c0392b", "loss"], ["test_loss", `${t("loss")} ${t("test")}`, "#e59866", "loss"],
    ["train_score", `${score} ${t("train")}`, "#1f5fa8", "score"], ["test_score", `${score} ${t("test")}`, "#85c1e9", "score"]].filter(([k]) => c[k]);
  const num = (v) => (typeof v === "number" ? v : null);
  const data = [c.epoch, ...series.map(([k]) => c[k].map(num))];
  const key = [state.lang, state.points?.task, ...series.map((s) => s[1])].join("|");  // axes' words
  if (!plot || plot._key !== key) {
    plot?.destroy();
    plot = new uPlot({ width: 520, height: 200, scales: { x: { time: false }, loss: {}, score: state.points?.task === "regression" ? {} : { range: [0, 1] } },
      axes: [{ label: t("epoch"), incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000] }, { scale: "loss", label: t("loss"), size: 70 }, { scale: "score", label: score, side: 1, size: 60, grid: { show: false } }],
      series: [{ label: t("epoch") }, ...series.map(([, label, stroke, scale]) => ({ label, stroke, scale, width: 2 }))] }, data, $("#curves"));
    plot._key = key;
  } else plot.setData(data);
}

function render(f) {
  const info = f.error_info || (f.error ? { message: f.error, kind: "settings" } : null);
  lastError = null;
  showError(info, f.facts?.mistake_driven ? null : f.facts?.safe_rate);
  $("#notes").textContent = (f.notices || (f.notice ? [f.notice] : [])).map(noticeText).join(" · ");
  const key = `${f.run_id ?? ""}:${f.k}`;
  if (lastExport && exportKey !== key) { lastExport = null; $("#xout").textContent = ""; }  // another update: another export
  $("#xmodel").classList.toggle("blocked", !!f.export);  // a click says why (#xout)
  if (!f.grid) { state.drawn++; return; }
  greyOut(f.relevant);
  const editing = document.activeElement?.closest?.("#weights") ? document.activeElement.id : null;
  const typed = editing ? Object.fromEntries([...document.querySelectorAll("#weights input")].map((e) => [e.id, e.value])) : {};
  $("#weights").innerHTML = `<div class="num">w = <span id="w">${vec(f.w)}</span></div><div class="num">b = <span id="b">${fmt(f.b)}</span></div>
    <form id="wform" class="edit">${f.w.map((v, i) => `<label>w<sub>${i + 1}</sub> <input id="ew${i}" size="9" inputmode="decimal" value="${fmt(v)}"></label>`).join(" ")}
    <label>b <input id="eb" size="9" inputmode="decimal" value="${fmt(f.b)}"></label> <button id="edit" type="submit" aria-label="${t("set_w_label")}" title="${t("set_w_label")}">✎ ${t("set_w")}</button></form>`;
  for (const [id, v] of Object.entries(typed)) if ($("#" + id)) $("#" + id).value = v;  // a frame never erases typing
  if (editing && $("#" + editing)) $("#" + editing).focus();
  $("#wform").onsubmit = (ev) => {
    ev.preventDefault();
    // a field left as shown keeps its exact weight (the text shows 6 digits of it)
    const read = (id, exact) => { const s = $("#" + id).value.trim(); return s === fmt(exact) ? exact : Number(s.replace(",", ".")); };
    const w = f.w.map((v, i) => read("ew" + i, v)), b = read("eb", f.b);
    if (![...w, b].every((v) => Number.isFinite(v))) { lastError = { code: "edit_finite", kind: "settings", args: {} }; showError(lastError); return; }
    send({ op: "edit", w, b });
  };
  $("#rule").innerHTML = ruleHtml(f);
  $("#pseudo").innerHTML = pseudo(f);
  $("#facts").innerHTML = factsHtml(f);
  const m = f.metrics || {}, score = state.points?.task === "regression" ? t("r2") : t("accuracy");
  $("#metrics").innerHTML = `<div>${t("loss")}: ${t("train")} <span id="loss">${fmt(m.train_loss)}</span>, ${t("test")} ${fmt(m.test_loss)}</div>
    <div>${score}: ${t("train")} <span id="score">${fmt(m.train_score)}</span>, ${t("test")} ${fmt(m.test_score)}${state.points?.task === "regression" ? "" : `; ${t("wrong")}: ${f.wrong.length}`}</div>`;
  $("#notes").textContent = [$("#notes").textContent, ...((state.lang === "es" && f.notes_es) || f.notes || [])].filter(Boolean).join(" · ");
  const names = state.points?.features || [];
  $("#legend").textContent = state.points?.task === "regression" ? `x: ${names[0]} · y: ${state.points.target}`
    : `x: ${names[0]}${names.length > 1 ? ` · y: ${names[1]}` : ""}`;
  $("#scrub").max = f.known; $("#scrub").value = f.k; $("#kout").textContent = `${f.k} / ${f.known}${f.done ? "" : "+"} · ${t("epoch")} ${f.epoch}`;
  $("#play").textContent = f.playing ? t("pause") : t("play");
  draw($("#canvas"), f, state.points, f.facts?.optimum);
  state.drawn++;
  if (f.curves) curves(f);
  $("#live").textContent = t("live")(f.epoch, f.k, fmt(m.train_loss), vec(f.w), fmt(f.b));
}

function onFrame(f) {
  state.received++;
  if (f.points) state.points = f.points;
  if (f.facts) state.facts = f.facts; else if (state.facts) f.facts = state.facts;
  if (!f.curves && state.frame?.curves) f.curves = state.frame.curves;
  state.frame = f;
  const text = JSON.stringify(f.settings);
  fillFeatures(f.all_features || f.features);
  const late = f.rid !== undefined && f.rid < rid;  // an answer to an older edit: keep the form
  if (f.settings && text !== state.settingsText && !late) { state.settingsText = text; fillForm(f.settings); }
  if (!f.playing) syncUrl();  // while playing the URL waits for the pause
  state.pending = f;
}

function loop() {  // requestAnimationFrame: draw the latest frame only
  state.raf++;
  if (state.pending) {
    const f = state.pending, t0 = performance.now();
    state.pending = null; render(f);
    state.renderMs += performance.now() - t0;
  }
  requestAnimationFrame(loop);
}

function readForm() {
  const out = {};
  document.querySelectorAll("#controls [name]").forEach((el) => {
    if (el.name === "cls") return;
    out[el.name] = el.type === "checkbox" ? el.checked : el.value;
  });
  return out;
}

function connect(initial) {
  ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + base + "ws");
  ws.onmessage = (ev) => {
    const m = JSON.parse(ev.data);
    if (m.type === "hello") {
      state.session = m.session;
      $("#xmodel").href = `export/model?session=${m.session}`;
      $("#xdata").href = `export/data.csv?session=${m.session}`;
      send({ op: "set", params: initial, restore: true });
      try {
        const added = JSON.parse(query.get("add") || "[]"), removed = (query.get("rm") || "").split(",").filter(Boolean).map(Number);
        if (added.length || removed.length) send({ op: "points", added, removed });
      } catch { /* a hand-mangled URL: the points are left out */ }
      const edit = (query.get("edit") || "").split(",").filter(Boolean).map(Number);
      if (edit.length > 1) send({ op: "edit", w: edit.slice(0, -1), b: edit.at(-1) });
      const k = +(query.get("k") || 0);
      if (k > 0) send({ op: "step", n: k });
    } else if (m.type === "frame") onFrame(m);
    else if (m.type === "error") { lastError = m; showError(m); }
  };
}

function showExportText(x) {
  $("#xout").textContent = x.text ?? (TEXT[state.lang]["e_" + x.code]?.(x.args || {}) ?? said(x));
  $("#xout").classList.toggle("refused", x.text === undefined);
}

// the command line and the model file need the cursor at the end of an epoch: the frame
// says when they cannot be given, and the page says why (no request, no error in the console)
async function showExport(kind) {
  const f = state.frame;
  exportKey = `${f?.run_id ?? ""}:${f?.k}`;
  if (kind !== "python" && f?.export) {
    lastExport = { ...f.export, args: { ...f.export.args, what: kind === "model" ? "model" : "cli" } };
  } else {
    const r = await fetch(`export/${kind}?session=${state.session}`);
    const text = await r.text();
    lastExport = r.ok ? { text } : JSON.parse(text);
    if (!r.ok) lastExport.message = lastExport.error;
  }
  showExportText(lastExport);
}

// a classroom link: hide=1 (or all) hides every control; hide=data,model,export,upload,click or
// settings' names (learning_rate, mode, ...) or buttons' ids (reset, lang) hide those
function classroom(spec) {
  if (!spec) return;
  const parts = spec.split(",").map((s) => s.trim()).filter(Boolean);
  if (parts.some((p) => ["1", "all", "true", "controls"].includes(p))) { document.body.classList.add("hide"); hidden = new Set(["all"]); return; }
  for (const p of parts) {
    if (!/^[a-z_-]+$/.test(p)) continue;
    const groups = { upload: "#upform", click: ".click", transport: "#transport" };
    const el = $(groups[p] || "#f-" + p) || document.querySelector(`[name=${p}]`)?.closest("label") || $("#" + p);
    if (el) { el.hidden = true; hidden.add(p); }
  }
  if ([...document.querySelectorAll("#controls fieldset")].every((el) => el.hidden)) document.body.classList.add("hide");
}

async function main() {
  const cfg = await (await fetch("config")).json();
  state.lang = query.get("lang") || cfg.lang || "es";
  const sel = $("#dataset");
  for (const name of cfg.datasets) sel.add(new Option(name, name));
  classroom(query.get("hide"));
  const initial = { ...cfg.initial };
  for (const [k, v] of query) if (!["lang", "hide", "k", "add", "rm", "edit"].includes(k)) initial[k] = v;
  applyLang();
  connect(initial);
  $("#controls").addEventListener("change", (ev) => {
    if (ev.target.name && ev.target.name !== "cls") send({ op: "set", params: readForm(), rid: ++rid });
  });
  $("#play").onclick = () => send({ op: state.frame?.playing ? "pause" : "play" });
  $("#step").onclick = () => send({ op: "step" });
  $("#epoch").onclick = () => send({ op: "epoch" });
  $("#reset").onclick = () => send({ op: "reset" });
  $("#regen").onclick = () => send({ op: "regenerate", seed: +settings.seed + 1, noise: +document.querySelector("[name=noise]").value });
  $("#scrub").oninput = (ev) => send({ op: "seek", k: +ev.target.value });
  $("#speed").onchange = (ev) => {  // 1 to 1000 updates a frame (the input's own bounds)
    const n = Math.min(1000, Math.max(1, Math.round(+ev.target.value.replace(",", ".")) || 1));
    ev.target.value = n;
    send({ op: "speed", n });
  };
  $("#lang").onclick = () => { state.lang = state.lang === "es" ? "en" : "es"; applyLang(); syncUrl(); };
  $("#xpy").onclick = () => showExport("python");
  $("#xcli").onclick = () => showExport("cli");
  $("#xmodel").addEventListener("click", (ev) => { if (state.frame?.export) { ev.preventDefault(); showExport("model"); } });
  $("#file").addEventListener("change", () => { $("#fname").textContent = $("#file").files[0]?.name || t("nofile"); });
  $("#canvas").addEventListener("click", (ev) => {
    const f = state.frame; if (!f?.grid) return;
    const rect = ev.target.getBoundingClientRect();
    const [x, y] = toData(ev.target, f.grid, (ev.clientX - rect.left) * ev.target.width / rect.width, (ev.clientY - rect.top) * ev.target.height / rect.height);
    if ($("#erase").checked) {
      let best = -1, dist = Infinity;
      state.points.X.forEach((r, i) => { const d = Math.hypot(r[0] - x, (state.points.task === "regression" ? state.points.y[i] : r[1]) - y); if (d < dist) { dist = d; best = i; } });
      if (best >= 0) send({ op: "remove", index: best });
    } else {
      const cls = +document.querySelector("[name=cls]:checked").value;
      send({ op: "add", x, y, label: state.points.classes[cls] ?? cls });
    }
  });
  $("#upform").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const file = $("#file").files[0]; if (!file) return;
    const body = new FormData(); body.append("file", file); body.append("target", $("#target").value);
    const r = await fetch(`upload?session=${state.session}`, { method: "POST", body });
    const out = await r.json();
    if (!r.ok) { lastError = { message: out.error, message_es: out.error_es, kind: out.kind || "upload" }; showError(lastError); return; }
    send({ op: "frame" });
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.target.closest("input, select, textarea")) return;
    if (ev.code === "Space" && ev.target.closest("button, a, summary")) return;  // Space presses the focused button
    if (ev.code === "Space") { ev.preventDefault(); $("#play").click(); }
    else if (ev.code === "ArrowRight") { ev.preventDefault(); send({ op: ev.shiftKey ? "epoch" : "step" }); }
    else if (ev.code === "ArrowLeft") { ev.preventDefault(); send({ op: "seek", k: Math.max(0, (state.frame?.k || 0) - 1) }); }
  });
  requestAnimationFrame(loop);
}
main();
