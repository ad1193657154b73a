/** Names the stack and the scripts agree on. */
export const stackName = 'FlaskTokenApi';

/** The stack's outputs the scripts read after a deploy. */
export const outputKeys = {
  url: 'ApiUrl',
  cluster: 'ClusterName',
  service: 'ServiceName',
  secret: 'TokenSecretArn',
  imageRepository: 'ImageRepository',
  imageTag: 'ImageTag',
} as const;

/** The deploy's choices, from `-c key=value` on the command line. */
export interface ApiOptions {
  /** Tasks running at once; 2 spreads them over both Availability Zones. */
  desiredCount: number;
  /** Put the tasks in private subnets behind one NAT gateway (about $33 a month more). */
  natGateway: boolean;
  /** An ACM certificate for HTTPS on the load balancer; without one the API is plain HTTP. */
  certificateArn?: string;
}

/** Reads the options from CDK context values, refusing what it cannot use. */
export function apiOptions(context: (key: string) => unknown): ApiOptions {
  const desired = Number(context('desiredCount') ?? 1);
  if (!Number.isInteger(desired) || desired < 1 || desired > 10) {
    throw new Error(
      `-c desiredCount must be a whole number from 1 to 10, not “${String(context('desiredCount'))}”.`,
    );
  }
  const nat = String(context('natGateway') ?? 'false');
  if (nat !== 'true' && nat !== 'false') {
    throw new Error(`-c natGateway must be true or false, not “${nat}”.`);
  }
  const certificateArn = context('certificateArn');
  if (certificateArn !== undefined && !/^arn:aws[\w-]*:acm:/.test(String(certificateArn))) {
    throw new Error(
      `-c certificateArn must be an ACM certificate ARN, not “${String(certificateArn)}”.`,
    );
  }
  return {
    desiredCount: desired,
    natGateway: nat === 'true',
    ...(certificateArn === undefined ? {} : { certificateArn: String(certificateArn) }),
  };
}
