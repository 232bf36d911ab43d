// The `nitro-eif` command. All work happens in cli/main.ts; this file only starts it (and owns the
// process: signal handling).
import { cleanUpOnSignals } from '../io/cleanup.js';
import { keepYoungGenerationSmall } from '../io/young-generation.js';
import { main } from './main.js';

keepYoungGenerationSmall();
// Only the real process handles signals (tests call main() inside their own worker process).
cleanUpOnSignals((signal) => process.stderr.write(`nitro-eif: interrupted (${signal}); temporary files removed\n`));

process.exitCode = await main(process.argv.slice(2));
