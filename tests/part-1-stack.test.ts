// The Part 1 CDK stack, synthesised offline from bin/app.ts with cdk.json's feature flags, as
// `cdk deploy` makes it: what the template promises, and what cdk-nag's packs find in it.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { stackName } from '../content/devops/part-1/lib/settings.ts';
import { appDir, part1Dir } from './helpers/part-1.ts';
import { run } from '../src/lib/run-command.ts';
import { tempDir } from './helpers/temp.ts';
import { runScriptHere } from './helpers/part-1-script.ts';

interface Synth {
  template: Template;
  json: string;
  outdir: string;
  report: {
    pluginReports: {
      conclusion: string;
      violations: unknown[];
      suppressedViolations: { ruleName: string; acknowledgedId: string; reason: string }[];
    }[];
  };
}

/** Rule → the resources it reports, as scripts/lib/nist.ts lists and finds them. */
type NistFindings = Record<string, string[]>;

// Loaded at run time and typed here by hand: a static import would make the site's type check
// parse all of aws-cdk-lib's declarations (1.2 million lines) for two functions, which Part 1's
// own `npm run check` already checks.
const { acceptedNistFindings, nistFindings } = (await import(
  join(part1Dir, 'scripts', 'lib', 'nist.ts')
)) as { acceptedNistFindings: NistFindings; nistFindings: (templateFile: string) => NistFindings };

/** cdk.json's context: the feature flags every `cdk` command gives the app. */
const featureFlags = JSON.parse(await readFile(join(part1Dir, 'cdk.json'), 'utf8'))
  .context as Record<string, unknown>;

/** The CDK app's entry point, which `cdk synth` and `cdk deploy` run (cdk.json's "app"). */
const appEntry = join(part1Dir, 'bin', 'app.ts');

/**
 * What the CDK CLI gives bin/app.ts: context (cdk.json's flags, then the -c values) in
 * CDK_CONTEXT_JSON, output in a fresh CDK_OUTDIR, and a HOME of its own, since the CDK caches asset
 * fingerprints in ~/.cdk and the tests keep theirs out of $HOME.
 */
async function appEnvironment(context: Record<string, string>) {
  return {
    CDK_OUTDIR: await tempDir('cdk'),
    CDK_CONTEXT_JSON: JSON.stringify({ ...featureFlags, ...context }),
    HOME: await tempDir('cdk-home'),
  };
}

/**
 * Runs bin/app.ts, cdk-nag included, as the CDK CLI does (see `appEnvironment`), and returns the
 * folder it wrote. In this process, freshly imported each time: a second synth costs a tenth of
 * the first, a new Node process pays the first every time.
 */
async function runApp(context: Record<string, string>): Promise<string> {
  const env = await appEnvironment(context);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  try {
    await import(appEntry);
  } finally {
    // The next test file may run in this process: it finds the environment as it was.
    vi.unstubAllEnvs();
  }
  return env.CDK_OUTDIR;
}

/** `npm run nist`'s script, which compares cdk-nag's NIST findings with the README's list. */
const nistScript = join(part1Dir, 'scripts', 'nist.ts');

/** `npm run nist` on the cloud assembly in `assembly`, run in this process. */
const runNist = (assembly: string) => runScriptHere(nistScript, [assembly]);

async function synth(context: Record<string, string>): Promise<Synth> {
  return readSynth(await runApp(context));
}

/** The template and cdk-nag's report a synth wrote to `outdir`. */
async function readSynth(outdir: string): Promise<Synth> {
  const json = await readFile(join(outdir, `${stackName}.template.json`), 'utf8');
  return {
    template: Template.fromJSON(JSON.parse(json) as Record<string, unknown>),
    json,
    outdir,
    report: JSON.parse(
      await readFile(join(outdir, 'validation-report.json'), 'utf8'),
    ) as Synth['report'],
  };
}

/**
 * `npm run synth`'s way: the locked CDK CLI runs bin/app.ts with cdk.json's flags, offline. Its
 * template, the one `cdk deploy` makes, is the default every test below reads: synthesised once.
 */
async function cliSynth() {
  const home = await tempDir('cdk-home');
  const out = await tempDir('cdk-out');
  const result = await run('cdk', ['synth', '--quiet', '--no-notices', '--output', out], {
    cwd: part1Dir,
    env: { ...process.env, HOME: home, CDK_DISABLE_CLI_TELEMETRY: '1' },
  });
  return { ...result, out };
}

const cli = await cliSynth();
if (cli.code !== 0) throw new Error(`cdk synth failed:\n${cli.stdout}${cli.stderr}`);
const defaults = await readSynth(cli.out);

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
          Environment: [{ Name: 'TRUSTED_PROXY_HOPS', Value: '2' }],
        }),
      ],
    });
    expect(defaults.json).not.toContain('"SecretString"');
  });

  it('serves HTTPS on CloudFront’s own name: HTTP redirected, nothing cached, Authorization forwarded', () => {
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const config = distribution!.Properties.DistributionConfig;
    expect(config.Aliases).toBeUndefined();
    expect(config.ViewerCertificate).toBeUndefined(); // the default *.cloudfront.net certificate
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      // Managed-CachingDisabled, and Managed-AllViewerExceptHostHeader: with caching disabled
      // this managed policy forwards Authorization (a custom one may not name that header).
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'DELETE']),
    });
    expect(config.Origins).toEqual([
      expect.objectContaining({
        DomainName: { 'Fn::GetAtt': [expect.stringMatching(/^LoadBalancer/), 'DNSName'] },
        VpcOriginConfig: {
          VpcOriginId: { 'Fn::GetAtt': [expect.stringMatching(/VpcOrigin/), 'Id'] },
        },
      }),
    ]);
    expect(defaults.json).toContain('"ApiUrl"');
    const outputs = JSON.parse(defaults.json).Outputs;
    expect(outputs.ApiUrl.Value).toEqual({
      'Fn::Join': [
        '',
        ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^Distribution/), 'DomainName'] }, '/'],
      ],
    });
  });

  it('keeps the load balancer internal, in subnets with no route to the internet, open only to CloudFront', () => {
    template.hasResourceProperties('AWS::CloudFront::VpcOrigin', {
      VpcOriginEndpointConfig: Match.objectLike({
        Arn: { Ref: Match.stringLikeRegexp('^LoadBalancer') },
        HTTPPort: 80,
        OriginProtocolPolicy: 'http-only',
      }),
    });
    const [loadBalancer] = Object.values(
      template.findResources('AWS::ElasticLoadBalancingV2::LoadBalancer'),
    );
    expect(loadBalancer!.Properties.Scheme).toBe('internal');
    const subnets = loadBalancer!.Properties.Subnets.map((s: { Ref: string }) => s.Ref) as string[];
    expect(subnets).toHaveLength(2);
    const routes = Object.values(template.findResources('AWS::EC2::Route'));
    const tables = template.findResources('AWS::EC2::SubnetRouteTableAssociation');
    for (const subnet of subnets) {
      const table = Object.values(tables).find((a) => a.Properties.SubnetId.Ref === subnet)!
        .Properties.RouteTableId.Ref;
      expect(routes.filter((r) => r.Properties.RouteTableId.Ref === table)).toEqual([]);
    }
    // VPC-origin traffic carries CloudFront's origin-facing addresses: the one rule on port 80
    // admits that managed prefix list, its ID read in the deploy's region; no address range.
    const [lookupId, lookup] = Object.entries(template.findResources('Custom::PrefixList'))[0]!;
    expect(lookup.Properties).toEqual({
      ServiceToken: { 'Fn::GetAtt': [expect.stringMatching(/^CustomResources/), 'Arn'] },
      PrefixListName: 'com.amazonaws.global.cloudfront.origin-facing',
      ServiceTimeout: '960',
    });
    const groups = template.findResources('AWS::EC2::SecurityGroup', {
      Properties: { GroupDescription: Match.stringLikeRegexp('ELB') },
    });
    const [groupId, group] = Object.entries(groups)[0]!;
    expect(group.Properties.SecurityGroupIngress).toBeUndefined();
    const toLoadBalancer = Object.values(
      template.findResources('AWS::EC2::SecurityGroupIngress'),
    ).filter((rule) => rule.Properties.GroupId['Fn::GetAtt'][0] === groupId);
    expect(toLoadBalancer.map((rule) => rule.Properties)).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        SourcePrefixListId: { 'Fn::GetAtt': [lookupId, 'PrefixListId'] },
      }),
    ]);
    expect(defaults.json).not.toMatch(/"CidrIp(v6)?": "(?!0\.0\.0\.0\/0")/);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
  });

  it('runs the container on port 8000 behind the load balancer, checked on /healthz, trusting two proxies', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          PortMappings: [{ ContainerPort: 8000, Protocol: 'tcp' }],
          Environment: [{ Name: 'TRUSTED_PROXY_HOPS', Value: '2' }],
        }),
      ],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8000,
      HealthCheckPath: '/healthz',
      TargetType: 'ip',
    });
  });

  it('keeps the logs two weeks, and every log group, the custom resources’ and the build’s too, goes with the stack', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 14 },
      DeletionPolicy: 'Delete',
    });
    const groups = template.findResources('AWS::Logs::LogGroup');
    expect(Object.keys(groups)).toHaveLength(3);
    for (const group of Object.values(groups)) expect(group.DeletionPolicy).toBe('Delete');
    // The one Lambda function runs the stack's custom resources; it and the image build log into
    // groups of the stack, not ones Lambda or CodeBuild would make and leave behind.
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(1);
    expect(Object.keys(groups)).toContain(functions[0]!.Properties.LoggingConfig.LogGroup.Ref);
    const [project] = Object.values(template.findResources('AWS::CodeBuild::Project'));
    expect(Object.keys(groups)).toContain(
      project!.Properties.LogsConfig.CloudWatchLogs.GroupName.Ref,
    );
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Delete' });
    template.hasResource('AWS::ECR::Repository', {
      Properties: { EmptyOnDelete: true },
      DeletionPolicy: 'Delete',
    });
  });

  it('deploys with no bootstrap and no asset: one template, the custom resources’ code inline', async () => {
    const json = JSON.parse(defaults.json);
    expect(json.Parameters).toEqual({
      AvailabilityZones: expect.objectContaining({ Default: '' }),
      Waf: expect.objectContaining({ Default: 'false', AllowedValues: ['false', 'true'] }),
    });
    expect(json.Rules).toBeUndefined();
    expect(defaults.json).not.toMatch(/cdk-hnb659fds|S3Bucket|S3Key|aws:asset|BootstrapVersion/);
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
    // The code of lib/custom-resources/index.cjs, which tests/part-1-custom-resources.test.ts runs
    // as the template carries it: every line of code, none of the comments.
    const source = await readFile(join(part1Dir, 'lib', 'custom-resources', 'index.cjs'), 'utf8');
    const inline = String(fn!.Properties.Code.ZipFile);
    const code = (text: string) =>
      text.split('\n').filter((line) => !/^\s*(\/\/|\/\*\*|\*)/.test(line));
    expect(code(inline)).toEqual(code(source));
    expect(inline).not.toMatch(/^\s*\/\/ (?!lib\/custom-resources)/m);
    expect(fn!.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Timeout: 900,
    });
    // CreateStack takes a template of up to 51,200 bytes in the request: no bucket needed.
    expect(JSON.stringify(json).length).toBeLessThan(51_200);
  });

  it('builds the image in the account from app/, carried in the build spec, for ARM64', async () => {
    const [project] = Object.values(template.findResources('AWS::CodeBuild::Project'));
    expect(project!.Properties.Environment).toMatchObject({
      Type: 'ARM_CONTAINER',
      Image: 'aws/codebuild/amazonlinux-aarch64-standard:3.0',
      ComputeType: 'BUILD_GENERAL1_SMALL',
      PrivilegedMode: true,
    });
    expect(project!.Properties.Source.Type).toBe('NO_SOURCE');
    const spec = JSON.parse(project!.Properties.Source.BuildSpec);
    const commands = spec.phases.build.commands as string[];
    // Each file of app/, written back byte for byte by the build: decoded here as the shell would.
    const written = new Map(
      commands
        .map((c) => /^echo (\S+) \| base64 -d \| gunzip > (\S+)$/.exec(c))
        .filter((m) => m !== null)
        .map((m) => [m[2]!, gunzipSync(Buffer.from(m[1]!, 'base64')).toString('utf8')]),
    );
    const files = (await readdir(appDir)).filter((f) => !f.endsWith('.pyc')).sort();
    expect([...written.keys()]).toEqual(files);
    for (const file of files) {
      expect(written.get(file), file).toBe(await readFile(join(appDir, file), 'utf8'));
    }
    expect(written.get('Dockerfile')).toMatch(/^FROM public\.ecr\.aws\/docker\/library\/python:/m);
    expect(commands.slice(-2)).toEqual(['docker build --tag "$IMAGE" .', 'docker push "$IMAGE"']);
    // The custom resource runs it before the service starts, and the task runs that image on ARM64.
    const [runId, run] = Object.entries(template.findResources('Custom::ImageBuild'))[0]!;
    // A lost reply fails the deploy in 16 minutes, past the function's 15, not CloudFormation's hour.
    expect(String(run.Properties.ServiceTimeout)).toBe('960');
    const [serviceResource] = Object.values(template.findResources('AWS::ECS::Service'));
    expect(serviceResource!.DependsOn).toContain(runId);
    const tag = /:([0-9a-f]{16})$/.exec(
      JSON.stringify(run.Properties.ImageUri).replace(/"\]\]\}$/, ''),
    )?.[1];
    expect(tag).toMatch(/^[0-9a-f]{16}$/);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
    });
  });

  it('places the VPC in the two zones the custom resource picks, and scales 1 to 3 tasks', () => {
    const [zonesId, zones] = Object.entries(
      template.findResources('Custom::AvailabilityZones'),
    )[0]!;
    expect(zones.Properties.ZoneIds).toEqual({ Ref: 'AvailabilityZones' });
    const placed = Object.values(template.findResources('AWS::EC2::Subnet')).map(
      (subnet) => subnet.Properties.AvailabilityZone,
    );
    expect(new Set(placed.map((zone) => JSON.stringify(zone)))).toEqual(
      new Set([
        JSON.stringify({ 'Fn::GetAtt': [zonesId, 'Zone1'] }),
        JSON.stringify({ 'Fn::GetAtt': [zonesId, 'Zone2'] }),
      ]),
    );
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 1,
      MaxCapacity: 3,
      ScalableDimension: 'ecs:service:DesiredCount',
    });
    const metrics = Object.values(
      template.findResources('AWS::ApplicationAutoScaling::ScalingPolicy'),
    ).map(
      (p) =>
        p.Properties.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification
          .PredefinedMetricType,
    );
    expect(metrics.sort()).toEqual(['ALBRequestCountPerTarget', 'ECSServiceAverageCPUUtilization']);
  });

  it('puts AWS WAF in front of CloudFront only with the Waf parameter: a web ACL the custom resource makes in us-east-1', () => {
    const json = JSON.parse(defaults.json);
    expect(json.Conditions).toEqual({ WafOn: { 'Fn::Equals': [{ Ref: 'Waf' }, 'true'] } });
    const [aclId, acl] = Object.entries(template.findResources('Custom::WebAcl'))[0]!;
    expect(acl.Condition).toBe('WafOn');
    expect(acl.Properties).toMatchObject({
      NamePrefix: { 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, '-', { Ref: 'AWS::Region' }]] },
      RateLimit: '1000',
    });
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    expect(distribution!.Properties.DistributionConfig.WebACLId).toEqual({
      'Fn::If': ['WafOn', { 'Fn::GetAtt': [aclId, 'Arn'] }, { Ref: 'AWS::NoValue' }],
    });
    // Nothing else depends on it: with Waf=false, the stack has no web ACL at all.
    const uses = defaults.json.split(`"${aclId}"`).length - 1;
    expect(uses).toBe(2);
  });

  it('gives the task role nothing, and the execution role only pulling, logging and this secret', () => {
    const roles = template.findResources('AWS::IAM::Role');
    const taskRole = Object.keys(roles).find((id) => id.startsWith('TaskTaskRole'))!;
    expect(roles[taskRole]!.Properties.Policies).toBeUndefined();
    expect(roles[taskRole]!.Properties.ManagedPolicyArns).toBeUndefined();
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).map(
      (p) => p.Properties,
    );
    expect(policies).toHaveLength(3);
    const policy = policies.find((p) => /^TaskExecutionRole/.test(p.Roles[0].Ref))!;
    expect(policy.Roles).toEqual([{ Ref: expect.stringMatching(/^TaskExecutionRole/) }]);
    // The custom resources' function: read-only EC2 calls, its own security group and project.
    const helper = policies.find((p) => /^CustomResources/.test(p.Roles[0].Ref))!;
    const helperActions = (
      helper.PolicyDocument.Statement as { Action: string[]; Resource: unknown }[]
    ).map((s) => [s.Action, s.Resource === '*' ? '*' : 'this stack’s']);
    expect(helperActions).toEqual([
      [['ec2:DescribeAvailabilityZones', 'ec2:DescribeManagedPrefixLists'], '*'],
      [['ec2:RevokeSecurityGroupEgress', 'ec2:RevokeSecurityGroupIngress'], 'this stack’s'],
      [['codebuild:BatchGetBuilds', 'codebuild:StartBuild', 'codebuild:StopBuild'], 'this stack’s'],
      [['wafv2:CreateWebACL', 'wafv2:DeleteWebACL', 'wafv2:GetWebACL'], 'this stack’s'],
    ]);
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
    template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).filter(
      (rule) => /^ServiceSecurityGroup/.test(rule.Properties.GroupId['Fn::GetAtt'][0]),
    );
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
    template.resourceCountIs('AWS::EC2::Subnet', 4);
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
    expect([...new Set(nag!.suppressedViolations.map((v) => v.ruleName))].sort()).toEqual([
      'AwsSolutions-CB4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR3',
      'AwsSolutions-CFR4',
      'AwsSolutions-ECS2',
      'AwsSolutions-ECS4',
      'AwsSolutions-ELB2',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:codebuild:<AWS::Region>:<AWS::AccountId>:report-group/<ImageBuild30B7C98D>-*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/codebuild/<ImageBuild30B7C98D>:*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:wafv2:us-east-1:<AWS::AccountId>:global/webacl/<AWS::StackName>-*/*]',
      'AwsSolutions-L1',
      'AwsSolutions-SMG4',
      'AwsSolutions-VPC7',
    ]);
    for (const { reason } of nag!.suppressedViolations) expect(reason.length).toBeGreaterThan(60);
  });

  it('leaves only the NIST 800-53 rev 5 findings the README lists and explains', async () => {
    // On the template `cdk deploy` makes: a new finding fails until it is fixed or explained in
    // en.mdx and listed in scripts/lib/nist.ts, which `npm run nist` (and its CI) compares.
    const found = nistFindings(join(defaults.outdir, `${stackName}.template.json`));
    expect(found).toEqual(acceptedNistFindings);
    expect(Object.keys(found)).toHaveLength(15);
    const readme = await readFile(join(part1Dir, 'en.mdx'), 'utf8');
    const table = readme.slice(readme.indexOf('### What the NIST 800-53'));
    for (const rule of Object.keys(found)) expect(table).toContain(rule);
  });

  it('`npm run nist` passes on this template and fails, naming it, on a finding nobody explained', async () => {
    const passed = await runNist(defaults.outdir);
    expect(passed.code, passed.stderr).toBe(0);
    expect(passed.stdout).toContain('15 rules report 20 findings');
    // The refusal exits 1, naming the finding.
    const changed = await tempDir('nist-changed');
    const template = JSON.parse(defaults.json);
    template.Resources.Notices = { Type: 'AWS::SNS::Topic', Properties: {} };
    await writeFile(join(changed, `${stackName}.template.json`), JSON.stringify(template));
    const failed = await runNist(changed);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toContain('new:  SNSEncryptedKMS Notices');
    expect(failed.stderr).toContain('scripts/lib/nist.ts');
  });
});

describe('template.yaml, the console route', () => {
  it('is the default stack as `cdk synth` makes it, as YAML, and small enough to send inline', async () => {
    const { templateYaml } = (await import(join(part1Dir, 'scripts', 'lib', 'synth.ts'))) as {
      templateYaml: (template: unknown) => string;
    };
    const handedIn = await readFile(join(part1Dir, 'template.yaml'), 'utf8');
    expect(handedIn, 'regenerate it: npm run template (in content/devops/part-1)').toBe(
      templateYaml(JSON.parse(defaults.json)),
    );
    expect(parseYaml(handedIn)).toEqual(JSON.parse(defaults.json));
    // `aws cloudformation deploy --template-file` sends up to 51,200 bytes without a bucket.
    expect(Buffer.byteLength(handedIn)).toBeLessThan(51_200);
    expect(handedIn).toMatch(
      /^# The Flask token API \(DevOps Part 1\) as one CloudFormation template/,
    );
  });
});

describe('the Part 1 stack’s options', () => {
  it('with -c imageBuild=local, builds the ARM64 image with Docker here, as a CDK asset', async () => {
    const { template, json } = await synth({ imageBuild: 'local' });
    template.resourceCountIs('AWS::CodeBuild::Project', 0);
    template.resourceCountIs('AWS::ECR::Repository', 0);
    template.resourceCountIs('Custom::ImageBuild', 0);
    expect(JSON.parse(json).Parameters.BootstrapVersion).toBeDefined();
    expect(json).toContain('cdk-hnb659fds-container-assets');
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
    });
  });

  it('scales between -c desiredCount and -c maxTasks, in the zones -c availabilityZones names', async () => {
    const { template, json } = await synth({
      desiredCount: '2',
      maxTasks: '6',
      availabilityZones: 'euw1-az3,euw1-az1',
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 2,
      MaxCapacity: 6,
    });
    expect(JSON.parse(json).Parameters.AvailabilityZones.Default).toBe('euw1-az3,euw1-az1');
  });

  it('with -c waf=true, makes the Waf parameter default to true', async () => {
    const { json } = await synth({ waf: 'true' });
    expect(JSON.parse(json).Parameters.Waf.Default).toBe('true');
  });

  it('puts the tasks behind one NAT gateway in private subnets when asked', async () => {
    const { template } = await synth({ natGateway: 'true' });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::Subnet', 6);
    template.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: {
        AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }),
      },
    });
  });

  it('serves a domain of your own with its certificate, TLS 1.2 at least, and creates its DNS records', async () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
    const { template, json } = await synth({
      domainName: 'api.example.com',
      certificateArn,
      hostedZoneId: 'Z0123456789ABC',
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['api.example.com'],
        ViewerCertificate: {
          AcmCertificateArn: certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
    for (const type of ['A', 'AAAA']) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Type: type,
        Name: 'api.example.com.',
        HostedZoneId: 'Z0123456789ABC',
        AliasTarget: Match.objectLike({
          DNSName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Distribution'), 'DomainName'] },
        }),
      });
    }
    expect(JSON.parse(json).Outputs.ApiUrl.Value).toBe('https://api.example.com/');
  });

  it('without the zone, keeps the CloudFront address as the API URL and creates no record', async () => {
    const { template, json } = await synth({
      domainName: 'api.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    });
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
    expect(JSON.stringify(JSON.parse(json).Outputs.ApiUrl.Value)).toContain('Distribution');
  });

  it('refuses a -c value it cannot use, naming the fix', async () => {
    for (const [context, message] of [
      [{ desiredCount: 'two' }, '-c desiredCount must be a whole number from 1 to 10'],
      [{ natGateway: 'yes' }, '-c natGateway must be true or false'],
      [{ waf: 'on' }, '-c waf must be true or false'],
      [
        { domainName: 'api.example.com', certificateArn: 'example.com' },
        '-c certificateArn must be an ACM certificate ARN in us-east-1',
      ],
      [
        {
          domainName: 'api.example.com',
          certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
        },
        'in us-east-1',
      ],
      [{ certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }, 'go together'],
      [{ domainName: 'not a name' }, '-c domainName must be a DNS name'],
      [
        { desiredCount: '4', maxTasks: '3' },
        '-c maxTasks must be a whole number from desiredCount (4) to 20',
      ],
      [{ imageBuild: 'docker' }, '-c imageBuild must be codebuild or local'],
      [{ availabilityZones: 'euw1-az1' }, '-c availabilityZones takes two zone IDs or names'],
    ] as const) {
      await expect(runApp(context), JSON.stringify(context)).rejects.toThrow(message);
    }
    // And as a process of its own, as the CLI runs it: it fails, printing the message.
    const result = await run(process.execPath, [appEntry], {
      cwd: part1Dir,
      env: { ...process.env, ...(await appEnvironment({ desiredCount: 'two' })) },
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('-c desiredCount must be a whole number from 1 to 10');
  });
});

describe('the CDK CLI on this project', () => {
  it('synthesises it offline with the locked CLI, as `npm run synth` does', async () => {
    const { out, ...result } = cli;
    expect(result.stderr + result.stdout).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const template = JSON.parse(await readFile(join(out, `${stackName}.template.json`), 'utf8'));
    expect(Object.keys(template.Outputs)).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'DistributionDomainName',
        'ClusterName',
        'ServiceName',
        'TokenSecretArn',
        'ImageRepository',
        'ImageTag',
      ]),
    );
  });
});
