/**
 * The serve-mode HTTP server: `/api/health`, sign-in and pairing under `/api/auth` and `/api/pair`,
 * the WebSocket at `/ws`, report exports at `/exports/<name>`, and the built renderer. Every request
 * and upgrade must name a known host (DNS rebinding); everything but the pages, sign-in, pairing
 * and a status-only health needs a session cookie.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/app/core-api';
import { applySecurityHeaders, sendText } from './security-headers';
import { EXPORTS_PREFIX, serveExport } from './export-download';
import { createStaticHandler } from './static-files';
import { createWsGateway } from './ws-gateway';
import { createAuthRoutes, requestCaller, sendJson, type AuthRoutes } from './auth-routes';
import { createHostAllowlist, type HostAllowlist } from './host-allowlist';
import { DEFAULT_MAX_UPLOAD_BYTES, handleUpload, UPLOAD_PATH } from './upload-route';

export interface HttpServerOptions {
  core: Core;
  host: string;
  /** 0 picks a free port; `RunningServer.port` tells which. */
  port: number;
  rendererDir: string;
  /** Extra names and addresses other machines reach the hub by (EARSHOT_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  /** Secure cookies: the hub is reached over TLS through a proxy (EARSHOT_SECURE_COOKIES=1). */
  secureCookies?: boolean;
  /** Largest upload accepted (EARSHOT_MAX_UPLOAD_MB). */
  maxUploadBytes?: number;
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const serveStatic = createStaticHandler(options.rendererDir);
  const hosts = createHostAllowlist(options.host, options.allowedHosts ?? []);
  const gateway = createWsGateway(options.core, hosts);
  const auth = createAuthRoutes({ core: options.core, secureCookies: options.secureCookies ?? false });

  const server = createServer((req, res) => {
    applySecurityHeaders(res);
    route(options.core, hosts, auth, serveStatic, options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES, req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => gateway.handleUpgrade(req, socket, head));
  // Idle keep-alive sockets from browsers must not hold the process open on shutdown.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, options.host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;

  return {
    host: options.host,
    port: address.port,
    async close() {
      await gateway.close();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    },
  };
}

async function route(
  core: Core,
  hosts: HostAllowlist,
  auth: AuthRoutes,
  serveStatic: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  maxUploadBytes: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!hosts.allows(req.headers.host)) {
    sendText(res, 421, 'Misdirected Request: this hub does not answer to that host name (see EARSHOT_ALLOWED_HOSTS)\n');
    return;
  }
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  if (path === '/api/health') {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    // Monitoring may poll without signing in, but learns only whether the hub is well.
    const report = core.health();
    const caller = requestCaller(core, req);
    if (caller === null || caller.kind !== 'person') sendJson(res, 200, { status: report.status });
    else sendJson(res, 200, caller.role === 'admin' ? report : { ...report, dataDir: '' });
    return;
  }
  if (await auth(req, res, path)) return;
  if (path === UPLOAD_PATH) {
    await handleUpload(core, req, res, maxUploadBytes);
    return;
  }
  if (path.startsWith(EXPORTS_PREFIX)) {
    const caller = requestCaller(core, req);
    if (caller === null || caller.kind !== 'person') {
      sendText(res, 401, 'Unauthorized: sign in to download exports\n');
      return;
    }
    await serveExport((name) => core.reports.exportPath(name), req, res, path);
    return;
  }
  if (path.startsWith('/api/')) {
    sendText(res, 404, 'Not Found\n');
    return;
  }
  await serveStatic(req, res);
}
