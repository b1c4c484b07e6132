import { initialSchema } from './0001-initial-schema.js';
import { coaching } from './0002-coaching.js';
import { liveChangesAndAccess } from './0003-live-changes-and-access.js';
import { realAccounts } from './0004-real-accounts.js';
import { ratingsIncludeUnanswered } from './0005-ratings-include-unanswered.js';
import { tenantSettings } from './0006-tenant-settings.js';
import { subjectsAndNames } from './0007-subjects-and-names.js';
import { helpdeskAdmins } from './0008-helpdesk-admins.js';
import { installedHooks } from './0009-installed-hooks.js';
import { identityProof } from './0010-identity-proof.js';
import { kpiFacts } from './0011-kpi-facts.js';
import type { Migration } from './migration.js';

/** Every migration, oldest first. Append only: an applied migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  coaching,
  liveChangesAndAccess,
  realAccounts,
  ratingsIncludeUnanswered,
  tenantSettings,
  subjectsAndNames,
  helpdeskAdmins,
  installedHooks,
  identityProof,
  kpiFacts,
];

export type { Migration } from './migration.js';
