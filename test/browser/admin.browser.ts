/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from '../support/browser';
import { useStoreClients } from '../support/clients';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

/**
 * The admin page in Debian's Chromium, against a running Herald and a real HTTPS receiver.
 * Screenshots land in test/artifacts/ (ignored by git).
 */
const ctx = useHeraldWithReceiver();
const { db } = useStoreClients();
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('console', (message) => {
    // The refused sign-in (401) and the form's API field error (400) are provoked on purpose,
    // and Chromium logs every 4xx fetch as an error; anything else counts.
    if (message.type() === 'error' && !/status of 40[01]/.test(message.text())) {
      consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('dialog', (dialog) => dialog.accept());
});
afterAll(async () => {
  await browser?.close();
});

const shot = (name: string) => screenshot(page, name);

/** A new session in the same tab: the earlier test's key is forgotten, this one signs in. */
async function signInAfresh(adminKey: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${ctx.herald.apiUrl}/admin/`);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await page.getByLabel('Platform admin key').fill(adminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

it('walks the admin path: sign in, create with a test delivery, see deliveries, rotate, disable, delete', async () => {
  const { herald, receiver } = ctx;
  const platform = await createPlatform(herald.api, { name: 'Browser' });

  await page.goto(`${herald.apiUrl}/admin/`);
  await page.getByLabel('Platform admin key').fill('key_00000000000000000000000000.wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('This key was not accepted').waitFor();
  await shot('01-sign-in-refused');
  await page.getByLabel('Platform admin key').fill(platform.admin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'No event destinations yet' }).waitFor();
  expect(page.url()).not.toContain(platform.admin);
  await shot('02-empty-list');

  await page.getByRole('link', { name: 'Create destination' }).click();
  const url = page.getByLabel('Endpoint URL (HTTPS)');
  await url.fill('http://insecure.example.com/hook');
  await url.blur();
  await page.getByText('The URL must use https.').waitFor();
  await url.fill(receiver.url('/browser'));
  await page.getByRole('button', { name: 'Create destination' }).click();
  // No event chosen: the API's own field error shows beside the events.
  await page.locator('#events-error', { hasText: 'at least one' }).waitFor();
  await shot('03-form-api-error');

  await page.getByLabel('Flow events (all)').check();
  // The complaint goes as soon as its field is right.
  expect(await page.locator('#events-error').textContent()).toBe('');
  expect(await page.getByText('The request is not valid.').count()).toBe(0);
  await page.getByText('A new flow is created').waitFor();
  await page.getByRole('button', { name: 'Add header' }).click();
  await page.getByLabel('Header name').fill('X-Team');
  await page.getByLabel('Header value').fill('platform');
  const filter = page.getByLabel('Filter (JSON operators, optional)');
  await filter.fill('{"type": {"$foo": 1}}');
  await page.getByText('Test the filter').click();
  await page.getByRole('button', { name: 'Test filter' }).click();
  await page.locator('#filter-error', { hasText: 'not an operator' }).waitFor();
  await filter.fill('{"type": "flow.created"}');
  await page.getByLabel('Sample event').fill('{"type": "flow.created", "data": {}}');
  await page.getByRole('button', { name: 'Test filter' }).click();
  await page.getByText('The event matches.').waitFor();
  await page.getByLabel('Redacted paths (comma-separated, optional)').fill('data.flowId');
  await page.getByRole('button', { name: 'Test destination' }).click();
  await page.getByText('Delivered').waitFor();
  expect(receiver.requests('/browser')).toHaveLength(1);
  expect(receiver.requests('/browser')[0]!.headers['x-team']).toBe('platform');
  await shot('04-form-test-delivery');

  await page.getByRole('button', { name: 'Create destination' }).click();
  await page.getByRole('heading', { name: 'Signing secret' }).waitFor();
  const destinationId = page.url().split('/').pop()!;
  await shot('05-detail');

  await herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { id: 'browser-evt-1', type: 'flow.created', data: { flowId: 'f1' } },
  });
  await eventually(() => expect(receiver.requests('/browser')).toHaveLength(2));
  // The filter let it through; the redacted path stayed behind.
  expect(JSON.parse(receiver.requests('/browser')[1]!.body).data).toEqual({});
  await eventually(async () => {
    await page.getByLabel('Status').selectOption('succeeded');
    await page.getByText('browser-evt-1').waitFor({ timeout: 1_000 });
  });
  await page.getByRole('button', { name: 'Attempts' }).first().click();
  await page.getByRole('link', { name: 'Open workflow in Temporal Web UI' }).waitFor();
  await shot('06-delivery-log');

  await page.getByRole('button', { name: 'Rotate' }).click();
  await page.locator('#secret-value', { hasText: 'whsec_' }).waitFor();
  const shown = await page.locator('#secret-value').textContent();
  const stored = await herald.api('GET', `/v1/event-destinations/${destinationId}/secret`, {
    token: platform.admin,
  });
  expect(shown).toBe(stored.body.signingSecret);
  await shot('07-secret-rotated');

  await page.getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('button', { name: 'Enable' }).waitFor();
  const disabled = await herald.api('GET', `/v1/event-destinations/${destinationId}`, {
    token: platform.admin,
  });
  expect(disabled.body.enabled).toBe(false);

  await page.goto(`${herald.apiUrl}/admin/#/destinations`);
  await page.getByRole('link', { name: receiver.url('/browser') }).waitFor();
  await shot('08-list');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot('09-list-375px');
  await page.getByRole('link', { name: receiver.url('/browser') }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('heading', { name: 'No event destinations yet' }).waitFor();
  expect(
    (await herald.api('GET', `/v1/event-destinations/${destinationId}`, { token: platform.admin }))
      .status,
  ).toBe(404);
  await page.getByRole('link', { name: 'Create destination' }).click();
  await page.getByLabel('Endpoint URL (HTTPS)').waitFor();
  await shot('10-form-375px');

  expect(consoleErrors).toEqual([]);
});

it('backfills a destination from its page and shows the progress to the end; offers the operational types', async () => {
  const { herald, receiver } = ctx;
  const platform = await createPlatform(herald.api, { name: 'Backfill' });
  for (const id of ['past-1', 'past-2']) {
    await herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { id, type: 'folder.created', data: {} },
    });
  }
  // Both have fanned out (to no destination) before the destination exists.
  await eventually(async () => {
    const fannedOut = await db('events')
      .where({ platform_id: platform.id })
      .whereNotNull('deliveries_created_at');
    expect(fannedOut).toHaveLength(2);
  });
  const created = await herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: receiver.url('/late-browser'), events: ['folder.created'] },
  });
  await signInAfresh(platform.admin);
  await page.getByRole('link', { name: receiver.url('/late-browser') }).click();
  await page.getByRole('heading', { name: 'Backfill' }).waitFor();
  await page.getByText('No backfills yet.').waitFor();

  // An end before the start: the API's field error shows in the section.
  await page.getByLabel('Until').fill('2020-01-01T00:00');
  await page.getByRole('button', { name: 'Start backfill' }).click();
  await page.locator('#backfill-error', { hasText: 'until: must be after since' }).waitFor();
  await page.getByLabel('Until').fill('');
  await page.getByRole('button', { name: 'Start backfill' }).click();
  await page.getByText('2 of 2 sent (2 delivered, 0 failed)').waitFor();
  await page.locator('.backfill .badge', { hasText: 'completed' }).waitFor();
  await page.getByRole('link', { name: 'Workflow in Temporal Web UI' }).waitFor();
  await shot('11-backfill-completed');
  expect(
    receiver
      .requests('/late-browser')
      .map((request) => request.headers['webhook-id'])
      .sort(),
  ).toEqual(['past-1', 'past-2']);

  await page.goto(`${herald.apiUrl}/admin/#/destinations/${created.body.id}/edit`);
  await page.getByLabel('Herald events (a destination breaks) (all)').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Signing secret' }).waitFor();
  const saved = await herald.api('GET', `/v1/event-destinations/${created.body.id}`, {
    token: platform.admin,
  });
  expect(saved.body.events).toEqual(
    expect.arrayContaining(['herald.destination.disabled', 'herald.delivery.failed']),
  );
  expect(consoleErrors).toEqual([]);
});

it('creates a destination from a preset: Splunk HEC format, its header name, the admin’s value', async () => {
  const { herald, receiver } = ctx;
  const platform = await createPlatform(herald.api, { name: 'Presets' });
  receiver.script('/services/collector/event', [
    { status: 200, body: '{"text":"Success","code":0}' },
  ]);
  await signInAfresh(platform.admin);
  await page.getByRole('link', { name: 'Create destination' }).click();
  await page
    .getByLabel('Send to (preset, optional)')
    .selectOption({ label: 'Splunk HTTP Event Collector' });
  expect(await page.getByLabel('Format').inputValue()).toBe('splunk-hec');
  expect(await page.getByLabel('Endpoint URL (HTTPS)').inputValue()).toBe(
    'https://{splunk-host}:8088/services/collector/event',
  );
  expect(await page.getByLabel('Header name').inputValue()).toBe('Authorization');
  expect(await page.getByLabel('Header value').getAttribute('placeholder')).toBe(
    'Splunk {hec-token}',
  );
  await page.getByRole('link', { name: 'Splunk HTTP Event Collector docs' }).waitFor();
  await shot('12-preset-splunk');
  await page.getByLabel('Endpoint URL (HTTPS)').fill(receiver.url('/services/collector/event'));
  await page.getByLabel('Header value').fill('Splunk test-token');
  await page.getByLabel('folder.created').check();
  await page.getByRole('button', { name: 'Create destination' }).click();
  await page.getByRole('heading', { name: 'Signing secret' }).waitFor();

  await herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { id: 'preset-1', type: 'folder.created', data: { folderId: 'f1' } },
  });
  await eventually(() => expect(receiver.requests('/services/collector/event')).toHaveLength(1));
  const [request] = receiver.requests('/services/collector/event');
  expect(request!.headers.authorization).toBe('Splunk test-token');
  expect(JSON.parse(request!.body)).toMatchObject({
    source: 'herald',
    sourcetype: '_json',
    event: { id: 'preset-1', type: 'folder.created', data: { folderId: 'f1' } },
  });
  expect(consoleErrors).toEqual([]);
});

it('is usable with the keyboard alone: every control is reachable and labelled', async () => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${ctx.herald.apiUrl}/admin/#/destinations/new`);
  await page.getByLabel('Endpoint URL (HTTPS)').waitFor();
  const unlabelled = await page.$$eval('input, select, button', (elements) =>
    elements
      .filter((element) => {
        const input = element as HTMLInputElement;
        const labelled =
          input.labels?.length ||
          input.getAttribute('aria-label') ||
          (element.textContent ?? '').trim();
        return !labelled;
      })
      .map((element) => element.outerHTML),
  );
  expect(unlabelled).toEqual([]);
  const focused: string[] = [];
  for (let i = 0; i < 70; i++) {
    await page.keyboard.press('Tab');
    focused.push(
      await page.evaluate(
        () => document.activeElement?.id || document.activeElement?.textContent || '',
      ),
    );
  }
  expect(focused).toEqual(
    expect.arrayContaining([
      'url',
      'description',
      'enabled',
      'Test destination',
      'Create destination',
    ]),
  );
});
