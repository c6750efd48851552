/**
 * The console's Reports page (issue 12, item 1) against the mock API: generate a weekly HTML
 * report, see it listed with its marking, open it in a new tab, download its signature, read
 * a Markdown report as text, see the server's 400 and 403 messages as sent, and a viewer gets
 * no form. Asserts on visible text and on the requests the mock received.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from './chromium.js';
import { FAKE_REPORT_TEXT, MOCK_KEY_ID, type MockApi, startMockApi } from './mock-api.js';

const REPORTS = '/api/reports/documents';

/** Opens the console of a mock (its user is always logged in) and goes to Reports by the navigation. */
async function openReports(browser: Browser, mock: MockApi): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
  await page.goto(mock.url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor({ state: 'visible' });
  return page;
}

/** The POST bodies the mock received for report generation, oldest first. */
function generateBodies(mock: MockApi): unknown[] {
  return mock.requests.filter((r) => r.method === 'POST' && r.url === REPORTS).map((r) => r.body);
}

describe('console reports page', { skip: chromiumAvailable() ? false : 'no /usr/bin/chromium (apt install chromium)', timeout: 180_000 }, () => {
  let browser: Browser;
  let mock: MockApi;
  let page: Page;
  let weeklyId: string;

  before(async () => {
    browser = await launchChromium();
    mock = await startMockApi();
    page = await openReports(browser, mock);
  });

  after(async () => {
    await browser?.close();
    await mock?.close();
  });

  test('is reached from the navigation, lists nothing yet and shows the signing key and how to verify', async () => {
    assert.match(page.url(), /#\/reports$/);
    await page.getByText('No reports you may see yet.').waitFor();
    await page.locator('[data-test=report-key-id]', { hasText: MOCK_KEY_ID }).waitFor();
    assert.equal(await page.locator('[data-test=report-verify-command]').textContent(), 'vigil report verify FILE --key node-ed25519.pub.pem');
    assert.ok(mock.requests.some((r) => r.method === 'GET' && r.url === '/api/keys'), 'no GET /api/keys');
    assert.ok(mock.requests.some((r) => r.method === 'GET' && r.url.startsWith(`${REPORTS}?`)), 'no GET of the report list');
    // Times are labelled as UTC, and inputs have labels.
    assert.ok(await page.getByLabel('To (UTC, optional)').isVisible());
    assert.equal(await page.getByLabel('From (UTC)').isVisible(), false, 'from is shown for a weekly period');
    assert.match((await page.locator('.report-generate .hint').textContent()) ?? '', /Times are UTC\./);
  });

  test('generates a weekly HTML report (button disabled meanwhile) and lists it with its marking', async () => {
    mock.reports.delayMs = 600;
    await page.getByLabel('Period', { exact: true }).selectOption('weekly');
    await page.getByLabel('To (UTC, optional)').fill('2026-03-22T00:00');
    await page.getByLabel('Format').selectOption('html');
    await page.getByLabel('Title (optional)').fill('Week 12 compliance');
    const button = page.getByRole('button', { name: 'Generate', exact: true });
    await button.click();
    assert.equal(await button.isDisabled(), true, 'the button is enabled while the request runs');
    await page.getByRole('status').filter({ hasText: 'Generating…' }).waitFor();
    const row = page.locator('tr[data-report-id]', { hasText: 'Week 12 compliance' });
    await row.waitFor({ timeout: 10_000 });
    mock.reports.delayMs = 0;
    assert.equal(await button.isDisabled(), false);

    assert.deepEqual(generateBodies(mock), [{ period: 'weekly', to: '2026-03-22T00:00:00.000Z', format: 'html', title: 'Week 12 compliance' }]);
    weeklyId = (await row.getAttribute('data-report-id'))!;
    assert.equal(weeklyId, mock.reports.documents[0]!.id);
    await page.getByRole('status').filter({ hasText: `Generated “Week 12 compliance” (${weeklyId}).` }).waitFor();

    const cells = (await row.locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.equal(cells[0], `Week 12 compliance ${weeklyId}`);
    assert.equal(cells[1], 'weekly 2026-03-15 00:00:00Z – 2026-03-22 00:00:00Z');
    assert.equal(cells[2], 'HTML');
    assert.equal(cells[3], 'FRA');
    assert.equal(cells[6], 'bench');
    assert.match(cells[7]!, /^\d+ B$/);
    // The marking as the console writes markings (nations sorted), in a badge.
    const marking = row.locator('[data-test=report-marking]');
    assert.equal(await marking.textContent(), 'REL TO GBR, USA');
    assert.ok(await marking.isVisible());
    // Table headers for every column.
    assert.deepEqual(await page.locator('[data-test=report-list] thead th').allInnerTexts(), ['Title', 'Period (UTC)', 'Format', 'Prepared for', 'Marking', 'Created', 'Created by', 'Size', 'Actions']);
  });

  test('opens the HTML report inline in a new tab and downloads the document and its signature', async () => {
    const row = page.locator(`tr[data-report-id="${weeklyId}"]`);
    const [tab] = await Promise.all([page.context().waitForEvent('page'), row.getByRole('link', { name: /^Open / }).click()]);
    await tab.waitForLoadState();
    assert.ok(tab.url().endsWith(`${REPORTS}/${weeklyId}/files/report.html?inline=1`), tab.url());
    assert.match(await tab.locator('body').innerText(), new RegExp(`${FAKE_REPORT_TEXT} ${weeklyId}`));
    await tab.close();
    assert.ok(mock.requests.some((r) => r.url === `${REPORTS}/${weeklyId}/files/report.html?inline=1`));

    const [doc] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: /^Download Week 12/ }).click()]);
    assert.equal(doc.suggestedFilename(), 'report.html');
    assert.match(await readFile((await doc.path())!, 'utf8'), new RegExp(FAKE_REPORT_TEXT));
    const [sig] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: /signature/ }).click()]);
    assert.equal(sig.suggestedFilename(), 'report.html.sig');
    assert.equal(Buffer.from(await readFile((await sig.path())!, 'utf8'), 'base64').toString(), `mock signature of ${weeklyId}`);
    const manifest = row.getByRole('link', { name: /manifest/ });
    assert.equal(await manifest.getAttribute('href'), `${REPORTS}/${weeklyId}/manifest`);
    assert.equal(await manifest.getAttribute('download'), 'report.html.manifest.json');
    assert.ok(mock.requests.some((r) => r.url === `${REPORTS}/${weeklyId}/files/report.html`), 'the document download did not reach the server');
    assert.ok(mock.requests.some((r) => r.url === `${REPORTS}/${weeklyId}/signature`));
  });

  test('generates a custom Markdown report and opens it as text', async () => {
    await page.getByLabel('Period', { exact: true }).selectOption('custom');
    assert.ok(await page.getByLabel('From (UTC)').isVisible(), 'from is hidden for a custom period');
    await page.getByLabel('From (UTC)').fill('2026-03-20T08:00');
    await page.getByLabel('To (UTC)').fill('2026-03-20T17:30');
    await page.getByLabel('Format').selectOption('md');
    await page.getByLabel('Title (optional)').fill('');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.locator('tr[data-report-id]').nth(1).waitFor();
    assert.deepEqual(generateBodies(mock).at(-1), { period: 'custom', from: '2026-03-20T08:00:00.000Z', to: '2026-03-20T17:30:00.000Z', format: 'md' });
    const md = mock.reports.documents[0]!;
    const row = page.locator(`tr[data-report-id="${md.id}"]`);
    assert.match(await row.innerText(), /Markdown/);
    assert.match(await row.innerText(), /overview-map\.svg/);
    await row.getByRole('button', { name: /as text$/ }).click();
    const text = page.locator('[data-test=report-text-body]');
    await text.filter({ hasText: `${FAKE_REPORT_TEXT} ${md.id}` }).waitFor();
    assert.match(await text.innerText(), /^# Compliance report, custom/);
    assert.ok(mock.requests.some((r) => r.method === 'GET' && r.url === `${REPORTS}/${md.id}/files/report.md?inline=1`));
  });

  test('shows the server\'s 400 message as sent', async () => {
    const before = generateBodies(mock).length;
    await page.getByLabel('Period', { exact: true }).selectOption('custom');
    await page.getByLabel('From (UTC)').fill('2026-03-21T00:00');
    await page.getByLabel('To (UTC)').fill('2026-03-20T00:00');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'period: from must be before to' }).waitFor();
    assert.equal(generateBodies(mock).length, before + 1, 'the request did not reach the server');
    assert.equal(await page.locator('tr[data-report-id]').count(), 2, 'a refused report is listed');
    assert.equal(await page.getByRole('button', { name: 'Generate', exact: true }).isDisabled(), false);
  });

  test('shows the server\'s 403 message as sent', async () => {
    mock.reports.forbidGenerate = true;
    await page.getByLabel('Period', { exact: true }).selectOption('daily');
    await page.getByLabel('To (UTC, optional)').fill('');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'bench may not generate reports (needs briefing:create)' }).waitFor();
    assert.deepEqual(generateBodies(mock).at(-1), { period: 'daily', format: 'md' });
    mock.reports.forbidGenerate = false;
  });

  test('opens a PDF report inline in a new tab', async () => {
    await page.getByLabel('Period', { exact: true }).selectOption('daily');
    await page.getByLabel('To (UTC, optional)').fill('2026-03-20T12:00');
    await page.getByLabel('Format').selectOption('pdf');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.locator('tr[data-report-id]').nth(2).waitFor();
    assert.deepEqual(generateBodies(mock).at(-1), { period: 'daily', to: '2026-03-20T12:00:00.000Z', format: 'pdf' });
    const pdf = mock.reports.documents[0]!;
    const row = page.locator(`tr[data-report-id="${pdf.id}"]`);
    assert.match(await row.innerText(), /daily\s+2026-03-19 12:00:00Z – 2026-03-20 12:00:00Z/);
    let downloaded = false;
    page.on('download', () => { downloaded = true; });
    const [tab] = await Promise.all([page.context().waitForEvent('page'), row.getByRole('link', { name: /^Open / }).click()]);
    await tab.waitForLoadState();
    assert.ok(tab.url().endsWith(`${REPORTS}/${pdf.id}/files/report.pdf?inline=1`), tab.url());
    await tab.waitForTimeout(500);
    assert.equal(downloaded, false, 'the PDF was downloaded instead of shown');
    await tab.close();
  });

  test('a viewer gets no generate form but reads the list', async () => {
    const viewerMock = await startMockApi({ role: 'viewer' });
    try {
      const viewer = await openReports(browser, viewerMock);
      await viewer.getByText('Your roles may read reports but not generate them.').waitFor();
      assert.equal(await viewer.locator('form.report-generate').count(), 0);
      assert.equal(await viewer.getByRole('button', { name: 'Generate' }).count(), 0);
      await viewer.getByText('No reports you may see yet.').waitFor();
      await viewer.locator('[data-test=report-key-id]', { hasText: MOCK_KEY_ID }).waitFor();
      assert.ok(viewerMock.requests.some((r) => r.method === 'GET' && r.url.startsWith(`${REPORTS}?`)));
      assert.equal(generateBodies(viewerMock).length, 0);
      await viewer.context().close();
    } finally {
      await viewerMock.close();
    }
  });
});
