import { describe, expect, it } from 'vitest';
import { PLATFORM_OPERATIONS } from '../capabilities/catalogue.ts';
import { PLATFORM_OUTPUTS } from '../capabilities/outputs.ts';
import { createSessionRuntime, type CapabilityPorts } from '../capabilities/runtime.ts';
import { silentLogger } from '../log.ts';
import { operationVariants, PLATFORM_SAMPLES, samplePlatform } from './platform-samples.ts';
import { SENTINEL_VALUES, sentinelCard } from './sentinels.ts';

/** Arguments a flow would pass to each operation, where it needs any. */
const ARGS: Record<string, Record<string, string | number>> = {
  'guide.search': { query: 'sb' },
  'guide.get': { guideId: 'si-payment-certificate' },
  'queue.businessTypes': { hallId: 'nj-city' },
  'queue.ticket': { serviceId: 'general' },
  'application.progress': { applicationNo: 'KS2026120100000001' },
  'application.bundle': { bundleId: 'newborn' },
  'application.materialsHeld': { bundleId: 'newborn' },
  'enterprise.creditRecord': { creditCode: '' },
  'hall.get': { hallId: 'nj-city' },
  'enterprise.checkCode': { creditCode: '91320100MA1XK24T0X' },
};

/** Operations that need no resident. */
const PUBLIC = new Set([
  'guide.list',
  'guide.search',
  'guide.get',
  'hall.list',
  'queue.businessTypes',
  'queue.ticket',
  'application.progress',
  'application.bundle',
  'enterprise.creditRecord',
  'hall.get',
  'enterprise.checkCode',
]);

describe('the flow tester’s platform samples', () => {
  it('cover every platform operation a flow may call', () => {
    const missing = PLATFORM_OPERATIONS.filter(
      (op) => op !== 'identity.fromCode' && !Object.hasOwn(PLATFORM_SAMPLES, op),
    );
    expect(missing).toEqual([]);
  });

  for (const operation of PLATFORM_OPERATIONS.filter((op) => op !== 'identity.fromCode')) {
    it(`answer ${operation} in every variant with the documented view and no sentinel value`, async () => {
      for (const variant of operationVariants(operation)) {
        const unused = (): never => {
          throw new Error('not used here');
        };
        const ports: CapabilityPorts = {
          kioskId: 'kiosk-samples-1',
          platform: samplePlatform(() => variant),
          log: silentLogger,
          scanner: () => undefined,
          outOfService: () => [],
          readIdCard: () => Promise.resolve(sentinelCard('resident')),
          renderCertificate: unused,
          printDocument: unused,
          renderReceipt: unused,
          printReceipt: unused,
        };
        const session = createSessionRuntime(ports, 'session-samples');
        const signal = new AbortController().signal;
        const resident = PUBLIC.has(operation)
          ? undefined
          : await session.run('idcard.read', { timeoutSeconds: 60 }, signal);
        const args = { ...ARGS[operation] };
        if (operation === 'enterprise.creditRecord') {
          const { ENTERPRISES } = await import('../platform/sandbox/enterprises.ts');
          args.creditCode = [...ENTERPRISES.keys()][0] ?? '';
        }
        const out = await session.run(
          'platform.call',
          { operation, args, ...(resident ? { resident } : {}) },
          signal,
        );
        const view = PLATFORM_OUTPUTS[operation as keyof typeof PLATFORM_OUTPUTS];
        expect(view.safeParse(out).success, `${operation}/${variant}`).toBe(true);
        const text = JSON.stringify(out);
        expect(SENTINEL_VALUES.filter((v) => text.includes(v))).toEqual([]);
      }
    });
  }
});
