import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Client } from '@temporalio/client';
import type { Db } from '@cacscreen/db';
import { AuditRepository } from './audit/audit.repository';
import { AuthGuard } from './auth/auth.guard';
import { MeController } from './auth/me.controller';
import { API_CONFIG, ApiConfig } from './common/api-config';
import { DB, TEMPORAL_CLIENT } from './common/tokens';
import { ExportController } from './export/export.controller';
import { ExportService } from './export/export.service';
import { HealthController } from './health/health.controller';
import { HealthRepository } from './health/health.repository';
import { ImportController } from './import/import.controller';
import { ImportService } from './import/import.service';
import { ReassessmentRepository } from './import/reassessment.repository';
import { RiskFactorsImportRepository } from './import/risk-factors-import.repository';
import { KeyImagesController } from './key-images/key-images.controller';
import { KeyImagesRepository } from './key-images/key-images.repository';
import { KeyImagesService } from './key-images/key-images.service';
import { KeysController } from './keys/keys.controller';
import { KeysRepository } from './keys/keys.repository';
import { KeysService } from './keys/keys.service';
import { ResultsController } from './results/results.controller';
import { ResultsRepository } from './results/results.repository';
import { ResultsService } from './results/results.service';
import { SweepProgressReader } from './sweeps/sweep-progress.reader';
import { SweepsController } from './sweeps/sweeps.controller';
import { SweepsRepository } from './sweeps/sweeps.repository';
import { SweepsService } from './sweeps/sweeps.service';
import { SweepControlService } from './sweeps/sweep-control.service';
import { WorklistController } from './worklist/worklist.controller';
import { WorklistRepository } from './worklist/worklist.repository';
import { WorklistService } from './worklist/worklist.service';

export interface ApiDependencies {
  db: Db;
  temporal?: Client;
  /** Settings; read from the environment (apiConfigFromEnv) when absent. */
  config?: ApiConfig;
}

/** Every controller: the module's routes, and what the OpenAPI completion reads roles from. */
export const API_CONTROLLERS = [
  HealthController,
  KeysController,
  MeController,
  SweepsController,
  ResultsController,
  WorklistController,
  KeyImagesController,
  ImportController,
  ExportController,
];

@Module({})
export class AppModule {
  static forRoot(deps: ApiDependencies & { config: ApiConfig }): DynamicModule {
    return {
      module: AppModule,
      controllers: API_CONTROLLERS,
      providers: [
        { provide: DB, useValue: deps.db },
        { provide: API_CONFIG, useValue: deps.config },
        ...(deps.temporal ? [{ provide: TEMPORAL_CLIENT, useValue: deps.temporal }] : []),
        { provide: APP_GUARD, useClass: AuthGuard },
        AuditRepository,
        HealthRepository,
        KeysRepository,
        KeysService,
        SweepsRepository,
        SweepsService,
        SweepControlService,
        SweepProgressReader,
        ResultsRepository,
        ResultsService,
        WorklistRepository,
        WorklistService,
        KeyImagesRepository,
        KeyImagesService,
        RiskFactorsImportRepository,
        ReassessmentRepository,
        ImportService,
        ExportService,
      ],
    };
  }
}
