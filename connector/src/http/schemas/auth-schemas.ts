import Type from 'typebox';
import { Id, IsoTime, Line } from './common-schemas.js';

export const Role = Type.Union([Type.Literal('agent'), Type.Literal('lead'), Type.Literal('admin')]);

export const SessionBody = Type.Object({
  token: Type.String({ description: 'send as `Authorization: Bearer <token>`; on /v1/stream as `access_token`' }),
  expiresAt: IsoTime,
  tenant: Type.String(),
  user: Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()]), role: Role }),
});

export const ZendeskExchangeBody = Type.Object(
  { token: Line({ minLength: 1, maxLength: 8192, description: "the app's signed-URL token (RS256)" }) },
  { additionalProperties: false },
);

export const FreshdeskExchangeBody = Type.Object(
  {
    tenant: Type.Optional(
      Line({ minLength: 1, maxLength: 100, description: 'the tenant, for an app installed with the app secret' }),
    ),
    host: Type.Optional(
      Line({
        minLength: 1,
        maxLength: 200,
        description: "the account's host (acme.freshdesk.com), for an app installed with the API key",
      }),
    ),
    agentId: Id,
    userKey: Type.Optional(Line({ minLength: 1, maxLength: 200, description: 'a lead or admin’s personal key' })),
  },
  { additionalProperties: false },
);

export const FreshdeskProofBody = Type.Object(
  {
    host: Line({ minLength: 1, maxLength: 200, description: "the account's host (acme.freshdesk.com)" }),
    agentId: Id,
    apiKey: Line({
      minLength: 8,
      maxLength: 200,
      description: "the user's own Freshdesk API key; checked, never stored",
    }),
  },
  { additionalProperties: false },
);

export const FreshdeskProof = Type.Object({
  userKey: Type.String({ description: 'the personal key: send it as `userKey` at every sign-in from now on' }),
});
