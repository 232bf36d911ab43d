import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { LocalStore } from '../../store/local-store.js';
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
      const store = await storeFromFlags(options);
      // A mistyped local path would otherwise list nothing and succeed.
      if (store instanceof LocalStore) await requireDirectory(store.root);
      const images = await listImages(store);
      if (options.json) {
        // snake_case, as push, pull and the measurements file print their keys.
        const rows = images.map(({ osImageHash, files, complete, commit, date }) => ({ os_image_hash: osImageHash, files, complete, commit, date }));
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const rows = images.map((i) => `${i.osImageHash}  ${(i.commit ?? '-').slice(0, 12).padEnd(12)}  ${i.date ?? '-'}${i.complete ? '' : '  (incomplete)'}`);
      process.stdout.write(['OS_IMAGE_HASH'.padEnd(66) + '  COMMIT        DATE', ...rows].join('\n') + '\n');
    }),
  );
}

async function requireDirectory(root: string): Promise<void> {
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new UserError(`${root}: store directory not found`);
}
