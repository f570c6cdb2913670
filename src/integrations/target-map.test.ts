import { describe, expect, it } from 'vitest';
import { createTargetMap, layerTargets } from './target-map.js';

const LISTENER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65';
const LOAD_BALANCER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:loadbalancer/app/my-load-balancer/50dc6c495c0c9188';
const SERVICE = 'arn:aws:servicediscovery:us-east-2:123456789012:service/srv-abcdef1234567890';

describe('createTargetMap', () => {
  it('matches an exact listener ARN first', () => {
    const map = createTargetMap({ [LISTENER]: ['http://127.0.0.1:1'], 'my-load-balancer': ['http://127.0.0.1:2'] });
    expect(map.resolve(LISTENER)).toEqual(['http://127.0.0.1:1']);
  });

  it('falls back to the load balancer ARN, then its name, found inside a listener ARN', () => {
    expect(createTargetMap({ [LOAD_BALANCER]: ['http://127.0.0.1:3'] }).resolve(LISTENER)).toEqual(['http://127.0.0.1:3']);
    const byName = createTargetMap({ 'my-load-balancer': ['http://127.0.0.1:2', 'https://10.0.0.2:8443'] });
    expect(byName.resolve(LISTENER)).toEqual(['http://127.0.0.1:2', 'https://10.0.0.2:8443']);
    expect(byName.resolve(LISTENER.replace('my-load-balancer', 'other-lb'))).toBeUndefined();
  });

  it('matches Cloud Map service ARNs; ?attr=value filters select the instances whose attributes match all of them', () => {
    const map = createTargetMap({
      [SERVICE]: [
        { url: 'http://127.0.0.1:4', attributes: { stage: 'prod', deployment: 'green' } },
        { url: 'http://127.0.0.1:5', attributes: { stage: 'prod', deployment: 'blue' } },
        'http://127.0.0.1:6',
      ],
    });
    expect(map.resolve(SERVICE)).toEqual(['http://127.0.0.1:4', 'http://127.0.0.1:5', 'http://127.0.0.1:6']);
    expect(map.resolve(`${SERVICE}?stage=prod`)).toEqual(['http://127.0.0.1:4', 'http://127.0.0.1:5']);
    expect(map.resolve(`${SERVICE}?stage=prod&deployment=green`)).toEqual(['http://127.0.0.1:4']);
    expect(map.resolve(`${SERVICE}?stage=Prod`)).toBeUndefined();
    expect(map.lookup(`${SERVICE}?stage=test`)).toMatchObject({ kind: 'no-match', filters: { stage: 'test' } });
    expect(map.lookup(SERVICE.replace('srv-abc', 'srv-xyz'))).toEqual({ kind: 'unmapped' });
  });

  it('decodes filter values and keeps the last value of a repeated key (QueryParameters is a map)', () => {
    const map = createTargetMap({ [SERVICE]: [{ url: 'http://127.0.0.1:4', attributes: { version: 'v 1', az: '1a' } }] });
    expect(map.resolve(`${SERVICE}?version=v%201`)).toEqual(['http://127.0.0.1:4']);
    expect(map.resolve(`${SERVICE}?az=1b&az=1a`)).toEqual(['http://127.0.0.1:4']);
    expect(map.resolve(`${SERVICE}?`)).toEqual(['http://127.0.0.1:4']);
  });

  it('refuses attribute values that are not strings', () => {
    const bad = { url: 'http://127.0.0.1:4', attributes: { weight: 3 } } as unknown as { url: string };
    expect(() => createTargetMap({ [SERVICE]: [bad] })).toThrow(/attribute "weight".*must be a string/);
  });

  it('maps a Terraform address through the stand-in ARN Portico invented for it', () => {
    const invented = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/front/0000000000000000/0000000000000001';
    const map = createTargetMap({ 'aws_lb_listener.front': ['http://127.0.0.1:5'] }, { aliases: { 'aws_lb_listener.front': invented } });
    expect(map.resolve(invented)).toEqual(['http://127.0.0.1:5']);
  });

  it('answers undefined for an unmapped URI and refuses URLs that are not http(s)', () => {
    expect(createTargetMap({}).resolve(LISTENER)).toBeUndefined();
    expect(() => createTargetMap({ [LISTENER]: ['ftp://x'] })).toThrow(/http:\/\/ or https:\/\//);
    expect(() => createTargetMap({ [LISTENER]: ['not a url'] })).toThrow(/not a URL/);
    expect(() => createTargetMap({ [LISTENER]: [] })).toThrow(/no URL/);
  });
});

describe('layerTargets: the command line over portico.json', () => {
  const LISTENER_ARN =
    'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65';
  const LB_ARN = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:loadbalancer/app/my-load-balancer/50dc6c495c0c9188';
  const OTHER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/other-lb/1111/2222';
  const resolveIn = (table: Record<string, string[]>): readonly string[] | undefined => createTargetMap(table).resolve(LISTENER_ARN);

  it("a load-balancer name given on the command line wins over the file's listener and load-balancer ARNs", () => {
    const file = { [LISTENER_ARN]: ['http://file-listener:1'], [LB_ARN]: ['http://file-lb:1'], [OTHER]: ['http://other:1'] };
    const merged = layerTargets(file, { 'my-load-balancer': ['http://cli:1'] });
    expect(resolveIn(merged)).toEqual(['http://cli:1']);
    expect(createTargetMap(merged).resolve(OTHER)).toEqual(['http://other:1']);
  });

  it("a load-balancer ARN on the command line wins over the file's listener ARNs under it, not over other keys", () => {
    const merged = layerTargets({ [LISTENER_ARN]: ['http://file:1'], 'other-lb': ['http://other:1'] }, { [LB_ARN]: ['http://cli:1'] });
    expect(resolveIn(merged)).toEqual(['http://cli:1']);
    expect(merged['other-lb']).toEqual(['http://other:1']);
  });

  it('without a command-line key for that load balancer, the most specific file key still wins', () => {
    const merged = layerTargets(
      { [LISTENER_ARN]: ['http://listener:1'], 'my-load-balancer': ['http://name:1'] },
      { 'other-lb': ['http://cli:1'] },
    );
    expect(resolveIn(merged)).toEqual(['http://listener:1']);
  });
});
