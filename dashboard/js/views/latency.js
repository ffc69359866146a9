// Latency percentiles over time for one component (p50/p95/p99 with its target), from dashboard.series.latency.
import { axis, describe, lastOf, maxOf, renderChart } from '../charts.js';
import { el, replace, table } from '../dom.js';
import * as f from '../format.js';

export function renderLatency({ canvas, tableContainer, select }, dashboard, components) {
  const series = dashboard.series;
  const names = series.latency.map((s) => s.component);
  syncOptions(select, names);
  const chosen = series.latency.find((s) => s.component === select.value) ?? series.latency[0];
  if (!chosen) {
    describe(canvas, 'No latency data in this window.');
    replace(tableContainer, el('p', { class: 'empty', text: 'No latency data in this window.' }));
    return;
  }
  const target = components.find((c) => c.component === chosen.component)?.targetMs ?? null;
  const labels = series.buckets.map((b) => f.bucketLabel(b, dashboard.window.bucketSeconds));
  const datasets = [
    line('p50', chosen.p50Ms, '#0a8a66'),
    line('p95', chosen.p95Ms, '#c45a00'),
    line('p99', chosen.p99Ms, '#b0307a'),
  ];
  if (target != null) {
    datasets.push({ label: `target ${f.ms(target)}`, data: labels.map(() => target), borderColor: '#a3161a', borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, fill: false });
  }
  renderChart(canvas, {
    type: 'line',
    data: { labels, datasets },
    options: {
      spanGaps: true, // sparse traffic leaves empty buckets; the table lists only measured ones
      scales: { x: axis(''), y: axis('milliseconds', { beginAtZero: true }) },
      plugins: { tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${f.ms(item.parsed.y)}` } } },
    },
  });
  describe(canvas, `${chosen.component} latency: latest p50 ${f.ms(lastOf(chosen.p50Ms))}, latest p95 ${f.ms(lastOf(chosen.p95Ms))}, `
    + `highest p95 ${f.ms(maxOf(chosen.p95Ms))}${target != null ? `, target ${f.ms(target)}` : ''}.`);

  const rows = series.buckets.map((bucket, i) => ({ bucket, p50: chosen.p50Ms[i], p95: chosen.p95Ms[i], p99: chosen.p99Ms[i] }))
    .filter((r) => r.p50 !== null || r.p95 !== null || r.p99 !== null);
  replace(tableContainer, table(`${chosen.component} latency per bucket`, [
    { header: 'Bucket', value: (r) => f.bucketLabel(r.bucket, dashboard.window.bucketSeconds) },
    { header: 'p50', value: (r) => f.ms(r.p50), numeric: true },
    { header: 'p95', value: (r) => f.ms(r.p95), numeric: true },
    { header: 'p99', value: (r) => f.ms(r.p99), numeric: true },
  ], rows, `No ${chosen.component} measurements in this window.`));
}

function line(label, data, colour) {
  return { label, data, borderColor: colour, backgroundColor: colour, borderWidth: 2, pointRadius: 2, tension: 0, fill: false };
}

function syncOptions(select, names) {
  const current = [...select.options].map((o) => o.value);
  if (current.join() === names.join()) return;
  const chosen = select.value || (names.includes('turn') ? 'turn' : names[0]);
  replace(select, names.map((n) => el('option', { value: n, text: n === 'turn' ? 'turn (total)' : n })));
  select.value = names.includes(chosen) ? chosen : names[0];
}
