export { createRestJsonHandler, isControlPlaneRequest, type ControlPlaneLogger, type RestJsonHandlerOptions } from './handler.js';
export { type HttpMethod, OPERATION_BINDINGS, type OperationBinding, QUERY_MEMBERS, type QueryMember } from './operation-table.js';
export { MAX_CONTROL_PLANE_BODY } from './read-body.js';
export { UNSUPPORTED_BINDINGS } from './unsupported-operations.js';
