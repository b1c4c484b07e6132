import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { AUTH_ERRORS, BEARER } from '../schemas/common-schemas.js';
import { Settings } from '../schemas/kpi-schemas.js';
import type { ServerDeps } from '../server-deps.js';
import { requireRoleNow } from '../current-role.js';

/** The tenant's settings: everyone reads them, its admins change them. */
export function registerSettingsRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const coaching = deps.store.coaching;

  app.get(
    '/v1/settings',
    {
      schema: {
        summary: "The account's settings: the headline KPIs the sidebar leads with, in display order",
        tags: ['settings'],
        security: BEARER,
        response: { 200: Settings, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const caller = await deps.auth.caller(request);
      const settings = await coaching.settings(caller.tenant.id);
      return { headline: [...settings.headline] };
    },
  );

  app.put<{ Body: Static<typeof Settings> }>(
    '/v1/settings/headline',
    {
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
      const caller = await deps.auth.caller(request);
      await requireRoleNow(deps, caller, ['admin'], 'choosing the headline KPIs');
      const saved = await coaching.setHeadline(caller.tenant.id, request.body.headline);
      await deps.live.setHeadline(caller.tenant.id, saved.headline);
      // A recomputation under way read the headline before this: the next one reads it again.
      deps.live.refresh(caller.tenant.id, true);
      return { headline: [...saved.headline] };
    },
  );
}
