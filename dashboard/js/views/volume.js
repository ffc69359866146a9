// Turns and errors per bucket, from dashboard.series.
import { axis, describe, renderChart } from '../charts.js';
import { replace, table } from '../dom.js';
import * as f from '../format.js';

export function renderVolume({ canvas, tableContainer }, dashboard) {
  const { buckets, turns, errors } = dashboard.series;
  const labels = buckets.map((b) => f.bucketLabel(b, dashboard.window.bucketSeconds));
  renderChart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'turns', data: turns, backgroundColor: '#0b63a6' },
        { label: 'errors', data: errors, backgroundColor: '#d03c3c' },
      ],
    },
    options: { scales: { x: axis(''), y: axis('count', { beginAtZero: true, ticks: { precision: 0, color: '#4a5566' } }) } },
  });
  const totalTurns = turns.reduce((a, b) => a + b, 0);
  const totalErrors = errors.reduce((a, b) => a + b, 0);
  describe(canvas, `${f.count(totalTurns)} turns and ${f.count(totalErrors)} errors over ${buckets.length} buckets.`);
  const rows = buckets.map((bucket, i) => ({ bucket, turns: turns[i], errors: errors[i] })).filter((r) => r.turns || r.errors);
  replace(tableContainer, table('Turns and errors per bucket', [
    { header: 'Bucket', value: (r) => f.bucketLabel(r.bucket, dashboard.window.bucketSeconds) },
    { header: 'Turns', value: (r) => f.count(r.turns), numeric: true },
    { header: 'Errors', value: (r) => f.count(r.errors), numeric: true },
  ], rows));
}

/** Peak concurrent calls per bucket (dashboard.series.concurrentCallsPeak). */
export function renderConcurrency({ canvas, tableContainer }, dashboard) {
  const { buckets, concurrentCallsPeak } = dashboard.series;
  renderChart(canvas, {
    type: 'line',
    data: {
      labels: buckets.map((b) => f.bucketLabel(b, dashboard.window.bucketSeconds)),
      datasets: [{ label: 'peak concurrent calls', data: concurrentCallsPeak, borderColor: '#6a51a3', backgroundColor: 'rgba(106, 81, 163, 0.15)', fill: true, stepped: true, pointRadius: 0, borderWidth: 2 }],
    },
    options: { scales: { x: axis(''), y: axis('calls', { beginAtZero: true, ticks: { precision: 0, color: '#4a5566' } }) } },
  });
  const k = dashboard.kpis;
  describe(canvas, `Concurrent calls: ${f.count(k.concurrentCallsNow)} now, peak ${f.count(k.concurrentCallsPeak)} in the window.`);
  const rows = buckets.map((bucket, i) => ({ bucket, peak: concurrentCallsPeak[i] })).filter((r) => r.peak);
  replace(tableContainer, table('Peak concurrent calls per bucket', [
    { header: 'Bucket', value: (r) => f.bucketLabel(r.bucket, dashboard.window.bucketSeconds) },
    { header: 'Peak', value: (r) => f.count(r.peak), numeric: true },
  ], rows));
}
