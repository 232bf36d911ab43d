import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  checkCborShape,
  decode,
  encode,
  oidText,
  osImageHashOfRaw,
  toHex
} from "./chunk-ITBBOJIE.js";
import {
  FormatError,
  UserError,
  VerificationError,
  errorMessage,
  readRegularFile
} from "./chunk-RTQBJXC4.js";
import "./chunk-KLP3XVX2.js";

// src/trust/attestation/verify.ts
import { createHash } from "node:crypto";

// src/trust/attestation/chain.ts
import { X509Certificate } from "node:crypto";

// src/trust/attestation/extensions.ts
var KEY_USAGE = { digitalSignature: 0, keyCertSign: 5 };
var OID = {
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15"
};
function tlv(der, at, limit, what) {
  const fail = () => {
    throw new FormatError(`${what}: malformed DER at byte ${at}`);
  };
  if (at + 2 > limit) fail();
  const tag = der[at];
  let length = der[at + 1];
  let start = at + 2;
  if (length & 128) {
    const count = length & 127;
    if (count === 0 || count > 4 || start + count > limit) fail();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i];
    start += count;
  }
  if (start + length > limit) fail();
  return { tag, start, end: start + length };
}
function children(der, parent, what) {
  const out = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = tlv(der, at, parent.end, what);
    out.push(child);
    at = child.end;
  }
  return out;
}
var SEQUENCE = 48;
var BOOLEAN = 1;
var INTEGER = 2;
var BIT_STRING = 3;
var OCTET_STRING = 4;
var EXTENSIONS_TAG = 163;
function certificateExtensions(der, what) {
  const certificate = tlv(der, 0, der.length, what);
  const tbs = children(der, certificate, what)[0];
  if (certificate.tag !== SEQUENCE || tbs?.tag !== SEQUENCE) throw new FormatError(`${what}: not an X.509 certificate`);
  const wrapper = children(der, tbs, what).find((field) => field.tag === EXTENSIONS_TAG);
  let ca = false;
  let pathLength;
  let keyUsage;
  const critical = [];
  const list = wrapper ? children(der, wrapper, what)[0] : void 0;
  for (const extension of list ? children(der, list, what) : []) {
    const [id, second, third] = children(der, extension, what);
    const value = third ?? second;
    if (id === void 0 || value?.tag !== OCTET_STRING) throw new FormatError(`${what}: malformed extension`);
    const oid = oidText(der.subarray(id.start, id.end));
    if (third !== void 0 && second?.tag === BOOLEAN && der[second.start] !== 0) critical.push(oid);
    if (oid === OID.basicConstraints) {
      const sequence = tlv(der, value.start, value.end, what);
      for (const member of children(der, sequence, what)) {
        if (member.tag === BOOLEAN) ca = der[member.start] !== 0;
        else if (member.tag === INTEGER) pathLength = integer(der, member, what);
      }
    } else if (oid === OID.keyUsage) {
      const bits = tlv(der, value.start, value.end, what);
      if (bits.tag !== BIT_STRING || bits.end <= bits.start) throw new FormatError(`${what}: malformed keyUsage`);
      keyUsage = /* @__PURE__ */ new Set();
      for (let byte = bits.start + 1; byte < bits.end; byte++) {
        for (let bit = 0; bit < 8; bit++) if (der[byte] & 128 >> bit) keyUsage.add((byte - bits.start - 1) * 8 + bit);
      }
    }
  }
  return { ca, ...pathLength === void 0 ? {} : { pathLength }, ...keyUsage ? { keyUsage } : {}, critical };
}
function integer(der, value, what) {
  if (value.end - value.start > 4 || value.end === value.start || der[value.start] & 128) {
    throw new FormatError(`${what}: basicConstraints pathLenConstraint is not a small non-negative integer`);
  }
  let n = 0;
  for (let i = value.start; i < value.end; i++) n = n * 256 + der[i];
  return n;
}

// src/trust/attestation/chain.ts
function verifyCertificateChain(options) {
  const root = parseCertificate(options.rootPem, "root certificate");
  const bundle = options.cabundle.map((der, i) => parseCertificate(der, `cabundle[${i}]`));
  const leaf = parseCertificate(options.leaf, "attestation certificate");
  if (!bundle[0].raw.equals(root.raw)) {
    throw new VerificationError(`attestation cabundle root (${bundle[0].subject.replace(/\n/g, ", ")}) is not the pinned AWS Nitro root`);
  }
  const path = [leaf, ...bundle.slice(1).reverse(), root];
  const names = path.map((cert, i) => i === 0 ? "attestation certificate" : i === path.length - 1 ? "root certificate" : `intermediate certificate ${describe(cert)}`);
  path.forEach((cert, i) => {
    if (i > 0 && cert.ca !== true) throw new VerificationError(`${names[i]} is not a CA (basicConstraints cA is false)`);
    checkExtensions(cert, i, names[i]);
  });
  path.forEach((cert, i) => {
    const issuer = path[i + 1] ?? root;
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) {
      throw new VerificationError(`${names[i]} is not signed by ${i + 1 < path.length ? describe(issuer) : "itself"}`);
    }
    checkValidity(cert, names[i], options.at, options.timeHint);
  });
  return { leaf, path };
}
var CHECKED_CRITICAL = /* @__PURE__ */ new Set([OID.basicConstraints, OID.keyUsage]);
function checkExtensions(cert, index, name) {
  const ext = certificateExtensions(cert.raw, name);
  const unknown = ext.critical.find((oid) => !CHECKED_CRITICAL.has(oid));
  if (unknown !== void 0) throw new VerificationError(`${name} has an unsupported critical extension ${unknown}`);
  if (index === 0) {
    if (ext.ca || ext.pathLength !== void 0) throw new VerificationError(`${name} is a CA certificate, not an end entity (basicConstraints)`);
    if (!ext.keyUsage?.has(KEY_USAGE.digitalSignature)) throw new VerificationError(`${name} lacks the digitalSignature key usage`);
    return;
  }
  if (!ext.keyUsage?.has(KEY_USAGE.keyCertSign)) throw new VerificationError(`${name} lacks the keyCertSign key usage`);
  if (ext.pathLength !== void 0 && index - 1 > ext.pathLength) {
    throw new VerificationError(`${name} allows ${ext.pathLength} CA certificate(s) below it (pathLenConstraint), the path has ${index - 1}`);
  }
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
var MAX_CERTIFICATE_BYTES = 1024;
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
  if (!isCertificateBytes(certificate)) throw new FormatError(`${what}: certificate must be a byte string of 1 to ${MAX_CERTIFICATE_BYTES} bytes`);
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
    if (!isCertificateBytes(cert)) throw new FormatError(`${what}: cabundle[${i}] must be a byte string of 1 to ${MAX_CERTIFICATE_BYTES} bytes`);
    return cert;
  });
}
function isCertificateBytes(value) {
  return value instanceof Uint8Array && value.length > 0 && value.length <= MAX_CERTIFICATE_BYTES;
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
  const chain = naming(what, () => {
    const leaf = parseCertificate(doc.certificate, "attestation certificate");
    verifyCoseSign1(cose, publicKeyOf(leaf, "attestation certificate"), what);
    return verifyCertificateChain({
      leaf: doc.certificate,
      cabundle: doc.cabundle,
      rootPem: options.rootCertificatePem ?? AWS_NITRO_ROOT_G1_PEM,
      at,
      timeHint: hint
    });
  });
  refuseDebugMode(doc, what);
  const checked = options.expected ? comparePcrs(doc, options.expected.pcrs, what) : [];
  if (options.nonce !== void 0) compareNonce(doc, options.nonce, what);
  return buildReport(doc, chain.path, checked, at);
}
function naming(what, check) {
  try {
    return check();
  } catch (error) {
    const message = errorMessage(error);
    const line = message.startsWith(`${what}: `) ? message : `${what}: ${message}`;
    if (error instanceof VerificationError) throw new VerificationError(line, { cause: error });
    if (error instanceof UserError) throw new FormatError(line, { cause: error });
    throw new FormatError(`${what}: a certificate cannot be used (${message})`, { cause: error });
  }
}
function publicKeyOf(cert, name) {
  try {
    return cert.publicKey;
  } catch (error) {
    throw new FormatError(`${name}: its public key cannot be read (${errorMessage(error)})`, { cause: error });
  }
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
