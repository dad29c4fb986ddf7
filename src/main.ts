import { runMain } from './action/mainImpl.js';

await runMain();
