import type { ServingConfig } from '../model/index.js';
import type { ApiPortOption } from './config.js';

/**
 * `--api-port N` serves the only API; `--api-port NAME_OR_ID=N` names one of several. Every
 * mistake is refused before anything listens, with the APIs there are.
 */
export function resolveApiPorts(config: ServingConfig, options: ApiPortOption[]): { apiId: string; port: number }[] {
  const known = config.apis.map((api) => `${api.name} (${api.apiId})`).join(', ') || 'none';
  return options.map(({ api, port }) => {
    if (api === '') {
      if (config.apis.length !== 1)
        throw new Error(
          `--api-port ${port}: a bare port needs exactly one API, but there are ${config.apis.length} (${known}); use --api-port NAME_OR_ID=${port}`,
        );
      return { apiId: config.apis[0]?.apiId ?? '', port };
    }
    const matches = config.apis.filter((candidate) => candidate.apiId === api || candidate.name === api);
    if (matches.length === 0) throw new Error(`--api-port ${api}=${port}: no API has that name or id (APIs: ${known})`);
    if (matches.length > 1) throw new Error(`--api-port ${api}=${port}: several APIs are named "${api}"; use the id (APIs: ${known})`);
    return { apiId: matches[0]?.apiId ?? '', port };
  });
}
