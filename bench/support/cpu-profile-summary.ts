/**
 * Where a gateway's CPU went: reads a `.cpuprofile` (from `node --cpu-prof`, e.g. the one
 * `PROFILE=dir npx tsx bench/support/compare-dashboard.ts` leaves) and prints self time by
 * function, by file (or package), and the total (inclusive) time of the gateway's own
 * functions, each as a share of the busy (non-idle) time. Not part of `npm run bench`.
 *
 *   npx tsx bench/support/cpu-profile-summary.ts /tmp/prof/CPU.*.cpuprofile [rows]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile> [rows]');
const rows = Number(rowsArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

/** A short place for a frame: the package for dependencies, the path under src/ for ours. */
function place(url: string): string {
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/(src|dist)\/(.*)$/.exec(url);
  if (ours) return ours[2];
  return url.replace(/^.*\//, '');
}
const label = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${place(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

const selfByNode = new Map<number, number>();
profile.samples.forEach((id, i) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const selfByFunction = new Map<string, number>();
const selfByPlace = new Map<string, number>();
const totalByFunction = new Map<string, number>();
const totalByPlace = new Map<string, number>();
let busy = 0;
let idle = 0;
for (const [id, micros] of selfByNode) {
  const node = byId.get(id)!;
  if (node.callFrame.functionName === '(idle)') {
    idle += micros;
    continue;
  }
  busy += micros;
  selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + micros);
  selfByPlace.set(place(node.callFrame.url), (selfByPlace.get(place(node.callFrame.url)) ?? 0) + micros);
  // Inclusive time: each of the gateway's own functions (and each file or package) on the stack, counted once per sample.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)!;
    const where = `${place(frame.callFrame.url)} `;
    if (!seen.has(where)) {
      seen.add(where);
      totalByPlace.set(where, (totalByPlace.get(where) ?? 0) + micros);
    }
    if (!/\/(src|dist)\//.test(frame.callFrame.url) || /node_modules/.test(frame.callFrame.url)) continue;
    const key = label(frame);
    if (seen.has(key)) continue;
    seen.add(key);
    totalByFunction.set(key, (totalByFunction.get(key) ?? 0) + micros);
  }
}

const share = (micros: number) => `${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms`;
const top = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, rows);
console.log(`busy ${(busy / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms`);
console.log('\nself time by function');
for (const [key, micros] of top(selfByFunction)) console.log(`${share(micros)}  ${key}`);
console.log('\nself time by file or package');
for (const [key, micros] of top(selfByPlace)) console.log(`${share(micros)}  ${key}`);
console.log('\ntotal time in a file or package (anywhere on the stack)');
for (const [key, micros] of top(totalByPlace)) console.log(`${share(micros)}  ${key}`);
console.log("\ntotal time of the gateway's own functions");
for (const [key, micros] of top(totalByFunction)) console.log(`${share(micros)}  ${key}`);
