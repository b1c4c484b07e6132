import type { FastifyInstance, FastifyRequest, onSendHookHandler, preHandlerHookHandler, RouteOptions } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { ApiError } from '../api-error.js';
import { ErrorBody } from '../schemas/common-schemas.js';
import { addressKey } from './address-key.js';
import type { AttemptCounter, Counter } from './attempt-counter.js';
import { claimedTenant } from './claimed-tenant.js';

/** What a route guards, and so which limits its attempts meet. */
export type ThrottledRoute = 'sign-in' | 'webhook';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Throttles the route's attempts per client address and per tenant (installThrottle). */
    throttle?: ThrottledRoute;
  }
}

const MINUTE = 60_000;

/**
 * Failed attempts are counted over this long. Guessing a secret is held to a few tries a minute,
 * and a 429 asks the caller to wait minutes, not an hour: after it, the right secret is accepted.
 */
export const FAILURE_WINDOW_MS = 10 * MINUTE;
/**
 * Failed sign-ins (or webhooks) from one address per window. A person mistyping a personal key,
 * or an office behind one address whose sidebars hold a few dead tokens, stays far below it; a
 * script guessing from one address gets 2 tries a minute.
 */
export const FAILURES_PER_ADDRESS = 20;
/**
 * Failed attempts naming one tenant, from any address, per window: guessing spread over many
 * addresses. Higher than per address, so one noisy office does not lock a whole account out.
 */
export const FAILURES_PER_TENANT = 100;
/**
 * Sign-ins of any outcome from one address per minute. Each sidebar signs in as it opens and
 * renews its session every 15 minutes, so even hundreds of agents behind one address make a few
 * a second; a loop minting sessions (each one loads the tenant's numbers) is slowed.
 */
export const SIGN_INS_PER_ADDRESS_PER_MINUTE = 300;
/**
 * Webhooks of any outcome naming one tenant per minute: generous, since only failures are
 * suspect, and a busy account sends bursts (a bulk edit fires one per ticket). Past it the
 * sync's polling still brings every change; a webhook is only a hint.
 */
export const WEBHOOKS_PER_TENANT_PER_MINUTE = 3_000;

/**
 * The longest a count may take. The runtime's Redis holds commands while it reconnects, so an
 * unreachable Redis answers late rather than failing: past this the attempt goes on uncounted.
 */
export const COUNT_TIMEOUT_MS = 1_000;

/** The answers counted as failed attempts: a wrong secret, key or signature, and an unknown account. */
const FAILED = new Set([401, 403, 404]);

/** The limits an attempt on `route` from `address` for `tenant` meets. */
export function countersFor(route: ThrottledRoute, address: string, tenant: string | null): Counter[] {
  const noun = route === 'sign-in' ? 'sign-ins' : 'webhooks';
  const failures = (who: string, limit: number, what: string): Counter => ({
    key: `${route}:failed:${who}`,
    limit,
    windowMs: FAILURE_WINDOW_MS,
    counts: 'failures',
    what: `failed ${noun} ${what}`,
  });
  const counters = [failures(`address:${address}`, FAILURES_PER_ADDRESS, 'from this address')];
  if (tenant !== null) counters.push(failures(`tenant:${tenant}`, FAILURES_PER_TENANT, 'for this account'));
  if (route === 'sign-in') {
    counters.push({
      key: `sign-in:address:${address}`,
      limit: SIGN_INS_PER_ADDRESS_PER_MINUTE,
      windowMs: MINUTE,
      counts: 'every',
      what: 'sign-ins from this address',
    });
  } else if (tenant !== null) {
    counters.push({
      key: `webhook:tenant:${tenant}`,
      limit: WEBHOOKS_PER_TENANT_PER_MINUTE,
      windowMs: MINUTE,
      counts: 'every',
      what: 'webhooks for this account',
    });
  }
  return counters;
}

export interface ThrottleOptions {
  readonly counter: AttemptCounter;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * Throttles the routes whose config names `throttle`: before the handler, an attempt over one of
 * its limits is answered 429 with Retry-After (seconds) and never reaches the secret check; after
 * it, a refusal (401, 403, 404) is counted against the address and the tenant. Call it before the
 * routes are added. The client address is `request.ip`: behind a proxy, set trustProxy.
 */
export function installThrottle(app: FastifyInstance, { counter, clock, log }: ThrottleOptions): void {
  const counted = new WeakMap<FastifyRequest, Counter[]>();
  // Each counter's crossing is logged once per window by this process, not every 429 of a flood.
  const logged = new Set<string>();

  const check: preHandlerHookHandler = async (request, reply) => {
    const route = request.routeOptions.config.throttle!;
    const tenant = claimedTenant(request);
    const counters = countersFor(route, addressKey(request.ip), tenant);
    counted.set(request, counters);
    const now = clock.now();
    const exceeded = await withTimeout(counter.check(counters, now)).catch((error: unknown) => {
      // An unreachable Redis must not take sign-in down with it: the secret checks still hold.
      log.warn({ err: error, route: request.routeOptions.url }, 'attempts not counted: letting the request through');
      return null;
    });
    if (exceeded === null) return;
    const crossing = `${exceeded.counter.key}:${exceeded.until}`;
    if (!logged.has(crossing)) {
      if (logged.size > 1000) logged.clear();
      logged.add(crossing);
      log.warn(
        { route: request.routeOptions.url, ip: request.ip, tenant, limit: exceeded.counter.what },
        'attempts throttled',
      );
    }
    const seconds = Math.max(1, Math.ceil((exceeded.until - now) / 1000));
    reply.header('retry-after', String(seconds));
    throw new ApiError(
      'too_many_requests',
      `too many ${exceeded.counter.what}: try again in ${seconds} s (after ${new Date(exceeded.until).toISOString()})`,
    );
  };

  const countFailure: onSendHookHandler = async (request, reply, payload) => {
    const counters = counted.get(request);
    if (counters !== undefined && FAILED.has(reply.statusCode)) {
      // Counted before the answer leaves, so a caller that waits for it meets the new count.
      await withTimeout(counter.fail(counters, clock.now())).catch((error: unknown) => {
        log.warn({ err: error, route: request.routeOptions.url }, 'failed attempt not counted');
      });
    }
    return payload;
  };

  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.config?.throttle === undefined) return;
    route.preHandler = [check, ...asArray(route.preHandler)];
    route.onSend = [...asArray(route.onSend), countFailure];
    const response = (route.schema?.response ?? {}) as Record<string, unknown>;
    route.schema = { ...route.schema, response: { ...response, 429: ErrorBody } };
  });
}

/** `work`, or a rejection once it has taken COUNT_TIMEOUT_MS. */
async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${COUNT_TIMEOUT_MS} ms`)), COUNT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function asArray<T>(hooks: T | T[] | undefined): T[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
}
