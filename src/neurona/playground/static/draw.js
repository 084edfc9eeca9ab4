// Canvas 2D drawing of one frame: the heatmap of decision_function, the boundary, the rows.
const NEG = [230, 126, 34], POS = [52, 120, 200];

function decode(b64, n) {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new Float32Array(bytes.buffer, 0, n * n);
}

export function toData(canvas, grid, px, py) {
  const x = grid.x0 + (px / canvas.width) * (grid.x1 - grid.x0);
  const y = grid.y1 - (py / canvas.height) * (grid.y1 - grid.y0);
  return [x, y];
}

let layer = null;

// The rows, drawn once per data set and axes (10⁴ dots cost more than a frame may).
function pointsLayer(points, g, W, H, sx, sy, regression) {
  const key = [g.x0, g.x1, g.y0, g.y1, W, H].join();
  if (layer && layer.points === points && layer.key === key) return layer.canvas;
  const canvas = new OffscreenCanvas(W, H), ctx = canvas.getContext("2d");
  const big = points.X.length > 500;
  const groups = [["rgb(192,90,0)", "#fff", false, 0], ["rgb(31,95,168)", "#fff", false, 1], ["#333", "#fff", false, null]];
  const path = (rows, ys, keep, test) => {
    ctx.beginPath();
    rows.forEach((r, i) => {
      if (!keep(ys[i])) return;
      const X = sx(r[0]), Y = sy(regression ? ys[i] : r[1] ?? 0), rad = test ? 3 : big ? 2.5 : 4.5;
      ctx.moveTo(X + rad, Y); ctx.arc(X, Y, rad, 0, 2 * Math.PI);
    });
  };
  for (const [fill, , , cls] of groups) {
    const keep = regression ? () => cls === null : (c) => c === cls;
    if (regression !== (cls === null)) continue;
    path(points.X, points.y, keep, false);
    ctx.fillStyle = fill; ctx.fill();
    if (!big) { ctx.strokeStyle = "#fff"; ctx.stroke(); }  // white rims only on few dots (10⁴ rims hide the fill)
    path(points.X_test, points.y_test, keep, true);
    ctx.strokeStyle = fill; ctx.lineWidth = 1.5; ctx.stroke(); ctx.lineWidth = 1;
  }
  layer = { points, key, canvas };
  return canvas;
}

export function draw(canvas, frame, points, optimum) {
  const ctx = canvas.getContext("2d");
  const g = frame.grid, W = canvas.width, H = canvas.height;
  const sx = (x) => ((x - g.x0) / (g.x1 - g.x0)) * W;
  const sy = (y) => H - ((y - g.y0) / (g.y1 - g.y0)) * H;
  ctx.clearRect(0, 0, W, H);
  const regression = points.task === "regression";
  if (!regression && g.z) {
    const n = g.n, z = decode(g.z, n), img = new ImageData(n, n);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
      const v = z[r * n + c], a = Math.min(1, Math.abs(v) / (g.scale || 1));
      const col = v > 0 ? POS : NEG, i = ((n - 1 - r) * n + c) * 4;
      img.data[i] = 255 - (255 - col[0]) * (0.15 + 0.45 * a);
      img.data[i + 1] = 255 - (255 - col[1]) * (0.15 + 0.45 * a);
      img.data[i + 2] = 255 - (255 - col[2]) * (0.15 + 0.45 * a);
      img.data[i + 3] = 255;
    }
    const off = new OffscreenCanvas(n, n);
    off.getContext("2d").putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(off, 0, 0, W, H);
    // the boundary: cells where decision_function changes sign
    ctx.fillStyle = "#111";
    const cw = W / (n - 1), ch = H / (n - 1);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
      const v = z[r * n + c];
      if ((c + 1 < n && (v > 0) !== (z[r * n + c + 1] > 0)) || (r + 1 < n && (v > 0) !== (z[(r + 1) * n + c] > 0)))
        ctx.fillRect(c * cw - 1, H - r * ch - 1, 2.5, 2.5);
    }
  }
  if (optimum) {  // the closed form's line, dashed
    ctx.save(); ctx.setLineDash([6, 4]); ctx.strokeStyle = "#2e7d32"; ctx.lineWidth = 2;
    ctx.beginPath();
    if (regression) {
      ctx.moveTo(0, sy(optimum.w[0] * g.x0 + optimum.b));
      ctx.lineTo(W, sy(optimum.w[0] * g.x1 + optimum.b));
    } else if (Math.abs(optimum.w[1]) > 1e-12) {
      const y = (x) => -(optimum.w[0] * x + optimum.b) / optimum.w[1];
      ctx.moveTo(0, sy(y(g.x0))); ctx.lineTo(W, sy(y(g.x1)));
    }
    ctx.stroke(); ctx.restore();
  }
  if (regression && g.line) {
    ctx.strokeStyle = "#1f5fa8"; ctx.lineWidth = 2; ctx.beginPath();
    g.line.forEach((v, i) => {
      const x = g.x0 + (i / (g.line.length - 1)) * (g.x1 - g.x0);
      i ? ctx.lineTo(sx(x), sy(v ?? 0)) : ctx.moveTo(sx(x), sy(v ?? 0));
    });
    ctx.stroke();
  }
  ctx.drawImage(pointsLayer(points, g, W, H, sx, sy, regression), 0, 0);
  const wrong = frame.wrong || [];
  if (wrong.length) {  // misclassified: red rings (red squares beyond 400 rows: cheaper)
    ctx.strokeStyle = ctx.fillStyle = "#d00";
    if (wrong.length > 400) {
      for (const i of wrong) {
        const r = points.X[i];
        ctx.fillRect(sx(r[0]) - 1.5, sy(regression ? points.y[i] : r[1] ?? 0) - 1.5, 3, 3);
      }
    } else {
      ctx.beginPath();
      for (const i of wrong) {
        const r = points.X[i], X = sx(r[0]), Y = sy(regression ? points.y[i] : r[1] ?? 0);
        ctx.moveTo(X + 7, Y); ctx.arc(X, Y, 7, 0, 2 * Math.PI);
      }
      ctx.lineWidth = 1.5; ctx.stroke(); ctx.lineWidth = 1;
    }
  }
  if (frame.explain && frame.explain.n_rows === 1) {  // the current row
    const x = frame.explain.x;
    ctx.beginPath(); ctx.arc(sx(x[0]), sy(regression ? points.y[frame.explain.rows[0]] : x[1] ?? 0), 11, 0, 2 * Math.PI);
    ctx.strokeStyle = "#000"; ctx.lineWidth = 2; ctx.stroke(); ctx.lineWidth = 1;
  }
}
