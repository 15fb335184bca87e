#!/usr/bin/env node
'use strict';
// Runs the Prisma CLI offline. In the adapter + "js" engine mode the native engines are never executed, but the CLI
// still looks for them before every command; pointing these variables at an existing file stops it downloading them.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const placeholder = __filename;
const env = {
  ...process.env,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY || placeholder,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
if (!env.DATABASE_URL) env.DATABASE_URL = 'postgresql://placeholder@localhost/placeholder';
const cli = require.resolve('prisma/build/index.js');
const args = [cli, ...process.argv.slice(2), '--config', path.join(__dirname, '..', 'prisma.config.ts')];
const result = spawnSync(process.execPath, args, { stdio: 'inherit', env });
process.exit(result.status ?? 1);
