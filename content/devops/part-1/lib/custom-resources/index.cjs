// The stack's custom resources, carried inline in its template (the function's ZipFile), so the
// template deploys with no asset bucket and no CDK bootstrap. One function, five resource types:
//   Custom::AvailabilityZones     two zones of the region where CloudFront VPC origins work
//   Custom::PrefixList            the ID of CloudFront's origin-facing prefix list in the region
//   Custom::DefaultSecurityGroup  empties the VPC's default security group
//   Custom::ImageBuild            builds the app's image in CodeBuild and waits for the push
//   Custom::WebAcl                an AWS WAF web ACL for CloudFront, in us-east-1, with a rate limit
// Lambda runs it as CommonJS (index.js) with the AWS SDK for JavaScript v3 of its runtime.
'use strict';

/**
 * Zone IDs where CloudFront VPC origins do not work: a copy of the exceptions in the table
 * "Supported AWS Regions for VPC origins" of the CloudFront Developer Guide
 * (private-content-vpc-origins.html). Update it from that table; a zone can always be chosen by
 * hand (the AvailabilityZones parameter, -c availabilityZones).
 */
const unsupportedZoneIds = ['use1-az3', 'usw1-az2', 'apne1-az3', 'cac1-az3'];

/** A web ACL for CloudFront lives in us-east-1, whatever region the stack is deployed to. */
const cloudFrontWafRegion = 'us-east-1';

/**
 * The two zones the stack uses: the ones asked for (zone IDs, or names), or else the region's
 * first two that VPC origins support, in zone-name order. Throws a message that says what to do.
 */
function pickZones(zones, asked, unsupported = unsupportedZoneIds) {
  const available = zones
    .filter((z) => z.ZoneType === undefined || z.ZoneType === 'availability-zone')
    .filter((z) => z.State === undefined || z.State === 'available')
    .sort((a, b) => a.ZoneName.localeCompare(b.ZoneName));
  const usable = available.filter((z) => !unsupported.includes(z.ZoneId));
  const wanted = String(asked || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const describe = (list) => list.map((z) => `${z.ZoneName} (${z.ZoneId})`).join(', ') || 'none';
  if (wanted.length > 0) {
    const chosen = wanted.map((w) => {
      const zone = available.find((z) => z.ZoneId === w || z.ZoneName === w);
      if (!zone)
        throw new Error(
          `Availability Zone ${w} is not an available zone of this region; its zones: ${describe(available)}.`,
        );
      if (unsupported.includes(zone.ZoneId))
        throw new Error(
          `Availability Zone ${w} (${zone.ZoneId}) does not support CloudFront VPC origins; choose two of: ${describe(usable)}.`,
        );
      return zone;
    });
    if (new Set(chosen.map((z) => z.ZoneId)).size !== 2)
      throw new Error(
        `Give exactly two different Availability Zones, not "${asked}"; this region's zones that support CloudFront VPC origins: ${describe(usable)}.`,
      );
    return chosen;
  }
  if (usable.length < 2)
    throw new Error(
      `This region has fewer than two Availability Zones that support CloudFront VPC origins (${describe(usable)}): deploy to another region.`,
    );
  return usable.slice(0, 2);
}

const actions = {
  async 'Custom::AvailabilityZones'(event, { send }) {
    if (event.RequestType === 'Delete') return { id: event.PhysicalResourceId };
    const { AvailabilityZones } = await send('EC2', 'DescribeAvailabilityZones', {
      Filters: [{ Name: 'zone-type', Values: ['availability-zone'] }],
    });
    const zones = pickZones(AvailabilityZones, event.ResourceProperties.ZoneIds);
    return {
      id: zones.map((z) => z.ZoneId).join(','),
      data: {
        Zone1: zones[0].ZoneName,
        Zone2: zones[1].ZoneName,
        ZoneId1: zones[0].ZoneId,
        ZoneId2: zones[1].ZoneId,
      },
    };
  },

  async 'Custom::PrefixList'(event, { send }) {
    if (event.RequestType === 'Delete') return { id: event.PhysicalResourceId };
    const name = event.ResourceProperties.PrefixListName;
    const { PrefixLists } = await send('EC2', 'DescribeManagedPrefixLists', {
      Filters: [{ Name: 'prefix-list-name', Values: [name] }],
    });
    const id = PrefixLists && PrefixLists[0] && PrefixLists[0].PrefixListId;
    if (!id) throw new Error(`The managed prefix list ${name} is not in this region.`);
    return { id, data: { PrefixListId: id } };
  },

  async 'Custom::DefaultSecurityGroup'(event, { send }) {
    const groupId = event.ResourceProperties.GroupId;
    if (event.RequestType === 'Delete') return { id: groupId };
    const revoke = async (action, permission) => {
      try {
        await send('EC2', action, { GroupId: groupId, IpPermissions: [permission] });
      } catch (error) {
        if (error.name !== 'InvalidPermission.NotFound') throw error;
      }
    };
    await revoke('RevokeSecurityGroupIngress', {
      IpProtocol: '-1',
      UserIdGroupPairs: [{ GroupId: groupId }],
    });
    await revoke('RevokeSecurityGroupEgress', {
      IpProtocol: '-1',
      IpRanges: [{ CidrIp: '0.0.0.0/0' }],
    });
    return { id: groupId };
  },

  async 'Custom::ImageBuild'(event, { send, sleep, remainingMs, log }) {
    const { ProjectName: projectName, ImageUri: imageUri } = event.ResourceProperties;
    // The repository belongs to the stack and empties itself when deleted.
    if (event.RequestType === 'Delete') return { id: event.PhysicalResourceId };
    const { build } = await send('CodeBuild', 'StartBuild', { projectName });
    log(`Started ${build.id} to build ${imageUri}`);
    for (;;) {
      await sleep(10000);
      const { builds } = await send('CodeBuild', 'BatchGetBuilds', { ids: [build.id] });
      const { buildStatus, currentPhase, logs } = builds[0];
      log(`${build.id}: ${buildStatus}, ${currentPhase}`);
      if (buildStatus === 'SUCCEEDED') return { id: imageUri, data: { ImageUri: imageUri } };
      if (buildStatus !== 'IN_PROGRESS') {
        const failed = (builds[0].phases || []).find(
          (p) => p.phaseStatus && p.phaseStatus !== 'SUCCEEDED',
        );
        const why = failed
          ? ` in ${failed.phaseType}${failed.contexts && failed.contexts[0] ? `: ${failed.contexts[0].message}` : ''}`
          : '';
        throw new Error(
          `The image build ${buildStatus}${why}. Its log: ${(logs && logs.deepLink) || 'the CodeBuild console'}`,
        );
      }
      if (remainingMs() < 30000) {
        await send('CodeBuild', 'StopBuild', { id: build.id });
        throw new Error(
          `The image build ${build.id} did not finish within the function's 15 minutes; it was stopped. Deploy again.`,
        );
      }
    }
  },

  async 'Custom::WebAcl'(event, { send, sleep }) {
    const scope = { Scope: 'CLOUDFRONT' };
    if (event.RequestType === 'Delete') {
      const arn = event.PhysicalResourceId;
      const [, Name, Id] = /:global\/webacl\/([^/]+)\/([^/]+)$/.exec(arn || '') || [];
      // A create that failed made no web ACL.
      if (!Name) return { id: arn };
      for (let attempt = 1; ; attempt++) {
        try {
          const { LockToken } = await send(
            'WAFV2',
            'GetWebACL',
            { Name, Id, ...scope },
            cloudFrontWafRegion,
          );
          await send(
            'WAFV2',
            'DeleteWebACL',
            { Name, Id, LockToken, ...scope },
            cloudFrontWafRegion,
          );
          return { id: arn };
        } catch (error) {
          if (error.name === 'WAFNonexistentItemException') return { id: arn };
          // CloudFront lets go of the web ACL a while after the distribution is updated or
          // deleted; another change in between moves the lock token on.
          const transient = ['WAFAssociatedItemException', 'WAFOptimisticLockException'];
          if (!transient.includes(error.name) || attempt >= 20) throw error;
          await sleep(15000);
        }
      }
    }
    // A create, or an update that changes the rule: a new web ACL (CloudFormation then deletes the
    // old one, its physical ID having changed), named after the stack and this request.
    const prefix = event.ResourceProperties.NamePrefix.replace(/[^\w-]/g, '-').slice(0, 110);
    const Name = `${prefix}-${event.RequestId.slice(0, 8)}`;
    const visibility = (MetricName) => ({
      SampledRequestsEnabled: true,
      CloudWatchMetricsEnabled: true,
      MetricName,
    });
    const { Summary } = await send(
      'WAFV2',
      'CreateWebACL',
      {
        Name,
        ...scope,
        Description: 'The Flask token API (DevOps Part 1): a rate limit per client address.',
        DefaultAction: { Allow: {} },
        Rules: [
          {
            Name: 'RateLimitPerClientAddress',
            Priority: 0,
            Action: { Block: {} },
            Statement: {
              RateBasedStatement: {
                Limit: Number(event.ResourceProperties.RateLimit),
                EvaluationWindowSec: 300,
                AggregateKeyType: 'IP',
              },
            },
            VisibilityConfig: visibility('RateLimitPerClientAddress'),
          },
        ],
        VisibilityConfig: visibility(Name),
      },
      cloudFrontWafRegion,
    );
    return { id: Summary.ARN, data: { Arn: Summary.ARN } };
  },
};

/** The handler, with the AWS calls, the reply to CloudFormation and the clock given to it. */
function makeHandler(deps) {
  return async (event, context) => {
    const act = actions[event.ResourceType];
    let reply;
    try {
      if (!act) throw new Error(`Unknown resource type ${event.ResourceType}`);
      const result = await act(event, {
        ...deps,
        remainingMs: () => context.getRemainingTimeInMillis(),
      });
      reply = { Status: 'SUCCESS', PhysicalResourceId: result.id, Data: result.data || {} };
    } catch (error) {
      deps.log(`FAILED: ${error.stack || error}`);
      reply = {
        Status: 'FAILED',
        Reason: String(error.message || error).slice(0, 3000),
        PhysicalResourceId: event.PhysicalResourceId || `${event.LogicalResourceId}-failed`,
      };
    }
    try {
      await deps.respond(event.ResponseURL, {
        ...reply,
        StackId: event.StackId,
        RequestId: event.RequestId,
        LogicalResourceId: event.LogicalResourceId,
      });
    } catch (error) {
      // The work is done and only the reply is lost: rethrown, the error would only fail the
      // invocation. Logged, it says what happened; the resource's ServiceTimeout (set in the
      // stack) then fails the operation in minutes instead of CloudFormation's default hour.
      deps.log(
        `Could not send the ${reply.Status} reply to CloudFormation: ${error.stack || error}`,
      );
    }
  };
}

/**
 * One AWS API call through the runtime's SDK, in the function's region unless another is named:
 * send('EC2', 'DescribeAvailabilityZones', {...}).
 */
function sdkSend(service, action, input, region) {
  // Lambda runs inline code as CommonJS: require is the way in to the runtime's SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require(`@aws-sdk/client-${service.toLowerCase()}`);
  return new sdk[`${service}Client`](region ? { region } : {}).send(
    new sdk[`${action}Command`](input),
  );
}

/** The reply CloudFormation waits for: a PUT of JSON to the pre-signed ResponseURL. */
async function respondHttps(url, body) {
  const response = await fetch(url, {
    method: 'PUT',
    body: JSON.stringify(body),
    headers: { 'content-type': '' },
  });
  if (!response.ok) throw new Error(`CloudFormation refused the reply: ${response.status}`);
}

exports.pickZones = pickZones;
exports.unsupportedZoneIds = unsupportedZoneIds;
exports.makeHandler = makeHandler;
exports.handler = makeHandler({
  send: sdkSend,
  respond: respondHttps,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  log: (line) => console.log(line),
});
