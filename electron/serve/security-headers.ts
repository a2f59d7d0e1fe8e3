/**
 * Headers every serve-mode response carries. The CSP must stay identical to the renderer's
 * meta tag: the meta tag protects the Electron window, these protect browsers on the LAN.
 */
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '@shared/contract/content-security-policy';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** A short plain-text answer (errors, 404, 405) with the security headers already set. */
export function sendText(res: ServerResponse, status: number, body: string, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extraHeaders });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
