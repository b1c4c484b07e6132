/** One thing Frontline created in a helpdesk account (a webhook, a trigger, a rule), by the vendor's id. */
export interface InstalledHook {
  /** What it is, in the vendor module's own words (`webhook`, `trigger`, `automation:4`); only that module reads it. */
  readonly kind: string;
  readonly id: string;
}

/** What setting an account up did. */
export interface SetupResult {
  /** What was created, to remove at disconnect. Not secret: ids only. */
  readonly hooks: readonly InstalledHook[];
  /** The secrets the helpdesk's webhooks prove themselves with (signing secrets, a header value). */
  readonly webhookSecrets: readonly string[];
  /**
   * What the admin still has to do by hand, one step per line in the helpdesk's own words; empty
   * when everything was created. Webhooks only speed updates up: the sync polls anyway.
   */
  readonly manualSteps: readonly string[];
}

/**
 * Sets a connected account up so that it tells the connector of changes, and takes that down
 * again. One interface for both helpdesks: Zendesk creates webhooks and a trigger, Freshdesk an
 * automation rule; the vendor names and paths stay in each vendor's module.
 */
export interface HelpdeskSetup {
  /** Creates the account's webhooks to `webhookUrl` (the connector's `/v1/webhooks/<vendor>/<tenant>`). */
  install(webhookUrl: string): Promise<SetupResult>;
  /** Removes what `install` created; already gone counts as removed. Returns what could not be removed, in words. */
  uninstall(hooks: readonly InstalledHook[]): Promise<string[]>;
  /**
   * What to click in the helpdesk to make by hand what `install` could not create, for the
   * admin's setup panel; `secrets` are the ones `install` returned.
   */
  stepsByHand(webhookUrl: string, secrets: readonly string[]): string[];
  /** Ends the connector's access where the helpdesk allows it (Zendesk revokes the OAuth token); else nothing. */
  revokeAccess(): Promise<void>;
}
