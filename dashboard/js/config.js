// Where the page learns the API: config.json beside index.html (written by the deploy; served by the SelfHost).

export const defaults = Object.freeze({
  apiBaseUrl: null,
  refreshSeconds: 10,
  defaultWindow: '1h',
  requestTimeoutSeconds: 30,
});

export const windows = ['15m', '1h', '24h', '7d', '30d'];

/**
 * Loads config.json. Returns `{ config, problem }`: on a missing or broken file the page still starts, with
 * `apiBaseUrl` guessed as this origin's /api and `problem` saying why.
 */
export async function loadConfig(location = window.location) {
  const guess = new URL('/api', location.href).href;
  let raw;
  try {
    const response = await fetch(new URL('config.json', location.href), { cache: 'no-store', headers: { accept: 'application/json' } });
    if (!response.ok) {
      return { config: { ...defaults, apiBaseUrl: guess }, problem: `config.json could not be loaded (HTTP ${response.status}); trying ${guess}.` };
    }
    raw = await response.json();
  } catch (error) {
    return { config: { ...defaults, apiBaseUrl: guess }, problem: `config.json could not be read (${error.message}); trying ${guess}.` };
  }

  const config = { ...defaults };
  if (typeof raw.apiBaseUrl === 'string' && raw.apiBaseUrl.trim() !== '') {
    try {
      config.apiBaseUrl = new URL(raw.apiBaseUrl.trim(), location.href).href.replace(/\/+$/, '');
    } catch {
      return { config: { ...defaults, apiBaseUrl: guess }, problem: `config.json has an invalid apiBaseUrl '${raw.apiBaseUrl}'; trying ${guess}.` };
    }
  } else {
    return { config: { ...defaults, apiBaseUrl: guess }, problem: `config.json has no apiBaseUrl; trying ${guess}.` };
  }
  if (Number.isFinite(raw.refreshSeconds) && raw.refreshSeconds >= 2) config.refreshSeconds = raw.refreshSeconds;
  if (windows.includes(raw.defaultWindow)) config.defaultWindow = raw.defaultWindow;
  if (Number.isFinite(raw.requestTimeoutSeconds) && raw.requestTimeoutSeconds > 0) config.requestTimeoutSeconds = raw.requestTimeoutSeconds;
  return { config, problem: null };
}
