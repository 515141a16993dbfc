/**
 * Writes kiosk/core/platform/openapi.json from the platform's zod schemas and operation table
 * (kiosk/core/platform/openapi-build.ts). Run `npm run openapi-doc` after changing either;
 * openapi.test.ts fails while the committed file differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OPENAPI_DOC, renderOpenApi } from '../kiosk/core/platform/openapi-build.ts';

const root = resolve(import.meta.dirname, '..');
writeFileSync(join(root, OPENAPI_DOC), await renderOpenApi(root));
console.log(`wrote ${OPENAPI_DOC}`);
