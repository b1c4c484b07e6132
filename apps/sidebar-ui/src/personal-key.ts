// A Freshdesk lead's personal key, kept in the browser: Freshdesk's sign-in proves the account,
// not the user, so the Freshdesk host sends this key with the sign-in to prove a lead's role.
import type { SidebarHost } from './host.js';

/** The storage item the Freshdesk host reads at sign-in. */
export const USER_KEY_STORAGE = 'frontline.userKey';

/** Keeps `key` for the next sign-in; false where the frame may not store anything. */
export function saveUserKey(host: SidebarHost, key: string): boolean {
  try {
    const store = host.storage ?? globalThis.localStorage;
    if (store === undefined) return false;
    store.setItem(USER_KEY_STORAGE, key);
    return true;
  } catch {
    // A sandboxed frame may refuse storage: the caller says so.
    return false;
  }
}
