import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { ClientObserver } from '../runtime.js';
import type { Tenant } from '../store/sync-store.js';
import type { SurveySource } from '../sync/survey-source.js';
import { createFreshdeskClient, isFreshdeskPlan } from './freshdesk/index.js';
import type { RequestLedger } from './http/request-ledger.js';
import { reportEachOnce } from './unknown-value.js';
import type { VendorClient } from './vendor-client.js';
import { createZendeskClient, zendeskPlanLimit } from './zendesk/index.js';
import { createZigpollClient } from './zigpoll/index.js';

export interface ClientContext {
  readonly clock: Clock;
  readonly log: Logger;
  readonly observer?: ClientObserver | undefined;
  /** Real milliseconds a request may take before it is retried (default 30 s). */
  readonly timeoutMs?: number;
  /** The tenant's sliding minute of requests, shared between processes. */
  readonly ledger?: RequestLedger;
}

/** The client of the tenant's helpdesk: the one place that picks a vendor by name. */
export function createVendorClient(tenant: Tenant, context: ClientContext): VendorClient {
  const { credentials, plan } = tenant;
  const common = {
    tenant: tenant.name,
    baseUrl: tenant.baseUrl,
    clock: context.clock,
    observer: context.observer,
    ...(context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs }),
    ...(context.ledger === undefined ? {} : { ledger: context.ledger }),
    onUnknownValue: reportEachOnce(({ field, value, readAs }) =>
      context.log.warn(
        { tenant: tenant.name, field, value },
        `${tenant.name}: the helpdesk sent ${field} ${JSON.stringify(value)}, which Frontline does not know; read as ${readAs}`,
      ),
    ),
  };
  switch (credentials.kind) {
    case 'zendesk-token':
    case 'zendesk-oauth': {
      const planLimitPerMinute = plan === null ? undefined : zendeskPlanLimit(plan);
      return createZendeskClient({ ...common, credentials, ...(planLimitPerMinute ? { planLimitPerMinute } : {}) });
    }
    case 'freshdesk-key':
      return createFreshdeskClient({
        ...common,
        apiKey: credentials.apiKey,
        ...(plan !== null && isFreshdeskPlan(plan) ? { plan } : {}),
      });
  }
}

/** The tenant's pulse-survey source, when it has Zigpoll credentials. */
export function createSurveySource(tenant: Tenant, context: ClientContext): SurveySource | null {
  if (tenant.zigpoll === null) return null;
  return createZigpollClient({ ...tenant.zigpoll, clock: context.clock });
}
