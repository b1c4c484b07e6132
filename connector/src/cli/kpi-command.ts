import { Option, type Command } from 'commander';
import { computeKpis, isValidTimeZone, type History } from '@frontline/kpi';
import { EXPORT_VENDORS, readExport, type ExportVendor } from '../export/read-export.js';
import type { OpenRuntime } from '../runtime.js';
import type { CliIo } from './cli-io.js';
import { kpiReportJson } from './kpi-report-json.js';
import { parseTimeOption } from './parse-time-option.js';
import { UsageError } from './usage-error.js';

interface KpiOptions {
  readonly vendor?: ExportVendor;
  readonly input?: string;
  readonly tenant?: string;
  readonly from: string;
  readonly to: string;
  readonly tz: string;
  readonly agent?: string;
  readonly now?: string;
}

const MAX_LISTED_AGENTS = 10;

/** Every agent id the history knows: listed agents, assignees and agents on ratings. */
function knownAgentIds(history: History): Set<string> {
  const ids = new Set(history.agents.map((agent) => agent.id));
  for (const ticket of history.tickets) if (ticket.assigneeId !== null) ids.add(ticket.assigneeId);
  for (const rating of history.ratings) if (rating.agentId !== null) ids.add(rating.agentId);
  return ids;
}

function assertKnownAgent(agent: string, history: History): void {
  const known = knownAgentIds(history);
  if (known.has(agent)) return;
  const listed = [...known].slice(0, MAX_LISTED_AGENTS).join(', ');
  const more = known.size > MAX_LISTED_AGENTS ? `, ... (${known.size} in all)` : '';
  throw new UsageError(`--agent ${agent}: no agent with this id in the export; agents: ${listed || 'none'}${more}`);
}

async function runKpi(options: KpiOptions, io: CliIo, openRuntime: OpenRuntime): Promise<void> {
  if (options.tenant === undefined) {
    if (options.vendor === undefined)
      throw new UsageError(`missing --vendor ${EXPORT_VENDORS.join('|')} (or --tenant NAME)`);
    if (options.input === undefined) throw new UsageError('missing --input DIR: the folder of vendor export pages');
  }
  const timeZone = options.tz;
  if (!isValidTimeZone(timeZone)) {
    throw new UsageError(
      `--tz ${JSON.stringify(timeZone)} is not a known time zone: expected an IANA name such as Europe/Berlin or UTC`,
    );
  }
  const from = parseTimeOption('--from', options.from, timeZone);
  const to = parseTimeOption('--to', options.to, timeZone);
  if (to <= from) {
    throw new UsageError(
      `--to ${options.to} is not after --from ${options.from}: the window [from, to) must not be empty`,
    );
  }
  const now = options.now === undefined ? io.now() : parseTimeOption('--now', options.now, timeZone);

  const { history, escalationTags } = await loadHistory(options, openRuntime, io);
  if (options.agent !== undefined) assertKnownAgent(options.agent, history);
  const [report] = computeKpis(history, [{ from, to }], {
    now,
    escalationTags,
    agentIds: options.agent === undefined ? undefined : [options.agent],
  });
  if (report === undefined) throw new Error('computeKpis returned no report for the one window asked for');
  io.stdout(`${JSON.stringify(kpiReportJson(report, { timezone: timeZone, now }), null, 2)}\n`);
}

/** The history to compute from: an export folder, or a connected tenant's store. */
async function loadHistory(
  options: KpiOptions,
  openRuntime: OpenRuntime,
  io: CliIo,
): Promise<{ history: History; escalationTags?: readonly string[] }> {
  if (options.tenant === undefined) {
    // Warnings go to stderr: stdout is the JSON.
    return { history: await readExport(options.vendor!, options.input!, (line) => io.stderr(`${line}\n`)) };
  }
  const runtime = await openRuntime();
  try {
    const tenant = await runtime.store.getTenant(options.tenant);
    if (tenant === null) {
      throw new UsageError(
        `--tenant ${options.tenant}: no such tenant; \`npx frontline tenant list\` shows the connected ones`,
      );
    }
    return { history: await runtime.store.loadHistory(tenant.id), escalationTags: tenant.escalationTags };
  } finally {
    await runtime.close();
  }
}

/**
 * Adds `frontline kpi`: the KPIs of one window computed from a folder of vendor export pages,
 * printed as the JSON of KPIS.md.
 */
export function registerKpiCommand(program: Command, io: CliIo, openRuntime: OpenRuntime): void {
  program
    .command('kpi')
    .description('compute the KPIs of one window from a folder of vendor export pages and print them as JSON')
    .addOption(new Option('--vendor <vendor>', 'the helpdesk the export comes from').choices(EXPORT_VENDORS))
    .option('--input <dir>', 'folder of the vendor export pages (file names in KPIS.md)')
    .addOption(
      new Option('--tenant <name>', 'a connected tenant: compute from its synced store').conflicts(['vendor', 'input']),
    )
    .requiredOption('--from <time>', 'window start, included: ISO time, or YYYY-MM-DD for midnight in --tz')
    .requiredOption('--to <time>', 'window end, excluded: ISO time, or YYYY-MM-DD for midnight in --tz')
    .option('--tz <zone>', 'IANA time zone for bare dates', 'UTC')
    .option('--agent <id>', "only this agent (the vendor's agent id) under agents")
    .option('--now <time>', 'the time of computation, for reproducible results (default: now)')
    .action(async (options: KpiOptions) => runKpi(options, io, openRuntime));
}
