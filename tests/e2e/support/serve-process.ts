/**
 * Starts the built serve mode (`node out/main/serve.js`) as a real child process with its own
 * data folder, and waits for its `EARSHOT_READY` line rather than for a fixed time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ownerSession, type HubSession } from './sign-in';

export const PROJECT_ROOT = resolve(__dirname, '../../..');
export const SERVE_ENTRY = join(PROJECT_ROOT, 'out/main/serve.js');
const READY_PREFIX = 'EARSHOT_READY ';
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/** Demo settings for tests: a brisk stream, and crisis episodes only when a test triggers them. */
export const TEST_DEMO_ENV: Readonly<Record<string, string>> = {
  EARSHOT_DEMO_RATE: '240',
  EARSHOT_DEMO_EPISODE_EVERY: 'off',
};

export interface ServeOptions {
  dataDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  env?: Record<string, string>;
  /** false: leave the hub without an owner (to test the first start itself). */
  createOwner?: boolean;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServeProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly pid: number;
  /** The owner (an admin), created on first start or signed in again after a restart (null with `createOwner: false`). */
  readonly owner: HubSession;
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after 5 s. */
  stop(): Promise<ExitInfo>;
  /** SIGKILL: a crash, as far as the data folder and the clients can tell. */
  kill(): Promise<ExitInfo>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'earshot-e2e-'));
}

export async function removeDataDir(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
}

interface Spawned {
  child: ChildProcess;
  output(): string;
  exited: Promise<ExitInfo>;
}

function spawnServe(options: ServeOptions): Spawned {
  if (!existsSync(SERVE_ENTRY)) throw new Error(`${SERVE_ENTRY} does not exist: run "npm run build" before the e2e tests.`);
  const child = spawn(process.execPath, [SERVE_ENTRY], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...TEST_DEMO_ENV,
      EARSHOT_DATA_DIR: options.dataDir,
      EARSHOT_HOST: '127.0.0.1',
      EARSHOT_PORT: String(options.port ?? 0),
      ...options.env,
    },
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<ExitInfo>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
  });
  return { child, output: () => output, exited };
}

function describeExit(exit: ExitInfo): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

async function terminate(spawned: Spawned, signal: NodeJS.Signals): Promise<ExitInfo> {
  if (spawned.child.exitCode !== null || spawned.child.signalCode !== null) return spawned.exited;
  spawned.child.kill(signal);
  const timer = setTimeout(() => spawned.child.kill('SIGKILL'), signal === 'SIGKILL' ? 0 : STOP_GRACE_MS);
  try {
    return await spawned.exited;
  } finally {
    clearTimeout(timer);
  }
}

export async function startServe(options: ServeOptions): Promise<ServeProcess> {
  const spawned = spawnServe(options);
  const ready = await new Promise<{ url: string; dataDir: string }>((resolveReady, rejectReady) => {
    const fail = (why: string): void => {
      cleanup();
      rejectReady(new Error(`serve mode ${why}. Its output:\n${spawned.output() || '(nothing)'}`));
    };
    const onData = (): void => {
      const line = spawned
        .output()
        .split('\n')
        .find((candidate) => candidate.startsWith(READY_PREFIX));
      if (line === undefined) return;
      cleanup();
      try {
        resolveReady(JSON.parse(line.slice(READY_PREFIX.length)) as { url: string; dataDir: string });
      } catch {
        rejectReady(new Error(`unreadable ready line: ${line}`));
      }
    };
    const timer = setTimeout(() => fail(`did not print ${READY_PREFIX.trim()} within ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS);
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => fail(`${describeExit({ code, signal })} before it was ready`);
    const cleanup = (): void => {
      clearTimeout(timer);
      spawned.child.stdout?.off('data', onData);
      spawned.child.off('exit', onExit);
    };
    spawned.child.stdout?.on('data', onData);
    spawned.child.once('exit', onExit);
  }).catch(async (error: unknown) => {
    await terminate(spawned, 'SIGKILL');
    throw error;
  });

  const port = Number(new URL(ready.url).port);
  let owner: HubSession = { cookie: '', storageState: { cookies: [], origins: [] } };
  try {
    if (options.createOwner !== false) owner = await ownerSession(ready.url);
  } catch (error) {
    await terminate(spawned, 'SIGKILL');
    throw error;
  }
  return {
    url: ready.url,
    port,
    dataDir: ready.dataDir,
    pid: spawned.child.pid ?? -1,
    owner,
    output: spawned.output,
    stop: () => terminate(spawned, 'SIGTERM'),
    kill: () => terminate(spawned, 'SIGKILL'),
  };
}

/** Runs serve mode expecting it to refuse to start; resolves with how it ended and what it said. */
export async function runServeToExit(options: ServeOptions, timeoutMs = 30_000): Promise<ExitInfo & { output: string }> {
  const spawned = spawnServe(options);
  const timer = setTimeout(() => spawned.child.kill('SIGKILL'), timeoutMs);
  try {
    const exit = await spawned.exited;
    return { ...exit, output: spawned.output() };
  } finally {
    clearTimeout(timer);
  }
}
