// Firing and recently resolved alerts, from metrics.alerts.
import { el, replace } from '../dom.js';
import * as f from '../format.js';

function item(alert) {
  const resolved = alert.state === 'resolved';
  const title = `${f.words(alert.rule)}${alert.subject ? ` · ${alert.subject}` : ''}`;
  return el('li', { class: `alert-item ${resolved ? 'resolved' : alert.severity}`, dataset: { rule: alert.rule, state: alert.state } },
    el('h3', {}, el('span', { class: `badge ${resolved ? 'ok' : alert.severity === 'critical' ? 'bad' : 'warn'}`,
      text: resolved ? 'resolved' : `${alert.severity} · firing` }), ` ${title}`),
    el('p', { text: alert.message }),
    el('p', { class: 'suggestion', text: `What to do: ${alert.suggestion}` }),
    el('p', { class: 'suggestion' },
      `Since ${f.dateTime(alert.since)}${resolved ? `, resolved ${f.dateTime(alert.resolvedAt)}` : ''}; `
      + `value ${f.inUnit(alert.value, alert.unit)}, threshold ${f.inUnit(alert.threshold, alert.unit)}`));
}

export function renderAlerts(container, alerts) {
  const firing = alerts.firing.length
    ? el('ul', { class: 'alert-list', 'aria-label': 'Firing alerts' }, alerts.firing.map(item))
    : el('p', { class: 'empty', text: 'No alert is firing.' });
  const resolved = alerts.recentlyResolved.length
    ? el('ul', { class: 'alert-list', 'aria-label': 'Recently resolved alerts' }, alerts.recentlyResolved.map(item))
    : el('p', { class: 'empty', text: 'None resolved in this window.' });
  replace(container,
    el('h3', { text: `Firing (${alerts.firing.length})` }), firing,
    el('h3', { class: 'spaced', text: `Recently resolved (${alerts.recentlyResolved.length})` }), resolved);
}
