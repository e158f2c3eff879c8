// The explorer's only way to the data: GET /api/ENDPOINT?params on the same origin. Every answer is a page or an
// aggregate (the explorer never asks for the whole graph). Expensive questions (the server caps how many run at
// once and answers 429 beyond) go through a queue that runs one at a time and retries on 429 after Retry-After.
import { status } from './dom.js';

const EXPENSIVE = new Set(['pagerank', 'cycles', 'dead', 'effects', 'path', 'query', 'diff', 'degrees']);
const TOKEN_KEY = 'graphsnap.token';
const cache = new Map(); // url -> answer, for the snapshot in `snapshot`
let snapshot = null;
const snapshotListeners = [];

export class ApiError extends Error {
  constructor(status, message, endpoint) {
    super(message);
    this.status = status;
    this.endpoint = endpoint;
  }
}

/** Called with the new snapshot id whenever answers start coming from another snapshot. */
export function onSnapshot(listener) {
  snapshotListeners.push(listener);
}

export function currentSnapshot() {
  return snapshot;
}

export function url(endpoint, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v == null || v === false || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else q.append(k, v === true ? 'true' : String(v));
  }
  const s = q.toString();
  return `/api/${endpoint}${s ? `?${s}` : ''}`;
}

let queue = Promise.resolve();

/** The answer of /api/ENDPOINT for params (cached per snapshot). Throws ApiError with the server's message. */
export function api(endpoint, params = {}, { signal, expensive } = {}) {
  const u = url(endpoint, params);
  if (cache.has(u)) return Promise.resolve(cache.get(u));
  const isExpensive = expensive ?? (EXPENSIVE.has(endpoint) || (endpoint === 'reach' && params.depth == null));
  const run = () => fetchJson(u, endpoint, signal);
  if (!isExpensive) return run();
  const p = queue.then(run, run);
  queue = p.catch(() => {});
  return p;
}

async function fetchJson(u, endpoint, signal) {
  for (let attempt = 0; ; attempt++) {
    if (signal && signal.aborted) throw new DOMException('aborted', 'AbortError');
    const headers = {};
    const cookie = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('graphsnap-token='));
    const token = sessionStorage.getItem(TOKEN_KEY) || (cookie ? cookie.slice('graphsnap-token='.length) : null);
    if (token) headers.Authorization = `Bearer ${token}`;
    if (EXPENSIVE.has(endpoint)) status(`asking ${endpoint}…`);
    const r = await fetch(u, { headers, signal, cache: 'no-store' });
    if (r.status === 429 && attempt < 30) {
      const wait = Number(r.headers.get('Retry-After') || '1') * 1000;
      status(`${endpoint}: the server is busy, retrying…`);
      await new Promise((res) => setTimeout(res, Math.min(wait, 5000)));
      continue;
    }
    if (r.status === 401 && attempt < 2) {
      const t = window.prompt('This server needs a bearer token (graphsnap serve --token-file). Token:');
      if (t) {
        sessionStorage.setItem(TOKEN_KEY, t.trim());
        continue;
      }
    }
    let body;
    try {
      body = await r.json();
    } catch {
      throw new ApiError(r.status, `${endpoint}: HTTP ${r.status} (not JSON)`, endpoint);
    }
    if (EXPENSIVE.has(endpoint)) status('');
    if (!r.ok) throw new ApiError(r.status, body && body.error ? body.error : `HTTP ${r.status}`, endpoint);
    const id = r.headers.get('Graphsnap-Snapshot');
    if (id && id !== snapshot) {
      const first = snapshot == null;
      snapshot = id;
      cache.clear();
      snapshotListeners.forEach((l) => l(id, first));
    }
    if (cache.size > 500) cache.clear();
    cache.set(u, body);
    return body;
  }
}

// Name search: /api/search (graphsnap search: part of a name ignoring case, camel humps, or the nearest names),
// best first; rows {name, kind, file?, lines?}.
export async function searchNames(text, { limit = 12, signal } = {}) {
  const t = text.trim();
  if (!t) return [];
  try {
    return await api('search', { q: t, limit }, { signal, expensive: false });
  } catch (e) {
    if (e.status === 404 && !/no endpoint/.test(e.message)) return []; // nothing found
    throw e;
  }
}
