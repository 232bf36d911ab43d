import * as core from '@actions/core';
import { register, type RegisterOptions, type RegisterResult } from '../governance/index.js';
import { openStore, pushArtifacts, type PushResult } from '../store/index.js';
import type { ActionInputs } from './inputs.js';
import type { BuildReport } from './report.js';

// Publishing a build that passed its checks: the artifact set into the content-addressed store (keyed by
// OS_IMAGE_HASH), then the registration pull request that asks the KMS owners to allow that hash.

/** Pushes the EIF, measurements, manifest and provenance; S3 settings come from the AWS environment. */
export async function pushToStore(uri: string, report: BuildReport): Promise<PushResult> {
  const endpoint = process.env['AWS_ENDPOINT_URL_S3'] || process.env['AWS_ENDPOINT_URL'] || undefined;
  const store = openStore(uri, { cwd: process.cwd(), endpoint, forcePathStyle: endpoint !== undefined, region: process.env['AWS_REGION'] || undefined });
  const result = await pushArtifacts({
    store, eifPath: report.enclave.eifPath, measurementsPath: report.enclave.measurementsPath, manifestPath: report.enclave.manifestPath,
    provenancePath: report.provenancePath,
  });
  core.info(`Stored ${result.objects.length} object(s) at ${result.storeUri}${result.created ? '' : ' (already there)'}`);
  return result;
}

/** Opens or updates the registration pull request in the registry repository. */
export async function openRegistration(registration: NonNullable<ActionInputs['registration']>, report: BuildReport, pushed?: PushResult): Promise<RegisterResult> {
  const env = process.env;
  const server = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
  const source = env['GITHUB_REPOSITORY'] ? `${server}/${env['GITHUB_REPOSITORY']}` : undefined;
  const result = await register({
    ...registration,
    osImageHash: report.enclave.osImageHash,
    pcrs: report.enclave.pcrs,
    createdAt: report.sourceDateEpoch * 1000,
    gitUrl: `${server}/${registration.registryRepository}.git`,
    apiUrl: env['GITHUB_API_URL'] || undefined,
    evidence: {
      sourceRepository: source,
      sourceCommit: /^[0-9a-f]{40}$/.test(env['GITHUB_SHA'] ?? '') ? env['GITHUB_SHA'] : undefined,
      buildUrl: source && env['GITHUB_RUN_ID'] ? `${source}/actions/runs/${env['GITHUB_RUN_ID']}` : undefined,
      eifUri: pushed?.eifUri,
      storeUri: pushed?.storeUri,
    },
    buildFacts: buildFacts(report, pushed, source),
  });
  for (const warning of result.warnings) core.warning(warning);
  core.info(result.alreadyRegistered ? `${result.osImageHash} is already allowed in ${result.file}` : `Registration pull request ${result.operation}: ${result.pullRequestUrl ?? ''}`);
  return result;
}

/** What the registry's verify action needs: the store holding the image and provenance, and the source. */
function buildFacts(report: BuildReport, pushed: PushResult | undefined, repository: string | undefined): RegisterOptions['buildFacts'] {
  const env = process.env;
  const commit = /^[0-9a-f]{40}$/.test(env['GITHUB_SHA'] ?? '') ? env['GITHUB_SHA'] : undefined;
  if (!pushed || !commit) return undefined;
  const hash = report.enclave.osImageHash.slice(2);
  const store = pushed.storeUri.endsWith(`/${hash}`) ? pushed.storeUri.slice(0, -hash.length - 1) : pushed.storeUri;
  const provenance = pushed.objects.find((o) => o.kind === 'provenance');
  return {
    store, eif_uri: pushed.eifUri, ...(provenance ? { provenance_uri: provenance.uri } : {}),
    source: { repository, commit, ...(env['GITHUB_REF'] ? { ref: env['GITHUB_REF'] } : {}) },
    ...(repository && env['GITHUB_RUN_ID'] ? { build_url: `${repository}/actions/runs/${env['GITHUB_RUN_ID']}` } : {}),
  };
}
