import { writeFileSync } from 'node:fs';
import { packageRoot } from '../config/package-root.js';
import { cliDocs } from './cli-docs.js';

writeFileSync(`${packageRoot()}docs/cli.md`, await cliDocs());
