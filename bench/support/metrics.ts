// One import for benchmarks: the shared timing and `name: value` printing helpers.
export { median, medianSeconds, timeOnce } from './timing.js';
export { printResult as printMetric } from './report.js';
