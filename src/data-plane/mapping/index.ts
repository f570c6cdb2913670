export { mappingContextValue } from './context-variable.js';
export { BODY_EVALUATION_LIMIT } from './json-path-select.js';
export { compileTemplate, renderTemplate, type MappingSources, type MappingTemplate } from './mapping-template.js';
export { applyRequestMapping, compileRequestMapping, type MappableRequest, type RequestMappingPlan } from './request-mapping.js';
export { RequestSources, headerValue, parseQuery } from './request-sources.js';
export { applyResponseMapping, compileResponseMapping, type ResponseMappingPlan } from './response-mapping.js';
export { ResponseSources } from './response-sources.js';
