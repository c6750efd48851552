import type { LoginResponse, Me, Page } from './types.js';

/** An API error with the server's status and message (`{ statusCode, error, message }`). */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Query values; undefined and empty strings are left out. */
export type Query = Record<string, string | number | undefined>;

/**
 * The console's only door to the server: same-origin fetch with the session cookie, the CSRF
 * token on every change, and JSON errors turned into {@link ApiError}.
 */
export class ApiClient {
  #csrf: string | undefined;

  /** Logs in; the session cookie is set by the response. */
  async login(username: string, password: string): Promise<Me> {
    const r = await this.#send<LoginResponse>('POST', '/api/auth/login', { username, password });
    this.#csrf = r.csrfToken;
    sessionStorage.setItem('vigil.csrf', r.csrfToken);
    return r.user;
  }

  /** The logged-in user, or undefined without a valid session. */
  async me(): Promise<Me | undefined> {
    try {
      const me = await this.get<Me>('/api/auth/me');
      this.#csrf ??= sessionStorage.getItem('vigil.csrf') ?? undefined;
      return me;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return undefined;
      throw e;
    }
  }

  async logout(): Promise<void> {
    await this.post('/api/auth/logout', {});
    sessionStorage.removeItem('vigil.csrf');
    this.#csrf = undefined;
  }

  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.#send<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.#send<T>('POST', path, body);
  }

  /** Sends a file as the raw body with its own content type (evidence upload). */
  postRaw<T>(path: string, body: Blob, contentType: string, query: Query = {}): Promise<T> {
    return this.#send<T>('POST', withQuery(path, query), body, contentType);
  }

  /**
   * Follows `nextCursor` until the list ends or `maxItems` are read (the API caps a page at
   * 1000 items).
   */
  async all<T>(path: string, query: Query, maxItems: number): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.get<Page<T>>(path, { ...query, limit: Math.min(1000, maxItems - out.length), cursor });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && out.length < maxItems);
    return out;
  }

  async #send<T>(method: string, url: string, body?: unknown, contentType?: string): Promise<T> {
    const headers: Record<string, string> = {};
    let payload: BodyInit | undefined;
    if (body instanceof Blob) {
      payload = body;
      headers['content-type'] = contentType ?? 'application/octet-stream';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    if (method !== 'GET' && this.#csrf !== undefined) headers['x-csrf-token'] = this.#csrf;
    const res = await fetch(url, { method, headers, credentials: 'same-origin', ...(payload !== undefined ? { body: payload } : {}) });
    const text = await res.text();
    const json: unknown = text === '' ? undefined : safeJson(text);
    if (!res.ok) throw new ApiError(res.status, errorMessage(res, json));
    return json as T;
  }

  /** A file as text (a Markdown or JSON report shown in the page), same origin, errors as {@link ApiError}. */
  async getText(path: string, query: Query = {}): Promise<string> {
    const res = await fetch(withQuery(path, query), { credentials: 'same-origin' });
    const text = await res.text();
    if (!res.ok) throw new ApiError(res.status, errorMessage(res, text === '' ? undefined : safeJson(text)));
    return text;
  }
}

/** The server's words for a failed request: `message` (Fastify's shape), else a string `error`, else the status. */
function errorMessage(res: Response, json: unknown): string {
  if (typeof json === 'object' && json !== null) {
    const { message, error } = json as { message?: unknown; error?: unknown };
    if (typeof message === 'string' && message !== '') return message;
    if (typeof error === 'string' && error !== '') return error;
  }
  return `${res.status} ${res.statusText}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const q = params.toString();
  return q === '' ? path : `${path}?${q}`;
}
