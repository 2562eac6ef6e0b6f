/**
 * Benchmarks print one `name: value` line per result so runs can be diffed and parsed with a regex.
 * Numbers get a fixed number of decimals; text (a reason, a build fact) is flattened to one line.
 */
export function formatResult(name: string, value: number | string, decimals = 2): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`result name must be kebab-case: "${name}"`);
  const text = typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(decimals) : String(value)) : value.replace(/\s+/g, ' ').trim();
  return `${name}: ${text}`;
}

export function printResult(name: string, value: number | string, decimals = 2): void {
  process.stdout.write(`${formatResult(name, value, decimals)}\n`);
}
