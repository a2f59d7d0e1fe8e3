/**
 * The one Content Security Policy for Earshot's pages. The Electron shell sends it as a header,
 * serve mode too, and renderer/index.html carries it as a meta tag (a test keeps them equal).
 * Post text comes from strangers: no inline script or style, nothing loaded from elsewhere.
 */
const PAGE_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // 'self' covers the page's own ws:/wss: origin (CSP 3); a bare ws: would let an injected script
  // open a socket to any host.
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** As renderer/index.html's meta tag; browsers ignore (and log an error for) frame-ancestors there. */
export const META_CONTENT_SECURITY_POLICY = PAGE_DIRECTIVES.join('; ');

/** As a response header, where frame-ancestors does take effect. */
export const CONTENT_SECURITY_POLICY = [...PAGE_DIRECTIVES, "frame-ancestors 'none'"].join('; ');
