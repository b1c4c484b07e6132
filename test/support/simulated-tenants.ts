import type { Clock } from '@frontline/connector/clock';
import type { NewTenant } from '@frontline/connector/store';
import type { Rating, Ticket } from '@frontline/kpi';
import {
  createFreshdeskHandlers,
  createSimulatedAccount,
  createZendeskHandlers,
  DEFAULT_FRESHDESK_API_KEY,
  DEFAULT_ZENDESK_CREDENTIALS,
  generateHistory,
  serveSimulator,
  type SimulatedAccount,
  type SimulatorServer,
} from '@frontline/simulators';
import { expectedHistory } from './expected-history.js';

/** One helpdesk account of its own on loopback HTTP, for a tenant of the same name. */
export interface SimulatedTenant {
  readonly name: string;
  readonly vendor: 'zendesk' | 'freshdesk';
  readonly account: SimulatedAccount;
  readonly server: SimulatorServer;
  /** The arguments of `frontline tenant add` that connect this account. */
  readonly addArgs: readonly string[];
  /** The same tenant for `SyncStore.addTenant`. */
  readonly newTenant: NewTenant;
  /** What a complete sync must have stored (the account does not change unless a test changes it). */
  expected(): { tickets: Ticket[]; ratings: Rating[] };
}

export interface SimulatedTenantsOptions {
  /** Accounts, Zendesk and Freshdesk in turn, named `<prefix>1`, `<prefix>2`, ... */
  readonly count: number;
  readonly ticketsPerTenant: number;
  readonly days: number;
  /** Account i's history has seed `seed + i`. */
  readonly seed: number;
  /** The accounts' clock; their histories end two minutes (of it) before now. */
  readonly clock: Clock;
  /** See `serveSimulator`'s latencyMs (default 0). */
  readonly latencyMs?: number;
  readonly prefix?: string;
}

/** Several seeded accounts of both vendors, each served on a loopback port of its own. */
export async function serveSimulatedTenants(options: SimulatedTenantsOptions): Promise<{
  readonly tenants: readonly SimulatedTenant[];
  close(): Promise<void>;
}> {
  const now = options.clock.now();
  const tenants: SimulatedTenant[] = [];
  try {
    for (let i = 0; i < options.count; i++) {
      const name = `${options.prefix ?? 'tenant'}${i + 1}`;
      const history = generateHistory({
        seed: options.seed + i,
        tickets: options.ticketsPerTenant,
        days: options.days,
        now: now - 2 * 60_000,
      });
      const serveOptions = { latencyMs: options.latencyMs ?? 0 };
      if (i % 2 === 0) {
        const account = createSimulatedAccount({ vendor: 'zendesk', history, clock: options.clock });
        const server = await serveSimulator(createZendeskHandlers(account), serveOptions);
        tenants.push({
          name,
          vendor: 'zendesk',
          account,
          server,
          addArgs: [
            ...['tenant', 'add', name, '--vendor', 'zendesk', '--url', server.url],
            ...['--email', DEFAULT_ZENDESK_CREDENTIALS.email, '--token', DEFAULT_ZENDESK_CREDENTIALS.apiToken],
          ],
          newTenant: {
            name,
            vendor: 'zendesk',
            baseUrl: server.url,
            credentials: {
              kind: 'zendesk-token',
              email: DEFAULT_ZENDESK_CREDENTIALS.email,
              token: DEFAULT_ZENDESK_CREDENTIALS.apiToken,
            },
            zigpoll: null,
          },
          expected: () => expectedHistory(account.truth(server.url)),
        });
      } else {
        const account = createSimulatedAccount({ vendor: 'freshdesk', history, clock: options.clock });
        const server = await serveSimulator(createFreshdeskHandlers(account), serveOptions);
        tenants.push({
          name,
          vendor: 'freshdesk',
          account,
          server,
          addArgs: [
            ...['tenant', 'add', name, '--vendor', 'freshdesk', '--url', server.url],
            ...['--api-key', DEFAULT_FRESHDESK_API_KEY],
          ],
          newTenant: {
            name,
            vendor: 'freshdesk',
            baseUrl: server.url,
            credentials: { kind: 'freshdesk-key', apiKey: DEFAULT_FRESHDESK_API_KEY },
            zigpoll: null,
          },
          expected: () => expectedHistory(account.truth(server.url)),
        });
      }
    }
  } catch (error) {
    await closeAll(tenants);
    throw error;
  }
  return { tenants, close: () => closeAll(tenants) };
}

async function closeAll(tenants: readonly SimulatedTenant[]): Promise<void> {
  for (const tenant of tenants) {
    await tenant.server.close();
    await tenant.account.stop();
  }
}
