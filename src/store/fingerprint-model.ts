import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Fingerprints of the gateway data records hold, so a batch can tell an
 * unchanged row by inserting, not reading (see src/records/state-fingerprints.ts).
 *
 * `_id` is `<key>:<hash>`: "record <key> holds the gateway row <hash>". A
 * fingerprint that is missing only costs a read; one that is wrong would
 * make a changed row look unchanged, so every path that may leave one
 * behind first notes it as a probe.
 */
export interface FingerprintDoc {
  _id: string;
}

/** A fingerprint inserted ahead of its record's write, by the batch `token`. */
export interface FingerprintProbeDoc {
  /** `<token>:<fingerprint>`. */
  _id: string;
  token: string;
  key: string;
  fingerprint: string;
}

const fingerprintSchema = new Schema<FingerprintDoc>(
  { _id: { type: String, required: true } },
  { collection: 'record_fingerprints', versionKey: false },
);

const probeSchema = new Schema<FingerprintProbeDoc>(
  {
    _id: { type: String, required: true },
    token: { type: String, required: true },
    key: { type: String, required: true },
    fingerprint: { type: String, required: true },
  },
  { collection: 'record_fingerprint_probes', versionKey: false },
);

export type FingerprintModel = Model<FingerprintDoc>;
export type FingerprintProbeModel = Model<FingerprintProbeDoc>;

export function fingerprintModel(conn: Connection): FingerprintModel {
  return conn.models.Fingerprint ?? conn.model<FingerprintDoc>('Fingerprint', fingerprintSchema);
}

export function fingerprintProbeModel(conn: Connection): FingerprintProbeModel {
  return (
    conn.models.FingerprintProbe ??
    conn.model<FingerprintProbeDoc>('FingerprintProbe', probeSchema)
  );
}
