import type { AppFiles } from '../app-files.js';
import { readPngSize } from '../png.js';
import { duplicateKeys } from './json-keys.js';
import { isRecord, problem, readJson, readText, type Problem, type Rule } from './rule.js';
import { readSvgSize } from './svg.js';

// Ported from what `fdk validate` / `fdk pack` check: reference/freshdesk.md §1.2–§1.7.

const MANIFEST = 'manifest.json';
const IPARAMS = 'config/iparams.json';
const REQUESTS = 'config/requests.json';

const PLATFORM_VERSION = '3.0';
/** Product modules a Freshdesk app may declare next to `common` (§1.2). */
const PRODUCT_MODULES = [
  'support_ticket',
  'support_email',
  'support_contact',
  'support_company',
  'support_portal',
  'support_agent',
];
/** Placeholders per module; modules not listed here are not checked for names (§1.2). */
const MODULE_LOCATIONS: Record<string, string[]> = {
  common: ['full_page_app', 'cti_global_sidebar'],
  support_ticket: [
    'ticket_sidebar',
    'ticket_requester_info',
    'ticket_top_navigation',
    'ticket_background',
    'time_entry_background',
    'ticket_attachment',
    'ticket_conversation_editor',
    'new_ticket_requester_info',
    'new_ticket_background',
  ],
};
/** Background locations have no UI, so no icon (the FDK's "location_without_icons"). */
const NO_ICON = /_background$/;
const ICON_SIZE = 64;

/** iparam types on 3.0: the ≤2.3 list without domain and api_key (§1.3). */
const IPARAM_TYPES = [
  'text',
  'paragraph',
  'dropdown',
  'email',
  'number',
  'phone_number',
  'date',
  'url',
  'radio',
  'checkbox',
  'multiselect',
];
const IPARAM_KEYS_GONE_IN_3 = ['type_attributes', 'data-bind'];
const NEEDS_OPTIONS = ['dropdown', 'radio', 'multiselect'];

const TEMPLATE_NAME = /^[A-Za-z0-9_-]+$/;
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const MAX_TEMPLATES = 100;
const PLACEHOLDER = /<%=\s*([^%]*?)\s*%>/g;

const TOP_LEVEL = ['manifest.json', 'config', 'app', 'server', 'README.md'];
/** The one script the platform itself injects; anything else must ship in the package. */
const APP_CLIENT = '{{{appclient}}}';

function manifest(app: AppFiles): Record<string, unknown> | undefined {
  const value = readJson(app, MANIFEST);
  return isRecord(value) ? value : undefined;
}

function modules(app: AppFiles): Record<string, unknown> {
  const m = manifest(app)?.modules;
  return isRecord(m) ? m : {};
}

function appLocations(app: AppFiles): { module: string; name: string; value: unknown }[] {
  return Object.entries(modules(app)).flatMap(([module, body]) =>
    isRecord(body) && isRecord(body.location)
      ? Object.entries(body.location).map(([name, value]) => ({ module, name, value }))
      : [],
  );
}

function iparams(app: AppFiles): Record<string, Record<string, unknown>> {
  const doc = readJson(app, IPARAMS);
  if (!isRecord(doc)) return {};
  return Object.fromEntries(Object.entries(doc).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1])));
}

function templates(app: AppFiles): Record<string, Record<string, unknown>> {
  const doc = readJson(app, REQUESTS);
  if (!isRecord(doc)) return {};
  return Object.fromEntries(Object.entries(doc).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1])));
}

/** Every string inside a value, with its dotted path. */
function strings(value: unknown, path: string): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  return [];
}

function jsonFile(rule: string, app: AppFiles, path: string, required: boolean): Problem[] {
  const text = readText(app, path);
  if (text === undefined) return required ? [problem(rule, path, '', 'missing; add it')] : [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return [problem(rule, path, '', `is not valid JSON (${(error as Error).message}); fix the syntax`)];
  }
  if (!isRecord(parsed)) return [problem(rule, path, '', 'must be a JSON object')];
  return duplicateKeys(text).map((key) => problem(rule, path, `"${key}"`, 'appears twice in one object; keep one'));
}

const jsonFiles: Rule = {
  id: 'freshdesk/json-files',
  source: 'freshdesk.md §1.7: manifest.json and config/iparams.json (or iparams.html) are required',
  check(app) {
    return [
      ...jsonFile(this.id, app, MANIFEST, true),
      ...jsonFile(this.id, app, IPARAMS, !app.files.has('config/iparams.html')),
      ...jsonFile(this.id, app, REQUESTS, false),
    ];
  },
};

const platformVersion: Rule = {
  id: 'freshdesk/platform-version',
  source: 'freshdesk.md §1.1–§1.2: platform 3.0 keys; no 2.x `product` or `whitelisted-domains`',
  check(app) {
    const m = manifest(app);
    if (m === undefined) return [];
    const out: Problem[] = [];
    if (m['platform-version'] !== PLATFORM_VERSION) {
      out.push(
        problem(
          this.id,
          MANIFEST,
          'platform-version',
          `is ${JSON.stringify(m['platform-version'])}; set it to "${PLATFORM_VERSION}" (2.3 is being deprecated)`,
        ),
      );
    }
    if ('product' in m) {
      out.push(problem(this.id, MANIFEST, 'product', 'is the 2.x layout; on 3.0 declare locations under "modules"'));
    }
    if ('whitelisted-domains' in m) {
      out.push(
        problem(
          this.id,
          MANIFEST,
          'whitelisted-domains',
          'is deprecated since 2.3; call hosts through request templates',
        ),
      );
    }
    return out;
  },
};

const engines: Rule = {
  id: 'freshdesk/engines',
  source: 'freshdesk.md §1.2: "engines": {"node", "fdk"} is required on 3.0',
  check(app) {
    const m = manifest(app);
    if (m === undefined) return [];
    const e = isRecord(m.engines) ? m.engines : {};
    return ['node', 'fdk']
      .filter((key) => typeof e[key] !== 'string' || !/^\d+\.\d+\.\d+$/.test(e[key]))
      .map((key) =>
        problem(this.id, MANIFEST, `engines.${key}`, 'must be a version like "24.11.1"; set the one you test with'),
      );
  },
};

const moduleShape: Rule = {
  id: 'freshdesk/modules',
  source: 'freshdesk.md §1.2: modules.common plus a product module; product locations only in their module',
  check(app) {
    const m = manifest(app);
    if (m === undefined) return [];
    if (!isRecord(m.modules)) return [problem(this.id, MANIFEST, 'modules', 'is missing; 3.0 apps declare "modules"')];
    const out: Problem[] = [];
    const names = Object.keys(m.modules);
    if (!names.some((n) => PRODUCT_MODULES.includes(n))) {
      out.push(problem(this.id, MANIFEST, 'modules', 'needs a product module besides common, e.g. "support_ticket"'));
    }
    for (const name of names.filter((n) => n !== 'common' && !PRODUCT_MODULES.includes(n))) {
      out.push(
        problem(this.id, MANIFEST, `modules.${name}`, `is not a Freshdesk module; use ${PRODUCT_MODULES.join(', ')}`),
      );
    }
    for (const { module, name, value } of appLocations(app)) {
      const allowed = MODULE_LOCATIONS[module];
      if (allowed !== undefined && !allowed.includes(name)) {
        out.push(
          problem(
            this.id,
            MANIFEST,
            `modules.${module}.location.${name}`,
            `is not a ${module} location; use ${allowed.join(', ')}`,
          ),
        );
      }
      if (!isRecord(value) || typeof value.url !== 'string') {
        out.push(
          problem(
            this.id,
            MANIFEST,
            `modules.${module}.location.${name}`,
            'must be {"url": "<file in app/>", "icon": …}',
          ),
        );
      }
    }
    return out;
  },
};

const locationFiles: Rule = {
  id: 'freshdesk/location-files',
  source: 'freshdesk.md §1.7: every location url and icon must exist under app/',
  check(app) {
    const out: Problem[] = [];
    for (const { module, name, value } of appLocations(app)) {
      if (!isRecord(value)) continue;
      const field = `modules.${module}.location.${name}`;
      if (typeof value.url === 'string' && !app.files.has(`app/${value.url}`)) {
        out.push(
          problem(this.id, MANIFEST, `${field}.url`, `points at app/${value.url}, which is missing; add the page`),
        );
      }
      if (NO_ICON.test(name)) continue;
      if (typeof value.icon !== 'string')
        out.push(problem(this.id, MANIFEST, `${field}.icon`, 'is required; add a 64x64 icon'));
      else if (!app.files.has(`app/${value.icon}`)) {
        out.push(problem(this.id, MANIFEST, `${field}.icon`, `points at app/${value.icon}, which is missing; add it`));
      }
    }
    return out;
  },
};

const iconSize: Rule = {
  id: 'freshdesk/icon-size',
  source: 'freshdesk.md §1.5: icons exactly 64x64; an SVG needs explicit width and height',
  check(app) {
    const out: Problem[] = [];
    const icons = new Set(
      appLocations(app)
        .map(({ value }) => (isRecord(value) && typeof value.icon === 'string' ? `app/${value.icon}` : null))
        .filter((p): p is string => p !== null && app.files.has(p)),
    );
    for (const path of icons) {
      const bytes = app.files.get(path)!;
      const size = path.endsWith('.svg') ? readSvgSize(bytes.toString('utf8')) : readPngSize(bytes);
      if (size === null) {
        out.push(
          problem(this.id, path, '', 'cannot be measured; use an SVG with width="64" height="64" or a 64x64 PNG'),
        );
      } else if (size.width !== ICON_SIZE || size.height !== ICON_SIZE) {
        const shown = `${size.width ?? 'no width'}x${size.height ?? 'no height'}`;
        out.push(problem(this.id, path, 'width/height', `is ${shown}; set exactly width="64" height="64"`));
      }
    }
    return out;
  },
};

const iparamTypes: Rule = {
  id: 'freshdesk/iparams',
  source: 'freshdesk.md §1.3: display_name and a 3.0 type; no domain/api_key, type_attributes or data-bind',
  check(app) {
    const out: Problem[] = [];
    for (const [name, p] of Object.entries(iparams(app))) {
      const at = name;
      if (typeof p.display_name !== 'string' || p.display_name === '') {
        out.push(problem(this.id, IPARAMS, `${at}.display_name`, 'is required; add the label admins see'));
      }
      if (typeof p.type !== 'string' || !IPARAM_TYPES.includes(p.type)) {
        const hint = p.type === 'domain' || p.type === 'api_key' ? ` (${p.type} is gone in 3.0; use "text")` : '';
        out.push(problem(this.id, IPARAMS, `${at}.type`, `must be one of ${IPARAM_TYPES.join(', ')}${hint}`));
      }
      for (const key of IPARAM_KEYS_GONE_IN_3.filter((k) => k in p)) {
        out.push(
          problem(this.id, IPARAMS, `${at}.${key}`, 'is not supported from platform 3.0; validate in iparams.html'),
        );
      }
      if (typeof p.type === 'string' && NEEDS_OPTIONS.includes(p.type) && !Array.isArray(p.options)) {
        out.push(problem(this.id, IPARAMS, `${at}.options`, `is required for a ${p.type}; list the choices`));
      }
      for (const key of ['required', 'secure']) {
        if (p[key] !== undefined && typeof p[key] !== 'boolean') {
          out.push(problem(this.id, IPARAMS, `${at}.${key}`, 'must be true or false'));
        }
      }
    }
    return out;
  },
};

const requestTemplates: Rule = {
  id: 'freshdesk/request-templates',
  source: 'freshdesk.md §1.4: name, method, https, host an FQDN or iparam (no protocol/path), path starts "/"',
  check(app) {
    const all = templates(app);
    const out: Problem[] = [];
    if (Object.keys(all).length > MAX_TEMPLATES) {
      out.push(problem(this.id, REQUESTS, '', `declares more than ${MAX_TEMPLATES} templates; merge some`));
    }
    for (const [name, template] of Object.entries(all)) {
      if (!TEMPLATE_NAME.test(name)) {
        out.push(problem(this.id, REQUESTS, name, 'template names may hold letters, digits, "_" and "-" only'));
      }
      const s = isRecord(template.schema) ? template.schema : {};
      const at = `${name}.schema`;
      if (typeof s.method !== 'string' || !METHODS.includes(s.method)) {
        out.push(problem(this.id, REQUESTS, `${at}.method`, `must be one of ${METHODS.join(', ')}`));
      }
      if (s.protocol !== undefined && s.protocol !== 'https') {
        out.push(problem(this.id, REQUESTS, `${at}.protocol`, 'must be "https" (http only works in local tests)'));
      }
      const host = typeof s.host === 'string' ? s.host : '';
      const bare = host.replace(PLACEHOLDER, 'x');
      const fqdn = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
      const onlyPlaceholder = host !== '' && host.replace(PLACEHOLDER, '') === '';
      if (!onlyPlaceholder && (!fqdn.test(bare) || /^[\d.]+$/.test(bare) || (!bare.includes('.') && bare !== 'x'))) {
        out.push(
          problem(
            this.id,
            REQUESTS,
            `${at}.host`,
            `${JSON.stringify(s.host)} must be a host name only (no https://, path, port, slash or IP), or an iparam`,
          ),
        );
      }
      if (typeof s.path !== 'string' || !s.path.startsWith('/')) {
        out.push(problem(this.id, REQUESTS, `${at}.path`, 'must start with "/"'));
      }
      for (const key of ['headers', 'query']) {
        const v = s[key];
        if (v !== undefined && (!isRecord(v) || Object.values(v).some((x) => typeof x !== 'string'))) {
          out.push(problem(this.id, REQUESTS, `${at}.${key}`, 'must be an object of string values'));
        }
      }
      const o = isRecord(template.options) ? template.options : {};
      const attempts = o.maxAttempts;
      if (
        attempts !== undefined &&
        !(Number.isInteger(attempts) && (attempts as number) >= 1 && (attempts as number) <= 5)
      ) {
        out.push(problem(this.id, REQUESTS, `${name}.options.maxAttempts`, 'must be a whole number from 1 to 5'));
      }
      const delay = o.retryDelay;
      if (delay !== undefined && !(typeof delay === 'number' && delay % 100 === 0 && delay > 0 && delay <= 1500)) {
        out.push(
          problem(this.id, REQUESTS, `${name}.options.retryDelay`, 'must be a multiple of 100 ms, at most 1500'),
        );
      }
    }
    return out;
  },
};

const secureIparams: Rule = {
  id: 'freshdesk/secure-iparams',
  source: 'freshdesk.md §1.3–§1.4: secure iparams are substituted only into request headers; iparams must exist',
  check(app) {
    const declared = iparams(app);
    const hasHtml = app.files.has('config/iparams.html');
    const out: Problem[] = [];
    for (const [name, template] of Object.entries(templates(app))) {
      for (const { path, text } of strings(template, name)) {
        for (const [, expression] of text.matchAll(PLACEHOLDER)) {
          const iparam = /iparam\.([\w-]+)/.exec(expression ?? '')?.[1];
          if (iparam === undefined) continue;
          const p = declared[iparam];
          if (p === undefined) {
            if (!hasHtml)
              out.push(problem(this.id, REQUESTS, path, `uses iparam.${iparam}, which ${IPARAMS} does not declare`));
          } else if (p.secure === true && !path.startsWith(`${name}.schema.headers.`)) {
            out.push(
              problem(this.id, REQUESTS, path, `uses the secure iparam.${iparam}; secure iparams go in headers only`),
            );
          }
        }
      }
    }
    return out;
  },
};

const templateDeclarations: Rule = {
  id: 'freshdesk/template-declarations',
  source: 'freshdesk.md §1.7: every template in requests.json is declared in the manifest, and the reverse',
  check(app) {
    const declared = new Set(
      Object.values(modules(app)).flatMap((body) =>
        isRecord(body) && isRecord(body.requests) ? Object.keys(body.requests) : [],
      ),
    );
    const defined = new Set(Object.keys(templates(app)));
    return [
      ...[...declared]
        .filter((n) => !defined.has(n))
        .map((n) =>
          problem(this.id, MANIFEST, `modules.*.requests.${n}`, `is declared but ${REQUESTS} has no "${n}"; add it`),
        ),
      ...[...defined]
        .filter((n) => !declared.has(n))
        .map((n) =>
          problem(this.id, REQUESTS, n, 'is not declared in manifest.json; add it to modules.common.requests'),
        ),
    ];
  },
};

const appScripts: Rule = {
  id: 'freshdesk/app-scripts',
  source: 'freshdesk.md §1.5, §1.7: the platform injects {{{appclient}}}; no other remote scripts, never unpkg',
  check(app) {
    const out: Problem[] = [];
    for (const [path, bytes] of app.files) {
      if (!path.startsWith('app/') || !/\.(html|js|css)$/.test(path)) continue;
      const text = bytes.toString('utf8');
      if (/unpkg\.com/i.test(text))
        out.push(problem(this.id, path, '', 'loads from unpkg, which the FDK lint rejects; bundle it'));
      if (!path.endsWith('.html')) continue;
      for (const [, src] of text.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']*)["']/gi)) {
        if (src !== APP_CLIENT && (/^([a-z]+:)?\/\//i.test(src ?? '') || src === '')) {
          out.push(
            problem(
              this.id,
              path,
              `<script src="${src}">`,
              'is a remote script; ship it in app/ or use {{{appclient}}}',
            ),
          );
        }
      }
      if (!text.includes(APP_CLIENT)) {
        out.push(problem(this.id, path, '', `does not load ${APP_CLIENT}; add <script src="${APP_CLIENT}"></script>`));
      }
    }
    return out;
  },
};

const packageFiles: Rule = {
  id: 'freshdesk/package-files',
  source: 'freshdesk.md §1.5: manifest.json, config/, app/, server/ (and README.md); no symlinks',
  check(app) {
    const tops = new Set([...app.files.keys(), ...app.symlinks].map((p) => p.split('/')[0]!));
    return [
      ...[...tops]
        .filter((top) => !TOP_LEVEL.includes(top))
        .map((top) =>
          problem(this.id, top, '', `is not expected at the app root (${TOP_LEVEL.join(', ')}); remove it`),
        ),
      ...app.symlinks.map((link) => problem(this.id, link, '', 'is a symbolic link; copy the file instead')),
    ];
  },
};

export const FRESHDESK_RULES: Rule[] = [
  jsonFiles,
  platformVersion,
  engines,
  moduleShape,
  locationFiles,
  iconSize,
  iparamTypes,
  requestTemplates,
  secureIparams,
  templateDeclarations,
  appScripts,
  packageFiles,
];
