// Small DOM helpers: build elements without innerHTML, so API text is never parsed as markup.

/** Creates an element; attrs may hold `class`, `text`, `dataset`, event-free attributes; children are nodes or strings. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Replaces a container's children. */
export function replace(container, ...children) {
  container.replaceChildren(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
}

/**
 * A table from column definitions `{ header, value: row => text|Node, numeric? }`.
 * Numeric columns are right-aligned; an empty list shows `emptyText` instead.
 */
export function table(caption, columns, rows, emptyText = 'No data in this window.') {
  if (!rows || rows.length === 0) return el('p', { class: 'empty', text: emptyText });
  const head = el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.numeric ? 'num' : undefined, text: c.header })));
  const body = rows.map((row) => el('tr', {}, columns.map((c, i) => {
    const value = c.value(row);
    const cell = el(i === 0 ? 'th' : 'td', { class: c.numeric ? 'num' : undefined, scope: i === 0 ? 'row' : undefined });
    cell.append(value instanceof Node ? value : String(value ?? '–'));
    return cell;
  })));
  return el('table', {}, caption ? el('caption', { text: caption }) : null, el('thead', {}, head), el('tbody', {}, body));
}

/** A pass/fail badge; `met` null means there was nothing to compare. */
export function targetBadge(met, okText = 'meets target', badText = 'misses target') {
  if (met === true) return el('span', { class: 'badge ok', text: `✓ ${okText}` });
  if (met === false) return el('span', { class: 'badge bad', text: `✗ ${badText}` });
  return el('span', { class: 'badge none', text: 'no data' });
}
