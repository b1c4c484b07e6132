import Type from 'typebox';
import { Role } from './auth-schemas.js';
import { Id } from './common-schemas.js';

/** Where a person's Frontline role comes from. */
export const RoleSource = Type.Union([Type.Literal('helpdesk'), Type.Literal('frontline'), Type.Literal('default')], {
  description:
    '`frontline`: a role an admin chose (in the app or with `tenant role`); `helpdesk`: none chosen, and the ' +
    'helpdesk makes them an admin (a Zendesk admin, as last synced); `default`: none chosen, an agent',
});

export const Person = Type.Object({
  id: Type.String({ description: 'the helpdesk user id' }),
  name: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  role: Role,
  roleSource: RoleSource,
});

export const PeopleList = Type.Object({
  people: Type.Array(Person, { description: "the account's agents as last synced, by name" }),
});

export const PersonParams = Type.Object({ userId: Id });

export const RoleBody = Type.Object({ role: Role }, { additionalProperties: false });

export const RoleChanged = Type.Object({
  person: Person,
  personalKey: Type.Union([Type.String(), Type.Null()], {
    description:
      'Freshdesk, for a new lead or admin: the personal key the user enters once in their Frontline page to ' +
      'prove the role (Freshdesk sign-in proves the account, not the user). Shown this once: only its hash is ' +
      'stored, and each change to lead or admin makes a new one. `null` otherwise.',
  }),
});
