import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);

// src/errors.ts
var UserError = class extends Error {
  code;
  constructor(message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "UserError";
    this.code = options.code ?? "input";
  }
};
var FormatError = class extends UserError {
  constructor(message, options = {}) {
    super(message, { code: "format", cause: options.cause });
    this.name = "FormatError";
  }
};
var VerificationError = class extends UserError {
  constructor(message, options = {}) {
    super(message, { code: "mismatch", cause: options.cause });
    this.name = "VerificationError";
  }
};
function errorMessage(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}

export {
  UserError,
  FormatError,
  VerificationError,
  errorMessage
};
