// Error categories with recovery suggestions and the top errors with sample turns, from metrics.errors.
import { el, replace, table } from '../dom.js';
import * as f from '../format.js';

/** @param {(turnId: string) => void} openTurn */
export function renderErrors(container, errors, openTurn) {
  const summary = el('p', {}, `${f.count(errors.total)} errors in the window; error rate ${f.rate(errors.errorRate)}.`);
  const categories = table('By category', [
    { header: 'Category', value: (c) => el('span', { title: c.category, text: c.title || f.words(c.category) }) },
    { header: 'Count', value: (c) => f.count(c.count), numeric: true },
    { header: 'Fault', value: (c) => `${c.fault}${c.retryable ? ', retryable' : ''}` },
    { header: 'What to do', value: (c) => el('span', { class: 'suggestion', text: c.suggestion }) },
  ], errors.categories, 'No errors in this window.');
  const top = table('Top errors', [
    { header: 'Error', value: (e) => `${f.words(e.category)} in ${e.component}${e.provider ? ` (${e.provider})` : ''}` },
    { header: 'Count', value: (e) => f.count(e.count), numeric: true },
    { header: 'Last', value: (e) => f.dateTime(e.lastOccurred) },
    { header: 'Detail', value: (e) => e.sampleDetail ?? '–' },
    { header: 'Sample turns', value: (e) => turnButtons(e.sampleTurnIds, openTurn) },
    { header: 'What to do', value: (e) => el('span', { class: 'suggestion', text: e.suggestion }) },
  ], errors.top, 'No errors in this window.');
  replace(container, summary, el('div', { class: 'table-scroll' }, categories), el('div', { class: 'table-scroll' }, top));
}

export function turnButtons(turnIds, openTurn) {
  if (!turnIds?.length) return '–';
  return el('span', { class: 'sample-turns' }, turnIds.map((id) => {
    const button = el('button', { type: 'button', class: 'link', dataset: { turnId: id }, 'aria-label': `Open turn ${id}`, text: id });
    button.addEventListener('click', () => openTurn(id));
    return button;
  }));
}
