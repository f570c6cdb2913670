/** ARN parsing and the ARNs the Terraform provider builds for API Gateway v2 (docs/reference/controlplane.md §4.1). */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(value: string): Arn | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** The region when none is given (no --region, no provider region, no AWS_REGION / AWS_DEFAULT_REGION). */
export const DEFAULT_REGION = 'us-east-1';
/** The account id in ARNs and STS answers when none is given (--account-id). */
export const DEFAULT_ACCOUNT_ID = '000000000000';

export const apiArn = (region: string, apiId: string): string => `arn:aws:apigateway:${region}::/apis/${apiId}`;
export const stageArn = (region: string, apiId: string, stage: string): string =>
  `arn:aws:apigateway:${region}::/apis/${apiId}/stages/${stage}`;
export const vpcLinkArn = (region: string, id: string): string => `arn:aws:apigateway:${region}::/vpclinks/${id}`;
export const domainNameArn = (region: string, name: string): string => `arn:aws:apigateway:${region}::/domainnames/${name}`;
export const executionArn = (region: string, account: string, apiId: string): string => `arn:aws:execute-api:${region}:${account}:${apiId}`;

/** What an API Gateway resource ARN (`arn:aws:apigateway:{region}::/apis/{id}/stages/{name}`) names. */
export type TaggableResource =
  | { kind: 'api'; apiId: string }
  | { kind: 'stage'; apiId: string; stageName: string }
  | { kind: 'vpcLink'; vpcLinkId: string }
  | { kind: 'domainName'; domainName: string };

export function parseTaggableArn(value: string): TaggableResource | undefined {
  const arn = parseArn(value);
  if (!arn || arn.service !== 'apigateway') return undefined;
  const parts = arn.resource.split('/');
  if (parts[0] !== '') return undefined;
  if (parts[1] === 'apis' && parts[2] && parts.length === 3) return { kind: 'api', apiId: parts[2] };
  if (parts[1] === 'apis' && parts[2] && parts[3] === 'stages' && parts[4] && parts.length === 5)
    return { kind: 'stage', apiId: parts[2], stageName: parts[4] };
  if (parts[1] === 'vpclinks' && parts[2] && parts.length === 3) return { kind: 'vpcLink', vpcLinkId: parts[2] };
  if (parts[1] === 'domainnames' && parts[2] && parts.length === 3) return { kind: 'domainName', domainName: parts[2] };
  return undefined;
}
