import { ServiceError } from '../../control-plane/index.js';

/** Runs a Get*; undefined when the service answers NotFoundException. */
export function found<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof ServiceError && error.type === 'NotFoundException') return undefined;
    throw error;
  }
}

/** Deletes, treating NotFoundException as done (what the provider does on destroy). */
export function removeQuietly(remove: () => void): void {
  found(remove);
}
