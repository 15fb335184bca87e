import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  Optional,
  ServiceUnavailableException,
} from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { ensureSweep, type Db } from '@cacscreen/db';
import { DicomError, openArchiveSource } from '@cacscreen/dicom';
import {
  cancelSignal,
  labellerVersion,
  pauseSignal,
  resumeSignal,
  sweepArchive,
  sweepInput,
  taskQueues,
} from '@cacscreen/worker';
import { AuditRepository } from '../audit/audit.repository';
import { authorize } from '../auth/authorize';
import type { Actor } from '../common/request-context';
import { API_CONFIG, type ApiConfig } from '../common/api-config';
import { DB, TEMPORAL_CLIENT } from '../common/tokens';
import type { StartSweepRequest, SweepSignalName } from './sweeps.dto';

/** A source that does not exist or does not answer is refused at once, not retried inside a sweep for minutes. */
async function probeSource(source: string): Promise<void> {
  try {
    await openArchiveSource(source).probe();
  } catch (error) {
    if (!(error instanceof DicomError)) throw error;
    throw new BadRequestException(`The archive cannot be swept: ${error.message}`);
  }
}

const SIGNALS = { pause: pauseSignal, resume: resumeSignal, cancel: cancelSignal } as const;
const SWEEP_SIGNAL_LIST = Object.keys(SIGNALS).join(', ');

/** Starts sweeps and steers running ones. The state lives in Temporal and PostgreSQL, never in this process. */
@Injectable()
export class SweepControlService {
  constructor(
    @Inject(DB) private readonly db: Db,
    private readonly audit: AuditRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Optional() @Inject(TEMPORAL_CLIENT) private readonly client?: Client,
  ) {}

  private temporal(): Client {
    if (!this.client)
      throw new ServiceUnavailableException('Temporal is not configured for this API (set TEMPORAL_ADDRESS)');
    return this.client;
  }

  async start(actor: Actor, request: StartSweepRequest): Promise<{ id: string; workflowId: string }> {
    authorize(actor, 'lead');
    const client = this.temporal();
    const modelVersion = labellerVersion();
    const taskQueuePrefix = this.config.taskQueuePrefix ?? '';
    await probeSource(request.source);
    const workflowId = `sweep/${randomUUID()}`;
    // The row first, so the caller gets an ID it can poll at once; the workflow adopts it.
    const sweepId = await ensureSweep(this.db, { workflowId, source: request.source, modelVersion });
    await client.workflow.start(sweepArchive, {
      taskQueue: taskQueues(taskQueuePrefix).screening,
      workflowId,
      args: [{ ...sweepInput({ ...request, modelVersion, taskQueuePrefix }), sweepId }],
    });
    await this.audit.record(actor, {
      action: 'sweep.started',
      entityType: 'Sweep',
      entityId: sweepId,
      after: { ...request, modelVersion },
    });
    return { id: sweepId, workflowId };
  }

  async signal(actor: Actor, sweepId: string, name: SweepSignalName): Promise<{ id: string; signal: SweepSignalName }> {
    authorize(actor, 'lead');
    const sweep = await this.db.sweep.findUnique({ where: { id: sweepId } });
    if (!sweep) throw new NotFoundException(`No sweep ${sweepId}`);
    try {
      await this.temporal().workflow.getHandle(sweep.workflowId).signal(SIGNALS[name]);
    } catch (error) {
      // Temporal answers "not found" for a workflow that has completed, failed or been cancelled as well.
      if (error instanceof WorkflowNotFoundError) {
        throw new ConflictException(
          `Sweep ${sweepId} is not running (stored status: ${sweep.status}); only a running sweep takes ${SWEEP_SIGNAL_LIST}`,
        );
      }
      throw error;
    }
    await this.audit.record(actor, { action: `sweep.${name}`, entityType: 'Sweep', entityId: sweepId });
    return { id: sweepId, signal: name };
  }
}
