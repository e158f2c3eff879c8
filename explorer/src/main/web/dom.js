// Tiny DOM helpers: h('div.cls', {attrs}, ...children) builds elements; text is always set as text, never HTML.
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export const fmt = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n));

export function bytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = -1;
  do { v /= 1024; i++; } while (v >= 1024 && i < units.length - 1);
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

/** The hash link of a symbol page. */
export const symbolHref = (name) => `#/symbol/${encodeURIComponent(name)}`;

export function symbolLink(name, label) {
  return h('a.mono', { href: symbolHref(name), title: name }, label ?? name);
}

export function spinner(text = 'loading…') {
  return h('p.spinner', { role: 'status' }, text);
}

export function errorBox(e) {
  return h('p.error', { role: 'alert' }, e && e.message ? e.message : String(e));
}

/** Shows a status line in the footer (for screen readers too). */
export function status(text) {
  const el = document.getElementById('status');
  if (el) el.textContent = text;
}
