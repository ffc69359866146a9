// Chart.js (vendor/chart.umd.js, global `Chart`) behind two helpers: one chart per canvas, updated in place.

/** Colour-blind-friendly palette (Okabe–Ito, darkened where needed for contrast on white). */
export const palette = ['#0b63a6', '#c45a00', '#0a8a66', '#b0307a', '#6a51a3', '#8a6d00', '#3d4d5c', '#d03c3c'];

const componentColours = {
  turn: '#1b2330', stt: '#0b63a6', retrieval: '#6a51a3', llm: '#b0307a', rag: '#c45a00', tts: '#0a8a66', webhook: '#8a6d00',
};

export function colourFor(name, index) {
  return componentColours[name] ?? palette[index % palette.length];
}

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Creates the chart on first use, then swaps data and options and redraws without animation. */
export function renderChart(canvas, { type, data, options = {} }) {
  const Chart = window.Chart;
  if (!Chart) throw new Error('Chart.js did not load (vendor/chart.umd.js).');
  const merged = {
    responsive: true,
    maintainAspectRatio: false,
    animation: reducedMotion ? false : { duration: 250 },
    interaction: { mode: 'index', intersect: false },
    plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, color: '#1b2330' } } },
    ...options,
  };
  const existing = Chart.getChart(canvas);
  if (existing && existing.config.type === type) {
    existing.data = data;
    existing.options = merged;
    existing.update('none');
    return existing;
  }
  existing?.destroy();
  return new Chart(canvas, { type, data, options: merged });
}

/** The canvas's text alternative (role="img" + aria-label), kept current with the data. */
export function describe(canvas, text) {
  canvas.setAttribute('aria-label', text);
  canvas.textContent = text; // fallback content for browsers without canvas
}

export function axis(title, extra = {}) {
  return { title: { display: Boolean(title), text: title, color: '#4a5566' }, ticks: { color: '#4a5566' }, grid: { color: '#e3e8ef' }, ...extra };
}

/** Largest non-null value of a series, or null. */
export function maxOf(values) {
  const present = values.filter((v) => v !== null && v !== undefined);
  return present.length ? Math.max(...present) : null;
}

/** Last non-null value of a series, or null. */
export function lastOf(values) {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null && values[i] !== undefined) return values[i];
  return null;
}
