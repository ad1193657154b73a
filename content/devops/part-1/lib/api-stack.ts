import {
  Aws,
  CfnCondition,
  CfnOutput,
  CfnParameter,
  CfnResource,
  CustomResource,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { DockerImageAsset, Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { appSource } from './app-source.ts';
import { inlineCode } from './inline-code.ts';
import { outputKeys, type ApiOptions } from './settings.ts';

const appDir = fileURLToPath(new URL('../app', import.meta.url));
/** The custom resources' code, carried inline in the template (no asset bucket). */
const customResourceCode = inlineCode(
  readFileSync(fileURLToPath(new URL('custom-resources/index.cjs', import.meta.url)), 'utf8'),
);
const containerPort = 8000;
const vpcCidr = '10.0.0.0/16';
const originPort = 80;
/** The AWS-managed prefix list of CloudFront's origin-facing addresses, in every commercial region. */
const cloudFrontOriginFacing = 'com.amazonaws.global.cloudfront.origin-facing';
/** CloudFront and the load balancer each append one address to X-Forwarded-For. */
const trustedProxyHops = 2;
/**
 * With the Waf parameter: requests from one client address in AWS WAF's 5-minute window above
 * which it blocks that address (a few a second, far above what a reviewer sends).
 */
const wafRateLimit = 1000;

export interface ApiStackProps extends StackProps {
  options: ApiOptions;
}

/**
 * The Flask API on ECS Fargate. Clients reach it only through CloudFront over HTTPS; CloudFront
 * reaches an internal Application Load Balancer through a VPC origin, so the load balancer has
 * no public address. The token lives in Secrets Manager and reaches the container as
 * APP_SECRET_TOKEN through the task definition's secrets, so it is never in the template.
 */
export class ApiStack extends Stack {
  /** The two zones the custom resource picked, read by the VPC through `availabilityZones`. */
  private pickedZones?: string[];
  private helper!: lambda.Function;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { desiredCount, maxTasks, natGateway, domainName, certificateArn, hostedZoneId } =
      props.options;
    this.helper = this.customResourceFunction();
    this.pickedZones = this.zones(props.options.availabilityZones);
    const vpc = this.network(natGateway);
    const token = this.tokenSecret();
    const image =
      props.options.imageBuild === 'local' ? this.localImage() : this.imageBuiltInAccount();
    const { cluster, service } = this.apiService(vpc, token, image.image, {
      desiredCount,
      natGateway,
    });
    if (image.build) service.node.addDependency(image.build);
    const { loadBalancer, targetGroup } = this.originLoadBalancer(vpc, service);
    const scaling = service.autoScaleTaskCount({
      minCapacity: desiredCount,
      maxCapacity: maxTasks,
    });
    scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
    scaling.scaleOnRequestCount('Requests', { requestsPerTarget: 1000, targetGroup });
    const distribution = this.distribution(
      loadBalancer,
      this.webAcl(props.options.waf),
      domainName,
      certificateArn,
    );
    if (domainName && hostedZoneId) this.aliasRecords(distribution, domainName, hostedZoneId);

    const host = domainName && hostedZoneId ? domainName : distribution.distributionDomainName;
    new CfnOutput(this, outputKeys.url, { value: `https://${host}/` });
    new CfnOutput(this, outputKeys.distributionDomain, {
      value: distribution.distributionDomainName,
    });
    new CfnOutput(this, outputKeys.cluster, { value: cluster.clusterName });
    new CfnOutput(this, outputKeys.service, { value: service.serviceName });
    new CfnOutput(this, outputKeys.secret, { value: token.secretArn });
    new CfnOutput(this, outputKeys.imageRepository, { value: image.repositoryName });
    new CfnOutput(this, outputKeys.imageTag, { value: image.tag });
    new CfnOutput(this, 'TokenInConsole', {
      description:
        'Secrets Manager in the console: "Retrieve secret value" shows the token, "Edit" changes it.',
      value: Fn.join('', [
        'https://',
        this.region,
        '.console.aws.amazon.com/secretsmanager/secret?name=',
        token.secretName,
        '&region=',
        this.region,
      ]),
    });
    new CfnOutput(this, 'TryIt', {
      description:
        'Calls the API with the token, which never appears on the command line (AWS CLI and curl).',
      value: Fn.join('', [
        'aws secretsmanager get-secret-value --secret-id ',
        token.secretArn,
        ' --region ',
        this.region,
        " --query SecretString --output text | sed 's/^/Authorization: Token /' | curl -sS -H @- https://",
        host,
        '/',
      ]),
    });
  }

  /** The VPC asks the stack for its zones: the two the custom resource picked. */
  override get availabilityZones(): string[] {
    return this.pickedZones ?? super.availabilityZones;
  }

  /**
   * One function for the stack's custom resources, its code inline in the template
   * (lib/custom-resources/index.cjs), logging to a group the stack deletes.
   */
  private customResourceFunction(): lambda.Function {
    const logGroup = new logs.LogGroup(this, 'CustomResourceLogs', {
      retention: logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fn = new lambda.Function(this, 'CustomResources', {
      description:
        'The stack’s custom resources: zones, prefix list, default security group, image build, web ACL.',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(customResourceCode),
      // The image build waits for CodeBuild, typically 2 to 4 minutes.
      timeout: Duration.minutes(15),
      memorySize: 256,
      logGroup,
    });
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ec2:DescribeAvailabilityZones', 'ec2:DescribeManagedPrefixLists'],
        resources: ['*'],
      }),
    );
    for (const [id, reason] of [
      [
        'AwsSolutions-IAM5[Resource::*]',
        'ec2:DescribeAvailabilityZones and ec2:DescribeManagedPrefixLists have no resource-level permissions; they only read. The other grants name this stack’s security group and CodeBuild project.',
      ],
      [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'The AWS managed AWSLambdaBasicExecutionRole holds CloudWatch Logs actions only (create a group or stream, put events); the function writes to the log group this stack owns.',
      ],
      [
        'AwsSolutions-L1',
        'Node.js 22 is pinned on purpose: its runtime bundles the AWS SDK v3 the inline code uses, and the template must deploy the same way for every reviewer.',
      ],
    ] as const) {
      Validations.of(fn).acknowledge({ id: `AwsSolutions::${id}`, reason });
    }
    return fn;
  }

  private customResource(id: string, type: string, properties: Record<string, string>) {
    return new CustomResource(this, id, {
      serviceToken: this.helper.functionArn,
      resourceType: `Custom::${type}`,
      properties,
      // A reply lost on its way to CloudFormation fails the operation after this, not after the
      // default hour; it outlasts the function's 15 minutes, so every reply sent arrives in time.
      serviceTimeout: Duration.minutes(16),
    });
  }

  /**
   * Two zones where CloudFront VPC origins work, by zone ID; the AvailabilityZones parameter (or
   * -c availabilityZones) chooses them by hand. Fewer than two usable zones fails the deploy with
   * a message that says so.
   */
  private zones(asked: string | undefined): string[] {
    const parameter = new CfnParameter(this, 'AvailabilityZones', {
      type: 'String',
      default: asked ?? '',
      allowedPattern: '^$|^[a-z0-9-]+,[a-z0-9-]+$',
      constraintDescription: 'two zone IDs (such as euw1-az1,euw1-az2) or names, or empty',
      description:
        'Two Availability Zone IDs or names, comma-separated; empty picks the region’s first two that CloudFront VPC origins support.',
    });
    const zones = this.customResource('Zones', 'AvailabilityZones', {
      ZoneIds: parameter.valueAsString,
    });
    return [zones.getAttString('Zone1'), zones.getAttString('Zone2')];
  }

  /** The image, built by Docker on the deployer's machine and pushed by the CDK (needs bootstrap). */
  private localImage() {
    const image = new DockerImageAsset(this, 'Image', {
      directory: appDir,
      platform: Platform.LINUX_ARM64,
    });
    return {
      image: ecs.ContainerImage.fromDockerImageAsset(image),
      repositoryName: image.repository.repositoryName,
      tag: image.imageTag,
      build: undefined,
    };
  }

  /**
   * The image, built in the account: a CodeBuild project whose build spec carries app/ itself
   * (each file gzipped and base64-encoded), run by a custom resource that waits for the push to a
   * repository the stack owns and empties when deleted. A change to app/ changes the tag, so the
   * next deploy builds again and rolls the service.
   */
  private imageBuiltInAccount() {
    const source = appSource(appDir);
    const repository = new ecr.Repository(this, 'Images', {
      removalPolicy: RemovalPolicy.DESTROY,
      emptyOnDelete: true,
      imageScanOnPush: true,
    });
    const imageUri = repository.repositoryUriForTag(source.tag);
    const buildLogs = new logs.LogGroup(this, 'ImageBuildLogs', {
      retention: logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const project = new codebuild.Project(this, 'ImageBuild', {
      description: 'Builds the Flask API’s image (ARM64) from app/, carried in this build spec.',
      environment: {
        buildImage: codebuild.LinuxArmBuildImage.AMAZON_LINUX_2023_STANDARD_3_0,
        computeType: codebuild.ComputeType.SMALL,
        privileged: true,
      },
      timeout: Duration.minutes(14),
      logging: { cloudWatch: { logGroup: buildLogs } },
      environmentVariables: { IMAGE: { value: imageUri } },
      buildSpec: codebuild.BuildSpec.fromObject({
        version: '0.2',
        phases: {
          pre_build: {
            commands: [
              'aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "${IMAGE%%/*}"',
            ],
          },
          build: {
            commands: [
              'mkdir -p app && cd app',
              ...source.files.map(
                ({ path, gzipBase64 }) => `echo ${gzipBase64} | base64 -d | gunzip > ${path}`,
              ),
              'docker build --tag "$IMAGE" .',
              'docker push "$IMAGE"',
            ],
          },
        },
      }),
    });
    repository.grantPullPush(project);
    for (const [rule, reason] of [
      [
        'AwsSolutions-CB4',
        'The build has no artifacts (the image goes to ECR, encrypted there); a customer-managed KMS key would add $1 a month for nothing stored.',
      ],
      [
        'AwsSolutions-IAM5[Resource::*]',
        'ecr:GetAuthorizationToken has no resource-level permissions; the push is scoped to the stack’s repository.',
      ],
      [
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/codebuild/<ImageBuild30B7C98D>:*]',
        'The CDK grants every project its default log group’s streams; this project logs to the stack’s own group instead, and the grant names this project only.',
      ],
      [
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:codebuild:<AWS::Region>:<AWS::AccountId>:report-group/<ImageBuild30B7C98D>-*]',
        'The CDK grants every project its own test-report groups (named after the project); this build writes none.',
      ],
    ] as const) {
      Validations.of(project).acknowledge({ id: `AwsSolutions::${rule}`, reason });
    }
    this.helper.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['codebuild:StartBuild', 'codebuild:BatchGetBuilds', 'codebuild:StopBuild'],
        resources: [project.projectArn],
      }),
    );
    const build = this.customResource('ImageBuildRun', 'ImageBuild', {
      ProjectName: project.projectName,
      ImageUri: imageUri,
    });
    build.node.addDependency(repository, project);
    return {
      image: ecs.ContainerImage.fromEcrRepository(repository, source.tag),
      repositoryName: repository.repositoryName,
      tag: source.tag,
      build,
    };
  }

  /**
   * `origin` holds the internal load balancer: no route to or from the internet. Without a NAT
   * gateway the tasks sit in public subnets with a public IP, only to reach ECR, Secrets Manager
   * and CloudWatch; their security group admits nothing but the load balancer.
   */
  private network(natGateway: boolean): ec2.Vpc {
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(vpcCidr),
      maxAzs: 2,
      natGateways: natGateway ? 1 : 0,
      // The CDK's own clean-up function would be an asset; this stack's inline one does it.
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        // Fargate asks for its task's address itself; nothing else here needs one by default.
        {
          name: 'public',
          subnetType: ec2.SubnetType.PUBLIC,
          cidrMask: 24,
          mapPublicIpOnLaunch: false,
        },
        { name: 'origin', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
        ...(natGateway
          ? [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 }]
          : []),
      ],
    });
    Validations.of(vpc).acknowledge({
      id: 'AwsSolutions::AwsSolutions-VPC7',
      reason:
        'The app already logs every request; flow logs would add CloudWatch ingestion cost for traffic nobody analyzes in a review deployment.',
    });
    const group = vpc.vpcDefaultSecurityGroup;
    this.helper.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
        resources: [
          this.formatArn({ service: 'ec2', resource: 'security-group', resourceName: group }),
        ],
      }),
    );
    this.customResource('DefaultSecurityGroupClosed', 'DefaultSecurityGroup', { GroupId: group });
    return vpc;
  }

  /** The token, generated by CloudFormation; it never appears in the template. */
  private tokenSecret(): secretsmanager.Secret {
    const token = new secretsmanager.Secret(this, 'ApiToken', {
      description: 'The API token the Flask app reads as APP_SECRET_TOKEN.',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(token).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        'The token is a shared API password that callers must know; it is changed on purpose with `npm run set-token`, not rotated behind their backs.',
    });
    return token;
  }

  /** The Fargate service running the image built from `app/`, with the token as a secret. */
  private apiService(
    vpc: ec2.Vpc,
    token: secretsmanager.Secret,
    image: ecs.ContainerImage,
    { desiredCount, natGateway }: { desiredCount: number; natGateway: boolean },
  ) {
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.DISABLED,
    });
    Validations.of(cluster).acknowledge({
      id: 'AwsSolutions::AwsSolutions-ECS4',
      reason:
        'Container Insights bills its metrics as custom metrics; the free CPU and memory metrics of the service are enough to watch a review deployment.',
    });

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: 256,
      memoryLimitMiB: 512,
      runtimePlatform: {
        // Graviton: the image is built for ARM64, and Fargate bills it about 20% less.
        cpuArchitecture: ecs.CpuArchitecture.ARM64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    Validations.of(taskDefinition.obtainExecutionRole()).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only ecr:GetAuthorizationToken has Resource *: the action has no resource-level permissions. Pulls are scoped to the image’s repository (the stack’s own, or with -c imageBuild=local the CDK’s container-assets one), and the secret read to the token.',
    });
    Validations.of(taskDefinition).acknowledge({
      id: 'AwsSolutions::AwsSolutions-ECS2',
      reason:
        'The one plain variable is TRUSTED_PROXY_HOPS=2, how many proxies append to X-Forwarded-For; the token comes from Secrets Manager.',
    });
    taskDefinition.addContainer('api', {
      image,
      portMappings: [{ containerPort }],
      environment: { TRUSTED_PROXY_HOPS: String(trustedProxyHops) },
      secrets: { APP_SECRET_TOKEN: ecs.Secret.fromSecretsManager(token) },
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'api' }),
      healthCheck: {
        command: [
          'CMD',
          'python',
          '-c',
          `import urllib.request; urllib.request.urlopen('http://127.0.0.1:${containerPort}/healthz', timeout=2)`,
        ],
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        startPeriod: Duration.seconds(15),
      },
    });

    const service = new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition,
      desiredCount,
      assignPublicIp: !natGateway,
      vpcSubnets: natGateway ? { subnetGroupName: 'app' } : { subnetGroupName: 'public' },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
    });
    return { cluster, service };
  }

  /** The internal load balancer in the `origin` subnets, in front of the service. */
  private originLoadBalancer(vpc: ec2.Vpc, service: ecs.FargateService) {
    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: false,
      vpcSubnets: { subnetGroupName: 'origin' },
      dropInvalidHeaderFields: true,
    });
    Validations.of(loadBalancer).acknowledge({
      id: 'AwsSolutions::AwsSolutions-ELB2',
      reason:
        'Access logs need an S3 bucket with its own policy and clean-up; the app already logs every request as JSON to CloudWatch, enough for a review deployment.',
    });
    // CloudFront's VPC origin reaches the load balancer from network interfaces it places in the
    // 'origin' subnets, but the packets carry CloudFront's origin-facing addresses, not the VPC's:
    // a rule for the VPC's range would admit nothing (every call a 504). The rule admits the
    // managed prefix list of those addresses, whose ID differs by region.
    const listener = loadBalancer.addListener('Http', { port: originPort, open: false });
    loadBalancer.connections.allowFrom(
      ec2.Peer.prefixList(this.cloudFrontOriginFacingPrefixList()),
      ec2.Port.tcp(originPort),
      'CloudFront VPC origin (the origin-facing prefix list)',
    );
    const targetGroup = listener.addTargets('Api', {
      port: containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [service],
      healthCheck: { path: '/healthz', healthyHttpCodes: '200' },
      deregistrationDelay: Duration.seconds(10),
    });
    return { loadBalancer, targetGroup };
  }

  /** HTTPS at the edge (CloudFront's certificate, or the custom domain's), the VPC origin behind. */
  private distribution(
    loadBalancer: elbv2.ApplicationLoadBalancer,
    webAclId: string,
    domainName: string | undefined,
    certificateArn: string | undefined,
  ): cloudfront.Distribution {
    const certificate = certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', certificateArn)
      : undefined;
    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'The Flask token API (DevOps Part 1)',
      defaultBehavior: {
        origin: origins.VpcOrigin.withApplicationLoadBalancer(loadBalancer, {
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY,
          httpPort: originPort,
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        // An API answer depends on the caller's token: nothing is cached, and with caching
        // disabled the managed policy may forward Authorization with every other viewer header.
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      webAclId,
      ...(certificate && domainName
        ? {
            certificate,
            domainNames: [domainName],
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    for (const [rule, reason] of [
      [
        'AwsSolutions-CFR1',
        'A review API open to reviewers wherever they are: no country is blocked.',
      ],
      [
        'AwsSolutions-CFR3',
        'Standard logs need an S3 bucket with its own policy and clean-up; the app logs every request, with the client address CloudFront saw, to CloudWatch.',
      ],
      ...(certificate
        ? []
        : [
            [
              'AwsSolutions-CFR4',
              'The default *.cloudfront.net certificate fixes the viewer security policy at TLSv1 (clients still negotiate TLS 1.2 or 1.3); with -c domainName and -c certificateArn the stack sets TLSv1.2_2021.',
            ],
          ]),
    ] as const) {
      Validations.of(distribution).acknowledge({ id: `AwsSolutions::${rule}`, reason });
    }
    return distribution;
  }

  /**
   * The Waf parameter (default: -c waf, else false): "true" puts AWS WAF in front of CloudFront,
   * with one rate-based rule that blocks a client address above `wafRateLimit` requests in 5
   * minutes. A web ACL for CloudFront must live in us-east-1, whatever region the stack runs in, so
   * the stack's custom resource creates it there through the AWS SDK, and deletes it with the
   * stack. Returns the distribution's WebACLId: the web ACL's ARN, or nothing.
   */
  private webAcl(asked: boolean): string {
    const parameter = new CfnParameter(this, 'Waf', {
      type: 'String',
      default: String(asked),
      allowedValues: ['false', 'true'],
      description: `true adds AWS WAF to CloudFront (a web ACL in us-east-1) blocking a client address above ${wafRateLimit} requests in 5 minutes: $5 a month for the web ACL, $1 for its rule, $0.60 per million requests.`,
    });
    const on = new CfnCondition(this, 'WafOn', {
      expression: Fn.conditionEquals(parameter.valueAsString, 'true'),
    });
    const acl = this.customResource('WebAcl', 'WebAcl', {
      NamePrefix: `${Aws.STACK_NAME}-${Aws.REGION}`,
      RateLimit: String(wafRateLimit),
    });
    (acl.node.defaultChild as CfnResource).cfnOptions.condition = on;
    this.helper.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['wafv2:CreateWebACL', 'wafv2:GetWebACL', 'wafv2:DeleteWebACL'],
        resources: [
          `arn:${Aws.PARTITION}:wafv2:us-east-1:${Aws.ACCOUNT_ID}:global/webacl/${Aws.STACK_NAME}-*/*`,
        ],
      }),
    );
    Validations.of(this.helper).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:wafv2:us-east-1:<AWS::AccountId>:global/webacl/<AWS::StackName>-*/*]',
      reason:
        'The web ACL’s name ends with a suffix and its ARN with an ID that AWS WAF assigns when the function creates it; the grant covers only web ACLs named after this stack.',
    });
    return Fn.conditionIf(on.logicalId, acl.getAttString('Arn'), Aws.NO_VALUE).toString();
  }

  /** A and AAAA alias records of the custom domain, in the hosted zone the deploy found or was given. */
  private aliasRecords(
    distribution: cloudfront.Distribution,
    domainName: string,
    hostedZoneId: string,
  ): void {
    // The name ends with a dot, so it is used as it is and the zone's own name is not needed.
    const zone = route53.HostedZone.fromHostedZoneId(this, 'Zone', hostedZoneId);
    const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(distribution));
    const recordName = `${domainName}.`;
    new route53.ARecord(this, 'AliasIpv4', { zone, recordName, target });
    new route53.AaaaRecord(this, 'AliasIpv6', { zone, recordName, target });
  }

  /**
   * The ID of CloudFront's origin-facing prefix list in the region the stack is deployed to, read
   * at deploy time by the inline custom resource (ec2:DescribeManagedPrefixLists): the template
   * names no region.
   */
  private cloudFrontOriginFacingPrefixList(): string {
    return this.customResource('CloudFrontOriginFacing', 'PrefixList', {
      PrefixListName: cloudFrontOriginFacing,
    }).getAttString('PrefixListId');
  }
}
