// Plain SVG charts (no library): horizontal bars and a log-log scatter.
const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text != null) e.textContent = text;
  return e;
}

/** Horizontal bars: rows [{label, value}], largest first; format(value) labels each bar. */
export function barChart(rows, { title, format = String, colour = '#2f6fdf' } = {}) {
  const sorted = [...rows].sort((a, b) => b.value - a.value);
  const barH = 18;
  const labelW = 170;
  const width = 640;
  const height = sorted.length * (barH + 6) + 10;
  const max = Math.max(1, ...sorted.map((r) => r.value));
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title || 'bar chart' });
  if (title) svg.append(el('title', {}, title));
  sorted.forEach((r, i) => {
    const y = 5 + i * (barH + 6);
    const w = Math.max(1, ((width - labelW - 110) * r.value) / max);
    svg.append(el('text', { x: labelW - 6, y: y + barH - 5, 'text-anchor': 'end' }, r.label));
    svg.append(el('rect', { x: labelW, y, width: w, height: barH, fill: colour, rx: 2 }));
    svg.append(el('text', { x: labelW + w + 5, y: y + barH - 5 }, format(r.value)));
  });
  return svg;
}

/** Log-log scatter of series [{name, colour, points: [{x, y}]}] (points with x or y < 1 are left out). */
export function logLogChart(series, { title, xLabel = 'x', yLabel = 'y' } = {}) {
  const width = 640;
  const height = 340;
  const m = { l: 56, r: 16, t: 14, b: 40 };
  const all = series.flatMap((s) => s.points).filter((p) => p.x >= 1 && p.y >= 1);
  const maxX = Math.max(10, ...all.map((p) => p.x));
  const maxY = Math.max(10, ...all.map((p) => p.y));
  const lx = (x) => m.l + ((width - m.l - m.r) * Math.log10(x)) / Math.log10(maxX);
  const ly = (y) => height - m.b - ((height - m.t - m.b) * Math.log10(y)) / Math.log10(maxY);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title || 'log-log chart' });
  if (title) svg.append(el('title', {}, title));
  svg.append(el('line', { x1: m.l, y1: height - m.b, x2: width - m.r, y2: height - m.b, stroke: '#999' }));
  svg.append(el('line', { x1: m.l, y1: m.t, x2: m.l, y2: height - m.b, stroke: '#999' }));
  for (let d = 1; d <= maxX; d *= 10) {
    svg.append(el('line', { x1: lx(d), y1: height - m.b, x2: lx(d), y2: height - m.b + 4, stroke: '#999' }));
    svg.append(el('text', { x: lx(d), y: height - m.b + 16, 'text-anchor': 'middle' }, d.toLocaleString('en-US')));
  }
  for (let d = 1; d <= maxY; d *= 10) {
    svg.append(el('line', { x1: m.l - 4, y1: ly(d), x2: m.l, y2: ly(d), stroke: '#999' }));
    svg.append(el('text', { x: m.l - 7, y: ly(d) + 4, 'text-anchor': 'end' }, d.toLocaleString('en-US')));
  }
  svg.append(el('text', { x: (width + m.l) / 2, y: height - 6, 'text-anchor': 'middle' }, xLabel));
  svg.append(el('text', { x: 12, y: (height - m.b) / 2, transform: `rotate(-90 12 ${(height - m.b) / 2})`, 'text-anchor': 'middle' }, yLabel));
  series.forEach((s, i) => {
    for (const p of s.points) {
      if (p.x < 1 || p.y < 1) continue;
      const c = el('circle', { cx: lx(p.x), cy: ly(p.y), r: 3, fill: s.colour, 'fill-opacity': 0.7 });
      c.append(el('title', {}, `${s.name}: ${p.y.toLocaleString('en-US')} symbols with degree ${p.x.toLocaleString('en-US')}`));
      svg.append(c);
    }
    svg.append(el('circle', { cx: width - m.r - 110, cy: m.t + 8 + i * 16, r: 4, fill: s.colour }));
    svg.append(el('text', { x: width - m.r - 100, y: m.t + 12 + i * 16 }, s.name));
  });
  return svg;
}
