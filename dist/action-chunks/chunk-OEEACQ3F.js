import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);

// src/version.ts
var BUILDER_NAME = "nitro-eif-build";
var BUILDER_VERSION = "0.1.0";

export {
  BUILDER_NAME,
  BUILDER_VERSION
};
