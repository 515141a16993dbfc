import { describe, expect, it } from 'vitest';
import type { Requirement } from '../capabilities/catalogue.ts';
import type { FlowPackage } from '../runner/flow-package.ts';
import { ServiceBoard } from './service-board.ts';

function flow(id: string, requires: Requirement[]): FlowPackage {
  return { manifest: { id, requires, optional: [] } } as unknown as FlowPackage;
}

describe('the service board', () => {
  const byIdentity = flow('by-identity', ['identity', 'platform']);
  const byCard = flow('by-card', ['idCardReader']);

  function board(down: Requirement[]): ServiceBoard {
    return new ServiceBoard([byIdentity, byCard], () => down);
  }

  it('keeps a service needing identity while either the reader or the scanner serves', () => {
    expect(board(['idCardReader']).canStart('by-identity')).toBe(true);
    expect(board(['scanner']).canStart('by-identity')).toBe(true);
    expect(board(['idCardReader']).canStart('by-card')).toBe(false);
  });

  it('disables it, naming identity, only when both ways to identify are down', () => {
    const b = board(['idCardReader', 'scanner']);
    expect(b.canStart('by-identity')).toBe(false);
    expect(b.menu().find((m) => m.flow === byIdentity)?.missing).toEqual(['identity']);
    expect(
      board(['platform'])
        .menu()
        .find((m) => m.flow === byIdentity)?.missing,
    ).toEqual(['platform']);
  });
});
