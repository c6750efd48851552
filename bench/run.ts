import { benchDecode } from './decode.bench.js';

/** `npm run bench`: every benchmark, each measured against its baseline in the same run. */
const results: Record<string, unknown> = {};
results.decode = await benchDecode();
console.log(JSON.stringify(results));
