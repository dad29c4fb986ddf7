import { runPost } from './action/postImpl.js';

await runPost();
// see main.ts: a cache save given up on at its deadline must not hold the job open
setTimeout(() => process.exit(), 5_000).unref();
