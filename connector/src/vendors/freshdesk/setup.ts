/**
 * Sets a Freshdesk account up to tell the connector of changes. Freshdesk has no webhook
 * subscription API and signs nothing (freshdesk.md §4.1): a webhook is an automation rule's
 * "Trigger webhook" action. The connector creates one rule on ticket creation and one on ticket
 * updates through the Automations API, each sending the ticket id with a secret header of the
 * connector's own choosing, so nobody copies a secret. Where the API refuses (a plan or a key
 * without access to automations), the admin is told exactly what to click instead.
 * UNSURE: the Automations API's rule fields beyond its paths (a public v2 client has list, get,
 * create, update and delete at /api/v2/automations/{type}/rules); the action fields are those of
 * the rule editor's "Trigger webhook".
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { HelpdeskSetup, InstalledHook, SetupResult } from '../helpdesk-setup.js';
import type { VendorHttp } from '../http/vendor-http.js';
import { VendorAuthError } from '../vendor-auth-error.js';
import { VendorUnavailableError } from '../vendor-unavailable-error.js';
import { VendorUnsupportedError } from '../vendor-unsupported-error.js';

/** The header the connector's webhook route checks (FRESHDESK_WEBHOOK_SECRET_HEADER there). */
export const FRESHDESK_SECRET_HEADER = 'X-Frontline-Webhook-Secret';

/** The body each rule sends; the connector refreshes the ticket through the API. */
export const FRESHDESK_WEBHOOK_CONTENT = '{"freshdesk_webhook": {"ticket_id": "{{ticket.id}}"}}';

/** Automation types: rules that run on ticket creation, and on ticket updates (UNSURE: the ids). */
const RULE_TYPES = [
  { type: 1, title: 'Frontline: ticket created', editor: 'Ticket creation' },
  { type: 4, title: 'Frontline: ticket updated', editor: 'Ticket updates' },
] as const;

const rulesPath = (type: number) => `/api/v2/automations/${type}/rules`;
const createdRule = z.object({ id: z.union([z.number(), z.string()]).transform(String) });

export function createFreshdeskSetup(http: VendorHttp): HelpdeskSetup {
  const tenant = http.tenant;

  const ruleBody = (title: string, webhookUrl: string, secret: string) => ({
    name: title,
    active: true,
    conditions: [],
    actions: [
      {
        name: 'trigger_webhook',
        request_type: 'POST',
        url: webhookUrl,
        content_type: 'JSON',
        content: FRESHDESK_WEBHOOK_CONTENT,
        custom_headers: { [FRESHDESK_SECRET_HEADER]: secret },
      },
    ],
  });

  const byHand = (webhookUrl: string, secret: string): string[] => [
    'In Freshdesk, open Admin > Workflows > Automations.',
    ...RULE_TYPES.map(
      (rule) =>
        `On the "${rule.editor}" tab, create a rule named "${rule.title}" that runs on every ticket, with the action ` +
        `"Trigger webhook": POST to ${webhookUrl}, encoding JSON, custom header ${FRESHDESK_SECRET_HEADER}: ${secret}, ` +
        `content ${FRESHDESK_WEBHOOK_CONTENT}.`,
    ),
    'Until then the numbers update with the sync every minute instead of within seconds.',
  ];

  async function remove(hook: InstalledHook): Promise<void> {
    const type = Number(hook.kind.slice('automation:'.length));
    await http.send({
      method: 'DELETE',
      url: `${rulesPath(type)}/${encodeURIComponent(hook.id)}`,
      endpoint: `${rulesPath(type)}/{id}`,
      accept: [404],
    });
  }

  async function uninstall(hooks: readonly InstalledHook[]): Promise<string[]> {
    const problems: string[] = [];
    for (const hook of hooks) {
      try {
        await remove(hook);
      } catch (error) {
        problems.push(
          `the automation rule ${hook.id} could not be deleted (${(error as Error).message}): delete it in Admin > Workflows > Automations`,
        );
      }
    }
    return problems;
  }

  return {
    async install(webhookUrl): Promise<SetupResult> {
      const secret = randomBytes(24).toString('base64url');
      const hooks: InstalledHook[] = [];
      try {
        for (const rule of RULE_TYPES) {
          const { body } = await http.send({
            method: 'POST',
            url: rulesPath(rule.type),
            endpoint: rulesPath(rule.type),
            body: ruleBody(rule.title, webhookUrl, secret),
          });
          const parsed = createdRule.safeParse(body);
          if (!parsed.success) {
            throw new VendorUnavailableError(
              `${tenant}: Freshdesk answered POST ${rulesPath(rule.type)} without a rule id`,
            );
          }
          hooks.push({ kind: `automation:${rule.type}`, id: parsed.data.id });
        }
        return { hooks, webhookSecrets: [secret], manualSteps: [] };
      } catch (error) {
        const left = await uninstall(hooks);
        const refused =
          error instanceof VendorAuthError ||
          error instanceof VendorUnsupportedError ||
          (error instanceof VendorUnavailableError && / was refused \(HTTP 4/.test(error.message));
        if (!refused || left.length > 0) {
          throw left.length === 0
            ? error
            : new VendorUnavailableError(`${(error as Error).message}; and ${left.join('; ')}`);
        }
        // The API would not: the same rules, made by hand, with the secret the connector keeps.
        return { hooks: [], webhookSecrets: [secret], manualSteps: byHand(webhookUrl, secret) };
      }
    },
    uninstall,
    stepsByHand: (webhookUrl, secrets) => (secrets[0] === undefined ? [] : byHand(webhookUrl, secrets[0])),
    // A Freshdesk API key cannot be revoked through the API; it is the admin's, and deleting the
    // stored copy ends Frontline's use of it.
    revokeAccess: async () => undefined,
  };
}
