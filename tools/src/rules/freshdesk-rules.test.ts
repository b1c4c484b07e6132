import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAppFolder } from '../app-files.js';
import { AppCopy, buildIntoTemp } from '../testing/app-copy.js';
import { FRESHDESK_RULES } from './freshdesk-rules.js';
import { runRules } from './rule.js';

interface Breakage {
  rule: string;
  what: string;
  breakIt: (app: AppCopy) => Promise<void>;
  message: RegExp;
}

const manifest = 'manifest.json';
const iparams = 'config/iparams.json';
const requests = 'config/requests.json';
const icon = 'app/styles/images/icon.svg';

const BREAKAGES: Breakage[] = [
  {
    rule: 'freshdesk/json-files',
    what: 'no iparams',
    breakIt: (a) => a.remove(iparams),
    message: /^config\/iparams\.json: missing; add it/,
  },
  {
    rule: 'freshdesk/json-files',
    what: 'requests.json that is not JSON',
    breakIt: (a) => a.text(requests, (t) => t.replace('{', '{,')),
    message: /^config\/requests\.json: is not valid JSON/,
  },
  {
    rule: 'freshdesk/json-files',
    what: 'a key twice in the manifest',
    breakIt: (a) => a.text(manifest, (t) => t.replace('"platform-version": "3.0",', '$&\n"platform-version": "3.0",')),
    message: /^manifest\.json "platform-version": appears twice/,
  },
  {
    rule: 'freshdesk/platform-version',
    what: 'platform 2.3',
    breakIt: (a) => a.json(manifest, (m) => (m['platform-version'] = '2.3')),
    message: /^manifest\.json platform-version: is "2\.3"; set it to "3\.0"/,
  },
  {
    rule: 'freshdesk/platform-version',
    what: 'whitelisted-domains',
    breakIt: (a) => a.json(manifest, (m) => (m['whitelisted-domains'] = ['https://x.example'])),
    message: /^manifest\.json whitelisted-domains: is deprecated since 2\.3/,
  },
  {
    rule: 'freshdesk/platform-version',
    what: 'a 2.x product block',
    breakIt: (a) => a.json(manifest, (m) => (m.product = { freshdesk: {} })),
    message: /^manifest\.json product: is the 2\.x layout/,
  },
  {
    rule: 'freshdesk/engines',
    what: 'no fdk engine',
    breakIt: (a) => a.json(manifest, (m) => delete m.engines.fdk),
    message: /^manifest\.json engines\.fdk: must be a version/,
  },
  {
    rule: 'freshdesk/modules',
    what: 'the sidebar under common',
    breakIt: (a) =>
      a.json(manifest, (m) => {
        m.modules.common.location.ticket_sidebar = m.modules.support_ticket.location.ticket_sidebar;
        delete m.modules.support_ticket;
      }),
    message: /^manifest\.json modules\.common\.location\.ticket_sidebar: is not a common location/,
  },
  {
    rule: 'freshdesk/modules',
    what: 'common alone',
    breakIt: (a) => a.json(manifest, (m) => delete m.modules.support_ticket),
    message: /^manifest\.json modules: needs a product module besides common/,
  },
  {
    rule: 'freshdesk/modules',
    what: 'an unknown module',
    breakIt: (a) => a.json(manifest, (m) => (m.modules.support_tickets = {})),
    message: /^manifest\.json modules\.support_tickets: is not a Freshdesk module/,
  },
  {
    rule: 'freshdesk/location-files',
    what: 'a page that is not there',
    breakIt: (a) => a.json(manifest, (m) => (m.modules.support_ticket.location.ticket_sidebar.url = 'sidebar.html')),
    message:
      /^manifest\.json modules\.support_ticket\.location\.ticket_sidebar\.url: points at app\/sidebar\.html, which is missing/,
  },
  {
    rule: 'freshdesk/location-files',
    what: 'a location without icon',
    breakIt: (a) => a.json(manifest, (m) => delete m.modules.common.location.full_page_app.icon),
    message: /^manifest\.json modules\.common\.location\.full_page_app\.icon: is required/,
  },
  {
    rule: 'freshdesk/icon-size',
    what: 'a 32 px wide icon',
    breakIt: (a) => a.text(icon, (t) => t.replace('width="64"', 'width="32"')),
    message: /^app\/styles\/images\/icon\.svg width\/height: is 32x64; set exactly width="64" height="64"/,
  },
  {
    rule: 'freshdesk/icon-size',
    what: 'an icon with only a viewBox',
    breakIt: (a) => a.text(icon, (t) => t.replace(' width="64" height="64"', '')),
    message: /^app\/styles\/images\/icon\.svg width\/height: is no widthxno height/,
  },
  {
    rule: 'freshdesk/iparams',
    what: 'the 2.x api_key type',
    breakIt: (a) => a.json(iparams, (p) => (p.api_key.type = 'api_key')),
    message: /^config\/iparams\.json api_key\.type: must be one of .*\(api_key is gone in 3\.0; use "text"\)/,
  },
  {
    rule: 'freshdesk/iparams',
    what: 'type_attributes',
    breakIt: (a) => a.json(iparams, (p) => (p.connector_host.type_attributes = { regex: '.*' })),
    message: /^config\/iparams\.json connector_host\.type_attributes: is not supported from platform 3\.0/,
  },
  {
    rule: 'freshdesk/iparams',
    what: 'no display name',
    breakIt: (a) => a.json(iparams, (p) => delete p.connector_host.display_name),
    message: /^config\/iparams\.json connector_host\.display_name: is required/,
  },
  {
    rule: 'freshdesk/request-templates',
    what: 'a host with protocol and path',
    breakIt: (a) => a.json(requests, (r) => (r.signIn.schema.host = 'https://frontline.example/api')),
    message:
      /^config\/requests\.json signIn\.schema\.host: "https:\/\/frontline\.example\/api" must be a host name only/,
  },
  {
    rule: 'freshdesk/request-templates',
    what: 'an IP address host',
    breakIt: (a) => a.json(requests, (r) => (r.signIn.schema.host = '10.0.0.1')),
    message: /^config\/requests\.json signIn\.schema\.host: "10\.0\.0\.1" must be a host name only/,
  },
  {
    rule: 'freshdesk/request-templates',
    what: 'a path without leading slash',
    breakIt: (a) => a.json(requests, (r) => (r.signIn.schema.path = 'v1/auth/freshdesk')),
    message: /^config\/requests\.json signIn\.schema\.path: must start with "\/"/,
  },
  {
    rule: 'freshdesk/request-templates',
    what: 'plain http',
    breakIt: (a) => a.json(requests, (r) => (r.signIn.schema.protocol = 'http')),
    message: /^config\/requests\.json signIn\.schema\.protocol: must be "https"/,
  },
  {
    rule: 'freshdesk/request-templates',
    what: 'too many attempts',
    breakIt: (a) => a.json(requests, (r) => (r.signIn.options.maxAttempts = 9)),
    message: /^config\/requests\.json signIn\.options\.maxAttempts: must be a whole number from 1 to 5/,
  },
  {
    rule: 'freshdesk/secure-iparams',
    what: 'the secret in the query string',
    breakIt: (a) => a.json(requests, (r) => (r.signIn.schema.query = { secret: '<%= iparam.api_key %>' })),
    message:
      /^config\/requests\.json signIn\.schema\.query\.secret: uses the secure iparam\.api_key; secure iparams go in headers only/,
  },
  {
    rule: 'freshdesk/secure-iparams',
    what: 'an iparam nobody declares',
    breakIt: (a) => a.json(requests, (r) => (r.signIn.schema.host = '<%= iparam.connector_url %>')),
    message:
      /^config\/requests\.json signIn\.schema\.host: uses iparam\.connector_url, which config\/iparams\.json does not declare/,
  },
  {
    rule: 'freshdesk/template-declarations',
    what: 'a template the manifest does not declare',
    breakIt: (a) => a.json(requests, (r) => (r.getDashboard = r.signIn)),
    message: /^config\/requests\.json getDashboard: is not declared in manifest\.json/,
  },
  {
    rule: 'freshdesk/template-declarations',
    what: 'a declared template that does not exist',
    breakIt: (a) => a.json(manifest, (m) => (m.modules.common.requests.getTeam = {})),
    message: /^manifest\.json modules\.\*\.requests\.getTeam: is declared but config\/requests\.json has no "getTeam"/,
  },
  {
    rule: 'freshdesk/app-scripts',
    what: 'a script from unpkg',
    breakIt: (a) =>
      a.text('app/index.html', (t) =>
        t.replace('</head>', '<script src="https://unpkg.com/x@1/x.js"></script></head>'),
      ),
    message: /^app\/index\.html <script src="https:\/\/unpkg\.com\/x@1\/x\.js">: is a remote script/,
  },
  {
    rule: 'freshdesk/app-scripts',
    what: 'a page without the app client',
    breakIt: (a) => a.text('app/team.html', (t) => t.replace('<script src="{{{appclient}}}"></script>', '')),
    message: /^app\/team\.html: does not load \{\{\{appclient\}\}\}/,
  },
  {
    rule: 'freshdesk/package-files',
    what: 'node_modules in the package',
    breakIt: (a) => a.write('node_modules/x/index.js', ''),
    message: /^node_modules: is not expected at the app root/,
  },
];

describe('Freshdesk rules (ports of fdk validate / pack)', () => {
  let built: Awaited<ReturnType<typeof buildIntoTemp>>;
  beforeAll(async () => {
    built = await buildIntoTemp();
  });
  afterAll(() => built.dispose());

  it('the built app passes every rule', async () => {
    expect(runRules(FRESHDESK_RULES, await readAppFolder(built.result.freshdesk.app))).toEqual([]);
  });

  it('every rule has at least one breakage below', () => {
    expect(new Set(BREAKAGES.map((b) => b.rule))).toEqual(new Set(FRESHDESK_RULES.map((r) => r.id)));
  });

  it.each(BREAKAGES)('$rule fails on $what', async ({ rule, breakIt, message }) => {
    const copy = await AppCopy.of(built.result.freshdesk.app);
    try {
      await breakIt(copy);
      const checked = FRESHDESK_RULES.find((r) => r.id === rule)!;
      const problems = checked.check(await copy.read());
      expect(problems.map((p) => p.message)).toContainEqual(expect.stringMatching(message));
      expect(problems.every((p) => p.rule === rule)).toBe(true);
    } finally {
      await copy.dispose();
    }
  });
});
