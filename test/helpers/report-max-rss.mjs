// Loaded with `node --import` into a child process under test: on exit, writes the process's peak
// resident set size (KiB, getrusage's ru_maxrss) to the file named by $NITRO_TEST_MAX_RSS_FILE.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env['NITRO_TEST_MAX_RSS_FILE'];
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
