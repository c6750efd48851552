import { benchDecode } from './decode.bench.js';
import { benchPipeline } from './pipeline.bench.js';
import { benchRender } from './render.bench.js';
import { tuneRuntime } from '../src/config/runtime-tuning.js';

tuneRuntime();

/** `npm run bench`: every benchmark, each measured against its baseline in the same run. */
const results: Record<string, unknown> = {};
results.decode = await benchDecode();
results.pipeline = await benchPipeline();
results.render = await benchRender();
console.log(JSON.stringify(results));
