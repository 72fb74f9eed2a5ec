/**
 * The operations console's bundle: src/console/app/main.tsx (preact) bundled and minified by
 * esbuild into dist/console/ with its index.html and stylesheet. No CDN and no network: every
 * import comes from node_modules. Run by scripts/build.mjs (npm install, npm start) or by hand:
 *
 *   node scripts/build-console.mjs
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const source = join(root, 'src/console/app');
const out = join(root, 'dist/console');

mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(source, 'main.tsx')],
  outfile: join(out, 'console.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
  // graphql-ws's browser client only: nothing of Node gets in.
  platform: 'browser',
});
copyFileSync(join(source, 'index.html'), join(out, 'index.html'));
copyFileSync(join(source, 'console.css'), join(out, 'console.css'));
