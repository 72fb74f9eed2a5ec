/**
 * A real redis-server for tests, on a free loopback port, without persistence. `.ci/run`
 * installs the Debian package; a machine without it fails the test with a message saying so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { onFreePort } from './ports.js';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

export function startRedis(): Promise<TestRedis> {
  return onFreePort(startRedisOn);
}

async function startRedisOn(port: number): Promise<TestRedis> {
  let child: ChildProcess;
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.once('error', (error) => reject(new Error(`cannot start redis-server (apt-get install -y redis-server): ${error.message}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code} before it was ready:\n${output.trim()}`)));
  });
  await ready;
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
