/**
 * The custom resources' code as the template carries it, inline: without its comment lines, which
 * stay in lib/custom-resources/index.cjs. Every byte counts twice in template.yaml (the YAML
 * indents each line of it), and the template must stay under the 51,200 bytes CloudFormation takes
 * in a request, so that `aws cloudformation deploy` needs no bucket.
 */
export function inlineCode(source: string): string {
  const code = source.replace(/^[ \t]*\/\*\*[^]*?\*\/\n/gm, '').replace(/^[ \t]*\/\/.*\n/gm, '');
  return `// lib/custom-resources/index.cjs of the CDK app, without its comments.\n${code}`;
}
