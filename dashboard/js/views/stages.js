// Stage breakdown per component against its target, from GET /performance/metrics (components).
import { axis, describe, renderChart } from '../charts.js';
import { replace, table, targetBadge } from '../dom.js';
import * as f from '../format.js';

export function renderStages({ canvas, tableContainer }, components) {
  const measured = components.filter((c) => c.count > 0 || c.targetMs != null);
  renderChart(canvas, {
    type: 'bar',
    data: {
      labels: measured.map((c) => c.component),
      datasets: [
        { label: 'p50', data: measured.map((c) => c.p50Ms), backgroundColor: '#0a8a66' },
        { label: 'p95', data: measured.map((c) => c.p95Ms), backgroundColor: '#c45a00' },
        {
          type: 'line', label: 'target', data: measured.map((c) => c.targetMs), showLine: false,
          pointStyle: 'line', pointRadius: 18, pointHoverRadius: 18, pointBorderWidth: 3, borderColor: '#a3161a', backgroundColor: '#a3161a',
        },
      ],
    },
    options: {
      scales: { x: axis(''), y: axis('milliseconds', { beginAtZero: true }) },
      plugins: { tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${f.ms(item.parsed.y)}` } } },
    },
  });
  const missed = measured.filter((c) => c.met === false).map((c) => c.component);
  describe(canvas, measured.length === 0
    ? 'No stage measurements in this window.'
    : `p50 and p95 per stage. ${missed.length ? `Over target: ${missed.join(', ')}.` : 'No stage is over its target.'} `
      + measured.map((c) => `${c.component} p95 ${f.ms(c.p95Ms)}${c.targetMs != null ? ` (target ${f.ms(c.targetMs)})` : ''}`).join('; '));

  replace(tableContainer, table('Per stage', [
    { header: 'Stage', value: (c) => c.component },
    { header: 'Count', value: (c) => f.count(c.count), numeric: true },
    { header: 'Success', value: (c) => f.rate(c.successRate), numeric: true },
    { header: 'Avg', value: (c) => f.ms(c.avgMs), numeric: true },
    { header: 'p50', value: (c) => f.ms(c.p50Ms), numeric: true },
    { header: 'p95', value: (c) => f.ms(c.p95Ms), numeric: true },
    { header: 'p99', value: (c) => f.ms(c.p99Ms), numeric: true },
    { header: 'Max', value: (c) => f.ms(c.maxMs), numeric: true },
    { header: 'Target', value: (c) => f.ms(c.targetMs), numeric: true },
    { header: 'p95 vs target', value: (c) => (c.targetMs == null ? '–' : targetBadge(c.met, 'met', 'over')) },
  ], components));
}
