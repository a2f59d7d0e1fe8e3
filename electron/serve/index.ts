/**
 * Serve mode: the Earshot core under plain Node, its walls served to any browser. Built to
 * `out/main/serve.js`; `npm run serve` (or `npm start` without an Electron binary) runs it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../core/app/core-api';
import { DataDirLockedError } from '../core/app/data-dir-lock';
import { ConfigError, coreEnvOptions, serveEnv } from '../core/app/env-options';
import { createConsoleLogger } from '../core/base/logger';
import { startCore } from '../core/app/start-core';
import { ChromiumPdfRenderer } from '../core/reports/pdf-renderer';
import { readyBanner } from './banner';
import { startHttpServer, type RunningServer } from './http-server';
import { parseAllowedHosts } from './host-allowlist';
import { SESSION_COOKIE } from './cookies';
import { DEFAULT_MAX_UPLOAD_BYTES } from './upload-route';

/** Exit code for problems the user fixes by changing how Earshot is started. */
const EXIT_USAGE = 2;
const SHUTDOWN_TIMEOUT_MS = 10_000;

/** Problems that deserve one plain sentence, not a stack trace. */
class StartupError extends Error {}

function packageVersion(): string {
  // Both the built file (out/main/serve.js) and the source (electron/serve/index.ts) sit two
  // folders below the project root.
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

function rendererDir(): string {
  return process.env.EARSHOT_RENDERER_DIR?.trim() || join(__dirname, '../renderer');
}

function secureCookies(): boolean {
  const raw = process.env.EARSHOT_SECURE_COOKIES?.trim() ?? '';
  if (raw === '' || raw === '0') return false;
  if (raw === '1') return true;
  throw new ConfigError(`EARSHOT_SECURE_COOKIES must be 1 (the hub is reached over https through a proxy) or 0, got "${raw}"`);
}

function maxUploadBytes(): number {
  const raw = process.env.EARSHOT_MAX_UPLOAD_MB?.trim() ?? '';
  if (raw === '') return DEFAULT_MAX_UPLOAD_BYTES;
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 1 || mb > 100_000)
    throw new ConfigError(`EARSHOT_MAX_UPLOAD_MB must be a whole number of megabytes from 1 to 100000, got "${raw}"`);
  return mb * 1024 * 1024;
}

async function listen(core: Core, host: string, port: number, allowedHosts: string[]): Promise<RunningServer> {
  try {
    return await startHttpServer({
      core,
      host,
      port,
      rendererDir: rendererDir(),
      allowedHosts,
      secureCookies: secureCookies(),
      maxUploadBytes: maxUploadBytes(),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`Port ${port} on ${host} is already in use. Set EARSHOT_PORT to another port (0 picks a free one).`);
    if (code === 'EACCES') throw new StartupError(`Not allowed to listen on ${host}:${port}. Use a port above 1023 with EARSHOT_PORT.`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new StartupError(`EARSHOT_HOST=${host} is not an address of this machine.`);
    throw error;
  }
}

async function main(): Promise<void> {
  const { host, port } = serveEnv();
  const allowedHosts = parseAllowedHosts(process.env.EARSHOT_ALLOWED_HOSTS);
  const core = await startCore({ ...coreEnvOptions(), version: packageVersion(), logger: createConsoleLogger() });
  let server: RunningServer;
  try {
    server = await listen(core, host, port, allowedHosts);
  } catch (error) {
    await core.stop();
    throw error;
  }
  // Report PDFs: headless Chromium opens this server's own report view and prints it.
  const printHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  // It signs in with a token of its own, kept in memory, that may read what an agent may.
  let printToken: string | null = null;
  core.reports.setPdfRenderer(
    new ChromiumPdfRenderer(`http://${printHost}:${server.port}/`, () => ({
      name: SESSION_COOKIE,
      value: (printToken ??= core.auth.serviceToken('report printer', 'agent')),
    })),
  );
  if (!existsSync(join(rendererDir(), 'index.html'))) {
    process.stderr.write(`WARNING: no built renderer in ${rendererDir()}; run "npm run build" (the walls will answer 404).\n`);
  }
  process.stdout.write(readyBanner(host, server.port, core.dataDir, { allowedHosts, needsOwner: core.auth.needsOwner() }));

  let stoppingSince: number | null = null;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stoppingSince !== null) {
      // A second Ctrl+C means "now": skip the orderly stop. One press can arrive twice (from the
      // terminal and forwarded by npm or the launcher), hence the grace period.
      if (Date.now() - stoppingSince > 1_000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    process.stdout.write(`Earshot serve mode: ${signal} received, stopping...\n`);
    setTimeout(() => {
      process.stderr.write(`Earshot serve mode: did not stop within ${SHUTDOWN_TIMEOUT_MS / 1000} s, exiting anyway.\n`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    server
      .close()
      .then(() => core.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`Earshot serve mode: error while stopping: ${String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError || error instanceof ConfigError || error instanceof StartupError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_USAGE);
  }
  process.stderr.write(`Earshot serve mode failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
