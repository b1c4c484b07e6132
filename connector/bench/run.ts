/** Runs the connector's benchmarks and prints each one's figures and its ratio to its bound. */
import { benchHelp, benchServeStart, benchTenantList } from './cli-start.bench.js';
import { benchIngest } from './ingest.bench.js';
import { benchKpiCli } from './kpi-cli.bench.js';

let failed = 0;
for (const bench of [benchHelp, benchTenantList, benchServeStart, benchKpiCli, benchIngest]) {
  const result = await bench();
  console.log(
    `${result.pass ? 'ok  ' : 'MISS'} ${result.name}: ${result.ratio.toFixed(2)}x the bound (${result.bound})`,
  );
  for (const [name, value] of Object.entries(result.figures)) console.log(`       ${name} = ${value}`);
  if (!result.pass) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
