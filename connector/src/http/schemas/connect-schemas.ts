import Type from 'typebox';
import { IsoTime, Line } from './common-schemas.js';

export const ZendeskConnectBody = Type.Object(
  { token: Line({ minLength: 1, maxLength: 8192, description: "the app's signed-URL token (RS256)" }) },
  { additionalProperties: false },
);

export const ZendeskConnectStart = Type.Object({
  authorizeUrl: Type.String({ description: "Zendesk's consent page for this account; open it in a new window" }),
});

export const ZendeskCallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2048 })),
  state: Type.Optional(Type.String({ maxLength: 4096 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 1000 })),
});

const Share = Type.Number({ minimum: 0, maximum: 1 });

export const ConnectionStatus = Type.Object({
  tenant: Type.String(),
  vendor: Type.Union([Type.Literal('zendesk'), Type.Literal('freshdesk')]),
  connectedAt: IsoTime,
  /** How the helpdesk tells the connector of changes. */
  webhooks: Type.Union([Type.Literal('created'), Type.Literal('by hand'), Type.Literal('none')], {
    description:
      '`created` by Connect; `by hand`: set up by the operator or admin; `none`: updates come with the sync every minute',
  }),
  recent: Type.Object(
    {
      share: Share,
      byKpi: Type.Record(Type.String(), Share),
    },
    { description: 'how much of the last 60 days is synced, in all and per KPI (0..1)' },
  ),
  manualSteps: Type.Array(Type.String(), {
    description: 'admins only: what to click in the helpdesk for the webhooks Connect could not create',
  }),
  history: Type.Object(
    {
      done: Type.Boolean(),
      reachedTime: Type.Union([IsoTime, Type.Null()]),
    },
    { description: 'the older history, synced after the last 60 days: done, or how far it has come' },
  ),
});

export const DisconnectBody = Type.Object(
  { confirm: Line({ minLength: 1, maxLength: 100, description: "the tenant's name, typed by the admin" }) },
  { additionalProperties: false },
);

export const Disconnected = Type.Object({
  removed: Type.String(),
  problems: Type.Array(Type.String(), {
    description: 'what to remove by hand in the helpdesk; the data is deleted anyway',
  }),
});

export const FreshdeskRegisterBody = Type.Object(
  {
    host: Line({ minLength: 1, maxLength: 200, description: "the account's host, e.g. acme.freshdesk.com" }),
  },
  { additionalProperties: false },
);

export const FreshdeskRegistered = Type.Object({
  tenant: Type.String(),
  created: Type.Boolean({ description: 'false: the account was connected already' }),
});
