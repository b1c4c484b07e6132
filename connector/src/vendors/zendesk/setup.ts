/**
 * Sets a Zendesk account up to tell the connector of changes (shared/reference/zendesk.md §5):
 * one webhook subscribed to ticket events, and one a trigger on "Satisfaction changed" notifies,
 * since a legacy rating has no event type. Their signing secrets are read back through the API,
 * so no admin copies a secret by hand. Disconnect deletes both (and the trigger) and revokes the
 * OAuth token the connector was given.
 */
import type { HelpdeskSetup, InstalledHook, SetupResult } from '../helpdesk-setup.js';
import type { VendorHttp } from '../http/vendor-http.js';
import { VendorUnavailableError } from '../vendor-unavailable-error.js';
import { VendorAuthError } from '../vendor-auth-error.js';
import { z } from 'zod';

const WEBHOOKS = '/api/v2/webhooks';
const TRIGGERS = '/api/v2/triggers';
const REVOKE = '/api/v2/oauth/tokens/current.json';

/**
 * The ticket events that change a number: every one means "refresh this ticket". UNSURE:
 * `ticket.csat_received` (the current CSAT's survey response), as the simulator and public code
 * name it; the reference lists the others.
 */
export const ZENDESK_TICKET_EVENTS = [
  'zen:event-type:ticket.created',
  'zen:event-type:ticket.status_changed',
  'zen:event-type:ticket.agent_assignment_changed',
  'zen:event-type:ticket.group_assignment_changed',
  'zen:event-type:ticket.comment_added',
  'zen:event-type:ticket.tags_changed',
  'zen:event-type:ticket.soft_deleted',
  'zen:event-type:ticket.marked_as_spam',
  'zen:event-type:ticket.merged',
  'zen:event-type:ticket.csat_received',
] as const;

/**
 * What the ratings trigger sends: the ticket id is all the connector reads (it refreshes the
 * ticket and its rating through the API), so no placeholder that may render oddly is needed.
 */
export const ZENDESK_RATING_TRIGGER_BODY = '{"ticket_id": "{{ticket.id}}"}';

/** UNSURE: the trigger condition Admin Center writes as "Ticket > Satisfaction | Changed". */
const SATISFACTION_CHANGED = { field: 'satisfaction_score', operator: 'changed' } as const;

const createdWebhook = z.object({ webhook: z.object({ id: z.string().min(1) }) });
const createdTrigger = z.object({ trigger: z.object({ id: z.union([z.number(), z.string()]).transform(String) }) });
const signingSecret = z.object({ signing_secret: z.object({ secret: z.string().min(1) }) });

const NAME = 'Frontline';

function read<T>(schema: z.ZodType<T>, body: unknown, what: string, tenant: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new VendorUnavailableError(
      `${tenant}: Zendesk answered ${what} with an unexpected body: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

export function createZendeskSetup(http: VendorHttp, options: { readonly revocable: boolean }): HelpdeskSetup {
  const tenant = http.tenant;

  async function createWebhook(name: string, endpoint: string, subscriptions: readonly string[]): Promise<string> {
    const { body } = await http.send({
      method: 'POST',
      url: WEBHOOKS,
      endpoint: WEBHOOKS,
      body: {
        webhook: {
          name,
          status: 'active',
          endpoint,
          http_method: 'POST',
          request_format: 'json',
          subscriptions,
          description: 'Keeps the Frontline sidebar up to date. Created when an admin connected Frontline.',
        },
      },
    });
    return read(createdWebhook, body, `POST ${WEBHOOKS}`, tenant).webhook.id;
  }

  async function secretOf(webhookId: string): Promise<string> {
    const path = `${WEBHOOKS}/${encodeURIComponent(webhookId)}/signing_secret`;
    const { body } = await http.send({ url: path, endpoint: `${WEBHOOKS}/{id}/signing_secret` });
    return read(signingSecret, body, `GET ${WEBHOOKS}/{id}/signing_secret`, tenant).signing_secret.secret;
  }

  async function remove(hook: InstalledHook): Promise<void> {
    const base = hook.kind === 'trigger' ? TRIGGERS : WEBHOOKS;
    await http.send({
      method: 'DELETE',
      url: `${base}/${encodeURIComponent(hook.id)}`,
      endpoint: `${base}/{id}`,
      accept: [404],
    });
  }

  return {
    async install(webhookUrl): Promise<SetupResult> {
      const hooks: InstalledHook[] = [];
      try {
        const events = await createWebhook(`${NAME}: ticket events`, webhookUrl, ZENDESK_TICKET_EVENTS);
        hooks.push({ kind: 'webhook', id: events });
        const ratings = await createWebhook(`${NAME}: satisfaction ratings`, webhookUrl, ['conditional_ticket_events']);
        hooks.push({ kind: 'webhook', id: ratings });
        const { body } = await http.send({
          method: 'POST',
          url: TRIGGERS,
          endpoint: TRIGGERS,
          body: {
            trigger: {
              title: `${NAME}: satisfaction changed`,
              description: 'Tells Frontline of a new or changed satisfaction rating.',
              conditions: { all: [SATISFACTION_CHANGED], any: [] },
              actions: [{ field: 'notification_webhook', value: [ratings, ZENDESK_RATING_TRIGGER_BODY] }],
            },
          },
        });
        hooks.push({ kind: 'trigger', id: read(createdTrigger, body, `POST ${TRIGGERS}`, tenant).trigger.id });
        const webhookSecrets = [await secretOf(events), await secretOf(ratings)];
        return { hooks, webhookSecrets, manualSteps: [] };
      } catch (error) {
        // Half a setup would keep sending to a tenant that never got its secrets.
        const left = await uninstall(hooks);
        if (left.length === 0) throw error;
        throw new VendorUnavailableError(`${(error as Error).message}; and ${left.join('; ')}`);
      }
    },

    uninstall,

    // Zendesk's secrets are Zendesk's to make: a webhook made by hand needs its secret given to the
    // connector, which an admin cannot do from the app. Connecting again creates them.
    stepsByHand: () => [
      'Frontline could not create its webhooks in Zendesk when it was connected: disconnect and connect again, ' +
        'or ask the connector’s operator (frontline tenant access). Until then the numbers update every minute.',
    ],

    async revokeAccess() {
      // An API token is the admin's to delete; only the OAuth token was given to Frontline.
      if (!options.revocable) return;
      try {
        await http.send({ method: 'DELETE', url: REVOKE, endpoint: REVOKE, accept: [404] });
      } catch (error) {
        // Revoked already (401): the end wanted.
        if (error instanceof VendorAuthError) return;
        throw error;
      }
    },
  };

  async function uninstall(hooks: readonly InstalledHook[]): Promise<string[]> {
    const problems: string[] = [];
    // Triggers first: a trigger naming a deleted webhook is refused by Zendesk.
    const ordered = [...hooks].sort((a, b) => Number(b.kind === 'trigger') - Number(a.kind === 'trigger'));
    for (const hook of ordered) {
      try {
        await remove(hook);
      } catch (error) {
        problems.push(
          `the ${hook.kind} ${hook.id} could not be deleted (${(error as Error).message}): delete it in Admin Center`,
        );
      }
    }
    return problems;
  }
}
