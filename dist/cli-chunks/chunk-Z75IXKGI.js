import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-7UVRZBVQ.js";

// src/store/store-errors.ts
function conflictError(uri, existingSha256, newSha256) {
  return new UserError(
    `store: ${uri} already holds a different object (sha256 ${existingSha256}); refusing to replace it with sha256 ${newSha256}`,
    { code: "conflict" }
  );
}
function checkKey(key) {
  const segments = key.split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".." || s.includes("\\"))) {
    throw new UserError(`store: invalid object key ${JSON.stringify(key)}`, { code: "input" });
  }
}
function errnoText(error) {
  const { code, message } = error;
  if (typeof code === "string" && typeof message === "string" && message.startsWith(`${code}:`)) return message.split(", ")[0];
  return error instanceof Error ? error.message : String(error);
}

export {
  conflictError,
  checkKey,
  errnoText
};
