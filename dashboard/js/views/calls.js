// Recent calls (metrics.sessions.calls) and the sample turn ids the API points at (metrics.errors.top).
import { el, replace, table } from '../dom.js';
import * as f from '../format.js';
import { turnButtons } from './errors.js';

export function renderCalls({ callsContainer, samplesContainer }, sessions, errors, openTurn) {
  const samples = [...new Set(errors.top.flatMap((e) => e.sampleTurnIds))].slice(0, 12);
  replace(samplesContainer, samples.length
    ? el('p', {}, 'Sample turns from recent errors: ', turnButtons(samples, openTurn))
    : el('p', { class: 'empty', text: 'No failed turns to sample in this window; open any turn by its id above.' }));

  const t = sessions.totals;
  const caption = `${f.count(t.calls)} calls, ${f.number(t.turnsPerCall)} turns per call, call success ${f.rate(t.successRate)}`
    + `${sessions.callsTruncated ? ` (latest ${sessions.calls.length} shown)` : ''}`;
  replace(callsContainer, table(caption, [
    { header: 'Started', value: (c) => f.dateTime(c.startedAt) },
    { header: 'Call', value: (c) => el('code', { text: shortId(c.callSid), title: c.callSid }) },
    { header: 'Caller', value: (c) => c.caller ?? '–' },
    { header: 'Language', value: (c) => c.language ?? '–' },
    { header: 'Duration', value: (c) => (c.durationSeconds == null ? '–' : `${f.number(c.durationSeconds)} s`), numeric: true },
    { header: 'Turns', value: (c) => f.count(c.turns), numeric: true },
    { header: 'Outcome', value: (c) => outcome(c) },
  ], sessions.calls, 'No calls in this window.'));
}

function outcome(call) {
  if (call.success === true) return el('span', { class: 'badge ok', text: call.status ?? 'ok' });
  if (call.success === false) return el('span', { class: 'badge bad', text: call.status ? `${call.status}, a turn failed` : 'failed' });
  return el('span', { class: 'badge none', text: call.status ?? 'in progress' });
}

function shortId(id) {
  return id && id.length > 14 ? `${id.slice(0, 12)}…` : id;
}
