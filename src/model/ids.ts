import { createHash, randomBytes } from 'node:crypto';

/**
 * Resource id kinds with the lengths seen on real AWS (docs/reference/controlplane.md §2.4): API ids are
 * 10 characters, integration and route ids 7, VPC link ids 6. For the kinds whose real
 * length was not found we use 7. All ids are lower-case alphanumeric because the API id
 * becomes a DNS label.
 */
export const ID_LENGTHS = {
  api: 10,
  integration: 7,
  route: 7,
  vpcLink: 6,
  deployment: 6,
  authorizer: 6,
  apiMapping: 6,
  model: 7,
  integrationResponse: 6,
  routeResponse: 6,
} as const;

export type IdKind = keyof typeof ID_LENGTHS;

export interface IdGenerator {
  next(kind: IdKind): string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function encode(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i % bytes.length] ?? 0) % ALPHABET.length];
  return out;
}

export const randomIds: IdGenerator = {
  next: (kind) => encode(randomBytes(ID_LENGTHS[kind]), ID_LENGTHS[kind]),
};

/** Ids derived from a stable name, so the same Terraform address gets the same id on every run. */
export function stableId(kind: IdKind, name: string): string {
  const digest = createHash('sha256').update(`${kind}\0${name}`).digest();
  return encode(digest, ID_LENGTHS[kind]);
}

/** Deterministic sequence for tests: same seed, same ids. */
export class SequenceIds implements IdGenerator {
  #n = 0;
  constructor(private readonly seed = 'portico') {}
  next(kind: IdKind): string {
    this.#n += 1;
    return stableId(kind, `${this.seed}:${this.#n}`);
  }
}
