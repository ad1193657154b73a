import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

/** One request the fake received: which service and action, with what, signed by which key. */
export interface AwsCall {
  service: string;
  action: string;
  params: Record<string, unknown>;
  accessKey: string;
}

/** An answer: XML (query protocols, Route 53) as a string, JSON as an object; 200 by default. */
export interface AwsAnswer {
  status?: number;
  body: string | object;
}

export type AwsAnswers = Record<
  string,
  AwsAnswer | ((params: Record<string, unknown>) => AwsAnswer)
>;

/** The error body of the query protocols (STS, IAM, CloudFormation). */
export const queryError = (code: string, message: string): AwsAnswer => ({
  status: 400,
  body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
});

/** A query protocol's success body: <ActionResponse><ActionResult>…</ActionResult></ActionResponse>. */
export const queryResult = (action: string, inner: string): AwsAnswer => ({
  body: `<${action}Response><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></${action}Response>`,
});

async function read(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

/**
 * A local stand-in for AWS's endpoints, which the AWS SDK reaches through AWS_ENDPOINT_URL: it
 * records every call (service, action, parameters and the key that signed it) and answers from
 * `answers`, keyed `service:Action` (the signing name: sts, ec2, iam, cloudformation,
 * secretsmanager, ecs, codebuild, logs, route53). An unexpected call gets an error.
 */
export async function fakeAws(answers: AwsAnswers) {
  const calls: AwsCall[] = [];
  const server = createServer(async (request, response) => {
    const body = await read(request);
    const auth = request.headers.authorization ?? '';
    const [, accessKey = '', service = ''] =
      /Credential=([^/]+)\/[^/]+\/[^/]+\/([^/]+)\//.exec(auth) ?? [];
    const target = request.headers['x-amz-target'];
    let action: string;
    let params: Record<string, unknown>;
    if (typeof target === 'string') {
      action = target.split('.').at(-1)!;
      params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } else if (request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      params = Object.fromEntries(new URLSearchParams(body));
      action = String(params.Action);
    } else {
      action = `${request.method} ${request.url}`;
      params = {};
    }
    calls.push({ service, action, params, accessKey });
    const found = answers[`${service}:${action}`];
    const answer: AwsAnswer =
      typeof found === 'function'
        ? found(params)
        : (found ?? {
            status: 400,
            body:
              typeof target === 'string'
                ? { __type: 'UnexpectedCall', message: `no answer for ${service}:${action}` }
                : `<ErrorResponse><Error><Code>UnexpectedCall</Code><Message>no answer for ${service}:${action}</Message></Error></ErrorResponse>`,
          });
    const json = typeof answer.body !== 'string';
    response.writeHead(answer.status ?? 200, {
      'content-type': json ? 'application/x-amz-json-1.1' : 'text/xml',
      'x-amzn-requestid': '1',
    });
    response.end(json ? JSON.stringify(answer.body) : answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    calls,
    /** Stub credentials and a region, every AWS endpoint this fake, no config file read. */
    env: {
      AWS_ACCESS_KEY_ID: 'AKIAREVIEWERSTUB',
      AWS_SECRET_ACCESS_KEY: 'stub-secret',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL: url,
      AWS_MAX_ATTEMPTS: '1',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    },
  };
}
