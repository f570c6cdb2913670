export { type ApigatewayProvider, type AppliedResource, createApigatewayProvider } from './provider.js';
export type { ApplyContext } from './kind.js';
