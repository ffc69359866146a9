// The function key lives in sessionStorage: this tab only, gone when it closes.
const storageKey = 'ivr-dashboard.functionKey';

export function getKey() {
  try {
    return sessionStorage.getItem(storageKey) ?? '';
  } catch {
    return '';
  }
}

export function setKey(key) {
  sessionStorage.setItem(storageKey, key.trim());
}

export function clearKey() {
  sessionStorage.removeItem(storageKey);
}
