import { DynamicModule, Module } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Db } from '@cacscreen/db';
import { HealthController } from './health/health.controller';
import { ResultsController } from './results/results.controller';
import { ResultsRepository } from './results/results.repository';
import { ResultsService } from './results/results.service';
import { SweepProgressReader } from './sweeps/sweep-progress.reader';
import { SweepsController } from './sweeps/sweeps.controller';
import { SweepsRepository } from './sweeps/sweeps.repository';
import { SweepsService } from './sweeps/sweeps.service';
import { DB, TEMPORAL_CLIENT } from './common/tokens';
import { WorklistController } from './worklist/worklist.controller';
import { WorklistRepository } from './worklist/worklist.repository';
import { WorklistService } from './worklist/worklist.service';

export interface ApiDependencies {
  db: Db;
  temporal?: Client;
}

@Module({})
export class AppModule {
  static forRoot(deps: ApiDependencies): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController, SweepsController, ResultsController, WorklistController],
      providers: [
        { provide: DB, useValue: deps.db },
        ...(deps.temporal ? [{ provide: TEMPORAL_CLIENT, useValue: deps.temporal }] : []),
        SweepsRepository,
        SweepsService,
        SweepProgressReader,
        ResultsRepository,
        ResultsService,
        WorklistRepository,
        WorklistService,
      ],
    };
  }
}
