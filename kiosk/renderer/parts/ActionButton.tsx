import type { ActionView } from '../../contract.ts';
import { useSendAction } from './action-context.ts';

/** One touch target for an action; a disabled one shows (and announces) why. */
export function ActionButton({ action, variant }: { action: ActionView; variant?: 'tile' }) {
  const send = useSendAction();
  const reasonId = action.disabled && action.disabledReason ? `why-${action.id}` : undefined;
  const classes = ['action', `action--${action.kind}`];
  if (variant === 'tile') classes.push('action--tile');
  return (
    <div class="action-slot">
      <button
        type="button"
        class={classes.join(' ')}
        data-action={action.id}
        disabled={action.disabled === true}
        aria-describedby={reasonId}
        onClick={() => send(action)}
      >
        {action.label}
      </button>
      {reasonId !== undefined && (
        <p class="action-reason" id={reasonId}>
          {action.disabledReason}
        </p>
      )}
    </div>
  );
}

/** The row of screen actions, always at the bottom where everyone can reach it. */
export function ActionBar({ actions }: { actions: ActionView[] }) {
  if (actions.length === 0) return null;
  return (
    <div class="action-bar">
      {actions.map((action) => (
        <ActionButton key={action.id} action={action} />
      ))}
    </div>
  );
}
