// The custom resources' inline code (lib/custom-resources/index.cjs), exactly as template.yaml
// carries it, run with its AWS calls, its reply to CloudFormation and its clock stubbed.
import { createRequire } from 'node:module';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { part1Dir } from './helpers/part-1.ts';
import { tempDir } from './helpers/temp.ts';

interface Zone {
  ZoneName: string;
  ZoneId: string;
  ZoneType?: string;
  State?: string;
}
interface Reply {
  Status: string;
  Reason?: string;
  PhysicalResourceId: string;
  Data?: Record<string, string>;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
}
type Send = (
  service: string,
  action: string,
  input: Record<string, unknown>,
  region?: string,
) => Promise<unknown>;

/** The function's code as template.yaml carries it, loaded as Lambda loads it: a CommonJS file. */
async function templateCode(): Promise<string> {
  const template = parse(await readFile(join(part1Dir, 'template.yaml'), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: { Code?: { ZipFile?: string } } }>;
  };
  const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function');
  const file = join(await tempDir('custom-resources'), 'index.cjs');
  await writeFile(file, fn!.Properties.Code!.ZipFile!);
  return file;
}

const code = createRequire(import.meta.url)(await templateCode()) as {
  pickZones: (zones: Zone[], asked?: string) => Zone[];
  makeHandler: (deps: {
    send: Send;
    respond: (url: string, body: Reply) => Promise<void>;
    sleep: (ms: number) => Promise<void>;
    log: (line: string) => void;
  }) => (
    event: Record<string, unknown>,
    context: { getRemainingTimeInMillis(): number },
  ) => Promise<void>;
};

const zone = (letter: string, id: string, extra: Partial<Zone> = {}): Zone => ({
  ZoneName: `ca-central-1${letter}`,
  ZoneId: `cac1-az${id}`,
  ZoneType: 'availability-zone',
  State: 'available',
  ...extra,
});

/** Runs one request through the handler; returns its reply and every AWS call it made. */
async function request(
  type: string,
  properties: Record<string, string>,
  answers: Record<string, (input: Record<string, unknown>) => unknown>,
  { requestType = 'Create', remainingMs = 600_000, physicalId = 'existing-id' } = {},
) {
  const calls: ([string, Record<string, unknown>] | [string, Record<string, unknown>, string])[] =
    [];
  const replies: [string, Reply][] = [];
  let slept = 0;
  const handler = code.makeHandler({
    send: async (service, action, input, region) => {
      calls.push(
        region === undefined
          ? [`${service}:${action}`, input]
          : [`${service}:${action}`, input, region],
      );
      const answer = answers[`${service}:${action}`];
      if (!answer) throw new Error(`unexpected call ${service}:${action}`);
      return answer(input);
    },
    respond: async (url, body) => {
      replies.push([url, body]);
    },
    sleep: async (ms) => {
      slept += ms;
    },
    log: () => {},
  });
  await handler(
    {
      RequestType: requestType,
      ResourceType: type,
      ResourceProperties: properties,
      ResponseURL: 'https://cloudformation-custom-resource-response.example/reply',
      StackId: 'arn:aws:cloudformation:ca-central-1:123456789012:stack/FlaskTokenApi/1',
      RequestId: 'request-1',
      LogicalResourceId: 'Resource',
      ...(requestType === 'Create' ? {} : { PhysicalResourceId: physicalId }),
    },
    { getRemainingTimeInMillis: () => remainingMs - slept },
  );
  expect(replies).toHaveLength(1);
  expect(replies[0]![0]).toBe('https://cloudformation-custom-resource-response.example/reply');
  return { reply: replies[0]![1], calls, slept };
}

describe('the zones the stack picks', () => {
  const region = [zone('a', '1'), zone('b', '2'), zone('d', '4'), zone('c', '3')];

  it('skips zones where VPC origins do not work, by zone ID, whatever their name', () => {
    expect(code.pickZones(region).map((z) => z.ZoneId)).toEqual(['cac1-az1', 'cac1-az2']);
    const renamed = [zone('a', '3'), zone('b', '1'), zone('d', '4')];
    expect(code.pickZones(renamed).map((z) => z.ZoneId)).toEqual(['cac1-az1', 'cac1-az4']);
    const closed = [zone('a', '1', { State: 'impaired' }), zone('b', '2'), zone('d', '4')];
    expect(code.pickZones(closed).map((z) => z.ZoneId)).toEqual(['cac1-az2', 'cac1-az4']);
    const local = [zone('a', '1'), zone('b', '2', { ZoneType: 'local-zone' }), zone('d', '4')];
    expect(code.pickZones(local).map((z) => z.ZoneId)).toEqual(['cac1-az1', 'cac1-az4']);
  });

  it('leaves out every zone the CloudFront guide’s VPC origins table excludes', () => {
    const named = (name: string, id: string): Zone => ({ ZoneName: name, ZoneId: id });
    const cases: [Zone[], string[]][] = [
      [
        [
          named('us-east-1a', 'use1-az3'),
          named('us-east-1b', 'use1-az1'),
          named('us-east-1c', 'use1-az2'),
        ],
        ['use1-az1', 'use1-az2'],
      ],
      [
        [
          named('us-west-1a', 'usw1-az2'),
          named('us-west-1b', 'usw1-az1'),
          named('us-west-1c', 'usw1-az3'),
        ],
        ['usw1-az1', 'usw1-az3'],
      ],
      [
        [
          named('ap-northeast-1a', 'apne1-az3'),
          named('ap-northeast-1c', 'apne1-az1'),
          named('ap-northeast-1d', 'apne1-az2'),
        ],
        ['apne1-az1', 'apne1-az2'],
      ],
    ];
    for (const [zones, picked] of cases)
      expect(code.pickZones(zones).map((z) => z.ZoneId)).toEqual(picked);
  });

  it('takes two zones by ID or name, and refuses an unsupported, unknown or single one', () => {
    expect(code.pickZones(region, 'cac1-az4,ca-central-1b').map((z) => z.ZoneName)).toEqual([
      'ca-central-1d',
      'ca-central-1b',
    ]);
    expect(() => code.pickZones(region, 'cac1-az3,cac1-az1')).toThrow(
      'cac1-az3 (cac1-az3) does not support CloudFront VPC origins; choose two of: ca-central-1a (cac1-az1), ca-central-1b (cac1-az2), ca-central-1d (cac1-az4)',
    );
    expect(() => code.pickZones(region, 'cac1-az9,cac1-az1')).toThrow(
      'cac1-az9 is not an available zone of this region',
    );
    expect(() => code.pickZones(region, 'cac1-az1,ca-central-1a')).toThrow('exactly two different');
  });

  it('refuses a region with fewer than two zones that work, saying so', () => {
    expect(() => code.pickZones([zone('a', '1'), zone('c', '3')])).toThrow(
      'This region has fewer than two Availability Zones that support CloudFront VPC origins (ca-central-1a (cac1-az1)): deploy to another region.',
    );
  });

  it('answers CloudFormation with the two names and IDs, or the refusal as the reason', async () => {
    const describe = { 'EC2:DescribeAvailabilityZones': () => ({ AvailabilityZones: region }) };
    const { reply, calls } = await request('Custom::AvailabilityZones', { ZoneIds: '' }, describe);
    expect(calls).toEqual([
      [
        'EC2:DescribeAvailabilityZones',
        { Filters: [{ Name: 'zone-type', Values: ['availability-zone'] }] },
      ],
    ]);
    expect(reply).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'cac1-az1,cac1-az2',
      Data: {
        Zone1: 'ca-central-1a',
        Zone2: 'ca-central-1b',
        ZoneId1: 'cac1-az1',
        ZoneId2: 'cac1-az2',
      },
      StackId: expect.stringContaining('FlaskTokenApi'),
      RequestId: 'request-1',
      LogicalResourceId: 'Resource',
    });
    const refused = await request(
      'Custom::AvailabilityZones',
      { ZoneIds: 'cac1-az3,cac1-az1' },
      describe,
    );
    expect(refused.reply.Status).toBe('FAILED');
    expect(refused.reply.Reason).toContain('does not support CloudFront VPC origins');
    expect(refused.reply.PhysicalResourceId).toBe('Resource-failed');
  });
});

describe('the other custom resources', () => {
  it('reads the ID of CloudFront’s origin-facing prefix list in the region', async () => {
    const { reply, calls } = await request(
      'Custom::PrefixList',
      { PrefixListName: 'com.amazonaws.global.cloudfront.origin-facing' },
      {
        'EC2:DescribeManagedPrefixLists': () => ({
          PrefixLists: [{ PrefixListId: 'pl-3b927c52' }],
        }),
      },
    );
    expect(calls[0]![1]).toEqual({
      Filters: [
        { Name: 'prefix-list-name', Values: ['com.amazonaws.global.cloudfront.origin-facing'] },
      ],
    });
    expect(reply).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'pl-3b927c52',
      Data: { PrefixListId: 'pl-3b927c52' },
    });
    const absent = await request(
      'Custom::PrefixList',
      { PrefixListName: 'x' },
      {
        'EC2:DescribeManagedPrefixLists': () => ({ PrefixLists: [] }),
      },
    );
    expect(absent.reply).toMatchObject({
      Status: 'FAILED',
      Reason: 'The managed prefix list x is not in this region.',
    });
  });

  it('empties the default security group, taking rules already gone as done', async () => {
    const gone = Object.assign(new Error('not found'), { name: 'InvalidPermission.NotFound' });
    const { reply, calls } = await request(
      'Custom::DefaultSecurityGroup',
      { GroupId: 'sg-0abc' },
      {
        'EC2:RevokeSecurityGroupIngress': () => ({}),
        'EC2:RevokeSecurityGroupEgress': () => {
          throw gone;
        },
      },
    );
    expect(calls).toEqual([
      [
        'EC2:RevokeSecurityGroupIngress',
        {
          GroupId: 'sg-0abc',
          IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0abc' }] }],
        },
      ],
      [
        'EC2:RevokeSecurityGroupEgress',
        {
          GroupId: 'sg-0abc',
          IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        },
      ],
    ]);
    expect(reply).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'sg-0abc' });
    const denied = await request(
      'Custom::DefaultSecurityGroup',
      { GroupId: 'sg-0abc' },
      {
        'EC2:RevokeSecurityGroupIngress': () => {
          throw Object.assign(new Error('You are not authorized'), {
            name: 'UnauthorizedOperation',
          });
        },
      },
    );
    expect(denied.reply).toMatchObject({ Status: 'FAILED', Reason: 'You are not authorized' });
  });

  it('does nothing on Delete: the repository empties itself, the VPC takes its group along', async () => {
    for (const type of ['Custom::AvailabilityZones', 'Custom::PrefixList', 'Custom::ImageBuild']) {
      const { reply, calls } = await request(type, {}, {}, { requestType: 'Delete' });
      expect(calls).toEqual([]);
      expect(reply).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'existing-id' });
    }
  });

  it('fails an unknown resource type instead of leaving CloudFormation waiting', async () => {
    const { reply } = await request('Custom::Nothing', {}, {});
    expect(reply).toMatchObject({
      Status: 'FAILED',
      Reason: 'Unknown resource type Custom::Nothing',
    });
  });
});

describe('the image build', () => {
  const image = '123456789012.dkr.ecr.ca-central-1.amazonaws.com/images:5a01e2326c77504a';
  const build = (statuses: string[], last: Record<string, unknown> = {}) => {
    let polls = 0;
    return {
      'CodeBuild:StartBuild': () => ({ build: { id: 'ImageBuild:1' } }),
      'CodeBuild:BatchGetBuilds': () => {
        const buildStatus = statuses[Math.min(polls++, statuses.length - 1)];
        return {
          builds: [
            {
              buildStatus,
              currentPhase: buildStatus === 'IN_PROGRESS' ? 'BUILD' : 'COMPLETED',
              logs: { deepLink: 'https://console.aws.amazon.com/cloudwatch/home#logEvent:1' },
              ...(buildStatus === 'IN_PROGRESS' ? {} : last),
            },
          ],
        };
      },
      'CodeBuild:StopBuild': () => ({}),
    };
  };

  it('starts the project, waits for it, and answers with the image it pushed', async () => {
    const { reply, calls, slept } = await request(
      'Custom::ImageBuild',
      { ProjectName: 'ImageBuild', ImageUri: image },
      build(['IN_PROGRESS', 'IN_PROGRESS', 'SUCCEEDED']),
    );
    expect(calls.map(([name]) => name)).toEqual([
      'CodeBuild:StartBuild',
      'CodeBuild:BatchGetBuilds',
      'CodeBuild:BatchGetBuilds',
      'CodeBuild:BatchGetBuilds',
    ]);
    expect(calls[0]![1]).toEqual({ projectName: 'ImageBuild' });
    expect(slept).toBe(30_000);
    expect(reply).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: image,
      Data: { ImageUri: image },
    });
  });

  it('fails with the phase that failed and a link to the build’s log', async () => {
    const { reply } = await request(
      'Custom::ImageBuild',
      { ProjectName: 'ImageBuild', ImageUri: image },
      build(['IN_PROGRESS', 'FAILED'], {
        phases: [
          { phaseType: 'PRE_BUILD', phaseStatus: 'SUCCEEDED' },
          {
            phaseType: 'BUILD',
            phaseStatus: 'FAILED',
            contexts: [{ message: 'COMMAND_EXECUTION_ERROR: docker build exit status 1' }],
          },
        ],
      }),
    );
    expect(reply.Status).toBe('FAILED');
    expect(reply.Reason).toBe(
      'The image build FAILED in BUILD: COMMAND_EXECUTION_ERROR: docker build exit status 1. Its log: https://console.aws.amazon.com/cloudwatch/home#logEvent:1',
    );
  });

  it('stops a build that would outlast the function, and says to deploy again', async () => {
    const { reply, calls } = await request(
      'Custom::ImageBuild',
      { ProjectName: 'ImageBuild', ImageUri: image },
      build(['IN_PROGRESS']),
      { remainingMs: 60_000 },
    );
    expect(calls.at(-1)).toEqual(['CodeBuild:StopBuild', { id: 'ImageBuild:1' }]);
    expect(reply).toMatchObject({ Status: 'FAILED' });
    expect(reply.Reason).toContain(
      'did not finish within the function’s 15 minutes'.replace('’', "'"),
    );
  });
});

describe('the AWS WAF web ACL', () => {
  const arn =
    'arn:aws:wafv2:us-east-1:123456789012:global/webacl/FlaskTokenApi-eu-west-1-request-/a1b2c3d4';
  const properties = { NamePrefix: 'FlaskTokenApi-eu-west-1', RateLimit: '1000' };
  const wafError = (name: string) => () => {
    throw Object.assign(new Error(name), { name });
  };

  it('creates it in us-east-1, where CloudFront reads web ACLs, with one rate-based rule that blocks', async () => {
    const { reply, calls } = await request('Custom::WebAcl', properties, {
      'WAFV2:CreateWebACL': () => ({ Summary: { ARN: arn, Id: 'a1b2c3d4' } }),
    });
    expect(reply).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn, Data: { Arn: arn } });
    expect(calls).toHaveLength(1);
    const [name, input, region] = calls[0]!;
    expect([name, region]).toEqual(['WAFV2:CreateWebACL', 'us-east-1']);
    expect(input).toMatchObject({
      Name: 'FlaskTokenApi-eu-west-1-request-',
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        {
          Name: 'RateLimitPerClientAddress',
          Priority: 0,
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: { Limit: 1000, EvaluationWindowSec: 300, AggregateKeyType: 'IP' },
          },
          VisibilityConfig: expect.objectContaining({ CloudWatchMetricsEnabled: true }),
        },
      ],
    });
  });

  it('deletes it with its lock token, waiting while CloudFront still holds it', async () => {
    let associated = 2;
    const { reply, calls, slept } = await request(
      'Custom::WebAcl',
      properties,
      {
        'WAFV2:GetWebACL': () => ({ LockToken: `token-${associated}` }),
        'WAFV2:DeleteWebACL': () => {
          if (associated-- > 0) wafError('WAFAssociatedItemException')();
          return {};
        },
      },
      { requestType: 'Delete', physicalId: arn },
    );
    expect(reply).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
    expect(calls.at(-1)).toEqual([
      'WAFV2:DeleteWebACL',
      {
        Name: 'FlaskTokenApi-eu-west-1-request-',
        Id: 'a1b2c3d4',
        LockToken: 'token-0',
        Scope: 'CLOUDFRONT',
      },
      'us-east-1',
    ]);
    expect(calls).toHaveLength(6);
    expect(slept).toBe(30_000);
  });

  it('deletes nothing when the create failed or the web ACL is already gone, and fails on any other error', async () => {
    const failed = await request('Custom::WebAcl', properties, {}, { requestType: 'Delete' });
    expect(failed.calls).toEqual([]);
    expect(failed.reply.Status).toBe('SUCCESS');
    const gone = await request(
      'Custom::WebAcl',
      properties,
      { 'WAFV2:GetWebACL': wafError('WAFNonexistentItemException') },
      { requestType: 'Delete', physicalId: arn },
    );
    expect(gone.reply.Status).toBe('SUCCESS');
    const denied = await request(
      'Custom::WebAcl',
      properties,
      { 'WAFV2:GetWebACL': wafError('AccessDeniedException') },
      { requestType: 'Delete', physicalId: arn },
    );
    expect(denied.reply).toMatchObject({ Status: 'FAILED', Reason: 'AccessDeniedException' });
  });
});

describe('the reply to CloudFormation', () => {
  it('logs a reply that cannot be sent instead of throwing it out of the handler', async () => {
    const lines: string[] = [];
    const handler = code.makeHandler({
      send: async () => ({ PrefixLists: [{ PrefixListId: 'pl-3b927c52' }] }),
      respond: async () => {
        throw new Error('CloudFormation refused the reply: 403');
      },
      sleep: async () => {},
      log: (line) => lines.push(line),
    });
    await expect(
      handler(
        {
          RequestType: 'Create',
          ResourceType: 'Custom::PrefixList',
          ResourceProperties: { PrefixListName: 'com.amazonaws.global.cloudfront.origin-facing' },
          ResponseURL: 'https://cloudformation-custom-resource-response.example/reply',
          StackId: 'arn:aws:cloudformation:ca-central-1:123456789012:stack/FlaskTokenApi/1',
          RequestId: 'request-1',
          LogicalResourceId: 'Resource',
        },
        { getRemainingTimeInMillis: () => 600_000 },
      ),
    ).resolves.toBeUndefined();
    expect(lines).toEqual([
      expect.stringContaining(
        'Could not send the SUCCESS reply to CloudFormation: Error: CloudFormation refused the reply: 403',
      ),
    ]);
  });
});
