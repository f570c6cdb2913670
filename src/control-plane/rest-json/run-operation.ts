import type { ControlPlane } from '../control-plane.js';
import { type OperationName, operations } from '../operations/index.js';
import { badRequest } from '../service-errors.js';
import type { OperationBinding } from './operation-table.js';
import { jsonReply, type Reply } from './reply.js';

function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}

/** Runs the bound operation on the control plane and shapes its output for the wire. */
export async function runOperation(
  controlPlane: ControlPlane,
  binding: OperationBinding,
  members: Record<string, unknown>,
): Promise<Reply> {
  if (!isOperationName(binding.name))
    throw badRequest(
      `${binding.name} is not supported by Portico: developer portals and routing rules are not part of HTTP APIs here. ` +
        'Use API mappings for custom domains.',
    );
  // Answered once durable (and, in cluster mode, committed to the shared database).
  const output: unknown = await controlPlane.runSettled(binding.name, members);
  if (binding.payload) {
    // A blob payload (ExportApi): the document itself is the body, not a JSON member.
    const body = (output as Record<string, unknown> | undefined)?.[binding.payload];
    return {
      status: binding.status,
      contentType: members['outputType'] === 'YAML' ? 'application/yaml' : 'application/json',
      body: typeof body === 'string' ? body : '',
    };
  }
  return jsonReply(binding.status, output);
}
