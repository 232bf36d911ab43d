import type { Command } from 'commander';
import { pushArtifacts } from '../../store/push.js';
import { newCommand } from '../program.js';
import { addStoreFlags, progressPrinter, storeFromFlags, type StoreFlags } from './store-flags.js';

interface Options extends StoreFlags {
  eifPath: string;
  measurements: string;
  manifest?: string;
  provenance?: string;
}

/** `nitro-eif push`: put an EIF and its measurements, manifest and provenance into a store. */
export function register(program: Command): void {
  program.addCommand(
    addStoreFlags(
      newCommand('push')
        .description('Store an EIF with its measurements (and manifest, provenance) under its OS_IMAGE_HASH; write-once')
        .requiredOption('--eif-path <file>', 'the EIF; its OS_IMAGE_HASH is computed from its own PCRs')
        .requiredOption('--measurements <file>', 'measurements JSON; must match the EIF')
        .option('--manifest <file>', 'build manifest JSON')
        .option('--provenance <file>', 'provenance Sigstore bundle'),
      true,
    ).action(async (options: Options) => {
      const result = await pushArtifacts({
        store: await storeFromFlags(options),
        eifPath: options.eifPath,
        measurementsPath: options.measurements,
        manifestPath: options.manifest,
        provenancePath: options.provenance,
        onProgress: progressPrinter(),
      });
      const objects = result.objects.map(({ kind, uri, sha256, size, created }) => ({ kind, uri, sha256, size, created }));
      process.stdout.write(`${JSON.stringify({ os_image_hash: result.osImageHash, store_uri: result.storeUri, eif_uri: result.eifUri, created: result.created, objects }, null, 2)}\n`);
    }),
  );
}
