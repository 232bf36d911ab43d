// The GitHub Action entry point: only starts run().
import { keepYoungGenerationSmall } from '../io/young-generation.js';
import { run } from './main.js';

keepYoungGenerationSmall();
await run();
