import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { WINDOW_MS } from './memory-request-ledger.js';
import { REFUSAL_MS, type RequestLedger } from './request-ledger.js';

/**
 * How long a request in flight counts as "just sent". Its answer moves it to the time it came
 * back; a worker that dies before that leaves it counted this long (plus the minute), holding
 * back one request's worth of the tenant's budget.
 */
const IN_FLIGHT_MS = 5 * 60_000;
/** Waiting on requests another process has in flight, ask again this often (its answer wakes no one here). */
const POLL_MS = 1_000;
const KEEP_MS = IN_FLIGHT_MS + 2 * WINDOW_MS;

/**
 * Checks the tenant's last minute against the account's limit (credits) and the endpoint's (requests)
 * and, when both have room, adds the request: one step, so processes never overspend together.
 * Members are `<cost>:<id>`, scored by when they were answered (in flight: sent + IN_FLIGHT_MS).
 * Costs and limits the tenant's answers taught (`cost:<endpoint>`, `limit`, `limit:<endpoint>`,
 * `refused:<endpoint>` as `<limit>:<until>`) replace the caller's guesses.
 * KEYS: account window, endpoint window, pause, learned.
 * ARGV: now, member id, endpoint, cost guess, account limit, endpoint limit (0: none), in-flight score, poll ms, keep ms, window ms.
 * Returns {1, cost, used, endpoint used} or {0, time to ask again}.
 */
const RESERVE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[10])
local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
if paused > now then return {0, paused} end
local endpoint = ARGV[3]
local cost = tonumber(redis.call('HGET', KEYS[4], 'cost:' .. endpoint) or ARGV[4])
local limit = tonumber(redis.call('HGET', KEYS[4], 'limit') or ARGV[5])
local endpointLimit = tonumber(ARGV[6])
if endpointLimit > 0 then
  endpointLimit = tonumber(redis.call('HGET', KEYS[4], 'limit:' .. endpoint) or endpointLimit)
  local refused = redis.call('HGET', KEYS[4], 'refused:' .. endpoint)
  if refused then
    local refusedLimit, refusedUntil = string.match(refused, '^(%d+):(%d+)$')
    if refusedUntil and tonumber(refusedUntil) > now then endpointLimit = math.min(endpointLimit, tonumber(refusedLimit)) end
  end
end
local function weight(member, weighed)
  if not weighed then return 1 end
  return tonumber(string.match(member, '^(%d+):')) or 1
end
local function check(key, limit, extra, weighed)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local entries = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
  local used = 0
  for i = 1, #entries, 2 do used = used + weight(entries[i], weighed) end
  local excess = used + extra - math.max(limit, extra)
  if excess <= 0 then return used, 0 end
  for i = 1, #entries, 2 do
    excess = excess - weight(entries[i], weighed)
    if excess <= 0 then
      local answered = tonumber(entries[i + 1])
      if answered > now then return used, now + tonumber(ARGV[8]) end
      return used, math.ceil(answered + window)
    end
  end
  return used, now + tonumber(ARGV[8])
end
local used, accountAt = check(KEYS[1], limit, cost, true)
local endpointUsed, endpointAt = 0, 0
if endpointLimit > 0 then endpointUsed, endpointAt = check(KEYS[2], endpointLimit, 1, false) end
if accountAt > 0 or endpointAt > 0 then return {0, math.max(accountAt, endpointAt)} end
local member = cost .. ':' .. ARGV[2]
redis.call('ZADD', KEYS[1], ARGV[7], member)
redis.call('PEXPIRE', KEYS[1], ARGV[9])
if endpointLimit > 0 then
  redis.call('ZADD', KEYS[2], ARGV[7], member)
  redis.call('PEXPIRE', KEYS[2], ARGV[9])
end
return {1, cost, used, endpointUsed}
`;

/** What settle needs of a granted request. */
interface Reserved {
  readonly member: string;
  readonly endpoint: string;
  readonly limited: boolean;
}

/**
 * A tenant's ledger in Redis, shared by every worker: sorted sets of the last minute's requests
 * (the account's, and each limited endpoint's), a pause after a 429, and each endpoint's last
 * known cost. Times are the callers' clocks, so the processes' clocks must agree (NTP does).
 */
export function createRedisRequestLedger(redis: Redis, tenantId: string): RequestLedger {
  // One hash slot per tenant, so the script's keys also sit together on a Redis Cluster.
  const prefix = `frontline:budget:{${tenantId}}`;
  const windowKey = (endpoint: string | null) => (endpoint === null ? `${prefix}:account` : `${prefix}:${endpoint}`);
  const pauseKey = `${prefix}:pause`;
  const learnedKey = `${prefix}:learned`;
  const reserved = new Map<string, Reserved>();

  return {
    async reserve(request, now) {
      const id = randomUUID();
      const answer = (await redis.eval(
        RESERVE,
        4,
        windowKey(null),
        windowKey(request.endpoint),
        pauseKey,
        learnedKey,
        now,
        id,
        request.endpoint,
        request.cost,
        request.limit,
        request.endpointLimit ?? 0,
        now + IN_FLIGHT_MS,
        POLL_MS,
        KEEP_MS,
        WINDOW_MS,
      )) as number[];
      if (answer[0] !== 1) return { granted: false, retryAt: answer[1]! };
      const [, cost, used, endpointUsed] = answer as [number, number, number, number];
      reserved.set(id, {
        member: `${cost}:${id}`,
        endpoint: request.endpoint,
        limited: request.endpointLimit !== null,
      });
      return { granted: true, id, cost, used, endpointUsed };
    },
    settle(id, cost, now) {
      const request = reserved.get(id);
      if (request === undefined) return;
      reserved.delete(id);
      const member = `${cost}:${id}`;
      const keys = request.limited ? [windowKey(null), windowKey(request.endpoint)] : [windowKey(null)];
      const write = redis.multi();
      for (const key of keys) write.zrem(key, request.member).zadd(key, now, member).pexpire(key, KEEP_MS);
      write.hset(learnedKey, `cost:${request.endpoint}`, cost).pexpire(learnedKey, KEEP_MS);
      void write.exec().catch(() => {});
    },
    pause(until) {
      void redis
        .eval(
          "if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end",
          1,
          pauseKey,
          until,
          KEEP_MS,
        )
        .catch(() => {});
    },
    learn(limits, now) {
      const fields: Record<string, number | string> = {};
      if (limits.account !== undefined) fields['limit'] = limits.account;
      for (const [endpoint, limit] of Object.entries(limits.endpoints ?? {})) fields[`limit:${endpoint}`] = limit;
      for (const [endpoint, limit] of Object.entries(limits.refused ?? {}))
        fields[`refused:${endpoint}`] = `${limit}:${now + REFUSAL_MS}`;
      void redis
        .multi()
        .hset(learnedKey, fields)
        .pexpire(learnedKey, KEEP_MS)
        .exec()
        .catch(() => {});
    },
  };
}
