// CRC-32 (zlib's reflected polynomial 0xEDB88320) of a concatenation from the CRCs of its parts.
// A CRC is linear over GF(2): crc(A ‖ B) = crc(A) · x^(8·|B|) mod P  ⊕  crc(B). Multiplying by
// x^(8n) is applying a 32×32 GF(2) matrix (the "append n zero bytes" operator) to crc(A); here
// that operator is represented by the polynomial x^(8n) mod P, built from the squares x^(2^k)
// mod P for the set bits of 8n, so one combine costs at most ~56 polynomial products, not a
// matrix squaring per bit of n.

/** Reflected: bit 31 holds the coefficient of x^0, bit 0 that of x^31. */
const POLY = 0xedb88320;
const X0 = 0x80000000;

/** a · b mod P, both reflected polynomials of degree < 32. */
function multiplyModP(a: number, b: number): number {
  let product = 0;
  let bb = b >>> 0;
  for (let m = X0; m !== 0; m >>>= 1) {
    if ((a & m) !== 0) product ^= bb;
    bb = bb & 1 ? (bb >>> 1) ^ POLY : bb >>> 1;
  }
  return product >>> 0;
}

/** X2K[k] = x^(2^k) mod P, for every power a byte length (< 2^53) times 8 can need. */
const X2K: number[] = [X0 >>> 1];
for (let k = 1; k < 64; k++) X2K.push(multiplyModP(X2K[k - 1]!, X2K[k - 1]!));

/** x^(8·bytes) mod P: the operator that appends `bytes` zero bytes to a CRC register. */
function shiftOperator(bytes: number): number {
  let operator = X0;
  let k = 3; // 8 · 2^j = 2^(j+3)
  for (let n = bytes; n > 0; n = Math.floor(n / 2), k++) {
    if (n % 2 === 1) operator = multiplyModP(X2K[k]!, operator);
  }
  return operator;
}

/**
 * CRC-32 of A ‖ B from `crcA` = crc(A), `crcB` = crc(B) and `lengthB` = |B| in bytes (what zlib's
 * crc32_combine computes). `lengthB` must be a non-negative safe integer.
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (!Number.isSafeInteger(lengthB) || lengthB < 0) throw new RangeError(`crc32Combine: invalid length ${lengthB}`);
  if (lengthB === 0) return crcA >>> 0;
  return (multiplyModP(shiftOperator(lengthB), crcA >>> 0) ^ crcB) >>> 0;
}
