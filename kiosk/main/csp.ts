import type { Session } from 'electron';

/**
 * The Content-Security-Policy every kiosk page gets. Only the app's own scripts, styles and
 * connections; no plugins, frames, forms or base-URL tricks. `data:` images are allowed for
 * QR codes and photos the core renders; nothing else comes from outside.
 */
export const KIOSK_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Adds the CSP header to every http(s) response the session receives (a development server's).
 * Responses of the app: scheme do not pass through this hook; its handler (app-protocol.ts)
 * sends the same policy with every file.
 */
export function installCsp(session: Session, csp: string = KIOSK_CSP): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = { ...details.responseHeaders };
    // A server's own policy is kept beside ours: the browser enforces both, so it can only
    // make the page stricter, never loosen the kiosk's policy.
    const name =
      Object.keys(headers).find((key) => key.toLowerCase() === 'content-security-policy') ??
      'Content-Security-Policy';
    const existing = headers[name] ?? [];
    headers[name] = [...(Array.isArray(existing) ? existing : [existing]), csp];
    callback({ responseHeaders: headers });
  });
}
