/**
 * The API as a fuzz target: the app of the API tests (`test/helpers/api.ts`: a temporary
 * SQLite store, seeded users and records, no network) driven through `app.inject()`. An
 * input is
 *
 *     METHOD /url?query
 *     ROLE CONTENT-TYPE
 *     body…
 *
 * with `{incident}`, `{alert}`, `{report}`, `{track}`, `{evidence}` and `{document}` in the
 * URL replaced by the ids of seeded records of the COALITION marking, so that mutants reach
 * the handlers of existing records. The caller is the FRA user of ROLE (a Bearer token: no
 * CSRF), the verifier when ROLE is not one. Any 5xx is a finding; so is a request that
 * `inject` rejects.
 */
import { ROLES, type Role } from '../../src/access/roles.js';
import { bearer, buildTestApi } from '../../test/helpers/api.js';
import { check } from './oracles.js';
import type { RunInput } from './targets.js';

const METHODS = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'] as const;

/** The live stream never ends a response: not something `inject` can fuzz. (Webhook subscriptions are skipped too: no request may leave the machine.) */
const SKIPPED = /^\/api\/stream(?:[/?]|$)/;

export async function openApiTarget(): Promise<{ run: RunInput; close(): Promise<void> }> {
  const api = await buildTestApi();
  const seed = api.seed.COALITION;
  const ids: Record<string, string> = {
    '{incident}': seed.incidentId, '{alert}': seed.alertId, '{report}': seed.reportId, '{track}': seed.trackId,
    '{evidence}': seed.evidenceSha256, '{document}': seed.documentId,
  };
  let lastError: Error | undefined;
  api.app.addHook('onError', async (_req, _reply, err) => {
    lastError = err;
  });
  const run: RunInput = async (input) => {
    const nl1 = input.indexOf('\n');
    const head = nl1 < 0 ? input : input.slice(0, nl1);
    const rest = nl1 < 0 ? '' : input.slice(nl1 + 1);
    const nl2 = rest.indexOf('\n');
    const meta = nl2 < 0 ? rest : rest.slice(0, nl2);
    const body = nl2 < 0 ? '' : rest.slice(nl2 + 1);
    const sp = head.indexOf(' ');
    const word = (sp < 0 ? head : head.slice(0, sp)).toUpperCase();
    const method = METHODS.find((m) => m === word) ?? METHODS[word.length % METHODS.length]!;
    let url = (sp < 0 ? '/' : head.slice(sp + 1)).trim().replace(/\{[a-z]+\}/g, (k) => ids[k] ?? k);
    if (!url.startsWith('/')) url = `/${url}`;
    if (SKIPPED.test(url) || /webhook/i.test(body)) return;
    const [roleText, contentType] = meta.split(' ');
    const role: Role = ROLES.find((r) => r === roleText) ?? 'verifier';
    const user = api.users.FRA[role];
    lastError = undefined;
    const headers: Record<string, string> = { ...bearer(user) };
    if (contentType !== undefined && contentType !== '') headers['content-type'] = contentType;
    let res;
    try {
      res = await api.app.inject({ method, url, headers, ...(method === 'GET' || (method === 'DELETE' && body === '') ? {} : { payload: body }) });
    } catch (e) {
      // inject refuses some URLs and headers itself (a client could not send them either).
      if (e instanceof Error && /Invalid|ERR_INVALID|not a valid|ERR_HTTP/i.test(`${e.message} ${(e as { code?: string }).code ?? ''}`)) return;
      throw e;
    }
    check(res.statusCode < 500, () => `${method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}${lastError ? `\n${lastError.stack ?? lastError.message}` : ''}`);
  };
  return { run, close: () => api.close() };
}
