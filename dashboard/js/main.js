// Starts the dashboard: config, key, controls, and the refresh loop that fills every view.
import { ApiClient } from './api.js';
import { loadConfig, windows } from './config.js';
import { downloadExport } from './export.js';
import * as f from './format.js';
import { clearKey, getKey, setKey } from './keystore.js';
import { clearMessage, describeFailure, showMessage } from './messages.js';
import { Refresher } from './refresh.js';
import { renderAlerts } from './views/alerts.js';
import { renderCache } from './views/cache.js';
import { renderCalls } from './views/calls.js';
import { renderCosts } from './views/costs.js';
import { renderErrors } from './views/errors.js';
import { renderKpis } from './views/kpis.js';
import { renderLatency } from './views/latency.js';
import { renderStages } from './views/stages.js';
import { renderTurn } from './views/turn.js';
import { renderConcurrency, renderVolume } from './views/volume.js';

const $ = (id) => document.getElementById(id);
const windowStorageKey = 'ivr-dashboard.window';

const state = {
  config: null,
  configProblem: null,
  api: null,
  window: '1h',
  dashboard: null,
  metrics: null,
  turnController: null,
};

let refresher;

async function start() {
  const { config, problem } = await loadConfig();
  state.config = config;
  state.configProblem = problem;
  $('api-base').textContent = config.apiBaseUrl;
  state.api = new ApiClient({ baseUrl: config.apiBaseUrl, getKey, timeoutSeconds: config.requestTimeoutSeconds });

  const saved = sessionStorage.getItem(windowStorageKey);
  state.window = windows.includes(saved) ? saved : config.defaultWindow;
  document.querySelector(`input[name="window"][value="${state.window}"]`).checked = true;
  const interval = $('refresh-interval');
  if (![...interval.options].some((o) => Number(o.value) === config.refreshSeconds)) {
    interval.append(new Option(`${config.refreshSeconds} s`, String(config.refreshSeconds)));
  }
  interval.value = String(config.refreshSeconds);

  refresher = new Refresher(loadAll, { intervalSeconds: config.refreshSeconds, onState: showStatus });
  wireControls();

  showKeyState();
  if (getKey()) {
    refresher.restart();
  } else {
    fail({ kind: 'no-key' });
    $('key-input').focus();
  }
}

/** The key form stays open until a key is set; the summary says whether one is. */
function showKeyState({ open, refused = false } = {}) {
  const hasKey = Boolean(getKey());
  $('key-summary').textContent = !hasKey ? 'Function key: not set' : refused ? 'Function key: refused by the API' : 'Function key: set (change)';
  $('key-details').open = open ?? !hasKey;
}

function wireControls() {
  for (const radio of document.querySelectorAll('input[name="window"]')) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      state.window = radio.value;
      sessionStorage.setItem(windowStorageKey, state.window);
      refresher.restart();
    });
  }
  $('refresh-interval').addEventListener('change', (e) => refresher.setInterval(Number(e.target.value)));
  $('pause').addEventListener('click', () => refresher.setPaused(!refresher.paused));
  $('refresh-now').addEventListener('click', () => refresher.refresh());
  document.addEventListener('visibilitychange', () => refresher.onVisibilityChange());

  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('key-input');
    if (!input.value.trim()) {
      input.focus();
      return;
    }
    setKey(input.value);
    input.value = '';
    clearMessage();
    showKeyState();
    refresher.restart();
  });
  $('key-forget').addEventListener('click', () => {
    clearKey();
    showKeyState();
    refresher.restart();
  });

  for (const button of [$('export-csv'), $('export-json')]) {
    button.addEventListener('click', () => exportRecords(button.dataset.format));
  }

  $('latency-component').addEventListener('change', () => {
    if (state.dashboard && state.metrics) renderSafely('latency', () => renderLatency(latencyTargets(), state.dashboard, state.metrics.components));
  });

  $('turn-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = $('turn-input').value.trim();
    if (id) openTurn(id);
  });
  $('turn-close').addEventListener('click', () => {
    state.turnController?.abort();
    $('turn-panel').hidden = true;
    $('turn-input').focus();
  });
}

/** One refresh: the dashboard document (tiles, series) and the metrics document (everything else), for one window. */
async function loadAll(signal) {
  const params = { window: state.window };
  const [dashboard, metrics] = await Promise.allSettled([
    state.api.getJson('performance/dashboard', params, signal),
    state.api.getJson('performance/metrics', params, signal),
  ]);
  if (signal.aborted) return;
  const failure = [dashboard, metrics].find((r) => r.status === 'rejected');
  if (failure) {
    fail(failure.reason);
    return;
  }
  state.dashboard = dashboard.value;
  state.metrics = metrics.value;
  clearMessage();
  render();
}

function render() {
  const { dashboard, metrics } = state;
  // Shown before drawing, so the charts measure their real size.
  $('panels').hidden = false;
  $('kpi-placeholder').hidden = true;
  renderSafely('kpis', () => renderKpis($('kpis'), dashboard));
  renderSafely('latency', () => renderLatency(latencyTargets(), dashboard, metrics.components));
  renderSafely('stages', () => renderStages({ canvas: $('chart-stages'), tableContainer: $('table-stages') }, metrics.components));
  renderSafely('volume', () => renderVolume({ canvas: $('chart-volume'), tableContainer: $('table-volume') }, dashboard));
  renderSafely('concurrency', () => renderConcurrency({ canvas: $('chart-concurrency'), tableContainer: $('table-concurrency') }, dashboard));
  renderSafely('costs', () => renderCosts({ canvas: $('chart-cost'), tableContainer: $('table-cost'), budgetContainer: $('budget') }, dashboard, metrics.apiUsage));
  renderSafely('cache', () => renderCache({ canvas: $('chart-cache'), tableContainer: $('table-cache') }, dashboard, metrics.cache));
  renderSafely('alerts', () => renderAlerts($('alerts'), metrics.alerts));
  renderSafely('errors', () => renderErrors($('errors'), metrics.errors, openTurn));
  renderSafely('calls', () => renderCalls({ callsContainer: $('calls'), samplesContainer: $('sample-turns') }, metrics.sessions, metrics.errors, openTurn));

  $('window-label').textContent = `· ${f.windowDescription(dashboard.window)}`;
  const main = $('main');
  main.dataset.window = dashboard.window.window ?? '';
  main.dataset.generatedAt = dashboard.generatedAt;
  document.body.dataset.state = 'ready';
}

function renderSafely(name, action) {
  try {
    action();
  } catch (error) {
    console.error(`dashboard view '${name}' failed`, error);
  }
}

function latencyTargets() {
  return { canvas: $('chart-latency'), tableContainer: $('table-latency'), select: $('latency-component') };
}

function fail(error) {
  const failure = describeFailure(error, state.config?.apiBaseUrl);
  const detail = [failure.detail, state.configProblem].filter(Boolean).join(' ');
  showMessage(failure.title, detail, failure.kind === 'no-key' ? 'info' : 'error');
  $('message').dataset.kind = failure.kind;
  document.body.dataset.state = failure.kind;
  if (failure.kind === 'page') console.error(error);
  if (failure.kind === 'unauthorized' || failure.kind === 'no-key') showKeyState({ open: true, refused: failure.kind === 'unauthorized' });
  showStatus({ loading: false, paused: refresher?.paused ?? false });
}

function showStatus({ loading, paused }) {
  const status = $('status');
  const parts = [];
  const failed = !loading && !['ready', 'no-key', undefined].includes(document.body.dataset.state);
  if (state.dashboard) parts.push(`Updated ${new Date(state.dashboard.generatedAt).toLocaleTimeString()}`);
  if (failed) parts.push('last refresh failed');
  if (loading) parts.push('refreshing…');
  else if (paused) parts.push('auto-refresh paused');
  else parts.push(`${failed ? 'retrying' : 'refreshing'} every ${refresher ? refresher.intervalMs / 1000 : state.config?.refreshSeconds} s`);
  status.textContent = parts.join(' · ');
  status.classList.toggle('stale', document.body.dataset.state !== 'ready' && Boolean(state.dashboard));
  const pause = $('pause');
  pause.textContent = paused ? 'Resume' : 'Pause';
  pause.setAttribute('aria-label', paused ? 'Resume auto-refresh' : 'Pause auto-refresh');
}

async function exportRecords(format) {
  if (!state.dashboard) {
    showMessage('Nothing to export yet.', 'Load the dashboard first (it needs the function key).', 'info');
    return;
  }
  const buttons = [$('export-csv'), $('export-json')];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    await downloadExport(state.api, format, state.dashboard.window);
  } catch (error) {
    if (error?.kind === 'unreachable') {
      // The API answered the dashboard a moment ago: a dropped export is the export failing, not the network.
      showMessage(`The ${format.toUpperCase()} export failed: the API closed the connection.`,
        'The dashboard data loads, so the export itself broke; see the host log, or try a shorter window.');
      $('message').dataset.kind = 'export';
    } else {
      fail(error);
    }
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

async function openTurn(turnId) {
  state.turnController?.abort();
  const controller = new AbortController();
  state.turnController = controller;
  const panel = $('turn-panel');
  panel.hidden = false;
  $('turn-heading').textContent = `Turn ${turnId}`;
  $('turn-summary').replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Loading…' }));
  $('turn-stages').replaceChildren();
  $('turn-heading').focus();
  try {
    const turn = await state.api.getJson(`turns/${encodeURIComponent(turnId)}`, {}, controller.signal);
    if (controller.signal.aborted) return;
    $('turn-chart-box').hidden = false;
    renderTurn({ canvas: $('chart-turn'), summaryContainer: $('turn-summary'), stagesContainer: $('turn-stages') }, turn);
    panel.dataset.turnId = turnId;
  } catch (error) {
    if (controller.signal.aborted) return;
    const text = error?.kind === 'not-found'
      ? `Turn ${turnId} was not found. It may be older than the retention period, or this API does not serve /api/turns.`
      : describeFailure(error, state.config.apiBaseUrl).title;
    const note = document.createElement('p');
    note.className = 'empty';
    note.dataset.kind = error?.kind ?? 'page';
    note.textContent = text;
    $('turn-summary').replaceChildren(note);
    window.Chart?.getChart($('chart-turn'))?.destroy();
    $('turn-chart-box').hidden = true;
  }
}

start().catch((error) => {
  showMessage('The dashboard could not start.', String(error?.message ?? error));
  console.error(error);
});
