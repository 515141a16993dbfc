import { useEffect, useRef } from 'preact/hooks';
import type { HelpView } from '../../contract.ts';
import { QrBlock } from '../blocks/QrBlock.tsx';

/** What the help overlay asks of the app. */
export interface HelpOverlayEvents {
  onCallStaff(): void;
  onClose(): void;
}

/**
 * Help (帮办), over whatever screen the resident is on: the 12345 hotline, a QR for remote help
 * and a button that calls the hall's staff. What the core says about the call (told, queued)
 * appears in a live region, so it is heard as well as seen.
 */
export function HelpOverlay({ help, events }: { help: HelpView; events: HelpOverlayEvents }) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus();
    return () => opener?.focus({ preventScroll: true });
  }, []);

  // A modal dialog keeps focus inside itself, and Escape closes it.
  const keys = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      events.onClose();
      return;
    }
    if (event.key !== 'Tab' || dialog.current === null) return;
    const stops = [...dialog.current.querySelectorAll<HTMLButtonElement>('button:not([disabled])')];
    const first = stops[0];
    const last = stops[stops.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  return (
    <div class="help-backdrop">
      <div
        ref={dialog}
        class="help-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        data-help-dialog
        onKeyDown={keys}
      >
        <h2 id="help-title">{help.title}</h2>
        <div class="help-ways">
          <div class="help-way">
            <p id="help-hotline-label" class="help-way-label">
              {help.hotlineLabel}
            </p>
            <p class="help-hotline" data-hotline>
              <span aria-hidden="true">☎ </span>
              {help.hotline}
            </p>
          </div>
          <div class="help-way help-way--qr">
            <QrBlock
              block={{ kind: 'qr', text: help.remoteHelpUrl, caption: help.remoteHelpCaption }}
            />
          </div>
        </div>
        <p class="help-status" role="status" aria-live="polite" data-staff-called>
          {help.staffCalled ?? ''}
        </p>
        <div class="help-buttons">
          <button
            ref={close}
            type="button"
            class="action action--secondary"
            data-help="close"
            onClick={() => events.onClose()}
          >
            {help.closeLabel}
          </button>
          <button
            type="button"
            class="action action--primary"
            data-help="call-staff"
            onClick={() => events.onCallStaff()}
          >
            {help.callStaffLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The help button, on every screen that offers help. */
export function HelpButton({ help, onOpen }: { help: HelpView; onOpen: () => void }) {
  return (
    <button
      type="button"
      class="corner-button corner-button--help"
      data-help="open"
      aria-haspopup="dialog"
      onClick={() => onOpen()}
    >
      <span aria-hidden="true" class="help-glyph">
        ?
      </span>
      {help.buttonLabel}
    </button>
  );
}
