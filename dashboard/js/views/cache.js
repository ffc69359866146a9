// Cache hit rates over time (dashboard.series.cacheHitRates) and against targets (metrics.cache).
import { axis, colourFor, describe, renderChart } from '../charts.js';
import { replace, table, targetBadge } from '../dom.js';
import * as f from '../format.js';

export function renderCache({ canvas, tableContainer }, dashboard, cache) {
  const { buckets, cacheHitRates } = dashboard.series;
  const labels = buckets.map((b) => f.bucketLabel(b, dashboard.window.bucketSeconds));
  const datasets = cacheHitRates.map((s, i) => ({
    label: `${s.kind} hit rate`, data: s.hitRate.map((v) => (v == null ? null : v * 100)),
    borderColor: colourFor(s.kind, i), backgroundColor: colourFor(s.kind, i), borderWidth: 2, pointRadius: 2, fill: false,
  }));
  cacheHitRates.forEach((s, i) => {
    const target = cache.caches.find((c) => c.kind === s.kind)?.target;
    if (target != null) {
      datasets.push({ label: `${s.kind} target`, data: labels.map(() => target * 100), borderColor: colourFor(s.kind, i), borderDash: [6, 4], borderWidth: 1, pointRadius: 0, fill: false });
    }
  });
  renderChart(canvas, {
    type: 'line',
    data: { labels, datasets },
    options: {
      scales: { x: axis(''), y: axis('hit rate %', { min: 0, max: 100 }) },
      plugins: { tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${f.number(item.parsed.y)}%` } } },
    },
  });
  describe(canvas, cache.caches.length === 0
    ? 'No cache lookups in this window.'
    : cache.caches.map((c) => `${c.kind} cache ${f.rate(c.hitRate)}${c.target != null ? ` (target ${f.rate(c.target)})` : ''}`).join('; ') + '.');

  replace(tableContainer, table(`Estimated saved ${f.money(cache.costSavedUsd)}`, [
    { header: 'Cache', value: (c) => c.kind },
    { header: 'Lookups', value: (c) => f.count(c.lookups), numeric: true },
    { header: 'Hits', value: (c) => f.count(c.hits), numeric: true },
    { header: 'Hit rate', value: (c) => f.rate(c.hitRate), numeric: true },
    { header: 'Target', value: (c) => f.rate(c.target), numeric: true },
    { header: 'vs target', value: (c) => (c.target == null ? '–' : targetBadge(c.met, 'met', 'below')) },
    { header: 'Saved', value: (c) => f.money(c.costSavedUsd), numeric: true },
  ], cache.caches));
}
