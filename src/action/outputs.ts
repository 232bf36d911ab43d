import * as core from '@actions/core';
import type { BuildReport } from './report.js';

/** Sets every output of action.yml from the report. */
export function setOutputs(report: BuildReport): void {
  const { enclave } = report;
  core.setOutput('pcr0', enclave.pcrs.PCR0);
  core.setOutput('pcr1', enclave.pcrs.PCR1);
  core.setOutput('pcr2', enclave.pcrs.PCR2);
  core.setOutput('pcr8', enclave.pcrs.PCR8 ?? '');
  core.setOutput('os-image-hash', enclave.osImageHash);
  core.setOutput('eif-path', enclave.eifPath);
  core.setOutput('eif-sha256', enclave.eifSha256);
  core.setOutput('image-digest', report.imageDigest);
  core.setOutput('measurements', JSON.stringify(enclave.measurements));
  core.setOutput('measurements-path', enclave.measurementsPath);
  core.setOutput('manifest-path', enclave.manifestPath);
  core.setOutput('provenance-path', report.provenancePath ?? '');
  core.setOutput('reproducible', report.reproducible === true ? 'true' : 'false');
}
