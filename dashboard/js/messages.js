// The one message region (role="alert"): what went wrong and what to do, never a blank page.
import { el, replace } from './dom.js';

const region = () => document.getElementById('message');

export function showMessage(title, detail, kind = 'error') {
  const node = region();
  node.className = `message${kind === 'info' ? ' info' : ''}`;
  node.dataset.kind = kind;
  replace(node, el('strong', { text: title }), detail ? el('p', { text: detail }) : null);
  node.hidden = false;
}

export function clearMessage() {
  const node = region();
  node.hidden = true;
  delete node.dataset.kind;
  replace(node);
}

/** Turns an ApiError (or anything thrown) into a message for people. */
export function describeFailure(error, apiBaseUrl) {
  switch (error?.kind) {
    case 'no-key':
      return { kind: 'no-key', title: 'Enter the function key to see the dashboard.', detail: 'Paste the key into "Function key" above. It stays in this browser tab only.' };
    case 'unauthorized':
      return { kind: 'unauthorized', title: `Wrong function key: the API refused it (HTTP ${error.status}).`, detail: 'Check the key (SelfHost: ~/.local/share/IvrFunctions/selfhost.key; Azure: the Function App\'s function keys) and enter it again above.' };
    case 'unreachable':
      return { kind: 'unreachable', title: `Cannot reach the performance API at ${apiBaseUrl}.`, detail: 'Is the host running and the address in config.json right? If this page is served from another origin, the API must allow it (Dashboard:AllowedOrigin, or the Function App\'s CORS). Retrying automatically.' };
    case 'timeout':
      return { kind: 'timeout', title: 'The performance API is slow to answer.', detail: `${error.message} The last data stays on screen; retrying automatically.` };
    case 'bad-request':
      return { kind: 'bad-request', title: `The API rejected the request: ${error.message}`, detail: error.detail };
    case 'not-found':
      return { kind: 'not-found', title: `The API has no such route (HTTP 404) at ${apiBaseUrl}.`, detail: 'Check apiBaseUrl in config.json: it should end in /api.' };
    case 'server':
      return { kind: 'server', title: error.message, detail: error.detail ?? 'See the host log. Retrying automatically.' };
    default:
      return { kind: 'page', title: 'The dashboard failed to show the data.', detail: String(error?.message ?? error) };
  }
}
