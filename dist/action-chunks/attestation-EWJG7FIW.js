import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  checkCborShape,
  decode,
  encode,
  osImageHashOfRaw,
  toHex
} from "./chunk-FWDVUAL5.js";
import {
  FormatError,
  UserError,
  VerificationError,
  readRegularFile
} from "./chunk-TDLY2UVL.js";
import "./chunk-KLP3XVX2.js";

// src/trust/attestation/verify.ts
import { createHash } from "node:crypto";

// src/trust/attestation/chain.ts
import { X509Certificate } from "node:crypto";
function verifyCertificateChain(options) {
  const root = parseCertificate(options.rootPem, "root certificate");
  const bundle = options.cabundle.map((der, i) => parseCertificate(der, `cabundle[${i}]`));
  const leaf = parseCertificate(options.leaf, "attestation certificate");
  if (!bundle[0].raw.equals(root.raw)) {
    throw new VerificationError(`attestation cabundle root (${bundle[0].subject.replace(/\n/g, ", ")}) is not the pinned AWS Nitro root`);
  }
  const path = [leaf, ...bundle.slice(1).reverse(), root];
  for (let i = 0; i < path.length; i += 1) {
    const cert = path[i];
    const issuer = path[i + 1] ?? root;
    const name = i === 0 ? "attestation certificate" : i === path.length - 1 ? "root certificate" : `intermediate certificate ${describe(cert)}`;
    if (i > 0 && cert.ca !== true) throw new VerificationError(`${name} is not a CA (basicConstraints cA is false)`);
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) {
      throw new VerificationError(`${name} is not signed by ${i + 1 < path.length ? describe(issuer) : "itself"}`);
    }
    checkValidity(cert, name, options.at, options.timeHint);
  }
  return { leaf, path };
}
function checkValidity(cert, name, at, hint) {
  const from = certificateTime(cert.validFrom);
  const to = certificateTime(cert.validTo);
  if (at.getTime() < from.getTime()) {
    throw new VerificationError(`${name} is not yet valid at ${at.toISOString()} (valid from ${from.toISOString()})${hint}`);
  }
  if (at.getTime() > to.getTime()) {
    throw new VerificationError(`${name} expired at ${to.toISOString()} (checked at ${at.toISOString()})${hint}`);
  }
}
function certificateTime(text) {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new FormatError(`certificate validity time ${JSON.stringify(text)} is not readable`);
  return date;
}
function parseCertificate(data, what) {
  try {
    return new X509Certificate(typeof data === "string" ? data : Buffer.from(data));
  } catch (error) {
    throw new FormatError(`${what} is not a valid X.509 certificate (${error.message})`, { cause: error });
  }
}
function describe(cert) {
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
  return cn === void 0 ? cert.subject.replace(/\n/g, ", ") : `CN=${cn}`;
}

// src/trust/attestation/cose.ts
import { verify } from "node:crypto";
var COSE_SIGN1_TAG_BYTE = 210;
var ES384_PROTECTED = Uint8Array.from([161, 1, 56, 34]);
var ES384_SIGNATURE_BYTES = 96;
var STRICT_CBOR = {
  strict: true,
  useMaps: true,
  rejectDuplicateMapKeys: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false
};
var ATTESTATION_CBOR_LIMITS = { maxDepth: 8, maxItems: 4096 };
function decodeCoseSign1(bytes, what) {
  const body = bytes[0] === COSE_SIGN1_TAG_BYTE ? bytes.subarray(1) : bytes;
  checkCborShape(body, ATTESTATION_CBOR_LIMITS, what);
  let value;
  try {
    value = decode(body, STRICT_CBOR);
  } catch (error) {
    throw new FormatError(`${what}: not a valid CBOR COSE_Sign1 (${error.message})`, { cause: error });
  }
  if (!Array.isArray(value) || value.length !== 4) {
    throw new FormatError(`${what}: COSE_Sign1 must be an array of 4 items`);
  }
  const [protectedHeader, unprotected, payload, signature] = value;
  if (!(protectedHeader instanceof Uint8Array) || !equalBytes(protectedHeader, ES384_PROTECTED)) {
    throw new FormatError(`${what}: COSE protected header must be {1: -35} (ES384)`);
  }
  if (!(unprotected instanceof Map) || unprotected.size !== 0) {
    throw new FormatError(`${what}: COSE unprotected header must be an empty map`);
  }
  if (!(payload instanceof Uint8Array)) throw new FormatError(`${what}: COSE payload must be a byte string`);
  if (!(signature instanceof Uint8Array) || signature.length !== ES384_SIGNATURE_BYTES) {
    throw new FormatError(`${what}: COSE signature must be ${ES384_SIGNATURE_BYTES} bytes (ES384 r||s)`);
  }
  return { protectedHeader, payload, signature };
}
function verifyCoseSign1(cose, key, what) {
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "secp384r1") {
    throw new VerificationError(`${what}: signing key is not an EC P-384 key`);
  }
  const toBeSigned = encode(["Signature1", cose.protectedHeader, new Uint8Array(0), cose.payload]);
  const ok = verify("sha384", toBeSigned, { key, dsaEncoding: "ieee-p1363" }, cose.signature);
  if (!ok) throw new VerificationError(`${what}: COSE signature does not verify with the attestation certificate's key`);
}
function equalBytes(a, b) {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

// src/trust/attestation/document.ts
var MAX_PCR_INDEX = 31;
var MAX_OPTIONAL_BYTES = 1024;
function parseAttestationPayload(payload, what) {
  checkCborShape(payload, ATTESTATION_CBOR_LIMITS, `${what}: payload`);
  let value;
  try {
    value = decode(payload, { ...STRICT_CBOR, allowIndefinite: true });
  } catch (error) {
    throw new FormatError(`${what}: payload is not valid CBOR (${error.message})`, { cause: error });
  }
  if (!(value instanceof Map)) throw new FormatError(`${what}: payload must be a CBOR map`);
  const map = value;
  const known = /* @__PURE__ */ new Set(["module_id", "timestamp", "digest", "pcrs", "certificate", "cabundle", "public_key", "user_data", "nonce"]);
  for (const key of map.keys()) {
    if (typeof key !== "string" || !known.has(key)) throw new FormatError(`${what}: unexpected payload field ${JSON.stringify(key)}`);
  }
  const field = (name) => map.get(name);
  const moduleId = field("module_id");
  if (typeof moduleId !== "string" || moduleId.length === 0) throw new FormatError(`${what}: module_id must be a non-empty text string`);
  const timestamp = field("timestamp");
  if (typeof timestamp !== "number" || !Number.isSafeInteger(timestamp) || timestamp <= 0) {
    throw new FormatError(`${what}: timestamp must be a positive integer (milliseconds)`);
  }
  if (field("digest") !== "SHA384") throw new FormatError(`${what}: digest must be "SHA384", got ${JSON.stringify(field("digest"))}`);
  const certificate = field("certificate");
  if (!(certificate instanceof Uint8Array) || certificate.length === 0) throw new FormatError(`${what}: certificate must be a non-empty byte string`);
  return {
    moduleId,
    timestamp,
    digest: "SHA384",
    pcrs: parsePcrs(field("pcrs"), what),
    certificate,
    cabundle: parseCabundle(field("cabundle"), what),
    ...optionalBytes(map, "public_key", "publicKey", what),
    ...optionalBytes(map, "user_data", "userData", what),
    ...optionalBytes(map, "nonce", "nonce", what)
  };
}
function parsePcrs(value, what) {
  if (!(value instanceof Map) || value.size === 0) throw new FormatError(`${what}: pcrs must be a non-empty map`);
  const pcrs = /* @__PURE__ */ new Map();
  for (const [index, bytes] of value) {
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index > MAX_PCR_INDEX) {
      throw new FormatError(`${what}: pcrs key ${String(index)} is not a register index 0..${MAX_PCR_INDEX}`);
    }
    if (!(bytes instanceof Uint8Array) || bytes.length !== 48) {
      throw new FormatError(`${what}: PCR${index} must be a 48-byte string (SHA384)`);
    }
    pcrs.set(index, bytes);
  }
  for (const index of [0, 1, 2]) {
    if (!pcrs.has(index)) throw new FormatError(`${what}: PCR${index} is missing`);
  }
  return new Map([...pcrs].sort(([a], [b]) => a - b));
}
function parseCabundle(value, what) {
  if (!Array.isArray(value) || value.length === 0) throw new FormatError(`${what}: cabundle must be a non-empty array`);
  return value.map((cert, i) => {
    if (!(cert instanceof Uint8Array) || cert.length === 0) throw new FormatError(`${what}: cabundle[${i}] must be a non-empty byte string`);
    return cert;
  });
}
function optionalBytes(map, name, key, what) {
  const value = map.get(name);
  if (value === void 0 || value === null) return {};
  if (!(value instanceof Uint8Array) || value.length > MAX_OPTIONAL_BYTES) {
    throw new FormatError(`${what}: ${name} must be null or a byte string of at most ${MAX_OPTIONAL_BYTES} bytes`);
  }
  return { [key]: value };
}

// src/trust/attestation/nitro-root.ts
var AWS_NITRO_ROOT_G1_PEM = `-----BEGIN CERTIFICATE-----
MIICETCCAZagAwIBAgIRAPkxdWgbkK/hHUbMtOTn+FYwCgYIKoZIzj0EAwMwSTEL
MAkGA1UEBhMCVVMxDzANBgNVBAoMBkFtYXpvbjEMMAoGA1UECwwDQVdTMRswGQYD
VQQDDBJhd3Mubml0cm8tZW5jbGF2ZXMwHhcNMTkxMDI4MTMyODA1WhcNNDkxMDI4
MTQyODA1WjBJMQswCQYDVQQGEwJVUzEPMA0GA1UECgwGQW1hem9uMQwwCgYDVQQL
DANBV1MxGzAZBgNVBAMMEmF3cy5uaXRyby1lbmNsYXZlczB2MBAGByqGSM49AgEG
BSuBBAAiA2IABPwCVOumCMHzaHDimtqQvkY4MpJzbolL//Zy2YlES1BR5TSksfbb
48C8WBoyt7F2Bw7eEtaaP+ohG2bnUs990d0JX28TcPQXCEPZ3BABIeTPYwEoCWZE
h8l5YoQwTcU/9KNCMEAwDwYDVR0TAQH/BAUwAwEB/zAdBgNVHQ4EFgQUkCW1DdkF
R+eWw5b6cp3PmanfS5YwDgYDVR0PAQH/BAQDAgGGMAoGCCqGSM49BAMDA2kAMGYC
MQCjfy+Rocm9Xue4YnwWmNJVA44fA0P5W2OpYow9OYCVRaEevL8uO1XYru5xtMPW
rfMCMQCi85sWBbJwKKXdS6BptQFuZbT73o/gBh1qUxl/nNr12UO8Yfwr6wPLb+6N
IwLz3/Y=
-----END CERTIFICATE-----
`;

// src/trust/attestation/verify.ts
var MAX_DOCUMENT_BYTES = 64 * 1024;
function verifyAttestation(options) {
  const what = options.name ?? "attestation document";
  if (options.document.length > MAX_DOCUMENT_BYTES) {
    throw new FormatError(`${what}: ${options.document.length} bytes is more than an attestation document can be (${MAX_DOCUMENT_BYTES})`);
  }
  const cose = decodeCoseSign1(options.document, what);
  const doc = parseAttestationPayload(cose.payload, what);
  const at = options.at === "document-time" ? new Date(doc.timestamp) : options.at ?? /* @__PURE__ */ new Date();
  if (Number.isNaN(at.getTime())) throw new UserError("verification time is not a valid date", { code: "usage" });
  const hint = options.at === "document-time" ? "" : "; use --at-document-time to check it at the document's own time";
  const leaf = parseCertificate(doc.certificate, "attestation certificate");
  verifyCoseSign1(cose, leaf.publicKey, what);
  const chain = verifyCertificateChain({
    leaf: doc.certificate,
    cabundle: doc.cabundle,
    rootPem: options.rootCertificatePem ?? AWS_NITRO_ROOT_G1_PEM,
    at,
    timeHint: hint
  });
  refuseDebugMode(doc, what);
  const checked = options.expected ? comparePcrs(doc, options.expected.pcrs, what) : [];
  if (options.nonce !== void 0) compareNonce(doc, options.nonce, what);
  return buildReport(doc, chain.path, checked, at);
}
function refuseDebugMode(doc, what) {
  const zero = [0, 1, 2].every((i) => doc.pcrs.get(i).every((b) => b === 0));
  if (zero) throw new VerificationError(`${what}: PCR0, PCR1 and PCR2 are all zero: a debug-mode enclave, refused`);
}
function comparePcrs(doc, expected, what) {
  const names = ["PCR0", "PCR1", "PCR2", "PCR8"].filter((name) => expected[name] !== void 0);
  for (const name of names) {
    const want = expected[name].toLowerCase().replace(/^0x/, "");
    const got = doc.pcrs.get(Number(name.slice(3)));
    const gotHex = got === void 0 ? "(absent)" : toHex(got);
    if (gotHex !== want) throw new VerificationError(`${what}: ${name} differs: document has ${gotHex}, expected ${want}`);
  }
  return names;
}
function compareNonce(doc, nonce, what) {
  if (doc.nonce === void 0) throw new VerificationError(`${what}: has no nonce, expected ${toHex(nonce)}`);
  if (!equalBytes(doc.nonce, nonce)) {
    throw new VerificationError(`${what}: nonce differs: document has ${toHex(doc.nonce)}, expected ${toHex(nonce)}`);
  }
}
function buildReport(doc, path, checked, at) {
  const leaf = path[0];
  const root = path[path.length - 1];
  const pcrs = {};
  for (const [index, value] of doc.pcrs) pcrs[String(index)] = toHex(value);
  return {
    module_id: doc.moduleId,
    timestamp: new Date(doc.timestamp).toISOString(),
    digest: doc.digest,
    pcrs,
    os_image_hash: osImageHashOfRaw(doc.pcrs.get(0), doc.pcrs.get(1), doc.pcrs.get(2)),
    ...doc.publicKey ? { public_key: toHex(doc.publicKey) } : {},
    ...doc.userData ? { user_data: toHex(doc.userData) } : {},
    ...doc.nonce ? { nonce: toHex(doc.nonce) } : {},
    certificate: {
      subject: leaf.subject.replace(/\n/g, ", "),
      issuer: leaf.issuer.replace(/\n/g, ", "),
      serial_number: leaf.serialNumber.toLowerCase(),
      not_before: certificateTime(leaf.validFrom).toISOString(),
      not_after: certificateTime(leaf.validTo).toISOString()
    },
    chain: { ok: true, length: path.length, root_sha256: createHash("sha256").update(root.raw).digest("hex") },
    pcrs_checked: checked,
    checked_at: at.toISOString()
  };
}

// src/trust/attestation/input.ts
var RAW_FIRST_BYTES = /* @__PURE__ */ new Set([132, 210]);
function attestationDocumentBytes(data) {
  if (data.length === 0 || RAW_FIRST_BYTES.has(data[0])) return data;
  const text = Buffer.from(data).toString("latin1").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return data;
  const decoded = new Uint8Array(Buffer.from(text, text.includes("-") || text.includes("_") ? "base64url" : "base64"));
  return decoded.length > 0 && RAW_FIRST_BYTES.has(decoded[0]) ? decoded : data;
}

// src/action/attestation.ts
async function checkAttestationDocument(path, enclave) {
  const bytes = await readRegularFile(path, { label: `input attestation-document ${path}`, maxBytes: 2 * MAX_DOCUMENT_BYTES });
  const report = verifyAttestation({ document: attestationDocumentBytes(bytes), expected: { pcrs: enclave.pcrs }, at: "document-time", name: path });
  return { moduleId: report.module_id, timestamp: report.timestamp };
}
export {
  checkAttestationDocument
};
