import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  artifactKey,
  normalizeOsImageHash
} from "./chunk-LC3DOZBK.js";
import {
  verifyEif
} from "./chunk-7PY46QS6.js";
import "./chunk-IBV7F43F.js";
import "./chunk-43CAL76Y.js";
import "./chunk-PHGBXZBU.js";
import {
  makeTempDir,
  removeTempDir
} from "./chunk-SWIKUEPG.js";
import {
  UserError,
  VerificationError
} from "./chunk-AUQNJYMJ.js";
import "./chunk-LWSQTYNC.js";

// src/store/pull.ts
import { createWriteStream } from "node:fs";
import { rename } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
async function download(store, hash, kind, path) {
  await pipeline(await store.get(artifactKey(hash, kind)), createWriteStream(path, { flags: "wx" }));
  return path;
}
async function pullArtifact(options) {
  const hash = normalizeOsImageHash(options.osImageHash);
  const output = resolve(options.outputFile);
  const temp = await makeTempDir(dirname(output), `.${basename(output)}.pull-`).catch((error) => {
    throw new UserError(`--output-file ${options.outputFile}: cannot write beside it: ${error.message}`, { code: "input", cause: error });
  });
  try {
    const eifPath = await download(options.store, hash, "eif", join(temp, "enclave.eif"));
    const measurementsPath = await download(options.store, hash, "measurements", join(temp, "measurements.json"));
    const provenance = options.trust ? { path: await download(options.store, hash, "provenance", join(temp, "provenance.sigstore.json")), trust: options.trust } : void 0;
    const report = await verifyEif({ eifPath, measurementsPath, ...provenance ? { provenance } : {} });
    if (report.os_image_hash !== `0x${hash}`) {
      throw new VerificationError(`${options.store.uriOf(artifactKey(hash, "eif"))}: its PCRs give OS_IMAGE_HASH ${report.os_image_hash}, not the requested 0x${hash}`);
    }
    await rename(eifPath, output);
    return { osImageHash: `0x${hash}`, outputFile: output, eifUri: options.store.uriOf(artifactKey(hash, "eif")), report: { ...report, eif: { ...report.eif, path: output } } };
  } finally {
    await removeTempDir(temp);
  }
}
export {
  pullArtifact
};
