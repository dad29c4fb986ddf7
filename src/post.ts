import { runPost } from './action/postImpl.js';

await runPost();
