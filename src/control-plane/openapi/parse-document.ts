import { parseYaml } from './yaml-text.js';
import { badRequest } from '../service-errors.js';

/**
 * The OpenAPI text of ImportApi/ReimportApi, JSON or YAML. HTTP APIs import OpenAPI 3 only:
 * a Swagger 2.0 document is an *error* that blocks the import (AWS "Working with OpenAPI
 * definitions for HTTP APIs", import validation; docs/reference/controlplane.md §7).
 */
export type OpenApiDocument = Record<string, unknown>;

/** What an import reports besides errors (the Api's `warnings` and `importInfo`). */
export interface ImportMessages {
  warnings: string[];
  importInfo: string[];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function parseDocument(text: string, messages: ImportMessages): OpenApiDocument {
  const trimmed = text.trim();
  if (trimmed === '') throw badRequest('Invalid OpenAPI definition: the body is empty.');
  let parsed: unknown;
  try {
    parsed = trimmed.startsWith('{') ? JSON.parse(trimmed) : parseYaml(trimmed);
  } catch (error) {
    throw badRequest(`Invalid OpenAPI definition: it is neither valid JSON nor valid YAML (${(error as Error).message.split('\n')[0]}).`);
  }
  if (!isObject(parsed)) throw badRequest('Invalid OpenAPI definition: the document must be a JSON or YAML object.');
  if (parsed['swagger'] !== undefined)
    throw badRequest(
      `Unsupported definition: Swagger ${String(parsed['swagger'])} cannot be imported as an HTTP API. HTTP APIs import OpenAPI 3.0 definitions (openapi: "3.0.1").`,
    );
  const version = parsed['openapi'];
  if (typeof version !== 'string' || !/^3\.\d+(\.\d+)?$/.test(version))
    throw badRequest('Invalid OpenAPI definition: the "openapi" field must name an OpenAPI 3.0 version, such as "3.0.1".');
  if (!version.startsWith('3.0.'))
    messages.warnings.push(`OpenAPI ${version} is read as OpenAPI 3.0; features newer than 3.0 are ignored.`);
  return parsed;
}

/**
 * Version-like members written as numbers (`payloadFormatVersion: 1.0` in AWS's own example,
 * which JSON and YAML both read as the number 1) mean the text "1.0".
 */
export function versionText(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(1) : String(value);
  return value;
}

/** Integers written as strings (the authorizer extension documents its TTL as a string). */
export function integerValue(value: unknown): unknown {
  return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}
