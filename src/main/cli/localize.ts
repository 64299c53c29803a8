import { LOCALIZE_USAGE, runLocalizeCommand } from './localize-command';
import { runCli } from './run-cli';

await runCli(runLocalizeCommand, LOCALIZE_USAGE);
