import type { Command } from 'commander';
import { listImages } from '../../store/list.js';
import { newCommand } from '../program.js';
import { addStoreFlags, storeFromFlags, type StoreFlags } from './store-flags.js';

interface Options extends StoreFlags {
  json?: boolean;
}

/** `nitro-eif ls`: the images in a store with their source commit and date. */
export function register(program: Command): void {
  program.addCommand(
    addStoreFlags(
      newCommand('ls')
        .description('List the OS_IMAGE_HASHes in a store with their source commit and build date')
        .option('--json', 'print JSON instead of a table'),
    ).action(async (options: Options) => {
      const images = await listImages(storeFromFlags(options));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(images, null, 2)}\n`);
        return;
      }
      const rows = images.map((i) => `${i.osImageHash}  ${(i.commit ?? '-').slice(0, 12).padEnd(12)}  ${i.date ?? '-'}${i.complete ? '' : '  (incomplete)'}`);
      process.stdout.write(['OS_IMAGE_HASH'.padEnd(66) + '  COMMIT        DATE', ...rows].join('\n') + '\n');
    }),
  );
}
