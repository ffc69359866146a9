// KPI tiles from GET /performance/dashboard. Each tile carries its raw number in <data value> (empty when unknown).
import { el, replace, targetBadge } from '../dom.js';
import * as f from '../format.js';

function tile(id, title, raw, shown, detail, state) {
  return el('div', { class: `tile${state ? ` ${state}` : ''}`, dataset: { kpi: id } },
    el('h3', { text: title }),
    el('data', { class: 'value', value: raw ?? '' , text: shown }),
    detail ? el('p', { class: 'detail' }, detail) : null);
}

function metState(met) {
  if (met === true) return 'met';
  if (met === false) return 'missed';
  return null;
}

export function renderKpis(container, dashboard) {
  const k = dashboard.kpis;
  const t = k.turnLatency;
  const tiles = [
    tile('calls', 'Calls', k.calls, f.count(k.calls), `${f.count(k.turns)} turns`),
    tile('concurrent-calls', 'Concurrent calls now', k.concurrentCallsNow, f.count(k.concurrentCallsNow), `peak ${f.count(k.concurrentCallsPeak)} in window`),
    tile('turn-p50', 'Turn latency p50', t.p50Ms, f.ms(t.p50Ms), `target ${f.ms(t.targetMs)} (p95)`),
    tile('turn-p95', 'Turn latency p95', t.p95Ms, f.ms(t.p95Ms),
      [targetBadge(t.met, `within ${f.ms(t.targetMs)}`, `over ${f.ms(t.targetMs)}`), ' ', el('span', { class: 'nowrap', text: `p99 ${f.ms(t.p99Ms)}` })],
      metState(t.met)),
    tile('success-rate', 'Turn success rate', k.successRate, f.rate(k.successRate), `of ${f.count(k.turns)} turns`),
    tile('cost-window', 'Cost in window', k.costUsd, f.money(k.costUsd), 'estimated, list price'),
    tile('cost-today', 'Cost today', k.todayCostUsd, f.money(k.todayCostUsd), 'since 00:00 UTC'),
    tile('cost-month', 'Cost month to date', k.monthToDateCostUsd, f.money(k.monthToDateCostUsd), 'this UTC month'),
  ];
  for (const cache of k.cacheHitRates) {
    if (cache.target == null && !cache.lookups) continue; // a cache without a target or use says nothing
    const detail = cache.target == null
      ? `${f.count(cache.lookups)} lookups`
      : [targetBadge(cache.met, `target ${f.rate(cache.target)}`, `below ${f.rate(cache.target)}`), ' ',
        el('span', { class: 'nowrap', text: `${f.count(cache.lookups)} lookups` })];
    tiles.push(tile(`cache-${cache.kind}`, `${capitalise(cache.kind)} cache hit rate`, cache.hitRate, f.rate(cache.hitRate), detail, metState(cache.met)));
  }
  tiles.push(tile('firing-alerts', 'Firing alerts', k.firingAlerts, f.count(k.firingAlerts),
    k.firingAlerts > 0 ? 'see Alerts below' : 'all clear', k.firingAlerts > 0 ? 'firing' : 'met'));
  replace(container, tiles);
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
