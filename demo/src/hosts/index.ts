// Pages that play the helpdesks around the apps' frames: the preview of `npm start` and the
// browser tests use them.
export { zendeskParentPage, type ZendeskParentOptions } from './zendesk-host-page.js';
export {
  freshworksParentPage,
  FRESHWORKS_CLIENT_STAND_IN,
  type FreshworksParentOptions,
} from './freshdesk-host-page.js';
export { ZAF_SDK_URL, zafSdkScript } from './zaf-sdk.js';
