// The registry-side verify action's entry point (verify/action.yml): only starts run().
import { run } from './main.js';

await run();
