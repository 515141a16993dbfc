import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  electronModule,
  recordingLogger,
  resetElectronMock,
} from '../../test/support/electron-mock.ts';
import {
  APP_ENTRY_URL,
  contentTypeOf,
  isAppUrl,
  resolveAppPath,
  serveAppProtocol,
} from './app-protocol.ts';
import { KIOSK_CSP } from './csp.ts';

vi.mock(
  'electron',
  async () => (await import('../../test/support/electron-mock.ts')).electronModule,
);

const { app, protocol } = electronModule;
// A renderer folder with a secret beside it (what a traversal would be after), and a hidden file.
let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'kiosk24-app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(root, 'assets', 'kiosk-1.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'kiosk-1.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'assets', 'blob.bin'), 'bytes');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

beforeEach(async () => {
  resetElectronMock();
  await app.whenReady();
});

function serve() {
  const { logger, lines } = recordingLogger();
  const stop = serveAppProtocol({ rootDir: root, logger });
  return { stop, lines, get: (url: string, init?: RequestInit) => protocol.request(url, init) };
}

describe('the app:// protocol', () => {
  it('serves the renderer page with its content type, the kiosk CSP, nosniff and no caching', async () => {
    const response = await serve().get(APP_ENTRY_URL);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>kiosk</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the assets the page names, each with its own content type', async () => {
    const { get } = serve();
    const types = async (path: string) =>
      (await get(`app://kiosk/${path}`)).headers.get('content-type');
    expect(await types('assets/kiosk-1.js')).toBe('text/javascript; charset=utf-8');
    expect(await types('assets/kiosk-1.css')).toBe('text/css; charset=utf-8');
    expect(await types('assets/logo.svg')).toBe('image/svg+xml');
    expect(await types('assets/blob.bin')).toBe('application/octet-stream');
    expect(await (await get('app://kiosk/')).text()).toContain('<title>kiosk</title>');
  });

  it('answers 404 for a missing file or a folder, and logs the path without the query', async () => {
    const { get, lines } = serve();
    expect((await get('app://kiosk/missing.html?idNumber=110101199003070000')).status).toBe(404);
    expect((await get('app://kiosk/assets')).status).toBe(404);
    expect((await get('app://kiosk/index.html/x')).status).toBe(404);
    expect(JSON.stringify(lines)).not.toContain('110101199003070000');
    expect(lines[0]).toMatchObject({ status: 404, path: '/missing.html' });
  });

  it('never serves a file outside the renderer folder, however the path is spelled', async () => {
    const { get } = serve();
    const attempts = [
      'app://kiosk/../secret.txt',
      'app://kiosk/%2e%2e/secret.txt',
      'app://kiosk/%2E%2E/secret.txt',
      'app://kiosk/assets/../../secret.txt',
      'app://kiosk/..%2fsecret.txt',
      'app://kiosk/..%2Fsecret.txt',
      'app://kiosk/assets/..%2f..%2fsecret.txt',
      'app://kiosk/%2e%2e%2fsecret.txt',
      'app://kiosk/..%5csecret.txt',
      'app://kiosk/%2fetc%2fpasswd',
      `app://kiosk/${encodeURIComponent(join(base, 'secret.txt'))}`,
      'app://kiosk/index.html%00.png',
      'app://kiosk/%E0%A4%A',
    ];
    for (const url of attempts) {
      const response = await get(url);
      const body = await response.text();
      expect({ url, leaked: body.includes('outside the renderer') }).toEqual({
        url,
        leaked: false,
      });
      expect({ url, status: response.status }).not.toMatchObject({ status: 200 });
    }
  });

  it('does not serve hidden files', async () => {
    expect((await serve().get('app://kiosk/.env')).status).toBe(404);
  });

  it('answers only its own host, and only GET and HEAD', async () => {
    const { get } = serve();
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://kiosk:81/index.html')).status).toBe(404);
    const post = await get(APP_ENTRY_URL, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await get(APP_ENTRY_URL, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('stops serving when told, once however often it is told', () => {
    const { stop } = serve();
    stop();
    stop();
    expect(protocol.isProtocolHandled('app')).toBe(false);
  });
});

describe('resolving an app: URL', () => {
  it('says why it refuses, with the status a browser expects', () => {
    expect(resolveAppPath(root, 'app://kiosk/..%2fsecret.txt')).toEqual({
      status: 403,
      reason: 'a path step out of the renderer folder',
    });
    expect(resolveAppPath(root, 'app://kiosk/%E0%A4%A')).toMatchObject({ status: 400 });
    expect(resolveAppPath(root, 'app://kiosk/a%5cb')).toMatchObject({ status: 400 });
    expect(resolveAppPath(root, 'file:///etc/passwd')).toMatchObject({ status: 404 });
    expect(resolveAppPath(root, 'app://kiosk/assets/kiosk-1.js')).toEqual({
      file: join(root, 'assets', 'kiosk-1.js'),
    });
  });

  it('knows its own origin from look-alikes', () => {
    expect(isAppUrl('app://kiosk/index.html')).toBe(true);
    expect(isAppUrl('app://KIOSK/index.html')).toBe(true);
    expect(isAppUrl('app://kiosk.evil/index.html')).toBe(false);
    expect(isAppUrl('app://u:p@kiosk/')).toBe(false);
    expect(isAppUrl('apps://kiosk/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('gives unknown extensions a type the browser will not sniff into a script', () => {
    expect(contentTypeOf('a.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('no-extension')).toBe('application/octet-stream');
  });
});
