import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Browser } from 'playwright-core';
import { findFreePort } from '../../src/runtime/ports';
import { startDevServer, type DevServer } from '../../src/temporal/devServer';
import { launchChromium, screenshot } from '../support/browser';
import { requireTestEnv } from '../support/environment';
import { eventually } from '../support/eventually';
import { createPlatform, startTestHerald, type TestHerald } from '../support/herald';
import { startReceiver, type Receiver } from '../support/receiver';

/**
 * The embedded dev server with its Web UI, as `npm start` runs it: the workflow list filters
 * by Herald's search attributes.
 */
let temporal: DevServer;
let herald: TestHerald;
let receiver: Receiver;
let browser: Browser;

beforeAll(async () => {
  temporal = await startDevServer({
    cliPath: requireTestEnv('temporalCli'),
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'herald-ui-')),
    port: await findFreePort(),
    uiPort: await findFreePort(),
    namespace: 'default',
    readyTimeoutMs: 120_000,
  });
  [herald, receiver, browser] = await Promise.all([
    startTestHerald({
      env: { TEMPORAL_ADDRESS: temporal.address, TEMPORAL_UI_URL: temporal.uiUrl! },
    }),
    startReceiver(),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await herald?.stop();
  await receiver?.stop();
  await temporal?.stop();
});

it('lists only the workflows of one platform in Temporal Web UI', async () => {
  const ingested: Record<string, string> = {};
  const platforms = [await createPlatform(herald.api), await createPlatform(herald.api)];
  for (const platform of platforms) {
    await herald.api('POST', '/v1/event-destinations', {
      token: platform.admin,
      body: { url: receiver.url('/ui'), events: ['user.signed.up'] },
    });
    const event = await herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { type: 'user.signed.up', data: {} },
    });
    ingested[platform.id] = event.body.workflowId;
  }
  const [shown, hidden] = platforms.map((platform) => ingested[platform.id]!) as [string, string];
  // Both are indexed before the page opens, so a missing filter would show both.
  const connection = await Connection.connect({ address: temporal.address });
  await eventually(async () => {
    const listed = [];
    for await (const run of new Client({ connection }).workflow.list()) listed.push(run.workflowId);
    expect(listed).toEqual(expect.arrayContaining([shown, hidden]));
  });
  await connection.close();

  const page = await browser.newPage({ viewport: { width: 1500, height: 700 } });
  const query = encodeURIComponent(`HeraldPlatformId="${platforms[0]!.id}"`);
  await page.goto(`${temporal.uiUrl}/namespaces/default/workflows?query=${query}`);
  // Visibility is eventually consistent: reload until the list has caught up.
  for (let tries = 0; ; tries++) {
    try {
      await page.getByText(shown, { exact: true }).waitFor({ timeout: 2_000 });
      break;
    } catch (error) {
      if (tries >= 15) throw error;
      await page.reload();
    }
  }
  expect(await page.getByText(hidden, { exact: true }).count()).toBe(0);
  await screenshot(page, '11-temporal-ui-platform-filter');
});
