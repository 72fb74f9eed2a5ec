/**
 * Runs every benchmark in this folder (`npm run bench`), one after another in file-name order.
 * A bench file is any `*.ts` here except this one; it does its work when imported (top-level
 * await is fine), or exports a default function, which is then called and awaited.
 */
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && name !== self)
  .sort();

for (const name of files) {
  console.log(`\n== ${name}`);
  const module = (await import(pathToFileURL(`${here}${name}`).href)) as { default?: unknown };
  if (typeof module.default === 'function') await (module.default as () => unknown)();
}
