#!/usr/bin/env node
// The package's bin: runs the TypeScript CLI through tsx so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../bot/cli/index.ts');
process.exitCode = await runCli(process.argv);
