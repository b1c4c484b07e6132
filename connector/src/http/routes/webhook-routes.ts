import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  AuthError,
  DEFAULT_WEBHOOK_MAX_AGE_MS,
  secretsEqual,
  verifyZendeskWebhook,
  type ZendeskWebhookRequest,
} from '../../auth/index.js';
import type { Tenant } from '../../store/sync-store.js';
import { readVendorWebhook, type VendorName } from '../../vendors/index.js';
import { ApiError } from '../api-error.js';
import { ErrorBody } from '../schemas/common-schemas.js';
import type { ServerDeps } from '../server-deps.js';

/** The header a Freshdesk automation rule is set up to send with the tenant's webhook secret. */
export const FRESHDESK_WEBHOOK_SECRET_HEADER = 'x-frontline-webhook-secret';

/**
 * The one answer to a webhook that cannot be verified, whatever the cause (the log says which):
 * an unknown account must look like a known one with a wrong secret.
 */
const UNVERIFIED =
  'the webhook could not be verified: check that its URL names the connected account ' +
  '(/v1/webhooks/<zendesk|freshdesk>/<tenant name>), that the tenant has a webhook secret ' +
  `(frontline tenant access <tenant> --webhook-secret <secret>) and that the helpdesk signs with it or, ` +
  `on Freshdesk, sends it in ${FRESHDESK_WEBHOOK_SECRET_HEADER}`;

const TenantParams = Type.Object({ tenant: Type.String({ minLength: 1, maxLength: 100 }) });
const Accepted = Type.Object({ queued: Type.Literal(true), ticketId: Type.String() });
const WEBHOOK_ERRORS = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody } as const;

/**
 * Webhooks tell us a ticket changed; each accepted one queues a refresh of that ticket (a
 * refresh already waiting is not queued twice). They are hints: the sync's polling stays the
 * source of truth, so a refused or lost webhook delays a number and never loses it.
 */
export function registerWebhookRoutes(fastify: FastifyInstance, deps: ServerDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const refuse = (request: FastifyRequest, tenant: string | null, reason: string, error: ApiError): ApiError => {
    deps.log.warn({ route: request.routeOptions.url, ip: request.ip, tenant, reason }, 'webhook refused');
    return error;
  };
  /** Unknown tenant, wrong vendor, no secret, bad signature: one answer, so tenants cannot be listed. */
  const unverified = (request: FastifyRequest, tenant: string | null, reason: string): ApiError =>
    refuse(request, tenant, reason, new ApiError('unauthenticated', UNVERIFIED));

  const tenantFor = async (request: FastifyRequest, name: string, vendor: VendorName): Promise<Tenant> => {
    const tenant = await deps.tenants.byName(name);
    if (tenant === null) throw unverified(request, null, 'unknown_tenant');
    if (tenant.vendor !== vendor) throw unverified(request, tenant.name, 'wrong_vendor');
    // The operator's fix: frontline tenant access <name> --webhook-secret <secret>.
    if (tenant.access.webhookSecrets.length === 0) throw unverified(request, tenant.name, 'no_secret');
    return tenant;
  };

  /** Queues a refresh of the ticket the webhook names; a body naming none is refused with what to send. */
  const queueRefresh = async (request: FastifyRequest, tenant: Tenant) => {
    const notice = readVendorWebhook(tenant.vendor, parseJson(request.body));
    if (notice.ticketId === null) {
      throw refuse(request, tenant.name, 'no_ticket', new ApiError('bad_request', notice.problem));
    }
    const { ticketId } = notice;
    await deps.queue.add({ kind: 'refresh-ticket', tenant: tenant.name, ticketId }, { priority: 'high' });
    return { queued: true as const, ticketId };
  };

  const webhooks: FastifyPluginAsyncTypebox = async (scope) => {
    // Signatures are over the exact bytes received: keep the body as text and parse it only
    // after the signature checks out.
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    scope.post(
      '/v1/webhooks/zendesk/:tenant',
      {
        config: { throttle: 'webhook' },
        schema: {
          summary: 'Zendesk webhook (ticket events or a trigger): queues a refresh of the ticket',
          description:
            'Signed by Zendesk: X-Zendesk-Webhook-Signature = base64(HMAC-SHA256(signing secret, timestamp + body)); ' +
            'refused when the timestamp is more than 5 minutes off or the same delivery arrives twice. Ticket from ' +
            '`subject` (`zen:ticket:<id>`, any `zen:event-type:ticket.*` event) or `ticket_id` (trigger body); ' +
            'a body that names no ticket id (a whole number from 1) is refused with 400.',
          tags: ['webhooks'],
          params: TenantParams,
          response: { 202: Accepted, ...WEBHOOK_ERRORS },
        },
      },
      async (request, reply) => {
        const tenant = await tenantFor(request, request.params.tenant, 'zendesk');
        const signature = header(request, 'x-zendesk-webhook-signature');
        const failure = zendeskSignatureFailure(tenant.access.webhookSecrets, {
          signature,
          timestamp: header(request, 'x-zendesk-webhook-signature-timestamp'),
          rawBody: typeof request.body === 'string' ? request.body : '',
          now: deps.clock.now(),
        });
        if (failure !== null) throw unverified(request, tenant.name, failure.reason);
        // A signature is accepted for 5 minutes either way of its time; remember it that long.
        if (!(await deps.replay.firstSeen(`zendesk:${tenant.id}:${signature}`, 2 * DEFAULT_WEBHOOK_MAX_AGE_MS))) {
          throw refuse(
            request,
            tenant.name,
            'replayed',
            new ApiError('replayed', 'this webhook delivery was already received; it is not processed twice'),
          );
        }
        return reply.status(202).send(await queueRefresh(request, tenant));
      },
    );

    scope.post(
      '/v1/webhooks/freshdesk/:tenant',
      {
        config: { throttle: 'webhook' },
        schema: {
          summary: 'Freshdesk automation-rule webhook: queues a refresh of the ticket',
          description:
            `Freshdesk does not sign webhooks: the rule sends the tenant's secret in ${FRESHDESK_WEBHOOK_SECRET_HEADER}. ` +
            'Ticket id (a whole number from 1) from `freshdesk_webhook.ticket_id` or `ticket_id`; any other body is refused with 400.',
          tags: ['webhooks'],
          params: TenantParams,
          response: { 202: Accepted, ...WEBHOOK_ERRORS },
        },
      },
      async (request, reply) => {
        const tenant = await tenantFor(request, request.params.tenant, 'freshdesk');
        const secret = header(request, FRESHDESK_WEBHOOK_SECRET_HEADER);
        if (secret === undefined || !tenant.access.webhookSecrets.some((s) => secretsEqual(secret, s))) {
          throw unverified(request, tenant.name, secret === undefined ? 'no_secret_sent' : 'bad_secret');
        }
        return reply.status(202).send(await queueRefresh(request, tenant));
      },
    );
  };
  app.register(webhooks);
}

/**
 * Checks the signature against each of the tenant's webhook secrets (ticket events and the
 * ratings trigger sign with their own); `null` once one verifies, else the first refusal.
 */
function zendeskSignatureFailure(
  secrets: readonly string[],
  request: Omit<ZendeskWebhookRequest, 'secret'>,
): AuthError | null {
  let first: AuthError | null = null;
  for (const secret of secrets) {
    try {
      verifyZendeskWebhook({ ...request, secret });
      return null;
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      first ??= error;
    }
  }
  return first;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function parseJson(body: unknown): unknown {
  if (typeof body !== 'string' || body === '') return null;
  try {
    return JSON.parse(body);
  } catch {
    throw new ApiError('malformed_json', 'the webhook body is not valid JSON: send the request format JSON');
  }
}
