// The GitHub Action entry point: only starts run().
import { run } from './main.js';

await run();
