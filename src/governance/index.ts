// Public API of governance: register() (the registration pull request) and its pure parts.
export { addedOsImages, buildFactsPath, parseBuildFacts, readBuildFacts, renderBuildFacts, BUILD_FACTS_DIR, BUILD_FACTS_SCHEMA, type BuildFacts } from './build-facts.js';
export { register, registrationBranch, type RegisterOptions, type RegisterResult, type PullRequestOperation } from './register.js';
export { checkRegistrableHash, osImageHashOfPcrs, planChange, targetFile, checkAppId, type RegisterMode, type TargetOptions, type PlannedChange } from './plan.js';
export { addOsImage, isRegistered, type AuthConfigChange } from './auth-config.js';
export { buildSafeBatch, batchChecksum, checksumOf, TX_BUILDER_VERSION, type BatchFile, type BatchTransaction, type SafeBatchOptions } from './safe-batch.js';
export { functionSelector, encodeBytes32Call, KMS_ADD_OS_IMAGE, APP_ADD_COMPOSE } from './abi.js';
export { renderPrBody, pullCommand, type RegistrationEvidence, type PrBodyInput } from './pr-body.js';
export { DEFAULT_IDENTITY, type GitIdentity } from './git.js';
export { registerOutputs } from './outputs.js';
