import { CapabilityError } from './errors.ts';
import type { CapabilityCall } from './ports.ts';

/**
 * Turns a template's refusal of its data into the capability's own `rejected` error, with one
 * log line naming the template, the field and why, so staff and vendors see at once that the
 * data, not the printer, was at fault. The refused value never reaches the log: the message
 * may quote it, so only the field name and the reason code are written.
 */
export function templateRefusal(call: CapabilityCall, what: string, error: unknown): unknown {
  if (!isTemplateDataError(error)) return error;
  call.ports.log.error(
    {
      session: call.sessionRef,
      template: error.template,
      field: error.field,
      reason: error.reason,
    },
    `${what}: the template refused its data (field ${error.field}, ${error.reason}); nothing was printed`,
  );
  return new CapabilityError(
    `${what}: template "${error.template}" refused field "${error.field}" (${error.reason}); nothing was printed`,
    { rejected: true, cause: error },
  );
}

/** The shape of printer-templates' TemplateDataError, told by its flag, not its message. */
interface TemplateRefusal {
  rejected: true;
  template: string;
  field: string;
  reason: string;
}

function isTemplateDataError(error: unknown): error is TemplateRefusal {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Record<string, unknown>;
  return (
    e.rejected === true &&
    typeof e.template === 'string' &&
    typeof e.field === 'string' &&
    typeof e.reason === 'string'
  );
}
