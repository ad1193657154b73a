import { App, Stack, Validations } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { NIST80053R5Checks } from 'cdk-nag';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Rule → the resources it reports (logical IDs without the CDK's hash). */
export type NistFindings = Record<string, string[]>;

/**
 * What cdk-nag's NIST 800-53 rev. 5 pack still reports on the default template, each finding
 * explained in the README ("What the NIST 800-53 rev. 5 checks still report, and why"). A
 * finding not listed here, or one listed that no longer shows, fails `npm run nist`.
 */
export const acceptedNistFindings: NistFindings = {
  ALBHttpToHttpsRedirection: ['LoadBalancerHttp'],
  ALBWAFEnabled: ['LoadBalancer'],
  CloudWatchLogGroupEncrypted: ['CustomResourceLogs', 'ImageBuildLogs', 'Logs'],
  ELBDeletionProtectionEnabled: ['LoadBalancer'],
  ELBLoggingEnabled: ['LoadBalancer'],
  ELBv2ACMCertificateRequired: ['LoadBalancerHttp'],
  IAMNoInlinePolicy: [
    'CustomResourcesServiceRoleDefaultPolicy',
    'ImageBuildRoleDefaultPolicy',
    'TaskExecutionRoleDefaultPolicy',
  ],
  LambdaConcurrency: ['CustomResources'],
  LambdaDLQ: ['CustomResources'],
  LambdaInsideVPC: ['CustomResources'],
  SecretsManagerRotationEnabled: ['ApiToken'],
  SecretsManagerUsingKMSKey: ['ApiToken'],
  VPCDefaultSecurityGroupClosed: ['Vpc'],
  VPCFlowLogsEnabled: ['Vpc'],
  VPCNoUnrestrictedRouteToIGW: ['VpcpublicSubnet1DefaultRoute', 'VpcpublicSubnet2DefaultRoute'],
};

interface Report {
  pluginReports: {
    violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/**
 * Runs the NIST pack on a synthesized template as CloudFormation will read it: every resource as
 * plain CloudFormation, the CDK's own custom-resource functions included, which a check inside
 * the CDK app would not see as functions.
 */
export function nistFindings(templateFile: string): NistFindings {
  const template = JSON.parse(readFileSync(templateFile, 'utf8')) as {
    Parameters?: Record<string, unknown>;
    Rules?: Record<string, unknown>;
  };
  // The including stack brings its own bootstrap-version check: drop the template's copy.
  delete template.Parameters?.BootstrapVersion;
  delete template.Rules?.CheckBootstrapVersion;
  const outdir = mkdtempSync(join(tmpdir(), 'nist-'));
  const log = console.error;
  try {
    const checked = join(outdir, 'checked.template.json');
    writeFileSync(checked, JSON.stringify(template));
    const app = new App({ outdir });
    new CfnInclude(new Stack(app, 'Checked'), 'Template', { templateFile: checked });
    Validations.of(app).addPlugins(new NIST80053R5Checks(app));
    // The pack prints each finding and fails the synth; the report file is what counts here.
    console.error = () => {};
    try {
      app.synth();
    } catch {
      // expected whenever the pack finds anything: the report says what
    } finally {
      console.error = log;
    }
    const report = JSON.parse(
      readFileSync(join(outdir, 'validation-report.json'), 'utf8'),
    ) as Report;
    const findings: NistFindings = {};
    for (const { ruleName, violatingConstructs } of report.pluginReports[0]?.violations ?? []) {
      const rule = ruleName.replace(/^NIST\.800\.53\.R5-/, '');
      const resources = violatingConstructs.map((c) =>
        c.constructPath
          .split('/')
          .at(-1)!
          .replace(/[0-9A-F]{8}$/, ''),
      );
      findings[rule] = [...(findings[rule] ?? []), ...resources].sort();
    }
    return Object.fromEntries(Object.entries(findings).sort(([a], [b]) => a.localeCompare(b)));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** How `found` differs from the accepted list, one line each; empty when they agree. */
export function nistDifferences(found: NistFindings, accepted = acceptedNistFindings): string[] {
  const pairs = (findings: NistFindings) =>
    new Set(Object.entries(findings).flatMap(([rule, ids]) => ids.map((id) => `${rule} ${id}`)));
  const now = pairs(found);
  const before = pairs(accepted);
  return [
    ...[...now].filter((p) => !before.has(p)).map((p) => `new:  ${p}`),
    ...[...before].filter((p) => !now.has(p)).map((p) => `gone: ${p}`),
  ];
}
