// The reviewer's three commands, run against stubs of aws, cdk and docker that record each call.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { part1Dir } from './helpers/part-1.ts';
import { run } from '../src/lib/run-command.ts';
import { stubCommands, type StubAnswer, type StubCall } from './helpers/stub-commands.ts';

const account = '123456789012';
const region = 'eu-west-1';
const outputs = {
  ApiUrl: 'http://FlaskT-LoadB-abc.eu-west-1.elb.amazonaws.com/',
  ClusterName: 'FlaskTokenApi-Cluster',
  ServiceName: 'FlaskTokenApi-Service',
  TokenSecretArn: `arn:aws:secretsmanager:${region}:${account}:secret:ApiToken-AbCdEf`,
  ImageRepository: `cdk-hnb659fds-container-assets-${account}-${region}`,
  ImageTag: '0830754729',
};
const deployed: StubAnswer = {
  match: 'aws cloudformation describe-stacks --stack-name FlaskTokenApi',
  stdout: JSON.stringify({
    Stacks: [
      {
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({
          OutputKey,
          OutputValue,
        })),
      },
    ],
  }),
};
const identity: StubAnswer = {
  match: 'aws sts get-caller-identity',
  stdout: JSON.stringify({ Account: account }),
};
const missing = (stack: string): StubAnswer => ({
  match: `aws cloudformation describe-stacks --stack-name ${stack}`,
  stderr: `An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id ${stack} does not exist\n`,
  code: 254,
});

async function script(
  name: string,
  args: string[],
  answers: StubAnswer[],
  env: Record<string, string> = {},
) {
  const stubs = await stubCommands(['aws', 'cdk', 'docker'], answers);
  const result = await run(process.execPath, [`scripts/${name}.ts`, ...args], {
    cwd: part1Dir,
    env: { ...stubs.env, AWS_REGION: region, ...env },
  });
  const calls = await stubs.calls();
  return { ...result, calls, lines: calls.map((c) => [c.command, ...c.args].join(' ')) };
}

const line = (call: StubCall) => [call.command, ...call.args].join(' ');

describe('npm run deploy', () => {
  it('deploys with the generated token, and says how to read it without printing it', async () => {
    const result = await script('deploy', [], [identity, deployed]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines).toEqual([
      'docker info --format {{.ServerVersion}}',
      'aws sts get-caller-identity --output json',
      `aws cloudformation describe-stacks --stack-name CDKToolkit --region ${region} --output json`,
      'cdk deploy FlaskTokenApi --require-approval never',
      `aws cloudformation describe-stacks --stack-name FlaskTokenApi --region ${region} --output json`,
    ]);
    expect(result.stdout).toContain(outputs.ApiUrl);
    expect(result.stdout).toContain(
      `aws secretsmanager get-secret-value --secret-id ${outputs.TokenSecretArn} --region ${region} --query SecretString --output text`,
    );
  });

  it('bootstraps CDK when needed, then sets the given token through a private file and rolls the service', async () => {
    const token = 'reviewer-chosen-token-123';
    const result = await script(
      'deploy',
      ['--token', token],
      [identity, missing('CDKToolkit'), deployed],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines.slice(3)).toEqual([
      `cdk bootstrap aws://${account}/${region}`,
      'cdk deploy FlaskTokenApi --require-approval never',
      `aws cloudformation describe-stacks --stack-name FlaskTokenApi --region ${region} --output json`,
      expect.stringMatching(
        new RegExp(
          `^aws secretsmanager put-secret-value --secret-id ${outputs.TokenSecretArn} --secret-string file://\\S+ --region ${region}`,
        ),
      ),
      `aws ecs update-service --cluster ${outputs.ClusterName} --service ${outputs.ServiceName} --force-new-deployment --region ${region} --output json`,
      `aws ecs wait services-stable --cluster ${outputs.ClusterName} --services ${outputs.ServiceName} --region ${region}`,
    ]);
    const put = result.calls.find((c) => c.args[1] === 'put-secret-value')!;
    const [[file, contents]] = Object.entries(put.files) as [[string, string]];
    expect(contents).toBe(token);
    expect(existsSync(file)).toBe(false);
    for (const call of result.calls) expect(line(call)).not.toContain(token);
    expect(result.stdout + result.stderr).not.toContain(token);
  });

  it('takes the token from APP_SECRET_TOKEN too, and passes -c choices to cdk', async () => {
    const token = 'from-the-environment-0001';
    const result = await script(
      'deploy',
      ['-c', 'natGateway=true', '-c', 'desiredCount=2'],
      [identity, deployed],
      {
        APP_SECRET_TOKEN: token,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines).toContain(
      'cdk deploy FlaskTokenApi --require-approval never --context natGateway=true --context desiredCount=2',
    );
    const put = result.calls.find((c) => c.args[1] === 'put-secret-value')!;
    expect(Object.values(put.files)).toEqual([token]);
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
      {
        AWS_REGION: '',
      },
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

  it('refuses a token with spaces or an unknown option before calling anything', async () => {
    for (const args of [
      ['--token', 'has a space'],
      ['--tokn', 'x'],
      ['-c', 'natGateway'],
    ]) {
      const result = await script('deploy', args, [identity, deployed]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(/✗ /);
      expect(result.calls).toEqual([]);
    }
  });
});

describe('npm run set-token', () => {
  it('puts the new token and waits for the service to roll', async () => {
    const token = 'a-brand-new-token-2026';
    const result = await script('set-token', [token], [identity, deployed]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'aws sts get-caller-identity',
      'aws cloudformation describe-stacks',
      'aws secretsmanager put-secret-value',
      'aws ecs update-service',
      'aws ecs wait',
    ]);
    const put = result.calls.find((c) => c.args[1] === 'put-secret-value')!;
    expect(Object.values(put.files)).toEqual([token]);
    expect(result.stdout).toContain('The new token is live');
  });

  it('generates a strong token when none is given', async () => {
    const result = await script('set-token', [], [identity, deployed]);
    expect(result.code, result.stderr).toBe(0);
    const put = result.calls.find((c) => c.args[1] === 'put-secret-value')!;
    expect(Object.values(put.files)[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says to deploy first when the stack is not there', async () => {
    const result = await script(
      'set-token',
      ['another-token-12345'],
      [identity, missing('FlaskTokenApi')],
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`FlaskTokenApi is not deployed in ${region}`);
    expect(result.lines.some((l) => l.includes('put-secret-value'))).toBe(false);
  });
});

describe('npm run destroy', () => {
  it('deletes the stack, then the secret without a recovery window, then the image', async () => {
    const result = await script('destroy', [], [identity, deployed]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines.slice(2)).toEqual([
      'cdk destroy FlaskTokenApi --force',
      `aws secretsmanager delete-secret --secret-id ${outputs.TokenSecretArn} --force-delete-without-recovery --region ${region} --output json`,
      `aws ecr batch-delete-image --repository-name ${outputs.ImageRepository} --image-ids imageTag=${outputs.ImageTag} --region ${region} --output json`,
    ]);
    expect(result.stdout).toContain('CDKToolkit');
  });

  it('takes a secret already gone as done', async () => {
    const result = await script(
      'destroy',
      [],
      [
        identity,
        deployed,
        {
          match: 'aws secretsmanager delete-secret',
          stderr: 'An error occurred (ResourceNotFoundException)\n',
          code: 254,
        },
      ],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines.at(-1)).toMatch(/^aws ecr batch-delete-image/);
  });

  it('does nothing when there is nothing to destroy', async () => {
    const result = await script('destroy', [], [identity, missing('FlaskTokenApi')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to destroy');
    expect(result.lines.some((l) => l.startsWith('cdk'))).toBe(false);
  });
});
