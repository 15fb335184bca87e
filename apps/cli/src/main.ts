import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { demoCommand, DEMO_DEFAULTS } from './commands/demo';
import { phantomCommand } from './commands/phantom';
import { riskCommand } from './commands/risk';
import { scoreCommand } from './commands/score';
import { serveCommand } from './commands/serve';
import { sweepCommand } from './commands/sweep';
import { listSweepsCommand, signalSweepCommand, watchSweepCommand } from './commands/sweeps';
import { UsageError } from './commands/usage-error';
import { stopLocalStack } from '@cacscreen/local-stack';

const integer = (name: string, min: number) => (raw: string) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
  return value;
};

const program = new Command('cacscreen')
  .description('Coronary artery calcium screening of archived chest CT')
  .exitOverride()
  .configureOutput({ outputError: (message, write) => write(message) });

program
  .command('score <dir>')
  .description('score one study folder (no services needed)')
  .option('--json', 'print the result as one JSON object')
  .option('--roi <file>', 'phantom QA: score all calcium inside the regions in this JSON file (no labeller)')
  .option('--overlay <file.png>', 'also write a picture of where the heart was found and what was labelled')
  .option('--labeller <name>', 'calcium labeller: anatomy | cnn | baseline (default: CACSCREEN_LABELLER, else anatomy)')
  .action((dir: string, options) => scoreCommand(dir, options));

program
  .command('risk')
  .description('read one patient as JSON on stdin and print the risk estimates and tier')
  .option('--json', 'print JSON (the only format)', true)
  .action(() => riskCommand());

program
  .command('phantom <outdir>')
  .description('write a synthetic archive of chest CT studies with ground truth')
  .option('--studies <n>', 'number of studies', integer('--studies', 1), 20)
  .option('--seed <n>', 'random seed', integer('--seed', 0), 1)
  .action((outdir: string, options) => phantomCommand(outdir, options));

program
  .command('sweep <dir-or-url>')
  .description(
    'sweep a folder archive or DICOMweb URL through Temporal (local services unless DATABASE_URL/TEMPORAL_ADDRESS are set)',
  )
  .option('--max-in-flight <n>', 'studies screened at once', integer('--max-in-flight', 1), 8)
  .option('--workers <where>', 'local (run workers in this process) or remote (workers already running)', 'local')
  .option('--watch', 'show a live progress bar until the sweep ends (default)', true)
  .option('--no-watch', 'with --workers remote: start the sweep and return')
  .action((dir: string, options) => sweepCommand(dir, options));

const sweeps = program
  .command('sweeps')
  .description('list, watch and steer sweeps (their state lives in Temporal and PostgreSQL)');
sweeps
  .command('list')
  .description('recent sweeps')
  .action(() => listSweepsCommand());
sweeps
  .command('watch <id>')
  .description('show a live progress bar until the sweep ends')
  .action((id: string) => watchSweepCommand(id));
for (const name of ['pause', 'resume', 'cancel'] as const) {
  sweeps
    .command(`${name} <id>`)
    .description(`${name} a running sweep`)
    .action((id: string) => signalSweepCommand(name, id));
}

program
  .command('demo')
  .description('run the main job on a synthetic archive with local PostgreSQL and Temporal')
  .option('--studies <n>', 'studies in the synthetic archive', integer('--studies', 1), DEMO_DEFAULTS.studies)
  .option('--seed <n>', 'random seed of the archive', integer('--seed', 0), DEMO_DEFAULTS.seed)
  .option(
    '--serve',
    'keep the API and workers running afterwards (default on a terminal)',
    Boolean(process.stdout.isTTY),
  )
  .option('--no-serve', 'exit when the sweep is done')
  .option('--port <n>', 'API port', integer('--port', 1), DEMO_DEFAULTS.port)
  .action((options) => demoCommand(options));

program
  .command('serve')
  .description('run the API and both workers until Ctrl+C')
  .option('--port <n>', 'API port', integer('--port', 1), DEMO_DEFAULTS.port)
  .action((options) => serveCommand(options));

program
  .command('stop')
  .description('stop the background PostgreSQL and Temporal started by demo/serve/sweep (data is kept)')
  .action(() => {
    const stopped = stopLocalStack('demo');
    console.log(stopped.length ? `Stopped: ${stopped.join(', ')}` : 'Nothing was running.');
  });

async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      console.error(`cacscreen: ${error.message}`);
      return 2;
    }
    console.error(`cacscreen: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

void main(process.argv).then((code) => {
  // Pipes and files are written synchronously on Linux, so exiting here loses no output; it also ends any
  // connection a library keeps open after the command is done.
  process.exit(code);
});
