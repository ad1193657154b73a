import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DockerImageAsset, Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { outputKeys, type ApiOptions } from './settings.ts';

const appDir = fileURLToPath(new URL('../app', import.meta.url));
const containerPort = 8000;

export interface ApiStackProps extends StackProps {
  options: ApiOptions;
}

/**
 * The Flask API on ECS Fargate behind an Application Load Balancer, in a new VPC over two
 * Availability Zones. The token lives in Secrets Manager and reaches the container as
 * APP_SECRET_TOKEN through the task definition's secrets, so it is never in the template.
 */
export class ApiStack extends Stack {
  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { desiredCount, natGateway, certificateArn } = props.options;

    // Without a NAT gateway the tasks sit in public subnets with a public IP, to reach ECR,
    // Secrets Manager and CloudWatch; their security group still admits only the load balancer.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: natGateway ? 1 : 0,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        ...(natGateway
          ? [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 }]
          : []),
      ],
    });
    Validations.of(vpc).acknowledge({
      id: 'AwsSolutions::AwsSolutions-VPC7',
      reason:
        'The load balancer and the app already log every request; flow logs would add CloudWatch ingestion cost for traffic nobody analyses in a review deployment.',
    });

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
        'Only ecr:GetAuthorizationToken has Resource *: the action has no resource-level permissions. Pulls are scoped to the image repository, and the secret read to the token.',
    });
    taskDefinition.addContainer('api', {
      image: ecs.ContainerImage.fromDockerImageAsset(image),
      portMappings: [{ containerPort }],
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
      vpcSubnets: {
        subnetType: natGateway ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PUBLIC,
      },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
    });

    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
      dropInvalidHeaderFields: true,
    });
    Validations.of(loadBalancer).acknowledge({
      id: 'AwsSolutions::AwsSolutions-ELB2',
      reason:
        'Access logs need an S3 bucket with its own policy and clean-up; the app already logs every request as JSON to CloudWatch, enough for a review deployment.',
    });
    Validations.of(loadBalancer).acknowledge({
      id: 'AwsSolutions::AwsSolutions-EC23',
      reason:
        'A public API: anyone may reach the load balancer, and the app asks every caller for the token.',
    });

    const listener = certificateArn
      ? loadBalancer.addListener('Https', {
          port: 443,
          certificates: [acm.Certificate.fromCertificateArn(this, 'Certificate', certificateArn)],
          sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        })
      : loadBalancer.addListener('Http', { port: 80 });
    if (certificateArn) loadBalancer.addRedirect();
    listener.addTargets('Api', {
      port: containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [service],
      healthCheck: { path: '/healthz', healthyHttpCodes: '200' },
      deregistrationDelay: Duration.seconds(10),
    });

    const scheme = certificateArn ? 'https' : 'http';
    new CfnOutput(this, outputKeys.url, {
      value: `${scheme}://${loadBalancer.loadBalancerDnsName}/`,
    });
    new CfnOutput(this, outputKeys.cluster, { value: cluster.clusterName });
    new CfnOutput(this, outputKeys.service, { value: service.serviceName });
    new CfnOutput(this, outputKeys.secret, { value: token.secretArn });
    new CfnOutput(this, outputKeys.imageRepository, { value: image.repository.repositoryName });
    new CfnOutput(this, outputKeys.imageTag, { value: image.imageTag });
  }
}
