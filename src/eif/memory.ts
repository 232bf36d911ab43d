/**
 * The least enclave memory (MiB) `nitro-cli run-enclave` accepts for an EIF of `eifSize` bytes:
 * 4 × the file size (spec §6), rounded up to a whole MiB. Worth a warning at build time.
 */
export function minimumEnclaveMemoryMiB(eifSize: number): number {
  return Math.ceil((4 * eifSize) / (1 << 20));
}
