/**
 * The serve-mode HTTP server: `/api/health`, the WebSocket at `/ws`, report exports at
 * `/exports/<name>`, and the built renderer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/app/core-api';
import { applySecurityHeaders, sendText } from './security-headers';
import { EXPORTS_PREFIX, serveExport } from './export-download';
import { createStaticHandler } from './static-files';
import { createWsGateway } from './ws-gateway';

export interface HttpServerOptions {
  core: Core;
  host: string;
  /** 0 picks a free port; `RunningServer.port` tells which. */
  port: number;
  rendererDir: string;
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const serveStatic = createStaticHandler(options.rendererDir);
  const gateway = createWsGateway(options.core);

  const server = createServer((req, res) => {
    applySecurityHeaders(res);
    route(options.core, serveStatic, req, res).catch(() => {
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

async function route(core: Core, serveStatic: (req: IncomingMessage, res: ServerResponse) => Promise<void>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0];
  if (path === '/api/health') {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    const body = JSON.stringify(core.health());
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  if (path?.startsWith(EXPORTS_PREFIX)) {
    await serveExport((name) => core.reports.exportPath(name), req, res, path);
    return;
  }
  if (path?.startsWith('/api/')) {
    sendText(res, 404, 'Not Found\n');
    return;
  }
  await serveStatic(req, res);
}
