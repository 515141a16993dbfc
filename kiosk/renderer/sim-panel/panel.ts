import type { PlatformFaultView, SimulatorState } from '../../contract.ts';
import './panel.css';

/**
 * The technician's simulator panel, served by the browser host at /sim. Plain DOM calls
 * only (no innerHTML), so nothing the simulator reports can be read as markup.
 */

const PAPER: Record<'receipt' | 'document', string[]> = {
  receipt: ['ok', 'near-end', 'out'],
  document: ['ok', 'low', 'out'],
};

type Body = Record<string, string | number | boolean | null>;

/** The sandbox platform's levers: each button sends one `POST /sim/platform` body. */
const PLATFORM_LEVERS: { label: string; body: Body }[] = [
  { label: 'Available (clear faults)', body: { clear: true } },
  { label: 'Down: no reply', body: { down: 'unavailable' } },
  { label: 'Down: HTTP 500', body: { down: 'http-500' } },
  { label: 'Slow: 3 s per reply', body: { delayMs: 3000 } },
  { label: 'Fail next request: HTTP 500', body: { failNext: 'http-500', count: 1 } },
];

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the simulator panel page lacks #${id}`);
  return found as T;
}

function show(text: string, failed: boolean): void {
  const result = element('result');
  result.textContent = text;
  result.className = failed ? 'failed' : 'done';
}

async function post(path: string, body: Body): Promise<void> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { error?: string };
  show(response.ok ? `${path}: done` : `${path}: ${answer.error ?? response.status}`, !response.ok);
  await refresh();
}

function button(label: string, onClick: () => Promise<void>): HTMLButtonElement {
  const made = document.createElement('button');
  made.type = 'button';
  made.textContent = label;
  made.addEventListener('click', () => void onClick());
  return made;
}

function cell(text: string): HTMLTableCellElement {
  const made = document.createElement('td');
  made.textContent = text;
  return made;
}

function render(state: SimulatorState): void {
  element('inserted-card').textContent = state.insertedCard ?? 'none';
  element('card-buttons').replaceChildren(
    ...state.cards.map((card) =>
      button(`Insert ${card.label}`, () => post('/sim/card/insert', { profile: card.id })),
    ),
  );
  renderResidentChoice(state.cards);
  const current = { receipt: state.receiptPaper, document: state.documentPaper };
  element('paper-buttons').replaceChildren(
    ...(['receipt', 'document'] as const).flatMap((printer) =>
      PAPER[printer].map((value) => {
        const made = button(`${printer}: ${value}`, () =>
          post('/sim/paper', { printer, state: value }),
        );
        made.setAttribute('aria-pressed', String(current[printer] === value));
        return made;
      }),
    ),
  );
  renderPlatform(state.platform ?? null);
  element('devices').replaceChildren(
    ...state.devices.map((device) => {
      const row = document.createElement('tr');
      const supplies = Object.entries(device.supplies)
        .map(([name, value]) => `${name}: ${value}`)
        .join(', ');
      row.append(cell(device.id), cell(device.status), cell(supplies || '–'), cell(device.detail));
      return row;
    }),
  );
}

/** Says what the sandbox platform is set to do; its levers only work on the embedded sandbox. */
function renderPlatform(platform: PlatformFaultView | null): void {
  const parts: string[] = [];
  if (platform?.down === 'unavailable') parts.push('down (no reply)');
  if (platform?.down === 'http-500') parts.push('down (HTTP 500)');
  if (platform && platform.delayMs > 0) parts.push(`slow (${platform.delayMs} ms per reply)`);
  if (platform?.failNext) parts.push(`next ${platform.remaining} fail (${platform.failNext})`);
  element('platform-state').textContent =
    platform === null ? 'not the embedded sandbox' : parts.join(', ') || 'available';
  for (const made of element('platform-buttons').querySelectorAll('button')) {
    made.disabled = platform === null;
  }
}

/**
 * Fills the resident code's profile list from the simulator's cards. The poll re-renders
 * every two seconds, so the list is rebuilt only when the cards change and the technician's
 * choice is kept.
 */
function renderResidentChoice(cards: SimulatorState['cards']): void {
  const select = element<HTMLSelectElement>('resident-code-profile');
  const ids = cards.map((card) => card.id).join('\n');
  if (select.dataset.cards === ids) return;
  const chosen = select.value;
  select.replaceChildren(
    ...cards.map((card) => {
      const option = document.createElement('option');
      option.value = card.id;
      option.textContent = card.label;
      return option;
    }),
  );
  if (cards.some((card) => card.id === chosen)) select.value = chosen;
  select.dataset.cards = ids;
}

async function refresh(): Promise<void> {
  const response = await fetch('/sim/state');
  if (!response.ok) {
    show(`cannot read the simulator state (HTTP ${response.status})`, true);
    return;
  }
  render((await response.json()) as SimulatorState);
}

element('platform-buttons').replaceChildren(
  ...PLATFORM_LEVERS.map((lever) => button(lever.label, () => post('/sim/platform', lever.body))),
);
element('remove-card').addEventListener('click', () => void post('/sim/card/remove', {}));
element('scan-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void post('/sim/scan', { text: element<HTMLInputElement>('scan-text').value });
});
element('resident-code-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void post('/sim/resident-code', {
    profile: element<HTMLSelectElement>('resident-code-profile').value,
    expired: element<HTMLInputElement>('resident-code-expired').checked,
  });
});
element('fault-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void post('/sim/fault', {
    device: element<HTMLSelectElement>('fault-device').value,
    fault: element<HTMLInputElement>('fault-name').value,
  });
});
void refresh();
// The panel is a technician's window onto live devices; a slow poll keeps it honest.
setInterval(() => void refresh(), 2000);
