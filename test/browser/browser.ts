/**
 * Real Chromium (Debian's /usr/bin/chromium, driven by playwright-core) for the browser tests.
 * Every request that does not go to the gateway under test is aborted and recorded, and every
 * console error or uncaught exception of the page is recorded: `assertClean()` fails the test on either.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/** The console bundle, built fresh from src/console (esbuild: well under a second). */
export function buildConsole(): void {
  execFileSync(process.execPath, ['scripts/build-console.mjs'], { stdio: 'inherit' });
}

export interface GatewayPage {
  page: Page;
  context: BrowserContext;
  /** Requests to any other origin, all aborted. */
  blocked: string[];
  /** Console errors and page exceptions. */
  problems: string[];
  /** Fails when the page logged an error or tried to reach anything but the gateway. */
  assertClean(): void;
}

export async function openGatewayPage(
  browser: Browser,
  gatewayUrl: string,
  options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark'; allowConsoleErrors?: RegExp } = {},
): Promise<GatewayPage> {
  const origin = new URL(gatewayUrl).origin;
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
  const blocked: string[] = [];
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    // blob: and data: URLs (GraphiQL's editor workers) never leave the page.
    if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !options.allowConsoleErrors?.test(message.text())) problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return {
    page,
    context,
    blocked,
    problems,
    assertClean: () => {
      if (blocked.length > 0) throw new Error(`the page tried to leave the gateway: ${blocked.join(', ')}`);
      if (problems.length > 0) throw new Error(`the page had errors:\n${problems.join('\n')}`);
    },
  };
}
