/** Names the stack and the scripts agree on. */
export const stackName = 'FlaskTokenApi';

/** The stack's outputs the scripts read after a deploy. */
export const outputKeys = {
  url: 'ApiUrl',
  distributionDomain: 'DistributionDomainName',
  cluster: 'ClusterName',
  service: 'ServiceName',
  secret: 'TokenSecretArn',
  imageRepository: 'ImageRepository',
  imageTag: 'ImageTag',
} as const;

/** The deploy's choices, from `-c key=value`, kept in cdk.context.json between deploys. */
export interface ApiOptions {
  /** Where the image is built: in the account by CodeBuild (no bootstrap), or by local Docker. */
  imageBuild: 'codebuild' | 'local';
  /** Tasks running at least; 2 spreads them over both Availability Zones. */
  desiredCount: number;
  /** Tasks auto scaling may run at most, on CPU or requests per task. */
  maxTasks: number;
  /** Two zone IDs (or names), comma-separated; otherwise the region's first two that work. */
  availabilityZones?: string;
  /**
   * Put the tasks in private subnets behind one NAT gateway: about $36.50 a month for the gateway
   * and its address, $32.85 net of the task's own public address it replaces (one task).
   */
  natGateway: boolean;
  /**
   * An AWS WAF web ACL on CloudFront with one rate-based rule: $5 a month for the web ACL, $1 for
   * the rule, $0.60 per million requests. The template's Waf parameter, whose default this sets.
   */
  waf: boolean;
  /** A name of your own for the API, served by CloudFront with `certificateArn`. */
  domainName?: string;
  /** An ACM certificate in us-east-1 (CloudFront's region) that covers `domainName`. */
  certificateArn?: string;
  /** The Route 53 public hosted zone of `domainName`: the stack then creates its DNS records. */
  hostedZoneId?: string;
}

/** The `-c` keys the stack reads; any other key is a typo the deploy refuses. */
export const optionKeys = [
  'imageBuild',
  'desiredCount',
  'maxTasks',
  'availabilityZones',
  'natGateway',
  'waf',
  'domainName',
  'certificateArn',
  'hostedZoneId',
] as const;

const domainPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Reads the options from CDK context values, refusing what it cannot use. */
export function apiOptions(context: (key: string) => unknown): ApiOptions {
  const text = (key: string) => {
    const value = context(key);
    return value === undefined || value === '' ? undefined : String(value);
  };
  const desired = Number(text('desiredCount') ?? 1);
  if (!Number.isInteger(desired) || desired < 1 || desired > 10) {
    throw new Error(
      `-c desiredCount must be a whole number from 1 to 10, not “${text('desiredCount')}”.`,
    );
  }
  const maxTasks = Number(text('maxTasks') ?? Math.max(3, desired));
  if (!Number.isInteger(maxTasks) || maxTasks < desired || maxTasks > 20) {
    throw new Error(
      `-c maxTasks must be a whole number from desiredCount (${desired}) to 20, not “${text('maxTasks')}”.`,
    );
  }
  const imageBuild = text('imageBuild') ?? 'codebuild';
  if (imageBuild !== 'codebuild' && imageBuild !== 'local') {
    throw new Error(`-c imageBuild must be codebuild or local, not “${imageBuild}”.`);
  }
  const availabilityZones = text('availabilityZones')?.replace(/\s+/g, '');
  if (
    availabilityZones !== undefined &&
    !/^([a-z]+\d+-az\d+|[a-z]+-[a-z]+-\d+[a-z]),([a-z]+\d+-az\d+|[a-z]+-[a-z]+-\d+[a-z])$/.test(
      availabilityZones,
    )
  ) {
    throw new Error(
      `-c availabilityZones takes two zone IDs or names, such as euw1-az1,euw1-az2, not “${availabilityZones}”.`,
    );
  }
  const nat = text('natGateway') ?? 'false';
  if (nat !== 'true' && nat !== 'false') {
    throw new Error(`-c natGateway must be true or false, not “${nat}”.`);
  }
  const waf = text('waf') ?? 'false';
  if (waf !== 'true' && waf !== 'false') {
    throw new Error(`-c waf must be true or false, not “${waf}”.`);
  }
  const domainName = text('domainName')?.toLowerCase().replace(/\.$/, '');
  const certificateArn = text('certificateArn');
  const hostedZoneId = text('hostedZoneId');
  if (domainName !== undefined && !domainPattern.test(domainName)) {
    throw new Error(
      `-c domainName must be a DNS name such as api.example.com, not “${domainName}”.`,
    );
  }
  if (
    certificateArn !== undefined &&
    !/^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\//.test(certificateArn)
  ) {
    throw new Error(
      `-c certificateArn must be an ACM certificate ARN in us-east-1 (the region CloudFront reads certificates from), not “${certificateArn}”.`,
    );
  }
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error(
      '-c domainName and -c certificateArn go together: the certificate must cover the name.',
    );
  }
  if (
    hostedZoneId !== undefined &&
    (domainName === undefined || !/^Z[A-Z0-9]{1,32}$/.test(hostedZoneId))
  ) {
    throw new Error(
      `-c hostedZoneId must be a Route 53 hosted zone ID (Z…) and needs -c domainName, not “${hostedZoneId}”.`,
    );
  }
  return {
    imageBuild,
    desiredCount: desired,
    maxTasks,
    ...(availabilityZones === undefined ? {} : { availabilityZones }),
    natGateway: nat === 'true',
    waf: waf === 'true',
    ...(domainName === undefined ? {} : { domainName }),
    ...(certificateArn === undefined ? {} : { certificateArn }),
    ...(hostedZoneId === undefined ? {} : { hostedZoneId }),
  };
}
