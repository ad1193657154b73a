import {
  CfnOutput,
  CfnResource,
  Duration,
  RemovalPolicy,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DockerImageAsset, Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { outputKeys, type ApiOptions } from './settings.ts';

const appDir = fileURLToPath(new URL('../app', import.meta.url));
const containerPort = 8000;
const vpcCidr = '10.0.0.0/16';
const originPort = 80;
/** The AWS-managed prefix list of CloudFront's origin-facing addresses, in every commercial region. */
const cloudFrontOriginFacing = 'com.amazonaws.global.cloudfront.origin-facing';
/** CloudFront and the load balancer each append one address to X-Forwarded-For. */
const trustedProxyHops = 2;

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
  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { desiredCount, natGateway, domainName, certificateArn, hostedZoneId } = props.options;

    // `origin` holds the internal load balancer: no route to or from the internet. Without a
    // NAT gateway the tasks sit in public subnets with a public IP, only to reach ECR, Secrets
    // Manager and CloudWatch; their security group admits nothing but the load balancer.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(vpcCidr),
      maxAzs: 2,
      natGateways: natGateway ? 1 : 0,
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
        'The app already logs every request; flow logs would add CloudWatch ingestion cost for traffic nobody analyses in a review deployment.',
    });
    this.keepRestrictDefaultSgLogs();

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

    const image = new DockerImageAsset(this, 'Image', {
      directory: appDir,
      platform: Platform.LINUX_AMD64,
    });

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: 256,
      memoryLimitMiB: 512,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    Validations.of(taskDefinition.obtainExecutionRole()).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only ecr:GetAuthorizationToken has Resource *: the action has no resource-level permissions. Pulls are scoped to the CDK’s container-assets repository of this account and region (cdk-hnb659fds-container-assets-…, shared by its CDK apps), and the secret read to the token.',
    });
    Validations.of(taskDefinition).acknowledge({
      id: 'AwsSolutions::AwsSolutions-ECS2',
      reason:
        'The one plain variable is TRUSTED_PROXY_HOPS=2, how many proxies append to X-Forwarded-For; the token comes from Secrets Manager.',
    });
    taskDefinition.addContainer('api', {
      image: ecs.ContainerImage.fromDockerImageAsset(image),
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
    listener.addTargets('Api', {
      port: containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [service],
      healthCheck: { path: '/healthz', healthyHttpCodes: '200' },
      deregistrationDelay: Duration.seconds(10),
    });

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
        'AwsSolutions-CFR2',
        'AWS WAF costs at least $5 a month per web ACL plus $1 per rule; the app asks every caller for the token, and CloudFront absorbs floods at the edge.',
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

    if (domainName && hostedZoneId) {
      // The name ends with a dot, so it is used as it is and the zone's own name is not needed.
      const zone = route53.HostedZone.fromHostedZoneId(this, 'Zone', hostedZoneId);
      const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(distribution));
      const recordName = `${domainName}.`;
      new route53.ARecord(this, 'AliasIpv4', { zone, recordName, target });
      new route53.AaaaRecord(this, 'AliasIpv6', { zone, recordName, target });
    }

    const host = domainName && hostedZoneId ? domainName : distribution.distributionDomainName;
    new CfnOutput(this, outputKeys.url, { value: `https://${host}/` });
    new CfnOutput(this, outputKeys.distributionDomain, {
      value: distribution.distributionDomainName,
    });
    new CfnOutput(this, outputKeys.cluster, { value: cluster.clusterName });
    new CfnOutput(this, outputKeys.service, { value: service.serviceName });
    new CfnOutput(this, outputKeys.secret, { value: token.secretArn });
    new CfnOutput(this, outputKeys.imageRepository, { value: image.repository.repositoryName });
    new CfnOutput(this, outputKeys.imageTag, { value: image.imageTag });
  }

  /**
   * The ID of CloudFront's origin-facing prefix list in the region the stack is deployed to, read
   * at deploy time by a CDK custom resource (ec2:DescribeManagedPrefixLists): `cdk synth` stays
   * offline and the template names no region. Its function logs to a group the stack deletes.
   */
  private cloudFrontOriginFacingPrefixList(): string {
    const logGroup = new logs.LogGroup(this, 'PrefixListLookupLogs', {
      retention: logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const sdkCall: cr.AwsSdkCall = {
      service: 'EC2',
      action: 'describeManagedPrefixLists',
      parameters: { Filters: [{ Name: 'prefix-list-name', Values: [cloudFrontOriginFacing] }] },
      outputPaths: ['PrefixLists.0.PrefixListId'],
      physicalResourceId: cr.PhysicalResourceId.fromResponse('PrefixLists.0.PrefixListId'),
    };
    const lookup = new cr.AwsCustomResource(this, 'CloudFrontOriginFacing', {
      onCreate: sdkCall,
      onUpdate: sdkCall,
      // The action has no resource-level permissions.
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
        resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE,
      }),
      logGroup,
      installLatestAwsSdk: false,
    });
    Validations.of(lookup).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'The one action, ec2:DescribeManagedPrefixLists, has no resource-level permissions; the function reads the prefix list and changes nothing.',
    });
    const role = lookup.grantPrincipal;
    if (Construct.isConstruct(role)) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'The CDK gives its custom-resource function the AWS managed AWSLambdaBasicExecutionRole: CloudWatch Logs actions only (create a group or stream, put events); the function writes to the log group this stack owns.',
      });
    }
    return lookup.getResponseField('PrefixLists.0.PrefixListId');
  }

  /**
   * The VPC's default security group is emptied by a CDK custom resource (feature flag
   * `restrictDefaultSecurityGroup`). Lambda would log to a group of its own that outlives the
   * stack; pointed at a log group the stack owns, its logs go when the stack goes.
   */
  private keepRestrictDefaultSgLogs(): void {
    const provider = this.node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
    const handler = provider?.node.tryFindChild('Handler');
    if (!(handler instanceof CfnResource)) return;
    const group = new logs.LogGroup(this, 'RestrictDefaultSgLogs', {
      retention: logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    handler.addPropertyOverride('LoggingConfig', {
      LogFormat: 'Text',
      LogGroup: group.logGroupName,
    });
    handler.node.addDependency(group);
  }
}
