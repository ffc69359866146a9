// Cost by service: stacked bars over time (dashboard.series.costByService) and the per-service table (metrics.apiUsage).
import { axis, colourFor, describe, renderChart } from '../charts.js';
import { el, replace, table } from '../dom.js';
import * as f from '../format.js';

export function renderCosts({ canvas, tableContainer, budgetContainer }, dashboard, apiUsage) {
  const { buckets, costByService } = dashboard.series;
  const withCost = costByService.filter((s) => s.costUsd.some((v) => v > 0));
  const shown = withCost.length ? withCost : costByService;
  renderChart(canvas, {
    type: 'bar',
    data: {
      labels: buckets.map((b) => f.bucketLabel(b, dashboard.window.bucketSeconds)),
      datasets: shown.map((s, i) => ({ label: s.service, data: s.costUsd, backgroundColor: colourFor(s.service, i), stack: 'cost' })),
    },
    options: {
      scales: { x: axis('', { stacked: true }), y: axis('USD', { stacked: true, beginAtZero: true }) },
      plugins: { tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${f.money(item.parsed.y)}` } } },
    },
  });
  const totals = apiUsage.services.filter((s) => s.requests > 0 || s.costUsd > 0);
  describe(canvas, totals.length === 0
    ? 'No API usage in this window.'
    : `Estimated cost ${f.money(apiUsage.costUsd)} in the window: ${totals.map((s) => `${s.service} ${f.money(s.costUsd)}`).join(', ')}.`);

  replace(tableContainer, table('Per service', [
    { header: 'Service', value: (s) => s.service },
    { header: 'Requests', value: (s) => f.count(s.requests), numeric: true },
    { header: 'Success', value: (s) => f.rate(s.successRate), numeric: true },
    { header: 'p95', value: (s) => f.ms(s.latency?.p95Ms), numeric: true },
    { header: 'Cost', value: (s) => f.money(s.costUsd), numeric: true },
  ], totals, 'No API usage in this window.'));

  const b = apiUsage.budget;
  const lines = [];
  if (b.dailyBudgetUsd != null) {
    lines.push(el('p', {}, `Today ${f.money(b.todayCostUsd)} of ${f.money(b.dailyBudgetUsd)} daily budget `,
      el('span', { class: `badge ${b.dailyOverBudget ? 'bad' : 'ok'}`, text: b.dailyOverBudget ? 'over budget' : 'within budget' })));
  }
  if (b.monthlyBudgetUsd != null) {
    lines.push(el('p', {}, `Month to date ${f.money(b.monthToDateCostUsd)} of ${f.money(b.monthlyBudgetUsd)} (projected ${f.money(b.projectedMonthCostUsd)}) `,
      el('span', { class: `badge ${b.monthlyOverBudget ? 'bad' : 'ok'}`, text: b.monthlyOverBudget ? 'over budget' : 'within budget' })));
  }
  for (const tier of apiUsage.freeTiers.filter((t) => t.used > 0)) {
    lines.push(el('p', {}, `Free tier ${tier.service} (${tier.tier}): ${f.rate(tier.usedFraction)} used`
      + `${tier.projectedExhaustion ? `, runs out around ${f.dateTime(tier.projectedExhaustion)}` : ''} `,
      el('span', { class: `badge ${tier.exhausted ? 'bad' : tier.usedFraction > 0.8 ? 'warn' : 'ok'}`, text: tier.exhausted ? 'exhausted' : `${f.number(tier.remaining)} ${tier.unit} left` })));
  }
  replace(budgetContainer, lines);
}
