import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { ClientObserver } from '../runtime.js';
import type { Tenant } from '../store/sync-store.js';
import type { SurveySource } from '../sync/survey-source.js';
import { createFreshdeskClient, isFreshdeskPlan } from './freshdesk/index.js';
import type { RequestLedger } from './http/request-ledger.js';
import { reportEachOnce, type UnknownValueReporter } from './unknown-value.js';
import type { VendorClient } from './vendor-client.js';
import { createZendeskClient, zendeskPlanLimit, type ZendeskMarketplaceApp } from './zendesk/index.js';
import { createZigpollClient } from './zigpoll/index.js';

export interface ClientContext {
  readonly clock: Clock;
  readonly log: Logger;
  readonly observer?: ClientObserver | undefined;
  /** Real milliseconds a request may take before it is retried (default 30 s). */
  readonly timeoutMs?: number;
  /** Real milliseconds `checkAccess` waits for its answer (default 10 s). */
  readonly checkTimeoutMs?: number;
  /** The tenant's sliding minute of requests, shared between processes. */
  readonly ledger?: RequestLedger;
  /** Where each tenant's unknown enum values go; default: a log line per value for this client. */
  readonly unknownValues?: UnknownValueLog;
  /** The Marketplace app Zendesk calls are made as (the operator's configuration); none for a private app. */
  readonly zendeskMarketplace?: ZendeskMarketplaceApp | null;
}

/** A tenant's reporter of the enum values its helpdesk sent that the normalizers do not know. */
export type UnknownValueLog = (tenant: string) => UnknownValueReporter;

/**
 * One line per tenant, field and value for as long as `log` lives. A process makes a client per
 * job, so the composition root keeps one of these: a custom status would otherwise be logged on
 * every sync link. Info, not a warning: real accounts add statuses as they please, and the record
 * is kept and read as `readAs`.
 */
export function unknownValueLog(log: Logger): UnknownValueLog {
  const byTenant = new Map<string, UnknownValueReporter>();
  return (tenant) => {
    let report = byTenant.get(tenant);
    if (report === undefined) {
      report = reportEachOnce(({ field, value, readAs }) =>
        log.info(
          { tenant, field, value },
          `${tenant}: the helpdesk sent ${field} ${JSON.stringify(value)}, which Frontline does not know; read as ${readAs}`,
        ),
      );
      byTenant.set(tenant, report);
    }
    return report;
  };
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
    ...(context.checkTimeoutMs === undefined ? {} : { checkTimeoutMs: context.checkTimeoutMs }),
    ...(context.ledger === undefined ? {} : { ledger: context.ledger }),
    onUnknownValue: (context.unknownValues ?? unknownValueLog(context.log))(tenant.name),
  };
  switch (credentials.kind) {
    case 'zendesk-token':
    case 'zendesk-oauth': {
      const planLimitPerMinute = plan === null ? undefined : zendeskPlanLimit(plan);
      return createZendeskClient({
        ...common,
        credentials,
        marketplace: context.zendeskMarketplace ?? null,
        // Legacy CSAT is the kind whose ratings list unanswered surveys.
        ...(tenant.ratingsIncludeUnanswered === null
          ? {}
          : { csatMode: tenant.ratingsIncludeUnanswered ? 'legacy' : 'survey-responses' }),
        ...(planLimitPerMinute ? { planLimitPerMinute } : {}),
      });
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
