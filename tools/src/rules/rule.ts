import type { AppFiles } from '../app-files.js';

/** One failed check: which rule, in which file, and a message that says what to do. */
export interface Problem {
  rule: string;
  file: string;
  message: string;
}

/** A check a vendor's validator or Marketplace review applies, ported to run offline. */
export interface Rule {
  id: string;
  /** What the vendor checks and where that fact comes from (reference/*.md section). */
  source: string;
  check(app: AppFiles): Problem[];
}

export function problem(rule: string, file: string, field: string, message: string): Problem {
  return { rule, file, message: field === '' ? `${file}: ${message}` : `${file} ${field}: ${message}` };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed JSON of a file, or undefined when it is missing or not JSON (the json rules report those). */
export function readJson(app: AppFiles, path: string): unknown {
  const bytes = app.files.get(path);
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function readText(app: AppFiles, path: string): string | undefined {
  return app.files.get(path)?.toString('utf8');
}

/** Runs every rule; a rule that throws is a bug in the rule, so it is reported as one, not swallowed. */
export function runRules(rules: Rule[], app: AppFiles): Problem[] {
  return rules.flatMap((rule) => {
    try {
      return rule.check(app);
    } catch (error) {
      return [{ rule: rule.id, file: '', message: `rule ${rule.id} crashed: ${String(error)}; fix the rule` }];
    }
  });
}
