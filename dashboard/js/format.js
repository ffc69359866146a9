// Formatting for people. The raw values stay in <data value> attributes for machines.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });

export const dash = '–';

export function count(value) {
  return value === null || value === undefined ? dash : integer.format(value);
}

export function number(value) {
  return value === null || value === undefined ? dash : decimal.format(value);
}

/** Milliseconds: "850 ms" below a second, "4.21 s" above. */
export function ms(value) {
  if (value === null || value === undefined) return dash;
  return value < 1000 ? `${integer.format(value)} ms` : `${decimal.format(value / 1000)} s`;
}

export function rate(value) {
  return value === null || value === undefined ? dash : percent.format(value);
}

export function money(value) {
  return value === null || value === undefined ? dash : usd.format(value);
}

/** A value in an alert's unit. */
export function inUnit(value, unit) {
  switch (unit) {
    case 'ms': return ms(value);
    case 'ratio': return rate(value);
    case 'usd': return money(value);
    default: return number(value);
  }
}

export function dateTime(iso) {
  if (!iso) return dash;
  return new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A bucket label that fits the bucket width: time of day for minutes, day and hour for hours, the day for days. */
export function bucketLabel(iso, bucketSeconds) {
  const date = new Date(iso);
  if (bucketSeconds >= 86400) return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  if (bucketSeconds >= 3600) return date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function windowDescription(window) {
  if (!window) return '';
  const from = dateTime(window.from);
  const to = dateTime(window.to);
  return `${from} – ${to}`;
}

/** snake_case ids to words: "provider_unavailable" → "provider unavailable". */
export function words(id) {
  return id ? String(id).replaceAll('_', ' ') : dash;
}
