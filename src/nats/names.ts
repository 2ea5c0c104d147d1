// Subjects, stream and keys of one risk domain, derived from its name in one place (the
// service, the client and the documented permissions all use these).

/** Subjects, stream and KV keys of a risk service. */
export interface RiskNames {
  /** The domain name. */
  name: string;
  /** Subject prefix of the endpoints: `hean.risk.<name>` (admin: `<prefix>.admin.*`). */
  prefix: string;
  /** Subject prefix of the journal: `hean.risklog.<name>` (events on `<log>.b` and `<log>.a.<op>`). */
  log: string;
  /** JetStream stream of the journal: `HEAN_RISK_<name>`. */
  stream: string;
  /** KV bucket of snapshots and the lease. */
  bucket: string;
  /** KV key of the snapshot head (chunks: `<snapKey>.<generation>.<i>`). */
  snapKey: string;
  /** KV key of the lease. */
  leaseKey: string;
}

/** The names of risk domain `name` (letters, digits, `-` and `_`). */
export function riskNames(name: string, bucket = 'hean_risk'): RiskNames {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new RangeError(`hean: name must be 1-64 letters, digits, '-' or '_', got ${JSON.stringify(name)}`);
  if (typeof bucket !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(bucket)) throw new RangeError(`hean: bucket must be 1-64 letters, digits, '-' or '_', got ${JSON.stringify(bucket)}`);
  return { name, prefix: `hean.risk.${name}`, log: `hean.risklog.${name}`, stream: `HEAN_RISK_${name}`, bucket, snapKey: `${name}.snap`, leaseKey: `${name}.lease` };
}
