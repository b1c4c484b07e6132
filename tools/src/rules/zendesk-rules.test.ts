import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAppFolder } from '../app-files.js';
import { drawLogo } from '../logo.js';
import { encodePng } from '../png.js';
import { AppCopy, buildIntoTemp } from '../testing/app-copy.js';
import { runRules } from './rule.js';
import { ZENDESK_RULES } from './zendesk-rules.js';

interface Breakage {
  rule: string;
  what: string;
  breakIt: (app: AppCopy) => Promise<void>;
  message: RegExp;
}

const manifest = 'manifest.json';

const BREAKAGES: Breakage[] = [
  {
    rule: 'zendesk/manifest-json',
    what: 'a key appears twice',
    breakIt: (a) =>
      a.text(manifest, (t) => t.replace('"signedUrls": true,', '"signedUrls": true,\n"signedUrls": true,')),
    message: /^manifest\.json "signedUrls": appears twice in one object; keep one/,
  },
  {
    rule: 'zendesk/manifest-json',
    what: 'the manifest is not JSON',
    breakIt: (a) => a.text(manifest, (t) => t.replace('{', '{,')),
    message: /^manifest\.json: is not valid JSON .*fix the syntax/,
  },
  {
    rule: 'zendesk/manifest-keys',
    what: 'a misspelt key',
    breakIt: (a) => a.json(manifest, (m) => (m.signedUrl = true)),
    message: /^manifest\.json signedUrl: is not a manifest key Zendesk knows/,
  },
  {
    rule: 'zendesk/required-fields',
    what: 'no author',
    breakIt: (a) => a.json(manifest, (m) => delete m.author),
    message: /^manifest\.json author: is required and missing; add it/,
  },
  {
    rule: 'zendesk/framework-version',
    what: 'framework 1.0',
    breakIt: (a) => a.json(manifest, (m) => (m.frameworkVersion = '1.0')),
    message: /^manifest\.json frameworkVersion: is "1\.0"; set it to "2\.0"/,
  },
  {
    rule: 'zendesk/field-types',
    what: 'a boolean given as a string',
    breakIt: (a) => a.json(manifest, (m) => (m.signedUrls = 'yes')),
    message: /^manifest\.json signedUrls: must be true or false/,
  },
  {
    rule: 'zendesk/field-types',
    what: 'author.url without http(s)',
    breakIt: (a) => a.json(manifest, (m) => (m.author.url = 'frontline.example')),
    message: /^manifest\.json author\.url: must be an http\(s\) URL/,
  },
  {
    rule: 'zendesk/default-locale',
    what: 'the default locale has no file',
    breakIt: (a) => a.json(manifest, (m) => (m.defaultLocale = 'fr')),
    message: /^translations\/fr\.json: missing; the default locale "fr" needs it/,
  },
  {
    rule: 'zendesk/default-locale',
    what: 'a malformed locale',
    breakIt: (a) => a.json(manifest, (m) => (m.defaultLocale = 'English')),
    message: /^manifest\.json defaultLocale: "English" is not a locale code/,
  },
  {
    rule: 'zendesk/locations',
    what: 'an unknown Support location',
    breakIt: (a) => a.json(manifest, (m) => (m.location.support.sidebar = 'assets/logo.png')),
    message: /^manifest\.json location\.support\.sidebar: is not a Support location/,
  },
  {
    rule: 'zendesk/locations',
    what: 'an unknown product',
    breakIt: (a) => a.json(manifest, (m) => (m.location.talk = { top_bar: 'https://x.example' })),
    message: /^manifest\.json location\.talk: is not a product/,
  },
  {
    rule: 'zendesk/locations',
    what: 'an unknown location option',
    breakIt: (a) => a.json(manifest, (m) => (m.location.support.ticket_sidebar.width = 300)),
    message: /^manifest\.json location\.support\.ticket_sidebar\.width: is not a location option/,
  },
  {
    rule: 'zendesk/location-urls',
    what: 'a plain http URL',
    breakIt: (a) => a.json(manifest, (m) => (m.location.support.ticket_sidebar.url = 'http://frontline.example/s')),
    message: /^manifest\.json location\.support\.ticket_sidebar: "http:\/\/frontline\.example\/s" is not https/,
  },
  {
    rule: 'zendesk/location-urls',
    what: 'an asset that is not there',
    breakIt: (a) => a.json(manifest, (m) => (m.location.support.nav_bar.url = 'assets/team.html')),
    message: /^manifest\.json location\.support\.nav_bar: points at assets\/team\.html, which is not in the package/,
  },
  {
    rule: 'zendesk/location-urls',
    what: 'a setting no parameter declares',
    breakIt: (a) =>
      a.json(manifest, (m) => (m.location.support.nav_bar.url = '{{setting.connectorUrl}}/apps/zendesk/team.html')),
    message: /^manifest\.json location\.support\.nav_bar: uses \{\{setting\.connectorUrl\}\} but no parameter/,
  },
  {
    rule: 'zendesk/location-icons',
    what: 'nav_bar without its icon',
    breakIt: (a) => a.remove('assets/icon_nav_bar.svg'),
    message: /^assets\/icon_nav_bar\.svg: missing; the nav_bar location shows it/,
  },
  {
    rule: 'zendesk/parameters',
    what: 'an unknown parameter type',
    breakIt: (a) => a.json(manifest, (m) => (m.parameters[0].type = 'password')),
    message: /^manifest\.json parameters\[0\] \(connector_url\)\.type: must be one of text, checkbox/,
  },
  {
    rule: 'zendesk/parameters',
    what: 'a duplicate parameter',
    breakIt: (a) => a.json(manifest, (m) => m.parameters.push({ ...m.parameters[0] })),
    message: /^manifest\.json parameters\[1\] \(connector_url\): duplicate parameter name/,
  },
  {
    rule: 'zendesk/parameters',
    what: 'a hidden required parameter',
    breakIt: (a) => a.json(manifest, (m) => (m.parameters[0].type = 'hidden')),
    message: /^manifest\.json parameters\[0\] \(connector_url\): a hidden parameter cannot be required/,
  },
  {
    rule: 'zendesk/secure-parameters',
    what: 'a secure parameter without scopes',
    breakIt: (a) => a.json(manifest, (m) => m.parameters.push({ name: 'api_token', type: 'text', secure: true })),
    message: /^manifest\.json parameters \(api_token\)\.scopes: is missing; say where the secret may go/,
  },
  {
    rule: 'zendesk/secure-parameters',
    what: 'a secret that is not secure',
    breakIt: (a) => a.json(manifest, (m) => m.parameters.push({ name: 'api_token', type: 'text' })),
    message: /^manifest\.json parameters \(api_token\): looks like a secret; add "secure": true/,
  },
  {
    rule: 'zendesk/secure-parameters',
    what: 'an unknown scope',
    breakIt: (a) =>
      a.json(manifest, (m) => m.parameters.push({ name: 'api_token', type: 'text', secure: true, scopes: ['cookie'] })),
    message: /^manifest\.json parameters \(api_token\)\.scopes: "cookie" is not one of header/,
  },
  {
    rule: 'zendesk/translation-files',
    what: 'a file not named by locale',
    breakIt: (a) => a.write('translations/english.json', '{}'),
    message: /^translations\/english\.json: is not named translations\/<locale>\.json/,
  },
  {
    rule: 'zendesk/translation-files',
    what: 'a translation that is not an object',
    breakIt: (a) => a.write('translations/fr.json', '[]'),
    message: /^translations\/fr\.json: must be a JSON object/,
  },
  {
    rule: 'zendesk/parameter-labels',
    what: 'a parameter without a German label',
    breakIt: (a) => a.json('translations/de.json', (t) => delete t.app.parameters.connector_url.label),
    message: /^translations\/de\.json app\.parameters\.connector_url\.label: is missing/,
  },
  {
    rule: 'zendesk/marketplace-text',
    what: 'no long description for a public app',
    breakIt: (a) => a.json('translations/en.json', (t) => delete t.app.long_description),
    message: /^translations\/en\.json app\.long_description: is missing; add it/,
  },
  {
    rule: 'zendesk/marketplace-text',
    what: 'a name that says "for Zendesk"',
    breakIt: (a) => a.json('translations/en.json', (t) => (t.app.name = 'Frontline for Zendesk')),
    message: /^translations\/en\.json app\.name: must not say "for Zendesk"/,
  },
  {
    rule: 'zendesk/logos',
    what: 'a logo one size off',
    breakIt: (a) => a.write('assets/logo.png', encodePng(drawLogo(300, true))),
    message: /^assets\/logo\.png: is 300x300; the Marketplace needs exactly 320x320/,
  },
  {
    rule: 'zendesk/logos',
    what: 'a small logo that is not a PNG',
    breakIt: (a) => a.write('assets/logo-small.png', '<svg/>'),
    message: /^assets\/logo-small\.png: is not a PNG; export it as a 128x128 PNG/,
  },
  {
    rule: 'zendesk/logos',
    what: 'no logo',
    breakIt: (a) => a.remove('assets/logo.png'),
    message: /^assets\/logo\.png: missing; add a 320x320 PNG/,
  },
  {
    rule: 'zendesk/package-files',
    what: 'an unexpected root file',
    breakIt: (a) => a.write('README.md', '# hi'),
    message: /^README\.md: is not expected at the package root/,
  },
  {
    rule: 'zendesk/package-files',
    what: 'a nested manifest',
    breakIt: (a) => a.write('assets/app/manifest.json', '{}'),
    message: /^assets\/app\/manifest\.json: a nested manifest\.json is rejected/,
  },
  {
    rule: 'zendesk/package-files',
    what: 'an archive',
    breakIt: (a) => a.write('assets/old.zip', 'PK'),
    message: /^assets\/old\.zip: \.zip files are rejected by Zendesk/,
  },
  {
    rule: 'zendesk/package-files',
    what: 'a symbolic link',
    breakIt: (a) => symlink('logo.png', join(a.dir, 'assets/logo-link.png')),
    message: /^assets\/logo-link\.png: is a symbolic link/,
  },
  {
    rule: 'zendesk/plain-http',
    what: 'a page that loads http://',
    breakIt: (a) => a.write('assets/extra.html', '<script src="http://cdn.example/x.js"></script>'),
    message: /^assets\/extra\.html: loads or links an http:\/\/ URL; use https:\/\//,
  },
];

describe('Zendesk rules (ports of zendesk_apps_support and the Marketplace asset rules)', () => {
  let built: Awaited<ReturnType<typeof buildIntoTemp>>;
  beforeAll(async () => {
    built = await buildIntoTemp();
  });
  afterAll(() => built.dispose());

  it('the built app passes every rule', async () => {
    expect(runRules(ZENDESK_RULES, await readAppFolder(built.result.zendesk.app))).toEqual([]);
  });

  it('every rule has at least one breakage below', () => {
    expect(new Set(BREAKAGES.map((b) => b.rule))).toEqual(new Set(ZENDESK_RULES.map((r) => r.id)));
  });

  it.each(BREAKAGES)('$rule fails on $what', async ({ rule, breakIt, message }) => {
    const copy = await AppCopy.of(built.result.zendesk.app);
    try {
      await breakIt(copy);
      const checked = ZENDESK_RULES.find((r) => r.id === rule)!;
      const problems = checked.check(await copy.read());
      expect(problems.map((p) => p.message)).toContainEqual(expect.stringMatching(message));
      expect(problems.every((p) => p.rule === rule)).toBe(true);
    } finally {
      await copy.dispose();
    }
  });
});
