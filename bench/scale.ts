/** A count such as 10k, 1.5m or 2000 (k and m suffixes), for the benchmarks' command lines. */
export function parseScale(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`'${text}' is not a size such as 10k or 1m`);
  const factor = { "": 1, k: 1_000, m: 1_000_000 }[(match[2] ?? "").toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * factor);
}
