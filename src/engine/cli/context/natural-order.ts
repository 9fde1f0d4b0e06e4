/**
 * The order `docker context ls` lists names in: runs of digits compare as numbers (t2 before
 * t10; with equal values, fewer leading zeros first) and before any other character; the rest
 * compares byte by byte.
 */
export function naturalCompare(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  const digit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (digit(x[i]) !== digit(y[j])) return digit(x[i]) ? -1 : 1;
    if (!digit(x[i])) {
      if (x[i] !== y[j]) return x[i]! - y[j]!;
      i++;
      j++;
      continue;
    }
    const [zerosA, numberA] = digitRun(x, i);
    const [zerosB, numberB] = digitRun(y, j);
    if (numberA.length !== numberB.length) return numberA.length - numberB.length;
    if (numberA !== numberB) return numberA < numberB ? -1 : 1;
    if (zerosA !== zerosB) return zerosA - zerosB;
    i += zerosA + numberA.length;
    j += zerosB + numberB.length;
  }
  return x.length - i - (y.length - j);
}

/** The leading zeros of the digits at `start`, and the digits after them. */
function digitRun(bytes: Uint8Array, start: number): [number, string] {
  let zeros = 0;
  while (bytes[start + zeros] === 0x30) zeros++;
  let end = start + zeros;
  while (end < bytes.length && bytes[end]! >= 0x30 && bytes[end]! <= 0x39) end++;
  return [zeros, new TextDecoder().decode(bytes.subarray(start + zeros, end))];
}
