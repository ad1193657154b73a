// The Part 1 CDK stack, synthesised offline: what the template promises, and what cdk-nag found.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackName } from '../content/devops/part-1/lib/settings.ts';
import { part1Dir } from './helpers/part-1.ts';
import { run } from '../src/lib/run-command.ts';
import { tempDir } from './helpers/temp.ts';

interface Synth {
  template: Template;
  json: string;
  report: {
    pluginReports: {
      conclusion: string;
      violations: unknown[];
      suppressedViolations: { ruleName: string; acknowledgedId: string; reason: string }[];
    }[];
  };
}

/**
 * Runs the CDK app's entry point, cdk-nag included, the way the CDK CLI does: context in
 * CDK_CONTEXT_JSON, output in CDK_OUTDIR.
 */
async function runApp(context: Record<string, string>) {
  const outdir = await tempDir('cdk');
  // The CDK caches asset fingerprints in ~/.cdk; the tests keep theirs out of $HOME.
  const home = await tempDir('cdk-home');
  const result = await run(process.execPath, ['bin/app.ts'], {
    cwd: part1Dir,
    env: {
      ...process.env,
      HOME: home,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(context),
    },
  });
  return { ...result, outdir };
}

async function synth(context: Record<string, string> = {}): Promise<Synth> {
  const { code, stderr, outdir } = await runApp(context);
  expect(code, stderr).toBe(0);
  const json = await readFile(join(outdir, `${stackName}.template.json`), 'utf8');
  return {
    template: Template.fromJSON(JSON.parse(json) as Record<string, unknown>),
    json,
    report: JSON.parse(
      await readFile(join(outdir, 'validation-report.json'), 'utf8'),
    ) as Synth['report'],
  };
}

const defaults = await synth();

describe('the Part 1 stack', () => {
  const { template } = defaults;

  it('keeps the token in Secrets Manager, generated there, and hands it to the container as a secret', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: Match.anyValue() }),
      SecretString: Match.absent(),
    });
    const [secretId] = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Secrets: [{ Name: 'APP_SECRET_TOKEN', ValueFrom: { Ref: secretId } }],
          Environment: Match.absent(),
        }),
      ],
    });
    expect(defaults.json).not.toContain('"SecretString"');
  });

  it('runs the container on port 8000 behind the load balancer, checked on /healthz', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({ PortMappings: [{ ContainerPort: 8000, Protocol: 'tcp' }] }),
      ],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8000,
      HealthCheckPath: '/healthz',
      TargetType: 'ip',
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
    });
  });

  it('keeps the logs two weeks, and removes them with the stack', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 14 },
      DeletionPolicy: 'Delete',
    });
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Delete' });
  });

  it('gives the task role nothing, and the execution role only pulling, logging and this secret', () => {
    const roles = template.findResources('AWS::IAM::Role');
    const taskRole = Object.keys(roles).find((id) => id.startsWith('TaskTaskRole'))!;
    expect(roles[taskRole]!.Properties.Policies).toBeUndefined();
    expect(roles[taskRole]!.Properties.ManagedPolicyArns).toBeUndefined();
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    expect(policies).toHaveLength(1);
    const policy = policies[0]!.Properties;
    expect(policy.Roles).toEqual([{ Ref: expect.stringMatching(/^TaskExecutionRole/) }]);
    const statements = policy.PolicyDocument.Statement as {
      Action: string | string[];
      Resource: unknown;
    }[];
    const actions = statements.flatMap((s) => s.Action).sort();
    expect(actions).toEqual(
      [
        'ecr:BatchCheckLayerAvailability',
        'ecr:BatchGetImage',
        'ecr:GetAuthorizationToken',
        'ecr:GetDownloadUrlForLayer',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
      ].sort(),
    );
    const everywhere = statements.filter((s) => s.Resource === '*').flatMap((s) => s.Action);
    expect(everywhere).toEqual(['ecr:GetAuthorizationToken']);
  });

  it('costs no NAT gateway by default: tasks in public subnets, reachable only from the load balancer', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: {
        AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'ENABLED' }),
      },
    });
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'));
    expect(ingress).toHaveLength(1);
    expect(ingress[0]!.Properties).toMatchObject({
      FromPort: 8000,
      ToPort: 8000,
      SourceSecurityGroupId: {
        'Fn::GetAtt': [expect.stringMatching(/^LoadBalancerSecurityGroup/), 'GroupId'],
      },
    });
  });

  it('spans two Availability Zones and rolls back a deployment that does not get healthy', () => {
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      }),
    });
  });

  it('passes every AWS Solutions check, each exception acknowledged with a reason', () => {
    const [nag] = defaults.report.pluginReports;
    expect(nag!.conclusion).toBe('success');
    expect(nag!.violations).toEqual([]);
    expect(nag!.suppressedViolations.map((v) => v.ruleName).sort()).toEqual([
      'AwsSolutions-EC23',
      'AwsSolutions-ECS4',
      'AwsSolutions-ELB2',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-SMG4',
      'AwsSolutions-VPC7',
    ]);
    for (const { reason } of nag!.suppressedViolations) expect(reason.length).toBeGreaterThan(60);
  });
});

describe('the Part 1 stack’s options', () => {
  it('puts the tasks behind one NAT gateway in private subnets when asked', async () => {
    const { template } = await synth({ natGateway: 'true' });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    template.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: {
        AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }),
      },
    });
  });

  it('serves HTTPS with a given certificate, and redirects HTTP to it', async () => {
    const certificateArn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
    const { template } = await synth({ certificateArn });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: certificateArn }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [Match.objectLike({ Type: 'redirect' })],
    });
  });

  it('refuses a -c value it cannot use, naming the fix', async () => {
    for (const [context, message] of [
      [{ desiredCount: 'two' }, '-c desiredCount must be a whole number from 1 to 10'],
      [{ natGateway: 'yes' }, '-c natGateway must be true or false'],
      [{ certificateArn: 'example.com' }, '-c certificateArn must be an ACM certificate ARN'],
    ] as const) {
      const result = await runApp(context);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(message);
    }
  });
});

describe('the CDK CLI on this project', () => {
  it('synthesises it offline with the locked CLI, as `npm run synth` does', async () => {
    const home = await tempDir('cdk-home');
    const out = await tempDir('cdk-out');
    const result = await run('cdk', ['synth', '--quiet', '--no-notices', '--output', out], {
      cwd: part1Dir,
      env: { ...process.env, HOME: home, CDK_DISABLE_CLI_TELEMETRY: '1' },
    });
    expect(result.stderr + result.stdout).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const template = JSON.parse(await readFile(join(out, `${stackName}.template.json`), 'utf8'));
    expect(Object.keys(template.Outputs)).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'ClusterName',
        'ServiceName',
        'TokenSecretArn',
        'ImageRepository',
        'ImageTag',
      ]),
    );
  });
});
