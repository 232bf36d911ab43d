import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);

// src/governance/outputs.ts
function registerOutputs(result) {
  return {
    "pull-request-number": result.pullRequestNumber === void 0 ? "" : String(result.pullRequestNumber),
    "pull-request-url": result.pullRequestUrl ?? "",
    "pull-request-operation": result.operation
  };
}

// src/store/outputs.ts
function pushOutputs(result) {
  return { "eif-uri": result.eifUri, "store-uri": result.storeUri };
}

export {
  registerOutputs,
  pushOutputs
};
