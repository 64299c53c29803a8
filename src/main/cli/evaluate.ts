import { EVALUATE_USAGE, runEvaluateCommand } from './evaluate-command';
import { PROJECT_EVALUATE_USAGE, runProjectEvaluation } from './evaluate-project';
import { runCli } from './run-cli';

// --project: the app's own handlers on the sample project; otherwise the model alone on a CVOGL split.
const onProject = process.argv.slice(2).includes('--project');
await runCli(
  (argv) => (onProject ? runProjectEvaluation(argv) : runEvaluateCommand(argv)),
  onProject ? PROJECT_EVALUATE_USAGE : `${EVALUATE_USAGE}\n${PROJECT_EVALUATE_USAGE}`,
);
