import type { BlockView, KioskSnapshot, ScreenView } from '../contract.ts';

/**
 * What a read-only screen (a second display when `host.secondClient` is `readOnly`) is shown.
 * Only the owning screen gets the resident's pages. A read-only screen sees whether the kiosk is
 * free (the attract screen, without anything to press), in use, or under maintenance, and the
 * out-of-service notices; never a resident's screen, language or text size, and never the
 * technician's maintenance pages.
 */

const IN_USE: ScreenView = {
  id: 'in-use',
  layout: 'message',
  tone: 'neutral',
  title: '正在使用中 · In use',
  blocks: [{ kind: 'illustration', name: 'waiting', alt: '正在使用中 · In use' }],
  actions: [],
};

const MAINTENANCE: ScreenView = {
  id: 'maintenance-in-progress',
  layout: 'message',
  tone: 'warning',
  title: '维护中 · Under maintenance',
  blocks: [{ kind: 'illustration', name: 'waiting', alt: '维护中 · Under maintenance' }],
  actions: [],
};

/** Blocks a read-only screen may show: nothing one could press. */
function passive(block: BlockView): boolean {
  return block.kind !== 'choices' && block.kind !== 'rating';
}

/** The snapshot a read-only screen gets in place of `snapshot`. Keeps `seq`, so order holds. */
export function readOnlyView(snapshot: KioskSnapshot): KioskSnapshot {
  const free = !snapshot.inSession && snapshot.screen.layout === 'attract';
  const screen = free
    ? { ...snapshot.screen, blocks: snapshot.screen.blocks.filter(passive), actions: [] }
    : snapshot.screen.layout === 'maintenance'
      ? MAINTENANCE
      : IN_USE;
  return {
    seq: snapshot.seq,
    inSession: snapshot.inSession,
    // On the attract screen these are the kiosk's defaults; in a session, the resident's choice.
    locale: free ? snapshot.locale : 'zh-CN',
    screen,
    idle: {
      warning: false,
      secondsLeft: null,
      title: '',
      message: '',
      extendLabel: '',
      endLabel: '',
    },
    locales: [],
    largeText: free ? snapshot.largeText : false,
    notices: snapshot.notices,
  };
}
