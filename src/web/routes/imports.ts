import type { Readable } from 'node:stream';
import { Router, type Request } from 'express';

import type { ImportFormat } from '../../domain/records';
import { AppError, NotFoundError } from '../../errors';
import { RECORD_KINDS, type ImportProgress, type RecordKind } from '../../records';
import { requireRole } from '../auth';
import type { WebDeps } from '../deps';
import { actorOf } from './participants';

/**
 * Largest import body, bytes: 200 MiB, about 200,000 participant rows as
 * JSON Lines. The body is read as a stream, row by row, so this bounds the
 * time an import may take, not memory.
 */
export const IMPORT_BODY_LIMIT_BYTES = 200 * 1024 * 1024;

/** Progress goes to the log every so many rows. */
const PROGRESS_EVERY_ROWS = 10_000;

const FORMATS: readonly { type: string; format: ImportFormat }[] = [
  { type: 'application/x-ndjson', format: 'jsonl' },
  { type: 'application/jsonl', format: 'jsonl' },
  { type: 'text/csv', format: 'csv' },
];

/**
 * Gateway batches (issue 5, "Gateway feed"): POST /api/imports/participants
 * or /api/imports/suppliers with a JSON Lines or CSV body. Mounted before
 * the API's JSON body parser: the body here is never buffered whole.
 */
export function importRoutes(deps: WebDeps): Router {
  const router = Router();

  router.post('/:kind', requireRole('integration'), async (req, res) => {
    const kind = recordKindOf(String(req.params.kind));
    const format = formatOf(req);
    const actor = actorOf(req);
    checkDeclaredLength(req);

    let nextLogAt = PROGRESS_EVERY_ROWS;
    const onProgress = (progress: ImportProgress) => {
      if (progress.rows < nextLogAt) return;
      nextLogAt += PROGRESS_EVERY_ROWS;
      deps.logger.info({ actor: actor.name, kind, ...progress }, 'import in progress');
    };

    const body = limitedBody(req, IMPORT_BODY_LIMIT_BYTES);
    const report = await deps.records.imports.run(kind, body, {
      format,
      source: 'gateway',
      actor: actor.name,
      onProgress,
    });

    const { accepted, created, updated, unchanged, rejected } = report;
    deps.logger.info(
      { actor: actor.name, kind, format, accepted, created, updated, unchanged, rejected },
      'import finished',
    );
    res.json(report);
  });

  return router;
}

function recordKindOf(raw: string): RecordKind {
  const kind = RECORD_KINDS.find((known) => known === raw);
  if (!kind) throw new NotFoundError('Import kind', raw);
  return kind;
}

function formatOf(req: Request): ImportFormat {
  const encoding = req.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') {
    throw new AppError(415, 'UNSUPPORTED_ENCODING', 'Send the import body uncompressed');
  }

  const known = FORMATS.find(({ type }) => req.is(type));
  if (!known) {
    const types = FORMATS.map(({ type }) => type).join(' or ');
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the rows as ${types}`);
  }
  return known.format;
}

function checkDeclaredLength(req: Request): void {
  const declared = Number(req.get('content-length') ?? 0);
  if (declared > IMPORT_BODY_LIMIT_BYTES) throw tooLarge();
}

/**
 * The body, chunk by chunk, failing once more than `limit` bytes came. A
 * chunked body declares no length, so the count is what holds the line;
 * rows read before the limit stay written, and re-sending the file in
 * parts is safe because re-importing a row changes nothing.
 */
async function* limitedBody(body: Readable, limit: number): AsyncGenerator<Buffer> {
  let received = 0;

  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    received += bytes.length;
    if (received > limit) throw tooLarge();
    yield bytes;
  }
}

function tooLarge(): AppError {
  const limitMiB = IMPORT_BODY_LIMIT_BYTES / (1024 * 1024);
  return new AppError(413, 'BODY_TOO_LARGE', `An import body may have at most ${limitMiB} MiB`);
}
