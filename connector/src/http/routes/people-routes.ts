import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Agent } from '@frontline/kpi';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { hashUserKey, newUserKey, type Role } from '../../auth/index.js';
import type { Tenant } from '../../store/sync-store.js';
import { ApiError } from '../api-error.js';
import { AUTH_ERRORS, BEARER, ErrorBody } from '../schemas/common-schemas.js';
import type { Person } from '../schemas/people-schemas.js';
import { PeopleList, PersonParams, RoleBody, RoleChanged } from '../schemas/people-schemas.js';
import type { ServerDeps } from '../server-deps.js';
import { helpdeskRole } from '../session-role.js';

type PersonBody = Static<typeof Person>;

function present(tenant: Tenant, agent: Agent, stored: Role | undefined): PersonBody {
  const fromHelpdesk = helpdeskRole(tenant, agent);
  return {
    id: agent.id,
    name: agent.name,
    email: agent.email,
    role: stored ?? fromHelpdesk,
    roleSource: stored !== undefined ? 'frontline' : fromHelpdesk === 'admin' ? 'helpdesk' : 'default',
  };
}

const byName = (a: PersonBody, b: PersonBody) =>
  (a.name ?? a.id).localeCompare(b.name ?? b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Who has which role in Frontline, and an admin choosing it in the app instead of the CLI. */
export function registerPeopleRoutes(fastify: FastifyInstance, deps: ServerDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const coaching = deps.store.coaching;
  const agentsOf = (tenant: Tenant) => deps.store.listAgents(tenant.id);

  app.get(
    '/v1/people',
    {
      config: { caller: { roles: ['admin'], what: "seeing the account's people and roles", roleNow: true } },
      schema: {
        summary: "The account's agents with their Frontline role now and where it comes from (admins)",
        tags: ['people'],
        security: BEARER,
        response: { 200: PeopleList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      const [agents, roles] = await Promise.all([agentsOf(caller.tenant), coaching.listRoles(caller.tenant.id)]);
      const stored = new Map(roles.map((r) => [r.userId, r.role]));
      return { people: agents.map((a) => present(caller.tenant, a, stored.get(a.id))).sort(byName) };
    },
  );

  app.put(
    '/v1/people/:userId/role',
    {
      config: { caller: { roles: ['admin'], what: "choosing people's roles", roleNow: true } },
      schema: {
        summary: "Choose a person's Frontline role: agent, lead or admin (admins)",
        description:
          "Stored as Frontline's role for the user, winning over the helpdesk's. Their open sessions get it at " +
          'their next refresh (their streams within seconds). 404 for a user who is not an agent of the account ' +
          '(as last synced); 409 `conflict` when admins would demote themselves, so an account always keeps an ' +
          'admin. On Freshdesk a new lead or admin gets a `personalKey`, shown once.',
        tags: ['people'],
        security: BEARER,
        params: PersonParams,
        body: RoleBody,
        response: { 200: RoleChanged, ...AUTH_ERRORS, 409: ErrorBody },
      },
    },
    async (request) => {
      const { tenant, session } = request.caller;
      const { userId } = request.params;
      const { role } = request.body;
      const agent = (await agentsOf(tenant)).find((a) => a.id === userId);
      if (agent === undefined) {
        throw new ApiError(
          'not_found',
          `user ${userId} is not an agent of this account (as last synced): only its agents have a Frontline role`,
        );
      }
      if (userId === session.userId && role !== 'admin') {
        throw new ApiError(
          'conflict',
          `you cannot make yourself ${role}: another admin has to, so the account is never left without an admin`,
        );
      }
      await coaching.setRole(tenant.id, userId, role);
      let personalKey: string | null = null;
      // Freshdesk's sign-in proves the account, not the user: the key is what proves the role.
      if (tenant.vendor === 'freshdesk' && role !== 'agent') {
        personalKey = newUserKey();
        await deps.store.saveUserKeyHash(tenant.id, userId, hashUserKey(personalKey));
      }
      deps.log.info({ tenant: tenant.name, user: userId, role, by: session.userId }, 'role chosen');
      return { person: present(tenant, agent, role), personalKey };
    },
  );
}
