import type { AppFiles } from '../app-files.js';
import { readPngSize } from '../png.js';
import { duplicateKeys } from './json-keys.js';
import { isRecord, problem, readJson, readText, type Problem, type Rule } from './rule.js';

// Ported from zendesk_apps_support (ZAS) and the Marketplace asset pages: reference/zendesk.md §1.

const MANIFEST = 'manifest.json';

/** ZAS manifest.rb RUBY_TO_JSON: every key Zendesk reads. */
const MANIFEST_KEYS = [
  'requirementsOnly',
  'marketingOnly',
  'version',
  'author',
  'name',
  'experiments',
  'frameworkVersion',
  'singleInstall',
  'signedUrls',
  'noTemplate',
  'defaultLocale',
  'location',
  'private',
  'oauth',
  'parameters',
  'domainWhitelist',
  'remoteInstallationURL',
  'termsConditionsURL',
  'gaID',
];
const BOOLEAN_KEYS = ['requirementsOnly', 'marketingOnly', 'singleInstall', 'signedUrls', 'private'];
const STRING_KEYS = [
  'defaultLocale',
  'version',
  'frameworkVersion',
  'remoteInstallationURL',
  'termsConditionsURL',
  'gaID',
];
/** ZAS app_version.rb: CURRENT is the only servable version. */
const FRAMEWORK_VERSION = '2.0';
const LOCALE = /^[a-z]{2,3}(-\w{2,3})?$/;

/** ZAS product.rb and location.rb (custom_object_record_sidebar is behind a flag, so left out). */
const SUPPORT_LOCATIONS = [
  'top_bar',
  'nav_bar',
  'ticket_sidebar',
  'new_ticket_sidebar',
  'user_sidebar',
  'organization_sidebar',
  'background',
  'modal',
  'ticket_editor',
  'system_top_bar',
];
const PRODUCT_ALIASES: Record<string, string> = { support: 'support', zendesk: 'support' };
const LOCATION_OPTIONS = ['url', 'autoLoad', 'autoHide', 'flexible', 'signed', 'size', 'objectTypes', 'legacy'];
/** ZAS package.rb: locations that show an icon in the Zendesk chrome. */
const ICON_LOCATIONS = ['top_bar', 'nav_bar', 'system_top_bar', 'ticket_editor'];

/** ZAS parameter.rb. */
const PARAMETER_TYPES = ['text', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'];
const PARAMETER_KEYS = ['name', 'type', 'required', 'secure', 'default', 'scopes', 'allowed_domain'];
const SCOPES = ['header', 'body', 'url', 'jwt_secret_key', 'jwt_claim', 'basic_auth_username', 'basic_auth_password'];
const SECRET_LOOKING = /token|key|pwd|password|secret/i;

/** ZAS package.rb and zcli: what a package root may hold. */
const TOP_LEVEL = ['manifest.json', 'translations', 'assets', 'requirements.json'];
/** ZAS validations/mime.rb. */
const BANNED_EXTENSIONS = 'rar zip gzip gz pdf doc docx avi bin bz bz2 csh sh jar mp3 mpeg odt pptx ppt xls xlsx 7z';

/** Marketplace assets (create_assets page; 128 px from both official scaffolds). */
const LOGOS = [
  { path: 'assets/logo.png', width: 320, height: 320 },
  { path: 'assets/logo-small.png', width: 128, height: 128 },
];
const BANNER_SIZES = ['830x200', '1660x400'];
const MARKETPLACE_NAME_MAX = 40;

function manifest(app: AppFiles): Record<string, unknown> | undefined {
  const value = readJson(app, MANIFEST);
  return isRecord(value) ? value : undefined;
}

function parameters(app: AppFiles): Record<string, unknown>[] {
  const list = manifest(app)?.parameters;
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

function locations(app: AppFiles): { product: string; name: string; value: unknown }[] {
  const location = manifest(app)?.location;
  if (!isRecord(location)) return [];
  return Object.entries(location).flatMap(([product, names]) =>
    isRecord(names) ? Object.entries(names).map(([name, value]) => ({ product, name, value })) : [],
  );
}

function locationUrl(value: unknown): unknown {
  return isRecord(value) ? value.url : value;
}

function translationFiles(app: AppFiles): string[] {
  return [...app.files.keys()].filter((path) => path.startsWith('translations/'));
}

const manifestJson: Rule = {
  id: 'zendesk/manifest-json',
  source: 'zendesk.md §1.1: manifest.json required; duplicate keys rejected (NoOverrideHash)',
  check(app) {
    const text = readText(app, MANIFEST);
    const rule = this.id;
    if (text === undefined) return [problem(rule, MANIFEST, '', 'missing; put manifest.json at the root of the app')];
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return [problem(rule, MANIFEST, '', `is not valid JSON (${(error as Error).message}); fix the syntax`)];
    }
    if (!isRecord(parsed)) return [problem(rule, MANIFEST, '', 'must be a JSON object')];
    return duplicateKeys(text).map((key) =>
      problem(rule, MANIFEST, `"${key}"`, 'appears twice in one object; keep one (Zendesk rejects duplicate keys)'),
    );
  },
};

const manifestKeys: Rule = {
  id: 'zendesk/manifest-keys',
  source: 'zendesk.md §1.1: the keys ZAS reads (RUBY_TO_JSON)',
  check(app) {
    return Object.keys(manifest(app) ?? {})
      .filter((key) => !MANIFEST_KEYS.includes(key))
      .map((key) =>
        problem(this.id, MANIFEST, key, `is not a manifest key Zendesk knows; remove it or fix its spelling`),
      );
  },
};

const requiredFields: Rule = {
  id: 'zendesk/required-fields',
  source: 'zendesk.md §1.1: author and defaultLocale always; location and frameworkVersion for normal apps',
  check(app) {
    const m = manifest(app);
    if (m === undefined) return [];
    const normal = m.requirementsOnly !== true && m.marketingOnly !== true;
    const required = ['author', 'defaultLocale', ...(normal ? ['location', 'frameworkVersion'] : [])];
    const empty = (v: unknown): boolean =>
      v === undefined || v === null || (isRecord(v) && Object.keys(v).length === 0);
    return required
      .filter((key) => empty(m[key]))
      .map((key) => problem(this.id, MANIFEST, key, 'is required and missing; add it'));
  },
};

const frameworkVersion: Rule = {
  id: 'zendesk/framework-version',
  source: 'zendesk.md §1.1: "2.0" is the only servable framework version',
  check(app) {
    const m = manifest(app);
    if (m === undefined || m.frameworkVersion === undefined) return [];
    return m.frameworkVersion === FRAMEWORK_VERSION
      ? []
      : [
          problem(
            this.id,
            MANIFEST,
            'frameworkVersion',
            `is ${JSON.stringify(m.frameworkVersion)}; set it to "${FRAMEWORK_VERSION}", the only version Zendesk serves`,
          ),
        ];
  },
};

const fieldTypes: Rule = {
  id: 'zendesk/field-types',
  source: 'zendesk.md §1.1: boolean and string fields are type-checked; author.url must be http(s)',
  check(app) {
    const m = manifest(app);
    if (m === undefined) return [];
    const out: Problem[] = [];
    for (const key of BOOLEAN_KEYS) {
      if (m[key] !== undefined && typeof m[key] !== 'boolean') {
        out.push(problem(this.id, MANIFEST, key, `must be true or false, not ${JSON.stringify(m[key])}`));
      }
    }
    for (const key of STRING_KEYS) {
      if (m[key] !== undefined && typeof m[key] !== 'string') {
        out.push(problem(this.id, MANIFEST, key, `must be a string, not ${JSON.stringify(m[key])}`));
      }
    }
    if (m.author !== undefined) {
      if (!isRecord(m.author)) out.push(problem(this.id, MANIFEST, 'author', 'must be an object {name, email, url}'));
      else {
        for (const key of ['name', 'email', 'url']) {
          if (m.author[key] !== undefined && typeof m.author[key] !== 'string') {
            out.push(problem(this.id, MANIFEST, `author.${key}`, 'must be a string'));
          }
        }
        if (typeof m.author.url === 'string' && !/^https?:\/\/[^/\s]+/.test(m.author.url)) {
          out.push(problem(this.id, MANIFEST, 'author.url', 'must be an http(s) URL with a host'));
        }
      }
    }
    if (m.marketingOnly === true && m.private === true) {
      out.push(problem(this.id, MANIFEST, 'private', 'a marketing-only app cannot be private; set private to false'));
    }
    return out;
  },
};

const defaultLocale: Rule = {
  id: 'zendesk/default-locale',
  source: 'zendesk.md §1.1: defaultLocale matches /^[a-z]{2,3}(-\\w{2,3})?$/ and translations/<it>.json exists',
  check(app) {
    const locale = manifest(app)?.defaultLocale;
    if (typeof locale !== 'string') return [];
    if (!LOCALE.test(locale)) {
      return [
        problem(this.id, MANIFEST, 'defaultLocale', `"${locale}" is not a locale code; use e.g. "en" or "pt-br"`),
      ];
    }
    return app.files.has(`translations/${locale}.json`)
      ? []
      : [problem(this.id, `translations/${locale}.json`, '', `missing; the default locale "${locale}" needs it`)];
  },
};

const locationNames: Rule = {
  id: 'zendesk/locations',
  source: 'zendesk.md §1.2: products, Support location names and location option keys',
  check(app) {
    const out: Problem[] = [];
    const location = manifest(app)?.location;
    if (location !== undefined && !isRecord(location)) {
      return [problem(this.id, MANIFEST, 'location', 'must be an object {"support": {"<location>": url or options}}')];
    }
    for (const product of Object.keys(location ?? {})) {
      if (PRODUCT_ALIASES[product] === undefined) {
        out.push(
          problem(this.id, MANIFEST, `location.${product}`, 'is not a product this app supports; use "support"'),
        );
      }
    }
    for (const { product, name, value } of locations(app)) {
      const field = `location.${product}.${name}`;
      if (PRODUCT_ALIASES[product] === 'support' && !SUPPORT_LOCATIONS.includes(name)) {
        out.push(
          problem(this.id, MANIFEST, field, `is not a Support location; use one of ${SUPPORT_LOCATIONS.join(', ')}`),
        );
      }
      if (isRecord(value)) {
        for (const key of Object.keys(value).filter((k) => !LOCATION_OPTIONS.includes(k))) {
          out.push(
            problem(
              this.id,
              MANIFEST,
              `${field}.${key}`,
              `is not a location option; use ${LOCATION_OPTIONS.join(', ')}`,
            ),
          );
        }
        if (value.flexible !== undefined && typeof value.flexible !== 'boolean') {
          out.push(problem(this.id, MANIFEST, `${field}.flexible`, 'must be true or false'));
        }
      } else if (typeof value !== 'string') {
        out.push(problem(this.id, MANIFEST, field, 'must be a URL string or an options object with "url"'));
      }
    }
    return out;
  },
};

const locationUrls: Rule = {
  id: 'zendesk/location-urls',
  source: 'zendesk.md §1.2: https, localhost, an existing assets/ file, or a {{setting.…}} URL',
  check(app) {
    const out: Problem[] = [];
    const names = new Set(parameters(app).map((p) => p.name));
    for (const { product, name, value } of locations(app)) {
      const field = `location.${product}.${name}`;
      const url = locationUrl(value);
      const autoLoad = !isRecord(value) || value.autoLoad !== false;
      if (typeof url !== 'string' || url === '') {
        if (autoLoad) out.push(problem(this.id, MANIFEST, field, 'does not specify a URL; add "url"'));
        continue;
      }
      for (const [, setting] of url.matchAll(/\{\{\s*setting\.([\w-]+)\s*\}\}/g)) {
        if (!names.has(setting)) {
          out.push(
            problem(this.id, MANIFEST, field, `uses {{setting.${setting}}} but no parameter is named "${setting}"`),
          );
        }
      }
      if (url.includes('{{setting.')) continue;
      if (url.startsWith('assets/')) {
        if (!app.files.has(url.split(/[?#]/)[0]!)) {
          out.push(problem(this.id, MANIFEST, field, `points at ${url}, which is not in the package; add the file`));
        }
        continue;
      }
      let parsed: URL | null = null;
      try {
        parsed = new URL(url);
      } catch {
        // reported below
      }
      const ok = parsed !== null && (parsed.protocol === 'https:' || parsed.hostname === 'localhost');
      if (!ok) {
        out.push(
          problem(this.id, MANIFEST, field, `"${url}" is not https, localhost, assets/… or a {{setting.…}} URL`),
        );
      }
    }
    return out;
  },
};

const locationIcons: Rule = {
  id: 'zendesk/location-icons',
  source: 'zendesk.md §1.2: top_bar, nav_bar, system_top_bar and ticket_editor show assets/icon_<location>.svg',
  check(app) {
    return locations(app)
      .filter(({ name }) => ICON_LOCATIONS.includes(name))
      .filter(
        ({ name }) =>
          !app.files.has(`assets/icon_${name}.svg`) &&
          !['inactive', 'active', 'hover'].every((state) => app.files.has(`assets/icon_${name}_${state}.png`)),
      )
      .map(({ name }) =>
        problem(this.id, `assets/icon_${name}.svg`, '', `missing; the ${name} location shows it in the Zendesk chrome`),
      );
  },
};

const parameterShape: Rule = {
  id: 'zendesk/parameters',
  source: 'zendesk.md §1.3: parameter names, types, attributes, hidden+required, one oauth parameter',
  check(app) {
    const list = manifest(app)?.parameters;
    if (list === undefined) return [];
    if (!Array.isArray(list)) return [problem(this.id, MANIFEST, 'parameters', 'must be an array of parameters')];
    const out: Problem[] = [];
    const seen = new Set<unknown>();
    list.forEach((p: unknown, i) => {
      const field = `parameters[${i}]`;
      if (!isRecord(p) || typeof p.name !== 'string' || p.name === '') {
        out.push(problem(this.id, MANIFEST, field, 'needs a non-empty "name"'));
        return;
      }
      const at = `${field} (${p.name})`;
      if (p.name === 'name') out.push(problem(this.id, MANIFEST, at, 'a parameter cannot be called "name"; rename it'));
      if (seen.has(p.name)) out.push(problem(this.id, MANIFEST, at, 'duplicate parameter name; rename one'));
      seen.add(p.name);
      const type = p.type ?? 'text';
      if (typeof type !== 'string' || !PARAMETER_TYPES.includes(type)) {
        out.push(problem(this.id, MANIFEST, `${at}.type`, `must be one of ${PARAMETER_TYPES.join(', ')}`));
      }
      for (const key of ['required', 'secure']) {
        if (p[key] !== undefined && typeof p[key] !== 'boolean') {
          out.push(problem(this.id, MANIFEST, `${at}.${key}`, 'must be true or false'));
        }
      }
      if (type === 'hidden' && p.required === true) {
        out.push(problem(this.id, MANIFEST, at, 'a hidden parameter cannot be required; drop one of them'));
      }
      if (type === 'oauth' && p.secure === true) {
        out.push(problem(this.id, MANIFEST, at, 'an oauth parameter cannot be secure; remove "secure"'));
      }
      for (const key of Object.keys(p).filter((k) => !PARAMETER_KEYS.includes(k))) {
        out.push(
          problem(this.id, MANIFEST, `${at}.${key}`, `is not a parameter attribute; use ${PARAMETER_KEYS.join(', ')}`),
        );
      }
    });
    if (list.filter((p: unknown) => isRecord(p) && p.type === 'oauth').length > 1) {
      out.push(problem(this.id, MANIFEST, 'parameters', 'has more than one oauth parameter; keep one'));
    }
    return out;
  },
};

const secureParameters: Rule = {
  id: 'zendesk/secure-parameters',
  source: 'zendesk.md §1.3: scopes only on secure parameters, from the allowed list; we fail what ZAS warns about',
  check(app) {
    const out: Problem[] = [];
    for (const p of parameters(app)) {
      const at = `parameters (${String(p.name)})`;
      if (p.secure !== true) {
        if (p.scopes !== undefined)
          out.push(problem(this.id, MANIFEST, `${at}.scopes`, 'only a secure parameter takes scopes'));
        if ((p.type ?? 'text') === 'text' && typeof p.name === 'string' && SECRET_LOOKING.test(p.name)) {
          out.push(
            problem(this.id, MANIFEST, at, 'looks like a secret; add "secure": true so Zendesk keeps it server-side'),
          );
        }
      } else {
        const scopes = p.scopes;
        if (!Array.isArray(scopes) || scopes.length === 0) {
          out.push(
            problem(
              this.id,
              MANIFEST,
              `${at}.scopes`,
              `is missing; say where the secret may go (${SCOPES.join(', ')})`,
            ),
          );
        } else {
          for (const scope of scopes.filter((s: unknown) => typeof s !== 'string' || !SCOPES.includes(s))) {
            out.push(
              problem(this.id, MANIFEST, `${at}.scopes`, `${JSON.stringify(scope)} is not one of ${SCOPES.join(', ')}`),
            );
          }
        }
      }
      if ((p.secure === true || p.type === 'hidden') && p.default !== undefined) {
        out.push(
          problem(
            this.id,
            MANIFEST,
            `${at}.default`,
            'a secure or hidden parameter must not ship a default; remove it',
          ),
        );
      }
    }
    return out;
  },
};

const translationFilesRule: Rule = {
  id: 'zendesk/translation-files',
  source: 'zendesk.md §1.4: translations/<locale>.json, each a JSON object',
  check(app) {
    const out: Problem[] = [];
    for (const path of translationFiles(app)) {
      const locale = /^translations\/([^/]+)\.json$/.exec(path)?.[1];
      if (locale === undefined || !LOCALE.test(locale)) {
        out.push(problem(this.id, path, '', 'is not named translations/<locale>.json; rename or remove it'));
      } else if (!isRecord(readJson(app, path))) {
        out.push(problem(this.id, path, '', 'must be a JSON object'));
      }
    }
    return out;
  },
};

const parameterLabels: Rule = {
  id: 'zendesk/parameter-labels',
  source: 'zendesk.md §1.4: app.parameters.<name> needs a "label" (missing_required_key_on_leaf)',
  check(app) {
    const out: Problem[] = [];
    const names = parameters(app)
      .map((p) => p.name)
      .filter((n): n is string => typeof n === 'string');
    for (const path of translationFiles(app)) {
      const doc = readJson(app, path);
      if (!isRecord(doc)) continue;
      const translated = isRecord(doc.app) && isRecord(doc.app.parameters) ? doc.app.parameters : {};
      for (const name of new Set([...names, ...Object.keys(translated)])) {
        const entry = translated[name];
        if (!isRecord(entry) || typeof entry.label !== 'string' || entry.label === '') {
          out.push(problem(this.id, path, `app.parameters.${name}.label`, 'is missing; add the label admins see'));
        }
      }
    }
    return out;
  },
};

const marketplaceText: Rule = {
  id: 'zendesk/marketplace-text',
  source: 'zendesk.md §1.4: en.json app keys (public: name, short and long description, instructions); name ≤ 40',
  check(app) {
    const m = manifest(app);
    if (m === undefined) return [];
    const path = 'translations/en.json';
    const doc = readJson(app, path);
    if (!isRecord(doc)) return [problem(this.id, path, '', 'missing; Marketplace text is read from English')];
    const text = isRecord(doc.app) ? doc.app : {};
    const isPrivate = m.private !== false;
    const required = isPrivate ? ['name'] : ['name', 'long_description', 'installation_instructions'];
    const out = required
      .filter((key) => typeof text[key] !== 'string' || text[key] === '')
      .map((key) => problem(this.id, path, `app.${key}`, 'is missing; add it'));
    if (!isPrivate && typeof text.short_description !== 'string' && typeof text.description !== 'string') {
      out.push(problem(this.id, path, 'app.short_description', 'is missing; add it'));
    }
    if (typeof text.name === 'string') {
      if (text.name.length > MARKETPLACE_NAME_MAX) {
        out.push(
          problem(this.id, path, 'app.name', `is ${text.name.length} characters; keep it to ${MARKETPLACE_NAME_MAX}`),
        );
      }
      if (/for zendesk/i.test(text.name)) {
        out.push(problem(this.id, path, 'app.name', 'must not say "for Zendesk"; drop it'));
      }
    }
    return out;
  },
};

const logos: Rule = {
  id: 'zendesk/logos',
  source: 'zendesk.md §1.4: assets/logo.png 320x320, assets/logo-small.png 128x128; banner 830x200 or 1660x400',
  check(app) {
    const out: Problem[] = [];
    for (const { path, width, height } of LOGOS) {
      const bytes = app.files.get(path);
      const size = bytes === undefined ? null : readPngSize(bytes);
      if (bytes === undefined) out.push(problem(this.id, path, '', `missing; add a ${width}x${height} PNG`));
      else if (size === null)
        out.push(problem(this.id, path, '', `is not a PNG; export it as a ${width}x${height} PNG`));
      else if (size.width !== width || size.height !== height) {
        out.push(
          problem(
            this.id,
            path,
            '',
            `is ${size.width}x${size.height}; the Marketplace needs exactly ${width}x${height}`,
          ),
        );
      }
    }
    const banner = app.files.get('assets/banner.png');
    if (banner !== undefined) {
      const size = readPngSize(banner);
      if (size === null || !BANNER_SIZES.includes(`${size.width}x${size.height}`)) {
        out.push(problem(this.id, 'assets/banner.png', '', `must be a PNG of ${BANNER_SIZES.join(' or ')}`));
      }
    }
    return out;
  },
};

const packageFiles: Rule = {
  id: 'zendesk/package-files',
  source: 'zendesk.md §1.1, §1.4: root entries, no nested manifest, no symlinks, no archive/office/binary files',
  check(app) {
    const out: Problem[] = [];
    const banned = new Set(BANNED_EXTENSIONS.split(' '));
    const tops = new Set([...app.files.keys(), ...app.symlinks].map((p) => p.split('/')[0]!));
    for (const top of tops) {
      if (!TOP_LEVEL.includes(top) && top !== 'tmp') {
        out.push(problem(this.id, top, '', `is not expected at the package root (${TOP_LEVEL.join(', ')}); remove it`));
      }
    }
    for (const path of app.files.keys()) {
      if (path !== MANIFEST && path.endsWith('/manifest.json')) {
        out.push(problem(this.id, path, '', 'a nested manifest.json is rejected; zip the app folder itself'));
      }
      const extension = path.split('.').pop()!.toLowerCase();
      if (path.includes('.') && banned.has(extension)) {
        out.push(problem(this.id, path, '', `.${extension} files are rejected by Zendesk; remove it`));
      }
    }
    for (const link of app.symlinks) {
      out.push(problem(this.id, link, '', 'is a symbolic link, which Zendesk rejects; copy the file instead'));
    }
    return out;
  },
};

const plainHttp: Rule = {
  id: 'zendesk/plain-http',
  source: 'zendesk.md §1.1: http:// URLs in .js/.html are flagged (a warning there; we fail on it)',
  check(app) {
    return [...app.files.keys()]
      .filter((path) => /\.(js|html)$/.test(path))
      .filter((path) => /http:\/\/(?!localhost[:/])/.test(readText(app, path)!))
      .map((path) => problem(this.id, path, '', 'loads or links an http:// URL; use https://'));
  },
};

export const ZENDESK_RULES: Rule[] = [
  manifestJson,
  manifestKeys,
  requiredFields,
  frameworkVersion,
  fieldTypes,
  defaultLocale,
  locationNames,
  locationUrls,
  locationIcons,
  parameterShape,
  secureParameters,
  translationFilesRule,
  parameterLabels,
  marketplaceText,
  logos,
  packageFiles,
  plainHttp,
];
