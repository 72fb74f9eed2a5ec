/**
 * Runs every benchmark in this folder (`npm run bench`), one after another in file-name order.
 * A bench file is any `*.ts` here except this one; it does its work when imported (top-level
 * await is fine), or exports a default function, which is then called and awaited. A default
 * function that returns markdown contributes a section to `bench/RESULTS.md`, written after a
 * full run with the date and the machine. `npm run bench -- scale` runs only files whose name
 * contains "scale" (and leaves RESULTS.md alone, printing their sections instead).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && name !== self)
  .filter((name) => only.length === 0 || only.some((part) => name.includes(part)))
  .sort();

const sections: string[] = [];
for (const name of files) {
  console.log(`\n== ${name}`);
  const module = (await import(pathToFileURL(`${here}${name}`).href)) as { default?: unknown };
  if (typeof module.default === 'function') {
    const section = await (module.default as () => unknown)();
    if (typeof section === 'string') sections.push(section);
  }
}

// A partial run leaves RESULTS.md as it is and prints its sections instead.
if (only.length > 0) for (const section of sections) console.log(`\n${section}`);

if (only.length === 0 && sections.length > 0) {
  const cpus = os.cpus();
  const header = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.`,
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}.`,
    'Simulators, gateway and load generator each run in their own process on this one machine, over loopback.',
  ].join('\n');
  writeFileSync(`${here}RESULTS.md`, `${header}\n\n${sections.join('\n\n')}\n`);
  console.log(`\nwrote ${here}RESULTS.md`);
}
