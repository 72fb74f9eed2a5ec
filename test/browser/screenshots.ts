/**
 * The README's console screenshots, from the demo gateway in real Chromium (not a test: run it
 * after a visible change and commit the PNGs):
 *
 *   npx tsx test/browser/screenshots.ts      -> docs/console.png (1280x1500, light), docs/console-phone.png (390x844, dark)
 */
import { startTestGateway } from '../support/gateway.js';
import { buildConsole, launchBrowser, openGatewayPage } from './browser.js';

buildConsole();
// History imported from the providers (backfill), so the matrix shows the demo's past weeks.
const gw = await startTestGateway({ journal: { watchIntervalMs: 300, backfill: true }, alerts: { evaluateIntervalSeconds: 0.5, providerDownAfterSeconds: 3600 } });
const browser = await launchBrowser();
try {
  const consoleUrl = gw.url.replace(/\/graphql$/, '/console');
  gw.demo.simulators.altaro.state.vmByName('APP01')!.failNextBackup = true;
  for (const [file, viewport, colorScheme] of [
    ['docs/console.png', { width: 1280, height: 800 }, 'light'],
    ['docs/console-phone.png', { width: 390, height: 844 }, 'dark'],
  ] as const) {
    const gp = await openGatewayPage(browser, gw.url, { viewport, colorScheme });
    await gp.page.goto(consoleUrl);
    await gp.page.getByRole('img', { name: /: (SUCCEEDED|FAILED|MISSED|NONE)$/ }).first().waitFor({ timeout: 20_000 });
    await gp.page.getByRole('button', { name: /^Back up now/ }).first().click();
    await gp.page.getByRole('progressbar').first().waitFor();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // some progress and the first alerts
    await gp.page.evaluate(() => window.scrollTo(0, 0));
    // The desktop shot: the page's first 1500 px (down to the history matrix); the phone shot: its first screen.
    await gp.page.screenshot(file === 'docs/console.png' ? { path: file, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1500 } } : { path: file });
    gp.assertClean();
    await gp.context.close();
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
  await gw.close();
}
