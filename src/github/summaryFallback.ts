/**
 * Where a PR comment goes when the token may not write one: the job summary (shown on the run's
 * page, where a fork PR's author and reviewers can read it) plus a notice that points there.
 */
import * as core from '@actions/core';
import { log } from '../log/workflowLog.js';

import type { CommentFallback } from './prComment.js';

export const jobSummaryFallback: CommentFallback = {
  notice(message: string): void {
    log.notice(message, { title: 'Dockerfile comment moved to the job summary' });
  },
  async appendSummary(markdown: string): Promise<void> {
    // Outside a runner (act, a local run) there is no summary file: the log gets the text.
    if (!process.env['GITHUB_STEP_SUMMARY']) return void log.info(markdown);
    await core.summary.addRaw(markdown, true).addSeparator().write();
  },
};
