// A combobox with name suggestions as you type (WAI-ARIA combobox pattern): ArrowDown/ArrowUp move through the
// suggestions, Enter picks the highlighted one (or submits the text), Escape closes the list.
import { h, clear } from './dom.js';
import { searchNames } from './api.js';

let counter = 0;

/**
 * @param {object} o
 * @param {string} o.label accessible label
 * @param {string} [o.value] initial text
 * @param {(name: string) => void} o.onPick called with the chosen symbol name
 * @param {(text: string) => void} [o.onSubmit] Enter without a highlighted suggestion (default: pick the text)
 */
export function nameInput({ label, value = '', placeholder = 'Search symbols…', onPick, onSubmit, id }) {
  const listId = `suggest-${++counter}`;
  const input = h('input', {
    type: 'search', role: 'combobox', 'aria-label': label, 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': listId, autocomplete: 'off', spellcheck: 'false', placeholder, id,
  });
  input.value = value;
  const list = h('ul.suggestions', { id: listId, role: 'listbox', hidden: true });
  const box = h('div.combo', input, list);
  let items = [];
  let active = -1;
  let timer = null;
  let controller = null;

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(i) {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0 && list.children[i]) {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function pick(name) {
    input.value = name;
    close();
    onPick(name);
  }

  function render(rows, text) {
    clear(list);
    items = rows;
    rows.forEach((r, i) => {
      const li = h('li', { id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false' },
        h('span.name.mono', r.name), h('span.kind', r.kind || ''));
      li.addEventListener('mousedown', (e) => { e.preventDefault(); pick(r.name); });
      list.append(li);
    });
    if (!rows.length) list.append(h('li.muted', { role: 'option', 'aria-disabled': 'true' }, `nothing matches “${text}”`));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  }

  async function update() {
    const text = input.value;
    if (controller) controller.abort();
    if (text.trim().length < 2) { close(); return; }
    controller = new AbortController();
    try {
      const rows = await searchNames(text, { limit: 12, signal: controller.signal });
      if (input.value === text && document.activeElement === input) render(rows, text);
    } catch (e) {
      if (e.name !== 'AbortError') render([], `${text}” (${e.message})`);
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      if (list.hidden) update();
      else highlight(Math.min(items.length - 1, active + 1));
      e.preventDefault();
    } else if (e.key === 'ArrowUp') {
      highlight(Math.max(-1, active - 1));
      e.preventDefault();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (active >= 0 && items[active]) pick(items[active].name);
      else if (input.value.trim()) { close(); (onSubmit || onPick)(input.value.trim()); }
    } else if (e.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  return { element: box, input };
}
