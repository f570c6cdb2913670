import type { OperationBinding } from './operation-table.js';

/**
 * The developer-portal operations (26) and custom-domain routing rules (5) of the model
 * (docs/reference/controlplane.md §1 "Others"). Neither concerns HTTP APIs; they are routed so a client gets
 * a clear BadRequestException naming the operation instead of a 404 for a real AWS path.
 */
const PORTAL = '/v2/portals/{portalId}';
const PRODUCT = '/v2/portalproducts/{portalProductId}';
const RULES = '/v2/domainnames/{domainName}/routingrules';

const bind = (name: string, method: OperationBinding['method'], uri: string, status: number): OperationBinding => ({
  name,
  method,
  uri,
  status,
  query: [],
});

export const UNSUPPORTED_BINDINGS: readonly OperationBinding[] = [
  bind('ListPortals', 'GET', '/v2/portals', 200),
  bind('CreatePortal', 'POST', '/v2/portals', 201),
  bind('GetPortal', 'GET', PORTAL, 200),
  bind('UpdatePortal', 'PATCH', PORTAL, 200),
  bind('DeletePortal', 'DELETE', PORTAL, 204),
  bind('PreviewPortal', 'POST', `${PORTAL}/preview`, 202),
  bind('PublishPortal', 'POST', `${PORTAL}/publish`, 202),
  bind('DisablePortal', 'DELETE', `${PORTAL}/publish`, 204),
  bind('ListPortalProducts', 'GET', '/v2/portalproducts', 200),
  bind('CreatePortalProduct', 'POST', '/v2/portalproducts', 201),
  bind('GetPortalProduct', 'GET', PRODUCT, 200),
  bind('UpdatePortalProduct', 'PATCH', PRODUCT, 200),
  bind('DeletePortalProduct', 'DELETE', PRODUCT, 204),
  bind('GetPortalProductSharingPolicy', 'GET', `${PRODUCT}/sharingpolicy`, 200),
  bind('PutPortalProductSharingPolicy', 'PUT', `${PRODUCT}/sharingpolicy`, 200),
  bind('DeletePortalProductSharingPolicy', 'DELETE', `${PRODUCT}/sharingpolicy`, 204),
  bind('ListProductPages', 'GET', `${PRODUCT}/productpages`, 200),
  bind('CreateProductPage', 'POST', `${PRODUCT}/productpages`, 201),
  bind('GetProductPage', 'GET', `${PRODUCT}/productpages/{productPageId}`, 200),
  bind('UpdateProductPage', 'PATCH', `${PRODUCT}/productpages/{productPageId}`, 200),
  bind('DeleteProductPage', 'DELETE', `${PRODUCT}/productpages/{productPageId}`, 204),
  bind('ListProductRestEndpointPages', 'GET', `${PRODUCT}/productrestendpointpages`, 200),
  bind('CreateProductRestEndpointPage', 'POST', `${PRODUCT}/productrestendpointpages`, 201),
  bind('GetProductRestEndpointPage', 'GET', `${PRODUCT}/productrestendpointpages/{productRestEndpointPageId}`, 200),
  bind('UpdateProductRestEndpointPage', 'PATCH', `${PRODUCT}/productrestendpointpages/{productRestEndpointPageId}`, 200),
  bind('DeleteProductRestEndpointPage', 'DELETE', `${PRODUCT}/productrestendpointpages/{productRestEndpointPageId}`, 204),
  bind('ListRoutingRules', 'GET', RULES, 200),
  bind('CreateRoutingRule', 'POST', RULES, 201),
  bind('GetRoutingRule', 'GET', `${RULES}/{routingRuleId}`, 200),
  bind('PutRoutingRule', 'PUT', `${RULES}/{routingRuleId}`, 200),
  bind('DeleteRoutingRule', 'DELETE', `${RULES}/{routingRuleId}`, 204),
];
