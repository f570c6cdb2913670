import { stableHex } from './stable-random.js';

/** EC2-style ids by the words naming them: `private_subnet` → subnet-…, `vpc_security_group` → sg-…. */
const idPrefixes: [RegExp, string][] = [
  [/security_group|(^|_)sg($|_)/, 'sg'],
  [/subnet/, 'subnet'],
  [/internet_gateway|(^|_)igw/, 'igw'],
  [/nat_gateway|natgw|(^|_)nat($|_)/, 'nat'],
  [/route_table/, 'rtb'],
  [/network_acl/, 'acl'],
  [/vpc_endpoint/, 'vpce'],
  [/vpc_peering|peering_connection/, 'pcx'],
  [/transit_gateway|(^|_)tgw/, 'tgw'],
  [/vpc/, 'vpc'],
  [/network_interface|(^|_)eni/, 'eni'],
  [/eip|allocation/, 'eipalloc'],
  [/instance/, 'i'],
  [/(^|_)ami|image/, 'ami'],
  [/volume/, 'vol'],
  [/launch_template/, 'lt'],
  [/prefix_list/, 'pl'],
];

/** "private_subnet" → subnet-..., but "apigatewayv2_vpc_link" is not a VPC: the keyword must end the words. */
export function idFor(words: string, seed: string): string {
  const prefix = idPrefixes.find(([re]) => {
    const m = re.exec(words);
    return m !== null && m.index + m[0].length === words.length;
  })?.[1];
  return prefix ? `${prefix}-${stableHex(seed, 17)}` : stableHex(seed, 16);
}
