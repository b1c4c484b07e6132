import type { FastifyPluginAsync, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '../../auth/index.js';
import type { Caller } from '../authenticate.js';
import { requireRoleNow } from '../current-role.js';
import type { ServerDeps } from '../server-deps.js';

/**
 * Who may call a route: `'any'` signed-in user, or one holding one of `roles` (`what` names the
 * action in the 403). With `roleNow` the role is also read again as it is now, not only as the
 * token says: for the admin's routes, where one request changes the account (requireRoleNow).
 */
export type CallerRule = 'any' | { readonly roles: readonly Role[]; readonly what: string; readonly roleNow?: boolean };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a session token, and which callers it lets through (callerPlugin). */
    caller?: CallerRule;
  }
  interface FastifyRequest {
    /** The signed-in caller, on a route whose config names `caller` (elsewhere reading it throws). */
    readonly caller: Caller;
  }
}

export interface CallerPluginOptions {
  readonly deps: ServerDeps;
}

const callerCheck: FastifyPluginAsync<CallerPluginOptions> = async (app, { deps }) => {
  // Kept beside the request, not on it: the request's shape stays the one Fastify built.
  const callers = new WeakMap<FastifyRequest, Caller>();
  app.decorateRequest('caller', {
    getter(this: FastifyRequest) {
      const caller = callers.get(this);
      if (caller === undefined) {
        throw new Error(
          `${this.routeOptions.url ?? 'this route'} reads request.caller, but its config names no caller`,
        );
      }
      return caller;
    },
  });

  const checkFor =
    (rule: CallerRule): preHandlerAsyncHookHandler =>
    async (request) => {
      const caller = await deps.auth.caller(request);
      if (rule !== 'any') {
        if (rule.roleNow === true) await requireRoleNow(deps, caller, rule.roles, rule.what);
        else deps.auth.requireRole(caller, rule.roles, rule.what);
      }
      callers.set(request, caller);
    };

  // The route's own preHandler, after the throttle's (installThrottle puts it first): a throttled
  // client's token is not even verified.
  app.addHook('onRoute', (route) => {
    const rule = route.config?.caller;
    if (rule === undefined) return;
    route.preHandler = [...[route.preHandler ?? []].flat(), checkFor(rule)];
  });
};

/**
 * The caller check of every route whose config names `caller`: the session token verified (401
 * otherwise), then the role (403), before the handler, which reads `request.caller`. Not
 * encapsulated: it must see the routes of every scope.
 */
export const callerPlugin = fp(callerCheck, { name: 'frontline-caller', fastify: '5.x' });
