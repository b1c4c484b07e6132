import type { RouteResult } from './request-gate.js';

/** Zendesk's answer to credentials whose user may not use an endpoint (an end-user, an agent on an admin's). */
export const ZENDESK_FORBIDDEN: RouteResult = {
  status: 403,
  body: {
    error: 'Forbidden',
    description:
      'You do not have access to this page. Please contact the account owner of this help desk for further help.',
  },
};
