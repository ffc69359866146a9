// One turn's stages as a timeline (GET /turns/{turnId}): floating bars from the turn's start, failed stages in red.
import { axis, describe, renderChart } from '../charts.js';
import { el, replace, table } from '../dom.js';
import * as f from '../format.js';

export function renderTurn({ canvas, summaryContainer, stagesContainer }, turn) {
  const start = Date.parse(turn.acceptedAt);
  const stages = turn.stages.map((s) => {
    const offset = Date.parse(s.startedAt) - start;
    return { ...s, from: offset, to: offset + s.durationMs };
  });
  // The whole turn as the last bar (question accepted → answer ready), so the gaps between stages show too.
  const rows = turn.totalMs == null ? stages : [...stages, {
    name: 'turn', from: 0, to: turn.totalMs, durationMs: turn.totalMs, attempts: null, whole: true,
    succeeded: !turn.errorCategory && !turn.timedOut, errorCategory: turn.errorCategory,
  }];
  renderChart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((s) => (s.attempts > 1 ? `${s.name} (${s.attempts} attempts)` : s.name)),
      datasets: [{
        label: 'stage duration',
        data: rows.map((s) => [s.from, s.to]),
        backgroundColor: rows.map((s) => (!s.succeeded ? '#d03c3c' : s.whole ? '#8a9bb0' : '#0b63a6')),
        borderSkipped: false,
      }],
    },
    options: {
      indexAxis: 'y',
      interaction: { mode: 'nearest', intersect: true },
      scales: { x: axis('ms since the question arrived', { beginAtZero: true }), y: axis('') },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${f.ms(rows[item.dataIndex].durationMs)} (from ${f.ms(rows[item.dataIndex].from)})` } },
      },
    },
  });
  describe(canvas, stages.length === 0
    ? 'This turn has no recorded stages.'
    : `Turn ${turn.turnId}: ${stages.map((s) => `${s.name} ${f.ms(s.durationMs)}${s.succeeded ? '' : ' failed'}`).join(', ')}; total ${f.ms(turn.totalMs)}.`);

  const facts = [
    ['Turn', turn.turnId], ['Call', turn.callSid], ['Caller', turn.caller ?? '–'], ['Language', turn.language],
    ['Status', turn.status], ['Total', f.ms(turn.totalMs)], ['Question at', f.dateTime(turn.acceptedAt)],
    ['Outcome', turn.outcome ?? '–'],
  ];
  if (turn.errorCategory) facts.push(['Error', `${f.words(turn.errorCategory)}${turn.errorStage ? ` in ${turn.errorStage}` : ''}`]);
  if (turn.timedOut) facts.push(['Deadline', 'missed (timed out)']);
  if (turn.audioFromCache != null) facts.push(['Audio', turn.audioFromCache ? 'from cache' : 'synthesized']);
  replace(summaryContainer,
    el('dl', { class: 'turn-facts' }, facts.map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', { text: v })))),
    turn.transcript ? el('p', { class: 'turn-text' }, el('strong', { text: 'Question: ' }), turn.transcript) : null,
    turn.answerText ? el('p', { class: 'turn-text' }, el('strong', { text: 'Answer: ' }), turn.answerText) : null);

  replace(stagesContainer, table('Stages', [
    { header: 'Stage', value: (s) => s.name },
    { header: 'Starts at', value: (s) => f.ms(s.from), numeric: true },
    { header: 'Duration', value: (s) => f.ms(s.durationMs), numeric: true },
    { header: 'Attempts', value: (s) => f.count(s.attempts), numeric: true },
    { header: 'Result', value: (s) => el('span', { class: `badge ${s.succeeded ? 'ok' : 'bad'}`, text: s.succeeded ? 'ok' : f.words(s.errorCategory ?? 'failed') }) },
    { header: 'Provider', value: (s) => [s.provider, s.model].filter(Boolean).join(' · ') || '–' },
  ], rows, 'This turn has no recorded stages.'));
}
