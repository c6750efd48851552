import { REPORT_FORMATS, REPORT_PERIODS } from '../../../src/report/report-document.js';
import type { ApiClient } from '../api/client.js';
import type { Me, NodeKey, NodeKeys, Page, ReportDocumentMeta, ReportDocumentRow, ReportFile, ReportFormat, ReportPeriodKind } from '../api/types.js';
import { formatTime, h, replaceChildren } from '../ui/dom.js';
import { markingText } from './marking-text.js';
import { PERIOD_FIELDS, reportRequest } from './report-request.js';
import { fileUrl, manifestName, manifestUrl, REPORTS_PATH, signatureName, signatureUrl } from './report-urls.js';

/** The action that lets a user generate reports (viewers read them only); the server checks it again. */
export const GENERATE_ACTION = 'briefing:create';

/** Documents read per page of the list. */
const PAGE_SIZE = 50;

/** Formats the browser shows itself in a new tab; the others are fetched and shown as text. */
const OPENS_IN_TAB: ReadonlySet<ReportFormat> = new Set(['html', 'pdf']);

const FORMAT_LABELS: Record<ReportFormat, string> = { html: 'HTML', pdf: 'PDF', md: 'Markdown', json: 'JSON' };
const PERIOD_LABELS: Record<ReportPeriodKind, string> = { daily: 'Daily (24 h)', weekly: 'Weekly (7 days)', custom: 'Custom period' };

/** The command that checks a downloaded report against the node's key (docs/console.md). */
const VERIFY_COMMAND = 'vigil report verify FILE --key node-ed25519.pub.pem';

/**
 * Compliance reports: a form to generate one (period, UTC times, format, title), the stored
 * documents releasable to the user's nation with their markings, opened in a new tab
 * (HTML, PDF) or as text (Markdown, JSON), downloaded with their detached manifest and
 * signature, and the node's signing key with how to verify. Only users whose roles allow
 * {@link GENERATE_ACTION} get the form; the server decides either way and its refusal is
 * shown as it says it.
 */
export class ReportsView {
  readonly element: HTMLElement;
  readonly #keys: HTMLElement;
  readonly #list: HTMLElement;
  readonly #viewer: HTMLElement;
  #items: ReportDocumentRow[] = [];
  #nextCursor: string | null = null;
  #freshId: string | undefined;
  #loads = 0;
  #keyUrls: string[] = [];

  constructor(private readonly api: ApiClient, private readonly me: Me) {
    this.#keys = h('div', { class: 'report-keys', 'data-test': 'report-keys' }, h('p', { class: 'muted' }, 'Reading the signing key…'));
    this.#list = h('div', { class: 'report-list', 'data-test': 'report-list' });
    this.#viewer = h('section', { class: 'report-text', 'data-test': 'report-text', hidden: true, 'aria-label': 'report text' });
    const generate = me.actions.includes(GENERATE_ACTION)
      ? this.#form()
      : h('p', { class: 'muted', 'data-test': 'report-generate-denied' }, 'Your roles may read reports but not generate them.');
    this.element = h('section', { class: 'reports', 'data-test': 'reports' },
      h('h2', {}, 'Reports'),
      h('p', { class: 'muted' }, `Compliance reports generated on this node and signed with its key. Listed: the reports releasable to ${me.nation}.`),
      generate, this.#keys, this.#list, this.#viewer);
  }

  /** Reloads the signing key and the first page of the list. */
  async refresh(): Promise<void> {
    await Promise.all([this.#loadKeys(), this.#loadList(false)]);
  }

  #form(): HTMLFormElement {
    const period = h('select', { name: 'period', id: 'report-period', 'data-test': 'report-period' }, REPORT_PERIODS.map((p) => h('option', { value: p }, PERIOD_LABELS[p])));
    period.value = 'weekly';
    const from = h('input', { type: 'datetime-local', name: 'from', id: 'report-from', 'data-test': 'report-from' });
    const to = h('input', { type: 'datetime-local', name: 'to', id: 'report-to', 'data-test': 'report-to' });
    const fromField = field('From (UTC)', from);
    const toLabel = h('label', { for: to.id }, 'To (UTC)');
    const format = h('select', { name: 'format', id: 'report-format', 'data-test': 'report-format' }, REPORT_FORMATS.map((f) => h('option', { value: f }, FORMAT_LABELS[f])));
    const title = h('input', { type: 'text', name: 'title', id: 'report-title', maxlength: 200, placeholder: 'default: from the period', 'data-test': 'report-title' });
    const hint = h('p', { class: 'muted hint', id: 'report-period-hint' });
    const submit = h('button', { type: 'submit', class: 'primary', 'data-test': 'report-generate' }, 'Generate');
    const status = h('p', { class: 'status-text', role: 'status', 'data-test': 'report-status' });
    const error = h('p', { class: 'error', role: 'alert', 'data-test': 'report-error' });
    from.setAttribute('aria-describedby', hint.id);
    to.setAttribute('aria-describedby', hint.id);

    const showFields = (): void => {
      const f = PERIOD_FIELDS[period.value as ReportPeriodKind];
      fromField.hidden = f.from === 'hidden';
      from.required = f.from === 'required';
      to.required = f.to === 'required';
      toLabel.textContent = f.to === 'optional' ? 'To (UTC, optional)' : 'To (UTC)';
      hint.textContent = `${f.hint} Times are UTC.`;
    };
    period.addEventListener('change', showFields);
    showFields();

    const form = h('form', { class: 'report-generate', 'data-test': 'report-form', 'aria-label': 'generate a report' },
      h('h3', {}, 'Generate a report'),
      h('div', { class: 'report-fields' },
        field('Period', period), fromField, h('div', { class: 'field' }, toLabel, to), field('Format', format), field('Title (optional)', title, 'grow')),
      hint, h('div', { class: 'buttons' }, submit, status), error);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (submit.disabled) return;
      error.textContent = '';
      const req = reportRequest({ period: period.value as ReportPeriodKind, from: from.value, to: to.value, format: format.value as ReportFormat, title: title.value });
      if (!req.ok) {
        error.textContent = req.error;
        return;
      }
      submit.disabled = true;
      form.setAttribute('aria-busy', 'true');
      status.textContent = 'Generating…';
      this.api.post<ReportDocumentMeta>(REPORTS_PATH, req.value).then(
        async (doc) => {
          status.textContent = `Generated “${doc.title}” (${doc.id}).`;
          this.#freshId = doc.id;
          await this.#loadList(false);
        },
        (err: Error) => {
          status.textContent = '';
          error.textContent = err.message;
        },
      ).finally(() => {
        submit.disabled = false;
        form.removeAttribute('aria-busy');
      });
    });
    return form;
  }

  async #loadKeys(): Promise<void> {
    let keys: NodeKey[];
    try {
      keys = (await this.api.get<NodeKeys>('/api/keys')).keys;
    } catch (e) {
      replaceChildren(this.#keys, h('p', { class: 'error' }, `The node's signing key could not be read: ${(e as Error).message}`));
      return;
    }
    for (const u of this.#keyUrls) URL.revokeObjectURL(u);
    this.#keyUrls = [];
    replaceChildren(this.#keys,
      h('h3', {}, 'Signatures'),
      keys.length === 0 ? h('p', { class: 'muted' }, 'This node publishes no signing key.') : null,
      h('ul', {}, keys.map((k) => h('li', { 'data-key-id': k.id },
        'Signing key ', h('code', { 'data-test': 'report-key-id' }, k.id), ` (${k.algorithm}, ${k.use})`,
        k.publicKey.startsWith('-----BEGIN') ? [' · ', this.#keyLink(k)] : null))),
      h('p', {}, 'To verify a report: download the document, its manifest (FILE.manifest.json), its signature (FILE.sig) and, for Markdown, its images into one folder, save the node\'s public key as node-ed25519.pub.pem, and run ',
        h('code', { 'data-test': 'report-verify-command' }, VERIFY_COMMAND), '.'));
  }

  /** A download link for a PEM public key (made in the page: no second request). */
  #keyLink(k: NodeKey): HTMLAnchorElement {
    const url = URL.createObjectURL(new Blob([k.publicKey.endsWith('\n') ? k.publicKey : `${k.publicKey}\n`], { type: 'application/x-pem-file' }));
    this.#keyUrls.push(url);
    return h('a', { href: url, download: 'node-ed25519.pub.pem' }, 'Download public key');
  }

  async #loadList(more: boolean): Promise<void> {
    const load = ++this.#loads;
    let page: Page<ReportDocumentRow>;
    try {
      page = await this.api.get<Page<ReportDocumentRow>>(REPORTS_PATH, { limit: PAGE_SIZE, cursor: more ? this.#nextCursor ?? undefined : undefined });
    } catch (e) {
      if (load === this.#loads) replaceChildren(this.#list, h('h3', {}, 'Stored reports'), h('p', { class: 'error' }, `The reports could not be listed: ${(e as Error).message}`));
      return;
    }
    if (load !== this.#loads) return;
    this.#items = more ? [...this.#items, ...page.items] : page.items;
    this.#nextCursor = page.nextCursor;
    this.#renderList();
  }

  #renderList(): void {
    const more = h('button', { type: 'button', 'data-test': 'report-more', onclick: () => void this.#loadList(true) }, 'Load more');
    replaceChildren(this.#list, h('h3', {}, `Stored reports (${this.#items.length}${this.#nextCursor !== null ? '+' : ''})`),
      this.#items.length === 0 ? h('p', { class: 'muted', 'data-test': 'report-empty' }, 'No reports you may see yet.') : h('table', {},
        h('caption', { class: 'visually-hidden' }, 'Stored compliance reports, newest first'),
        h('thead', {}, h('tr', {}, ['Title', 'Period (UTC)', 'Format', 'Prepared for', 'Marking', 'Created', 'Created by', 'Size', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, this.#items.map((d) => this.#row(d)))),
      this.#nextCursor !== null ? more : null);
  }

  #row(d: ReportDocumentRow): HTMLTableRowElement {
    const doc = d.files[0];
    const marking = markingText(d);
    const bytes = d.files.reduce((s, f) => s + f.sizeBytes, 0);
    const extra = d.files.slice(1);
    return h('tr', { 'data-report-id': d.id, class: d.id === this.#freshId ? 'fresh' : '' },
      h('td', {}, h('b', {}, d.title), h('div', { class: 'muted' }, d.id)),
      h('td', {}, h('div', {}, d.period.kind), h('div', { class: 'muted' }, `${formatTime(d.period.from)} – ${formatTime(d.period.to)}`)),
      h('td', {}, FORMAT_LABELS[d.format] ?? d.format),
      h('td', {}, d.preparedFor),
      h('td', {}, h('span', { class: 'badge marking', 'data-test': 'report-marking', title: `originator ${d.originator}` }, marking)),
      h('td', {}, formatTime(d.createdMs)),
      h('td', {}, d.createdBy),
      h('td', { class: 'report-size', title: d.files.map((f) => `${f.name}: ${f.sizeBytes} B, sha256 ${f.sha256}`).join('\n') }, formatBytes(bytes), extra.length > 0 ? h('div', { class: 'muted' }, `${d.files.length} files`) : null),
      h('td', { class: 'report-actions' }, doc === undefined ? h('span', { class: 'muted' }, 'no file') : [
        OPENS_IN_TAB.has(d.format)
          ? h('a', { href: fileUrl(d, doc.name, true), target: '_blank', rel: 'noopener noreferrer', 'data-test': 'report-open', 'aria-label': `Open ${d.title} (new tab)` }, 'Open')
          : h('button', { type: 'button', 'data-test': 'report-open', 'aria-label': `Open ${d.title} as text`, onclick: () => void this.#showText(d, doc) }, 'Open as text'),
        h('a', { href: fileUrl(d, doc.name), download: doc.name, 'data-test': 'report-download', 'aria-label': `Download ${d.title}` }, 'Download'),
        h('a', { href: manifestUrl(d), download: manifestName(doc.name), 'data-test': 'report-manifest', 'aria-label': `Download the manifest of ${d.title}` }, 'Manifest'),
        h('a', { href: signatureUrl(d), download: signatureName(doc.name), 'data-test': 'report-signature', 'aria-label': `Download the signature of ${d.title}` }, 'Signature'),
        extra.length > 0 ? h('div', { class: 'muted' }, 'Images: ', extra.flatMap((f, i) => [i > 0 ? ', ' : '', h('a', { href: fileUrl(d, f.name), download: f.name }, f.name)])) : null,
      ]));
  }

  /** Shows a Markdown or JSON document as text under the list (JSON indented). */
  async #showText(d: ReportDocumentRow, f: ReportFile): Promise<void> {
    const close = h('button', { type: 'button', onclick: () => { this.#viewer.hidden = true; } }, 'Close');
    const pre = h('pre', { 'data-test': 'report-text-body', tabindex: 0 }, 'Loading…');
    replaceChildren(this.#viewer, h('header', {}, h('h3', {}, `${d.title} — ${f.name}`), h('span', { class: 'badge marking' }, markingText(d)), close), pre);
    this.#viewer.hidden = false;
    try {
      const text = await this.api.getText(fileUrl(d, f.name, true));
      pre.textContent = d.format === 'json' ? indentJson(text) : text;
    } catch (e) {
      replaceChildren(pre, h('span', { class: 'error' }, `The document could not be read: ${(e as Error).message}`));
    }
    this.#viewer.scrollIntoView({ block: 'nearest' });
  }
}

/** A label above its control (`for`/`id`: the control's name is the label's text alone). */
function field(label: string, control: HTMLInputElement | HTMLSelectElement, cls = ''): HTMLDivElement {
  return h('div', { class: `field ${cls}`.trim() }, h('label', { for: control.id }, label), control);
}

function indentJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** `812 B`, `12.3 kB`, `4.1 MB` (decimal units). */
function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}
