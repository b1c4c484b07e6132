import { TicketState, type SimulatedAccount } from '@frontline/simulators';

const DAY_MS = 86_400_000;

/**
 * How much simulated history the demo keeps: the sidebar's longest period (30 days) and the one
 * before it, which its trends compare with.
 */
export const DEMO_WINDOW_MS = 60 * DAY_MS;

/**
 * The demo helpdesk's deletion schedule (Zendesk has these too): solved and closed tickets whose
 * last change is older than the window are deleted, so the store, which removes what the helpdesk
 * deleted, keeps the window and no more. Such a ticket's latest solve lies before the window, so
 * no count of the sidebar's periods or of the ones before them changes. Returns how many went.
 */
export function deleteOutsideWindow(account: SimulatedAccount, windowMs: number = DEMO_WINDOW_MS): number {
  const { state } = account;
  const { table } = state;
  const cutoffSec = Math.floor((account.clock.now() - windowMs) / 1000);
  const old: number[] = [];
  for (let i = 0; i < table.count; i++) {
    const status = table.status[i];
    if (status !== TicketState.solved && status !== TicketState.closed) continue;
    if ((table.updatedAt[i] ?? 0) >= cutoffSec || state.isRemoved(i)) continue;
    old.push(state.ticketId(i));
  }
  for (const id of old) account.updateTicket(id, { kind: 'delete' });
  return old.length;
}
