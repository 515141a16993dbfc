import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './index.ts';

/** The one problem line a bad config gives, without the heading. */
function problem(raw: unknown): string {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n').slice(1).join('\n').trim();
    throw error;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

describe('help and attract settings', () => {
  it('default to the 12345 hotline, an https remote-help page and no hall name or hours', () => {
    const config = parseConfig({});
    expect(config.help.hotline).toBe('12345');
    expect(new URL(config.help.remoteUrl).protocol).toBe('https:');
    expect(config.kiosk).toEqual({});
  });

  it('take a hall name and opening hours', () => {
    const config = parseConfig({
      kiosk: { hallName: '金阊街道便民服务中心', hours: '08:30-20:00' },
    });
    expect(config.kiosk).toEqual({ hallName: '金阊街道便民服务中心', hours: '08:30-20:00' });
    expect(parseConfig({ kiosk: { hours: '00:00-24:00' } }).kiosk.hours).toBe('00:00-24:00');
  });

  it('refuse a remote-help page that is not https, naming the key and what is allowed', () => {
    expect(problem({ help: { remoteUrl: 'http://help.example.com/' } })).toMatch(
      /^help\.remoteUrl = "http:\/\/help\.example\.com\/" is not allowed; allowed: an https:\/\/ URL/,
    );
    expect(problem({ help: { remoteUrl: 'https://user:pw@help.example.com/' } })).toMatch(
      /^help\.remoteUrl/,
    );
    expect(problem({ help: { remoteUrl: `https://help.example.com/${'a'.repeat(200)}` } })).toMatch(
      /^help\.remoteUrl/,
    );
  });

  it('refuse a hotline with letters and hours that are not HH:MM-HH:MM', () => {
    expect(problem({ help: { hotline: 'call us' } })).toMatch(
      /^help\.hotline .*allowed: a phone number/,
    );
    expect(problem({ kiosk: { hours: '8:30-20:00' } })).toMatch(/^kiosk\.hours .*HH:MM-HH:MM/);
    expect(problem({ kiosk: { hours: '08:30-24:30' } })).toMatch(/^kiosk\.hours/);
  });

  it('refuse a key they do not know', () => {
    expect(problem({ help: { phone: '12345' } })).toMatch(/help\.phone/);
  });
});
