// The performance API over fetch: the key in the x-functions-key header, problem+json errors turned into ApiError.

export class ApiError extends Error {
  /**
   * @param {'no-key'|'unauthorized'|'unreachable'|'timeout'|'not-found'|'bad-request'|'server'} kind
   */
  constructor(kind, message, { status = null, detail = null, url = null } = {}) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.detail = detail;
    this.url = url;
  }
}

export class ApiClient {
  /** @param {{ baseUrl: string, getKey: () => string, timeoutSeconds: number }} options */
  constructor({ baseUrl, getKey, timeoutSeconds = 30 }) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.getKey = getKey;
    this.timeoutSeconds = timeoutSeconds;
  }

  url(path, params = {}) {
    const url = new URL(`${this.baseUrl}/${path.replace(/^\/+/, '')}`);
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
    }
    return url;
  }

  async getJson(path, params, signal) {
    const response = await this.send('GET', this.url(path, params), { accept: 'application/json' }, undefined, signal);
    return response.json();
  }

  /** POSTs JSON and returns the raw response (for downloads). */
  async post(path, body, signal) {
    return this.send('POST', this.url(path), { 'content-type': 'application/json' }, JSON.stringify(body), signal);
  }

  async send(method, url, headers, body, signal) {
    const key = this.getKey();
    if (!key) {
      throw new ApiError('no-key', 'Enter the function key to load data.');
    }

    const timeout = AbortSignal.timeout(this.timeoutSeconds * 1000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response;
    try {
      response = await fetch(url, { method, headers: { ...headers, 'x-functions-key': key }, body, signal: combined, cache: 'no-store' });
    } catch (error) {
      if (signal?.aborted) throw error; // the caller cancelled: not an API problem
      if (timeout.aborted) {
        throw new ApiError('timeout', `The API did not answer within ${this.timeoutSeconds} s.`, { url: url.href });
      }
      throw new ApiError('unreachable', `The API at ${this.baseUrl} could not be reached.`, { url: url.href, detail: error.message });
    }

    if (response.ok) return response;
    const problem = await readProblem(response);
    const detail = problem?.detail ?? problem?.title ?? null;
    switch (response.status) {
      case 401:
      case 403:
        throw new ApiError('unauthorized', 'The API refused the function key.', { status: response.status, detail, url: url.href });
      case 404:
        throw new ApiError('not-found', problem?.title ?? 'Not found.', { status: 404, detail, url: url.href });
      case 400:
        throw new ApiError('bad-request', problem?.title ?? 'The API rejected the request.', { status: 400, detail, url: url.href });
      default:
        throw new ApiError('server', `The API answered HTTP ${response.status}.`, { status: response.status, detail, url: url.href });
    }
  }
}

async function readProblem(response) {
  try {
    const type = response.headers.get('content-type') ?? '';
    return type.includes('json') ? await response.json() : null;
  } catch {
    return null;
  }
}
