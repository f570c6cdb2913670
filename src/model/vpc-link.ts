/** A VPC link (v2). Status values from the API's enum (docs/reference/dataplane.md §11). */
export const VPC_LINK_STATUSES = ['PENDING', 'AVAILABLE', 'DELETING', 'FAILED', 'INACTIVE'] as const;
export type VpcLinkStatus = (typeof VPC_LINK_STATUSES)[number];

export interface VpcLink {
  vpcLinkId: string;
  name: string;
  securityGroupIds: string[];
  subnetIds: string[];
  tags: Record<string, string>;
  createdDate: string;
  vpcLinkStatus: VpcLinkStatus;
  vpcLinkStatusMessage: string;
  vpcLinkVersion: 'V2';
}
