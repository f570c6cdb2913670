/**
 * The `@connections` operations (ApiGatewayManagementApi: PostToConnection, GetConnection,
 * DeleteConnection) as plain values, so that the process holding a connection can run them for
 * another process (`--workers N`: the primary passes them to the worker that owns the connection).
 */
export interface ConnectionAddress {
  readonly apiId: string;
  readonly stage: string;
  readonly connectionId: string;
}

export type ConnectionCommand =
  /** The data, base64 (it crosses process boundaries as JSON). */
  { readonly op: 'post'; readonly data: string } | { readonly op: 'get' } | { readonly op: 'delete' };

export type ConnectionAnswer =
  /** No such open connection on this API and stage: GoneException. */
  | { readonly kind: 'gone' }
  | { readonly kind: 'done' }
  | {
      readonly kind: 'info';
      readonly connectedAt: number;
      readonly lastActiveAt: number;
      readonly sourceIp: string;
      readonly userAgent: string | undefined;
    };

/** Runs a command where the connection lives: another process when it is not in this one. */
export type RemoteConnections = (address: ConnectionAddress, command: ConnectionCommand) => Promise<ConnectionAnswer>;

/**
 * Connection ids carry the process that holds the connection (`--workers N`; one process: 0), so any
 * process can tell where to send a command without asking around: the last byte is the owner xor the
 * first. The id keeps AWS's shape and looks as random as AWS's: 11 bytes in base64, 15 characters and "=".
 */
export function ownerOfConnectionId(connectionId: string): number | undefined {
  if (!/^[A-Za-z0-9+/]{15}=$/.test(connectionId)) return undefined;
  const bytes = Buffer.from(connectionId, 'base64');
  return ((bytes[10] as number) ^ (bytes[0] as number)) & 0xff;
}

/** A connection id for `owner` from 10 random bytes. */
export function connectionIdFor(owner: number, random: Buffer): string {
  const bytes = Buffer.alloc(11);
  random.copy(bytes, 0, 0, 10);
  bytes[10] = (owner ^ (bytes[0] as number)) & 0xff;
  return bytes.toString('base64');
}
