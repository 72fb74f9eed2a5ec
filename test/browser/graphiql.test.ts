/**
 * GraphiQL as served by the gateway, in real Chromium with every other host blocked: it loads
 * from installed packages, runs its default query, and with API keys on the key typed in the
 * Headers tab authenticates subscriptions too (SSE); a refused one shows a readable error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { launchBrowser, openGatewayPage } from './browser.js';

const OPS_KEY = 'graphiql-ops-key';

let gw: TestGateway;
let browser: Browser;

beforeAll(async () => {
  gw = await startTestGateway({ server: { auth: { apiKeys: [{ name: 'ops', key: OPS_KEY, scopes: ['read', 'operate'] }] } } });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gw?.close();
});

/** GraphiQL's editors are Monaco: replace the whole text without its auto-closing brackets. */
/** What an editor shows, spaces normalised (Monaco renders non-breaking ones). */
async function editorText(page: Page, editor: string): Promise<string> {
  return ((await page.locator(`${editor} .view-lines`).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

async function replaceEditorText(page: Page, editor: string, text: string): Promise<void> {
  // Select all and type over it in one edit (an empty document in between leaves GraphiQL naming
  // the old operation); on a loaded machine the click may not have focused the editor yet, so
  // until the editor shows exactly the new text.
  await expect
    .poll(
      async () => {
        await page.locator(editor).click();
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.insertText(text);
        return editorText(page, editor);
      },
      { timeout: 15_000, interval: 500 },
    )
    .toBe(text.replace(/\s+/g, ' ').trim());
  // GraphiQL takes the document's operation name a moment after the edit, and shows nothing
  // for it (it is not stored either); a run before that sends the old name ("Cannot infer
  // operation Overview"), so give it that moment.
  await page.waitForTimeout(1000);
}

async function run(page: Page): Promise<void> {
  await page.getByRole('button', { name: /execute query/i }).first().click();
}

const response = (page: Page) => page.locator('.graphiql-response');

describe('GraphiQL', () => {
  it('loads with no internet, runs its default query with the key from the Headers tab, and streams a subscription with that key', async () => {
    // 401s are expected here: the schema fetch and the first run go without a key on purpose.
    const gp = await openGatewayPage(browser, gw.url, { allowConsoleErrors: /status of 401/ });
    const { page } = gp;
    await page.goto(gw.url);
    await expect.poll(() => page.locator('.graphiql-query-editor').textContent(), { timeout: 20_000 }).toContain('README');

    // Without a key the gateway refuses in words.
    await run(page);
    await expect.poll(() => response(page).textContent(), { timeout: 10_000 }).toContain('UNAUTHENTICATED');

    await page.getByRole('button', { name: /^headers$/i }).click();
    await replaceEditorText(page, '.monaco-editor[data-uri$="-headers.json"]', `{"Authorization": "Bearer ${OPS_KEY}"}`);
    await run(page);
    await expect.poll(() => response(page).textContent(), { timeout: 10_000 }).toContain('PROTECTED');

    await replaceEditorText(page, '.graphiql-query-editor .monaco-editor', 'subscription Live { operationsUpdated { status target { name } } }');
    await run(page);
    // The subscription is open over SSE with the key: a backup started now arrives in the response pane.
    await expect.poll(() => page.getByRole('button', { name: /stop/i }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const started = await startAnyBackup(gw);
    await expect.poll(() => response(page).textContent(), { timeout: 15_000 }).toContain(started);
    gp.assertClean();
    await gp.context.close();
  }, 90_000);

  it('shows a refused subscription as a readable error', async () => {
    // 401s are expected here: the schema fetch and the first run go without a key on purpose.
    const gp = await openGatewayPage(browser, gw.url, { allowConsoleErrors: /status of 401/ });
    const { page } = gp;
    await page.goto(gw.url);
    await expect.poll(() => page.locator('.graphiql-query-editor').textContent(), { timeout: 20_000 }).toContain('README');
    await page.getByRole('button', { name: /^headers$/i }).click();
    await replaceEditorText(page, '.monaco-editor[data-uri$="-headers.json"]', '{"Authorization": "Bearer not-a-key"}');
    await replaceEditorText(page, '.graphiql-query-editor .monaco-editor', 'subscription Live { operationsUpdated { status } }');
    await run(page);
    await expect.poll(() => response(page).textContent(), { timeout: 10_000 }).toMatch(/UNAUTHENTICATED/);
    gp.assertClean();
    await gp.context.close();
  }, 60_000);
});

/** Starts a backup of the first VM through the API (with the ops key); returns the VM's name. */
async function startAnyBackup(gateway: TestGateway): Promise<string> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${OPS_KEY}` };
  const post = async (query: string, variables?: unknown) =>
    (await (await fetch(gateway.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) })).json()) as { data: any };
  const { data } = await post('{ protection(filter: { providerIds: ["hq"] }) { resources { resource { id name } } } }');
  const target = data.protection.resources[0].resource as { id: string; name: string };
  const started = await post('mutation($id: ID!) { startBackup(input: { targetId: $id }) { __typename ... on Error { message } } }', { id: target.id });
  expect(started.data.startBackup.__typename).toBe('StartOperationSuccess');
  return target.name;
}
