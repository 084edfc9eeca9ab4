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
const vec = (a) => "(" + a.map(fmt).join(", ") + ")";
const t = (k) => TEXT[state.lang][k] ?? k;

function applyLang() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  $("#lang").textContent = state.lang === "es" ? "EN" : "ES";
  document.querySelectorAll("option[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  $("#play").textContent = state.frame?.playing ? t("pause") : t("play");
  if (state.frame) render(state.frame);
  if (lastError) showError(lastError);
}

function send(msg) { if (ws && ws.readyState === 1) ws.send(JSON.stringify(msg)); }

function syncUrl() {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(settings)) q.set(k, v);
  q.set("lang", state.lang);
  if (state.frame) q.set("k", state.frame.k);
  if (query.get("hide")) q.set("hide", query.get("hide"));
  history.replaceState(null, "", base + "?" + q.toString());
}

// an error: its kind's label and its text, both in the page's language
function errorText(info) {
  if (!info) return "";
  const msg = info.code && TEXT[state.lang]["e_" + info.code] ? TEXT[state.lang]["e_" + info.code](info.args || {}) : info.message;
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
    if (el.type === "checkbox") el.checked = !!v; else el.value = v;
  }
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
  const lines = margin ? t("pseudomargin") : t("pseudoerror");
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
  if (F.safe_rate) out.push(`<div>${t("stable")}: 0 < η ≤ <span id="safe">${fmt(F.safe_rate)}</span> (1/(cB))</div>`);
  return out.join("");
}

function curves(f) {
  const c = f.curves; if (!c || !c.epoch) return;
  const score = state.points?.task === "regression" ? t("r2") : t("accuracy");
  const series = [["train_loss", `${t("loss")} ${t("train")}`, "#c0392b", "loss"], ["test_loss", `${t("loss")} ${t("test")}`, "#e59866", "loss"],
    ["train_score", `${score} ${t("train")}`, "#1f5fa8", "score"], ["test_score", `${score} ${t("test")}`, "#85c1e9", "score"]].filter(([k]) => c[k]);
  const num = (v) => (typeof v === "number" ? v : null);
  const data = [c.epoch, ...series.map(([k]) => c[k].map(num))];
  const key = series.map((s) => s[1]).join("|");
  if (!plot || plot._key !== key) {
    plot?.destroy();
    plot = new uPlot({ width: 520, height: 200, scales: { x: { time: false }, loss: {}, score: state.points?.task === "regression" ? {} : { range: [0, 1] } },
      axes: [{ label: t("epoch") }, { scale: "loss", label: t("loss"), size: 70 }, { scale: "score", label: score, side: 1, size: 60, grid: { show: false } }],
      series: [{ label: t("epoch") }, ...series.map(([, label, stroke, scale]) => ({ label, stroke, scale, width: 2 }))] }, data, $("#curves"));
    plot._key = key;
  } else plot.setData(data);
}

function render(f) {
  const info = f.error_info || (f.error ? { message: f.error, kind: "settings" } : null);
  lastError = null;
  showError(info, f.facts?.safe_rate);
  $("#notes").textContent = f.notice ? (TEXT[state.lang]["n_" + f.notice.code]?.(f.notice.args) ?? f.notice.message) : "";
  if (!f.grid) { state.drawn++; return; }
  $("#weights").innerHTML = `<div class="num">w = <span id="w">${vec(f.w)}</span></div><div class="num">b = <span id="b">${fmt(f.b)}</span></div>
    <div><label>w<sub>1</sub> <input id="ew0" size="7" value="${fmt(f.w[0])}"></label>${f.w.length > 1 ? ` <label>w<sub>2</sub> <input id="ew1" size="7" value="${fmt(f.w[1])}"></label>` : ""}
    <label>b <input id="eb" size="7" value="${fmt(f.b)}"></label> <button id="edit">✎</button></div>`;
  $("#edit").onclick = () => send({ op: "edit", w: f.w.map((_, i) => +$("#ew" + i).value), b: +$("#eb").value });
  $("#rule").innerHTML = ruleHtml(f);
  $("#pseudo").innerHTML = pseudo(f);
  $("#facts").innerHTML = factsHtml(f);
  const m = f.metrics || {}, score = state.points?.task === "regression" ? t("r2") : t("accuracy");
  $("#metrics").innerHTML = `<div>${t("loss")}: ${t("train")} <span id="loss">${fmt(m.train_loss)}</span>, ${t("test")} ${fmt(m.test_loss)}</div>
    <div>${score}: ${t("train")} <span id="score">${fmt(m.train_score)}</span>, ${t("test")} ${fmt(m.test_score)}${state.points?.task === "regression" ? "" : `; ${t("wrong")}: ${f.wrong.length}`}</div>`;
  $("#notes").textContent = [$("#notes").textContent, ...(f.notes || [])].filter(Boolean).join(" · ");
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
      send({ op: "set", params: initial });
      const k = +(query.get("k") || 0);
      if (k > 0) send({ op: "step", n: k });
    } else if (m.type === "frame") onFrame(m);
    else if (m.type === "error") { lastError = m; showError(m); }
  };
}

async function showExport(kind) {
  const r = await fetch(`export/${kind}?session=${state.session}`);
  const text = await r.text();
  $("#xout").textContent = r.ok ? text : JSON.parse(text).error;
}

async function main() {
  const cfg = await (await fetch("config")).json();
  state.lang = query.get("lang") || cfg.lang || "es";
  if (query.get("hide")) document.body.classList.add("hide");
  const sel = $("#dataset");
  for (const name of ["and", "or", "not", "nand", "nor", "xor", "iris-2", "blobs", "linear", "line", "xor-blobs", "upload"]) sel.add(new Option(name, name));
  const initial = { ...cfg.initial };
  for (const [k, v] of query) if (!["lang", "hide", "k"].includes(k)) initial[k] = v;
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
  $("#speed").onchange = (ev) => send({ op: "speed", n: +ev.target.value });
  $("#lang").onclick = () => { state.lang = state.lang === "es" ? "en" : "es"; applyLang(); syncUrl(); };
  $("#xpy").onclick = () => showExport("python");
  $("#xcli").onclick = () => showExport("cli");
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
    if (!r.ok) { lastError = { message: out.error, kind: "upload" }; showError(lastError); return; }
    send({ op: "frame" });
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.target.closest("input, select, textarea")) return;
    if (ev.code === "Space") { ev.preventDefault(); $("#play").click(); }
    else if (ev.code === "ArrowRight") { ev.preventDefault(); send({ op: ev.shiftKey ? "epoch" : "step" }); }
    else if (ev.code === "ArrowLeft") { ev.preventDefault(); send({ op: "seek", k: Math.max(0, (state.frame?.k || 0) - 1) }); }
  });
  requestAnimationFrame(loop);
}
main();
