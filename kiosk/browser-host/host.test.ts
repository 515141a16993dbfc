import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScriptedCore } from '../../test/support/browser.ts';
import { startBrowserHost, type BrowserHost } from './host.ts';

/** Sends a request with the path exactly as written (fetch would normalise `..` away). */
function rawGet(
  url: string,
  path: string,
  method = 'GET',
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the browser host serving the renderer', () => {
  let dir: string;
  let host: BrowserHost;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-host-'));
    const rendererDir = join(dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export const a = 1;');
    writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
    writeFileSync(join(rendererDir, 'assets', 'font.woff2'), 'wOF2');
    writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
    symlinkSync(join(dir, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
    host = await startBrowserHost({ core: createScriptedCore(), rendererDir });
  });

  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on loopback and reports its URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves index.html for the root path as HTML', async () => {
    const response = await fetch(host.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>kiosk</title>');
  });

  it.each([
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s', async (path, type) => {
    const response = await fetch(new URL(path, host.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it('answers 404 for a file it does not have, and for a folder', async () => {
    expect((await fetch(new URL('missing.js', host.url))).status).toBe(404);
    expect((await fetch(new URL('assets/', host.url))).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%00index.html',
    '/%E0%A4%A',
    '/assets/link.txt',
  ])('refuses %s, which would leave the renderer folder', async (path) => {
    const response = await rawGet(host.url, path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('not for the browser');
  });

  it('sends the security headers with pages and with errors alike', async () => {
    const origin = host.url.slice(0, -1);
    for (const path of ['/', '/missing.js']) {
      const { headers } = await rawGet(host.url, path);
      expect(headers['content-security-policy']).toBe(
        `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; ` +
          `connect-src 'self' ${origin.replace('http', 'ws')}; object-src 'none'; base-uri 'none'; ` +
          `frame-ancestors 'none'; form-action 'none'`,
      );
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['cache-control']).toBe('no-store');
    }
  });

  it('refuses to change files: POST to a page is 405 with the allowed methods', async () => {
    const response = await rawGet(host.url, '/index.html', 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('serves no simulator panel or API when started without a simulator', async () => {
    expect((await fetch(new URL('sim', host.url))).status).toBe(404);
    expect((await fetch(new URL('sim/state', host.url))).status).toBe(404);
  });
});
