import { EVALUATE_USAGE, runEvaluateCommand } from './evaluate-command';
import { runCli } from './run-cli';

await runCli((argv) => runEvaluateCommand(argv), EVALUATE_USAGE);
