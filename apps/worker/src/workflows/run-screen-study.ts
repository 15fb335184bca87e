import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, executeChild, sleep, workflowInfo } from '@temporalio/workflow';
import { SCREENING_TASK_QUEUE } from '../task-queues';
import { ScreenOutcome, ScreenStudyInput, screenStudyWorkflowId } from './contracts';
import { screenStudy } from './screen-study';

/** How long to wait, and how often, when another sweep is screening the same study at this moment. */
const CONFLICT_WAIT = '20s';
const MAX_CONFLICT_WAITS = 30;

/**
 * Runs one study's screenStudy child. The child ID is the same for every sweep (one screening per study and model
 * version), so when an overlapping sweep is screening this study right now Temporal refuses a second child; we wait
 * and try again, and the new child then finds the stored result and returns at once.
 */
export async function runScreenStudy(input: ScreenStudyInput): Promise<ScreenOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await executeChild(screenStudy, {
        workflowId: screenStudyWorkflowId(
          input.studyInstanceUid,
          input.modelVersion,
          workflowInfo().taskQueue.replace(SCREENING_TASK_QUEUE, ''),
        ),
        args: [input],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError) || attempt >= MAX_CONFLICT_WAITS) throw error;
      await sleep(CONFLICT_WAIT);
    }
  }
}
