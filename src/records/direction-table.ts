import fs from 'node:fs';
import path from 'node:path';

import { parseDirectionTable, type DirectionTable } from '../domain/records';
import { ConflictError, ValidationError } from '../errors';
import type { Locks } from '../store/locks';
import {
  CURRENT_OKED_TABLE,
  OKED_TABLE_LOCK_KEY,
  type OkedTableDoc,
  type OkedTableModel,
} from '../store/oked-table-model';
import { isDuplicateKey } from '../store/duplicate-key';

export interface DirectionTablesDeps {
  model: OkedTableModel;
  leases: Locks;
  /** config/oked-directions.json: the table in force until a supervisor edits it. */
  seedFile: string;
  now: () => Date;
}

/**
 * The supervisor-editable table of OKED classes and supplier directions
 * (rules clause 13). Read fresh on every use: it is one small document, and
 * a cached copy could outlive an edit made by another process.
 */
export class DirectionTables {
  constructor(private readonly deps: DirectionTablesDeps) {}

  static seedFileIn(rootDir: string): string {
    return path.join(rootDir, 'config', 'oked-directions.json');
  }

  async current(): Promise<OkedTableDoc> {
    const stored = await this.deps.model.findById(CURRENT_OKED_TABLE).lean();
    return stored ?? this.seed();
  }

  /**
   * Replaces the table. With `expectedVersion`, refuses to overwrite an
   * edit the supervisor has not seen (two supervisors editing at once).
   */
  async replace(rules: unknown, expectedVersion: number | undefined, actor: string) {
    const parsed = parseDirectionTable(rules);
    if (!parsed.ok) {
      const [first] = parsed.errors;
      const field = `table.${first.field}`;
      throw new ValidationError(first.code, `${field}: ${first.message}`, field, {
        issues: parsed.errors,
      });
    }

    return this.deps.leases.withLock(OKED_TABLE_LOCK_KEY, async () => {
      const current = await this.current();
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new ConflictError('TABLE_CHANGED', 'The table was changed meanwhile; reload it', {
          version: current.version,
        });
      }

      const next = {
        rules: [...parsed.value],
        version: current.version + 1,
        updatedAt: this.deps.now(),
        updatedBy: actor,
      };
      await this.deps.model.updateOne({ _id: CURRENT_OKED_TABLE }, { $set: next });
      return { ...current, ...next };
    });
  }

  /** An empty collection gets the default file; the unique `_id` lets one seeder win. */
  private async seed(): Promise<OkedTableDoc> {
    const rules = readSeedTable(this.deps.seedFile);

    try {
      await this.deps.model.create({
        _id: CURRENT_OKED_TABLE,
        version: 1,
        rules: [...rules],
        updatedAt: null,
        updatedBy: null,
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }

    const seeded = await this.deps.model.findById(CURRENT_OKED_TABLE).lean();
    if (!seeded) throw new Error('The OKED direction table vanished right after seeding');
    return seeded;
  }
}

function readSeedTable(file: string): DirectionTable {
  const parsed = parseDirectionTable(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (parsed.ok) return parsed.value;

  const problems = parsed.errors.map((error) => `${error.field}: ${error.message}`);
  throw new Error(`${file} is not a valid direction table: ${problems.join('; ')}`);
}
