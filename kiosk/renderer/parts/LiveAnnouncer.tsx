/**
 * A polite live region that reads out each new screen's title. It is emptied between
 * screens (by keying on the screen) so that two screens with the same title are both read.
 */
export function LiveAnnouncer({ text, screenKey }: { text: string; screenKey: number }) {
  return (
    <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-live-region>
      <span key={screenKey}>{text}</span>
    </div>
  );
}
