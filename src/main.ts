import { runMain } from './action/mainImpl.js';

await runMain();
// A cache service call given up on at its deadline (src/cache) may still hold a socket open,
// which would keep this step alive until the service answers; an unref'd timer lets a
// finished step exit normally and ends one that is only waiting for such a socket.
setTimeout(() => process.exit(), 5_000).unref();
