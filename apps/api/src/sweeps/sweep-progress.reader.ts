import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { progressQuery, SweepProgress } from '@cacscreen/worker';
import { TEMPORAL_CLIENT } from '../common/tokens';

/** Live progress of a running sweep, asked of its workflow; null when Temporal is not configured or unreachable. */
@Injectable()
export class SweepProgressReader {
  constructor(@Optional() @Inject(TEMPORAL_CLIENT) private readonly client?: Client) {}

  async read(workflowId: string): Promise<SweepProgress | null> {
    if (!this.client) return null;
    try {
      return await this.client.workflow.getHandle(workflowId).query(progressQuery);
    } catch {
      return null;
    }
  }
}
