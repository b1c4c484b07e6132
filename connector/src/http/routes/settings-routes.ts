import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AUTH_ERRORS, BEARER } from '../schemas/common-schemas.js';
import { IdentityProofSetting, Settings } from '../schemas/kpi-schemas.js';
import type { ServerDeps } from '../server-deps.js';

/** The tenant's settings: everyone reads them, its admins change them. */
export function registerSettingsRoutes(fastify: FastifyInstance, deps: ServerDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const coaching = deps.store.coaching;

  app.get(
    '/v1/settings',
    {
      config: { caller: 'any' },
      schema: {
        summary: "The account's settings: the headline KPIs the sidebar leads with, in display order",
        tags: ['settings'],
        security: BEARER,
        response: { 200: Settings, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const settings = await coaching.settings(request.caller.tenant.id);
      return { headline: [...settings.headline] };
    },
  );

  app.put(
    '/v1/settings/headline',
    {
      config: { caller: { roles: ['admin'], what: 'choosing the headline KPIs', roleNow: true } },
      schema: {
        summary: 'Choose the headline KPIs: 1 to 8 distinct agent KPIs, in display order (admins)',
        description: 'Dashboards after it carry the new `headline`; open sidebars get it on their stream.',
        tags: ['settings'],
        security: BEARER,
        body: Settings,
        response: { 200: Settings, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      const saved = await coaching.setHeadline(caller.tenant.id, request.body.headline);
      await deps.live.setHeadline(caller.tenant.id, saved.headline);
      // A recomputation under way read the headline before this: the next one reads it again, here
      // and in the other API processes.
      deps.live.settingsChanged(caller.tenant.id);
      return { headline: [...saved.headline] };
    },
  );

  app.get(
    '/v1/settings/identity-proof',
    {
      config: { caller: 'any' },
      schema: {
        summary: 'Whether every user must prove once who they are before signing in (Freshdesk)',
        tags: ['settings'],
        security: BEARER,
        response: { 200: IdentityProofSetting, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      return { required: await coaching.identityProofRequired(request.caller.tenant.id) };
    },
  );

  app.put(
    '/v1/settings/identity-proof',
    {
      config: { caller: { roles: ['admin'], what: 'requiring proof of identity', roleNow: true } },
      schema: {
        summary: 'Require every user to prove once who they are before signing in (admins; Freshdesk)',
        description:
          "Freshdesk's sign-in proves the account, not the person: with this on, a user without a personal key " +
          '(from proving who they are with their own API key, or from an admin) is refused with `proof_required`.',
        tags: ['settings'],
        security: BEARER,
        body: IdentityProofSetting,
        response: { 200: IdentityProofSetting, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      await coaching.setIdentityProofRequired(caller.tenant.id, request.body.required);
      deps.log.info({ tenant: caller.tenant.name, required: request.body.required }, 'identity proof setting changed');
      return { required: request.body.required };
    },
  );
}
