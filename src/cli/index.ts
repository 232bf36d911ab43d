// The `nitro-eif` command. All work happens in cli/main.ts; this file only starts it.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
