import type { Logger } from 'pino';
import type { HelpView, Locale, ScreenView } from '../../contract.ts';
import { helpSettings } from '../config/help-schema.ts';
import type { HelpCall, HelpCallOutcome } from '../journal/help-requests.ts';
import type { Clock } from './idle.ts';

/**
 * A resident may call staff once per screen in this long. A pressed-and-held or hammered button
 * must not flood the outbox or page the staff ten times; a minute is about how long staff take to
 * reach a kiosk in the hall, after which asking again is a fair reminder.
 */
export const HELP_CALL_INTERVAL_MS = 60_000;

/**
 * Screens remembered for the rate limit at most. A session visits a few dozen screens; the cap
 * only keeps a hostile renderer that fakes screen changes from growing the map.
 */
const MAX_REMEMBERED_SCREENS = 64;

/** What help needs from the kiosk: its config and the way a call reaches the outbox. */
export interface HelpOptions {
  kioskId: string;
  hotline?: string;
  remoteUrl?: string;
  /** Journals the request for the outbox and says whether the platform already has it. */
  callStaff?: (call: HelpCall) => Promise<HelpCallOutcome>;
}

type CallState = HelpCallOutcome | 'calling';

const STRINGS: Record<
  Locale,
  Omit<HelpView, 'hotline' | 'remoteHelpUrl' | 'staffCalled'> & {
    called: Record<CallState, string>;
  }
> = {
  'zh-CN': {
    buttonLabel: '帮助',
    title: '需要帮助？',
    hotlineLabel: '政务服务便民热线',
    remoteHelpCaption: '用手机扫码，工作人员远程视频帮办',
    callStaffLabel: '呼叫工作人员',
    closeLabel: '关闭',
    called: {
      calling: '正在呼叫工作人员……',
      sent: '已通知大厅工作人员，请在本机旁稍候。',
      queued: '呼叫已保存，网络恢复后将立即通知工作人员。如需马上帮助，请拨打热线。',
      failed: '呼叫未能发出，请拨打热线或向大厅工作人员求助。',
    },
  },
  en: {
    buttonLabel: 'Help',
    title: 'Need help?',
    hotlineLabel: 'Government service hotline',
    remoteHelpCaption: 'Scan with your phone for remote help by video',
    callStaffLabel: 'Call staff',
    closeLabel: 'Close',
    called: {
      calling: 'Calling staff…',
      sent: 'The hall staff have been told. Please wait by this terminal.',
      queued:
        'Your call is saved and staff will be told as soon as the network is back. For help now, call the hotline.',
      failed: 'The call could not be sent. Please call the hotline or ask the hall staff.',
    },
  },
};

/**
 * Help (帮办) on every screen: builds the view and turns `help.call` into a help request through
 * the outbox, at most once per screen per {@link HELP_CALL_INTERVAL_MS}. It remembers only screen
 * ids and times, and forgets them when the session is wiped.
 */
export class HelpDesk {
  private readonly hotline: string;
  private readonly remoteUrl: string;
  private readonly lastCallAt = new Map<string, number>();
  private state: CallState | null = null;
  /** Bumped by every call and wipe, so a late outcome never lands on a later call or resident. */
  private generation = 0;

  constructor(
    private readonly options: HelpOptions | undefined,
    private readonly clock: Clock,
    private readonly changed: () => void,
    private readonly log: Logger,
  ) {
    const defaults = helpSettings.parse({});
    this.hotline = options?.hotline ?? defaults.hotline;
    const url = new URL(options?.remoteUrl ?? defaults.remoteUrl);
    // Staff answering the remote call see which terminal it is; nothing about the resident.
    url.searchParams.set('kiosk', options?.kioskId ?? 'unknown');
    this.remoteUrl = url.href;
  }

  /** The help offered on `screen`; none on maintenance screens. */
  view(locale: Locale, screen: ScreenView): HelpView | undefined {
    if (screen.layout === 'maintenance') return undefined;
    const { called, ...text } = STRINGS[locale];
    return {
      ...text,
      hotline: this.hotline,
      remoteHelpUrl: this.remoteUrl,
      staffCalled: this.state === null ? null : called[this.state],
    };
  }

  /**
   * `help.call` on `screen`. Returns the call under way, or undefined when it was not made: on a
   * maintenance screen, or within the interval of the last call from the same screen.
   */
  call(screen: ScreenView, flowId?: string): Promise<void> | undefined {
    if (screen.layout === 'maintenance') return undefined;
    const now = this.clock.now();
    const last = this.lastCallAt.get(screen.id);
    if (last !== undefined && now - last < HELP_CALL_INTERVAL_MS) return undefined;
    if (this.lastCallAt.size >= MAX_REMEMBERED_SCREENS) this.lastCallAt.clear();
    this.lastCallAt.set(screen.id, now);
    this.state = 'calling';
    const generation = ++this.generation;
    this.changed();
    const call: HelpCall =
      flowId === undefined ? { screen: screen.id } : { screen: screen.id, flowId };
    // Started inside a promise, so even a synchronous throw becomes a "failed" the resident sees.
    return Promise.resolve()
      .then(() => this.options?.callStaff?.(call) ?? ('failed' as const))
      .catch((error: unknown) => {
        this.log.error({ err: error, screen: screen.id }, 'help call failed');
        return 'failed' as const;
      })
      .then((outcome) => {
        // A wipe or a newer call came in between: this outcome belongs to nobody on screen now.
        if (generation !== this.generation) return;
        this.state = outcome;
        this.log.info({ screen: screen.id, outcome }, 'resident called staff');
        this.changed();
      });
  }

  /** Forgets every call: the next resident starts with a clean help overlay. */
  reset(): void {
    this.lastCallAt.clear();
    this.state = null;
    this.generation += 1;
  }
}
