/**
 * The operations console at /console in real Chromium against the demo gateway with API keys
 * on, every other host blocked and any console error failing the test: it asks for a key,
 * shows coverage and the history matrix, a backup started from it runs to 100 and a final
 * status, a failed backup's alert arrives live and can be acknowledged, a read-only key
 * gets no action buttons, and it works by keyboard on a phone in the dark scheme.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { buildConsole, launchBrowser, openGatewayPage, type GatewayPage } from './browser.js';

const OPS_KEY = 'console-ops-key';
const READ_KEY = 'console-read-key';

let gw: TestGateway;
let browser: Browser;
let consoleUrl: string;

beforeAll(async () => {
  buildConsole();
  gw = await startTestGateway({
    // The watcher is what sees a backup end, and the alert rules run on what it records.
    journal: { watchIntervalMs: 300, backfill: false },
    alerts: { evaluateIntervalSeconds: 0.2, providerDownAfterSeconds: 3600 },
    server: {
      auth: {
        apiKeys: [
          { name: 'ops', key: OPS_KEY, scopes: ['read', 'operate'] },
          { name: 'dashboard', key: READ_KEY, scopes: ['read'] },
        ],
      },
    },
  });
  consoleUrl = gw.url.replace(/\/graphql$/, '/console');
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gw?.close();
});

/** Opens the console and answers its key prompt. */
async function signIn(key: string): Promise<GatewayPage> {
  // The first, keyless viewer query is refused with 401 on purpose: that is what asks for a key.
  const gp = await openGatewayPage(browser, gw.url, { allowConsoleErrors: /status of 401/ });
  await gp.page.goto(consoleUrl);
  await gp.page.getByLabel('API key').fill(key);
  await gp.page.getByRole('button', { name: 'Use key' }).press('Enter');
  await gp.page.getByRole('heading', { name: 'Coverage' }).waitFor({ timeout: 15_000 });
  return gp;
}

const historyCells = (page: Page) => page.getByRole('img', { name: /^.+ \d{4}-\d{2}-\d{2}: (SUCCEEDED|FAILED|MISSED|RUNNING|NONE)$/ });

describe('console', () => {
  it('asks for a key, then shows every provider\'s coverage and the 30-day history matrix', async () => {
    const gp = await signIn(OPS_KEY);
    const { page } = gp;
    const coverage = page.getByRole('region', { name: 'Coverage' });
    for (const provider of ['hq', 'zrh', 'vps']) await expect.poll(() => coverage.getByLabel(new RegExp(`^${provider}: \\d+ of \\d+ protected$`)).count(), { timeout: 15_000 }).toBe(1);
    // The unprotected list gives a reason for each.
    expect(await coverage.locator('.unprotected .reason').count()).toBeGreaterThan(0);
    await expect.poll(() => historyCells(page).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const rows = await page.getByRole('region', { name: /History/ }).locator('tbody tr').count();
    expect(await historyCells(page).count()).toBe(rows * 30);
    await page.getByRole('region', { name: /Upcoming runs/ }).getByText(/\d+ runs, \d+ conflicts/).waitFor();
    gp.assertClean();
    await gp.context.close();
  }, 60_000);

  it('"Back up now" shows the new operation\'s progress bar at once, up to 100 and a final status', async () => {
    const gp = await signIn(OPS_KEY);
    const { page } = gp;
    const { data } = (await (await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${OPS_KEY}` }, body: JSON.stringify({ query: '{ protection(filter: { providerIds: ["hq"] }) { resources { resource { name } } } }' }) })).json()) as {
      data: { protection: { resources: Array<{ resource: { name: string } }> } };
    };
    const name = data.protection.resources[0].resource.name;
    await page.getByRole('button', { name: `Back up now: ${name}` }).click();
    const bar = page.getByRole('progressbar', { name: new RegExp(name) });
    await bar.waitFor({ timeout: 5_000 });
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('100');
    await page.getByRole('region', { name: 'Running operations' }).getByText('✔ Succeeded').waitFor({ timeout: 15_000 });
    gp.assertClean();
    await gp.context.close();
  }, 90_000);

  it('a failed backup\'s alert arrives live, and acknowledging it changes its state', async () => {
    const gp = await signIn(OPS_KEY);
    const { page } = gp;
    const alerts = page.getByRole('region', { name: 'Alerts' });
    gw.demo.simulators.altaro.state.vmByName('APP01')!.failNextBackup = true;
    await page.getByRole('button', { name: 'Back up now: APP01' }).click();
    const alert = alerts.getByRole('listitem', { name: 'BACKUP_FAILED APP01: OPEN' });
    await alert.waitFor({ timeout: 30_000 });
    await alert.getByRole('button', { name: /^Acknowledge/ }).click();
    await alerts.getByRole('listitem', { name: 'BACKUP_FAILED APP01: ACKNOWLEDGED' }).getByText('Acknowledged by ops').waitFor({ timeout: 10_000 });
    gp.assertClean();
    await gp.context.close();
  }, 90_000);

  it('a read-only key sees the panels but no action buttons', async () => {
    const gp = await signIn(READ_KEY);
    const { page } = gp;
    await expect.poll(() => historyCells(page).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /Back up now/ }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Actions' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Acknowledge/ }).count()).toBe(0);
    gp.assertClean();
    await gp.context.close();
  }, 60_000);

  it('works by keyboard alone on a phone-sized screen in the dark scheme, and stays readable', async () => {
    const gp = await openGatewayPage(browser, gw.url, { viewport: { width: 390, height: 844 }, colorScheme: 'dark', allowConsoleErrors: /status of 401/ });
    const { page } = gp;
    await page.goto(consoleUrl);
    await page.getByLabel('API key').focus();
    await page.keyboard.type(OPS_KEY);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Coverage' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: /^Back up now: / }).first().waitFor({ timeout: 15_000 });
    // Tab reaches a "Back up now" button, its focus is visible, and Enter starts the backup.
    let focused = '';
    for (let presses = 0; presses < 400 && !focused.startsWith('Back up now: '); presses++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
    }
    expect(focused).toMatch(/^Back up now: /);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    const name = focused.replace('Back up now: ', '');
    await page.getByRole('progressbar', { name: new RegExp(name) }).waitFor({ timeout: 10_000 });
    // Dark scheme: a dark page with text of WCAG AA contrast; nothing wider than the phone.
    const look = await page.evaluate(() => {
      const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
      };
      const body = getComputedStyle(document.body);
      const bg = luminance(rgb(body.backgroundColor));
      const fg = luminance(rgb(body.color));
      return { bg, contrast: (Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05), overflow: document.documentElement.scrollWidth - window.innerWidth };
    });
    expect(look.bg).toBeLessThan(0.1);
    expect(look.contrast).toBeGreaterThanOrEqual(4.5);
    expect(look.overflow).toBeLessThanOrEqual(0);
    gp.assertClean();
    await gp.context.close();
  }, 90_000);

  it('a wrong key is refused in words and the prompt stays', async () => {
    const gp = await openGatewayPage(browser, gw.url, { allowConsoleErrors: /status of 401/ });
    await gp.page.goto(consoleUrl);
    await gp.page.getByLabel('API key').fill('wrong-key');
    await gp.page.getByRole('button', { name: 'Use key' }).click();
    await gp.page.getByRole('alert').filter({ hasText: 'The gateway refused this key' }).waitFor({ timeout: 10_000 });
    gp.assertClean();
    await gp.context.close();
  }, 60_000);
});
