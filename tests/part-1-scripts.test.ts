// The reviewer's three commands, run as a reviewer runs them: Node only on the PATH (no aws, no
// docker), stub credentials, and every AWS endpoint a local fake that records each call and
// answers as AWS would (AWS_ENDPOINT_URL). In a copy of the project, so that the settings deploy
// keeps land in a folder of the test's own.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appDir, part1Dir } from './helpers/part-1.ts';
import { appPython, startApp, type AppServer } from './helpers/part-1-server.ts';
import {
  fakeAws,
  queryError,
  queryResult,
  type AwsAnswers,
  type AwsCall,
} from './helpers/fake-aws.ts';
import { root } from './helpers/root.ts';
import { stubCommands } from './helpers/stub-commands.ts';
import { tempDir } from './helpers/temp.ts';
import { runScriptHere } from './helpers/part-1-script.ts';
import { run as runCommand } from '../src/lib/run-command.ts';

const account = '123456789012';
const region = 'eu-west-1';
const stackId = `arn:aws:cloudformation:${region}:${account}:stack/FlaskTokenApi/0a1b`;
const distribution = 'd111111abcdef8.cloudfront.net';
const outputs = {
  ApiUrl: `https://${distribution}/`,
  DistributionDomainName: distribution,
  ClusterName: 'FlaskTokenApi-Cluster',
  ServiceName: 'FlaskTokenApi-Service',
  TokenSecretArn: `arn:aws:secretsmanager:${region}:${account}:secret:ApiToken-AbCdEf`,
  ImageRepository: 'flasktokenapi-images2d38c313-abc',
  ImageTag: '5a01e2326c77504a',
};
const certificateArn = `arn:aws:acm:us-east-1:${account}:certificate/0a1b2c3d`;

const identity: AwsAnswers = {
  'sts:GetCallerIdentity': queryResult(
    'GetCallerIdentity',
    `<Account>${account}</Account><Arn>arn:aws:iam::${account}:user/reviewer</Arn><UserId>AIDA</UserId>`,
  ),
};
const zone = (name: string, id: string) =>
  `<item><zoneName>${name}</zoneName><zoneId>${id}</zoneId><zoneType>availability-zone</zoneType><zoneState>available</zoneState><regionName>${region}</regionName></item>`;
const zones = (...items: [string, string][]): AwsAnswers => ({
  'ec2:DescribeAvailabilityZones': {
    body: `<DescribeAvailabilityZonesResponse><requestId>1</requestId><availabilityZoneInfo>${items.map(([n, i]) => zone(n, i)).join('')}</availabilityZoneInfo></DescribeAvailabilityZonesResponse>`,
  },
});
const threeZones = zones(
  ['eu-west-1a', 'euw1-az3'],
  ['eu-west-1b', 'euw1-az1'],
  ['eu-west-1c', 'euw1-az2'],
);
const roleTaken: AwsAnswers = {
  'iam:CreateServiceLinkedRole': queryError(
    'InvalidInput',
    'Service role name AWSServiceRoleForECS has been taken in this account, please try a different suffix.',
  ),
};
const stackXml = (status: string, values: Record<string, string>) =>
  `<member><StackId>${stackId}</StackId><StackName>FlaskTokenApi</StackName><StackStatus>${status}</StackStatus><CreationTime>2026-12-05T07:00:00Z</CreationTime><Outputs>${Object.entries(
    values,
  )
    .map(([k, v]) => `<member><OutputKey>${k}</OutputKey><OutputValue>${v}</OutputValue></member>`)
    .join('')}</Outputs></member>`;
const describeStacks = (status: string, values: Record<string, string> = outputs) =>
  queryResult('DescribeStacks', `<Stacks>${stackXml(status, values)}</Stacks>`);
const noStack = queryError('ValidationError', 'Stack with id FlaskTokenApi does not exist');
const events = (status: string) =>
  queryResult(
    'DescribeStackEvents',
    `<StackEvents><member><EventId>e-${status}</EventId><StackId>${stackId}</StackId><StackName>FlaskTokenApi</StackName><LogicalResourceId>FlaskTokenApi</LogicalResourceId><ResourceType>AWS::CloudFormation::Stack</ResourceType><Timestamp>${new Date().toISOString()}</Timestamp><ResourceStatus>${status}</ResourceStatus></member></StackEvents>`,
  );
const deployed: AwsAnswers = { 'cloudformation:DescribeStacks': describeStacks('CREATE_COMPLETE') };

/**
 * CloudFormation as a first deploy sees it: no stack until CreateStack, then one that completes,
 * with `values` as its outputs.
 */
function firstDeploy(values: Record<string, string> = outputs): AwsAnswers {
  let created = false;
  return {
    'cloudformation:DescribeStacks': () =>
      created ? describeStacks('CREATE_COMPLETE', values) : noStack,
    'cloudformation:CreateStack': () => {
      created = true;
      return queryResult('CreateStack', `<StackId>${stackId}</StackId>`);
    },
    'cloudformation:DescribeStackEvents': () => events('CREATE_COMPLETE'),
  };
}

/** A copy of the project as a reviewer has it, its packages those `npm install` put at the root. */
async function projectCopy(): Promise<string> {
  const dir = await tempDir('part-1-project');
  for (const path of ['package.json', 'cdk.json', 'app', 'bin', 'lib', 'scripts']) {
    await cp(join(part1Dir, path), join(dir, path), { recursive: true });
  }
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Runs a command with `input` on its standard input (a pipe, as `printf … |` gives). */
function runWithInput(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
  input: string,
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * Runs `scripts/<name>.ts` with Node alone on the PATH, AWS faked with `answers`; returns what it
 * printed, its exit code, and the AWS calls it made in order (`service:Action`). In a Node process
 * of its own, as a reviewer runs it; or, with `here`, in this one (see `runScriptHere`), where a
 * second synth of the stack costs a tenth of the first.
 */
async function script(
  name: string,
  args: string[],
  answers: AwsAnswers,
  {
    env = {},
    input = '',
    project,
    here = false,
  }: { env?: Record<string, string>; input?: string; project?: string; here?: boolean } = {},
) {
  const cwd = project ?? (await projectCopy());
  const aws = await fakeAws(answers);
  const environment = {
    PATH: dirname(process.execPath),
    HOME: await tempDir('home'),
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    ...aws.env,
    ...env,
  };
  const result = here
    ? await runScriptHere(join(cwd, 'scripts', `${name}.ts`), args, environment)
    : await runWithInput(
        process.execPath,
        [`scripts/${name}.ts`, ...args],
        { cwd, env: environment },
        input,
      );
  return {
    ...result,
    calls: aws.calls,
    actions: aws.calls.map((c: AwsCall) => `${c.service}:${c.action}`),
    cwd,
  };
}

/** The task count range of the template a CreateStack call sent. */
function scaling(create: Record<string, unknown>) {
  const template = JSON.parse(String(create.TemplateBody)) as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const target = Object.values(template.Resources).find(
    (r) => r.Type === 'AWS::ApplicationAutoScaling::ScalableTarget',
  )!.Properties;
  return { MinCapacity: target.MinCapacity, MaxCapacity: target.MaxCapacity };
}

const savedSettings = async (project: string) =>
  JSON.parse(await readFile(join(project, 'cdk.context.json'), 'utf8')) as Record<string, string>;

describe('npm run deploy', () => {
  const token = 'try-it-token-5be02c7d9a14';
  let server: AppServer;
  beforeAll(async () => {
    server = await startApp({ APP_SECRET_TOKEN: token });
    return () => server.child.kill();
  });

  it('runs its pre-flight with no docker and no aws on the PATH, up to its first AWS call, signed with the credentials given', async () => {
    const result = await script('deploy', [], {
      'sts:GetCallerIdentity': queryError(
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
      ),
    });
    expect(result.code).toBe(1);
    expect(result.calls).toEqual([
      {
        service: 'sts',
        action: 'GetCallerIdentity',
        params: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        accessKey: 'AKIAREVIEWERSTUB',
      },
    ]);
    expect(result.stderr).toContain(
      '✗ AWS did not accept the credentials (InvalidClientTokenId: The security token included in the request is invalid.)',
    );
    expect(result.stderr).not.toMatch(/not found on PATH|docker|Traceback|at async/);
    expect(existsSync(join(result.cwd, 'cdk.context.json'))).toBe(false);
  });

  // The deploys that synthesise the stack run in this process (the tests around them run the
  // script as a Node process of its own, as a reviewer does): the CDK's validation engine, seconds
  // of CPU to start, starts once for all of them instead of once for each.
  it(
    'sends the synthesised template to CloudFormation itself, shows its progress, and prints a "Try it" line that works as printed',
    { timeout: 300_000 },
    async () => {
      const url = `${server.url}/`;
      const result = await script(
        'deploy',
        [],
        { ...identity, ...threeZones, ...roleTaken, ...firstDeploy({ ...outputs, ApiUrl: url }) },
        { here: true },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.actions).toEqual([
        'sts:GetCallerIdentity',
        'ec2:DescribeAvailabilityZones',
        'iam:CreateServiceLinkedRole',
        'cloudformation:DescribeStacks',
        'cloudformation:CreateStack',
        'cloudformation:DescribeStacks',
        'cloudformation:DescribeStackEvents',
        'cloudformation:DescribeStacks',
      ]);
      const create = result.calls.find((c) => c.action === 'CreateStack')!.params;
      expect(create).toMatchObject({
        StackName: 'FlaskTokenApi',
        'Capabilities.member.1': 'CAPABILITY_IAM',
        'Parameters.member.1.ParameterKey': 'AvailabilityZones',
        'Parameters.member.1.ParameterValue': '',
        'Parameters.member.2.ParameterKey': 'Waf',
        'Parameters.member.2.ParameterValue': 'false',
        OnFailure: 'ROLLBACK',
      });
      // The very template handed in as template.yaml: one source, two routes.
      const { parse } = await import('yaml');
      expect(JSON.parse(String(create.TemplateBody))).toEqual(
        parse(await readFile(join(part1Dir, 'template.yaml'), 'utf8')),
      );
      expect(result.stdout).toContain('zones eu-west-1a (euw1-az3), eu-west-1b (euw1-az1)');
      expect(result.stdout).toMatch(/CREATE_COMPLETE +AWS::CloudFormation::Stack FlaskTokenApi/);
      expect(result.stdout).toContain(`API:         ${url}`);
      expect(result.stdout).toContain(
        `https://${region}.console.aws.amazon.com/secretsmanager/secret?name=ApiToken-AbCdEf&region=${region}`,
      );
      // The "Try it" line in a shell, with an aws that answers what Secrets Manager would.
      const tryIt = /^Try it: +(.+)$/m.exec(result.stdout)![1]!;
      const stubs = await stubCommands(
        ['aws'],
        [{ match: 'aws secretsmanager get-secret-value', stdout: `${token}\n` }],
      );
      const called = await runCommand('sh', ['-c', tryIt], {
        env: { ...stubs.env, PATH: `${stubs.env.PATH}:${process.env.PATH}` },
      });
      expect(called.code, called.stderr).toBe(0);
      expect(JSON.parse(called.stdout)).toEqual({ message: 'Hello! You are authenticated.' });
      expect(await savedSettings(result.cwd)).toEqual({});
    },
  );

  it(
    'keeps -c settings for the next deploys, prints them each time, and clears one with key=',
    { timeout: 300_000 },
    async () => {
      const project = await projectCopy();
      const answers = () => ({ ...identity, ...threeZones, ...roleTaken, ...firstDeploy() });
      const first = await script(
        'deploy',
        [
          ...[
            '-c',
            'desiredCount=2',
            '-c',
            'maxTasks=4',
            '-c',
            'availabilityZones=euw1-az2,euw1-az1',
          ],
          ...['-c', 'domainName=api.example.com', '-c', `certificateArn=${certificateArn}`],
          ...['-c', 'waf=true'],
        ],
        {
          ...answers(),
          'route53:GET /2013-04-01/hostedzone': {
            body: '<ListHostedZonesResponse><HostedZones></HostedZones><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>',
          },
        },
        { project, here: true },
      );
      expect(first.code, first.stderr).toBe(0);
      expect(await savedSettings(project)).toEqual({
        desiredCount: '2',
        maxTasks: '4',
        availabilityZones: 'euw1-az2,euw1-az1',
        domainName: 'api.example.com',
        certificateArn,
        waf: 'true',
      });
      // The domain is in no Route 53 zone of this account: the record to add, and an address that
      // works until then.
      expect(first.stdout).toContain(`api.example.com.  CNAME  ${distribution}`);
      expect(first.stdout).toContain(`API:         ${outputs.ApiUrl}`);
      expect(first.stdout).toMatch(/maxTasks +4/);
      expect(first.stdout).toContain('zones eu-west-1c (euw1-az2), eu-west-1b (euw1-az1)');
      const create = first.calls.find((c) => c.action === 'CreateStack')!.params;
      expect(create['Parameters.member.1.ParameterValue']).toBe('euw1-az2,euw1-az1');
      expect(scaling(create)).toEqual({ MinCapacity: 2, MaxCapacity: 4 });
      expect(create['Parameters.member.2.ParameterValue']).toBe('true');
      expect(first.stdout).toMatch(/waf +true \(AWS WAF/);
      const second = await script(
        'deploy',
        ['-c', 'maxTasks=', '-c', 'domainName=', '-c', 'certificateArn=', '-c', 'waf='],
        answers(),
        { project, here: true },
      );
      expect(second.code, second.stderr).toBe(0);
      expect(await savedSettings(project)).toEqual({
        desiredCount: '2',
        availabilityZones: 'euw1-az2,euw1-az1',
      });
      expect(second.stdout).toMatch(/desiredCount +2/);
      // The template sent is synthesised with the settings kept, and without those cleared.
      const again = second.calls.find((c) => c.action === 'CreateStack')!.params;
      expect(scaling(again)).toEqual({ MinCapacity: 2, MaxCapacity: 3 });
      expect(String(again.TemplateBody)).not.toContain('api.example.com');
      expect(again['Parameters.member.2.ParameterValue']).toBe('false');
    },
  );

  it('refuses a region with fewer than two zones that take a VPC origin, before creating anything', async () => {
    const result = await script('deploy', [], {
      ...identity,
      ...zones(['ca-central-1a', 'cac1-az1'], ['ca-central-1c', 'cac1-az3']),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${region}: This region has fewer than two Availability Zones that support CloudFront VPC origins (ca-central-1a (cac1-az1)): deploy to another region.`,
    );
    expect(result.actions).toEqual(['sts:GetCallerIdentity', 'ec2:DescribeAvailabilityZones']);
    expect(existsSync(join(result.cwd, 'cdk.context.json'))).toBe(false);
  });

  it('stops without a region, and says how to set one, before any call', async () => {
    const result = await script('deploy', [], identity, { env: { AWS_REGION: '' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No AWS region is set');
    expect(result.calls).toEqual([]);
  });

  it('with -c imageBuild=local, needs Docker, and says so when it is not there', async () => {
    const result = await script('deploy', ['-c', 'imageBuild=local'], identity);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('`docker` was not found on PATH');
    expect(result.calls).toEqual([]);
  });

  it('names cdk.context.json when a kept setting no longer holds', async () => {
    const project = await projectCopy();
    await writeFile(join(project, 'cdk.context.json'), JSON.stringify({ natGateway: 'yes' }));
    const result = await script('deploy', [], identity, { project });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('-c natGateway must be true or false, not “yes”');
    expect(result.stderr).toContain(`natGateway from ${join(project, 'cdk.context.json')}`);
    expect(result.calls).toEqual([]);
  });

  // Eight runs of the script, each a Node process of its own; none loads the AWS SDK.
  it('refuses unknown settings, bad values and a token on the command line before calling anything', async () => {
    for (const [args, message] of [
      [['-c', 'natgateway=true'], '-c natgateway is not a setting of this stack'],
      [['-c', 'desiredCount=0'], '-c desiredCount must be a whole number from 1 to 10'],
      [['-c', 'maxTasks=50'], '-c maxTasks must be a whole number from desiredCount (1) to 20'],
      [['-c', 'imageBuild=podman'], '-c imageBuild must be codebuild or local'],
      [['-c', 'natGateway'], '-c takes key=value'],
      [['-c', 'domainName=api.example.com'], 'go together'],
      [
        [
          '-c',
          'domainName=api.example.com',
          '-c',
          `certificateArn=${certificateArn.replace('us-east-1', 'eu-west-1')}`,
        ],
        'in us-east-1',
      ],
      [['--token', 'reviewer-chosen-token-123'], "Unknown option '--token'"],
    ] as const) {
      const result = await script('deploy', [...args], identity);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toContain(message);
      expect(result.calls).toEqual([]);
      expect(existsSync(join(result.cwd, 'cdk.context.json'))).toBe(false);
    }
  });
});

const stableService = {
  'ecs:UpdateService': { body: { service: { serviceName: outputs.ServiceName } } },
  'ecs:DescribeServices': {
    body: {
      services: [
        {
          serviceName: outputs.ServiceName,
          status: 'ACTIVE',
          desiredCount: 1,
          runningCount: 1,
          deployments: [{ status: 'PRIMARY' }],
        },
      ],
      failures: [],
    },
  },
  'secretsmanager:PutSecretValue': { body: { ARN: outputs.TokenSecretArn, VersionId: 'v2' } },
};

describe('npm run set-token', () => {
  it('reads the token from standard input, stores it in Secrets Manager and rolls the service', async () => {
    const token = 'a-brand-new-token-2026';
    const result = await script(
      'set-token',
      [],
      { ...identity, ...deployed, ...stableService },
      {
        input: `${token}\n`,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.actions).toEqual([
      'sts:GetCallerIdentity',
      'cloudformation:DescribeStacks',
      'secretsmanager:PutSecretValue',
      'ecs:UpdateService',
      'ecs:DescribeServices',
    ]);
    expect(result.calls[2]!.params).toMatchObject({
      SecretId: outputs.TokenSecretArn,
      SecretString: token,
    });
    expect(result.calls[3]!.params).toEqual({
      cluster: outputs.ClusterName,
      service: outputs.ServiceName,
      forceNewDeployment: true,
    });
    expect(result.stdout + result.stderr).not.toContain(token);
    expect(result.stdout).toContain('The new token is live');
  });

  it('generates a strong token with --generate, and prints it once', async () => {
    const result = await script('set-token', ['--generate'], {
      ...identity,
      ...deployed,
      ...stableService,
    });
    expect(result.code, result.stderr).toBe(0);
    const token = String(
      result.calls.find((c) => c.action === 'PutSecretValue')!.params.SecretString,
    );
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(result.stdout.split(token)).toHaveLength(2);
  });

  it('refuses a token on the command line, a short one and a non-ASCII one before calling AWS', async () => {
    for (const [args, input, message] of [
      [['typed-in-the-shell-history'], '', 'not taken from the command line'],
      [[], 'short-token\n', 'at least 16 printable ASCII characters'],
      [[], 'contraseña-muy-secreta-2026\n', 'some outside ASCII'],
      [[], '\n', 'at least 16'],
    ] as const) {
      const result = await script('set-token', [...args], identity, { input });
      expect(result.code, message).toBe(1);
      expect(result.stderr).toContain(message);
      expect(result.calls).toEqual([]);
    }
  });

  it('says to deploy again when the stack lacks its outputs, and to deploy first when it is not there', async () => {
    const partial = await script(
      'set-token',
      [],
      { ...identity, 'cloudformation:DescribeStacks': describeStacks('ROLLBACK_COMPLETE', {}) },
      { input: 'another-token-12345' },
    );
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain('has no output ApiUrl');
    const absent = await script(
      'set-token',
      [],
      { ...identity, 'cloudformation:DescribeStacks': noStack },
      { input: 'another-token-12345' },
    );
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain(`FlaskTokenApi is not deployed in ${region}`);
    for (const result of [partial, absent]) {
      expect(result.actions).not.toContain('secretsmanager:PutSecretValue');
    }
  });
});

describe('the token rule', () => {
  it('is the same in the scripts and in the app', async () => {
    const samples = [
      'exactly-16-chars',
      'fifteen-chars-x',
      'contraseña-muy-secreta-2026',
      'with a space inside it',
      '~!@#$%^&*()_+{}|:"<>?',
      'a'.repeat(200),
    ];
    const { checkToken } = await import('../content/devops/part-1/scripts/lib/token-input.ts');
    const scripts = samples.map((token) => {
      try {
        checkToken(token);
        return true;
      } catch {
        return false;
      }
    });
    const python = await runCommand(
      appPython(),
      [
        '-c',
        'import json, sys; from app import check_token, ConfigurationError\n' +
          'def ok(t):\n  try:\n    check_token(t); return True\n  except ConfigurationError:\n    return False\n' +
          'print(json.dumps([ok(t) for t in json.loads(sys.argv[1])]))',
        JSON.stringify(samples),
      ],
      { cwd: appDir, env: { PATH: process.env.PATH!, PYTHONDONTWRITEBYTECODE: '1' } },
    );
    expect(python.code, python.stderr).toBe(0);
    expect(JSON.parse(python.stdout)).toEqual(scripts);
    expect(scripts).toEqual([true, false, false, false, true, true]);
  });
});

describe('npm run destroy', () => {
  it('deletes the stack and follows it until it is gone, then names what stays', async () => {
    let deleting = false;
    const result = await script('destroy', [], {
      ...identity,
      'cloudformation:DescribeStacks': () =>
        deleting ? noStack : describeStacks('CREATE_COMPLETE'),
      'cloudformation:DeleteStack': () => {
        deleting = true;
        return {
          body: '<DeleteStackResponse><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DeleteStackResponse>',
        };
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.actions).toEqual([
      'sts:GetCallerIdentity',
      'cloudformation:DescribeStacks',
      'cloudformation:DeleteStack',
      'cloudformation:DescribeStacks',
    ]);
    for (const role of [
      'AWSServiceRoleForECS',
      'AWSServiceRoleForElasticLoadBalancing',
      'AWSServiceRoleForApplicationAutoScaling_ECSService',
      'AWSServiceRoleForCloudFrontVPCOrigin',
    ]) {
      expect(result.stdout).toContain(role);
    }
    expect(result.stdout).not.toContain('CDKToolkit');
  });

  it('says what to do when CloudFront still holds the VPC', async () => {
    const failed = await script('destroy', [], {
      ...identity,
      'cloudformation:DescribeStacks': describeStacks('DELETE_FAILED'),
      'cloudformation:DeleteStack': {
        body: '<DeleteStackResponse><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DeleteStackResponse>',
      },
      'cloudformation:DescribeStackEvents': events('DELETE_FAILED'),
    });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('CloudFront-VPCOrigins-Service-SG');
    expect(failed.stderr).toContain('run `npm run destroy` again');
  });

  it('does nothing when there is nothing to destroy', async () => {
    const result = await script('destroy', [], {
      ...identity,
      'cloudformation:DescribeStacks': noStack,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to destroy');
    expect(result.actions).toEqual(['sts:GetCallerIdentity', 'cloudformation:DescribeStacks']);
  });
});
