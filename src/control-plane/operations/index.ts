import { createApi, deleteApi, deleteCorsConfiguration, getApi, getApis, updateApi } from './apis.js';
import { createApiMapping, deleteApiMapping, getApiMapping, getApiMappings, updateApiMapping } from './api-mappings.js';
import { createAuthorizer, deleteAuthorizer, getAuthorizer, getAuthorizers, updateAuthorizer } from './authorizers.js';
import { createDeployment, deleteDeployment, getDeployment, getDeployments, updateDeployment } from './deployments.js';
import { createDomainName, deleteDomainName, getDomainName, getDomainNames, updateDomainName } from './domain-names.js';
import { createIntegration, deleteIntegration, getIntegration, getIntegrations, updateIntegration } from './integrations.js';
import { createRoute, deleteRoute, deleteRouteRequestParameter, getRoute, getRoutes, updateRoute } from './routes.js';
import {
  createStage,
  deleteAccessLogSettings,
  deleteRouteSettings,
  deleteStage,
  getStage,
  getStages,
  resetAuthorizersCache,
  updateStage,
} from './stages.js';
import { getTags, tagResource, untagResource } from './tags.js';
import { createVpcLink, deleteVpcLink, getVpcLink, getVpcLinks, updateVpcLink } from './vpc-links.js';
import {
  createIntegrationResponse,
  deleteIntegrationResponse,
  getIntegrationResponse,
  getIntegrationResponses,
  updateIntegrationResponse,
} from './integration-responses.js';
import { createModel, deleteModel, getModel, getModels, getModelTemplate, updateModel } from './models.js';
import { createRouteResponse, deleteRouteResponse, getRouteResponse, getRouteResponses, updateRouteResponse } from './route-responses.js';
import { exportApi, importApi, reimportApi } from '../openapi/index.js';

/**
 * Every apigatewayv2 operation by its AWS name. Each takes the operation's input (body
 * members, path labels and query parameters as one object, like the SDK's *Request shapes).
 */
export const operations = {
  CreateApi: createApi,
  GetApi: getApi,
  GetApis: getApis,
  UpdateApi: updateApi,
  DeleteApi: deleteApi,
  DeleteCorsConfiguration: deleteCorsConfiguration,
  ImportApi: importApi,
  ReimportApi: reimportApi,
  ExportApi: exportApi,
  CreateVpcLink: createVpcLink,
  GetVpcLink: getVpcLink,
  GetVpcLinks: getVpcLinks,
  UpdateVpcLink: updateVpcLink,
  DeleteVpcLink: deleteVpcLink,
  CreateIntegration: createIntegration,
  GetIntegration: getIntegration,
  GetIntegrations: getIntegrations,
  UpdateIntegration: updateIntegration,
  DeleteIntegration: deleteIntegration,
  CreateRoute: createRoute,
  GetRoute: getRoute,
  GetRoutes: getRoutes,
  UpdateRoute: updateRoute,
  DeleteRoute: deleteRoute,
  DeleteRouteRequestParameter: deleteRouteRequestParameter,
  CreateStage: createStage,
  GetStage: getStage,
  GetStages: getStages,
  UpdateStage: updateStage,
  DeleteStage: deleteStage,
  DeleteAccessLogSettings: deleteAccessLogSettings,
  DeleteRouteSettings: deleteRouteSettings,
  ResetAuthorizersCache: resetAuthorizersCache,
  CreateDeployment: createDeployment,
  GetDeployment: getDeployment,
  GetDeployments: getDeployments,
  UpdateDeployment: updateDeployment,
  DeleteDeployment: deleteDeployment,
  CreateAuthorizer: createAuthorizer,
  GetAuthorizer: getAuthorizer,
  GetAuthorizers: getAuthorizers,
  UpdateAuthorizer: updateAuthorizer,
  DeleteAuthorizer: deleteAuthorizer,
  CreateDomainName: createDomainName,
  GetDomainName: getDomainName,
  GetDomainNames: getDomainNames,
  UpdateDomainName: updateDomainName,
  DeleteDomainName: deleteDomainName,
  CreateApiMapping: createApiMapping,
  GetApiMapping: getApiMapping,
  GetApiMappings: getApiMappings,
  UpdateApiMapping: updateApiMapping,
  DeleteApiMapping: deleteApiMapping,
  GetTags: getTags,
  TagResource: tagResource,
  UntagResource: untagResource,
  CreateModel: createModel,
  GetModel: getModel,
  GetModels: getModels,
  UpdateModel: updateModel,
  DeleteModel: deleteModel,
  GetModelTemplate: getModelTemplate,
  CreateIntegrationResponse: createIntegrationResponse,
  GetIntegrationResponse: getIntegrationResponse,
  GetIntegrationResponses: getIntegrationResponses,
  UpdateIntegrationResponse: updateIntegrationResponse,
  DeleteIntegrationResponse: deleteIntegrationResponse,
  CreateRouteResponse: createRouteResponse,
  GetRouteResponse: getRouteResponse,
  GetRouteResponses: getRouteResponses,
  UpdateRouteResponse: updateRouteResponse,
  DeleteRouteResponse: deleteRouteResponse,
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationOutput<K extends OperationName> = ReturnType<Operations[K]>;
