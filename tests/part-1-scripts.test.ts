// The reviewer's three commands, run against stubs of aws, cdk and docker that record each call,
// in a copy of the project so that the settings deploy keeps land in a folder of the test's own.
import { spawn } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appDir, part1Dir } from './helpers/part-1.ts';
import { appPython, startApp, type AppServer } from './helpers/part-1-server.ts';
import { stubCommands, type StubAnswer, type StubCall } from './helpers/stub-commands.ts';
import { tempDir } from './helpers/temp.ts';
import { run as runCommand } from '../src/lib/run-command.ts';

const account = '123456789012';
const region = 'eu-west-1';
const distribution = 'd111111abcdef8.cloudfront.net';
const outputs = {
  ApiUrl: `https://${distribution}/`,
  DistributionDomainName: distribution,
  ClusterName: 'FlaskTokenApi-Cluster',
  ServiceName: 'FlaskTokenApi-Service',
  TokenSecretArn: `arn:aws:secretsmanager:${region}:${account}:secret:ApiToken-AbCdEf`,
  ImageRepository: `cdk-hnb659fds-container-assets-${account}-${region}`,
  ImageTag: '0830754729',
};
const deployedWith = (values: Record<string, string>): StubAnswer => ({
  match: 'aws cloudformation describe-stacks --stack-name FlaskTokenApi',
  stdout: JSON.stringify({
    Stacks: [
      {
        Outputs: Object.entries(values).map(([OutputKey, OutputValue]) => ({
          OutputKey,
          OutputValue,
        })),
      },
    ],
  }),
});
const deployed = deployedWith(outputs);
const identity: StubAnswer = {
  match: 'aws sts get-caller-identity',
  stdout: JSON.stringify({ Account: account }),
};
const roleTaken: StubAnswer = {
  match: 'aws iam create-service-linked-role',
  stderr:
    'An error occurred (InvalidInput) when calling the CreateServiceLinkedRole operation: Service role name AWSServiceRoleForECS has been taken in this account, please try a different suffix.\n',
  code: 254,
};
const noZones: StubAnswer = {
  match: 'aws route53 list-hosted-zones',
  stdout: JSON.stringify({ HostedZones: [] }),
};
const missing = (stack: string): StubAnswer => ({
  match: `aws cloudformation describe-stacks --stack-name ${stack}`,
  stderr: `An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id ${stack} does not exist\n`,
  code: 254,
});
const certificateArn = `arn:aws:acm:us-east-1:${account}:certificate/0a1b2c3d`;

/** A copy of what the scripts need (package.json for ESM, lib/, scripts/), as a reviewer has it. */
async function projectCopy(): Promise<string> {
  const dir = await tempDir('part-1-project');
  for (const path of ['package.json', 'lib', 'scripts']) {
    await cp(join(part1Dir, path), join(dir, path), { recursive: true });
  }
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

async function script(
  name: string,
  args: string[],
  answers: StubAnswer[],
  {
    env = {},
    input = '',
    project,
  }: { env?: Record<string, string>; input?: string; project?: string } = {},
) {
  const cwd = project ?? (await projectCopy());
  const stubs = await stubCommands(['aws', 'cdk', 'docker'], answers);
  const result = await runWithInput(
    process.execPath,
    [`scripts/${name}.ts`, ...args],
    { cwd, env: { ...stubs.env, AWS_REGION: region, ...env } },
    input,
  );
  const calls = await stubs.calls();
  return { ...result, calls, lines: calls.map((c) => [c.command, ...c.args].join(' ')), cwd };
}

const line = (call: StubCall) => [call.command, ...call.args].join(' ');
const savedSettings = async (project: string) =>
  JSON.parse(await readFile(join(project, 'cdk.context.json'), 'utf8')) as Record<string, string>;

describe('npm run deploy', () => {
  it('deploys with the generated token, and says how to read and try it without printing it', async () => {
    const result = await script('deploy', [], [identity, roleTaken, deployed]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines).toEqual([
      'docker info --format {{.ServerVersion}}',
      'aws sts get-caller-identity --output json',
      'aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com --output json',
      `aws cloudformation describe-stacks --stack-name CDKToolkit --region ${region} --output json`,
      'cdk deploy FlaskTokenApi --require-approval never',
      `aws cloudformation describe-stacks --stack-name FlaskTokenApi --region ${region} --output json`,
    ]);
    const read = `aws secretsmanager get-secret-value --secret-id ${outputs.TokenSecretArn} --region ${region} --query SecretString --output text`;
    expect(result.stdout).toContain(`API:         https://${distribution}/`);
    expect(result.stdout).toContain(`Read token:  ${read}`);
    expect(result.stdout).toContain(
      `Try it:      ${read} | sed 's/^/Authorization: Token /' | curl -sS -H @- https://${distribution}/`,
    );
    expect(result.stdout).not.toContain('$(');
    expect(result.stdout).toMatch(/desiredCount\s+1\n\s+natGateway\s+false/);
  });

  it('on a brand-new account creates the ECS service-linked role and bootstraps the CDK before deploying', async () => {
    const result = await script('deploy', [], [identity, missing('CDKToolkit'), deployed]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines.slice(2, 6)).toEqual([
      'aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com --output json',
      `aws cloudformation describe-stacks --stack-name CDKToolkit --region ${region} --output json`,
      `cdk bootstrap aws://${account}/${region}`,
      'cdk deploy FlaskTokenApi --require-approval never',
    ]);
    expect(result.stdout).toContain('Created the ECS service-linked role');
  });

  it('goes on when it may not create the role, saying what to ask an administrator', async () => {
    const denied: StubAnswer = {
      match: 'aws iam create-service-linked-role',
      stderr:
        'An error occurred (AccessDenied) when calling the CreateServiceLinkedRole operation\n',
      code: 254,
    };
    const result = await script('deploy', [], [identity, denied, deployed]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com',
    );
    expect(result.lines).toContain('cdk deploy FlaskTokenApi --require-approval never');
  });

  it('keeps -c settings for the next deploys, prints them each time, and clears one with key=', async () => {
    const project = await projectCopy();
    await writeFile(join(project, 'cdk.context.json'), JSON.stringify({ 'lookup:kept': 'yes' }));
    const first = await script(
      'deploy',
      ['-c', 'natGateway=true', '-c', 'desiredCount=2'],
      [identity, roleTaken, deployed],
      { project },
    );
    expect(first.code, first.stderr).toBe(0);
    expect(await savedSettings(project)).toEqual({
      'lookup:kept': 'yes',
      desiredCount: '2',
      natGateway: 'true',
    });
    // The CDK CLI reads cdk.context.json by itself: the deploy command needs no --context.
    expect(first.lines).toContain('cdk deploy FlaskTokenApi --require-approval never');

    const second = await script('deploy', [], [identity, roleTaken, deployed], { project });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/desiredCount\s+2\n\s+natGateway\s+true/);
    expect(await savedSettings(project)).toMatchObject({ desiredCount: '2', natGateway: 'true' });

    const third = await script('deploy', ['-c', 'natGateway='], [identity, roleTaken, deployed], {
      project,
    });
    expect(third.code, third.stderr).toBe(0);
    expect(await savedSettings(project)).toEqual({ 'lookup:kept': 'yes', desiredCount: '2' });
    expect(third.stdout).toMatch(/natGateway\s+false/);
  });

  it('with a domain in a Route 53 zone of the account, lets the stack create the record', async () => {
    const zones: StubAnswer = {
      match: 'aws route53 list-hosted-zones',
      stdout: JSON.stringify({
        HostedZones: [
          { Id: '/hostedzone/ZPRIVATE1', Name: 'example.com.', Config: { PrivateZone: true } },
          { Id: '/hostedzone/ZAPEX1234', Name: 'example.com.', Config: { PrivateZone: false } },
          { Id: '/hostedzone/ZSUB56789', Name: 'api.example.com.', Config: { PrivateZone: false } },
          { Id: '/hostedzone/ZOTHER000', Name: 'other.org.', Config: { PrivateZone: false } },
        ],
      }),
    };
    const result = await script(
      'deploy',
      ['-c', 'domainName=v1.api.example.com', '-c', `certificateArn=${certificateArn}`],
      [
        identity,
        roleTaken,
        zones,
        deployedWith({ ...outputs, ApiUrl: 'https://v1.api.example.com/' }),
      ],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(await savedSettings(result.cwd)).toEqual({
      domainName: 'v1.api.example.com',
      certificateArn,
      hostedZoneId: 'ZSUB56789',
    });
    expect(result.stdout).toContain('API:         https://v1.api.example.com/');
    expect(result.stdout).not.toContain('CNAME');
  });

  it('with a domain elsewhere, prints the CNAME to add and an address that works until then', async () => {
    const result = await script(
      'deploy',
      ['-c', 'domainName=api.example.net', '-c', `certificateArn=${certificateArn}`],
      [identity, roleTaken, noZones, deployed],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`api.example.net.  CNAME  ${distribution}`);
    expect(result.stdout).toContain('apex, such as example.com itself, a CNAME is not allowed');
    expect(result.stdout).toContain(`API:         https://${distribution}/`);
    expect(await savedSettings(result.cwd)).not.toHaveProperty('hostedZoneId');
  });

  it('names cdk.context.json when a kept setting no longer holds', async () => {
    const project = await projectCopy();
    await writeFile(join(project, 'cdk.context.json'), JSON.stringify({ natGateway: 'yes' }));
    const result = await script('deploy', [], [identity, deployed], { project });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('-c natGateway must be true or false, not “yes”');
    expect(result.stderr).toContain(`natGateway from ${join(project, 'cdk.context.json')}`);
    expect(result.calls).toEqual([]);
  });

  it('stops before deploying without credentials, and says how to set them', async () => {
    const result = await script(
      'deploy',
      [],
      [{ match: 'aws sts', stderr: 'Unable to locate credentials.\n', code: 253 }],
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /no working credentials \(Unable to locate credentials\.\).*aws configure/,
    );
    expect(result.lines.some((l) => l.startsWith('cdk'))).toBe(false);
  });

  it('stops without a region, and says how to set one', async () => {
    const result = await script(
      'deploy',
      [],
      [identity, { match: 'aws configure get region', code: 1 }],
      { env: { AWS_REGION: '' } },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No AWS region is set');
    expect(result.lines).toContain('aws configure get region');
  });

  it('stops when Docker is not running', async () => {
    const result = await script(
      'deploy',
      [],
      [{ match: 'docker info', stderr: 'Cannot connect to the Docker daemon\n', code: 1 }],
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Docker is installed but not running');
    expect(result.lines).toEqual(['docker info --format {{.ServerVersion}}']);
  });

  it('refuses unknown settings, bad values and a token on the command line before calling anything', async () => {
    for (const [args, message] of [
      [['-c', 'natgateway=true'], '-c natgateway is not a setting of this stack'],
      [['-c', 'desiredCount=0'], '-c desiredCount must be a whole number from 1 to 10'],
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
      const result = await script('deploy', [...args], [identity, deployed]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toContain(message);
      expect(result.calls).toEqual([]);
      expect(existsSync(join(result.cwd, 'cdk.context.json'))).toBe(false);
    }
  });
});

describe('npm run set-token', () => {
  it('reads the token from standard input, stores it through a private file and rolls the service', async () => {
    const token = 'a-brand-new-token-2026';
    const result = await script('set-token', [], [identity, deployed], { input: `${token}\n` });
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'aws sts get-caller-identity',
      'aws cloudformation describe-stacks',
      'aws secretsmanager put-secret-value',
      'aws ecs update-service',
      'aws ecs wait',
    ]);
    const put = result.calls.find((c) => c.args[1] === 'put-secret-value')!;
    const [[file, contents]] = Object.entries(put.files) as [[string, string]];
    expect(contents).toBe(token);
    expect(existsSync(file)).toBe(false);
    for (const call of result.calls) expect(line(call)).not.toContain(token);
    expect(result.stdout + result.stderr).not.toContain(token);
    expect(result.stdout).toContain('The new token is live');
  });

  it('generates a strong token with --generate, and prints it once', async () => {
    const result = await script('set-token', ['--generate'], [identity, deployed]);
    expect(result.code, result.stderr).toBe(0);
    const put = result.calls.find((c) => c.args[1] === 'put-secret-value')!;
    const [token] = Object.values(put.files) as [string];
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
      const result = await script('set-token', [...args], [identity, deployed], { input });
      expect(result.code, message).toBe(1);
      expect(result.stderr).toContain(message);
      expect(result.calls).toEqual([]);
    }
  });

  it('says to deploy again when the stack lacks its outputs', async () => {
    const result = await script('set-token', [], [identity, deployedWith({})], {
      input: 'another-token-12345',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has no output ApiUrl');
    expect(result.lines.some((l) => l.includes('put-secret-value'))).toBe(false);
  });

  it('says to deploy first when the stack is not there', async () => {
    const result = await script('set-token', [], [identity, missing('FlaskTokenApi')], {
      input: 'another-token-12345',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`FlaskTokenApi is not deployed in ${region}`);
    expect(result.lines.some((l) => l.includes('put-secret-value'))).toBe(false);
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
    const { checkToken } = await import('../content/devops/part-1/scripts/lib/stack.ts');
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

describe('the printed "Try it" line', () => {
  const token = 'try-it-token-5be02c7d9a14';
  let server: AppServer;
  beforeAll(async () => {
    server = await startApp({ APP_SECRET_TOKEN: token });
    return () => server.child.kill();
  });

  it('calls the printed URL with the token from Secrets Manager, and works as printed', async () => {
    const url = `${server.url}/`;
    const printed = await script(
      'deploy',
      [],
      [identity, roleTaken, deployedWith({ ...outputs, ApiUrl: url })],
    );
    const tryIt = /^Try it: +(.+)$/m.exec(printed.stdout)![1]!;
    // The same line in a shell, with an aws that answers what Secrets Manager would.
    const stubs = await stubCommands(
      ['aws'],
      [{ match: 'aws secretsmanager get-secret-value', stdout: `${token}\n` }],
    );
    const result = await runCommand('sh', ['-c', tryIt], {
      env: { ...stubs.env, PATH: `${stubs.env.PATH}:${process.env.PATH}` },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ message: 'Hello! You are authenticated.' });
  });
});

describe('npm run destroy', () => {
  it('deletes the stack, then the image; CloudFormation already deleted the secret', async () => {
    const result = await script('destroy', [], [identity, deployed]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines.slice(2)).toEqual([
      'cdk destroy FlaskTokenApi --force',
      `aws ecr batch-delete-image --repository-name ${outputs.ImageRepository} --image-ids imageTag=${outputs.ImageTag} --region ${region} --output json`,
    ]);
    expect(result.stdout).toContain('CDKToolkit');
  });

  it('takes an image repository already gone as done', async () => {
    const result = await script(
      'destroy',
      [],
      [
        identity,
        deployed,
        {
          match: 'aws ecr batch-delete-image',
          stderr: 'An error occurred (RepositoryNotFoundException)\n',
          code: 254,
        },
      ],
    );
    expect(result.code, result.stderr).toBe(0);
  });

  it('deletes a stack whose first deploy failed (no outputs), saying the image may stay', async () => {
    const result = await script('destroy', [], [identity, deployedWith({})]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines.slice(2)).toEqual(['cdk destroy FlaskTokenApi --force']);
    expect(result.stdout).toContain('no image was removed');
    expect(result.stdout).toContain(`cdk-hnb659fds-container-assets-${account}-${region}`);
  });

  it('names the service-linked roles it leaves, and what to do when CloudFront holds the VPC', async () => {
    const done = await script('destroy', [], [identity, deployed]);
    for (const role of [
      'AWSServiceRoleForECS',
      'AWSServiceRoleForElasticLoadBalancing',
      'AWSServiceRoleForCloudFrontVPCOrigin',
    ]) {
      expect(done.stdout).toContain(role);
    }
    const failed = await script(
      'destroy',
      [],
      [identity, deployed, { match: 'cdk destroy', code: 1 }],
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('CloudFront-VPCOrigins-Service-SG');
    expect(failed.stderr).toContain('run `npm run destroy` again');
    expect(failed.lines.some((l) => l.startsWith('aws ecr'))).toBe(false);
  });

  it('does nothing when there is nothing to destroy', async () => {
    const result = await script('destroy', [], [identity, missing('FlaskTokenApi')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to destroy');
    expect(result.lines.some((l) => l.startsWith('cdk'))).toBe(false);
  });
});
